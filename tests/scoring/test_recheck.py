"""Re-checks (复核): working-day deadlines and changed scores through the audited correction path."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from eligibility_desk.scoring import (ScoreSheet, SeatLine, SheetError, add_working_days, file_recheck,
                                      is_working_day, resolve_recheck)
from eligibility_desk.scoring.recheck import request_window_end

D = Decimal
FRI = date(2026, 11, 20)


def test_working_days_skip_weekends():
    assert add_working_days(FRI, 1) == date(2026, 11, 23)          # Monday
    assert add_working_days(FRI, 5) == date(2026, 11, 27)          # next Friday
    assert add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)   # from a Saturday
    assert add_working_days(FRI, 0) == FRI


def test_working_days_skip_holidays_and_count_make_up_days():
    # 2026 National Day holiday: Oct 1–7 off, Sunday Oct 11 a make-up working day (illustrative list)
    holidays = {date(2026, 10, d) for d in range(1, 8)}
    assert add_working_days(date(2026, 9, 30), 1, holidays) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 9), 1, holidays, {date(2026, 10, 11)}) == date(2026, 10, 11)
    assert not is_working_day(date(2026, 10, 1), holidays)


def locked_sheet():
    sheet = ScoreSheet("S1", "B1", "AM", "R1", "theory", [SeatLine(1, "A001", "张三", "4")])
    sheet.enter(1, 1, D("58"))
    sheet.enter(2, 1, D("58"))
    sheet.lock("组长", datetime(2026, 11, 20, 17, 0))
    return sheet


def test_request_gets_its_answer_deadline_in_working_days(rules):
    sheet = locked_sheet()
    request = file_recheck("R1", sheet, 1, requested_on=date(2026, 11, 23), published_on=FRI, rules=rules)
    assert request.open and request.candidate == "A001" and request.part == "theory"
    assert request.deadline == add_working_days(date(2026, 11, 23), rules.recheck_answer_days)
    assert request.deadline.weekday() < 5


def test_request_after_the_window_is_refused(rules):
    end = request_window_end(FRI, rules)
    assert end == add_working_days(FRI, rules.recheck_request_days)
    with pytest.raises(SheetError) as info:
        file_recheck("R1", locked_sheet(), 1, requested_on=date.fromordinal(end.toordinal() + 1), published_on=FRI, rules=rules)
    assert info.value.code == "recheck_window_closed"


def test_changed_outcome_goes_through_the_audited_correction(rules):
    sheet = locked_sheet()
    request = file_recheck("R7", sheet, 1, date(2026, 11, 23), FRI, rules, reason="认为第 3 题漏判")
    at = datetime(2026, 11, 25, 10, 0)
    closed, audit = resolve_recheck(request, sheet, "changed", "复核组", at, D("61"), note="第 3 题漏计 3 分")
    assert sheet.value(1) == D(61)
    assert (audit.before, audit.after, audit.by, audit.at, audit.recheck_id) == (D(58), D(61), "复核组", at, "R7")
    assert "R7" in audit.reason and "漏计" in audit.reason
    assert closed.outcome == "changed" and closed.audit_id == audit.id and closed.decided_on == at.date()
    with pytest.raises(SheetError):
        resolve_recheck(closed, sheet, "unchanged", "复核组", at)


def test_unchanged_outcome_leaves_the_sheet_alone(rules):
    sheet = locked_sheet()
    request = file_recheck("R8", sheet, 1, date(2026, 11, 23), FRI, rules)
    closed, audit = resolve_recheck(request, sheet, "unchanged", "复核组", datetime(2026, 11, 24, 9))
    assert audit is None and sheet.audit == [] and closed.outcome == "unchanged"
