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
from eligibility_desk.domain.levels import canonical_level
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
class CaseDifference:
    """One way a case's answer differs from what it expects (or why it could not be screened): ``code`` and
    ``params`` (the expected and the actual verdict, dates, clause results…) for the wording at the edge,
    :func:`eligibility_desk.rules_engine.case_messages.difference_lines`; ``str()`` is the English."""

    code: str
    params: dict

    def __str__(self) -> str:
        from eligibility_desk.rules_engine.case_messages import difference_lines

        return "; ".join(line.strip() for line in difference_lines(self, "en"))


@dataclass(frozen=True)
class CaseOutcome:
    case: RuleCase
    problems: tuple[CaseDifference, ...]  # empty: passed

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


_VERDICTS = ("eligible", "ineligible", "review")


def _date(value: Any) -> bool:
    if isinstance(value, date):
        return True
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
            return True
        except ValueError:
            return False
    return False


def _check_case(path: Path, cases: list, i: int, case: Any) -> RuleCase:
    """One case's shape (a mistake: :class:`RuleFileError` with its line and field)."""
    if not isinstance(case, dict):
        raise RuleFileError(path, f"cases[{i}]", "each case is a mapping", line=line_of(cases, i), code="case_shape")
    for key in case:
        if key not in _CASE_KEYS:
            raise RuleFileError(path, f"cases[{i}].{key}", f"unknown key (known: {', '.join(_CASE_KEYS)})",
                                line=line_of(case, key), code="unknown_key", params={"key": key, "known": ", ".join(_CASE_KEYS)})
    for key in ("name", "as_of", "applicant", "level", "verdict"):
        if case.get(key) is None:
            raise RuleFileError(path, f"cases[{i}]", f"missing '{key}'", line=line_of(case), code="missing", params={"key": key})

    def wrong(key: str, message: str, code: str, **params: Any) -> RuleFileError:
        return RuleFileError(path, f"cases[{i}].{key}", message, line=line_of(case, key), code=code, params=params)

    if not _date(case["as_of"]):
        raise wrong("as_of", f"must be a date YYYY-MM-DD, got {case['as_of']!r}", "case_date", value=repr(case["as_of"]))
    if not isinstance(case["applicant"], dict):
        raise wrong("applicant", "must be a mapping (an applicant in interchange form, docs/interchange.md)", "case_applicant")
    if isinstance(case["level"], bool) or not isinstance(case["level"], (str, int)):
        raise wrong("level", f"must be a level code, got {case['level']!r}", "case_level", value=repr(case["level"]))
    if case["verdict"] not in _VERDICTS:
        raise wrong("verdict", f"must be one of {', '.join(_VERDICTS)}, got {case['verdict']!r}", "case_verdict",
                    value=repr(case["verdict"]))
    if "passing" in case and not isinstance(case["passing"], list):
        raise wrong("passing", "must be a list of clause ids", "case_passing")
    for key in ("clauses", "explain"):
        if key in case and not isinstance(case[key], dict):
            raise wrong(key, "must map clause ids to " + ("verdicts" if key == "clauses" else "phrases"), f"case_{key}")
    for clause_id, verdict in (case.get("clauses") or {}).items():
        if verdict not in _VERDICTS:
            raise wrong("clauses", f"clause {clause_id}: must be one of {', '.join(_VERDICTS)}, got {verdict!r}",
                        "case_clause_verdict", clause=clause_id, value=repr(verdict))
    if case.get("eligible_from") is not None and not _date(case["eligible_from"]):
        raise wrong("eligible_from", f"must be a date YYYY-MM-DD or null, got {case['eligible_from']!r}", "case_eligible_from",
                    value=repr(case["eligible_from"]))
    return RuleCase(str(path), line_of(case), "", str(case["name"]), case)


def read_cases(folder: Path) -> tuple[list[RuleCase], list[RuleFileError]]:
    """Every well-formed case of every ``*.yaml`` under ``folder``, and a :class:`RuleFileError` for each
    file or case that is not (a broken file is reported and the others still run)."""
    cases: list[RuleCase] = []
    problems: list[RuleFileError] = []
    for path in sorted(Path(folder).rglob("*.yaml")):
        try:
            doc = read_yaml(path)
            if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list) or doc.get("standard") is None:
                raise RuleFileError(path, "", "a case file is a mapping with standard and cases", line=line_of(doc) or 1,
                                    code="case_file")
            for key in doc:
                if key not in ("standard", "cases"):
                    raise RuleFileError(path, str(key), "unknown key (known: standard, cases)", line=line_of(doc, key),
                                        code="unknown_key", params={"key": key, "known": "standard, cases"})
            if isinstance(doc["standard"], (dict, list, bool)):
                raise RuleFileError(path, "standard", "must be a standard's code", line=line_of(doc, "standard"),
                                    code="case_standard")
        except RuleFileError as exc:
            problems.append(exc)
            continue
        for i, raw in enumerate(doc["cases"]):
            try:
                case = _check_case(path, doc["cases"], i, raw)
            except RuleFileError as exc:
                problems.append(exc)
                continue
            cases.append(RuleCase(case.path, case.line, str(doc["standard"]), case.name, case.body))
    return cases, problems


def load_cases(folder: Path) -> Iterator[RuleCase]:
    """Every case of every ``*.yaml`` under ``folder``; a malformed file or case raises :class:`RuleFileError`."""
    cases, problems = read_cases(folder)
    if problems:
        raise problems[0]
    yield from cases


def case_problem(library, case: RuleCase) -> RuleFileError | None:
    """A case that names a standard or a level the library does not have: a mistake in the case file."""
    try:
        versions = library.versions(case.standard)
    except NoRuleVersionError:
        known = ", ".join(library.codes()) or "none"
        return RuleFileError(case.path, "standard", f"no standard '{case.standard}' in the rules folder (known: {known})",
                             line=case.line, code="case_no_standard", params={"value": case.standard, "known": known})
    if not any(_level(case, v) in v.spec.level_codes for v in versions):
        level = str(case.body["level"])
        codes = ", ".join(dict.fromkeys(c for v in versions for c in v.spec.level_codes))
        return RuleFileError(case.path, f"case '{case.name}'.level", f"level '{level}' is not a level of {case.standard} ({codes})",
                             line=line_of(case.body, "level"), code="not_on_scale",
                             params={"name": "level", "value": level, "code": case.standard, "known": codes})
    return None


def _level(case: RuleCase, standard) -> str:
    """The case's level as the standard spells it (``t1`` is ``T1``: :mod:`eligibility_desk.domain.levels`)."""
    return canonical_level(case.body["level"], standard.spec.level_codes)


def run_case(library, case: RuleCase) -> CaseOutcome:
    body = case.body
    as_of = body["as_of"]
    if isinstance(as_of, str):
        as_of = date.fromisoformat(as_of)
    try:
        applicant = parse_applicant({"id": "T", "name": "测试", **_isoify(body["applicant"])})
        standard = library.get(case.standard, as_of)
        (result,) = standard.screen(applicant, as_of, [_level(case, standard)])
    except InvalidRecord as exc:
        return CaseOutcome(case, (CaseDifference("case_applicant_invalid", {"errors": tuple(exc.errors)}),))
    except (NoRuleVersionError, RuleFileError, KeyError) as exc:
        return CaseOutcome(case, (CaseDifference("case_cannot_screen", {"detail": str(exc), "error": exc}),))
    except Exception as exc:  # noqa: BLE001 - a case the checks let through: its failure, not a traceback
        return CaseOutcome(case, (CaseDifference("case_cannot_screen", {"detail": f"{type(exc).__name__}: {exc}"}),))
    problems = []
    by_id = {c.id: c for c in result.clauses}
    level = str(body["level"])
    if result.verdict.value != body["verdict"]:
        problems.append(CaseDifference("case_verdict", {"level": level, "expected": body["verdict"],
                                                        "got": result.verdict.value, "clauses": tuple(result.clauses)}))
    if "passing" in body and list(result.passing_clauses) != [str(c) for c in body["passing"]]:
        problems.append(CaseDifference("case_passing", {"level": level, "expected": [str(c) for c in body["passing"]],
                                                        "got": list(result.passing_clauses)}))
    for clause_id, verdict in (body.get("clauses") or {}).items():
        clause = by_id.get(str(clause_id))
        if clause is None:
            problems.append(CaseDifference("case_no_clause", {"clause": str(clause_id), "level": level,
                                                              "known": tuple(by_id)}))
        elif clause.verdict.value != verdict:
            problems.append(CaseDifference("case_clause", {"clause": str(clause_id), "level": level, "expected": verdict,
                                                           "got": clause.verdict.value, "result": clause}))
    if "eligible_from" in body:
        expected = body["eligible_from"]
        if isinstance(expected, str):
            expected = date.fromisoformat(expected)
        if result.eligible_from != expected:
            problems.append(CaseDifference("case_eligible_from", {"level": level, "expected": expected,
                                                                  "got": result.eligible_from}))
    for clause_id, phrase in (body.get("explain") or {}).items():
        clause = by_id.get(str(clause_id))
        text = explain_clause(clause) if clause is not None else ""
        if str(phrase) not in text:
            problems.append(CaseDifference("case_explain", {"clause": str(clause_id), "phrase": str(phrase),
                                                            "text": text}))
    return CaseOutcome(case, tuple(problems))
