"""A write-only workbook whose building stops before it is saved — a cancelled export, an exception half-way —
leaves nothing behind: no file, and no unsaved sheet for the garbage collector, which would print "Exception
ignored … Traceback" (at the latest when the window or the command exits: issue 15, no traceback reaches a user)."""

from __future__ import annotations

import gc
import sys
from datetime import date

import pytest

from eligibility_desk.services.records.problem_report import write_problem_report
from eligibility_desk.services.summaries import ImportProblem
from tests.services.helpers import WorkPeriod, person


@pytest.fixture
def unraisable(monkeypatch):
    """What the interpreter would have printed as "Exception ignored …" (collected now, not at exit)."""
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    yield seen
    gc.collect()


def _files(folder):
    return sorted(p.name for p in folder.rglob("*"))


def test_a_cancelled_export_leaves_no_file_and_nothing_to_the_garbage_collector(desk, batch_id, tmp_path, unraisable):
    for n in range(6):
        pk, _ = desk.save_applicant(None, person(f"A{n}", "甲", sequence=n + 1,
                                                 work=(WorkPeriod("电子商务师", date(2018, 1, 1)),)), None)
        desk.apply(pk, batch_id, ("4",))
    desk.screen_batch(batch_id)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3  # part of the rows written to the sheets, then cancelled

    out = tmp_path / "out"
    out.mkdir()
    summary = desk.export_batch(batch_id, out / "审核结果.xlsx", cancelled=cancelled)
    assert summary.cancelled and len(asked) == 4
    gc.collect()
    assert unraisable == []
    assert _files(out) == []


class _Broken(ImportProblem):
    def message(self, lang="zh"):
        raise RuntimeError("a problem that cannot be worded")


def test_a_problem_report_that_fails_half_way_raises_and_leaves_nothing(tmp_path, unraisable):
    problems = [ImportProblem("考生", n, "姓名", "x", "required", {}) for n in range(2, 50)]
    problems.append(_Broken("考生", 60, "姓名", "x", "required", {}))
    with pytest.raises(RuntimeError):
        write_problem_report([], problems, tmp_path / "问题.xlsx")
    gc.collect()
    assert unraisable == []
    assert _files(tmp_path) == []
