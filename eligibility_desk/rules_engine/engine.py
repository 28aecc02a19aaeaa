"""A compiled standard: screening applicants against its levels.

Screening one applicant builds its facts once (:func:`.facts.build_facts`) and runs every clause closure
of every asked level on them.  A level is eligible if any clause is; review if none is eligible and at
least one is review; ineligible otherwise.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, ClauseResult, LevelResult, Verdict
from eligibility_desk.rules_engine.facts import Facts, build_facts
from eligibility_desk.rules_engine.model import ClauseSpec, LevelSpec, Standard
from eligibility_desk.rules_engine.vocabulary import Predicate

_VERDICT = (Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE)
#: builds a NamedTuple without its Python-level __new__ (the hot path creates millions of them)
_new = tuple.__new__
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

    @property
    def pairs(self) -> tuple[tuple[str, Predicate], ...]:
        return self._pairs

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pairs", tuple((c.spec.id, c.predicate) for c in self.clauses))


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

    def screen_many(self, applicants: Iterable[Applicant], as_of: date, levels: Iterable[str | int] | None = None,
                    progress=None, cancelled=None, chunk: int = 2000) -> list[list[LevelResult]]:
        """Screen a batch.  ``progress(done, total)`` and ``cancelled()`` are optional callables; on
        cancellation :class:`ScreeningCancelled` is raised and nothing is returned.

        Python's cyclic garbage collector is paused while the batch runs: the results are acyclic tuples,
        and with hundreds of thousands of them alive the collector would otherwise take half the time.
        """
        applicants = list(applicants)
        keys = list(self.levels) if levels is None else [str(level) for level in levels]
        compiled = [self.levels[key] for key in keys]
        occupations = self.spec.occupations.normalized
        on = as_of.toordinal()
        screen_level = self._screen_level
        total = len(applicants)
        out: list[list[LevelResult]] = []
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for start in range(0, total, chunk):
                if cancelled is not None and cancelled():
                    raise ScreeningCancelled(start, total)
                for applicant in applicants[start:start + chunk]:
                    facts = build_facts(applicant, on, occupations)
                    out.append([screen_level(level, facts, applicant.id, as_of) for level in compiled])
                if progress is not None:
                    progress(min(start + chunk, total), total)
        finally:
            if was_enabled:
                gc.enable()
        return out

    def _screen_level(self, level: CompiledLevel, facts: Facts, applicant_id: str, as_of: date) -> LevelResult:
        on = facts.as_of
        results = []
        passing = []
        pending = None
        best = INELIGIBLE
        for cid, predicate in level.pairs:
            verdict, trace, when = predicate(facts, on)
            results.append(_new(ClauseResult, (cid, _VERDICT[verdict], trace, None)))
            if verdict == ELIGIBLE:
                passing.append(cid)
                best = ELIGIBLE
            elif verdict > best:
                best = verdict
            if verdict != ELIGIBLE and when is not None:
                if pending is None:
                    pending = []
                pending.append((len(results) - 1, predicate, when))
        earliest = None
        # eligible_from is only asked for a level that is not yet eligible
        if best != ELIGIBLE and pending is not None:
            for index, predicate, when in pending:
                if not predicate.monotone:
                    when = _project(predicate, facts, when)
                if when is not None:
                    results[index] = results[index]._replace(eligible_from=date.fromordinal(when))
                    if earliest is None or when < earliest:
                        earliest = when
        return _new(LevelResult, (
            applicant_id,
            level.spec.level,
            _VERDICT[best],
            tuple(passing),
            None if earliest is None else date.fromordinal(earliest),
            tuple(results),
            self.spec.code,
            self.spec.version,
            as_of,
        ))


class ScreeningCancelled(Exception):
    def __init__(self, done: int, total: int):
        super().__init__(f"screening cancelled after {done} of {total} applicants")
        self.done = done
        self.total = total


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
