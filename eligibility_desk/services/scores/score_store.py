"""Between score rows and the pure scoring package: cell values as columns and JSON, sheets rebuilt from rows.

A locked sheet is rebuilt exactly as it was: recorder 1 and 2's entries (frozen since the lock), the lock,
then every correction in order through :meth:`ScoreSheet.correct` — so final values and the audit trail
come from the scoring package itself, never from a second copy that could drift.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import select

from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.score_models import CorrectionRow, ScoreEntryRow, ScoreSheetRow
from eligibility_desk.scoring import Mark, Marked, ScoreSheet, SeatLine, SheetError
from eligibility_desk.scoring.values import CellValue


@dataclass(frozen=True)
class SheetLine:
    seat: int
    admission_no: str
    candidate: str          # the plan's candidate id
    name: str
    level: str


@dataclass(frozen=True)
class SheetInfo:
    """A score sheet as plain data (no entries: recorders see only their own, through the service)."""

    id: int
    batch_id: int
    plan_id: int
    session: str
    room: str
    part: str
    level: str
    start: datetime
    lines: tuple[SheetLine, ...]
    panel: tuple[str, ...]
    locked_by: str | None
    locked_at: datetime | None
    version: int

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


@dataclass(frozen=True)
class EntryView:
    seat: int
    value: CellValue
    version: int            # pass back as ``expected_version`` when changing this cell
    by: str
    at: datetime


def columns(value: CellValue) -> dict:
    """A cell value as the ``score`` / ``mark`` / ``note`` columns (an exact decimal as text)."""
    if isinstance(value, Marked):
        return {"score": None, "mark": value.mark.value, "note": value.note or ""}
    if isinstance(value, Decimal):
        return {"score": str(value), "mark": None, "note": ""}
    raise TypeError(f"not a score cell value: {value!r}")


def from_columns(score: str | None, mark: str | None, note: str | None) -> CellValue:
    if mark is not None:
        return Marked(Mark(mark), note or "")
    return Decimal(score) if score is not None else None


def value_json(value: CellValue) -> dict | None:
    if value is None:
        return None
    cols = columns(value)
    return {"score": cols["score"]} if cols["score"] is not None else \
        ({"mark": cols["mark"], "note": cols["note"]} if cols["note"] else {"mark": cols["mark"]})


def value_from_json(data: Any) -> CellValue:
    if not data:
        return None
    return from_columns(data.get("score"), data.get("mark"), data.get("note"))


def sheet_info(row: ScoreSheetRow) -> SheetInfo:
    lines = tuple(SheetLine(int(x["seat"]), x["admission_no"], x["candidate"], x.get("name", ""), x.get("level", ""))
                  for x in row.lines)
    return SheetInfo(row.id, row.batch_id, row.plan_id, row.session, row.room, row.part, row.level, row.start, lines,
                     tuple(row.panel or ()), row.locked_by, row.locked_at, row.version_id)


def domain_sheets(session, rows: Iterable[ScoreSheetRow], batch_code: str = "") -> list[ScoreSheet]:
    """The scoring package's sheets for these rows: entries, lock and corrections replayed in order."""
    rows = list(rows)
    ids = [r.id for r in rows]
    entries: dict[int, list] = defaultdict(list)
    corrections: dict[int, list] = defaultdict(list)
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        for e in session.execute(select(ScoreEntryRow.sheet_id, ScoreEntryRow.recorder, ScoreEntryRow.seat,
                                        ScoreEntryRow.score, ScoreEntryRow.mark, ScoreEntryRow.note)
                                 .where(ScoreEntryRow.sheet_id.in_(part), ScoreEntryRow.recorder.in_((1, 2)))):
            entries[e.sheet_id].append(e)
        for c in session.scalars(select(CorrectionRow).where(CorrectionRow.sheet_id.in_(part)).order_by(CorrectionRow.id)):
            corrections[c.sheet_id].append(c)
    out = []
    for row in rows:
        lines = [SeatLine(int(x["seat"]), x["admission_no"], x.get("name", ""), x.get("level", "")) for x in row.lines]
        sheet = ScoreSheet(str(row.id), batch_code or str(row.batch_id), row.session, row.room, row.part, lines)
        for e in entries[row.id]:
            sheet.entries.setdefault(e.recorder, {})[e.seat] = from_columns(e.score, e.mark, e.note)
        if row.locked_at is not None:
            sheet.lock(row.locked_by or "", row.locked_at)
            for c in corrections[row.id]:
                sheet.correct(c.seat, value_from_json(c.after), c.reason, c.by, c.at,
                              recheck_id=str(c.recheck_id) if c.recheck_id is not None else None)
        out.append(sheet)
    return out


def jsonable(value: Any) -> Any:
    """Decimals and marks in reason parameters and results, for JSON columns."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Marked):
        return value_json(value)
    if isinstance(value, Mark):
        return value.value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value

def check_recorder(sheet_id: int, recorder: int) -> None:
    if recorder not in (1, 2):
        raise SheetError(str(sheet_id), "unknown_recorder", recorder=recorder)


def check_version(row: ScoreSheetRow, expected_version: int | None) -> None:
    if expected_version is not None and row.version_id != expected_version:
        raise StaleRecordError("score_sheet", row.id, expected_version, row.version_id)


def sheet_row(session, sheet_id: int, lock: bool = False) -> ScoreSheetRow:
    row = session.get(ScoreSheetRow, sheet_id, with_for_update=True if lock else None)
    if row is None:
        raise LookupError(f"no score sheet {sheet_id}")
    return row
