"""Layout that holds for real batches: 15–17-character names and long school names wrap before they shrink
and never go below 8 pt; role-correct signature blocks with a line per staff member; door lists with 准考证号
and 考场号; the 考生签名 line on two-per-page slips; a check code people can type; the batch's name; normal
file permissions.  Read back from the PDFs (text runs with position and size)."""

from __future__ import annotations

import os
import re

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from eligibility_desk.documents import DocumentOptions
from eligibility_desk.documents.fonts import register_cjk_font
from eligibility_desk.documents.room_docs import render_door_lists, render_score_sheets, render_signin
from eligibility_desk.documents.slips import render_slips

from .pdf_helpers import SECRET, load, page_texts, save, text_runs

LONG_NAME = "阿依古丽·买买提依明·阿不都克热木"                    # 17 characters
LONG_SCHOOL = "新疆维吾尔自治区乌鲁木齐市职业技术学院信息工程系电子商务专业"
PANEL = ["买买提·艾力", "古丽娜尔·吐尔逊", "王小明", "欧阳娜娜", "李四"]
OPTIONS = DocumentOptions(secret=SECRET)


@pytest.fixture
def long_batch(batch_files):
    """C001 has the long name and school; the skill and review sessions have 7 examiners."""
    plan_path, scenario_path = batch_files
    plan, scenario = load(plan_path), load(scenario_path)
    scenario["candidates"][0].update(name=LONG_NAME, institution=LONG_SCHOOL)
    for i, name in enumerate(PANEL, 5):
        scenario["staff"].append({"id": f"S0{i}", "name": name, "roles": ["examiner", "reviewer"]})
    for session in plan["sessions"]:
        if session["part"] != "theory":
            session["staff"] = list(dict.fromkeys(session["staff"] + [f"S0{i}" for i in range(5, 10)]))
    save(plan_path, plan)
    save(scenario_path, scenario)
    return plan_path, scenario_path


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def name_runs(pdf, page: int = 0):
    return [r for r in text_runs(pdf, page) if r[0].strip() and r[0].strip() in LONG_NAME]


@pytest.mark.parametrize("render", [render_signin, render_score_sheets, render_door_lists])
def test_a_17_character_name_wraps_in_its_cell_at_8_pt_or_more(long_batch, tmp_path, render):
    out = tmp_path / "doc.pdf"
    render(*long_batch, out, OPTIONS)
    runs = text_runs(out, 0)
    font = register_cjk_font()
    parts = name_runs(out)
    assert "".join(r[0] for r in parts) == LONG_NAME and len(parts) == 2, parts   # two lines …
    assert parts[0][0].endswith("·")                                                # … broken between parts
    assert all(size >= 8 for _t, _x, _y, size in parts)
    line_y = {round(y) for _t, _x, y, _s in parts}
    for text, x, y, size in parts:   # nothing of the row's next cell starts before the name ends
        right = x + stringWidth(text, font, size)
        row = [r for r in runs if r[1] > x and abs(r[2] - sum(line_y) / 2) < 8 and r not in parts]
        assert all(r[1] >= right for r in row), (text, right, row)
    assert all(size >= 8 for _t, _x, _y, size in runs), [r for r in runs if r[3] < 8]


@pytest.mark.parametrize("two_per_page", [False, True])
def test_slips_fit_long_names_and_schools_and_keep_the_signature_line(long_batch, tmp_path, two_per_page):
    out = tmp_path / "slips.pdf"
    render_slips(*long_batch, out, DocumentOptions(secret=SECRET, two_per_page=two_per_page))
    texts = [flat(t) for t in page_texts(out)]
    first = next(i for i, t in enumerate(texts) if LONG_NAME in t)
    assert LONG_SCHOOL in texts[first]
    parts = name_runs(out, first)
    assert all(size >= 8 for *_rest, size in parts) and "".join(r[0] for r in parts) == LONG_NAME
    per_page = 2 if two_per_page else 1
    assert all(t.count("考生签名") == per_page for t in texts[:-1]), texts   # every slip keeps its line


@pytest.mark.parametrize("two_per_page", [False, True])
def test_the_notice_is_set_at_7_5_pt_or_more_on_both_layouts(long_batch, tmp_path, two_per_page):
    """The shipped 考生须知 (six rules, the centre's name filled in) stays readable also two per page, where it
    used to shrink to ~5.5 pt; the size the layout reports is the size read back from the PDF."""
    from eligibility_desk.documents.notice import DEFAULT_NOTICE, read_notice
    from eligibility_desk.documents.slip import NOTICE_MIN_SIZE
    from eligibility_desk.documents.slips import load_batch

    out = tmp_path / "slips.pdf"
    result = render_slips(*long_batch, out, DocumentOptions(secret=SECRET, two_per_page=two_per_page))
    assert NOTICE_MIN_SIZE == 7.5 and result.notice_size >= NOTICE_MIN_SIZE
    centre = load_batch(*long_batch, OPTIONS).centre
    rules = [flat(rule) for rule in read_notice(DEFAULT_NOTICE, centre=centre)]
    page = text_runs(out, 0)
    title = max(y for text, _x, y, _s in page if flat(text) == "考生须知")      # the first slip's notice …
    below = max(y for text, _x, y, _s in page if flat(text).startswith(("考生签名", "入场核验记录")) and y < title)
    left = next(x for text, x, y, _s in page if y < title and flat(text).startswith(rules[0][:8]))   # its column
    runs = [r for r in page if below < r[2] < title and abs(r[1] - left) < 0.5 and flat(r[0])
            and any(flat(r[0]) in rule for rule in rules)]
    printed = flat("".join(r[0] for r in runs))
    assert all(rule in printed for rule in rules)               # every rule is there, in full
    sizes = {round(size, 2) for *_rest, size in runs}
    assert min(sizes) >= NOTICE_MIN_SIZE and min(sizes) == pytest.approx(result.notice_size, abs=0.01), sizes
    # names and schools still at 8 pt or more on the same page
    assert all(size >= 8 for *_rest, size in name_runs(out, 0))


def test_a_notice_too_long_for_the_slip_shrinks_and_says_how_far(long_batch, tmp_path):
    """The size reported is the size drawn: a centre's long notice goes below 7.5 pt (never below 5.5)."""
    from eligibility_desk.documents.slip import NOTICE_FLOOR, NOTICE_MIN_SIZE

    notice = tmp_path / "notice.txt"
    notice.write_text("\n".join(["考生须凭本准考证和有效身份证件原件，于考试开始前 30 分钟到达考场，对号入座。"] * 12),
                      encoding="utf-8")
    out = tmp_path / "slips.pdf"
    result = render_slips(*long_batch, out, DocumentOptions(secret=SECRET, two_per_page=True, notice_template=notice))
    assert NOTICE_FLOOR <= result.notice_size < NOTICE_MIN_SIZE
    sizes = {round(size, 2) for text, *_rest, size in text_runs(out, 0) if "对号入座" in text}
    assert sizes == {round(result.notice_size, 2)}


def test_the_check_code_is_printed_at_8_pt_or_more_in_groups(batch_files, tmp_path):
    from eligibility_desk.documents.checkcode import slip_code

    out = tmp_path / "slips.pdf"
    render_slips(*batch_files, out, DocumentOptions(secret=SECRET, two_per_page=True))
    check = slip_code("20253-4-R101-01", SECRET).split(".")[1]
    runs = [r for r in text_runs(out, 1) if r[0].strip() == f"{check[:5]}-{check[5:]}"]
    assert runs and all(size >= 8 for *_rest, size in runs), runs


def test_signin_role_words_follow_the_part_with_one_line_per_staff_member(long_batch, tmp_path):
    out = tmp_path / "signin.pdf"
    render_signin(*long_batch, out, OPTIONS)
    pages = {}
    for text in (flat(t) for t in page_texts(out)):
        part = next(p for p in ("理论知识考试", "技能考核", "综合评审") if f"科目：{p}" in text)
        pages.setdefault(part, text)
    assert "监考人员签名" in pages["理论知识考试"] and "考评员" not in pages["理论知识考试"]
    assert "考评员签名" in pages["技能考核"] and "监考" not in pages["技能考核"]
    assert "评审专家/考评员签名" in pages["综合评审"] and "监考" not in pages["综合评审"]
    for part in ("技能考核", "综合评审"):   # 7 examiners: seven numbered, named lines
        assert "本场7人" in pages[part]
        for i, name in enumerate(["孙考评", "周考评", *PANEL], 1):
            assert f"{i}.{name}" in pages[part], (part, i, name)
        assert "8." not in pages[part]


def test_door_lists_carry_admission_numbers_and_the_room_number(batch_files, tmp_path):
    out = tmp_path / "door.pdf"
    render_door_lists(*batch_files, out, OPTIONS)
    first = flat(page_texts(out)[0])
    for expected in ("考场号：R101", "准考证号", "120253-4-R101-01张伟", "220253-4-R101-02李娜",
                     "320253-4-R101-03王芳"):
        assert expected in first, expected


def test_the_batch_name_is_printed_not_the_planning_batch_code(batch_files, tmp_path):
    plan_path, scenario_path = batch_files
    scenario = load(scenario_path)
    scenario["batch"] = "20253"                         # what the planning command writes: a code
    scenario["batch_name"] = "2025年第3批（秋季）"
    save(scenario_path, scenario)
    out = tmp_path / "slips.pdf"
    render_slips(plan_path, scenario_path, out, OPTIONS)
    first = flat(page_texts(out)[0])
    assert "批次：2025年第3批（秋季）" in first and "批次：20253" not in first
    del scenario["batch_name"]
    save(scenario_path, scenario)
    render_signin(plan_path, scenario_path, out, OPTIONS)
    assert "20253" in flat(page_texts(out)[0])           # without a name, the code is all there is


def test_pdfs_are_written_with_normal_permissions(batch_files, tmp_path):
    old = os.umask(0o022)
    try:
        render_signin(*batch_files, tmp_path / "a.pdf", OPTIONS)
        os.umask(0o027)
        render_slips(*batch_files, tmp_path / "b.pdf", OPTIONS)
    finally:
        os.umask(old)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.pdf").stat().st_mode & 0o777 == 0o640
