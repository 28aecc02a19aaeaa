"""Screening from interchange records, the public Python API's fast way (docs/interchange.md):

    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.rules_engine.api import screen_records

    standard = RuleLibrary.load().get("4-07-02-06", as_of)
    for outcome in screen_records(standard, open("applicants.json", "rb").read(), as_of):
        if isinstance(outcome, InvalidRecord): ...      # every problem, with its field
        else: for result in outcome: result.verdict, result.clauses ...

The JSON text is decoded straight into records the engine screens (:func:`.interchange_fast.decode_records`, a
typed msgspec decoder; a record it is not sure of goes through the interchange parser, with its messages), then
screened in one :meth:`CompiledStandard.screen_many`.  Clause results are built only when ``.clauses`` is read.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange_fast import decode_records
from eligibility_desk.domain.verdict import LevelResult


def screen_records(standard, data: bytes | str, as_of: date, levels: Iterable[str | int] | None = None
                   ) -> list[list[LevelResult] | InvalidRecord]:
    """Each record of the interchange document ``data`` (JSON text), in order: its level results (the given
    levels, else all of the standard's), or the :class:`InvalidRecord` naming its problems.  ``ValueError`` if
    ``data`` is not an interchange document."""
    decoded = decode_records(data)
    screened = iter(standard.screen_many([a for a in decoded if a.__class__ is not InvalidRecord], as_of, levels))
    return [a if a.__class__ is InvalidRecord else next(screened) for a in decoded]
