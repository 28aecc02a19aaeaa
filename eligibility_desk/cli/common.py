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
    """The :class:`~eligibility_desk.services.desk.Desk` on ``--db`` (migrated), as the global options say."""
    from eligibility_desk.persistence.errors import DatabaseError
    from eligibility_desk.services.desk import Desk

    try:
        return Desk.open(args.db, user=getattr(args, "user", None), rules_dir=getattr(args, "rules", None))
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None


def batch_id(desk, name_or_id: str, hint: str = "see `eligibility-desk batches`") -> int:
    found = desk.find_batch(name_or_id)
    if found is None:
        raise CommandError(f"no batch '{name_or_id}' ({hint})")
    return found
