"""Work around a reference-count bug of PySide6 6.12.0 on CPython 3.11: ``SignalInstance.emit()`` returns
``True`` without taking a reference, so every ``signal.emit(...)`` made from Python drops one reference to
``True``.  After a few thousand emits (progress reports, task outcomes, model signals) ``True`` reaches zero
and the interpreter aborts with ``Fatal Python error: bool_dealloc`` — in the middle of a session.

CPython 3.12 made ``True``/``False`` immortal, which is what :func:`guard_bool_refcounts` does here: it probes
whether an emit leaks and, only then, adds 2**40 references to ``True`` and ``False`` (never freed anyway).
Remove this module once the pinned PySide6 no longer leaks (the probe then reports ``False``).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

_guarded = False


class _EmitProbe(QObject):
    ping = Signal()


def emit_leaks_bool() -> bool:
    """True when one ``emit()`` from Python drops a reference to ``True`` or ``False``."""
    probe = _EmitProbe()
    before = sys.getrefcount(True), sys.getrefcount(False)
    probe.ping.emit()
    after = sys.getrefcount(True), sys.getrefcount(False)
    return after[0] < before[0] or after[1] < before[1]


def guard_bool_refcounts() -> bool:
    """Make ``True``/``False`` effectively immortal if this PySide6 leaks them; True if it did so."""
    global _guarded
    if _guarded or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _guarded
    if emit_leaks_bool():
        import ctypes

        for value in (True, False):   # ob_refcnt is the first field of every CPython object
            ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40
        _guarded = True
    return _guarded
