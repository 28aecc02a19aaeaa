"""What the import's helper processes (:mod:`.import_digests`, :mod:`.xlsx_scan_child`) share: where forking a
child is safe, and how one is ended."""

from __future__ import annotations

import os
import sys


def forks_safely() -> bool:
    """Linux only: macOS forks a threaded process unsafely, Windows has no ``fork``."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


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
