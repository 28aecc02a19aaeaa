"""Publication, re-checks (复核) and statistics of a batch's score sheets — part of :class:`ScoreService`.

A mixin only to keep modules small: it uses the service's database, user, rules and audited correction path.
"""

from __future__ import annotations

from datetime import date
from typing import Collection

from sqlalchemy import func, select

from eligibility_desk.domain.roles import Role
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import BatchRow, utcnow
from eligibility_desk.persistence.score_models import PublicationRow, RecheckRow, ScoreSheetRow
from eligibility_desk.scoring import RecheckRequest, SheetError, file_recheck, part_statistics, publish_batch, resolve_recheck
from eligibility_desk.scoring.statistics import records_from_sheets
from eligibility_desk.scoring.workdays import WorkCalendar
from eligibility_desk.services.accounts import require
from eligibility_desk.services.progress import Cancelled, OperationCancelled, Progress, never_cancelled, no_progress
from eligibility_desk.services.scores.score_store import domain_sheets, jsonable, sheet_row as _sheet_row, value_json
from eligibility_desk.services.scores.score_views import PublicationInfo, RecheckInfo, publication_info, recheck_info


class BatchResults:
    def publish(self, batch_id: int, progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> PublicationInfo:
        """Publish the batch: refused while a sheet is open; results and the pass list stored (appended).
        Needs a supervisor."""
        require(self.actor, Role.SUPERVISOR, action="发布成绩")
        from eligibility_desk.services.sessions.session_service import batch_code

        rules = self.rules_for(batch_id)
        with self.db.writing() as session:
            batch = session.get(BatchRow, batch_id)
            rows = list(session.scalars(select(ScoreSheetRow).where(ScoreSheetRow.batch_id == batch_id)))
            if not rows:
                raise SheetError(str(batch_id), "no_sheets")
            code = batch_code(batch_id, batch.as_of)
            at = utcnow()
            publication = publish_batch(code, domain_sheets(session, rows, code), rules, self.user, at,
                                        progress=progress, cancelled=cancelled)
            if publication is None:
                raise OperationCancelled("publication cancelled; nothing stored")
            names = {x["admission_no"]: (x["candidate"], x.get("name", "")) for r in rows for x in r.lines}
            results = [{"candidate": r.candidate, "candidate_id": names.get(r.candidate, ("", ""))[0],
                        "name": names.get(r.candidate, ("", ""))[1], "level": r.level, "outcome": r.outcome,
                        "parts": {p: {"score": jsonable(pr.score), "passed": pr.passed,
                                      "mark": pr.mark.value if pr.mark else None, "note": pr.note}
                                  for p, pr in r.parts.items()},
                        "reasons": [{"code": reason.code, **jsonable(reason.args)} for reason in r.reasons]}
                       for r in publication.results]
            counts = {o: sum(1 for r in results if r["outcome"] == o) for o in ("pass", "fail", "incomplete")}
            number = (session.scalar(select(func.max(PublicationRow.number)).where(PublicationRow.batch_id == batch_id)) or 0) + 1
            row = PublicationRow(batch_id=batch_id, number=number, published_by=self.user, published_at=at,
                                 published_on=at.date(), pass_list=list(publication.pass_list), results=results,
                                 counts=counts)
            session.add(row)
            session.flush()
            audit.record(session, self.user, "publication", row.id, "publish", None,
                         {"batch_id": batch_id, "number": number, "counts": counts, "passed": len(row.pass_list)})
            return publication_info(row)

    def record_results_export(self, publication: PublicationInfo, path, rows: int) -> None:
        """An audit row saying who wrote a publication's results and pass list (names and outcomes: personal
        data) out of the database, and to which file — as batch exports and printed documents are audited."""
        with self.db.writing() as session:
            audit.record(session, self.user, "publication", publication.id, "export", None,
                         {"file": str(path), "batch_id": publication.batch_id, "number": publication.number,
                          "rows": rows})

    def publication(self, batch_id: int) -> PublicationInfo | None:
        with self.db.reading() as session:
            row = session.scalar(select(PublicationRow).where(PublicationRow.batch_id == batch_id)
                                 .order_by(PublicationRow.number.desc()).limit(1))
            return publication_info(row) if row is not None else None

    def request_recheck(self, sheet_id: int, seat: int, requested_on: date, reason: str = "",
                        holidays: Collection[date] = (), extra_working_days: Collection[date] = ()) -> RecheckInfo:
        """复核 request for a seat of a locked sheet: within the window after the batch's first publication;
        its deadline counted in working days (rule file ``recheck``): weekends, the statutory holidays of
        ``rules/calendar/`` and any further ``holidays`` skipped, make-up working days (调休) counted."""
        require(self.actor, Role.CLERK, Role.SUPERVISOR, action="登记复核申请")    # before any file is read
        calendar = WorkCalendar.cached(self._rules_dir)         # read once per rules folder, again when changed
        holidays = set(calendar.holidays) | set(holidays)
        extra_working_days = set(calendar.workdays) | set(extra_working_days)
        with self.db.writing() as session:
            row = _sheet_row(session, sheet_id)
            first = session.scalar(select(PublicationRow.published_on).where(PublicationRow.batch_id == row.batch_id)
                                   .order_by(PublicationRow.number).limit(1))
            if first is None:
                raise SheetError(str(row.batch_id), "not_published")
            sheet = domain_sheets(session, [row])[0]
            request = file_recheck("new", sheet, seat, requested_on, first, self.rules_for(row.batch_id), reason,
                                   holidays, extra_working_days)
            recheck = RecheckRow(batch_id=row.batch_id, sheet_id=row.id, seat=seat, candidate=request.candidate,
                                 part=request.part, requested_on=requested_on, deadline=request.deadline,
                                 reason=request.reason, decided_by="", note="", created_by=self.user)
            session.add(recheck)
            session.flush()
            audit.record(session, self.user, "recheck", recheck.id, "request", None,
                         {"sheet_id": row.id, "seat": seat, "candidate": request.candidate, "part": request.part,
                          "requested_on": requested_on, "deadline": request.deadline, "reason": request.reason})
            return recheck_info(recheck)

    def resolve_recheck(self, recheck_id: int, outcome: str, new_value=None, note: str = "",
                        expected_version: int | None = None) -> RecheckInfo:
        """Close a re-check as ``unchanged`` or ``changed``; a changed score goes through the audited correction
        (a supervisor who entered no score of that seat)."""
        require(self.actor, Role.SUPERVISOR, action="办理成绩复核")
        with self.db.writing() as session:
            recheck = session.get(RecheckRow, recheck_id)
            if recheck is None:
                raise LookupError(f"no re-check {recheck_id}")
            if expected_version is not None and recheck.version_id != expected_version:
                raise StaleRecordError("recheck", recheck_id, expected_version, recheck.version_id)
            row = _sheet_row(session, recheck.sheet_id, lock=not self.db.is_sqlite)
            rules = self.rules_for(row.batch_id)
            value = self._parse(new_value, rules, f"{row.id}.{recheck.seat}") if new_value is not None else None
            if outcome == "changed" and value is None:
                raise SheetError(f"{row.id}.{recheck.seat}", "value_required")
            request = RecheckRequest(str(recheck.id), recheck.candidate, str(row.id), recheck.seat, recheck.part,
                                     recheck.requested_on, recheck.deadline, recheck.reason, recheck.outcome)
            at = utcnow()
            closed, record = resolve_recheck(request, domain_sheets(session, [row])[0], outcome, self.user, at, value, note)
            if record is not None:
                self._correct(session, row, recheck.seat, value, record.reason, recheck.id)
            recheck.outcome, recheck.decided_on, recheck.decided_by, recheck.note = \
                closed.outcome, closed.decided_on, self.user, note
            session.flush()
            audit.record(session, self.user, "recheck", recheck.id, "resolve", None,
                         {"outcome": closed.outcome, "note": note, "value": value_json(value) if value is not None else None})
            return recheck_info(recheck)

    def rechecks(self, batch_id: int) -> list[RecheckInfo]:
        with self.db.reading() as session:
            return [recheck_info(r) for r in session.scalars(select(RecheckRow).where(RecheckRow.batch_id == batch_id)
                                                               .order_by(RecheckRow.id))]

    def statistics(self, batch_id: int, by=("part",)) -> dict:
        """Part statistics (candidates, absent, pass rate, mean, median, histogram) grouped ``by`` any of
        batch, level, part, session, room — final values of locked sheets, else recorder 1's."""
        rules = self.rules_for(batch_id)
        with self.db.reading() as session:
            rows = list(session.scalars(select(ScoreSheetRow).where(ScoreSheetRow.batch_id == batch_id)))
            sheets = domain_sheets(session, rows)
        levels = {x["admission_no"]: x.get("level", "") for r in rows for x in r.lines}
        return part_statistics(records_from_sheets(sheets, levels), rules, by=tuple(by))

