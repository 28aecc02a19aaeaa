"""PySide6 6.12.0 drops a reference to ``True`` on every ``signal.emit()`` from Python, and the interpreter
aborts (``Fatal Python error: bool_dealloc``) after a few thousand progress reports. pyproject.toml keeps
that release out; this test fails if the installed PySide6 leaks again."""

from __future__ import annotations

import subprocess
import sys

MANY_EMITS = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    progress = Signal(int, int)
emitter = Emitter()
before = sys.getrefcount(True)
for i in range(100000):
    emitter.progress.emit(i, 100000)
print("survived", before - sys.getrefcount(True))
"""


def test_a_hundred_thousand_emits_neither_crash_nor_leak():
    done = subprocess.run([sys.executable, "-c", MANY_EMITS], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.returncode == 0, done.stderr[-2000:]
    survived, leaked = done.stdout.split()
    assert survived == "survived" and abs(int(leaked)) < 100
