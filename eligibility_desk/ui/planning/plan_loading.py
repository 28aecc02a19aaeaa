"""What the 编排 workspace runs on a worker: the stored plans' service functions (imported when first used), a
loaded or made plan with its full check, and a scenario file planned without the database.  No Qt here."""

from __future__ import annotations

import os


def sessions_service():
    """``services.sessions`` (its ``*_shown`` functions), imported when first used: the window is built
    without loading SQLAlchemy (tests/test_layering.py)."""
    from eligibility_desk.services.sessions import session_service as sessions

    return sessions


def with_check(shown):
    """On the worker that loaded or made ``shown``: its plan's full check as well (the view then shows the
    verdicts at once — no full check of a 50,000-candidate plan on the GUI thread)."""
    if shown is None:
        return None
    from dataclasses import replace

    from eligibility_desk.planning import PlanChecker
    from eligibility_desk.planning.incremental import IncrementalCheck
    from eligibility_desk.ui.planning.planner_view import default_calendar

    checker = PlanChecker(shown.scenario, shown.rules, default_calendar(), shown.weekend_hint)
    return replace(shown, checked=IncrementalCheck(checker, shown.plan))


def plan_scenario_file(path: str, rules_dir: str | None = None, progress=None, cancelled=None):
    """Read a scenario file and plan it: ``(scenario, rules, plan)``; ValueError naming the file if unusable."""
    from eligibility_desk.domain.interchange_keys import strict_loads
    from eligibility_desk.planning import ScenarioError, load_planning_rules, parse_scenario, plan_sessions

    try:
        with open(path, "rb") as fh:
            data = strict_loads(fh.read())          # a key given twice is refused, not the last kept
        code = str(data.get("standard") or "")
        if not code:
            raise ValueError('standard: missing (e.g. "4-07-02-06")')
        rules = load_planning_rules(code, rules_dir)
        scenario = parse_scenario(data, rules)
    except (OSError, ValueError, ScenarioError, AttributeError) as exc:
        raise ValueError(f"{os.path.basename(path)}: {exc}") from None
    return scenario, rules, plan_sessions(scenario, rules, progress=progress, cancelled=cancelled)
