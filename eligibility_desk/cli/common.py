"""Helpers shared by the sub-commands (standard library only at import time)."""

from __future__ import annotations

import json
import sys
from typing import Any

from eligibility_desk.cli import CommandError


def read_json(path: str) -> Any:
    """A JSON file (``-`` for standard input), or a :class:`CommandError` naming the file and the problem."""
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, "rb") as fh:
            return json.loads(fh.read())
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: not valid JSON: {exc}") from None


def open_desk(args):
    """The :class:`~eligibility_desk.services.records.desk.Desk` on ``--db`` (migrated), as the global options say."""
    from eligibility_desk.persistence.errors import DatabaseError
    from eligibility_desk.services.records.desk import Desk

    try:
        return Desk.open(args.db, user=getattr(args, "user", None), rules_dir=getattr(args, "rules", None))
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None


def batch_id(desk, name_or_id: str, hint: str = "see `eligibility-desk batches`") -> int:
    found = desk.find_batch(name_or_id)
    if found is None:
        raise CommandError(f"no batch '{name_or_id}' ({hint})")
    return found


def split_in_two(total: int, work, min_items: int = 4000) -> list:
    """``work(start, end) -> (text, count)`` over ``[0, total)``, the second half in a forked child process
    so a long batch uses both cores; the parts come back in order.

    Where ``fork`` is not available (Windows, macOS' default), for small jobs, or if the child fails for
    any reason, the parent does the work itself: the answer is the same either way.
    """
    import os

    if total < min_items or not hasattr(os, "fork"):
        return [work(0, total)]
    middle = total // 2
    reader, writer = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: compute everything first, then hand it over in one write
        status = 1
        try:
            os.close(reader)
            text, count = work(middle, total)
            with os.fdopen(writer, "wb") as out:
                out.write(f"{count}\n".encode() + text.encode("utf-8"))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    first = work(0, middle)
    with os.fdopen(reader, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return [first, work(middle, total)]
    count, _, text = payload.partition(b"\n")
    return [first, (text.decode("utf-8"), int(count))]
