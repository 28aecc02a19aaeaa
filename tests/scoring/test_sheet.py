"""Double entry, locking and audited corrections on a score sheet."""

from datetime import datetime
from decimal import Decimal

import pytest

from eligibility_desk.scoring import ABSENT, Mark, Marked, ScoreSheet, SeatLine, SheetError

D = Decimal
AT = datetime(2026, 11, 21, 9, 30)


def make_sheet():
    lines = [SeatLine(3, "A003", "王五", "4"), SeatLine(1, "A001", "张三", "4"), SeatLine(2, "A002", "李四", "4")]
    return ScoreSheet("S1", "B1", "2026-11-21 AM", "R101", "theory", lines)


def enter_both(sheet, values):
    for seat, value in values.items():
        sheet.enter(1, seat, value)
        sheet.enter(2, seat, value)


def test_lines_are_in_seat_order():
    assert make_sheet().seats() == [1, 2, 3]


def test_mismatch_is_listed_and_blocks_the_lock():
    sheet = make_sheet()
    enter_both(sheet, {1: D(75), 2: ABSENT})
    sheet.enter(1, 3, D("68.5"))
    sheet.enter(2, 3, D("86.5"))   # transposed digits
    mismatches = sheet.mismatches()
    assert [(m.seat, m.candidate, m.first, m.second) for m in mismatches] == [(3, "A003", D("68.5"), D("86.5"))]
    with pytest.raises(SheetError) as info:
        sheet.lock("组长", AT)
    assert info.value.code == "sheet_mismatch" and info.value.params["count"] == 1
    assert not sheet.locked
    sheet.enter(2, 3, D("68.5"))   # recorder 2 checks the paper and re-enters
    assert sheet.mismatches() == []
    sheet.lock("组长", AT)
    assert sheet.locked and sheet.value(3) == D("68.5") and sheet.value(2) is ABSENT


def test_an_incomplete_sheet_cannot_lock():
    sheet = make_sheet()
    enter_both(sheet, {1: D(75), 2: D(80)})
    sheet.enter(1, 3, D(90))
    assert sheet.missing() == [(2, 3)]
    with pytest.raises(SheetError) as info:
        sheet.lock("组长", AT)
    assert info.value.code == "sheet_incomplete"


def test_marks_must_agree_too():
    sheet = make_sheet()
    enter_both(sheet, {1: D(75), 2: D(80)})
    sheet.enter(1, 3, Marked(Mark.DISQUALIFIED, "携带手机"))
    sheet.enter(2, 3, ABSENT)
    assert [m.seat for m in sheet.mismatches()] == [3]


def test_locked_sheet_refuses_entry_and_audits_corrections():
    sheet = make_sheet()
    enter_both(sheet, {1: D(75), 2: D(80), 3: D("59.5")})
    sheet.lock("组长", AT)
    with pytest.raises(SheetError) as info:
        sheet.enter(1, 3, D(60))
    assert info.value.code == "sheet_locked"
    with pytest.raises(SheetError) as info:
        sheet.correct(3, D("65.5"), "  ", "李老师", AT)
    assert info.value.code == "reason_required"
    assert sheet.value(3) == D("59.5") and sheet.audit == []

    later = datetime(2026, 11, 22, 14, 0)
    record = sheet.correct(3, D("65.5"), "合分错误：第 4 题漏计 6 分", "李老师", later)
    assert sheet.value(3) == D("65.5")
    assert (record.sheet_id, record.seat, record.candidate) == ("S1", 3, "A003")
    assert (record.before, record.after, record.by, record.at) == (D("59.5"), D("65.5"), "李老师", later)
    assert record.reason.startswith("合分错误") and sheet.audit == [record]
    with pytest.raises(SheetError) as info:
        sheet.correct(3, D("65.5"), "again", "李老师", later)
    assert info.value.code == "no_change"


def test_unknown_seat_and_recorder():
    sheet = make_sheet()
    with pytest.raises(SheetError) as info:
        sheet.enter(1, 9, D(1))
    assert info.value.code == "unknown_seat"
    with pytest.raises(SheetError) as info:
        sheet.enter(3, 1, D(1))
    assert info.value.code == "unknown_recorder"


def test_correction_before_lock_is_refused():
    with pytest.raises(SheetError) as info:
        make_sheet().correct(1, D(1), "x", "me", AT)
    assert info.value.code == "sheet_not_locked"
