"""PySide6 6.12.0 on CPython 3.11 drops a reference to ``True`` on every ``signal.emit()``; without the guard
an app session (or this test suite) aborts with ``Fatal Python error: bool_dealloc`` after a few thousand
emits.  The guard is applied here at collection time, so it protects the whole test session; the app applies
it in ``create_app``.  (Better home: tests/conftest.py — left to the lead, who owns it.)"""

from __future__ import annotations

import subprocess
import sys

from eligibility_desk.ui.pyside_workarounds import guard_bool_refcounts

guard_bool_refcounts()

MANY_EMITS = r"""
import sys
from PySide6.QtCore import QObject, Signal, QCoreApplication
app = QCoreApplication([])
if sys.argv[1] == "guarded":
    from eligibility_desk.ui.pyside_workarounds import guard_bool_refcounts
    guard_bool_refcounts()
class Emitter(QObject):
    progress = Signal(int, int)
emitter = Emitter()
for i in range(100000):
    emitter.progress.emit(i, 100000)
print("survived")
"""


def _run(mode: str):
    return subprocess.run([sys.executable, "-c", MANY_EMITS, mode], capture_output=True, text=True, timeout=120)


def test_many_emits_survive_with_the_guard():
    done = _run("guarded")
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-2000:]


def test_the_guard_is_needed_only_where_emit_leaks():
    from eligibility_desk.ui.pyside_workarounds import emit_leaks_bool

    unguarded = _run("plain")
    if sys.version_info < (3, 12) and emit_leaks_bool():
        assert unguarded.returncode != 0 and "bool_dealloc" in unguarded.stderr
    else:
        assert unguarded.returncode == 0
