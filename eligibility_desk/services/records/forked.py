"""What the import's helpers share: where forking a child (:mod:`.import_digests`, :mod:`.xlsx_scan_child`) is
safe, how one is ended, and how the work that reads ahead of the checks gives way to them."""

from __future__ import annotations

import os
import sys


def forks_safely() -> bool:
    """Linux only: macOS forks a threaded process unsafely, Windows has no ``fork``."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


#: nice steps by which the import's helpers — the workbook's reader threads (:func:`.sheets.iter_xlsx`) and their
#: scan children, the writer thread (:mod:`.import_write`) — run below the import's own thread, level with one
#: another.  On two cores the checks on the importing thread are the benchmark workbook's longest chain once 考生
#: has come, and they shared the cores with two readers and the writer; lowered, the helpers take what the checks
#: leave.  While the checks wait (for a sheet, or for the digests at the end) the helpers have the cores among
#: themselves as before.  Lowering the readers alone won the benchmark workbook 0.3 s and cost the rich one
#: 0.1 s — its readers then lost the cores to the writer while the checks waited for them (docs/benchmarks.md,
#: "Import, round eleven").
HELPERS_NICE = 15


def give_way(by: int = HELPERS_NICE) -> None:
    """Lower the calling thread's CPU priority by ``by`` nice steps (up to the lowest, 19) — on Linux, where the
    nice value is a thread's own (a forked child's only thread: the child); elsewhere nothing.  It cannot be
    raised again without privileges: call it only from a thread or child that ends with its work."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import threading

        tid = threading.get_native_id()
        now = os.getpriority(os.PRIO_PROCESS, tid)
        if now < 19:
            os.setpriority(os.PRIO_PROCESS, tid, min(19, now + by))
    except (OSError, AttributeError):   # not allowed or not there: the work runs as it is
        pass


def end(pid: int, kill: bool = True) -> None:
    """End the child ``pid`` — killed first unless ``kill`` is false (it is leaving by itself) — and reap it."""
    if kill:
        import signal

        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - it left already (still to be reaped)
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # pragma: no cover - reaped by someone else
        pass
