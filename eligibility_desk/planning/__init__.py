"""Session planning (Qt-free): scenario, planning rules from the rule file, planner, checker, re-planning.

    rules = load_planning_rules("4-07-02-06")
    scenario = parse_scenario(json.load(fh), rules)
    plan = plan_sessions(scenario, rules, seed=42)
    problems = PlanChecker(scenario, rules).check(plan)
"""

from eligibility_desk.planning.checker import PlanChecker
from eligibility_desk.planning.plan import Move, Plan, Seat, Session, Unplaced, Violation, plan_from_json, plan_to_json
from eligibility_desk.planning.planner import plan_sessions
from eligibility_desk.planning.rules import PartRule, PlanningRules, load_planning_rules
from eligibility_desk.planning.scenario import (
    Candidate, Credential, Interval, PlanningOptions, Room, Scenario, ScenarioError, Slot, StaffMember,
)
from eligibility_desk.planning.scenario_json import parse_scenario, scenario_to_json

__all__ = [
    "Candidate", "Credential", "Interval", "Move", "PartRule", "Plan", "PlanChecker", "PlanningOptions",
    "PlanningRules", "Room", "Scenario", "ScenarioError", "Seat", "Session", "Slot", "StaffMember", "Unplaced",
    "Violation", "load_planning_rules", "parse_scenario", "plan_from_json", "plan_sessions", "plan_to_json",
    "scenario_to_json",
]
