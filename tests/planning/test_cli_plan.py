"""``eligibility-desk plan`` / ``check-plan`` / ``replan`` on real files, with the JSON contract."""

import json

import pytest

from eligibility_desk.cli import main
from eligibility_desk.planning.generator import generate_scenario


@pytest.fixture
def scenario_file(tmp_path, small_data):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(small_data, ensure_ascii=False), encoding="utf-8")
    return path


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_plan_prints_the_contract(capsys, scenario_file):
    status, out, _err = _run(capsys, "plan", scenario_file, "--seed", "7")
    assert status == 0
    plan = json.loads(out)
    assert {"sessions", "unplaced", "violations"} <= set(plan)
    assert plan["violations"] == [] and plan["unplaced"] == [] and plan["seed"] == 7
    for session in plan["sessions"]:
        assert {"part", "level", "room", "start", "end", "staff", "seats"} <= set(session)
        assert isinstance(session["staff"], list)
        for seat in session["seats"]:
            assert {"seat", "candidate", "admission_no"} <= set(seat)
    assert plan["sessions"][0]["start"] == "2025-10-18T09:00"


def test_same_seed_same_output(capsys, scenario_file):
    _s, a, _e = _run(capsys, "plan", scenario_file, "--seed", "3", "--time", "2025-10-01T08:00")
    _s, b, _e = _run(capsys, "plan", scenario_file, "--seed", "3", "--time", "2025-10-01T08:00")
    assert a == b


def test_table_format(capsys, scenario_file):
    status, out, _err = _run(capsys, "plan", scenario_file, "--format", "table", "--seed", "1")
    assert status == 0
    assert "理论知识考试" in out and "技能考核" in out and "随机种子 1" in out


def test_unplaced_reason_in_the_output(capsys, tmp_path, small_data):
    small_data["staff"] = [s for s in small_data["staff"] if s["id"] not in ("E2", "E3", "E4", "E5", "E6")]
    path = tmp_path / "s.json"
    path.write_text(json.dumps(small_data), encoding="utf-8")
    status, out, _err = _run(capsys, "plan", path, "--seed", "1")
    assert status == 3                                      # valid, but sittings are unplaced
    result = json.loads(out)
    assert result["unplaced"][0] == {"candidate": "C1", "part": "skill", "reason": "技能考核：考评员共缺 2 名",
                                     "code": "scenario_short", "params": {"staff": {"examiner": 2}, "beyond_staff": 0}}
    assert result["record"]["optimality"]["unplaced_min"] == 4
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(out, encoding="utf-8")
    status, out, _err = _run(capsys, "check-plan", plan_path, path, "--format", "table")
    # the one warning: 2025-10-18 is a Saturday that is not a make-up working day (slot_on_weekend)
    assert status == 3 and out.strip().splitlines()[-1] == "违规 0 处，提示 1 处，未安排 4；最少未安排 4，本方案 4"
    status, out, _err = _run(capsys, "check-plan", plan_path, path, "--format", "table", "--lang", "en")
    assert status == 3 and out.strip().splitlines()[-1] == "0 violation(s), 1 warning(s), 4 unplaced; fewest unplaced 4; this plan 4"
    status, out, _err = _run(capsys, "plan", path, "--seed", "1", "--no-exact", "--format", "table")
    assert status == 3 and "最少未安排 未能求证，本方案 4" in out


def test_check_plan_passes_a_planned_file_and_fails_a_hand_edit(capsys, tmp_path, scenario_file):
    _s, out, _e = _run(capsys, "plan", scenario_file, "--seed", "2")
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(out, encoding="utf-8")
    status, out, _e = _run(capsys, "check-plan", plan_path, scenario_file)
    assert status == 0 and json.loads(out)["violations"] == []

    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    theory = next(s for s in plan["sessions"] if s["part"] == "theory")
    theory["staff"] = theory["staff"][:1]
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    status, out, _e = _run(capsys, "check-plan", plan_path, scenario_file)
    assert status == 1
    (v,) = json.loads(out)["violations"]
    assert v["code"] == "staff_too_few" and v["rule"] == "§1.9.3" and v["session"] == theory["id"]
    assert v["message"] == "理论知识考试需 2 名监考人员，只安排了 1 名"
    status, out, _e = _run(capsys, "check-plan", plan_path, scenario_file, "--format", "table")
    assert status == 1 and "staff_too_few" in out


@pytest.mark.parametrize("edit, zh, en", [
    (lambda d: d["rooms"][0].update(kind="gym"), "rooms[0].kind：未知的考场类型「gym」",
     "rooms[0].kind: unknown room kind 'gym'"),
    (lambda d: d["rooms"][0].update(capacity=-1), "rooms[0].capacity：不能为负数，实际为 -1",
     "rooms[0].capacity: must not be negative"),
    (lambda d: d["slots"][0].update(end="2025-10-18T08:00"), "slots[0]：结束时间 2025-10-18T08:00 早于开始时间",
     "slots[0]: ends"),
    (lambda d: d["staff"][1].update(id="I1"), "staff[1].id：编号「I1」重复", "staff[1].id: duplicate id 'I1'"),
    (lambda d: d.pop("standard"), "standard：必填项缺失", "standard: missing"),
    (lambda d: d.update(options={"admission_pattern": "{batch}-{x}"}),
     "options.admission_pattern：准考证号格式中有未知的字段 {x}", "options.admission_pattern: unknown field {x}"),
])
def test_invalid_scenarios_are_refused(capsys, tmp_path, small_data, edit, zh, en):
    edit(small_data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(small_data), encoding="utf-8")
    status, out, err = _run(capsys, "plan", path)
    assert status == 2 and out == ""
    assert f"编排场景 {path}：{zh}" in err, err
    status, out, err = _run(capsys, "plan", path, "--lang", "en")
    assert status == 2 and out == ""
    assert f"scenario {path}: {en}" in err, err


def test_unreadable_files(capsys, tmp_path):
    missing = tmp_path / "missing.json"
    status, _o, err = _run(capsys, "plan", missing)
    assert status == 2 and f"无法读取编排场景 {missing}：" in err
    status, _o, err = _run(capsys, "plan", missing, "--lang", "en")
    assert status == 2 and f"cannot read scenario {missing}: " in err
    bad = tmp_path / "bad.json"
    bad.write_text("{\n nope", encoding="utf-8")
    status, _o, err = _run(capsys, "plan", bad)
    assert status == 2 and f"编排场景 {bad} 不是有效的 JSON（第 2 行第 2 列：" in err
    status, _o, err = _run(capsys, "plan", bad, "--lang", "en")
    assert status == 2 and f"scenario {bad} is not valid JSON: " in err


def test_plan_file_refusals_in_either_language(capsys, tmp_path, scenario_file):
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps({"sessions": [{"id": "S1"}]}), encoding="utf-8")
    status, out, err = _run(capsys, "check-plan", plan_path, scenario_file)
    assert status == 2 and out == "" and f"编排方案 {plan_path}：sessions[0]." in err and "必填项缺失" in err
    status, out, err = _run(capsys, "check-plan", plan_path, scenario_file, "--lang", "en")
    assert status == 2 and out == "" and f"plan {plan_path}: sessions[0]." in err and ": missing" in err
    plan_path.write_text("[1,", encoding="utf-8")
    status, _o, err = _run(capsys, "replan", plan_path, scenario_file)
    assert status == 2 and f"编排方案 {plan_path} 不是有效的 JSON" in err


def test_a_time_that_is_not_one_in_either_language(capsys, scenario_file):
    status, _o, err = _run(capsys, "plan", scenario_file, "--time", "tomorrow")
    assert status == 2 and "--time：「tomorrow」不是 2025-10-18T08:00 这样的时间" in err
    status, _o, err = _run(capsys, "plan", scenario_file, "--time", "tomorrow", "--lang", "en")
    assert status == 2 and "--time: not a time like 2025-10-18T08:00: tomorrow" in err


def test_an_admission_pattern_that_numbers_two_candidates_alike(capsys, tmp_path, small_data):
    small_data["options"] = {"admission_pattern": "{batch}-{candidate:.1}"}   # the first letter of the id only
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(small_data), encoding="utf-8")
    status, out, err = _run(capsys, "plan", path, "--seed", "1")
    assert status == 2 and out == ""
    assert f"编排场景 {path}：options.admission_pattern：准考证号 " in err and "在本批次中不能区分每个考生" in err
    status, out, err = _run(capsys, "plan", path, "--seed", "1", "--lang", "en")
    assert status == 2 and f"scenario {path}: options.admission_pattern: admission number " in err
    assert "is not unique for this batch" in err


def test_replan_lists_moves(capsys, tmp_path, scenario_file, small_data):
    _s, out, _e = _run(capsys, "plan", scenario_file, "--seed", "2")
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(out, encoding="utf-8")
    small_data["candidates"].append({"id": "W1", "name": "临时", "level": "4", "institution": "", "parts": ["theory"]})
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(small_data), encoding="utf-8")
    status, out, _e = _run(capsys, "replan", plan_path, changed)
    assert status == 0
    moves = json.loads(out)["moves"]
    assert [(m["kind"], m["id"], m["part"], m["from"]) for m in moves] == [("candidate", "W1", "theory", None)]
    assert moves[0]["message"].startswith("考生 W1 理论知识考试：— → ")


def test_xlsx_export(capsys, tmp_path):
    from openpyxl import load_workbook

    data = generate_scenario(120, seed=5)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out_xlsx = tmp_path / "plan.xlsx"
    status, out, _e = _run(capsys, "plan", path, "--seed", "5", "--xlsx", out_xlsx)
    assert status == 0
    plan = json.loads(out)
    wb = load_workbook(out_xlsx, read_only=True)
    slots = sorted({(s["start"], s["end"]) for s in plan["sessions"]})
    assert wb.sheetnames[0] == "编排记录" and len(wb.sheetnames) == 1 + len(slots)
    first = wb[wb.sheetnames[1]]
    rows = [r for r in first.iter_rows(values_only=True)]
    blocks = [r for r in rows if r and isinstance(r[0], str) and r[0].startswith("考场 ")]
    in_slot = [s for s in plan["sessions"] if (s["start"], s["end"]) == slots[0]]
    assert len(blocks) == len(in_slot)
    numbers = {r[1] for r in rows if r and isinstance(r[0], int)}
    assert numbers == {seat["admission_no"] for s in in_slot for seat in s["seats"]}


@pytest.mark.parametrize("size", [40, 1500])
def test_generated_batches_pass_check_plan(capsys, tmp_path, size):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(generate_scenario(size, seed=size), ensure_ascii=False), encoding="utf-8")
    status, out, _e = _run(capsys, "plan", path, "--seed", "4")
    assert status == 0 and json.loads(out)["unplaced"] == []
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(out, encoding="utf-8")
    status, out, _e = _run(capsys, "check-plan", plan_path, path)
    assert status == 0 and json.loads(out)["violations"] == []


def test_english_wording(capsys, scenario_file):
    _s, out, _e = _run(capsys, "plan", scenario_file, "--seed", "1", "--format", "table", "--lang", "en")
    assert "Theory exam" in out and "seed 1" in out


def test_the_exact_pass_limits_on_the_command_line(capsys, tmp_path, small_data):
    small_data["staff"] = [s for s in small_data["staff"] if s["id"] not in ("E2", "E3", "E4", "E5", "E6")]
    path = tmp_path / "s.json"
    path.write_text(json.dumps(small_data), encoding="utf-8")
    status, out, _err = _run(capsys, "plan", path, "--seed", "1", "--work-limit", "2.5", "--time-limit", "60")
    optimality = json.loads(out)["record"]["optimality"]
    assert status == 3 and optimality["work_limit"] == 2.5 and optimality["proven"]
    assert "stopped" not in optimality                        # a small scenario: every solve finished
    status, out, _err = _run(capsys, "plan", path, "--seed", "1")
    assert json.loads(out)["record"]["optimality"]["work_limit"] == 5.0        # exact.WORK_LIMIT


def test_a_file_name_with_a_control_character_is_shown_visibly(capsys, tmp_path):
    odd = tmp_path / "a\x1bb.json"
    status, _o, err = _run(capsys, "plan", odd)
    assert status == 2 and "\x1b" not in err and "无法读取编排场景 " in err
