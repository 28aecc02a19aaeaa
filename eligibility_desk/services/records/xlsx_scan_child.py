"""The sheet scans of a workbook import (:func:`.xlsx_scan.scan_sheet`) in a forked child process, where that is
safe: one child per reader thread of :func:`.sheets.iter_xlsx`, forked before the readers start.

The scan of a sheet's XML runs before calamine may read it.  About 60 % of it — the regular-expression searches
over every megabyte of XML — holds the GIL (0.25 s of the 100,000-applicant benchmark workbook's 0.40 s, 0.38 s
of the rich one's 0.66 s; the inflating lets it go), and most scans come after the first sheet has arrived, when
the import's limit on two cores is the work that holds this process's GIL: the checks, the writer thread's
binding, calamine's conversion to Python.  A child scans with a GIL of its own.  It opens the workbook itself
(the parent's open zip file shares its file offset with it), reads the name of one part at a time from a pipe,
scans it and answers with the pickled :class:`.xlsx_scan.SheetScan` — or the pickled exception, which the parent
raises as its own scan would have.  Anything else (the child gone, an answer that does not unpickle, an error
that does not pickle) and the parent scans the part itself: the child only ever saves time, the outcome is the
same.  The child touches nothing of the parent's but the module code it runs, takes no lock of ours, and
leaves by ``os._exit``; :meth:`ScanChild.close` kills and reaps it, whatever state it is in.

Only on Linux (macOS forks threads unsafely; no ``fork`` on Windows) and for workbooks whose sheet parts state
at least :data:`APART_MIN_BYTES` (the forks, ~1–3 ms each, are not worth it for a small file; the sizes a zip
states decide only where the scan runs, never what it finds).
"""

from __future__ import annotations

import os
import pickle
import struct
import zipfile
from pathlib import Path

from eligibility_desk.services.records import forked, xlsx_scan

#: the sheet parts' stated uncompressed bytes from which their scans run in child processes (the benchmark
#: workbooks: 107 and 185 MB; a roster of a few hundred people: well under 1 MB)
APART_MIN_BYTES = 8 << 20
_SIZE = struct.Struct("<Q")


def scan_apart(archive: zipfile.ZipFile, parts) -> bool:
    """Whether the sheets ``parts`` (zip members) of ``archive`` are scanned in child processes (module
    docstring)."""
    if not forked.forks_safely():
        return False
    stated = 0
    for member in parts:
        try:
            stated += archive.getinfo(member).file_size
        except KeyError:  # the scan says so, in whichever process
            continue
    return stated >= APART_MIN_BYTES


class ScanChild:
    """A child process scanning the parts of the workbook at ``path`` one at a time (:meth:`scan`); :meth:`close`
    must be called, whatever happens."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.pid: int | None = None
        self.ask: int | None = None
        self.answer: int | None = None
        asked, ask = os.pipe()
        answer, answered = os.pipe()
        try:
            pid = os.fork()
        except BaseException:
            for fd in (asked, ask, answer, answered):
                os.close(fd)
            raise
        if pid == 0:  # the child: never returns
            _child(self.path, asked, answered, (ask, answer))
        self.pid, self.ask, self.answer = pid, ask, answer
        os.close(asked)
        os.close(answered)

    def scan(self, archive: zipfile.ZipFile, member: str) -> xlsx_scan.SheetScan:
        """``xlsx_scan.scan_sheet(archive, member)``, taken by the child when it can (module docstring)."""
        found = self._ask(member)
        if found is None:
            return xlsx_scan.scan_sheet(archive, member)
        kind, value = found
        if kind == "error":
            raise value
        return value

    def _ask(self, member: str):
        """The child's answer for ``member`` — ``("scan", SheetScan)`` or ``("error", exception)`` — or ``None``
        (the child is gone or its answer cannot be read: it is ended, and the caller scans)."""
        if self.pid is None:
            return None
        try:
            name = member.encode("utf-8", "surrogatepass")
            _write_all(self.ask, _SIZE.pack(len(name)) + name)
            size = _SIZE.unpack(_read_exactly(self.answer, _SIZE.size))[0]
            kind, value = pickle.loads(_read_exactly(self.answer, size))
        except Exception:
            self.close()
            return None
        if kind == "scan" and isinstance(value, xlsx_scan.SheetScan):
            return kind, value
        if kind == "error" and isinstance(value, Exception):
            return kind, value
        self.close()
        return None

    def close(self) -> None:
        """End the child (killed: it holds nothing to keep) and reap it; close the pipes."""
        pid, self.pid = self.pid, None
        if pid is not None:
            forked.end(pid)
        for attr in ("ask", "answer"):
            fd = getattr(self, attr)
            if fd is not None:
                setattr(self, attr, None)
                os.close(fd)


def _read_exactly(fd: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        piece = os.read(fd, min(left, 1 << 20))
        if not piece:
            raise EOFError("the scan's child process ended")
        parts.append(piece)
        left -= len(piece)
    return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(path: str, asked: int, answered: int, parents: tuple[int, int]) -> None:
    """The child's whole life: a part's name from ``asked``, its scan (or the error) pickled to ``answered``,
    until the pipe closes; ``os._exit``."""
    status = 1
    try:
        import gc

        gc.disable()  # nothing it makes is cyclic; the collector would only touch (copy) the parent's pages
        forked.give_way()   # a reader's scans, reading ahead like the reader: below the checks
        for fd in parents:
            os.close(fd)
        archive = None
        while True:
            try:
                size = _SIZE.unpack(_read_exactly(asked, _SIZE.size))[0]
            except EOFError:
                break
            member = _read_exactly(asked, size).decode("utf-8", "surrogatepass")
            try:
                if archive is None:
                    archive = zipfile.ZipFile(path)
                answer = pickle.dumps(("scan", xlsx_scan.scan_sheet(archive, member)), pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                try:
                    answer = pickle.dumps(("error", exc), pickle.HIGHEST_PROTOCOL)
                    pickle.loads(answer)  # one that would not come back whole: the parent scans instead
                except Exception:
                    answer = pickle.dumps(("unknown", None))
            _write_all(answered, _SIZE.pack(len(answer)) + answer)
        status = 0
    except BaseException:  # the parent sees the pipe close (and scans itself)
        status = 1
    finally:
        os._exit(status)
