"""Runs the rule test cases in rules/tests/**.yaml (OpenFisca-style: data, not code).

Each case gives an applicant in interchange format, an as-of date and a level, and states the verdict,
and optionally the passing clauses, per-clause verdicts, eligible_from and phrases of the explanation.
"""

from __future__ import annotations

import pytest

from eligibility_desk.rules_engine import RuleLibrary, default_rules_dir
from eligibility_desk.rules_engine.cases import load_cases, run_case

CASES_DIR = default_rules_dir() / "tests"


def _load_cases():
    for case in load_cases(CASES_DIR):
        yield pytest.param(case.standard, case.body, id=f"{case.path.rsplit('/', 1)[-1][:-5]}: {case.name}")


@pytest.fixture(scope="module")
def library() -> RuleLibrary:
    return RuleLibrary.load()


@pytest.mark.parametrize("case", list(load_cases(CASES_DIR)), ids=lambda c: f"{c.path.rsplit('/', 1)[-1][:-5]}: {c.name}")
def test_rule_case(library: RuleLibrary, case) -> None:
    outcome = run_case(library, case)
    assert outcome.passed, outcome.problems


def test_every_clause_has_passing_failing_and_boundary_cases() -> None:
    """The issue asks for at least a passing, a failing and a boundary case for each of the 17 clauses."""
    library = RuleLibrary.load()
    clause_ids = {c.id for level in library.get("4-07-02-06").spec.levels for c in level.clauses}
    assert len(clause_ids) == 17
    kinds: dict[str, set[str]] = {cid: set() for cid in clause_ids}
    for param in _load_cases():
        code, case = param.values
        if code != "4-07-02-06":
            continue
        cid, _, rest = case["name"].partition(" ")
        if cid in kinds:
            words = rest.lower()
            if "boundary" in words:
                kinds[cid].add("boundary")
            if "fails" in words or case["verdict"] == "ineligible" and "boundary" not in words:
                kinds[cid].add("failing")
            if case["verdict"] == "eligible" and cid in case.get("passing", []):
                kinds[cid].add("passing")
    missing = {cid: {"passing", "failing", "boundary"} - got for cid, got in kinds.items() if {"passing", "failing", "boundary"} - got}
    assert not missing
