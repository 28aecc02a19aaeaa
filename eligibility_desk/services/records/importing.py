"""Importing applicants into a batch from ``.xlsx``, ``.csv`` or interchange ``.json`` — all or nothing.

1. Read the file (python-calamine for .xlsx; see :mod:`.sheets`).
2. Check every cell and row (:mod:`.import_rows`, :mod:`eligibility_desk.domain.validation`).  Any problem:
   nothing is written; the report lists every problem (sheet, row, column, value, reason in Chinese) and an
   ``.xlsx`` copy of the data with the bad cells marked is written (:mod:`.problem_report`).
3. Write in one transaction with Core ``executemany`` inserts: applicants new to the database are created;
   an applicant already on file (same ID number) has their records replaced by the file's and is counted
   as updated (or unchanged when the file says the same); every create/update gets an audit row.  Each
   applicant is entered in the batch for the levels of their 申报等级 cell, or all the batch's levels.
   A 照片 cell names a photo file relative to the imported file's folder: it is read and normalised in
   step 2 (a missing, truncated or non-image file is a problem of that cell) and stored in step 3.

``cancelled()`` is polled throughout; a cancelled import rolls back and writes nothing.

An import into a batch that does not exist yet passes a :class:`NewBatch`: the batch is created inside the
import's own transaction, so a refused, cancelled or killed import leaves neither the batch nor its audit
rows behind.  Imports queue on PostgreSQL (:func:`eligibility_desk.persistence.locks.serialise`); on SQLite
the write transaction already has the file to itself.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.validation import check_applicant
from eligibility_desk.persistence import applicants as store
from eligibility_desk.persistence import audit, bulk, locks
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import ApplicantRow, ApplicationRow, BatchRow, utcnow
from eligibility_desk.persistence.queries import plain
from eligibility_desk.services.records.import_layout import APPLICANTS
from eligibility_desk.services.records.import_rows import ParsedImport, parse_tables
from eligibility_desk.services.progress import (
    Cancelled,
    OperationCancelled,
    Progress,
    never_cancelled,
    no_progress,
    paused_gc,
)
from eligibility_desk.services.summaries import ImportProblem, ImportReport

SPREADSHEETS = {".xlsx", ".xlsm"}
#: read by calamine, but refused: their grids cannot be sized before calamine allocates them (docs/records.md)
OTHER_SPREADSHEETS = {".xls", ".ods", ".xlsb"}
#: nesting of an interchange JSON file (orjson's own limit; the format needs 4 levels)
MAX_JSON_DEPTH = 1024
RECORD_KINDS = ("education", "work", "certificates", "titles", "training", "apprenticeships")
#: new applicants written per round of inserts (memory, not speed: each round's parameters are freed)
WRITE_CHUNK = 50_000


class ImportFormatError(ValueError):
    """The file cannot be read at all (unknown kind, not a workbook, not JSON)."""


@dataclass
class NewBatch:
    """A batch to create in the import's transaction (values already checked with ``Desk.batch_problems``).
    ``id`` is filled in once the import has committed."""

    name: str
    standard: str
    levels: list[str]
    as_of: date
    window_start: date | None = None
    window_end: date | None = None
    id: int | None = field(default=None, compare=False)


def _batch(db: Database, batch_id: "int | NewBatch") -> tuple[tuple[str, ...], date]:
    if isinstance(batch_id, NewBatch):
        return tuple(batch_id.levels), batch_id.as_of
    with db.reading() as session:
        batch = session.get(BatchRow, batch_id)
        if batch is None:
            raise LookupError(f"no batch {batch_id}")
        return tuple(batch.levels), batch.as_of


def default_report_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-问题报告.xlsx")


def import_file(db: Database, path, batch_id: int, user: str, progress: Progress = no_progress,
                cancelled: Cancelled = never_cancelled, report_path=None, today: date | None = None) -> ImportReport:
    with paused_gc():
        return _import_file(db, path, batch_id, user, progress, cancelled, report_path, today)


def _import_file(db, path, batch_id, user, progress, cancelled, report_path, today) -> ImportReport:
    started = time.perf_counter()
    path = Path(path)
    today = today or date.today()
    batch_levels, _as_of = _batch(db, batch_id)
    suffix = path.suffix.lower()

    def phase(offset: int, share: int):
        return lambda done, total: progress(offset + (share * done // total if total else share), 100)

    tables = None
    if suffix == ".json":
        parsed = _parse_json(path, today)
    elif suffix in SPREADSHEETS or suffix == ".csv":
        import zipfile

        from eligibility_desk.services.records.sheets import close_streams, iter_xlsx, read_csv
        from eligibility_desk.services.records.xlsx_scan import SheetPartError

        tables = []
        try:
            source = read_csv(path) if suffix == ".csv" else iter_xlsx(path, tables)
            if suffix == ".csv":
                tables = source
            try:
                parsed = parse_tables(source, batch_levels, today, phase(0, 50), cancelled)
            finally:
                close_streams(tables)  # a CSV file not read to the end (cancelled)
        except (zipfile.BadZipFile, SheetPartError) as exc:
            raise ImportFormatError(f"{path.name}：无法作为 .xlsx 工作簿读取（{exc}）") from exc
        except (OSError, ValueError) as exc:
            raise ImportFormatError(f"{path.name}: {exc}") from exc
        except Exception as exc:  # calamine's own errors: not a workbook
            if exc.__class__.__module__.startswith("python_calamine") or "Calamine" in exc.__class__.__name__:
                raise ImportFormatError(f"{path.name}：无法作为 .xlsx 工作簿读取（{exc}）") from exc
            raise
        if parsed is None:
            return _cancelled(started)
    elif suffix in OTHER_SPREADSHEETS:
        raise ImportFormatError(f"{path.name}：请在 Excel 或 WPS 中另存为 .xlsx 后再导入（{suffix} 的数据区域无法先行检查大小）")
    else:
        raise ImportFormatError(f"{path.name}: unknown kind of file (use .xlsx, .csv or .json)")

    photos = _template_photos(parsed, path.parent, APPLICANTS.name) if parsed.photos else {}
    if parsed.problems:
        from eligibility_desk.services.records.problem_report import write_problem_report

        # for JSON the report holds the 问题清单 sheet only (there are no cells to mark)
        target = Path(report_path) if report_path else default_report_path(path)
        try:
            write_problem_report(tables or [], parsed.problems, target)
            written = str(target)
        except OSError:  # e.g. a read-only folder: the problems are still in the report object
            written = None
        return ImportReport(ok=False, cancelled=False, applicants_read=len(parsed.applicants), created=0, updated=0,
                            applications_added=0, problems=tuple(parsed.problems), problem_report=written,
                            seconds=time.perf_counter() - started)
    if cancelled():
        return _cancelled(started)
    supplied = parsed.supplied if tables is not None else None
    tables = source = None  # the cells are not needed any more: freed before the write (1,000,000 CSV rows)
    applicants, parsed.applicants = parsed.applicants, []
    read = len(applicants)
    try:
        # a workbook replaces a person's records of a kind only where it has rows of that kind for them;
        # JSON states every kind of every applicant (an empty list means none).  The list is handed over:
        # each applicant is freed once written.
        created, updated, unchanged, added = import_applicants(
            db, applicants, batch_id, user, parsed.levels, source=path.name,
            progress=phase(50, 50), cancelled=cancelled, supplied=supplied, photos=photos, release=True)
    except OperationCancelled:
        return _cancelled(started)
    progress(100, 100)
    return ImportReport(ok=True, cancelled=False, applicants_read=read, created=created,
                        updated=updated, applications_added=added, unchanged=unchanged,
                        seconds=time.perf_counter() - started,
                        batch_id=batch_id.id if isinstance(batch_id, NewBatch) else batch_id)


def _template_photos(parsed: ParsedImport, folder: Path, sheet: str) -> dict:
    """The 照片 cells' files (relative to the imported file's folder), read and normalised; each file that
    cannot be a photo is a problem of its cell (so the import, all or nothing, writes none of it)."""
    from eligibility_desk.documents.photo import PhotoError, read_photo_file

    header, column_index = parsed.photo_column
    out = {}
    for number, (row, name) in parsed.photos.items():
        path = Path(name).expanduser()
        path = path if path.is_absolute() else folder / path
        try:
            if not path.is_file():
                raise PhotoError("photo_missing", {"value": name})
            out[number] = (read_photo_file(path), path.name)
        except PhotoError as exc:
            parsed.problems.append(ImportProblem(sheet, row, header, name, exc.code, {"value": name, **exc.params},
                                                 column_index))
    return out


def _cancelled(started: float) -> ImportReport:
    return ImportReport(ok=False, cancelled=True, applicants_read=0, created=0, updated=0, applications_added=0,
                        seconds=time.perf_counter() - started)


def _parse_json(path: Path, today: date) -> ParsedImport:
    from eligibility_desk.domain.interchange import parse_applicant, read_document

    try:
        records = read_document(_load_json(path.read_bytes()))
    except (OSError, ValueError) as exc:
        raise ImportFormatError(f"{path.name}: {exc}") from exc
    parsed = ParsedImport(rows=len(records))
    seen: dict[str, int] = {}
    for position, raw in enumerate(records):
        number = position + 1
        try:
            applicant = parse_applicant(raw, position)
            errors = check_applicant(applicant, today)
        except InvalidRecord as exc:
            errors = exc.errors
            applicant = None
        for e in errors:
            parsed.problems.append(ImportProblem(path.name, number, e.field, _json_value(raw, e.field), e.code, e.params))
        if applicant is None or errors:
            continue
        if applicant.id_number in seen:
            parsed.problems.append(ImportProblem(path.name, number, "id_number", applicant.id_number, "duplicate_in_file",
                                                 {"value": applicant.id_number, "other": seen[applicant.id_number]}))
            continue
        seen[applicant.id_number] = number
        parsed.applicants.append(applicant)
        parsed.levels[applicant.id_number] = ()
    return parsed


def _load_json(data: bytes):
    """JSON text -> Python, nested at most :data:`MAX_JSON_DEPTH` deep (orjson refuses deeper input; the
    standard library's parser, the fallback, raises RecursionError, caught here)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        try:
            return json.loads(data)
        except RecursionError:
            raise ValueError(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）") from None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if "depth" in str(exc) or "recursion" in str(exc):
            raise ValueError(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）：{exc}") from None
        raise ValueError(f"不是有效的 JSON：{exc}") from None


def _json_value(raw, field: str) -> str:
    """The value at ``work[0].end`` in a raw record, for the report ('' if not there)."""
    import re

    node = raw
    for name, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", field):
        if not isinstance(node, dict):
            return ""
        node = node.get(name)
        if index:
            if not isinstance(node, list) or int(index) >= len(node):
                return ""
            node = node[int(index)]
    if node is None or isinstance(node, (dict, list)):
        return ""
    from eligibility_desk.domain.text_policy import visible

    return visible(node)


def import_applicants(db: Database, applicants: list[Applicant], batch_id: "int | NewBatch", user: str,
                      levels: dict[str, tuple[str, ...]] | None = None, source: str = "",
                      progress: Progress = no_progress, cancelled: Cancelled = never_cancelled,
                      supplied: dict[str, set[str]] | None = None, photos: dict | None = None,
                      release: bool = False) -> tuple[int, int, int, int]:
    """Write checked applicants and their applications in one transaction.

    An applicant already on file gets the file's records.  With ``supplied`` (ID number -> the kinds of
    record the file has rows of for that person), kinds the file says nothing about stay as stored — a
    workbook with only the 考生 sheet filled in updates names without wiping anyone's work history.

    ``batch_id`` may be a :class:`NewBatch`, created here in the same transaction (its ``id`` is set after
    the commit); a batch of that name made meanwhile by another desk refuses the import (``InvalidRecord``).
    ``photos`` (ID number -> (Photo, file name)) are stored with the applicants in the same transaction.
    With ``release`` the caller hands ``applicants`` over: the list is emptied and each new applicant is freed
    once written (1,000,000 CSV rows: their objects are most of what the import holds).

    Returns ``(created, updated, unchanged, applications added)``.  Raises :class:`OperationCancelled`
    (after rolling back) when ``cancelled()`` turns true.
    """
    levels = levels or {}

    def check(step: int) -> None:
        progress(step, 6)
        if cancelled():
            raise OperationCancelled()

    new_batch = batch_id if isinstance(batch_id, NewBatch) else None
    # the commit leaves the WAL's copy into the database file to a background checkpoint (Database.writing)
    with db.writing(defer_checkpoint=True) as session:
        locks.serialise(session)      # imports queue (PostgreSQL): what is "already on file" is read after the wait
        if new_batch is not None:
            batch_id = _create_batch(session, new_batch, user)
        batch = session.get(BatchRow, batch_id)
        if batch is None:
            raise LookupError(f"no batch {batch_id}")
        batch_levels = tuple(batch.levels)
        existing = store.existing_by_id_number(session)
        new = [a for a in applicants if a.id_number not in existing]
        old = [a for a in applicants if a.id_number in existing]
        read, created = len(applicants), len(new)
        if release:
            applicants.clear()
        before = store.load_applicants(session, [existing[a.id_number][0] for a in old]) if old else {}
        changed = []
        unchanged = 0
        for i, a in enumerate(old):
            pk = existing[a.id_number][0]
            previous = before[pk]
            if supplied is not None:
                given = supplied.get(a.id_number, ())
                kept = {kind: getattr(previous, kind) for kind in RECORD_KINDS if kind not in given}
                if kept:
                    a = old[i] = replace(a, **kept)
            if previous == a and previous.extra == dict(a.extra or {}):
                unchanged += 1
            else:
                changed.append((pk, a, previous))
        check(1)

        now = utcnow()
        dumps, digest = bulk.applicant_json_bytes, audit.digest_document
        app = ApplicationRow.__table__
        added = 0
        photo_pks: dict[str, int] = {}
        # new applicants in chunks (heads, their records, audit rows and applications), so a 1,000,000-row file
        # never holds all its insert parameters or primary keys at once; rows are stored in the same order as
        # one big insert would (applications of new applicants have no others to be checked against)
        last = plain(session, "SELECT COALESCE(MAX(id), 0) FROM applicant")[0][0] if new else 0
        sqlite = bulk.is_sqlite(session)
        # SQLite: child tuples made with each date's stored text (each distinct date formatted once)
        day = store.IsoDates().__getitem__ if sqlite else (lambda value: value)
        for start in range(0, len(new), WRITE_CHUNK):
            part = new[start:start + WRITE_CHUNK]
            if release:  # the caller handed the list over: each applicant is freed once written
                new[start:start + len(part)] = [None] * len(part)
            if sqlite:  # the write lock is held: the keys are last+1… (what SQLite would give), no read back
                ids = range(last + 1, last + 1 + len(part))
                row = store.applicant_tuple
                bulk.insert(session, ApplicantRow.__table__, [(pk, *row(a)) for pk, a in zip(ids, part)],
                            keys=["id", *store.APPLICANT_KEYS], per_statement=1,   # the ID numbers' UNIQUE index
                            same={"version_id": 1, "created_at": now, "updated_at": now})
            else:       # a sequence gives the keys
                bulk.insert(session, ApplicantRow.__table__, [store.applicant_values(a) for a in part],
                            same={"version_id": 1, "created_at": now, "updated_at": now})
                pks = dict(plain(session, "SELECT id_number, id FROM applicant WHERE id > :last", {"last": last}))
                ids = [pks[a.id_number] for a in part]
            last = max(ids, default=last)
            children = store.new_children()
            add_children = store.add_child_tuples
            for pk, a in zip(ids, part):
                add_children(children, pk, a, day)
            store.insert_children(session, children, stored=sqlite)
            # a create row holds the digest of the applicant's snapshot, not a copy (persistence/audit.py: the
            # stored row is the snapshot until the first update); a generator: each orjson document (bytes
            # over-allocated to 4 KB) lives only while it is hashed
            audit.insert_sealed(session, (("applicant", pk, "create", None, digest(dumps(a)))
                                          for pk, a in zip(ids, part)), now, user)
            rows = []
            add = rows.append
            for pk, a in zip(ids, part):
                asked = levels.get(a.id_number) or batch_levels
                if len(asked) == 1:
                    add((pk, asked[0]))
                else:
                    for level in dict.fromkeys(asked):
                        add((pk, level))
            bulk.insert(session, app, rows, keys=["applicant_id", "level"], same={"batch_id": batch_id, "created_at": now})
            added += len(rows)
            if photos:
                photo_pks.update((a.id_number, pk) for pk, a in zip(ids, part) if a.id_number in photos)
            del children, part, ids, rows
            if cancelled():
                raise OperationCancelled()
        check(2)
        if changed:
            store.bulk_update_heads(session, [{"pk": pk, **{k: val for k, val in store.applicant_values(a).items()
                                                            if k != "id_number"}} for pk, a, _ in changed])
            store.delete_children(session, [pk for pk, _, _ in changed])
        check(3)
        children = store.new_children()
        for pk, a, _ in changed:
            store.add_child_tuples(children, pk, a)
        store.insert_children(session, children)
        check(4)

        if old:
            have = set(plain(session, "SELECT applicant_id, level FROM application WHERE batch_id = :batch",
                             {"batch": batch_id}))
            rows = []
            for a in old:
                pk = existing[a.id_number][0]
                for level in levels.get(a.id_number) or batch_levels:
                    if (pk, level) not in have:
                        have.add((pk, level))
                        rows.append((pk, level))
            bulk.insert(session, app, rows, keys=["applicant_id", "level"], same={"batch_id": batch_id, "created_at": now})
            added += len(rows)
            del have, rows
        check(5)

        if changed:
            audit.insert_sealed(session, (("applicant", pk, "update", dumps(previous), dumps(a))
                                          for pk, a, previous in changed), now, user)
        if photos:
            from eligibility_desk.services.printing.photos import store_photos

            photo_pks.update((number, existing[number][0]) for number in photos.keys() & existing.keys())
            store_photos(session, user, {photo_pks[number]: photo for number, photo in photos.items()})
        audit.record(session, user, "batch", batch_id, "import", None,
                     {"source": source, "applicants": read, "created": created, "updated": len(changed),
                      "unchanged": unchanged, "applications_added": added})
        check(6)
    if new_batch is not None:
        new_batch.id = batch_id
    return created, len(changed), unchanged, added


def _create_batch(session, spec: NewBatch, user: str) -> int:
    from sqlalchemy import select

    from eligibility_desk.domain.errors import FieldError

    if session.scalar(select(BatchRow.id).where(BatchRow.name == spec.name)) is not None:   # made meanwhile
        raise InvalidRecord(spec.name, [FieldError("name", "duplicate", {"value": spec.name})])
    row = BatchRow(name=spec.name, standard=spec.standard, levels=list(spec.levels), as_of=spec.as_of,
                   window_start=spec.window_start, window_end=spec.window_end, created_by=user)
    session.add(row)
    session.flush()
    audit.record(session, user, "batch", row.id, "create", None,
                 {"name": spec.name, "standard": spec.standard, "levels": list(spec.levels), "as_of": spec.as_of,
                  "window_start": spec.window_start, "window_end": spec.window_end})
    return row.id
