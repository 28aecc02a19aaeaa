"""Printing a batch's documents from its stored plan — the work behind the 打印 workspace, usable without Qt
(a script, the command line, a test):

    stored = document_plan(desk, batch_id)                  # the final plan, else the newest draft; None
    result = print_document(desk, batch_id, "slips", out, options, progress, cancelled)   # a RenderResult
    name = default_file_name("slips", batch_name, stored)   # 准考证_<batch>_第1版定稿.pdf

``print_document`` is a module-level function taking ``progress(done, total)`` and ``cancelled()``, run on
a worker thread by the GUI.  Imports only the stdlib at import time (the window is built without
SQLAlchemy; tests/test_layering.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

#: the printed documents: key -> (render function name in eligibility_desk.documents, file stem)
DOCUMENTS = {
    "slips": ("render_slips", "准考证"),
    "signin": ("render_signin", "签到表"),
    "doorlist": ("render_door_lists", "考场门贴"),
    "scoresheet": ("render_score_sheets", "成绩登记表"),
    "pack": ("render_exam_pack", "考务包"),
}


def _sessions(desk):
    from eligibility_desk.services.sessions.session_service import SessionService

    return SessionService.from_desk(desk)


def document_plan(desk, batch_id: int):
    """The plan printed from: the newest final plan, else the newest plan (a draft); None if there is none."""
    from eligibility_desk.services.sessions.session_service import FINAL

    sessions = _sessions(desk)
    return sessions.latest(batch_id, status=FINAL) or sessions.latest(batch_id)


def print_document(desk, batch_id: int, kind: str, out_path: str | Path, options, progress, cancelled):
    """Export the batch's plan + scenario through the sessions service and render one document from them.

    The render writes atomically: a cancelled run (``RenderCancelled``) leaves no file behind."""
    import eligibility_desk.documents as documents

    stored = document_plan(desk, batch_id)
    if stored is None:
        raise LookupError("no plan")
    render = getattr(documents, DOCUMENTS[kind][0])
    with tempfile.TemporaryDirectory(prefix="eligibility-desk-print-") as folder:
        plan_file, scenario_file = Path(folder, "plan.json"), Path(folder, "scenario.json")
        _sessions(desk).export(batch_id, plan_file, scenario_file, plan_id=stored.id)
        return render(plan_file, scenario_file, out_path, options, progress=progress, cancelled=cancelled)


def default_file_name(kind: str, batch_name: str, stored) -> str:
    state = "定稿" if stored.status == "final" else "草稿"
    safe = "".join(ch if ch not in '\\/:*?"<>|' else "_" for ch in batch_name).strip() or "batch"
    return f"{DOCUMENTS[kind][1]}_{safe}_第{stored.number}版{state}.pdf"
