"""The desk: the one object the GUI and the command line use for applicant records.

    actor = AccountService(db).authenticate(name, password)      # services.accounts
    desk = Desk(db, actor)            # or Desk.open(url, actor); the database is migrated on open
    batch_id = desk.create_batch("2025 秋季", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    report = desk.import_file("applicants.xlsx", batch_id, progress, cancelled)
    summary = desk.screen_batch(batch_id, progress, cancelled)
    for result_id in desk.review_queue(batch_id):
        desk.decide(result_id, approve=True, reason="职称与专业对应，已核验证书原件")
    desk.export_batch(batch_id, "out.xlsx", progress, cancelled)

Every method takes and returns plain data (domain dataclasses, :mod:`.summaries`), never live ORM
objects.  Every change is checked against the actor's roles (:func:`~eligibility_desk.services.accounts.require`,
:class:`~eligibility_desk.services.accounts.PermissionDenied` with nothing written); audit rows carry the
account's name (``desk.user``).  Long operations take ``progress(done, total)`` and ``cancelled()`` and leave the database unchanged
when cancelled.  Writes go one at a time (a lock per desk, and SQLite's own lock across processes).
"""

from __future__ import annotations

import getpass
import threading
from datetime import date
from pathlib import Path

from sqlalchemy import select

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.roles import Actor, Role, sees_id_numbers
from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.domain.levels import canonical_levels
from eligibility_desk.domain.validation import check_applicant
from eligibility_desk.persistence import audit, queries
from eligibility_desk.persistence.applicants import applicant_from_row, fill_row, snapshot
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.opening import open_database
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import (
    ApplicantRow,
    ApplicationRow,
    AuditRow,
    BatchRow,
    ReviewDecisionRow,
    ScreeningResultRow,
    ScreeningTraceRow,
)
from eligibility_desk.persistence.traces import result_clauses
from eligibility_desk.services.accounts import as_actor, require
from eligibility_desk.services.progress import Cancelled, Progress, never_cancelled, no_progress, paused_gc
from eligibility_desk.services.summaries import (
    ApplicantListItem,
    BatchInfo,
    ExportSummary,
    ImportReport,
    ScreeningSummary,
    StoredClause,
    StoredDecision,
    StoredResult,
    VerdictCounts,
)

__all__ = ["Desk", "StaleRecordError", "InvalidRecord"]


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown"


def nobody() -> Actor:
    """The actor of a desk opened without signing in: this computer's login name and no roles — it may read,
    every change is refused."""
    return Actor(login_name(), login_name(), frozenset())


class Desk:
    def __init__(self, db: Database, actor: Actor | None = None, rules_dir: str | Path | None = None):
        actor = as_actor(actor)      # a plain name is a name only: no roles, every change refused
        self.db = db
        self.actor = actor if actor is not None else nobody()
        self.user = self.actor.name
        self._rules_dir = rules_dir
        self._library = None
        self._write_lock = threading.RLock()

    # --- opening ----------------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, actor: Actor | None = None, rules_dir: str | Path | None = None) -> "Desk":
        """Open (and migrate) the database at ``url`` / ``$ELIGIBILITY_DESK_DB`` / the default SQLite file, for
        ``actor`` (an account already authenticated; None: :func:`nobody`, read only)."""
        return cls(open_database(url), actor, rules_dir)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Desk":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.db.display_url

    @property
    def library(self):
        if self._library is None:
            from eligibility_desk.rules_engine import RuleLibrary

            self._library = RuleLibrary.load(self._rules_dir)
        return self._library

    # --- batches ----------------------------------------------------------------------------------------

    def batches(self) -> list[BatchInfo]:
        with self.db.reading() as session:
            rows = session.scalars(select(BatchRow).order_by(BatchRow.id)).all()
            return [self._batch_info(session, row) for row in rows]

    def batch(self, batch_id: int) -> BatchInfo:
        with self.db.reading() as session:
            row = session.get(BatchRow, batch_id)
            if row is None:
                raise LookupError(f"no batch {batch_id}")
            return self._batch_info(session, row)

    def find_batch(self, name_or_id: str | int) -> int | None:
        """A batch id by its name, or by its number written as text."""
        with self.db.reading() as session:
            found = session.scalar(select(BatchRow.id).where(BatchRow.name == str(name_or_id)))
            if found is None and str(name_or_id).strip().isdigit():
                found = session.scalar(select(BatchRow.id).where(BatchRow.id == int(str(name_or_id).strip())))
            return found

    def level_names(self, standards) -> dict[str, tuple[str, str]]:
        """Level code -> (Chinese, English) name, as the rule files of ``standards`` declare them (the newest
        version of each; a standard whose file is missing contributes nothing)."""
        names: dict[str, tuple[str, str]] = {}
        for code in standards:
            try:
                spec = self.library.get(code).spec
            except Exception:  # noqa: BLE001 — the rule file is gone: codes are shown as they are
                continue
            for decl in spec.declared_levels:
                names.setdefault(decl.code, (decl.name, decl.name_en))
        return names

    def batch_problems(self, name: str, standard: str, levels, as_of: date,
                       window_start: date | None = None, window_end: date | None = None,
                       rule_version: str | None = None) -> list[FieldError]:
        """Why :meth:`create_batch` would refuse these values (empty when it would not); reads only, so the
        new-batch dialog can ask before it asks the clerk about unsaved work.  Raises
        :class:`NoRuleVersionError` when no version of ``standard`` is in force on ``as_of``."""
        errors = []
        name = (name or "").strip()
        if not name:
            errors.append(FieldError("name", "required"))
        compiled = self.library.get(standard, as_of, rule_version)
        levels = list(canonical_levels(levels, compiled.levels))  # t1, Ｔ１ -> the standard's own T1
        for level in levels:
            if level not in compiled.levels:
                errors.append(FieldError("levels", "level_not_in_batch", {"value": level, "allowed": ", ".join(compiled.levels)}))
        if not levels:
            errors.append(FieldError("levels", "required"))
        if window_start and window_end and window_end < window_start:
            errors.append(FieldError("window_end", "end_before_start",
                                     {"start": window_start.isoformat(), "end": window_end.isoformat()}))
        if name and self.find_batch(name) is not None:
            errors.append(FieldError("name", "duplicate", {"value": name}))
        return errors

    @staticmethod
    def _batch_info(session, row: BatchRow) -> BatchInfo:
        counts, applications, applicants, decided, pending = queries.batch_counts(session, row.id)
        return BatchInfo(id=row.id, name=row.name, standard=row.standard, levels=tuple(row.levels), as_of=row.as_of,
                         window_start=row.window_start, window_end=row.window_end, applicants=applicants,
                         applications=applications, counts=VerdictCounts(**counts), decided=decided,
                         review_pending=pending)

    def create_batch(self, name: str, standard: str, levels, as_of: date,
                     window_start: date | None = None, window_end: date | None = None,
                     rule_version: str | None = None) -> int:
        """A new batch; checks the standard exists on ``as_of`` (or has ``rule_version``, when one is chosen)
        and has the levels.  Returns its id."""
        require(self.actor, Role.CLERK, action="新建批次")
        spec = self._checked_batch(name, standard, levels, as_of, window_start, window_end, rule_version)
        name, levels = spec.name, spec.levels
        with self._write_lock, self.db.writing() as session:
            row = BatchRow(name=name, standard=standard, levels=levels, as_of=as_of, window_start=window_start,
                           window_end=window_end, created_by=self.user, rule_version=rule_version)
            session.add(row)
            session.flush()
            audit.record(session, self.user, "batch", row.id, "create", None,
                         {"name": name, "standard": standard, "levels": levels, "as_of": as_of,
                          "window_start": window_start, "window_end": window_end, "rule_version": rule_version})
            return row.id

    def _checked_batch(self, name: str, standard: str, levels, as_of: date, window_start: date | None = None,
                       window_end: date | None = None, rule_version: str | None = None):
        """A new batch's values, tidied (name and levels stripped) and checked with :meth:`batch_problems`, as
        the ``NewBatch`` an import creates in its own transaction; ``InvalidRecord`` naming every problem."""
        from eligibility_desk.services.records.import_write import NewBatch

        name = (name or "").strip()
        levels = list(canonical_levels(levels, self.library.get(standard, as_of, rule_version).levels))
        errors = self.batch_problems(name, standard, levels, as_of, window_start, window_end, rule_version)
        if errors:
            raise InvalidRecord(name or "batch", errors)
        return NewBatch(name, standard, levels, as_of, window_start, window_end)

    def delete_batch(self, batch_id: int) -> None:
        """Remove a batch that has no screening results yet (e.g. one created for an import that failed)."""
        require(self.actor, Role.CLERK, action="删除批次")
        from eligibility_desk.persistence.models import ScreeningRunRow

        with self._write_lock, self.db.writing() as session:
            row = session.get(BatchRow, batch_id)
            if row is None:
                return
            if session.scalar(select(ScreeningRunRow.id).where(ScreeningRunRow.batch_id == batch_id).limit(1)) is not None:
                raise InvalidRecord(row.name, [FieldError("batch", "batch_screened", {"value": row.name})])
            before = {"name": row.name, "standard": row.standard, "levels": row.levels, "as_of": row.as_of}
            session.delete(row)
            session.flush()
            audit.record(session, self.user, "batch", batch_id, "delete", before, None)

    # --- applicants -------------------------------------------------------------------------------------

    def applicant_rows(self, batch_id: int | None = None) -> list[ApplicantListItem]:
        """One list item per applicant (of a batch, or all), from one query: each item is the query's row."""
        with paused_gc(), self.db.reading() as session:  # 200,000 new tuples: the cyclic GC's passes free nothing
            return list(map(ApplicantListItem, queries.applicant_list(session, batch_id)))

    def load_applicant(self, pk: int) -> tuple[Applicant, int]:
        """The applicant and the version to pass back to :meth:`save_applicant`."""
        with self.db.reading() as session:
            row = session.get(ApplicantRow, pk)
            if row is None:
                raise LookupError(f"no applicant {pk}")
            return applicant_from_row(row), row.version_id

    def find_applicant(self, id_number: str) -> int | None:
        with self.db.reading() as session:
            return session.scalar(select(ApplicantRow.id).where(ApplicantRow.id_number == id_number.strip().upper()))

    def save_applicant(self, pk: int | None, applicant: Applicant, expected_version: int | None = None) -> tuple[int, int]:
        """Create (``pk=None``) or update an applicant; returns ``(pk, new version)``.

        :class:`InvalidRecord` lists every problem (nothing saved); :class:`StaleRecordError` when someone
        saved the record after ``expected_version`` was read.
        """
        require(self.actor, Role.CLERK, action="编辑考生信息")
        errors = check_applicant(applicant)
        if errors:
            raise InvalidRecord(applicant.id or applicant.name or "applicant", errors)
        with self._write_lock, self.db.writing() as session:
            other = session.scalar(select(ApplicantRow.id).where(ApplicantRow.id_number == applicant.id_number))
            if other is not None and other != pk:
                raise InvalidRecord(applicant.id, [FieldError("id_number", "duplicate", {"value": applicant.id_number})])
            if pk is None:
                row = ApplicantRow()
                fill_row(row, applicant)
                session.add(row)
                session.flush()
                audit.record(session, self.user, "applicant", row.id, "create", None, snapshot(applicant))
                return row.id, row.version_id
            row = session.get(ApplicantRow, pk, with_for_update=not self.db.is_sqlite)
            if row is None:
                raise StaleRecordError("applicant", pk, expected_version, None)
            if expected_version is not None and row.version_id != expected_version:
                raise StaleRecordError("applicant", pk, expected_version, row.version_id)
            before = snapshot(applicant_from_row(row))
            if before == snapshot(applicant) and dict(row.extra or {}) == dict(applicant.extra or {}):
                return pk, row.version_id  # nothing changed: no new version, no audit row
            fill_row(row, applicant)  # updated_at changes, so the row itself is updated and its version bumped
            try:
                session.flush()
            except Exception as exc:
                from sqlalchemy.orm.exc import StaleDataError

                if isinstance(exc, StaleDataError):
                    raise StaleRecordError("applicant", pk, expected_version, None) from exc
                raise
            audit.record(session, self.user, "applicant", pk, "update", before, snapshot(applicant))
            return pk, row.version_id

    def delete_applicant(self, pk: int, expected_version: int | None = None) -> None:
        require(self.actor, Role.CLERK, action="删除考生")
        with self._write_lock, self.db.writing() as session:
            row = session.get(ApplicantRow, pk)
            if row is None:
                raise StaleRecordError("applicant", pk, expected_version, None)
            if expected_version is not None and row.version_id != expected_version:
                raise StaleRecordError("applicant", pk, expected_version, row.version_id)
            before = snapshot(applicant_from_row(row))
            session.delete(row)
            session.flush()
            audit.record(session, self.user, "applicant", pk, "delete", before, None)

    def apply(self, pk: int, batch_id: int, levels) -> int:
        """Enter an applicant in a batch for the given levels (those already entered are skipped)."""
        require(self.actor, Role.CLERK, action="登记申报")
        with self._write_lock, self.db.writing() as session:
            batch = session.get(BatchRow, batch_id)
            if batch is None:
                raise LookupError(f"no batch {batch_id}")
            wanted = list(canonical_levels(levels, batch.levels))
            bad = [lv for lv in wanted if lv not in batch.levels]
            if bad:
                raise InvalidRecord(str(pk), [FieldError("levels", "level_not_in_batch",
                                                         {"value": bad[0], "allowed": ", ".join(batch.levels)})])
            have = set(session.scalars(select(ApplicationRow.level).where(
                ApplicationRow.applicant_id == pk, ApplicationRow.batch_id == batch_id)))
            added = [lv for lv in wanted if lv not in have]
            for level in added:
                session.add(ApplicationRow(applicant_id=pk, batch_id=batch_id, level=level))
            if added:
                audit.record(session, self.user, "applicant", pk, "apply", None, {"batch_id": batch_id, "levels": added})
            return len(added)

    # --- results and decisions --------------------------------------------------------------------------

    def results(self, pk: int, batch_id: int | None = None) -> list[StoredResult]:
        """The newest result per level of one applicant (in a batch), with clause traces and any decision."""
        with self.db.reading() as session:
            states = queries.application_states(session, batch_id, applicant_id=pk)
            ids = [s.result_id for s in states if s.result_id is not None]
            return self._stored_results(session, ids)

    def result(self, result_id: int) -> StoredResult:
        with self.db.reading() as session:
            found = self._stored_results(session, [result_id])
            if not found:
                raise LookupError(f"no screening result {result_id}")
            return found[0]

    def history(self, pk: int, batch_id: int | None = None) -> list[StoredResult]:
        """Every result ever stored for an applicant (oldest first): re-screenings keep history."""
        with self.db.reading() as session:
            stmt = (select(ScreeningResultRow.id).join(ApplicationRow, ApplicationRow.id == ScreeningResultRow.application_id)
                    .where(ApplicationRow.applicant_id == pk))
            if batch_id is not None:
                stmt = stmt.where(ApplicationRow.batch_id == batch_id)
            return self._stored_results(session, list(session.scalars(stmt.order_by(ScreeningResultRow.id))))

    @staticmethod
    def _stored_results(session, ids: list[int]) -> list[StoredResult]:
        if not ids:
            return []
        rows = session.execute(
            select(ScreeningResultRow, ApplicationRow.applicant_id, ApplicationRow.level, ScreeningTraceRow.clauses)
            .join(ApplicationRow, ApplicationRow.id == ScreeningResultRow.application_id)
            .outerjoin(ScreeningTraceRow, ScreeningTraceRow.id == ScreeningResultRow.trace_id)
            .where(ScreeningResultRow.id.in_(ids)).order_by(ApplicationRow.level.desc(), ScreeningResultRow.id)).all()
        decisions, counts = {}, {}
        for d in session.scalars(select(ReviewDecisionRow).where(ReviewDecisionRow.result_id.in_(ids))
                                 .order_by(ReviewDecisionRow.id)):
            decisions[d.result_id] = StoredDecision(d.id, d.approve, d.reason, d.user, d.decided_at)
            counts[d.result_id] = counts.get(d.result_id, 0) + 1
        out = []
        for r, applicant_pk, level, shared in rows:
            clauses = tuple(StoredClause(*c) for c in result_clauses(r.clauses, shared))
            out.append(StoredResult(id=r.id, application_id=r.application_id, run_id=r.run_id, applicant_pk=applicant_pk,
                                    level=level, verdict=r.verdict, passing_clauses=tuple(r.passing_clauses),
                                    eligible_from=r.eligible_from, clauses=clauses, standard=r.standard,
                                    rule_version=r.rule_version, as_of=r.as_of, screened_at=r.screened_at,
                                    decision=decisions.get(r.id), decisions=counts.get(r.id, 0)))
        return out

    def review_queue(self, batch_id: int) -> list[int]:
        """Ids of the batch's newest results that say ``review`` and have no decision yet."""
        with self.db.reading() as session:
            return [s.result_id for s in queries.application_states(session, batch_id)
                    if s.verdict == "review" and s.decision_id is None]

    def decide(self, result_id: int, approve: bool, reason: str, expected_version: int | None = None) -> int:
        """Record a decision as the desk's actor: the first one on a result needs a clerk, a later one (a
        review of the decision on file) a supervisor who did not make that decision
        (:mod:`eligibility_desk.services.screening.reviews`).  ``expected_version``: the number of decisions
        you saw on the result (``StoredResult.decisions``; 0 = undecided) — when another desk decided meanwhile,
        :class:`StaleRecordError` and nothing is stored.  ``None`` skips the check (scripts that own the batch)."""
        from eligibility_desk.services.screening.reviews import decide

        with self._write_lock:
            return decide(self.db, result_id, approve, reason, self.actor, expected_version)

    def record_export(self, entity: str, entity_id: int | None, path, action: str = "export", **details) -> None:
        """An audit row saying who wrote personal data out of the database, what, and to which file
        (exports, problem reports, backups)."""
        with self._write_lock, self.db.writing() as session:
            audit.record(session, self.user, entity, entity_id, action, None, {"file": str(path), **details})

    def audit_trail(self, entity: str | None = None, entity_id: int | None = None, limit: int = 1000) -> list[dict]:
        """The newest audit rows first, as plain dicts (who, when, entity, id, action, before, after).  An
        import's applicant ``create`` row shows the applicant as created, recovered from its digest (the next
        update's ``before`` or the stored applicant; then ``"recovered"`` says which), else the digest."""
        with self.db.reading() as session:
            stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
            if entity is not None:
                stmt = stmt.where(AuditRow.entity == entity)
            if entity_id is not None:
                stmt = stmt.where(AuditRow.entity_id == entity_id)
            rows = [{"id": a.id, "at": a.at, "user": a.user, "entity": a.entity, "entity_id": a.entity_id,
                     "action": a.action, "before": a.before, "after": a.after} for a in session.scalars(stmt)]
            # an import's create rows hold a digest: shown with the snapshot it stands for (audit.recover_snapshots)
            return audit.recover_snapshots(session, rows)

    # --- long operations --------------------------------------------------------------------------------

    def import_file(self, path, batch_id, progress: Progress = no_progress,
                    cancelled: Cancelled = never_cancelled, report_path=None) -> ImportReport:
        """Import .xlsx / .csv / interchange .json into a batch, all or nothing (see services.importing).

        ``batch_id``: an existing batch's id, or a :class:`~eligibility_desk.services.records.importing.NewBatch`
        created in the import's transaction (``report.batch_id`` then names it; a refused import leaves none)."""
        require(self.actor, Role.CLERK, action="导入考生")
        from eligibility_desk.services.records.importing import import_file

        with self._write_lock:
            report = import_file(self.db, path, batch_id, self.user, progress=progress, cancelled=cancelled,
                                 report_path=report_path)
        if report.problem_report:      # a copy of the file's personal data was written out: say who and where
            new = not isinstance(batch_id, int)
            self.record_export("batch", None if new else batch_id, report.problem_report, "problem_report",
                               source=Path(path).name, problems=len(report.problems),
                               **({"batch_name": batch_id.name} if new else {}))
        return report

    def screen_batch(self, batch_id: int, progress: Progress = no_progress,
                     cancelled: Cancelled = never_cancelled) -> ScreeningSummary:
        require(self.actor, Role.CLERK, action="审核批次")
        from eligibility_desk.services.screening.batch_screening import screen_batch

        with self._write_lock:
            return screen_batch(self.db, self.library, batch_id, self.user, progress, cancelled)

    def export_batch(self, batch_id: int, path, progress: Progress = no_progress,
                     cancelled: Cancelled = never_cancelled, lang: str = "zh") -> ExportSummary:
        from eligibility_desk.services.records.exporting import export_batch

        masked = not sees_id_numbers(self.actor)
        summary = export_batch(self.db, self.library, batch_id, path, progress, cancelled, lang, mask_ids=masked)
        if not summary.cancelled:      # names and 身份证号 left the database: who exported what, to which file
            self.record_export("batch", batch_id, summary.path, "export", rows=summary.rows, id_numbers_masked=masked)
        return summary

    def create_demo_batch(self, n: int = 300, seed: int = 20250901, name: str | None = None,
                          progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> int | None:
        """A batch of ``n`` generated applicants (eligibility_desk.demo), imported and screened; its id.

        The same seed gives the same batch (returned again if it exists).  The batch is created in the import's
        transaction, so an import that does not complete (cancelled, disk full) leaves nothing.  Cancelled:
        ``None``; cancelled while screening, the batch and the applicants it created are removed again (the
        audit trail shows both steps)."""
        require(self.actor, Role.CLERK, action="生成演示批次")
        from eligibility_desk import demo
        from eligibility_desk.services.records.importing import import_applicants
        from eligibility_desk.services.progress import OperationCancelled

        batch = demo.demo_batch(seed)
        name = name or f"{batch.name} #{seed}"
        existing = self.find_batch(name)
        if existing is not None:
            return existing
        generated = demo.demo_applicants(n, seed, batch.as_of)
        if cancelled():
            return None
        before = {a.id_number for a, _ in generated if self.find_applicant(a.id_number) is not None}
        # the batch is made in the import's transaction: a failed write (disk full, cancel) leaves no batch behind
        spec = self._checked_batch(name, batch.standard, batch.levels, batch.as_of, batch.window_start, batch.window_end)
        try:
            with self._write_lock:
                import_applicants(self.db, [a for a, _ in generated], spec, self.user,
                                  {a.id_number: levels for a, levels in generated}, source="demo",
                                  cancelled=cancelled)
        except OperationCancelled:
            return None
        batch_id = spec.id
        summary = self.screen_batch(batch_id, progress, cancelled)
        if summary.cancelled:
            for applicant, _levels in generated:
                if applicant.id_number not in before:
                    pk = self.find_applicant(applicant.id_number)
                    if pk is not None:
                        self.delete_applicant(pk)
            self.delete_batch(batch_id)
            return None
        return batch_id
