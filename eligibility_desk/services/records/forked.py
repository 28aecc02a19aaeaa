"""What the import's helpers share: where forking a child (:mod:`.import_digests`, :mod:`.xlsx_scan_child`) is
safe, how one is ended, and how the work that reads ahead of the checks gives way to them."""

from __future__ import annotations

import os
import sys


def forks_safely() -> bool:
    """Linux only: macOS forks a threaded process unsafely, Windows has no ``fork``."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


#: nice steps by which the workbook's reading ahead — the reader threads (:func:`.sheets.iter_xlsx`) and their scan
#: children — runs below the import's own thread.  On two cores the checks on the importing thread are the
#: import's longest chain once the first sheet has come, and they shared the cores with two readers and the
#: writer thread: lowered, the readers take what the checks leave (the checks wait for a sheet only when they
#: have caught up, and then the readers have the cores).  The benchmark workbook, alternating runs: medians
#: 0.08–0.17 s lower (docs/benchmarks.md, "Import, round eleven").  At the start, when the checks wait for the
#: first sheet, every reader is lowered alike and nothing changes.
READ_AHEAD_NICE = 15


def give_way(by: int = READ_AHEAD_NICE) -> None:
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
