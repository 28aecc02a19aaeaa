"""The long work behind the 编排 and 打印 workspaces, as module-level functions ``fn(..., progress, cancelled)``
that run on a worker thread (no Qt here).  Each goes through the services layer and returns plain data.

    shown = latest_plan(desk, batch_id)                       # ShownPlan | None
    shown = plan_batch(desk, batch_id, seed, progress, cancelled)
    result = print_document(desk, batch_id, "slips", out, options, progress, cancelled)
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

#: the printed documents: key -> (render function name in eligibility_desk.documents, file stem)
DOCUMENTS = {
    "slips": ("render_slips", "准考证"),
    "signin": ("render_signin", "签到表"),
    "doorlist": ("render_door_lists", "考场门贴"),
    "scoresheet": ("render_score_sheets", "成绩登记表"),
    "pack": ("render_exam_pack", "考务包"),
}


@dataclass(frozen=True)
class ShownPlan:
    """A stored plan, ready for the planner view: the stored version, its parsed scenario and rules."""

    stored: object          # services.sessions.StoredPlan
    scenario: object        # planning.Scenario
    rules: object           # planning.PlanningRules
    plan: object            # planning.plan.Plan (a fresh copy: the view edits it in place)


def _sessions(desk):
    from eligibility_desk.services.sessions import SessionService

    return SessionService.from_desk(desk)


def shown(sessions, stored) -> ShownPlan:
    from eligibility_desk.planning import parse_scenario

    rules = sessions.rules_for(stored.batch_id)
    return ShownPlan(stored, parse_scenario(stored.scenario_json, rules), rules, stored.plan)


def latest_plan(desk, batch_id: int, progress=None, cancelled=None) -> ShownPlan | None:
    sessions = _sessions(desk)
    stored = sessions.latest(batch_id)
    return shown(sessions, stored) if stored is not None else None


def plan_batch(desk, batch_id: int, seed: int | None, progress, cancelled) -> ShownPlan:
    sessions = _sessions(desk)
    return shown(sessions, sessions.plan_batch(batch_id, seed=seed, progress=progress, cancelled=cancelled))


def replan_batch(desk, batch_id: int, lost_rooms: list[str], expected_number: int, progress, cancelled) -> ShownPlan:
    sessions = _sessions(desk)
    return shown(sessions, sessions.replan_batch(batch_id, lost_rooms=lost_rooms, expected_number=expected_number,
                                                 progress=progress, cancelled=cancelled))


def store_edited(desk, batch_id: int, plan, expected_number: int) -> ShownPlan:
    from eligibility_desk.planning import plan_to_json

    sessions = _sessions(desk)
    return shown(sessions, sessions.store_edited(batch_id, plan_to_json(plan), expected_number=expected_number))


def finalise(desk, plan_id: int, expected_version: int) -> ShownPlan:
    sessions = _sessions(desk)
    return shown(sessions, sessions.finalise(plan_id, expected_version))


def document_plan(desk, batch_id: int):
    """The plan printed from: the newest final plan, else the newest plan (a draft); None if there is none."""
    from eligibility_desk.services.sessions import FINAL

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
