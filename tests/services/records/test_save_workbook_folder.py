"""A workbook whose folder cannot be made (a plain file where the folder should be) is refused with an
``OSError`` and leaves nothing behind — no partial file, and no write-only sheet left to the garbage collector,
which would print "Exception ignored … Traceback" at the command's exit (issue 15: no traceback reaches a user).
Every writer of the desk saves through ``sheet_cells.save_workbook``; here the writers that take only a path."""

from __future__ import annotations

import gc
import sys

import pytest

from eligibility_desk.services.records.problem_report import write_problem_report
from eligibility_desk.services.records.template import write_template
from eligibility_desk.services.summaries import ImportProblem
from eligibility_desk.planning.xlsx_template import write_resources_template


def _problem_report(path):
    problems = [ImportProblem("考生", n, "姓名", "x", "required", {}) for n in range(2, 300)]
    write_problem_report([], problems, path)


WRITERS = {"problem report": _problem_report, "import template": write_template,
           "resources template": write_resources_template}


@pytest.mark.parametrize("depth", [1, 3])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_folder_that_cannot_be_made_is_refused_and_leaves_nothing(tmp_path, monkeypatch, writer, depth):
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    target = tmp_path / "plain"
    for n in range(depth):
        target = target / f"子{n}"
    target = target / "文件.xlsx"
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with pytest.raises(OSError):
        WRITERS[writer](target)
    gc.collect()
    assert ignored == []
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["plain"]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_missing_folder_is_made(tmp_path, writer):
    target = tmp_path / "新" / "文件夹" / "文件.xlsx"
    WRITERS[writer](target)
    assert target.is_file() and target.stat().st_size > 0
    assert [p.name for p in target.parent.iterdir()] == ["文件.xlsx"]
