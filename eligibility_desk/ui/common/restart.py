"""Restarting the app in place (立即重新启动 after a language change): the same command line, a new process."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QProcess


def restart_command() -> tuple[str, list[str]]:
    """The command line this process was started with: the interpreter and everything after it
    (``-m eligibility_desk --demo``, or the ``eligibility-desk`` script's path and options)."""
    return sys.executable, list(sys.orig_argv[1:])


def restart_detached(program: str, arguments: list[str]) -> bool:
    """Start ``program arguments`` as a new process in this working folder, then quit this one."""
    started = QProcess.startDetached(program, arguments, os.getcwd())
    started = started[0] if isinstance(started, tuple) else started
    if not started:
        print(f"eligibility-desk: could not restart: {program} {' '.join(arguments)}", file=sys.stderr)
    QCoreApplication.quit()
    return bool(started)
