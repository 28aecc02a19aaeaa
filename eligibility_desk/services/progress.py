"""The progress/cancel protocol of long operations: ``progress(done, total)`` and ``cancelled() -> bool``."""

from __future__ import annotations

from typing import Callable

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def no_progress(done: int, total: int) -> None:
    return None


def never_cancelled() -> bool:
    return False


class OperationCancelled(Exception):
    """Raised inside a long operation when ``cancelled()`` turns true; the transaction rolls back."""


