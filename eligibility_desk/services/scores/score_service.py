"""Scores for a batch in the database, by wrapping the pure scoring package (docs/scoring.md, docs/sessions.md).

    scores = ScoreService.from_desk(desk)                     # the user is the recorder / clerk
    sheets = scores.open_sheets(batch_id)                     # one per session of the final plan, seat order
    view = scores.recorder_view(sheet.id, 2)                  # recorder 2 sees only recorder 2's entries
    scores.enter(sheet.id, 2, seat, "75.5", expected_version=view.entries.get(seat, ...).version or 0)
    scores.mismatches(sheet.id); scores.lock(sheet.id, sheet.version)
    scores.correct(sheet.id, seat, "61", "卷面合分错误", sheet.version)      # after the lock: audited
    scores.publish(batch_id); scores.request_recheck(sheet.id, seat, date(…)); scores.statistics(batch_id)
    scores.panel_view(sheet.id); scores.panel_enter(sheet.id, examiner, seat, "80", expected_version=…)  # §1.9.3

Every refusal is a :class:`~eligibility_desk.scoring.SheetError` / :class:`~eligibility_desk.scoring.ScoreError`
(a reason code with parameters, worded at the edge); a writer holding an outdated version gets
:class:`~eligibility_desk.persistence.errors.StaleRecordError` and nothing is saved.  Every change writes an
audit row (``persistence.audit``) besides its own row; corrections are also ``score_correction`` rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Mapping

from sqlalchemy import select

from eligibility_desk.persistence import audit
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import utcnow
from eligibility_desk.persistence.score_models import CorrectionRow, ScoreEntryRow, ScoreSheetRow
from eligibility_desk.persistence.session_models import PlanRow
from eligibility_desk.scoring import (
    Marked, Mismatch, ScoreError, ScoringRules, SheetError, parse_cell, parse_score, scoring_rules,
)
from eligibility_desk.services.scores.score_store import (
    EntryView, SheetInfo, check_recorder as _check_recorder, check_version as _check_version, columns, domain_sheets,
    from_columns, sheet_info, sheet_row as _sheet_row, value_json,
)
from eligibility_desk.domain.roles import Role
from eligibility_desk.services.accounts import PermissionDenied, require
from eligibility_desk.services.batch_service import BatchService
from eligibility_desk.services.scores.panel_scores import PanelScores
from eligibility_desk.services.scores.score_results import BatchResults
from eligibility_desk.services.scores.score_views import RecorderView


class ScoreService(PanelScores, BatchResults, BatchService):
    def compile_rules(self, standard) -> ScoringRules:
        return scoring_rules(standard)

    # --- sheets -----------------------------------------------------------------------------------------
    def open_sheets(self, batch_id: int) -> list[SheetInfo]:
        """The batch's sheets, made first for every session of the newest final plan that has none yet."""
        with self.db.writing() as session:
            plan = session.scalar(select(PlanRow).where(PlanRow.batch_id == batch_id, PlanRow.status == "final")
                                  .order_by(PlanRow.number.desc()).limit(1))
            if plan is None:
                raise SheetError(str(batch_id), "plan_not_final")
            have = {(s, p) for s, p in session.execute(
                select(ScoreSheetRow.session, ScoreSheetRow.part).where(ScoreSheetRow.batch_id == batch_id))}
            names = {c["id"]: c.get("name", "") for c in plan.scenario_json.get("candidates", [])}
            for s in plan.plan_json["sessions"]:
                if (s["id"], s["part"]) in have:
                    continue
                require(self.actor, Role.RECORDER, Role.SUPERVISOR, Role.PLANNER, action="建立成绩登记表")
                seats = sorted(s["seats"], key=lambda x: x["seat"])
                row = ScoreSheetRow(
                    batch_id=batch_id, plan_id=plan.id, session=s["id"], room=s["room"], part=s["part"],
                    level=s["level"], start=datetime.fromisoformat(s["start"]),
                    lines=[{"seat": x["seat"], "admission_no": x["admission_no"], "candidate": x["candidate"],
                            "name": names.get(x["candidate"], ""), "level": s["level"]} for x in seats],
                    panel=list(s["staff"]) if s["part"] != "theory" else [], created_at=utcnow())
                session.add(row)
                session.flush()
                audit.record(session, self.user, "score_sheet", row.id, "create", None,
                             {"plan_id": plan.id, "session": row.session, "part": row.part, "seats": len(row.lines)})
        return self.sheets(batch_id)

    def sheets(self, batch_id: int) -> list[SheetInfo]:
        with self.db.reading() as session:
            rows = session.scalars(select(ScoreSheetRow).where(ScoreSheetRow.batch_id == batch_id)
                                   .order_by(ScoreSheetRow.start, ScoreSheetRow.room, ScoreSheetRow.part))
            return [sheet_info(r) for r in rows]

    def sheet(self, sheet_id: int) -> SheetInfo:
        with self.db.reading() as session:
            return sheet_info(_sheet_row(session, sheet_id))

    def recorder_view(self, sheet_id: int, recorder: int) -> RecorderView:
        """The sheet with only this recorder's entries (the second recorder does not see the first)."""
        _check_recorder(sheet_id, recorder)
        with self.db.reading() as session:
            row = _sheet_row(session, sheet_id)
            entries = {e.seat: EntryView(e.seat, from_columns(e.score, e.mark, e.note), e.version_id, e.entered_by,
                                         e.entered_at)
                       for e in session.scalars(select(ScoreEntryRow).where(
                           ScoreEntryRow.sheet_id == sheet_id, ScoreEntryRow.recorder == recorder))}
            return RecorderView(sheet_info(row), recorder, entries)

    # --- double entry -----------------------------------------------------------------------------------
    def enter(self, sheet_id: int, recorder: int, seat: int, value, expected_version: int | None = None) -> EntryView | None:
        """Record what ``recorder`` (1 or 2) entered for ``seat``: text as typed (``75.5``, ``缺考``,
        ``违纪 <note>``, empty to clear), a number, or a mark.  ``expected_version``: the version of this
        cell you saw (0 = it was empty); ``None`` skips the check."""
        require(self.actor, Role.RECORDER, action="录入成绩")
        _check_recorder(sheet_id, recorder)
        rules = self.rules_for(self.sheet(sheet_id).batch_id)
        parsed = self._parse(value, rules, f"{sheet_id}.{seat}")
        with self.db.writing() as session:
            row = _sheet_row(session, sheet_id, lock=not self.db.is_sqlite)
            return self._put(session, row, recorder, "", seat, parsed, expected_version)

    def enter_many(self, sheet_id: int, recorder: int, values: Mapping[int, object],
                   expected_versions: Mapping[int, int] | None = None) -> int:
        """Several seats at once (scripting, an imported column): every value checked first, all or nothing.

        ``expected_versions``: seat → the version of this recorder's cell you saw (0 = empty), e.g. from
        :meth:`recorder_view` at the start of a command; a cell that moved meanwhile raises
        :class:`StaleRecordError` and nothing is saved.  ``None`` skips the check.

        One query for the cells already there, one flush for the changes, one bulk insert of audit rows."""
        require(self.actor, Role.RECORDER, action="录入成绩")
        _check_recorder(sheet_id, recorder)
        rules = self.rules_for(self.sheet(sheet_id).batch_id)
        parsed = {int(seat): self._parse(v, rules, f"{sheet_id}.{seat}") for seat, v in values.items()}
        with self.db.writing() as session:
            row = _sheet_row(session, sheet_id, lock=not self.db.is_sqlite)
            lines = self._writable(session, row, recorder, parsed)
            existing = {e.seat: e for e in session.scalars(select(ScoreEntryRow).where(
                ScoreEntryRow.sheet_id == row.id, ScoreEntryRow.recorder == recorder, ScoreEntryRow.examiner == ""))}
            for seat, expected in (expected_versions or {}).items():
                entry = existing.get(int(seat))
                found = entry.version_id if entry is not None else 0
                if expected != found:
                    raise StaleRecordError("score_entry", entry.id if entry is not None else None, expected,
                                           found if entry is not None else None)
            now, changed = utcnow(), []
            for seat, value in parsed.items():
                entry = existing.get(seat)
                before = value_json(from_columns(entry.score, entry.mark, entry.note)) if entry is not None else None
                if value is None:
                    if entry is not None:
                        session.delete(entry)
                        changed.append((entry, seat, before, None))
                    continue
                if entry is None:
                    entry = ScoreEntryRow(sheet_id=row.id, seat=seat, candidate=lines[seat]["admission_no"],
                                          recorder=recorder, examiner="", entered_by=self.user, entered_at=now,
                                          **columns(value))
                    session.add(entry)
                elif from_columns(entry.score, entry.mark, entry.note) == value:
                    continue
                else:
                    for key, v in columns(value).items():
                        setattr(entry, key, v)
                    entry.entered_by, entry.entered_at = self.user, now
                changed.append((entry, seat, before, value_json(value)))
            session.flush()
            who = {"sheet_id": row.id, "recorder": recorder, "examiner": ""}
            audit.record_many(session, [
                {"user": self.user, "entity": "score_entry", "entity_id": entry.id,
                 "action": "enter" if after is not None else "clear",
                 "before": {**who, "seat": seat, "value": before} if before is not None else None,
                 "after": {**who, "seat": seat, "value": after} if after is not None else None}
                for entry, seat, before, after in changed])
        return len(parsed)

    def _writable(self, session, row: ScoreSheetRow, recorder: int, seats) -> dict:
        """The sheet's lines by seat, after refusing a locked sheet, unknown seats and one person as both recorders."""
        if row.locked_at is not None:
            raise SheetError(str(row.id), "sheet_locked")
        lines = {x["seat"]: x for x in row.lines}
        for seat in seats:
            if seat not in lines:
                raise SheetError(f"{row.id}.{seat}", "unknown_seat", seat=seat)
        if recorder in (1, 2):
            other = session.scalar(select(ScoreEntryRow.entered_by).where(
                ScoreEntryRow.sheet_id == row.id, ScoreEntryRow.recorder == 3 - recorder,
                ScoreEntryRow.entered_by == self.user).limit(1))
            if other is not None:
                raise SheetError(str(row.id), "same_recorder", user=self.user, recorder=3 - recorder)
        return lines

    def _put(self, session, row: ScoreSheetRow, recorder: int, examiner: str, seat: int, value,
             expected_version: int | None) -> EntryView | None:
        line = self._writable(session, row, recorder, (seat,))[seat]
        entry = session.scalar(select(ScoreEntryRow).where(
            ScoreEntryRow.sheet_id == row.id, ScoreEntryRow.seat == seat, ScoreEntryRow.recorder == recorder,
            ScoreEntryRow.examiner == examiner))
        found = entry.version_id if entry is not None else 0
        if expected_version is not None and expected_version != found:
            raise StaleRecordError("score_entry", entry.id if entry is not None else None, expected_version,
                                   found if entry is not None else None)
        who = {"sheet_id": row.id, "seat": seat, "recorder": recorder, "examiner": examiner}
        before = value_json(from_columns(entry.score, entry.mark, entry.note)) if entry is not None else None
        if value is None:
            if entry is not None:
                session.delete(entry)
                session.flush()
                audit.record(session, self.user, "score_entry", entry.id, "clear", {**who, "value": before}, None)
            return None
        now = utcnow()
        if entry is None:
            entry = ScoreEntryRow(sheet_id=row.id, seat=seat, candidate=line["admission_no"], recorder=recorder,
                                  examiner=examiner, entered_by=self.user, entered_at=now, **columns(value))
            session.add(entry)
        else:
            if from_columns(entry.score, entry.mark, entry.note) == value:
                return EntryView(seat, value, entry.version_id, entry.entered_by, entry.entered_at)
            for key, v in columns(value).items():
                setattr(entry, key, v)
            entry.entered_by, entry.entered_at = self.user, now
        session.flush()
        audit.record(session, self.user, "score_entry", entry.id, "enter", {**who, "value": before} if before else None,
                     {**who, "value": value_json(value)})
        return EntryView(seat, value, entry.version_id, entry.entered_by, entry.entered_at)

    @staticmethod
    def _parse(value, rules: ScoringRules, field: str):
        if value is None or isinstance(value, Marked):
            return value
        if isinstance(value, str):
            return parse_cell(value, rules, field)
        return parse_score(value, rules, field)

    def mismatches(self, sheet_id: int) -> list[Mismatch]:
        return self._domain(sheet_id).mismatches()

    def missing(self, sheet_id: int) -> list[tuple[int, int]]:
        return self._domain(sheet_id).missing()

    def final_values(self, sheet_id: int) -> dict[int, object]:
        """seat -> final value of a locked sheet (corrections applied)."""
        sheet = self._domain(sheet_id)
        return {line.seat: value for line, value in sheet.final_values()} if sheet.locked else {}

    def _domain(self, sheet_id: int):
        with self.db.reading() as session:
            return domain_sheets(session, [_sheet_row(session, sheet_id)])[0]

    # --- lock and corrections ---------------------------------------------------------------------------
    def lock(self, sheet_id: int, expected_version: int | None = None) -> SheetInfo:
        """Freeze the sheet; refused while any seat lacks two equal entries (``sheet_incomplete``,
        ``sheet_mismatch``) or when the sheet changed since ``expected_version``."""
        require(self.actor, Role.SUPERVISOR, action="锁定成绩表")
        with self.db.writing() as session:
            row = _sheet_row(session, sheet_id, lock=not self.db.is_sqlite)
            _check_version(row, expected_version)
            sheet = domain_sheets(session, [row])[0]
            at = utcnow()
            sheet.lock(self.user, at)          # raises SheetError with the first problem
            row.locked_by, row.locked_at = self.user, at
            session.flush()
            audit.record(session, self.user, "score_sheet", row.id, "lock", None,
                         {"seats": len(sheet.lines), "final": {str(k): value_json(v) for k, v in sheet.final.items()}})
            return sheet_info(row)

    def correct(self, sheet_id: int, seat: int, value, reason: str, expected_version: int | None = None,
                recheck_id: int | None = None) -> dict:
        """Change a locked seat's value with a required reason; returns the correction (who, when, before → after).
        Needs a supervisor who entered no score of that seat (:class:`PermissionDenied` ``own_score``)."""
        require(self.actor, Role.SUPERVISOR, action="更正已锁定的成绩")
        with self.db.writing() as session:
            row = _sheet_row(session, sheet_id, lock=not self.db.is_sqlite)
            _check_version(row, expected_version)
            rules = self.rules_for(row.batch_id)
            return self._correct(session, row, seat, self._parse(value, rules, f"{sheet_id}.{seat}"), reason, recheck_id)

    def _correct(self, session, row: ScoreSheetRow, seat: int, value, reason: str, recheck_id: int | None) -> dict:
        require(self.actor, Role.SUPERVISOR, action="更正已锁定的成绩")
        entered = session.scalar(select(ScoreEntryRow.id).where(
            ScoreEntryRow.sheet_id == row.id, ScoreEntryRow.seat == seat, ScoreEntryRow.entered_by == self.user).limit(1))
        if entered is not None:          # never on a score one entered (as recorder or for the panel)
            raise PermissionDenied(self.actor, (Role.SUPERVISOR,), reason="own_score", sheet=row.id, seat=seat,
                                   user=self.user)
        sheet = domain_sheets(session, [row])[0]
        at = utcnow()
        record = sheet.correct(seat, value, reason, self.user, at,
                               recheck_id=str(recheck_id) if recheck_id is not None else None)
        correction = CorrectionRow(sheet_id=row.id, seat=seat, candidate=record.candidate, before=value_json(record.before),
                                   after=value_json(record.after), reason=record.reason, by=self.user, at=at,
                                   recheck_id=recheck_id)
        session.add(correction)
        session.flush()
        # the sheet changed: a new version, so a second corrector holding the old one is refused
        bumped = session.execute(ScoreSheetRow.__table__.update()
                                 .where(ScoreSheetRow.id == row.id, ScoreSheetRow.version_id == row.version_id)
                                 .values(version_id=ScoreSheetRow.version_id + 1))
        if bumped.rowcount != 1:
            raise StaleRecordError("score_sheet", row.id, row.version_id, None)
        session.refresh(row)
        out = {"id": correction.id, "sheet_id": row.id, "seat": seat, "candidate": record.candidate,
               "before": correction.before, "after": correction.after, "reason": record.reason, "by": self.user,
               "at": at, "recheck_id": recheck_id, "sheet_version": row.version_id}
        audit.record(session, self.user, "score_sheet", row.id, "correct", {"seat": seat, "value": correction.before},
                     {"seat": seat, "value": correction.after, "reason": record.reason, "correction_id": correction.id,
                      "recheck_id": recheck_id})
        return out

    def corrections(self, sheet_id: int) -> list[dict]:
        with self.db.reading() as session:
            return [{"id": c.id, "sheet_id": c.sheet_id, "seat": c.seat, "candidate": c.candidate, "before": c.before,
                     "after": c.after, "reason": c.reason, "by": c.by, "at": c.at, "recheck_id": c.recheck_id}
                    for c in session.scalars(select(CorrectionRow).where(CorrectionRow.sheet_id == sheet_id)
                                             .order_by(CorrectionRow.id))]


__all__ = ["ScoreService", "ScoreError", "SheetError", "StaleRecordError"]
