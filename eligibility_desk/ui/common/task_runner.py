"""Operations: run a services call off the GUI thread with a progress dialog and a cancel button.

Like Anki's ``CollectionOp``: the window says *what* to run and what to do with the result; the runner
starts a :class:`ServiceTask` on a pool, shows progress, turns the dialog's cancel button into the task's
``cancelled()`` flag and calls back on the GUI thread.  The pool is a :class:`QThreadPool` in the app and a
:class:`~eligibility_desk.ui.common.synchronous_pool.SynchronousPool` in tests.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from eligibility_desk.ui.common.service_task import ServiceCall, ServiceTask


class TaskRunner(QObject):
    """Starts tasks and routes their outcome; emits ``succeeded/failed/cancelled(name, ...)`` for listeners."""

    started = Signal(str)
    progressed = Signal(str, int, int)
    succeeded = Signal(str, object)
    failed = Signal(str, object)
    cancelled = Signal(str)

    def __init__(self, parent: QWidget | None = None, pool: Any = None):
        super().__init__(parent)
        self._window = parent
        self.pool = pool if pool is not None else QThreadPool.globalInstance()
        self._tasks: dict[ServiceTask, tuple[QProgressDialog | None, dict]] = {}

    def busy(self) -> bool:
        return bool(self._tasks)

    def run(self, name: str, fn: ServiceCall, *, label: str = "", on_done: Callable[[Any], None] | None = None,
            on_failed: Callable[[BaseException], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, show_progress: bool = True) -> ServiceTask:
        task = ServiceTask(name, fn)
        dialog = None
        if show_progress:
            dialog = QProgressDialog(label or name, self.tr("取消"), 0, 0, self._window)
            dialog.setWindowTitle(label or name)
            dialog.setWindowModality(Qt.WindowModal)
            dialog.setMinimumDuration(400)  # quick calls finish without a flashing dialog
            dialog.setAutoReset(False)
            dialog.setAutoClose(False)
            dialog.canceled.connect(task.cancel)
        self._tasks[task] = (dialog, {"done": on_done, "failed": on_failed, "cancelled": on_cancelled})
        task.signals.progress.connect(self._on_progress)
        task.signals.succeeded.connect(self._on_succeeded)
        task.signals.failed.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        self.started.emit(name)
        self.pool.start(task)
        return task

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def _task_of(self, signals: QObject) -> ServiceTask | None:
        for task in self._tasks:
            if task.signals is signals:
                return task
        return None

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        task = self._task_of(self.sender())
        if task is None:
            return
        dialog = self._tasks[task][0]
        if dialog is not None and not task.is_cancelled():
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)
        self.progressed.emit(task.name, done, total)

    def _finish(self, signals: QObject) -> tuple[ServiceTask | None, dict]:
        task = self._task_of(signals)
        if task is None:
            return None, {}
        dialog, callbacks = self._tasks.pop(task)
        if dialog is not None:
            dialog.canceled.disconnect(task.cancel)
            dialog.close()
            dialog.deleteLater()
        return task, callbacks

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        task, callbacks = self._finish(self.sender())
        if task is None:
            return
        if getattr(result, "cancelled", False):  # the services call noticed the cancel and rolled back
            if callbacks["cancelled"]:
                callbacks["cancelled"]()
            self.cancelled.emit(task.name)
            return
        if callbacks["done"]:
            callbacks["done"](result)
        self.succeeded.emit(task.name, result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        task, callbacks = self._finish(self.sender())
        if task is None:
            return
        if callbacks["failed"]:
            callbacks["failed"](exc)
        self.failed.emit(task.name, exc)

    @Slot()
    def _on_cancelled(self) -> None:
        task, callbacks = self._finish(self.sender())
        if task is None:
            return
        if callbacks["cancelled"]:
            callbacks["cancelled"]()
        self.cancelled.emit(task.name)
