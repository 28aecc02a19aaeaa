"""Runs the rule test cases in rules/tests/**.yaml (OpenFisca-style: data, not code).

Each case gives an applicant in interchange format, an as-of date and a level, and states the verdict,
and optionally the passing clauses, per-clause verdicts, eligible_from and phrases of the explanation.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary, default_rules_dir
from eligibility_desk.rules_engine.explain import explain_clause

CASES_DIR = default_rules_dir() / "tests"


def _isoify(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _isoify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoify(v) for v in value]
    return value


def _load_cases():
    for path in sorted(CASES_DIR.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["standard"], case, id=f"{path.stem}: {case['name']}")


@pytest.fixture(scope="module")
def library() -> RuleLibrary:
    return RuleLibrary.load()


@pytest.mark.parametrize("standard_code,case", list(_load_cases()))
def test_rule_case(library: RuleLibrary, standard_code: str, case: dict) -> None:
    as_of = case["as_of"]
    raw = {"id": "T", "name": "测试", **_isoify(case["applicant"])}
    applicant = parse_applicant(raw)
    standard = library.get(standard_code, as_of)
    (result,) = standard.screen(applicant, as_of, [case["level"]])

    assert result.verdict.value == case["verdict"], [(c.id, c.verdict.value, explain_clause(c)) for c in result.clauses]
    if "passing" in case:
        assert list(result.passing_clauses) == case["passing"]
    by_id = {c.id: c for c in result.clauses}
    for clause_id, verdict in (case.get("clauses") or {}).items():
        assert by_id[clause_id].verdict.value == verdict, explain_clause(by_id[clause_id])
    if "eligible_from" in case:
        expected = case["eligible_from"]
        assert result.eligible_from == expected
    for clause_id, phrase in (case.get("explain") or {}).items():
        assert phrase in explain_clause(by_id[clause_id])
    assert result.rule_version == standard.version


def test_every_clause_has_passing_failing_and_boundary_cases() -> None:
    """The issue asks for at least a passing, a failing and a boundary case for each of the 17 clauses."""
    library = RuleLibrary.load()
    clause_ids = {c.id for level in library.get("4-07-02-06").spec.levels for c in level.clauses}
    assert len(clause_ids) == 17
    kinds: dict[str, set[str]] = {cid: set() for cid in clause_ids}
    for param in _load_cases():
        _code, case = param.values
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
