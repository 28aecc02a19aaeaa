"""A compiled standard: screening applicants against its levels.

Screening one applicant builds its facts once (:func:`.facts.build_facts`) and answers every clause of every
asked level on them — through one generated function per standard and set of levels (:mod:`.fused`: the
common clauses written inline, the rest called as their compiled closures).  A level is eligible if any
clause is; review if none is eligible and at least one is review; ineligible otherwise.  Each level keeps its
own generated function too (:attr:`CompiledLevel.screen`, :mod:`.levelgen`), which calls the closures one by
one: the tests hold the two to the same results.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.verdict import LevelResult
from eligibility_desk.rules_engine.facts import Facts, build_facts
from eligibility_desk.rules_engine.fused import make_screen_all
from eligibility_desk.rules_engine.levelgen import make_level_function
from eligibility_desk.rules_engine.model import ClauseSpec, LevelSpec, Standard
from eligibility_desk.rules_engine.vocabulary import Predicate


@dataclass(frozen=True)
class CompiledClause:
    spec: ClauseSpec
    predicate: Predicate


@dataclass(frozen=True)
class CompiledLevel:
    spec: LevelSpec
    clauses: tuple[CompiledClause, ...]

    screen: object = None  # the generated ``screen(facts, applicant_id, as_of) -> LevelResult``


class CompiledStandard:
    """One version of one standard, loaded, checked and compiled."""

    def __init__(self, spec: Standard, levels: Sequence[CompiledLevel]):
        self.spec = spec
        #: ``unknown_occupation: review``: work in an occupation on no list is a doubt for a clerk
        self.review_unlisted = spec.settings.unknown_occupation == "review"
        self.levels = {
            level.spec.level: CompiledLevel(level.spec, level.clauses, make_level_function(
                level.spec.level, spec.code, spec.version,
                [c.spec.id for c in level.clauses], [c.predicate for c in level.clauses]))
            for level in levels
        }
        #: tuple of level codes -> the generated ``screen_all`` for them (:mod:`.fused`), made when first asked
        self._screens: dict[tuple[str, ...], object] = {}

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def version(self) -> str:
        return self.spec.version

    def facts(self, applicant: Applicant, as_of: date) -> Facts:
        return build_facts(applicant, as_of.toordinal(), self.spec.occupations.normalized, self.review_unlisted)

    def screen_function(self, levels: Iterable[str | int] | None = None):
        """The generated ``screen_all(facts, applicant_id, as_of) -> [LevelResult, ...]`` for these levels
        (all of the standard's when ``None``), written when first asked for (:mod:`.fused`)."""
        keys = tuple(self.levels) if levels is None else tuple(str(level) for level in levels)
        found = self._screens.get(keys)
        if found is None:
            chosen = [self.levels[key] for key in keys]  # KeyError for a level the standard does not have
            if len(self._screens) > 64:
                self._screens.clear()
            found = self._screens[keys] = make_screen_all(self.spec.code, self.spec.version, [
                (level.spec.level, [c.spec.id for c in level.clauses], [c.predicate for c in level.clauses])
                for level in chosen])
        return found

    def screen(self, applicant: Applicant, as_of: date, levels: Iterable[str | int] | None = None) -> list[LevelResult]:
        """Screen one applicant for the given levels (all of the standard's levels when ``None``)."""
        return self.screen_function(levels)(self.facts(applicant, as_of), applicant.id, as_of)

    def screen_many(self, applicants: Iterable[Applicant], as_of: date, levels: Iterable[str | int] | None = None,
                    progress=None, cancelled=None, chunk: int = 2000) -> list[list[LevelResult]]:
        """Screen a batch.  ``progress(done, total)`` and ``cancelled()`` are optional callables; on
        cancellation :class:`ScreeningCancelled` is raised and nothing is returned.

        Python's cyclic garbage collector is paused while the batch runs: the results are acyclic tuples,
        and with hundreds of thousands of them alive the collector would otherwise take half the time; at the
        end they join the oldest generation unexamined (:func:`_promote_unexamined`).
        """
        applicants = list(applicants)
        screen_all = self.screen_function(levels)
        occupations = self.spec.occupations.normalized
        review_unlisted = self.review_unlisted
        on = as_of.toordinal()
        total = len(applicants)
        out: list[list[LevelResult]] = []
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for start in range(0, total, chunk):
                if cancelled is not None and cancelled():
                    raise ScreeningCancelled(start, total)
                for applicant in applicants[start:start + chunk]:
                    out.append(screen_all(build_facts(applicant, on, occupations, review_unlisted), applicant.id, as_of))
                if progress is not None:
                    progress(min(start + chunk, total), total)
        finally:
            if was_enabled:
                _promote_unexamined()
                gc.enable()
        return out


def _promote_unexamined() -> None:
    """Move every object the collector tracks to its oldest generation without examining them.

    While a batch is screened with the GC paused, its results (~40 acyclic tuples per applicant) pile up in
    the youngest generation, and the first collection after it would walk them all — for 100,000 applicants
    about as long as the engine took.  ``gc.freeze()`` + ``gc.unfreeze()`` moves them to the oldest
    generation in two list splices; they are examined only by a later full collection, as any long-lived
    object.  Skipped when the program keeps objects frozen itself (``gc.get_freeze_count()``): unfreezing
    would hand those back to the collector."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


class ScreeningCancelled(Exception):
    def __init__(self, done: int, total: int):
        super().__init__(f"screening cancelled after {done} of {total} applicants")
        self.done = done
        self.total = total
