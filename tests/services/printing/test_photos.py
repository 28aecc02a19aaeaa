"""Photos (issue 11): a folder imported with the bad files named and the good ones stored; stored photos upright,
ID-sized, printed on the slips from the database; the PDF stays small."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from eligibility_desk.documents import DocumentOptions
from eligibility_desk.documents.photo import PHOTO_SIZE, PhotoError, normalise_photo
from eligibility_desk.services.printing import batch_documents as printing
from eligibility_desk.services.printing.photos import import_photo_folder, photo_count, stored_photo
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import plan_batch_shown

from tests.documents.pdf_helpers import image_count

from .photo_samples import encode, is_upright, portrait, sideways_jpeg, truncated_jpeg

KEY = bytes(range(32))


@pytest.fixture
def demo(desk):
    batch_id = desk.create_demo_batch(n=100, seed=7)
    create_demo_resources(desk.db, batch_id, desk.actor)
    return batch_id


def _people(desk, batch_id):
    return [(item.pk, item.id_number, item.code) for item in desk.applicant_rows(batch_id)]


def _folder_of_100(desk, batch_id, folder: Path) -> dict[str, int]:
    """100 photos for the batch's applicants: JPEG and PNG, by ID number and by code; one sideways with
    an EXIF tag, one 6000×8000, one truncated.  Returns file name -> applicant pk."""
    folder.mkdir()
    people = _people(desk, batch_id)
    assert len(people) == 100
    names = {}
    for i, (pk, number, code) in enumerate(people):
        stem = code if i % 3 == 0 and code else number
        if i == 0:
            name, data = f"{stem}.jpg", sideways_jpeg()
        elif i == 1:
            name, data = f"{stem}.jpeg", encode(portrait(6000, 8000, seed=i), "JPEG", quality=88)
        elif i == 2:
            name, data = f"{stem}.jpg", truncated_jpeg()
        elif i % 2:
            name, data = f"{stem}.png", encode(portrait(300, 400, seed=i), "PNG")
        else:
            name, data = f"{stem}.JPG", encode(portrait(600, 800, seed=i), "JPEG", quality=90)
        (folder / name).write_bytes(data)
        names[name] = pk
    return names


def test_a_folder_of_100_imports_all_but_the_truncated_one_which_is_named(desk, demo, tmp_path):
    names = _folder_of_100(desk, demo, tmp_path / "照片")
    seen = []
    report = import_photo_folder(desk.db, demo, tmp_path / "照片", desk.actor, lambda d, t: seen.append((d, t)))
    truncated = next(n for n, pk in names.items() if pk == _people(desk, demo)[2][0])
    assert report.files == 100 and report.imported == 99 and report.replaced == report.unchanged == 0
    assert [(p.file, p.code) for p in report.problems] == [(truncated, "photo_corrupt")]
    assert truncated in report.problems[0].describe() and "损坏" in report.problems[0].message()
    assert photo_count(desk.db, demo) == 99 and seen[-1][0] == seen[-1][1]
    for name, pk in names.items():
        photo = stored_photo(desk.db, pk)
        if name == truncated:
            assert photo is None
            continue
        im = Image.open(io.BytesIO(photo.jpeg))
        assert im.format == "JPEG" and im.size == (photo.width, photo.height)
        assert im.width <= PHOTO_SIZE[0] and im.height <= PHOTO_SIZE[1] and photo.size == len(photo.jpeg)
    sideways = stored_photo(desk.db, _people(desk, demo)[0][0])
    assert is_upright(Image.open(io.BytesIO(sideways.jpeg)))
    huge = stored_photo(desk.db, _people(desk, demo)[1][0])
    assert (huge.width, huge.height) == (331, 441)   # 6000×8000 kept its shape, fitted into 358×441

    again = import_photo_folder(desk.db, demo, tmp_path / "照片", desk.actor)
    assert (again.imported, again.replaced, again.unchanged) == (0, 0, 99)


def test_refusals_name_each_file_and_the_reason(desk, demo, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (pk0, number0, _), (pk1, number1, code1) = _people(desk, demo)[:2]
    (folder / f"{number0}.jpg").write_bytes(encode(portrait(), "JPEG"))
    (folder / f"{number0.lower()}.png").write_bytes(encode(portrait(), "PNG"))       # the same person again
    (folder / "110101190001011234.jpg").write_bytes(encode(portrait(), "JPEG"))      # nobody of this batch
    (folder / f"{number1}.jpg").write_bytes(b"this is a text file, not a photo")
    (folder / f"{code1}.txt").write_bytes(b"")                                        # empty, though named well
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "Thumbs.db").write_bytes(b"junk")
    report = import_photo_folder(desk.db, demo, folder, desk.actor)
    codes = {p.file: p.code for p in report.problems}
    assert report.files == 5 and report.imported == 1
    assert codes == {f"{number0.lower()}.png": "photo_duplicate", "110101190001011234.jpg": "photo_no_applicant",
                     f"{number1}.jpg": "photo_not_image", f"{code1}.txt": "photo_empty"}


def test_a_cancelled_folder_import_writes_nothing(desk, demo, tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    for pk, number, _code in _people(desk, demo)[:5]:
        (folder / f"{number}.jpg").write_bytes(encode(portrait(), "JPEG"))
    calls = []
    report = import_photo_folder(desk.db, demo, folder, desk.actor, cancelled=lambda: calls.append(1) or len(calls) > 3)
    assert report.cancelled and photo_count(desk.db) == 0


@pytest.mark.parametrize("bad, code", [
    (b"", "photo_empty"), (encode(portrait(), "PNG")[:300], "photo_corrupt"), (b"%PDF-1.4\n", "photo_not_image"),
])
def test_normalise_refuses_what_is_no_photo(bad, code):
    with pytest.raises(PhotoError) as caught:
        normalise_photo(bad)
    assert caught.value.code == code


def test_a_decompression_bomb_is_refused_from_its_header(monkeypatch):
    from PIL import Image as PILImage

    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1000 * 1000)
    with pytest.raises(PhotoError) as caught:
        normalise_photo(encode(PILImage.new("RGB", (1100, 1000)), "PNG"))
    assert caught.value.code == "photo_too_large"


def test_transparent_png_goes_onto_white_and_small_photos_are_not_enlarged():
    im = Image.new("RGBA", (100, 120), (0, 0, 0, 0))
    photo = normalise_photo(encode(im, "PNG"))
    out = Image.open(io.BytesIO(photo.jpeg))
    assert out.size == (100, 120) and min(out.getpixel((50, 60))) > 245


def _slip_images(pdf: Path):
    reader = PdfReader(str(pdf))
    return [(n, image) for n, page in enumerate(reader.pages) for image in page.images]


def test_slips_printed_from_the_database_carry_the_stored_upright_photos(desk, demo, tmp_path):
    _folder_of_100(desk, demo, tmp_path / "照片")
    import_photo_folder(desk.db, demo, tmp_path / "照片", desk.actor)
    shown = plan_batch_shown(desk, demo, 5)
    seated = {seat.candidate for s in shown.plan.sessions for seat in s.seats}
    with_photo = {c["id"] for c in shown.stored.scenario_json["candidates"]
                  if c["id"] in seated and stored_photo(desk.db, c["applicant"]) is not None}
    assert with_photo
    result = printing.print_document(desk, demo, "slips", tmp_path / "slips.pdf", DocumentOptions(secret=KEY),
                                     lambda d, t: None, lambda: False)
    assert result.warnings == []
    images = _slip_images(result.path)
    assert len(images) == len(with_photo)              # one photo on each slip of someone with a photo
    for _page, image in images:
        assert image.image.height > image.image.width and image.image.width <= PHOTO_SIZE[0]
    sideways_pk = _people(desk, demo)[0][0]
    sideways_id = next(c["id"] for c in shown.stored.scenario_json["candidates"] if c["applicant"] == sideways_pk)
    assert sideways_id in seated     # the demo batch (seed 7) plans its first applicant
    assert sum(is_upright(image.image) for _p, image in images) == 1   # the marker photo, red above blue


def _distinct(jpeg: bytes, n: int) -> bytes:
    """The same picture with its own JPEG comment: distinct bytes (the PDF embeds each), the same size."""
    text = f"applicant {n:06d}".encode()
    return jpeg[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + jpeg[2:]


def test_a_thousand_slips_with_photos_stay_under_15_mb(tmp_path):
    """1,000 candidates, each with their own stored photo (20 camera-like 900×1200 JPEGs normalised as on
    import, each candidate's copy made distinct), rendered into one PDF."""
    import json

    from eligibility_desk.documents import render_slips
    from tests.documents.pdf_helpers import DATA

    plan = json.loads((DATA / "plan.json").read_text(encoding="utf-8"))
    scenario = json.loads((DATA / "scenario.json").read_text(encoding="utf-8"))
    photos = tmp_path / "photos"
    photos.mkdir()
    stored = [normalise_photo(encode(portrait(900, 1200, seed=i), "JPEG", quality=92)).jpeg for i in range(20)]
    template = scenario["candidates"][0]
    session = plan["sessions"][0]
    scenario["candidates"] = []
    seats = []
    for i in range(1000):
        (photos / f"{i}.jpg").write_bytes(_distinct(stored[i % 20], i))
        scenario["candidates"].append({**template, "id": f"C{i:04d}", "name": f"考生{i}", "photo": f"photos/{i}.jpg"})
        seats.append({"seat": i + 1, "candidate": f"C{i:04d}", "admission_no": f"N-{i:04d}"})
    plan["sessions"] = [{**session, "seats": seats}]
    (tmp_path / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "scenario.json").write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    result = render_slips(tmp_path / "plan.json", tmp_path / "scenario.json", tmp_path / "slips.pdf",
                          DocumentOptions(secret=KEY, workers=1))
    assert result.items == 1000 and result.warnings == []
    assert image_count(result.path) == 1000
    size = Path(result.path).stat().st_size
    assert size < 15 * 1024 * 1024, f"{size / 1e6:.1f} MB"
