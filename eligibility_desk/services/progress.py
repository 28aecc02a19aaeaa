"""The progress/cancel protocol of long operations: ``progress(done, total)`` and ``cancelled() -> bool``."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Callable, Iterator

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def no_progress(done: int, total: int) -> None:
    return None


def never_cancelled() -> bool:
    return False


class OperationCancelled(Exception):
    """Raised inside a long operation when ``cancelled()`` turns true; the transaction rolls back."""




@contextmanager
def paused_gc() -> Iterator[None]:
    """Bulk work builds hundreds of thousands of acyclic objects that stay alive; the cyclic collector's
    repeated passes over them cost time and free nothing.  Reference counting still frees as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
