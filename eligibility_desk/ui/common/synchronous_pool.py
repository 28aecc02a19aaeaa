"""A stand-in for :class:`QThreadPool` that runs each task at once on the calling thread (tests).

Same idea as Picard's test set-up: the code under test still goes through ``pool.start(task)`` and the
task's signals, but the outcome has arrived when ``start`` returns, so tests are deterministic.
"""

from __future__ import annotations


class SynchronousPool:
    def start(self, runnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:  # noqa: N802 — QThreadPool's name
        return True

    def activeThreadCount(self) -> int:  # noqa: N802
        return 0
