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

For a workbook, steps 2 and 3 overlap (:mod:`.import_write`): the transaction begins once the 考生 sheet is
checked and each sheet's rows are written as soon as it passes, while later sheets are still read; a problem
found later rolls all of it back before the report is made.

``cancelled()`` is polled throughout; a cancelled import rolls back and writes nothing.

An import into a batch that does not exist yet passes a :class:`NewBatch`: the batch is created inside the
import's own transaction, so a refused, cancelled or killed import leaves neither the batch nor its audit
rows behind.  Imports queue on PostgreSQL (:func:`eligibility_desk.persistence.locks.serialise`); on SQLite
the write transaction already has the file to itself.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import BatchRow
from eligibility_desk.services.records.import_json import MAX_JSON_DEPTH  # noqa: F401 — its old home
from eligibility_desk.services.records.import_layout import APPLICANTS
from eligibility_desk.services.records.import_rows import ParsedImport, parse_tables
from eligibility_desk.services.records.import_write import ImportWrite, NewBatch, write_all
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


#: the problems of a file with nothing to import (a header and no rows; an empty ``applicants`` list)
NOTHING_TO_IMPORT = ("no_applicants", "no_applicants_json")


class ImportFormatError(ValueError):
    """The file cannot be read at all (unknown kind, not a workbook, not JSON)."""


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


class _Refused(Exception):
    """The file has problems: raised out of the import's transaction to roll back what was written meanwhile."""


def _import_file(db, path, batch_id, user, progress, cancelled, report_path, today) -> ImportReport:
    started = time.perf_counter()
    path = Path(path)
    today = today or date.today()
    batch_levels, _as_of = _batch(db, batch_id)
    suffix = path.suffix.lower()

    def phase(offset: int, share: int):
        return lambda done, total: progress(offset + (share * done // total if total else share), 100)

    if suffix in OTHER_SPREADSHEETS:
        raise ImportFormatError(f"{path.name}：请在 Excel 或 WPS 中另存为 .xlsx 后再导入（{suffix} 的数据区域无法先行检查大小）")
    if suffix != ".json" and suffix != ".csv" and suffix not in SPREADSHEETS:
        raise ImportFormatError(f"{path.name}：无法识别的文件类型，请用 .xlsx、.csv 或 .json（unknown kind of file）")
    if path.is_dir():
        raise ImportFormatError(f"{path.name}：是文件夹，不是文件")
    tables: list | None = None
    parsed: ParsedImport | None = None
    try:
        # the write's transaction: a workbook's or CSV file's rows are written as their sheets pass the checks
        # (import_write.py), while later sheets are still read; a problem, a cancel or an error rolls it back
        with ExitStack() as stack:
            write = ImportWrite(db, batch_id, user, stack, source=path.name, cancelled=cancelled)
            if suffix == ".json":
                parsed = _parse_json(path, today)
            else:
                tables = []
                parsed = _parse_tables(path, suffix, tables, batch_levels, today, phase(0, 50), cancelled, write)
                if parsed is None:
                    raise OperationCancelled()
            photos = _template_photos(parsed, path.parent, APPLICANTS.name) if parsed.photos else {}
            if parsed.problems:
                raise _Refused()
            if cancelled():
                raise OperationCancelled()
            supplied = parsed.supplied if tables is not None else None
            tables = None  # the cells are not needed any more: freed before the write (1,000,000 CSV rows)
            # the applicants are handed over: each is freed once written
            applicants, parsed.applicants = parsed.applicants, []
            read = len(applicants)
            if not write.begun:     # JSON; or a file whose rows were not handed over while read
                write.heads(applicants)
            applicants.clear()
            # a workbook replaces a person's records of a kind only where it has rows of that kind for them;
            # JSON states every kind of every applicant (an empty list means none)
            created, updated, unchanged, added = write.finish(parsed.levels, supplied, photos, phase(50, 50),
                                                              release=True)
        write.committed()
    except _Refused:
        return _refused(parsed, tables, path, report_path, started)
    except OperationCancelled:
        return _cancelled(started)
    progress(100, 100)
    return ImportReport(ok=True, cancelled=False, applicants_read=read, created=created,
                        updated=updated, applications_added=added, unchanged=unchanged,
                        seconds=time.perf_counter() - started,
                        batch_id=batch_id.id if isinstance(batch_id, NewBatch) else batch_id)


class _WriteFailed(Exception):
    """The write's own error (a batch name taken meanwhile, a database error, a cancel) raised while the file is
    being read: carried past the reader's error handling, which would word it as a file that cannot be read."""

    def __init__(self, error: BaseException):
        super().__init__(error)
        self.error = error


def _passed_on(name: str):
    """The sink's ``name``: ``write.name(*args)``, any exception it raises wrapped in :class:`_WriteFailed`."""
    def call(self, *args) -> None:
        try:
            getattr(self.write, name)(*args)
        except Exception as exc:
            raise _WriteFailed(exc) from exc

    call.__name__ = call.__qualname__ = name
    return call


class _Sink:
    """What :func:`parse_tables` hands over, passed to the write (see :class:`_WriteFailed`): each method is the
    :class:`ImportWrite` method of its name."""

    def __init__(self, write: ImportWrite):
        self.write = write

    begin = _passed_on("begin")
    heads = _passed_on("heads")
    add_heads = _passed_on("add_heads")
    heads_done = _passed_on("heads_done")
    records = _passed_on("records")
    complete = _passed_on("complete")


def _parse_tables(path: Path, suffix: str, tables: list, batch_levels, today, progress, cancelled,
                  write: ImportWrite) -> ParsedImport | None:
    """A workbook's or CSV file's rows, checked, each sheet's handed to ``write`` as it passes (``None`` when
    cancelled); a file that cannot be read at all raises :class:`ImportFormatError`."""
    import zipfile

    from eligibility_desk.services.records.sheets import WorkbookRefused, close_streams, iter_xlsx, read_csv
    from eligibility_desk.services.records.xlsx_scan import SheetPartError

    import threading

    # a workbook's record sheets are checked in the order calamine finishes them, once 考生 is (the problems are
    # listed in layout order all the same)
    arrival = threading.Event() if suffix != ".csv" else None
    try:
        sink = _Sink(write) if suffix != ".csv" else None
        # a workbook's write begins while its first sheet is scanned and read (the transaction, the applicants on
        # file, the audit chain's end, the writer thread): ready when that sheet's applicants come
        source = read_csv(path) if suffix == ".csv" else iter_xlsx(path, tables, arrival, meanwhile=sink.begin)
        if suffix == ".csv":
            tables[:] = source
            source = tables
        try:
            # a CSV file is read on this thread as it is checked: nothing to overlap the write with, and its
            # rows written meanwhile would only hold SQLite's page cache beside the checks' look-ups (+100 MB
            # at 1,000,000 rows); it is written once checked
            return parse_tables(source, batch_levels, today, progress, cancelled, sink=sink, arrival=arrival)
        finally:
            close_streams(tables)  # a CSV file not read to the end (cancelled)
    except _WriteFailed as failed:
        raise failed.error from None
    except (zipfile.BadZipFile, SheetPartError) as exc:
        if _compound_file(path):  # what Excel writes for a password-protected workbook, or an old .xls
            raise ImportFormatError(f"{path.name}：是加密（设有打开密码）的工作簿或旧版 .xls 文件，无法读取：请在 Excel 或 "
                                    "WPS 中取消密码并另存为 .xlsx 后再导入") from exc
        raise ImportFormatError(f"{path.name}：无法作为 .xlsx 工作簿读取（{exc}）") from exc
    except WorkbookRefused as exc:   # its message names the file (a CSV file's sibling, say)
        raise ImportFormatError(exc.zh) from exc
    except OSError as exc:
        where = Path(exc.filename).name if exc.filename else path.name
        raise ImportFormatError(f"{where}：无法读取（{exc.strerror or exc}）") from exc
    except ValueError as exc:
        raise ImportFormatError(f"{path.name}：{exc}") from exc
    except Exception as exc:  # calamine's own errors: not a workbook
        if exc.__class__.__module__.startswith("python_calamine") or "Calamine" in exc.__class__.__name__:
            raise ImportFormatError(f"{path.name}：无法作为 .xlsx 工作簿读取（{exc}）") from exc
        raise


def _compound_file(path: Path) -> bool:
    """Whether the file is an OLE compound file (its first eight bytes), not a zip."""
    try:
        with open(path, "rb") as fh:
            return fh.read(8) == bytes.fromhex("D0CF11E0A1B11AE1")
    except OSError:
        return False


def _refused(parsed: ParsedImport, tables, path: Path, report_path, started: float) -> ImportReport:
    """Every problem of the file, and its problem report written (for JSON the report holds the 问题清单
    sheet only: there are no cells to mark)."""
    from eligibility_desk.services.records.problem_report import write_problem_report

    if all(p.code in NOTHING_TO_IMPORT for p in parsed.problems):
        # a file with no applicant has nothing to copy or mark: no report (and so no audit row of one)
        return ImportReport(ok=False, cancelled=False, applicants_read=0, created=0, updated=0, applications_added=0,
                            problems=tuple(parsed.problems), seconds=time.perf_counter() - started)
    target = Path(report_path) if report_path else default_report_path(path)
    try:
        write_problem_report(tables or [], parsed.problems, target)
        written = str(target)
    except OSError:  # e.g. a read-only folder: the problems are still in the report object
        written = None
    return ImportReport(ok=False, cancelled=False, applicants_read=len(parsed.applicants), created=0, updated=0,
                        applications_added=0, problems=tuple(parsed.problems), problem_report=written,
                        seconds=time.perf_counter() - started)


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


def _parse_json(path: Path, today: date) -> ParsedImport:
    """An interchange file's records, checked (:mod:`.import_json`); a file that is no interchange document
    raises :class:`ImportFormatError` naming it."""
    from eligibility_desk.services.records.import_json import parse_json

    try:
        return parse_json(path, today)
    except OSError as exc:
        raise ImportFormatError(f"{path.name}：无法读取（{exc.strerror or exc}）") from exc
    except ValueError as exc:
        raise ImportFormatError(f"{path.name}：{exc}") from exc


def _cancelled(started: float) -> ImportReport:
    return ImportReport(ok=False, cancelled=True, applicants_read=0, created=0, updated=0, applications_added=0,
                        seconds=time.perf_counter() - started)


def import_applicants(db: Database, applicants: list[Applicant], batch_id: "int | NewBatch", user: str,
                      levels: dict[str, tuple[str, ...]] | None = None, source: str = "",
                      progress: Progress = no_progress, cancelled: Cancelled = never_cancelled,
                      supplied: dict[str, set[str]] | None = None, photos: dict | None = None,
                      release: bool = False) -> tuple[int, int, int, int]:
    """Write checked applicants and their applications in one transaction (:mod:`.import_write`).

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
    return write_all(db, applicants, batch_id, user, levels, source, progress, cancelled, supplied, photos, release)
