"""A compiled standard: screening applicants against its levels.

Screening one applicant builds its facts once (:func:`.facts.build_facts`) and runs every clause closure
of every asked level on them.  A level is eligible if any clause is; review if none is eligible and at
least one is review; ineligible otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, ClauseResult, LevelResult, Verdict
from eligibility_desk.rules_engine.facts import Facts, build_facts
from eligibility_desk.rules_engine.model import ClauseSpec, LevelSpec, Standard
from eligibility_desk.rules_engine.vocabulary import Predicate

_VERDICT = (Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE)
#: how many times a projected date is re-checked before giving up (non-monotone conditions, e.g. a
#: student who must still be enrolled when a certificate reaches its second anniversary)
_MAX_PROJECTION_STEPS = 8


@dataclass(frozen=True)
class CompiledClause:
    spec: ClauseSpec
    predicate: Predicate


@dataclass(frozen=True)
class CompiledLevel:
    spec: LevelSpec
    clauses: tuple[CompiledClause, ...]


class CompiledStandard:
    """One version of one standard, loaded, checked and compiled."""

    def __init__(self, spec: Standard, levels: Sequence[CompiledLevel]):
        self.spec = spec
        self.levels = {level.spec.level: level for level in levels}

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def version(self) -> str:
        return self.spec.version

    def facts(self, applicant: Applicant, as_of: date) -> Facts:
        return build_facts(applicant, as_of.toordinal(), self.spec.occupations.normalized)

    def screen(self, applicant: Applicant, as_of: date, levels: Iterable[str | int] | None = None) -> list[LevelResult]:
        """Screen one applicant for the given levels (all of the standard's levels when ``None``)."""
        facts = self.facts(applicant, as_of)
        keys = self.levels.keys() if levels is None else [str(level) for level in levels]
        return [self._screen_level(self.levels[key], facts, applicant.id, as_of) for key in keys]

    def _screen_level(self, level: CompiledLevel, facts: Facts, applicant_id: str, as_of: date) -> LevelResult:
        on = facts.as_of
        best = INELIGIBLE
        passing = []
        results = []
        earliest = None
        for clause in level.clauses:
            verdict, trace, when = clause.predicate(facts, on)
            if verdict == ELIGIBLE:
                passing.append(clause.spec.id)
                when = None
            elif when is not None:
                when = _project(clause.predicate, facts, when)
                if when is not None and (earliest is None or when < earliest):
                    earliest = when
            if verdict > best:
                best = verdict
            results.append(ClauseResult(clause.spec.id, _VERDICT[verdict], trace, None if when is None else date.fromordinal(when)))
        return LevelResult(
            applicant_id=applicant_id,
            level=level.spec.level,
            verdict=_VERDICT[best],
            passing_clauses=tuple(passing),
            eligible_from=None if best == ELIGIBLE or earliest is None else date.fromordinal(earliest),
            clauses=tuple(results),
            standard=self.spec.code,
            rule_version=self.spec.version,
            as_of=as_of,
        )


def _project(predicate: Predicate, facts: Facts, when: int) -> int | None:
    """Confirm a projected date by evaluating there; follow the predicate's next guess if it moved."""
    for _ in range(_MAX_PROJECTION_STEPS):
        verdict, _trace, later = predicate(facts, when)
        if verdict == ELIGIBLE:
            return when
        if later is None or later <= when:
            return None
        when = later
    return None
