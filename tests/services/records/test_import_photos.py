"""The 照片 column of the import template (issue 11): a file name relative to the workbook's folder, read,
made upright and small, stored with the applicant in the import's transaction; a bad file is a problem of
its cell and the import writes nothing."""

from __future__ import annotations

import io

from PIL import Image

from eligibility_desk.services.printing.photos import photo_count, stored_photo
from tests.services.helpers import roster, write_workbook
from tests.services.printing.photo_samples import encode, is_upright, portrait, sideways_jpeg, truncated_jpeg


def test_photo_cells_store_upright_photos_with_the_applicants(desk, batch_id, tmp_path):
    people, work = roster(4)
    (tmp_path / "照片").mkdir()
    (tmp_path / "照片" / "sideways.jpg").write_bytes(sideways_jpeg())
    (tmp_path / "big.png").write_bytes(encode(portrait(1200, 1600), "PNG"))
    people[0].append("照片/sideways.jpg")
    people[1].append("big.png")
    people[2].append(None)                        # no photo: fine
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)
    assert report.ok, [p.describe() for p in report.problems]
    pks = {r.id_number: r.pk for r in desk.applicant_rows(batch_id)}
    first = stored_photo(desk.db, pks[people[0][0]])
    assert is_upright(Image.open(io.BytesIO(first.jpeg)))
    assert (stored_photo(desk.db, pks[people[1][0]]).width, stored_photo(desk.db, pks[people[1][0]]).height) == (331, 441)
    assert photo_count(desk.db, batch_id) == 2
    actions = [a["action"] for a in desk.audit_trail("applicant")]
    assert actions.count("photo") == 2


def test_a_missing_or_truncated_photo_is_a_problem_of_its_cell_and_nothing_is_written(desk, batch_id, tmp_path):
    people, work = roster(3)
    (tmp_path / "cut.jpg").write_bytes(truncated_jpeg())
    (tmp_path / "ok.jpg").write_bytes(encode(portrait(), "JPEG"))
    people[0].append("cut.jpg")
    people[1].append("gone.jpg")
    people[2].append("ok.jpg")
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    report = desk.import_file(path, batch_id)
    assert not report.ok and report.created == 0
    found = sorted((p.row, p.column, p.value, p.code, p.column_index) for p in report.problems)
    assert found == [(2, "照片", "cut.jpg", "photo_corrupt", 6), (3, "照片", "gone.jpg", "photo_missing", 6)]
    assert any(p.message() == "照片文件不存在：gone.jpg" for p in report.problems)
    assert desk.applicant_rows(batch_id) == [] and photo_count(desk.db) == 0


def test_the_template_has_the_photo_column():
    from eligibility_desk.services.records.import_layout import APPLICANTS

    assert APPLICANTS.column("photo").header == "照片" and not APPLICANTS.column("photo").required
