"""Planning a batch from the database (docs/sessions.md): resources, scenario from the records, stored plan
versions, checking, re-planning, export to the JSON the plan / slips commands read, and the commands.

Each test gets its own SQLite file: a copy of one prepared file (demo batch + demo resources), so the
slow part — generating and screening 300 applicants — runs once per module.  The end-to-end cases also run
on PostgreSQL when the records branch's ``pg_server_url`` fixture is there (skipped, with the reason, when not).
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime

import pytest
from sqlalchemy import select

from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import AuditRow
from eligibility_desk.planning import PlanChecker, Room, ScenarioError, parse_scenario, plan_from_json
from eligibility_desk.planning.xlsx_import import ResourceImportError
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.sessions.resources import ResourceService
from eligibility_desk.services.sessions.session_service import PlanNotFinal, SessionService
from tests.account_helpers import ADMIN, actor, add_accounts

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    path = tmp_path_factory.mktemp("prepared") / "desk.sqlite3"
    with Desk.open(f"sqlite:///{path}", actor("教务员")) as desk:
        batch_id = desk.create_demo_batch()
        create_demo_resources(desk.db, batch_id, actor("教务员"))
    return path, batch_id


@pytest.fixture
def desk(prepared, tmp_path):
    source, _batch = prepared
    target = tmp_path / "desk.sqlite3"
    shutil.copy(source, target)
    with Desk.open(f"sqlite:///{target}", actor("教务员")) as d:
        yield d


@pytest.fixture
def batch_id(prepared):
    return prepared[1]


@pytest.fixture(params=BACKENDS)
def fresh_desk(request, tmp_path):
    """A demo batch with demo resources built from scratch, on SQLite and (when available) PostgreSQL."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path / 'fresh.sqlite3'}", None
    else:
        url, drop = _fresh_pg_database(request)
    desk = Desk.open(url, actor("教务员"))
    batch = desk.create_demo_batch()
    create_demo_resources(desk.db, batch, actor("教务员"))
    try:
        yield desk, batch
    finally:
        desk.close()
        if drop:
            drop()


def _fresh_pg_database(request):
    from tests.persistence.db_fixtures import fresh_pg_database

    return fresh_pg_database(request.getfixturevalue("pg_server_url"))


# --- the end-to-end path ---------------------------------------------------------------------------------

def test_demo_batch_plans_completely_is_stored_checks_clean_and_exports(fresh_desk, tmp_path):
    desk, batch_id = fresh_desk
    sessions = SessionService.from_desk(desk)
    calls = []
    stored = sessions.plan_batch(batch_id, seed=7, progress=lambda d, t: calls.append((d, t)))
    assert calls, "progress is reported"
    assert stored.number == 1 and stored.status == "draft" and stored.seed == 7
    assert stored.summary["unplaced"] == 0 and stored.summary["violations"] == 0
    assert stored.summary["candidates"] > 150 and stored.summary["sessions"] > 10
    assert sessions.latest(batch_id) == stored
    assert [v for v in sessions.check(stored.id) if v.hard] == []

    plan_path, scenario_path = tmp_path / "out" / "plan.json", tmp_path / "out" / "scenario.json"
    sessions.export(batch_id, plan_path, scenario_path)
    rules = sessions.rules_for(batch_id)
    scenario = parse_scenario(json.loads(scenario_path.read_text(encoding="utf-8")), rules)
    plan = plan_from_json(json.loads(plan_path.read_text(encoding="utf-8")))
    assert [v for v in PlanChecker(scenario, rules).check(plan) if v.hard] == []
    seated = {(seat.candidate, s.part) for s in plan.sessions for seat in s.seats}
    assert seated == {(c.id, part) for c in scenario.candidates for part in c.parts}   # every sitting placed
    # the contract keys the printing helper reads (docs/planning.md)
    raw = json.loads(plan_path.read_text(encoding="utf-8"))
    assert {"part", "level", "room", "start", "end", "staff", "seats"} <= set(raw["sessions"][0])
    assert {"seat", "candidate", "admission_no"} <= set(raw["sessions"][0]["seats"][0])
    extras = json.loads(scenario_path.read_text(encoding="utf-8"))["candidates"][0]
    assert len(extras["id_number"]) == 18 and extras["gender"] in ("男", "女")

    final = sessions.finalise(stored.id, stored.version)
    assert final.status == "final" and sessions.latest(batch_id, status="final").id == stored.id


def test_candidates_are_the_approved_applications_with_rule_file_parts(desk, batch_id):
    sessions = SessionService.from_desk(desk)
    rules = sessions.rules_for(batch_id)
    chosen, skipped = sessions.candidates(batch_id)
    approved = {r.application_id for r in _latest_results(desk, batch_id) if r.verdict == "eligible"}
    assert {c.application_id for c in chosen} | {s["application"] for s in skipped} == approved
    assert len({c.applicant_pk for c in chosen}) == len(chosen), "one level per person per batch"
    for s in skipped:   # the highest level approved is the one planned
        assert int(s["planned_level"]) < int(s["level"])
    for c in chosen:    # §1.9.2: levels 2 and 1 add the comprehensive review
        assert c.candidate.parts == rules.parts_by_level[c.candidate.level]
    assert sum(1 for c in chosen if c.candidate.institution) > len(chosen) * 0.8


def test_review_decisions_decide_who_is_planned(desk, batch_id):
    sessions = SessionService.from_desk(desk)
    before = {c.application_id for c in sessions.candidates(batch_id)[0]}
    pending = desk.review_queue(batch_id)
    approved_result = desk.result(pending[0])
    desk.decide(pending[0], approve=True, reason="职称与专业对应，已核验证书原件")
    eligible = next(r for r in _latest_results(desk, batch_id) if r.verdict == "eligible" and r.application_id in before)
    desk.decide(eligible.result_id, approve=False, reason="学历证书系伪造，经学信网核验不符")
    chosen, skipped = sessions.candidates(batch_id)
    after = {c.application_id for c in chosen} | {s["application"] for s in skipped}
    assert approved_result.application_id in after
    assert eligible.application_id not in after


def test_same_seed_same_plan_from_the_database(desk, batch_id):
    sessions = SessionService.from_desk(desk)
    first, second = sessions.plan_batch(batch_id, seed=11), sessions.plan_batch(batch_id, seed=11)
    assert (first.number, second.number) == (1, 2)
    assert first.plan_json["sessions"] == second.plan_json["sessions"]
    assert first.plan_json["record"]["scenario_sha256"] == second.plan_json["record"]["scenario_sha256"]


def test_replan_after_a_lost_room_appends_a_version_and_reports_moves(fresh_desk):
    desk, batch_id = fresh_desk
    sessions = SessionService.from_desk(desk)
    first = sessions.plan_batch(batch_id, seed=5)
    room = first.plan_json["sessions"][0]["room"]
    numbers = {seat["candidate"]: seat["admission_no"] for s in first.plan_json["sessions"] for seat in s["seats"]}
    resources = ResourceService(desk.db, actor("教务员"))
    resources.remove_room(room)                                    # the room is lost for this batch
    second = sessions.replan_batch(batch_id, expected_number=1)
    assert (second.number, second.kind) == (2, "replan")
    assert [p.number for p in sessions.plans(batch_id)] == [1, 2]
    assert sessions.get(first.id).plan_json == first.plan_json      # the earlier version is kept as it was
    assert room not in {s["room"] for s in second.plan_json["sessions"]}
    assert any(m["kind"] == "session" and m["id"] == first.plan_json["sessions"][0]["id"] for m in second.moves)
    assert second.summary["violations"] == 0
    kept = {seat["candidate"]: seat["admission_no"] for s in second.plan_json["sessions"] for seat in s["seats"]}
    assert all(kept[c] == n for c, n in numbers.items() if c in kept), "admission numbers already given are kept"
    with pytest.raises(StaleRecordError):
        sessions.replan_batch(batch_id, expected_number=1)            # someone re-planned meanwhile
    assert [p.number for p in sessions.plans(batch_id)] == [1, 2]


def test_edited_plan_is_stored_with_its_violations_and_cannot_be_final(desk, batch_id):
    sessions = SessionService.from_desk(desk)
    stored = sessions.plan_batch(batch_id, seed=3)
    edited = json.loads(json.dumps(stored.plan_json))
    theory = next(s for s in edited["sessions"] if s["part"] == "theory")
    theory["staff"] = theory["staff"][:1]                              # §1.9.3: at least 2 invigilators
    assert "staff_too_few" in {v.code for v in sessions.check(stored.id, edited)}
    kept = sessions.store_edited(batch_id, edited, expected_number=1)
    assert kept.kind == "edit" and kept.number == 2 and kept.summary["violations"] >= 1
    with pytest.raises(PlanNotFinal):
        sessions.finalise(kept.id)
    with pytest.raises(StaleRecordError):
        sessions.store_edited(batch_id, edited, expected_number=1)
    audit = _audit(desk, "plan")
    assert [a.action for a in audit] == ["create", "edit"]


# --- resources ---------------------------------------------------------------------------------------------

def test_resources_import_from_xlsx_all_or_nothing(desk, batch_id, tmp_path):
    sessions = SessionService.from_desk(desk)
    rules = sessions.rules_for(batch_id)
    resources = ResourceService(desk.db, actor("教务员"), rules)
    good = _workbook(tmp_path / "good.xlsx", [["R900", "新楼 900", "机房", 30, "计算机、网络"]],
                     [["S900", "新老师", "监考、考评员", "某职业学院", "2025-10-18T13:00~2025-10-18T18:00", "4-07-02-06:4,3", "是"]],
                     [["T9", "2025-10-25 08:30", "2025-10-25 11:30"]])
    summary = resources.import_xlsx(good, batch_id, rules)
    assert (summary.rooms_created, summary.staff_created, summary.slots_created) == (1, 1, 1)
    room = next(r for r in resources.rooms() if r.room.id == "R900")
    assert room.room.kind == "computer_lab" and room.room.equipment == ("计算机", "网络")
    member = next(s for s in resources.staff() if s.member.id == "S900").member
    assert member.roles == {"invigilator", "examiner"} and member.chief and member.unavailable[0].start == datetime(2025, 10, 18, 13)
    assert member.credentials[0].levels == ("4", "3")
    assert "T9" in {s.slot.id for s in resources.slots(batch_id)}
    assert resources.import_xlsx(good, batch_id, rules).unchanged == 3   # importing again changes nothing

    rooms_before = resources.rooms()
    bad = _workbook(tmp_path / "bad.xlsx", [["R901", "x", "游泳池", 30, ""], ["R902", "y", "教室", -1, ""]], [], [])
    with pytest.raises(ResourceImportError) as caught:
        resources.import_xlsx(bad, batch_id, rules)
    assert len(caught.value.errors) >= 2
    assert resources.rooms() == rooms_before


def test_resource_versions_audit_and_refusals(desk, batch_id):
    rules = SessionService.from_desk(desk).rules_for(batch_id)
    clerk_a, clerk_b = ResourceService(desk.db, actor("甲"), rules), ResourceService(desk.db, actor("乙"), rules)
    first = clerk_a.save_room(Room("Z1", "临时考场", "classroom", 20))
    clerk_b.save_room(Room("Z1", "临时考场", "classroom", 25), expected_version=first.version)
    with pytest.raises(StaleRecordError):
        clerk_a.save_room(Room("Z1", "临时考场", "classroom", 30), expected_version=first.version)
    assert next(r for r in clerk_a.rooms() if r.room.id == "Z1").room.capacity == 25
    with pytest.raises(ScenarioError, match="kind"):
        clerk_a.save_room(Room("Z2", "x", "swimming_pool", 20))
    with pytest.raises(ScenarioError, match="capacity"):
        clerk_a.save_room(Room("Z2", "x", "classroom", -3))
    rows = [a for a in _audit(desk, "room") if a.after and a.after.get("code") == "Z1"]
    assert [(a.user, a.action) for a in rows] == [("甲", "create"), ("乙", "update")]
    assert rows[1].before["capacity"] == 20 and rows[1].after["capacity"] == 25


# --- command line ------------------------------------------------------------------------------------------

def test_commands_plan_and_export_a_batch(desk, batch_id, tmp_path, capsys):
    from eligibility_desk.cli import main

    url = desk.db.url
    desk.close()
    add_accounts(url)
    assert main(["--db", url, "plan-batch", "--batch", str(batch_id), "--seed", "9", "--final", "--format", "json", "--user", ADMIN]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "final" and out["unplaced"] == 0 and out["version"] == 1
    assert main(["--db", url, "replan-batch", "--batch", str(batch_id), "--seed", "9", "--user", ADMIN]) == 0    # a summary by default
    text = capsys.readouterr().out
    assert text.startswith(f"方案 #{out['plan'] + 1} 第 2 版（草稿）") and "未安排 0" in text
    assert main(["--db", url, "replan-batch", "--batch", str(batch_id), "--seed", "9", "--lang", "en", "--user", ADMIN]) == 0
    assert capsys.readouterr().out.startswith(f"Plan #{out['plan'] + 2} version 3 (draft)")
    plan_path, scenario_path = tmp_path / "p.json", tmp_path / "s.json"
    assert main(["--db", url, "export-plan", "--batch", str(batch_id), "--plan", str(plan_path),
                 "--scenario", str(scenario_path), "--user", ADMIN]) == 0
    capsys.readouterr()
    assert main(["check-plan", str(plan_path), str(scenario_path)]) == 0
    assert json.loads(capsys.readouterr().out)["violations"] == []
    assert main(["--db", url, "export-plan", "--batch", str(batch_id), "--plan", str(plan_path), "--version", "7", "--user", ADMIN]) == 2
    assert f"--version：批次「{batch_id}」没有第 7 版编排方案" in capsys.readouterr().err
    assert main(["--db", url, "export-plan", "--batch", str(batch_id), "--plan", str(plan_path), "--version", "7",
                 "--lang", "en", "--user", ADMIN]) == 2
    assert "no plan version 7" in capsys.readouterr().err


# --- helpers -----------------------------------------------------------------------------------------------

def _latest_results(desk, batch_id):
    from eligibility_desk.persistence import queries

    with desk.db.reading() as session:
        return [r for r in queries.application_states(session, batch_id) if r.result_id is not None]


def _audit(desk, entity):
    with desk.db.reading() as session:
        return list(session.scalars(select(AuditRow).where(AuditRow.entity == entity).order_by(AuditRow.id)))


def _workbook(path, rooms, staff, slots):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "考场"
    ws.append(["编号", "名称", "类型", "容量", "设备"])
    for row in rooms:
        ws.append(row)
    ws = wb.create_sheet("人员")
    ws.append(["编号", "姓名", "角色", "单位", "不可用时间", "考评员证书", "主监考"])
    for row in staff:
        ws.append(row)
    ws = wb.create_sheet("时段")
    ws.append(["编号", "开始", "结束"])
    for row in slots:
        ws.append(row)
    wb.save(path)
    return path


def test_exam_days_fall_on_a_weekend_after_the_as_of_date():
    from eligibility_desk.services.sessions.demo_resources import demo_slots, exam_days

    saturday, sunday = exam_days(date(2025, 9, 1))
    assert saturday.weekday() == 5 and sunday.weekday() == 6 and (saturday - date(2025, 9, 1)).days >= 42
    assert len(demo_slots(date(2025, 9, 1))) == 4


def test_services_load_no_qt_and_the_command_module_only_the_standard_library():
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, eligibility_desk.cli.sessions; heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'openpyxl', 'PySide6')); "
            "import eligibility_desk.services.sessions.session_service, eligibility_desk.services.scores.score_service, eligibility_desk.services.sessions.resources; "
            "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')); print(heavy, qt)")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[3], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[] []"


def test_the_printing_package_renders_slips_and_score_sheets_of_a_stored_plan(desk, batch_id, tmp_path, monkeypatch):
    """The contract with the printing helper: the exported JSON is what their renderers read (skipped on a
    branch without eligibility_desk.documents)."""
    documents = pytest.importorskip("eligibility_desk.documents.slips", reason="the printing package is not on this branch")
    from eligibility_desk.documents import DocumentOptions
    from eligibility_desk.documents.room_docs import render_score_sheets

    monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET", "5" * 64)
    sessions = SessionService.from_desk(desk)
    sessions.plan_batch(batch_id, seed=2)
    plan_path, scenario_path = tmp_path / "plan.json", tmp_path / "scenario.json"
    sessions.export(batch_id, plan_path, scenario_path)
    first = json.loads(plan_path.read_text(encoding="utf-8"))["sessions"][0]
    only = frozenset(seat["candidate"] for seat in first["seats"][:3])
    slips = documents.render_slips(str(plan_path), str(scenario_path), tmp_path / "slips.pdf",
                                   DocumentOptions(only=only, workers=1))
    assert slips.items == 3 and (tmp_path / "slips.pdf").stat().st_size > 1000
    sheets = render_score_sheets(str(plan_path), str(scenario_path), tmp_path / "sheets.pdf", DocumentOptions())
    assert sheets.items == len(json.loads(plan_path.read_text(encoding="utf-8"))["sessions"])


def test_a_cancelled_planning_run_stores_nothing(desk, batch_id):
    from eligibility_desk.services.progress import OperationCancelled

    sessions = SessionService.from_desk(desk)
    with pytest.raises(OperationCancelled):
        sessions.plan_batch(batch_id, seed=1, cancelled=lambda: True)
    assert sessions.plans(batch_id) == [] and sessions.latest(batch_id) is None


def test_a_planners_exported_scenario_masks_the_id_numbers_and_is_audited(desk, batch_id, tmp_path):
    from eligibility_desk.domain.roles import mask_id_number

    planner = SessionService(desk.db, actor("考务甲", "planner"), desk.library)
    planner.plan_batch(batch_id, seed=3)
    SessionService.from_desk(desk).export(batch_id, None, tmp_path / "full.json")
    planner.export(batch_id, tmp_path / "plan.json", tmp_path / "masked.json")
    full = {c["id"]: c for c in json.loads((tmp_path / "full.json").read_text(encoding="utf-8"))["candidates"]}
    masked = json.loads((tmp_path / "masked.json").read_text(encoding="utf-8"))["candidates"]
    assert masked and all(c["id_number"] == mask_id_number(full[c["id"]]["id_number"]) != full[c["id"]]["id_number"]
                          for c in masked)
    assert all(c["name"] == full[c["id"]]["name"] for c in masked)
    rows = [r for r in desk.audit_trail("plan") if r["action"] == "export"]
    assert [(r["user"], r["after"]["id_numbers_masked"]) for r in rows] == [("考务甲", True), ("教务员", False)]


def test_the_weekend_hint_is_a_stored_audited_centre_setting_the_stored_checks_follow(desk, batch_id):
    """The demo exam days are a weekend: with the hint on (the default) the stored plan warns about them;
    turned off by a planner — stored in the database, audited — the next stored plan and check do not, and
    a viewer may not change it."""
    from eligibility_desk.services.accounts import PermissionDenied
    from eligibility_desk.services.sessions.plan_settings import WEEKEND_HINT, set_weekend_hint, weekend_hint
    from eligibility_desk.services.sessions.session_service import latest_shown

    sessions = SessionService.from_desk(desk)
    assert weekend_hint(desk.db) is True
    first = sessions.plan_batch(batch_id, seed=3)
    assert "slot_on_weekend" in {w["code"] for w in first.plan_json["warnings"]}
    with pytest.raises(PermissionDenied):
        set_weekend_hint(desk.db, actor("查看者", "viewer"), False)
    assert weekend_hint(desk.db) is True
    assert set_weekend_hint(desk.db, actor("考务乙", "planner"), False) is False
    assert weekend_hint(desk.db) is False                              # read back: stored
    set_weekend_hint(desk.db, actor("考务乙", "planner"), False)       # no change: no second audit row
    with desk.db.reading() as session:
        rows = [r for r in session.scalars(select(AuditRow).where(AuditRow.entity == "centre_setting"))]
    assert [(r.user, r.before, r.after) for r in rows] == [("考务乙", {WEEKEND_HINT: True}, {WEEKEND_HINT: False})]
    second = sessions.plan_batch(batch_id, seed=3)
    assert "slot_on_weekend" not in {w["code"] for w in second.plan_json["warnings"]}
    assert not any(v.code == "slot_on_weekend" for v in sessions.check(first.id))
    assert latest_shown(desk, batch_id).weekend_hint is False          # what the planner view is given
    set_weekend_hint(desk.db, actor("管理员甲", "admin"), True)
    assert any(v.code == "slot_on_weekend" for v in sessions.check(first.id))
