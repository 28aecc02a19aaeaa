"""Tri-state verdicts and screening results.

The engine works with small integers (``INELIGIBLE < REVIEW < ELIGIBLE``) so that "all of" is ``min`` and
"any of" is ``max``; :class:`Verdict` is the name shown to people and written to files.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from operator import attrgetter
from typing import NamedTuple

INELIGIBLE = 0
REVIEW = 1
ELIGIBLE = 2


class Verdict(str, Enum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    REVIEW = "review"      # a needed fact is unknown: a clerk decides
    ERROR = "error"        # the applicant's record is invalid

    #: the member's value, as :class:`Enum` gives it, read by a C-level getter: in Python 3.11 ``Enum.value``
    #: is a Python descriptor calling a Python function (~0.1 µs a read; a batch's clause results read it
    #: millions of times).  Read-only, like Enum's; on the class it is this property, not an AttributeError.
    value = property(attrgetter("_value_"), doc="The verdict's name in files: ``eligible``, ``review``, …")

    @classmethod
    def from_code(cls, code: int) -> "Verdict":
        return _BY_CODE[code]


_BY_CODE = {ELIGIBLE: Verdict.ELIGIBLE, REVIEW: Verdict.REVIEW, INELIGIBLE: Verdict.INELIGIBLE}
#: ``Verdict.ELIGIBLE`` as a module global: reading a member off an Enum class goes through the metaclass
#: (~90 ns in Python 3.11, ~10x a global), and :attr:`LevelResult.clauses` asks it for every result read
_ELIGIBLE = Verdict.ELIGIBLE
_fromordinal = date.fromordinal

#: ``id(clause_ids)`` -> ``(clause_ids, build if eligible, build otherwise)``: straight-line builders of
#: :attr:`LevelResult.clauses` that the engine generates for each compiled level (``build(clause_answers)``
#: gives what the loop below gives); the entry keeps ``clause_ids`` alive, so an id is never reused for another
_CLAUSE_BUILDERS: dict[int, tuple] = {}


def register_clause_builders(clause_ids: tuple, eligible, other) -> None:
    """Let results whose ``clause_ids`` is this very tuple build their clauses with ``eligible`` / ``other``."""
    if len(_CLAUSE_BUILDERS) > 10_000:  # rule files reloaded many times over (tests): start again
        _CLAUSE_BUILDERS.clear()
    _CLAUSE_BUILDERS[id(clause_ids)] = (clause_ids, eligible, other)


class ClauseResult(NamedTuple):
    """One clause's verdict with its trace: a compact record of figures, formatted only when shown.

    (Results are NamedTuples: immutable like a frozen dataclass, and several times cheaper to create on
    the screening hot path.)"""

    id: str
    verdict: Verdict
    trace: tuple
    eligible_from: date | None = None


class LevelResult(NamedTuple):
    """One applicant at one level.

    The engine keeps each clause's answer as it came — ``(verdict code, trace, eligible_from ordinal)`` in
    ``clause_answers``, beside the level's constant ``clause_ids`` — and builds the :class:`ClauseResult`
    records only when :attr:`clauses` is read: most screenings of a batch are counted, filtered or stored as
    verdicts, and never shown clause by clause."""

    applicant_id: str
    level: str
    verdict: Verdict
    passing_clauses: tuple[str, ...]
    eligible_from: date | None
    clause_ids: tuple[str, ...]
    clause_answers: tuple[tuple, ...]
    standard: str
    rule_version: str
    as_of: date

    @property
    def clauses(self) -> tuple[ClauseResult, ...]:
        """Each clause's verdict, trace and (for a level not yet eligible) the date it would hold from."""
        ids = self.clause_ids
        found = _CLAUSE_BUILDERS.get(id(ids))
        if found is not None and found[0] is ids:
            return (found[1] if self.verdict is _ELIGIBLE else found[2])(self.clause_answers)
        by_code = _BY_CODE
        new = tuple.__new__  # the NamedTuple's own __new__ is a Python function: 3x the cost per clause
        out = []
        append = out.append
        if self.verdict is _ELIGIBLE:
            for cid, answer in zip(self.clause_ids, self.clause_answers):
                append(new(ClauseResult, (cid, by_code[answer[0]], answer[1], None)))
        else:
            for cid, answer in zip(self.clause_ids, self.clause_answers):
                when = answer[2]
                append(new(ClauseResult, (cid, by_code[answer[0]], answer[1],
                                          None if when is None else _fromordinal(when))))
        return tuple(out)
