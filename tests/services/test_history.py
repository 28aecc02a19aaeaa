"""The history of a score cell and of a review decision, read from the audit trail (services/history.py), on
SQLite and PostgreSQL (the JSON look-ups differ between them)."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.services.history import CLEAR, CORRECT, DECIDE, ENTER, LOCK, decision_history, score_cell_history
from eligibility_desk.services.scores.score_service import ScoreService
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService
from eligibility_desk.domain.roles import Role
from eligibility_desk.services.screening.reviews import decide
from tests.account_helpers import actor
from tests.services.helpers import Title, TitleGrade, WorkPeriod, person


def final_plan(desk) -> int:
    """A small demo batch with rooms, staff and a final plan: its score sheets can be opened."""
    batch_id = desk.create_demo_batch(n=20, seed=3)
    create_demo_resources(desk.db, batch_id, desk.actor)
    sessions = SessionService.from_desk(desk)
    stored = sessions.plan_batch(batch_id, seed=3)
    sessions.finalise(stored.id, stored.version)
    return batch_id


def test_a_score_cells_entries_lock_and_correction_oldest_first(desk):
    batch_id = final_plan(desk)
    first, second, leader = (ScoreService(desk.db, actor(name)) for name in ("录入员甲", "录入员乙", "考务组长"))
    sheet = leader.open_sheets(batch_id)[0]
    seat, neighbour = sheet.lines[0].seat, sheet.lines[1].seat
    assert score_cell_history(desk.db, sheet.id, seat) == []          # nothing entered yet
    first.enter(sheet.id, 1, seat, "70")
    first.enter(sheet.id, 1, seat, "")                                 # cleared …
    first.enter_many(sheet.id, 1, {line.seat: "59.5" for line in sheet.lines})   # … and entered again
    second.enter_many(sheet.id, 2, {line.seat: "59.5" for line in sheet.lines})
    locked = leader.lock(sheet.id)
    leader.correct(sheet.id, seat, "61", "卷面合分错误", locked.version)
    leader.correct(sheet.id, neighbour, "62", "另一座位", leader.sheet(sheet.id).version)

    steps = score_cell_history(desk.db, sheet.id, seat)
    assert [(s.action, s.account, s.recorder) for s in steps] == [
        (ENTER, "录入员甲", 1), (CLEAR, "录入员甲", 1), (ENTER, "录入员甲", 1), (ENTER, "录入员乙", 2),
        (LOCK, "考务组长", None), (CORRECT, "考务组长", None)]
    assert steps[0].before is None and steps[0].after == {"score": "70.0"}
    assert steps[1].before == {"score": "70.0"} and steps[1].after is None
    assert steps[4].after == {"score": "59.5"}
    assert (steps[5].before, steps[5].after, steps[5].reason) == ({"score": "59.5"}, {"score": "61.0"}, "卷面合分错误")
    assert all(a.at <= b.at for a, b in zip(steps, steps[1:]))
    assert all(s.display_name == s.account for s in steps)            # no account of these names on file
    from eligibility_desk.services.accounts import AccountService

    AccountService(desk.db).create_first_admin("录入员甲", "甲老师", None, os_login=True)
    steps = score_cell_history(desk.db, sheet.id, seat)
    assert [s.display_name for s in steps[:2]] == ["甲老师", "甲老师"] and steps[0].account == "录入员甲"
    assert steps[3].display_name == "录入员乙"                        # rows of a name with no account stay as they are
    other = score_cell_history(desk.db, sheet.id, neighbour)
    assert [s.action for s in other][-1] == CORRECT and other[-1].reason == "另一座位"


def test_a_decisions_history_names_what_it_replaced(desk):
    batch_id = desk.create_batch("2025年9月", "4-07-02-06", ["4", "3"], date(2025, 9, 1), date(2025, 7, 1),
                                 date(2025, 8, 15))
    pk, _ = desk.save_applicant(None, person("A2", "乙", sequence=2, work=(WorkPeriod("营销员", date(2021, 1, 1)),),
                                             titles=(Title(TitleGrade.JUNIOR, date(2022, 6, 1), None),)), None)
    desk.apply(pk, batch_id, ["3"])
    desk.screen_batch(batch_id)
    [result_id] = desk.review_queue(batch_id)
    assert decision_history(desk.db, result_id) == []
    decide(desk.db, result_id, True, "已核验证书原件", actor("王审核", Role.CLERK))
    decide(desk.db, result_id, False, "证书与专业不符", actor("李复核", Role.SUPERVISOR))     # a review of it
    steps = decision_history(desk.db, result_id)
    assert [(s.action, s.account, s.before, s.after, s.reason) for s in steps] == [
        (DECIDE, "王审核", None, "approve", "已核验证书原件"), (DECIDE, "李复核", "approve", "reject", "证书与专业不符")]
    with pytest.raises(LookupError):
        decision_history(desk.db, 999_999)


def test_blind_double_entry_hides_the_other_recorders_entries_until_the_lock(desk):
    batch_id = final_plan(desk)
    first, second = ScoreService(desk.db, actor("录入员甲")), ScoreService(desk.db, actor("录入员乙"))
    sheet = first.open_sheets(batch_id)[0]
    seat = sheet.lines[0].seat
    first.enter_many(sheet.id, 1, {line.seat: "80" for line in sheet.lines})
    second.enter(sheet.id, 2, seat, "81")
    assert [s.recorder for s in score_cell_history(desk.db, sheet.id, seat, blind_recorder=2)] == [2]
    assert [s.recorder for s in score_cell_history(desk.db, sheet.id, seat, blind_recorder=1)] == [1]
    assert [s.recorder for s in score_cell_history(desk.db, sheet.id, seat)] == [1, 2]
    second.enter_many(sheet.id, 2, {line.seat: "80" for line in sheet.lines})
    second.lock(sheet.id)
    assert [s.recorder for s in score_cell_history(desk.db, sheet.id, seat, blind_recorder=2)] == [1, 2, 2, None]
