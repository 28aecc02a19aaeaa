"""A skill panel's scores (§1.9.3) in the database — part of :class:`~eligibility_desk.services.scores.score_service.ScoreService`.

Each examiner's score is a ``score_entry`` row with recorder 0 and the examiner's staff code, so it carries
its own optimistic version like any recorder's cell:

    view = scores.panel_view(sheet.id)                         # every stored score and the outcome per seat
    view.entries[seat]["E01"].value                            # Decimal("80.0"), as examiner E01 scored it
    scores.panel_enter(sheet.id, "E01", seat, "82", expected_version=view.version(seat, "E01"))
    scores.apply_panel(sheet.id, 1)                            # the final means as recorder 1's values

A mixin only to keep modules small: it uses the service's database, user, rules and ``_put``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from eligibility_desk.domain.roles import Role
from eligibility_desk.services.accounts import require
from eligibility_desk.persistence.score_models import ScoreEntryRow
from eligibility_desk.scoring import PanelOutcome, PanelSheet, SeatLine, SheetError, parse_score
from eligibility_desk.services.scores.score_store import EntryView, SheetInfo, from_columns, sheet_info
from eligibility_desk.services.scores.score_store import sheet_row as _sheet_row


@dataclass(frozen=True)
class PanelView:
    """A panel sheet as one read: every examiner's stored score and the outcome they make per seat."""

    sheet: SheetInfo
    entries: dict[int, dict[str, EntryView]]     # seat -> examiner -> stored score (seats nobody scored left out)
    outcomes: dict[int, PanelOutcome]            # seat -> mean / spread / flag (§1.9.3), every seat

    def entry(self, seat: int, examiner: str) -> EntryView | None:
        return self.entries.get(seat, {}).get(examiner)

    def version(self, seat: int, examiner: str) -> int:
        """What to pass as ``expected_version`` when this examiner's score for ``seat`` changes (0: none yet)."""
        entry = self.entry(seat, examiner)
        return entry.version if entry is not None else 0


class PanelScores:
    def panel_enter(self, sheet_id: int, examiner: str, seat: int, score, expected_version: int | None = None) -> EntryView | None:
        """One panel member's score for a seat (§1.9.3); only members of the session's panel may score.
        ``expected_version``: the version of this score you saw (0 = none yet); ``None`` skips the check."""
        require(self.actor, Role.RECORDER, action="录入考评组成绩")
        info = self.sheet(sheet_id)
        if examiner not in info.panel:
            raise SheetError(str(sheet_id), "unknown_examiner", examiner=examiner)
        rules = self.rules_for(info.batch_id)
        value = parse_score(score, rules, f"{sheet_id}.{seat}") if score not in (None, "") else None
        with self.db.writing() as session:
            row = _sheet_row(session, sheet_id, lock=not self.db.is_sqlite)
            return self._put(session, row, 0, examiner, seat, value, expected_version)

    def panel_view(self, sheet_id: int) -> PanelView:
        """Every examiner's stored score with its version, and the outcomes computed from exactly those."""
        with self.db.reading() as session:
            info = sheet_info(_sheet_row(session, sheet_id))
            entries: dict[int, dict[str, EntryView]] = {}
            for e in session.scalars(select(ScoreEntryRow).where(ScoreEntryRow.sheet_id == sheet_id,
                                                                 ScoreEntryRow.recorder == 0)):
                entries.setdefault(e.seat, {})[e.examiner] = EntryView(
                    e.seat, from_columns(e.score, e.mark, e.note), e.version_id, e.entered_by, e.entered_at)
        panel = PanelSheet(str(sheet_id), info.session, info.room, info.part,
                           [SeatLine(x.seat, x.admission_no, x.name, x.level) for x in info.lines], info.panel)
        for seat, by_examiner in entries.items():
            for examiner, entry in by_examiner.items():
                panel.enter(examiner, seat, entry.value)
        return PanelView(info, entries, panel.outcomes(self.rules_for(info.batch_id)))

    def panel_status(self, sheet_id: int) -> dict[int, PanelOutcome]:
        """seat -> the panel's outcome: mean when every member scored, spread, flagged above the gap."""
        return self.panel_view(sheet_id).outcomes

    def apply_panel(self, sheet_id: int, recorder: int) -> int:
        """Enter every final panel mean as ``recorder``'s value (double entry then compares as usual)."""
        finals = {seat: o.score for seat, o in self.panel_status(sheet_id).items() if o.final}
        return self.enter_many(sheet_id, recorder, finals) if finals else 0
