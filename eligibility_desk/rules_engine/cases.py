"""Rule test cases (``rules/tests/<code>/*.yaml``): an applicant in interchange form, an as-of date, a level and
the expected verdict (and optionally the passing clauses, per-clause verdicts, ``eligible_from`` and phrases
of the explanation).  Run by ``eligibility-desk rules test`` and by tests/rules_engine/test_rule_cases.py.

A case file::

    standard: 4-07-02-06
    cases:
      - name: 4-1 passes after five years
        as_of: 2025-09-01
        applicant: {work: [{occupation: 电子商务师, start: 2020-09-01, end: null}]}
        level: 4
        verdict: eligible
        passing: [4-1]                  # optional
        clauses: {4-2: ineligible}      # optional
        eligible_from: 2025-09-01       # optional (null: never)
        explain: {4-1: 已满 5 年}        # optional: a phrase of the Chinese explanation
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine.errors import NoRuleVersionError, RuleFileError
from eligibility_desk.rules_engine.explain import explain_clause
from eligibility_desk.rules_engine.loader import read_yaml
from eligibility_desk.rules_engine.yamlread import line_of

_CASE_KEYS = ("name", "as_of", "applicant", "level", "verdict", "passing", "clauses", "eligible_from", "explain")


@dataclass(frozen=True)
class RuleCase:
    path: str
    line: int | None
    standard: str
    name: str
    body: dict


@dataclass(frozen=True)
class CaseOutcome:
    case: RuleCase
    problems: tuple[str, ...]  # empty: passed

    @property
    def passed(self) -> bool:
        return not self.problems


def _isoify(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _isoify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoify(v) for v in value]
    return value


def load_cases(folder: Path) -> Iterator[RuleCase]:
    """Every case of every ``*.yaml`` under ``folder``; a malformed file raises :class:`RuleFileError`."""
    for path in sorted(Path(folder).rglob("*.yaml")):
        doc = read_yaml(path)
        if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list) or "standard" not in doc:
            raise RuleFileError(path, "", "a case file is a mapping with standard and cases", line=line_of(doc))
        for i, case in enumerate(doc["cases"]):
            if not isinstance(case, dict):
                raise RuleFileError(path, f"cases[{i}]", "each case is a mapping", line=line_of(doc["cases"], i))
            for key in case:
                if key not in _CASE_KEYS:
                    raise RuleFileError(path, f"cases[{i}].{key}", f"unknown key (known: {', '.join(_CASE_KEYS)})",
                                        line=line_of(case, key))
            for key in ("name", "as_of", "applicant", "level", "verdict"):
                if key not in case:
                    raise RuleFileError(path, f"cases[{i}]", f"missing '{key}'", line=line_of(case))
            yield RuleCase(str(path), line_of(case), str(doc["standard"]), str(case["name"]), case)


def run_case(library, case: RuleCase) -> CaseOutcome:
    body = case.body
    as_of = body["as_of"]
    if isinstance(as_of, str):
        as_of = date.fromisoformat(as_of)
    try:
        applicant = parse_applicant({"id": "T", "name": "测试", **_isoify(body["applicant"])})
        standard = library.get(case.standard, as_of)
        (result,) = standard.screen(applicant, as_of, [str(body["level"])])
    except InvalidRecord as exc:
        return CaseOutcome(case, tuple(f"applicant: {e.describe('en')}" for e in exc.errors))
    except (NoRuleVersionError, RuleFileError, KeyError) as exc:
        return CaseOutcome(case, (f"cannot screen: {exc}",))
    problems = []
    by_id = {c.id: c for c in result.clauses}
    if result.verdict.value != body["verdict"]:
        detail = "; ".join(f"{c.id} {c.verdict.value}: {explain_clause(c, 'en')}" for c in result.clauses)
        problems.append(f"verdict {result.verdict.value}, expected {body['verdict']} ({detail})")
    if "passing" in body and list(result.passing_clauses) != [str(c) for c in body["passing"]]:
        problems.append(f"passing clauses {list(result.passing_clauses)}, expected {body['passing']}")
    for clause_id, verdict in (body.get("clauses") or {}).items():
        clause = by_id.get(str(clause_id))
        if clause is None:
            problems.append(f"no clause {clause_id} at level {body['level']}")
        elif clause.verdict.value != verdict:
            problems.append(f"clause {clause_id} is {clause.verdict.value}, expected {verdict}: {explain_clause(clause)}")
    if "eligible_from" in body:
        expected = body["eligible_from"]
        if isinstance(expected, str):
            expected = date.fromisoformat(expected)
        if result.eligible_from != expected:
            problems.append(f"eligible_from {result.eligible_from}, expected {expected}")
    for clause_id, phrase in (body.get("explain") or {}).items():
        clause = by_id.get(str(clause_id))
        text = explain_clause(clause) if clause is not None else ""
        if str(phrase) not in text:
            problems.append(f"clause {clause_id}: '{phrase}' is not in the explanation '{text}'")
    return CaseOutcome(case, tuple(problems))
