"""Score sheets: one part of one session in one room, in seat order, entered twice and then locked.

Two recorders enter the same sheet independently (recorder 1 and recorder 2); a seat whose two entries
differ is a :class:`Mismatch`.  A sheet locks only when every seat has both entries and none differ; the
agreed values become final.  After the lock, a value changes only through :meth:`ScoreSheet.correct`,
which needs a reason and appends an :class:`AuditRecord` (who, when, before → after).

Everything here is plain data with ids, so a persistence layer can map it table by table:
``ScoreSheet`` → sheets, ``SeatLine`` → sheet lines, ``entries`` → (sheet, recorder, seat, value) rows,
``final`` → (sheet, seat, value), ``audit`` → audit rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator

from eligibility_desk.scoring.values import CellValue, ScoreError

RECORDERS = (1, 2)


class SheetError(ScoreError):
    """An action the sheet refuses, with a reason code (field is the sheet's id or ``sheet.seat``)."""


@dataclass(frozen=True)
class SeatLine:
    seat: int              # seat number, the sheet's order
    candidate: str         # admission number (准考证号)
    name: str = ""
    level: str = ""


@dataclass(frozen=True)
class Mismatch:
    seat: int
    candidate: str
    first: CellValue
    second: CellValue


@dataclass(frozen=True)
class AuditRecord:
    id: str
    sheet_id: str
    seat: int
    candidate: str
    before: CellValue
    after: CellValue
    reason: str
    by: str
    at: datetime
    recheck_id: str | None = None   # set when the correction comes out of a re-check (复核)


@dataclass
class ScoreSheet:
    id: str
    batch: str
    session: str
    room: str
    part: str
    lines: list[SeatLine]
    #: recorder (1 or 2) -> seat -> value; a seat not in the dict has not been entered by that recorder
    entries: dict[int, dict[int, CellValue]] = field(default_factory=lambda: {1: {}, 2: {}})
    locked_by: str = ""
    locked_at: datetime | None = None
    #: seat -> value, filled when the sheet locks and changed only by corrections
    final: dict[int, CellValue] = field(default_factory=dict)
    audit: list[AuditRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = sorted(self.lines, key=lambda line: line.seat)
        self._by_seat = {line.seat: line for line in self.lines}
        if len(self._by_seat) != len(self.lines):
            raise SheetError(self.id, "duplicate", value="seat")

    # ---- lookups -------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    def line(self, seat: int) -> SeatLine:
        try:
            return self._by_seat[seat]
        except KeyError:
            raise SheetError(f"{self.id}.{seat}", "unknown_seat", seat=seat) from None

    def seats(self) -> list[int]:
        return [line.seat for line in self.lines]

    def entry(self, recorder: int, seat: int) -> CellValue:
        return self.entries.get(recorder, {}).get(seat)

    # ---- double entry --------------------------------------------------------------------------
    def enter(self, recorder: int, seat: int, value: CellValue) -> None:
        """Record what ``recorder`` entered for ``seat`` (``None`` clears it).  Refused once locked."""
        if recorder not in RECORDERS:
            raise SheetError(self.id, "unknown_recorder", recorder=recorder)
        if self.locked:
            raise SheetError(self.id, "sheet_locked")
        self.line(seat)
        book = self.entries.setdefault(recorder, {})
        if value is None:
            book.pop(seat, None)
        else:
            book[seat] = value

    def missing(self) -> list[tuple[int, int]]:
        """``(recorder, seat)`` pairs not entered yet, in seat order."""
        return [(recorder, line.seat) for line in self.lines for recorder in RECORDERS
                if line.seat not in self.entries.get(recorder, {})]

    def mismatches(self) -> list[Mismatch]:
        """Seats both recorders entered with different values, in seat order."""
        first, second = self.entries.get(1, {}), self.entries.get(2, {})
        out = []
        for line in self.lines:
            a, b = first.get(line.seat), second.get(line.seat)
            if a is not None and b is not None and a != b:
                out.append(Mismatch(line.seat, line.candidate, a, b))
        return out

    @property
    def complete(self) -> bool:
        return not self.missing()

    def lock_problems(self) -> list[SheetError]:
        problems = []
        missing = {seat for _recorder, seat in self.missing()}
        if missing:
            problems.append(SheetError(self.id, "sheet_incomplete", count=len(missing)))
        mismatches = self.mismatches()
        if mismatches:
            problems.append(SheetError(self.id, "sheet_mismatch", count=len(mismatches)))
        return problems

    def lock(self, by: str, at: datetime) -> None:
        """Freeze the sheet: refused (first problem raised) while seats are missing or mismatched."""
        if self.locked:
            raise SheetError(self.id, "sheet_locked")
        problems = self.lock_problems()
        if problems:
            raise problems[0]
        self.final = {line.seat: self.entries[1][line.seat] for line in self.lines}
        self.locked_by, self.locked_at = by, at

    # ---- after the lock -------------------------------------------------------------------------
    def value(self, seat: int) -> CellValue:
        """The final value of a locked sheet's seat."""
        if not self.locked:
            raise SheetError(self.id, "sheet_not_locked")
        self.line(seat)
        return self.final.get(seat)

    def correct(self, seat: int, value: CellValue, reason: str, by: str, at: datetime,
                recheck_id: str | None = None) -> AuditRecord:
        """Change a locked seat's value; the reason is required and the change is audited."""
        if not self.locked:
            raise SheetError(self.id, "sheet_not_locked")
        line = self.line(seat)
        reason = (reason or "").strip()
        if not reason:
            raise SheetError(f"{self.id}.{seat}", "reason_required")
        before = self.final.get(seat)
        if before == value:
            raise SheetError(f"{self.id}.{seat}", "no_change")
        record = AuditRecord(f"{self.id}/audit/{len(self.audit) + 1}", self.id, seat, line.candidate,
                             before, value, reason, by, at, recheck_id)
        self.final[seat] = value
        self.audit.append(record)
        return record

    def final_values(self) -> Iterator[tuple[SeatLine, CellValue]]:
        for line in self.lines:
            yield line, self.final.get(line.seat)
