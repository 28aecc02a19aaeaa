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

import gc
from datetime import date
from typing import Iterable

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange_fast import decode_records
from eligibility_desk.domain.verdict import LevelResult
from eligibility_desk.rules_engine.engine import _promote_unexamined


def screen_records(standard, data: bytes | str, as_of: date, levels: Iterable[str | int] | None = None
                   ) -> list[list[LevelResult] | InvalidRecord]:
    """Each record of the interchange document ``data`` (JSON text), in order: its level results (the given
    levels, else all of the standard's), or the :class:`InvalidRecord` naming its problems.  ``ValueError`` if
    ``data`` is not an interchange document.

    The cyclic GC is paused from the decoding to the end of the screening, as ``screen_many`` pauses it for
    the screening alone (the decoded records are acyclic too), and what was made joins the oldest generation
    unexamined."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        decoded = decode_records(data)
        valid = [a for a in decoded if a.__class__ is not InvalidRecord]
        screened = standard.screen_many(valid, as_of, levels)
    finally:
        if was_enabled:
            _promote_unexamined()
            gc.enable()
    if len(valid) == len(decoded):
        return screened
    results = iter(screened)
    return [a if a.__class__ is InvalidRecord else next(results) for a in decoded]
