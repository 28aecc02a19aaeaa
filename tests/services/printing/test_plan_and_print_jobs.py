"""The 编排 and 打印 workspaces' work, driven without the GUI: services.sessions ``*_shown`` and
services.printing (moved out of ui/; a script or the command line can run them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from eligibility_desk.planning.edits import move_members
from eligibility_desk.services.printing import batch_documents as printing
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.progress import OperationCancelled
from eligibility_desk.services.sessions.session_service import (
    ShownPlan, finalise_shown, latest_shown, plan_batch_shown, replan_batch_shown, store_edited_shown,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def demo(desk):
    batch_id = desk.create_demo_batch(n=40, seed=7)
    create_demo_resources(desk.db, batch_id, desk.actor)
    return batch_id


def test_plan_edit_replan_and_finalise_through_the_shown_functions(desk, demo):
    assert latest_shown(desk, demo) is None and printing.document_plan(desk, demo) is None
    first = plan_batch_shown(desk, demo, 11)
    assert isinstance(first, ShownPlan) and first.stored.number == 1 and first.stored.seed == 11
    assert {c.id for c in first.scenario.candidates} >= {seat.candidate for s in first.plan.sessions for seat in s.seats}
    source, target = [s for s in first.plan.sessions if s.part == "theory"][:2]
    move_members(first.plan, [{"kind": "staff", "id": source.staff[0], "session": source.id}], target.id)
    edited = store_edited_shown(desk, demo, first.plan, expected_number=1)
    assert (edited.stored.number, edited.stored.kind) == (2, "edit")
    assert latest_shown(desk, demo).stored.id == edited.stored.id
    replanned = replan_batch_shown(desk, demo, [], expected_number=2)
    assert (replanned.stored.number, replanned.stored.kind) == (3, "replan")
    assert replanned.stored.violations == []                  # the re-plan repaired the hand edit
    final = finalise_shown(desk, replanned.stored.id, replanned.stored.version)
    assert final.stored.status == "final" and printing.document_plan(desk, demo).id == final.stored.id


def test_a_cancelled_planning_run_stores_nothing(desk, demo):
    with pytest.raises(OperationCancelled):
        plan_batch_shown(desk, demo, 3, cancelled=lambda: True)
    assert latest_shown(desk, demo) is None


def test_print_the_slips_of_a_batch_without_qt(desk, demo, tmp_path):
    from eligibility_desk.documents import DocumentOptions

    shown = plan_batch_shown(desk, demo, 5)
    stored = printing.document_plan(desk, demo)
    name = printing.default_file_name("slips", "2025年9月/秋", stored)
    assert name == "准考证_2025年9月_秋_第1版草稿.pdf"
    done = []
    result = printing.print_document(desk, demo, "slips", tmp_path / name, DocumentOptions(secret=bytes(range(32))),
                                     lambda d, t: done.append((d, t)), lambda: False)
    seated = {seat.candidate for s in shown.plan.sessions for seat in s.seats}
    assert Path(result.path) == tmp_path / name and len(PdfReader(str(result.path)).pages) == len(seated)
    assert done and done[-1][0] == done[-1][1]


def test_the_services_load_without_qt():
    code = ("import sys, eligibility_desk.services.printing.batch_documents, eligibility_desk.services.sessions.session_service;"
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
