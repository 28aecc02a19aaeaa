"""Sign-in sheets, door lists, score sheets and the exam-day pack, read back from the PDF."""

from __future__ import annotations

import re

from eligibility_desk.documents.room_docs import (render_door_lists, render_exam_pack, render_score_sheets,
                                                  render_signin)
from .pdf_helpers import fonts_of, load, page_texts, save


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_signin_sheet_per_session_with_masked_ids_and_signature_boxes(batch_files, tmp_path):
    out = tmp_path / "signin.pdf"
    result = render_signin(*batch_files, out)
    texts = [flat(t) for t in page_texts(out)]
    assert result.pages == len(texts) == 5
    first = texts[0]  # room R101, theory at 09:00, three level-4 candidates
    for expected in ("考生签到表", "第一考场（教学楼A101）", "理论知识考试", "2025年10月18日", "09:00–10:30",
                     "座号", "准考证号", "姓名", "身份证号", "考生签名", "张伟", "20253-4-R101-01",
                     "440113********1234", "应到3人", "监考人员签名", "刘监考"):
        assert expected in first, expected
    assert "440113199901011234" not in first


def test_door_list_has_room_part_time_and_every_seat(batch_files, tmp_path):
    out = tmp_path / "door.pdf"
    render_door_lists(*batch_files, out)
    first = flat(page_texts(out)[0])
    for expected in ("第一考场（教学楼A101）", "理论知识考试", "四级/中级工", "09:00–10:30", "本场3人",
                     "1张伟", "2李娜", "3王芳"):
        assert expected in first, expected


def test_score_sheet_has_a_box_per_examiner_and_the_pass_line_from_the_rules(batch_files, tmp_path):
    out = tmp_path / "scores.pdf"
    render_score_sheets(*batch_files, out)
    texts = [flat(t) for t in page_texts(out)]
    theory, skill = texts[0], texts[1]  # R101: theory 09:00, then level-2 skill 16:30
    assert "成绩登记表" in theory and "卷面成绩" in theory and "阅卷人签名" in theory
    assert "刘监考" not in theory  # invigilators do not mark papers
    # §1.9.3: three examiners for the skill part, each marks every candidate
    assert all(f"评分{i}" in skill for i in (1, 2, 3)) and "评分4" not in skill
    assert "考评员签名（孙考评）" in skill and "考评组长签名" in skill
    assert "满分100分，60分（含）以上为合格" in skill
    assert "欧阳建国" in skill and "20253-2-R101-04" in skill


def test_exam_pack_is_per_room_door_list_then_signin_then_scores(batch_files, tmp_path):
    out = tmp_path / "pack.pdf"
    result = render_exam_pack(*batch_files, out)
    kinds = []
    for text in page_texts(out):
        text = flat(text)
        kind = "scores" if "成绩登记表" in text else "signin" if "考生签到表" in text else "door"
        room = re.search(r"(第一考场|第二考场|评审室301)", text).group(1)
        kinds.append((room, kind))
    assert result.pages == 15
    assert kinds == ([("第一考场", k) for k in ("door", "door", "signin", "signin", "scores", "scores")]
                     + [("第二考场", k) for k in ("door", "door", "signin", "signin", "scores", "scores")]
                     + [("评审室301", k) for k in ("door", "signin", "scores")])
    assert all(info["file"] == "/FontFile2" for info in fonts_of(out).values())


def test_long_rooms_run_over_pages_with_numbers(batch_files, tmp_path):
    plan_path, scenario_path = batch_files
    plan, scenario = load(plan_path), load(scenario_path)
    scenario["candidates"] += [{"id": f"N{i}", "name": f"考生{i}", "level": "4"} for i in range(80)]
    plan["sessions"] = [dict(plan["sessions"][0], seats=[
        {"seat": i + 1, "candidate": f"N{i}", "admission_no": f"Z-{i + 1:03d}"} for i in range(80)])]
    save(plan_path, plan), save(scenario_path, scenario)
    out = tmp_path / "signin.pdf"
    result = render_signin(plan_path, scenario_path, out)
    texts = [flat(t) for t in page_texts(out)]
    assert result.pages == len(texts) >= 3
    assert f"第1页/共{len(texts)}页" in texts[0] and f"第{len(texts)}页/共{len(texts)}页" in texts[-1]
    assert all("准考证号" in t for t in texts)  # column titles repeat
    joined = "".join(texts)
    assert all(f"Z-{i:03d}" in joined for i in range(1, 81))
    assert "应到80人" in texts[-1] and "应到" not in "".join(texts[:-1])
    door = tmp_path / "door.pdf"
    assert render_door_lists(plan_path, scenario_path, door).pages >= 2
    assert "考生79" in "".join(flat(t) for t in page_texts(door))
