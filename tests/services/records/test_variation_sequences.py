"""Ideographic variation sequences in names (issue 15): a variation selector (U+E0100–U+E01EF, U+FE00–U+FE0F)
directly after a CJK ideograph — the variant glyph of a rare surname — is accepted in every import format and
stored as typed; a selector anywhere else (alone, after a Latin letter, doubled, after a space) is refused at its
cell.  Among clean rows, so that the import's fast paths (which test ``str.isprintable`` only) must hand the
file to the careful path for the refusal to be found — and for the accepted ones to be the same."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import actor
from tests.services.helpers import roster, write_workbook

ACCEPTED = ["葛\U000e0100", "葛\U000e0101三", "\U00020000\U000e0100林", "\uf900\ufe00之", "邉\U000e0108\u00b7明",
            "欧阳\U000e01ef娜娜", "张\ufe0f三"]
REFUSED = [("\U000e0100葛", 1), ("Li\U000e0100", 3), ("葛\U000e0100\U000e0101", 3), ("葛 \ufe00", 3),
           ("张\ufe0f\ufe0f三", 3), ("あ\U000e0100", 2)]
FORMATS = ["xlsx", "csv-utf-8", "csv-gb18030", "csv-utf-16", "json"]


@pytest.fixture
def desk(tmp_path):
    d = Desk.open(f"sqlite:///{tmp_path / 'd.sqlite3'}", actor("测试员"))
    d.batch_id = d.create_batch("秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    yield d
    d.close()


def _file(tmp_path, kind: str, name: str, clean: int = 40):
    """``clean`` clean rows with ``name`` on the one in the middle; returns (path, its ID number, its row)."""
    people, work = roster(clean)
    middle = clean // 2
    people[middle][1] = name
    if kind == "xlsx":
        path = tmp_path / "名单.xlsx"
        write_workbook(path, {"考生": people, "工作经历": work})
        return path, people[middle][0], middle + 2
    if kind.startswith("csv"):
        path = tmp_path / "名单.csv"
        text = "身份证号码,姓名,考生编号,申报等级\n" + "".join(f"{p[0]},{p[1]},{p[2]},{p[3]}\n" for p in people)
        path.write_bytes(text.encode(kind.removeprefix("csv-")))
        return path, people[middle][0], middle + 2
    path = tmp_path / "名单.json"
    path.write_text(json.dumps({"applicants": [{"id": p[2], "name": p[1], "id_number": p[0]} for p in people]},
                               ensure_ascii=False), encoding="utf-8")
    return path, people[middle][0], middle + 1


@pytest.mark.parametrize("name", ACCEPTED, ids=[n.encode("unicode_escape").decode() for n in ACCEPTED])
@pytest.mark.parametrize("kind", FORMATS)
def test_a_variation_sequence_after_an_ideograph_is_stored_as_typed(desk, tmp_path, kind, name):
    path, number, _row = _file(tmp_path, kind, name)
    report = desk.import_file(path, desk.batch_id)
    assert report.ok, report.problems
    stored = {row.id_number: row.name for row in desk.applicant_rows(desk.batch_id)}
    assert stored[number] == name                                  # kept as typed, selector and all
    out = tmp_path / "导出.xlsx"
    desk.export_batch(desk.batch_id, out)                          # and exported without a problem
    assert out.stat().st_size > 0


@pytest.mark.parametrize("name,position", REFUSED, ids=[n.encode("unicode_escape").decode() for n, _ in REFUSED])
@pytest.mark.parametrize("kind", FORMATS)
def test_a_selector_anywhere_else_is_refused_at_its_cell(desk, tmp_path, kind, name, position):
    path, _number, row = _file(tmp_path, kind, name)
    report = desk.import_file(path, desk.batch_id)
    assert not report.ok and desk.applicant_rows() == []
    problems = [(p.row, p.code, p.params.get("position")) for p in report.problems]
    assert problems == [(row, "invisible_character", position)], report.problems
