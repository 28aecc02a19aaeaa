"""One services call run on a thread pool: progress and the outcome posted back through signals.

The call is ``fn(progress, cancelled)`` — the module-level long-work convention of the services layer: it
calls ``progress(done, total)`` now and then and polls ``cancelled()``; when it sees a cancel it stops and
rolls back by raising; an exception raised after a cancel is reported as :attr:`TaskSignals.cancelled`.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QRunnable

from eligibility_desk.persistence.errors import unavailable
from eligibility_desk.ui.common.task_signals import TaskSignals

ServiceCall = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class ServiceTask(QRunnable):
    def __init__(self, name: str, fn: ServiceCall):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps the Python object until the outcome arrives
        self.name = name
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 — every outcome must reach the GUI thread
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:   # a database failure (locked, read-only…) becomes a message that quotes no SQL or names
                self.signals.failed.emit(unavailable(exc) or exc)
            return
        # it finished: a cancel that came too late to stop it does not undo finished, committed work
        self.signals.succeeded.emit(result)
