"""The signals a :class:`~eligibility_desk.ui.common.service_task.ServiceTask` posts back to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class TaskSignals(QObject):
    """Lives in the GUI thread; emitted from a worker, so connected slots run queued on the GUI thread."""

    progress = Signal(int, int)       # done, total
    succeeded = Signal(object)        # the services call's return value
    failed = Signal(object)           # the exception it raised
    cancelled = Signal()              # it stopped because the clerk cancelled; nothing was written
