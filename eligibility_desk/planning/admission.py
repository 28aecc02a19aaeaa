"""Admission numbers (准考证号) from a configurable pattern.

A pattern is a Python format string over these fields (docs/planning.md):

    {batch}  the batch code               {level}  the candidate's level
    {room}   考场号: the number of the candidate's first session within the batch (1, 2, ...; sessions
             are numbered in slot order, then room order)
    {seat}   the seat number in that session
    {slot}   the number of that session's slot (1, 2, ...)
    {candidate}  the candidate's id

The default ``{batch}-{level}-{room:04d}-{seat:03d}`` is batch-level-room-seat.  A session number and a
seat number together name one seat in the batch, so a pattern must use ``{room}`` and ``{seat}`` (or
``{candidate}``) to stay unique within the batch.  A candidate keeps one number for all parts.
"""

from __future__ import annotations

import string

FIELDS = ("batch", "level", "room", "seat", "slot", "candidate")


class AdmissionPatternError(ValueError):
    """A pattern that cannot number a batch: ``code`` and ``params`` say why (``planning.wording.input_text``
    words them, Chinese or English); ``str()`` is the English wording."""

    def __init__(self, code: str, **params):
        from eligibility_desk.planning.wording import input_text

        self.code = code
        self.params = params
        super().__init__(input_text(code, params, "en"))


class AdmissionPattern:
    def __init__(self, pattern: str):
        if not isinstance(pattern, str) or not pattern:
            raise AdmissionPatternError("pattern_expected")
        names = set()
        try:
            for _literal, name, _spec, _conv in string.Formatter().parse(pattern):
                if name is None:
                    continue
                if name not in FIELDS:
                    raise AdmissionPatternError("pattern_unknown_field", name=name, fields=", ".join(FIELDS))
                names.add(name)
        except AdmissionPatternError:
            raise
        except ValueError as exc:
            raise AdmissionPatternError("pattern_invalid", detail=str(exc)) from None
        if "candidate" not in names and not {"room", "seat"} <= names:
            raise AdmissionPatternError("pattern_not_unique")
        self.pattern = pattern
        try:
            self.format(batch="B", level="4", room=1, seat=1, slot=1, candidate="X")
        except (ValueError, TypeError) as exc:
            raise AdmissionPatternError("pattern_invalid", detail=str(exc)) from None

    def format(self, *, batch: str, level: str, room: int, seat: int, slot: int, candidate: str) -> str:
        return self.pattern.format(batch=batch, level=level, room=room, seat=seat, slot=slot, candidate=candidate)
