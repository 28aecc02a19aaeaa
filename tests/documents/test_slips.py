"""Admission slips read back from the PDF: text, pages, fonts, photos, QR code, 补打, two per page."""

from __future__ import annotations

import re
import shutil

import pytest

from eligibility_desk.documents import DocumentOptions, RenderCancelled, render_slips
from eligibility_desk.documents.checkcode import slip_code, verify_code
from .pdf_helpers import (SECRET, decode_qr, fonts_of, image_count, load, page_texts, render_png,
                                      save)

OPTIONS = DocumentOptions(secret=SECRET)


def test_every_seated_candidate_gets_one_slip_with_all_fields(batch_files, tmp_path):
    out = tmp_path / "slips.pdf"
    result = render_slips(*batch_files, out, OPTIONS)
    texts = page_texts(out)
    assert result.pages == len(texts) == 5 and result.items == 5
    first = re.sub(r"\s", "", texts[0])  # slips are in admission-number order: 20253-2-R101-04 (欧阳建国, level 2) first
    for expected in ("广州市番禺区职业技能等级认定中心", "用户增长运营师职业技能等级认定", "准考证", "批次：2025年第3批",
                     "欧阳建国", "男", "20253-2-R101-04", "二级/技师", "广东数字增长研究院",
                     # §1.9.2: level 2 sits all three parts, names from the rule file
                     "理论知识考试", "技能考核", "综合评审", "2025-10-18", "09:00–10:30", "16:30–18:00",
                     "2025-10-19", "评审室301", "番禺职业技术学院", "考 生 须 知"):
        assert re.sub(r"\s", "", expected) in first, expected
    assert "440102********8888" in first and "440102198507078888" not in first
    assert "评审室301" not in texts[2] and "理论知识考试" in texts[2]  # level 4: theory and skill only


def test_id_number_masking_is_configurable(batch_files, tmp_path):
    out = tmp_path / "full.pdf"
    render_slips(*batch_files, out, DocumentOptions(secret=SECRET, id_mask=None))
    assert "440102198507078888" in page_texts(out)[0]
    render_slips(*batch_files, out, DocumentOptions(secret=SECRET, id_mask=(3, 2)))
    assert "440*************88" in page_texts(out)[0]


def test_cjk_font_is_embedded_as_a_truetype_subset_and_nothing_else_is_used(batch_files, tmp_path):
    out = tmp_path / "slips.pdf"
    render_slips(*batch_files, out, OPTIONS)
    fonts = fonts_of(out)
    assert fonts, "no fonts found"
    for name, info in fonts.items():
        assert info["file"] == "/FontFile2", f"{name} is not an embedded TrueType font"
        assert name[7:8] == "+", f"{name} is not a subset"  # AAAAAA+Name
    assert not any("STSong" in name for name in fonts)


def test_qr_code_of_a_rendered_page_decodes_to_a_genuine_code(batch_files, tmp_path):
    out = tmp_path / "slips.pdf"
    render_slips(*batch_files, out, OPTIONS)
    codes = decode_qr(render_png(out, 3, tmp_path))
    assert codes == [slip_code("20253-4-R101-01", SECRET)]
    result = verify_code(codes[0], SECRET)
    assert result.genuine and result.admission_no == "20253-4-R101-01"
    number, check = codes[0].split(".")
    printed = "".join(page_texts(out)[2].split())
    grouped = f"{check[:5]}-{check[5:]}"
    assert f"{number}.{grouped}" in printed  # printed under the code for typing in, grouped 5-5
    typed = verify_code(f"{number}.{grouped.lower()}", SECRET)
    assert typed.genuine and typed.admission_no == number
    assert not verify_code(f"{number}.{grouped[:-1]}Z", SECRET).genuine


def test_two_slips_per_page_and_both_qr_codes_decode(batch_files, tmp_path):
    out = tmp_path / "two.pdf"
    result = render_slips(*batch_files, out, DocumentOptions(secret=SECRET, two_per_page=True))
    texts = page_texts(out)
    assert result.pages == len(texts) == 3
    assert texts[0].count("准考证号") == 2 and texts[2].count("准考证号") == 1
    codes = decode_qr(render_png(out, 1, tmp_path, dpi=200))
    assert sorted(verify_code(c, SECRET).admission_no for c in codes) == ["20253-2-R101-04", "20253-2-R101-05"]


def test_reprint_carries_the_mark_and_only_prints_the_chosen(batch_files, tmp_path):
    out = tmp_path / "again.pdf"
    render_slips(*batch_files, out, DocumentOptions(secret=SECRET, reprint=True, only=frozenset({"C002", "20253-4-R101-03"})))
    texts = page_texts(out)
    assert len(texts) == 2
    assert all("补打" in t for t in texts)
    assert "李娜" in texts[0] and "王芳" in texts[1]
    render_slips(*batch_files, out, OPTIONS)
    assert not any("补打" in t for t in page_texts(out))


def test_photos_are_embedded_once_per_content_and_missing_ones_get_a_placeholder(batch_files, tmp_path):
    plan, scenario_path = batch_files
    scenario = load(scenario_path)
    shutil.copy(tmp_path / "photo_a.jpg", tmp_path / "copy_of_a.jpg")
    scenario["candidates"][2]["photo"] = "copy_of_a.jpg"      # same content as C001's and C004's photo
    scenario["candidates"][4]["photo"] = "missing.jpg"        # no such file
    save(scenario_path, scenario)
    out = tmp_path / "slips.pdf"
    result = render_slips(plan, scenario_path, out, OPTIONS)
    assert image_count(out) == 2  # photo_a (three slips) and photo_b
    assert [code for code, _ in result.warnings] == ["photo_unreadable"]
    assert result.warnings[0][1]["candidate"] == "C005"
    texts = page_texts(out)
    chen = next(t for t in texts if "陈静" in t)
    assert "照" in chen and "一寸免冠" in chen


def test_notice_comes_from_an_editable_template(batch_files, tmp_path, isolated_config):
    template = tmp_path / "notice.txt"
    template.write_text("# comment\n请携带${centre}发放的准考证。\n\n第二条须知。\n", encoding="utf-8")
    out = tmp_path / "slips.pdf"
    render_slips(*batch_files, out, DocumentOptions(secret=SECRET, notice_template=template))
    text = page_texts(out)[0]
    assert "请携带广州市番禺区职业技能等级认定中心发放的准考证。" in text and "第二条须知。" in text
    assert "comment" not in text
    # the copy in the user's config folder replaces the shipped default
    (isolated_config / "eligibility-desk").mkdir(parents=True, exist_ok=True)
    (isolated_config / "eligibility-desk" / "notice.txt").write_text("本中心自定须知。\n", encoding="utf-8")
    render_slips(*batch_files, out, OPTIONS)
    assert "本中心自定须知。" in page_texts(out)[0]


def test_a_secret_is_created_on_first_print_and_reused(batch_files, tmp_path, isolated_config):
    out = tmp_path / "slips.pdf"
    render_slips(*batch_files, out)
    key_file = isolated_config / "slip-secret.key"
    assert key_file.is_file() and (key_file.stat().st_mode & 0o777) == 0o600
    first = page_texts(out)[0]
    render_slips(*batch_files, out)
    assert page_texts(out)[0] == first


def test_cancelling_leaves_no_file_and_keeps_the_old_one(batch_files, tmp_path):
    out = tmp_path / "slips.pdf"
    out.write_bytes(b"the previous print")
    calls = []
    with pytest.raises(RenderCancelled):
        render_slips(*batch_files, out, OPTIONS, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: True)
    assert out.read_bytes() == b"the previous print"
    assert list(tmp_path.glob(".slips.pdf.*")) == []


def test_progress_reaches_the_total(batch_files, tmp_path):
    calls = []
    render_slips(*batch_files, tmp_path / "s.pdf", OPTIONS, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)


@pytest.mark.slow
def test_a_large_run_uses_the_process_pool_and_keeps_order(batch_files, tmp_path):
    """Above PARALLEL_FROM slips the QR codes come from worker processes; each slip must get its own."""
    from eligibility_desk.documents.slips import PARALLEL_FROM

    plan_path, scenario_path = batch_files
    scenario, plan = load(scenario_path), load(plan_path)
    count = PARALLEL_FROM + 10
    scenario["candidates"] = [{"id": f"X{i:04d}", "name": f"考生{i}", "level": "4", "photo": "photo_b.jpg"}
                              for i in range(count)]
    plan["sessions"] = [{"part": "theory", "level": "4", "room": "R101", "start": "2025-10-18T09:00",
                         "end": "2025-10-18T10:30", "staff": [],
                         "seats": [{"seat": i + 1, "candidate": f"X{i:04d}", "admission_no": f"B-{i:04d}"}
                                   for i in range(count)]}]
    save(scenario_path, scenario), save(plan_path, plan)
    out = tmp_path / "many.pdf"
    result = render_slips(plan_path, scenario_path, out, DocumentOptions(secret=SECRET, workers=2,
                                                                         two_per_page=True))
    assert result.pages == (count + 1) // 2
    assert image_count(out) == 1
    last = result.pages
    codes = decode_qr(render_png(out, last, tmp_path, dpi=200))
    assert sorted(verify_code(c, SECRET).admission_no for c in codes) == [f"B-{count - 2:04d}", f"B-{count - 1:04d}"]


def test_a_broken_worker_pool_falls_back_to_encoding_here():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from eligibility_desk.documents.qr import qr_runs
    from eligibility_desk.documents.slips import _in_order

    codes = ("A.1", "A.2", "A.3")
    good, broken = Future(), Future()
    good.set_result([qr_runs("A.1")])
    broken.set_exception(BrokenProcessPool("a worker died"))
    assert list(_in_order([good, broken], codes)) == [qr_runs(c) for c in codes]


def test_png_photos_with_transparency_are_drawn_too(batch_files, tmp_path):
    from PIL import Image

    plan_path, scenario_path = batch_files
    Image.new("RGBA", (60, 80), (200, 30, 30, 128)).save(tmp_path / "p.png")
    scenario = load(scenario_path)
    scenario["candidates"][2]["photo"] = "p.png"
    save(scenario_path, scenario)
    out = tmp_path / "s.pdf"
    result = render_slips(plan_path, scenario_path, out, OPTIONS)
    assert result.warnings == [] and image_count(out) == 3


def test_a_file_that_is_not_an_image_gets_the_placeholder_and_a_warning(batch_files, tmp_path):
    plan_path, scenario_path = batch_files
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8 this is not really a JPEG")
    scenario = load(scenario_path)
    scenario["candidates"][1]["photo"] = "broken.jpg"
    save(scenario_path, scenario)
    out = tmp_path / "s.pdf"
    result = render_slips(plan_path, scenario_path, out, OPTIONS)
    assert [(code, p["candidate"]) for code, p in result.warnings] == [("photo_unreadable", "C002")]
    li_na = next(t for t in page_texts(out) if "李娜" in t)
    assert "一寸免冠" in li_na


def test_the_rendered_page_shows_the_photo(batch_files, tmp_path):
    """pdftoppm draws the candidate's photo: photo_a.jpg has a blue (66, 133, 214) background."""
    from PIL import Image

    out = tmp_path / "slips.pdf"
    render_slips(*batch_files, out, OPTIONS)
    with_photo = Image.open(render_png(out, 1, tmp_path, dpi=60)).convert("RGB")   # 欧阳建国: photo_a
    without = Image.open(render_png(out, 5, tmp_path, dpi=60)).convert("RGB")      # 王芳: no photo

    def blue_pixels(image):
        data = image.tobytes()
        return sum(1 for i in range(0, len(data), 3)
                   if abs(data[i] - 66) < 25 and abs(data[i + 1] - 133) < 25 and abs(data[i + 2] - 214) < 25)

    assert blue_pixels(with_photo) > 1500 and blue_pixels(without) == 0
