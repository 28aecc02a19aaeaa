"""Scores of a batch in the database (docs/sessions.md, docs/scoring.md): sheets from the final plan, double
entry (§1.9.2 scores out of 100, pass at 60), lock, audited corrections, panels (§1.9.3), re-checks in
working days, publication and statistics — with optimistic versions for a second writer.

Each test gets its own SQLite file, a copy of one prepared per module (demo batch, demo resources, a final
plan).  The key cases also run on PostgreSQL when the records branch's ``pg_server_url`` fixture exists.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import AuditRow
from eligibility_desk.persistence.score_models import CorrectionRow
from eligibility_desk.scoring.workdays import WorkCalendar
from eligibility_desk.scoring import ABSENT, ScoreError, SheetError, add_working_days
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.scores.score_views import error_text
from eligibility_desk.services.scores.score_service import ScoreService
from eligibility_desk.services.sessions.session_service import SessionService
from tests.account_helpers import ADMIN, actor, add_accounts

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _prepare(desk: Desk) -> int:
    batch_id = desk.create_demo_batch()
    create_demo_resources(desk.db, batch_id, actor("教务员"))
    sessions = SessionService.from_desk(desk)
    stored = sessions.plan_batch(batch_id, seed=7)
    sessions.finalise(stored.id, stored.version)
    return batch_id


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    path = tmp_path_factory.mktemp("prepared") / "desk.sqlite3"
    with Desk.open(f"sqlite:///{path}", actor("教务员")) as desk:
        batch_id = _prepare(desk)
    return path, batch_id


@pytest.fixture
def desk(prepared, tmp_path):
    target = tmp_path / "desk.sqlite3"
    shutil.copy(prepared[0], target)
    with Desk.open(f"sqlite:///{target}", actor("教务员")) as d:
        yield d


@pytest.fixture
def batch_id(prepared):
    return prepared[1]


@pytest.fixture(params=BACKENDS)
def any_desk(request, prepared, tmp_path):
    """(desk, batch id) on SQLite (a copy of the prepared file) and on PostgreSQL (built from scratch)."""
    if request.param == "sqlite":
        target = tmp_path / "desk.sqlite3"
        shutil.copy(prepared[0], target)
        with Desk.open(f"sqlite:///{target}", actor("教务员")) as d:
            yield d, prepared[1]
        return
    url, drop = _fresh_pg_database(request)
    d = Desk.open(url, actor("教务员"))
    try:
        yield d, _prepare(d)
    finally:
        d.close()
        drop()


def _fresh_pg_database(request):
    from tests.persistence.db_fixtures import fresh_pg_database

    return fresh_pg_database(request.getfixturevalue("pg_server_url"))


def recorders(desk):
    return ScoreService(desk.db, actor("录入员甲")), ScoreService(desk.db, actor("录入员乙")), ScoreService(desk.db, actor("考务组长"))


def enter_both(first, second, sheet, values):
    first.enter_many(sheet.id, 1, values)
    second.enter_many(sheet.id, 2, values)


# --- sheets ----------------------------------------------------------------------------------------------

def test_one_sheet_per_session_in_seat_order_made_once(desk, batch_id):
    plan = SessionService.from_desk(desk).latest(batch_id, status="final")
    scores = ScoreService.from_desk(desk)
    sheets = scores.open_sheets(batch_id)
    assert len(sheets) == len(plan.plan_json["sessions"])
    by_session = {(s.session, s.part): s for s in sheets}
    for session in plan.plan_json["sessions"]:
        sheet = by_session[(session["id"], session["part"])]
        assert [line.seat for line in sheet.lines] == sorted(seat["seat"] for seat in session["seats"])
        assert [line.admission_no for line in sheet.lines] == [seat["admission_no"] for seat in sorted(session["seats"], key=lambda x: x["seat"])]
        assert sheet.panel == (tuple(session["staff"]) if session["part"] != "theory" else ())
    assert [s.id for s in scores.open_sheets(batch_id)] == [s.id for s in sheets]   # opening again makes none


def test_no_sheets_without_a_final_plan(tmp_path):
    with Desk.open(f"sqlite:///{tmp_path / 'x.sqlite3'}", actor("教务员")) as desk:
        batch_id = desk.create_demo_batch(n=40)
        with pytest.raises(SheetError) as caught:
            ScoreService.from_desk(desk).open_sheets(batch_id)
    assert caught.value.code == "plan_not_final"
    assert "定稿" in error_text(caught.value)


# --- double entry and the lock -----------------------------------------------------------------------------

def test_double_entry_mismatch_blocks_the_lock_until_resolved(any_desk):
    desk, batch_id = any_desk
    first, second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    seats = [line.seat for line in sheet.lines]
    values = {seat: str(55 + seat % 40) for seat in seats}
    first.enter_many(sheet.id, 1, values)
    typo = {**values, seats[2]: "95.5"}
    second.enter_many(sheet.id, 2, typo)
    assert second.recorder_view(sheet.id, 2).entries[seats[2]].value == Decimal("95.5")
    assert set(second.recorder_view(sheet.id, 2).entries) == set(seats)
    assert all(e.by == "录入员乙" for e in second.recorder_view(sheet.id, 2).entries.values())   # only their own
    [mismatch] = leader.mismatches(sheet.id)
    assert mismatch.seat == seats[2] and mismatch.second == Decimal("95.5")
    with pytest.raises(SheetError) as caught:
        leader.lock(sheet.id, sheet.version)
    assert caught.value.code == "sheet_mismatch"
    assert leader.sheet(sheet.id).locked_at is None

    view = second.recorder_view(sheet.id, 2)
    second.enter(sheet.id, 2, seats[2], values[seats[2]], expected_version=view.version(seats[2]))
    assert leader.mismatches(sheet.id) == []
    locked = leader.lock(sheet.id, sheet.version)
    assert locked.locked and locked.locked_by == "考务组长" and locked.version == sheet.version + 1
    with pytest.raises(SheetError, match="sheet_locked"):
        first.enter(sheet.id, 1, seats[0], "80")


def test_an_incomplete_sheet_does_not_lock(desk, batch_id):
    first, second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    values = {line.seat: "70" for line in sheet.lines}
    first.enter_many(sheet.id, 1, values)
    second.enter_many(sheet.id, 2, dict(list(values.items())[:-1]))
    assert leader.missing(sheet.id) == [(2, sheet.lines[-1].seat)]
    with pytest.raises(SheetError) as caught:
        leader.lock(sheet.id)
    assert caught.value.code == "sheet_incomplete" and caught.value.params == {"count": 1}


def test_one_person_cannot_be_both_recorders(desk, batch_id):
    first, _second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    first.enter(sheet.id, 1, sheet.lines[0].seat, "70")
    with pytest.raises(SheetError) as caught:
        first.enter(sheet.id, 2, sheet.lines[0].seat, "70")
    assert caught.value.code == "same_recorder"


def test_bad_values_are_refused_and_nothing_is_stored(desk, batch_id):
    first, _second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    seat = sheet.lines[0].seat
    for typed, code in (("100.5", "out_of_range"), ("59.95", "too_many_decimals"), ("六十", "not_a_number"),
                        ("违纪", "note_required")):
        with pytest.raises(ScoreError) as caught:
            first.enter(sheet.id, 1, seat, typed)
        assert caught.value.code == code
    with pytest.raises(ScoreError):   # all or nothing: one bad value in a batch of entries stores none
        first.enter_many(sheet.id, 1, {seat: "70", sheet.lines[1].seat: "101"})
    assert first.recorder_view(sheet.id, 1).entries == {}
    first.enter(sheet.id, 1, seat, "缺考")
    first.enter(sheet.id, 1, sheet.lines[1].seat, "违纪 携带手机")
    view = first.recorder_view(sheet.id, 1).entries
    assert view[seat].value == ABSENT and view[sheet.lines[1].seat].value.note == "携带手机"


def test_a_second_writer_with_a_stale_version_is_refused(any_desk):
    desk, batch_id = any_desk
    first, second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    seat = sheet.lines[0].seat
    # two desks logged in as recorder 1 open the same empty cell
    desk_a, desk_b = ScoreService(desk.db, actor("录入员甲")), ScoreService(desk.db, actor("录入员甲"))
    seen = desk_a.recorder_view(sheet.id, 1).version(seat)
    assert seen == 0
    desk_a.enter(sheet.id, 1, seat, "71", expected_version=seen)
    with pytest.raises(StaleRecordError) as caught:
        desk_b.enter(sheet.id, 1, seat, "17", expected_version=seen)
    assert "score_entry" in str(caught.value)
    assert first.recorder_view(sheet.id, 1).entries[seat].value == Decimal("71")
    # the sheet: two leaders correct a locked sheet from the same version
    values = {line.seat: "71" for line in sheet.lines}
    first.enter_many(sheet.id, 1, values)
    second.enter_many(sheet.id, 2, values)
    locked = leader.lock(sheet.id, sheet.version)
    other = ScoreService(desk.db, actor("副组长"))
    leader.correct(sheet.id, seat, "72", "合分错误：漏加第 3 题 1 分", expected_version=locked.version)
    with pytest.raises(StaleRecordError) as caught:
        other.correct(sheet.id, seat, "73", "另一人的更正", expected_version=locked.version)
    assert caught.value.entity == "score_sheet" and caught.value.found == locked.version + 1
    assert leader.final_values(sheet.id)[seat] == Decimal("72")
    with pytest.raises(StaleRecordError):
        leader.lock(sheet.id, sheet.version)


# --- corrections after the lock ------------------------------------------------------------------------------

def test_correction_after_lock_needs_a_reason_and_is_audited(any_desk):
    desk, batch_id = any_desk
    first, second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    seat = sheet.lines[1].seat
    enter_both(first, second, sheet, {line.seat: "59.5" for line in sheet.lines})
    locked = leader.lock(sheet.id)
    with pytest.raises(SheetError) as caught:
        leader.correct(sheet.id, seat, "61", "   ", locked.version)
    assert caught.value.code == "reason_required"
    with pytest.raises(SheetError, match="no_change"):
        leader.correct(sheet.id, seat, "59.5", "核对无误", locked.version)
    done = leader.correct(sheet.id, seat, "61", "卷面合分错误，复核原卷", locked.version)
    assert done["before"] == {"score": "59.5"} and done["after"] == {"score": "61.0"} and done["by"] == "考务组长"
    assert leader.final_values(sheet.id)[seat] == Decimal("61")
    assert leader.final_values(sheet.id)[sheet.lines[0].seat] == Decimal("59.5")
    [kept] = leader.corrections(sheet.id)
    assert kept["reason"] == "卷面合分错误，复核原卷" and kept["before"] == {"score": "59.5"}
    with desk.db.reading() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.entity == "score_sheet", AuditRow.entity_id == sheet.id)
                               .order_by(AuditRow.id)).all()
        assert session.scalar(select(CorrectionRow.reason).where(CorrectionRow.sheet_id == sheet.id)) == kept["reason"]
    assert [r.action for r in rows] == ["create", "lock", "correct"]
    assert rows[-1].user == "考务组长" and rows[-1].before == {"seat": seat, "value": {"score": "59.5"}}
    assert rows[-1].after["value"] == {"score": "61.0"} and rows[-1].after["reason"] == "卷面合分错误，复核原卷"


# --- panels, publication, re-checks, statistics -------------------------------------------------------------

def test_panel_scores_make_the_mean_and_flag_a_gap(desk, batch_id):
    first, second, leader = recorders(desk)
    sheet = next(s for s in leader.open_sheets(batch_id) if s.part == "skill")
    a, b = sheet.panel[:2]
    seat, other = sheet.lines[0].seat, sheet.lines[1].seat
    with pytest.raises(SheetError, match="unknown_examiner"):
        leader.panel_enter(sheet.id, "NOBODY", seat, "70")
    assert len(sheet.panel) >= 3 and len(sheet.panel) % 2 == 1          # §1.9.3: 3 or more, odd
    for examiner in sheet.panel:
        leader.panel_enter(sheet.id, examiner, seat, "59.9" if examiner == b else "60")
    leader.panel_enter(sheet.id, a, other, "90")
    leader.panel_enter(sheet.id, b, other, "70")
    status = leader.panel_status(sheet.id)
    n = len(sheet.panel)
    expected = ((Decimal("60") * (n - 1) + Decimal("59.9")) / n).quantize(Decimal("0.1"), rounding="ROUND_DOWN")
    assert status[seat].final and status[seat].score == expected == Decimal("59.9")   # cut, not rounded up
    assert not status[other].final and status[other].flagged and len(status[other].missing) == n - 2
    assert first.apply_panel(sheet.id, 1) == 1
    assert first.recorder_view(sheet.id, 1).entries[seat].value == Decimal("59.9")


def test_panel_view_gives_each_examiners_stored_score_with_its_version(desk, batch_id):
    """What a sheet opened again must show: every examiner's score as stored, typed at any desk, with the
    version to change it by; the outcomes are §1.9.3's (mean cut to the scale, spread above the gap flagged)."""
    first, second, leader = recorders(desk)
    sheet = next(s for s in leader.open_sheets(batch_id) if s.part == "skill")
    rules = leader.rules_for(batch_id)
    a, b, c = sheet.panel[:3]
    seat, even, untouched = (line.seat for line in sheet.lines[:3])
    first.panel_enter(sheet.id, a, seat, "80")
    second.panel_enter(sheet.id, b, seat, str(80 - rules.panel_gap - Decimal("0.5")))   # spread just above the gap
    first.panel_enter(sheet.id, a, even, "70")
    first.panel_enter(sheet.id, b, even, str(70 - rules.panel_gap))                     # spread exactly the gap

    reopened = ScoreService(desk.db, actor("考评组长"))             # a new service, as after a restart
    view = reopened.panel_view(sheet.id)
    assert {e: entry.value for e, entry in view.entries[seat].items()} == {a: Decimal(80), b: 80 - rules.panel_gap - Decimal("0.5")}
    assert (view.entry(seat, a).by, view.entry(seat, b).by) == ("录入员甲", "录入员乙")
    assert view.entry(seat, c) is None and view.version(seat, c) == 0 and untouched not in view.entries
    assert view.sheet == sheet and view.outcomes == reopened.panel_status(sheet.id)
    assert set(view.outcomes) == {line.seat for line in sheet.lines}
    assert view.outcomes[seat].flagged and view.outcomes[seat].spread == rules.panel_gap + Decimal("0.5")
    assert not view.outcomes[even].flagged and view.outcomes[even].spread == rules.panel_gap      # "above" only
    assert view.outcomes[untouched].missing == sheet.panel and view.outcomes[untouched].spread is None

    # the version shown is the one to change the score by; a writer holding an older one saves nothing
    seen = view.version(seat, a)
    changed = reopened.panel_enter(sheet.id, a, seat, "81", expected_version=seen)
    assert changed.version > seen
    with pytest.raises(StaleRecordError):
        first.panel_enter(sheet.id, a, seat, "79", expected_version=seen)
    with pytest.raises(StaleRecordError):                    # a score entered where the writer saw none
        first.panel_enter(sheet.id, b, even, "60", expected_version=0)
    assert reopened.panel_view(sheet.id).entry(seat, a).value == Decimal(81)
    reopened.panel_enter(sheet.id, a, seat, None, expected_version=changed.version)          # cleared
    assert reopened.panel_view(sheet.id).entries[seat].keys() == {b}


def test_publish_then_recheck_within_working_days_through_the_audited_path(desk, batch_id):
    first, second, leader = recorders(desk)
    sheets = leader.open_sheets(batch_id)
    theory = sheets[0]
    with pytest.raises(SheetError) as caught:
        leader.publish(batch_id)
    assert caught.value.code == "batch_has_open_sheets"
    for sheet in sheets:
        values = {line.seat: "75" for line in sheet.lines}
        if sheet.id == theory.id:
            values[sheet.lines[0].seat] = "60"       # §1.9.2: 60 passes (含 60)
            values[sheet.lines[1].seat] = "59.9"
            values[sheet.lines[2].seat] = "缺考"
        enter_both(first, second, sheet, values)
        leader.lock(sheet.id)
    with pytest.raises(SheetError, match="not_published"):
        leader.request_recheck(theory.id, theory.lines[1].seat, date(2026, 1, 5))
    published = leader.publish(batch_id)
    passed = {r["candidate"]: r for r in published.results}
    assert theory.lines[0].admission_no in published.pass_list
    assert passed[theory.lines[1].admission_no]["outcome"] == "fail"
    assert passed[theory.lines[2].admission_no]["parts"]["theory"]["mark"] == "absent"
    assert published.counts["fail"] == 2 and published.counts["incomplete"] == 0

    on = published.published_on
    calendar = WorkCalendar.load()                   # rules/calendar/: statutory holidays and 调休 days
    holidays = {calendar.add(on, 1)}
    request = leader.request_recheck(theory.id, theory.lines[1].seat, on, "对理论成绩有异议", holidays=holidays)
    assert request.deadline == add_working_days(on, 10, holidays | set(calendar.holidays), calendar.workdays)
    assert request.open
    late = calendar.add(on, 6)
    with pytest.raises(SheetError, match="recheck_window_closed"):
        leader.request_recheck(theory.id, theory.lines[1].seat, late)
    with pytest.raises(SheetError, match="value_required"):
        leader.resolve_recheck(request.id, "changed")
    closed = leader.resolve_recheck(request.id, "changed", "62", note="第 12 题漏判", expected_version=request.version)
    assert closed.outcome == "changed" and closed.decided_by == "考务组长"
    [correction] = leader.corrections(theory.id)
    assert correction["recheck_id"] == request.id and correction["reason"].startswith(f"复核 {request.id}")
    assert correction["before"] == {"score": "59.9"} and correction["after"] == {"score": "62.0"}
    with pytest.raises(StaleRecordError):
        leader.resolve_recheck(request.id, "unchanged", expected_version=request.version)
    republished = leader.publish(batch_id)
    assert republished.number == 2 and theory.lines[1].admission_no in republished.pass_list
    assert leader.publication(batch_id).number == 2


def test_statistics_of_the_stored_sheets(desk, batch_id):
    first, second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    values = {line.seat: "80" for line in sheet.lines}
    values[sheet.lines[0].seat] = "缺考"
    values[sheet.lines[1].seat] = "50"
    enter_both(first, second, sheet, values)
    stats = leader.statistics(batch_id, by=("session", "part"))
    group = stats[(sheet.session, sheet.part)]
    n = len(sheet.lines)
    assert (group.candidates, group.absent, group.sat, group.passed) == (n, 1, n - 1, n - 2)
    assert group.median == Decimal("80") and group.histogram[5] == 1


def test_recheck_deadline_skips_the_weekend():
    friday = date(2025, 10, 24)
    assert add_working_days(friday, 1) == friday + timedelta(days=3)


def test_every_entry_is_audited_with_before_and_after(desk, batch_id):
    first, _second, leader = recorders(desk)
    sheet = leader.open_sheets(batch_id)[0]
    a, b = sheet.lines[0].seat, sheet.lines[1].seat
    first.enter_many(sheet.id, 1, {a: "70", b: "缺考"})
    first.enter_many(sheet.id, 1, {a: "70", b: "66"})          # a unchanged: no new row for it
    first.enter(sheet.id, 1, a, "")                             # cleared
    with desk.db.reading() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.entity == "score_entry").order_by(AuditRow.id)).all()
    assert [(r.action, (r.after or r.before)["seat"]) for r in rows] == [("enter", a), ("enter", b), ("enter", b), ("clear", a)]
    assert rows[2].before["value"] == {"mark": "absent"} and rows[2].after["value"] == {"score": "66.0"}
    assert rows[3].before["value"] == {"score": "70.0"} and rows[3].after is None
    assert all(r.user == "录入员甲" for r in rows)


def test_score_commands_enter_lock_and_publish(desk, batch_id, capsys):
    import json

    from eligibility_desk.cli import main

    url = desk.db.url
    desk.close()
    add_accounts(url, "甲", "乙", roles=("recorder",))
    add_accounts(url, "丙", roles=("supervisor",))
    assert main(["--db", url, "scores", "open", "--batch", str(batch_id), "--format", "json", "--user", ADMIN]) == 0
    sheets = json.loads(capsys.readouterr().out)
    first = sheets[0]
    assert main(["--db", url, "scores", "open", "--batch", str(batch_id), "--user", ADMIN]) == 0      # a table by default
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].split()[:3] == ["成绩单", "场次", "考场"] and len(shown) == len(sheets) + 2
    seats = [f"{n}=75" for n in range(1, first["seats"] + 1)]
    assert main(["--db", url, "scores", "enter", str(first["sheet"]), "--recorder", "1", *seats, "--user", "甲"]) == 0
    assert capsys.readouterr().out.strip() == f"成绩单 {first['sheet']}：第 1 录入人录入 {len(seats)} 个座位。"
    assert main(["--db", url, "scores", "enter", str(first["sheet"]), "--recorder", "2", "1=缺考", *seats[1:], "--user", "乙",
                 "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == f"Sheet {first['sheet']}: {len(seats)} seat(s) entered by recorder 2."
    assert main(["--db", url, "scores", "lock", str(first["sheet"]), "--user", "丙"]) == 1
    err = capsys.readouterr().err
    assert "座位 1" in err and "不一致" in err
    assert main(["--db", url, "scores", "enter", str(first["sheet"]), "--recorder", "1", "2=100.5", "--user", "甲"]) == 1
    assert "超出 0–100 分" in capsys.readouterr().err
    assert main(["--db", url, "scores", "publish", "--batch", str(batch_id), "--user", ADMIN]) == 1
    assert "未锁定" in capsys.readouterr().err


def test_two_desks_entering_the_same_cell_exactly_one_wins(any_desk):
    """CLI ``scores enter`` reads the cells' versions first; a desk that wrote the cell meanwhile wins and
    the other is refused with nothing saved (issue 14: no last-writer-wins)."""
    desk, batch_id = any_desk
    here = ScoreService(desk.db, actor("录入员甲"))
    sheet = here.open_sheets(batch_id)[0]
    seat = sheet.lines[0].seat
    with Desk.open(desk.db.url, actor("录入员丙")) as other_desk:
        there = ScoreService(other_desk.db, actor("录入员丙"))
        seen_here = here.recorder_view(sheet.id, 1).entries
        seen_there = there.recorder_view(sheet.id, 1).entries
        assert seat not in seen_here and seat not in seen_there
        here.enter_many(sheet.id, 1, {seat: "71"}, expected_versions={seat: 0})
        with pytest.raises(StaleRecordError) as caught:
            there.enter_many(sheet.id, 1, {seat: "88", sheet.lines[1].seat: "60"}, expected_versions={seat: 0})
        assert "已被他人修改" in caught.value.message("zh") or "已被他人删除" in caught.value.message("zh")
        stored = there.recorder_view(sheet.id, 1).entries
        assert stored[seat].value == Decimal("71") and sheet.lines[1].seat not in stored   # all or nothing


def test_cli_scores_enter_refuses_a_cell_changed_meanwhile(desk, batch_id, capsys, monkeypatch):
    from eligibility_desk.cli import main

    scores = ScoreService.from_desk(desk)
    sheet = scores.open_sheets(batch_id)[0]
    seat = sheet.lines[0].seat
    real_view = ScoreService.recorder_view

    def view_then_another_desk_writes(self, sheet_id, recorder):   # the race, made certain: read, then a write
        seen = real_view(self, sheet_id, recorder)
        ScoreService(desk.db, actor("录入员丙")).enter(sheet_id, recorder, seat, "90")
        return seen

    add_accounts(desk.db, "录入员甲", roles=("recorder",))
    monkeypatch.setattr(ScoreService, "recorder_view", view_then_another_desk_writes)
    code = main(["--db", desk.db.url, "scores", "enter", str(sheet.id), "--recorder", "1", f"{seat}=70", "--user", "录入员甲"])
    err = capsys.readouterr().err
    assert code == 1 and "已被他人" in err and "Traceback" not in err
    monkeypatch.undo()
    assert scores.recorder_view(sheet.id, 1).entries[seat].value == Decimal("90")
