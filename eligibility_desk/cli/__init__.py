"""The ``eligibility-desk`` command line.

Each sub-command lives in a module of this package with a ``register(subparsers)`` function.  Those
modules import only the standard library at import time and load heavy packages (SQLAlchemy, reportlab,
PySide6) inside their handlers, so ``eligibility-desk screen`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from eligibility_desk import __version__

#: sub-command modules, in the order ``--help`` lists them
COMMAND_MODULES: tuple[str, ...] = (
    "eligibility_desk.cli.screen",
    "eligibility_desk.cli.plan",
    "eligibility_desk.cli.results",
    "eligibility_desk.cli.documents",
    "eligibility_desk.cli.records",
    "eligibility_desk.cli.sessions",
    "eligibility_desk.cli.rules",
    "eligibility_desk.cli.print_data",
    "eligibility_desk.cli.audit",
    "eligibility_desk.cli.maintenance",
    "eligibility_desk.cli.users",
)


class CommandError(Exception):
    """A user error with a message fit to print; the command exits with ``status``."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eligibility-desk",
        description="Eligibility Desk 职业技能等级认定考务桌面 — 无参数时打开主窗口。",
    )
    parser.add_argument("--version", action="version", version=f"eligibility-desk {__version__}")
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: SQLite file in the user data folder; env ELIGIBILITY_DESK_DB)")
    parser.add_argument("--demo", action="store_true", help="open the window on a freshly generated demo batch")
    parser.add_argument("--rules", metavar="DIR", help="folder of rule files (default: the bundled rules/; env ELIGIBILITY_DESK_RULES)")
    # the desktop bundle's smoke test: open the window, close it MS milliseconds after the database is open
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_gui(args)
        return int(handler(args) or 0)
    except CommandError as exc:
        print(f"eligibility-desk: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except Exception as exc:
        message = _database_message(exc, args)
        if message is None:
            raise
        print(f"eligibility-desk: {message}", file=sys.stderr)
        return 1


def _database_message(exc: BaseException, args: argparse.Namespace) -> str | None:
    """A clerk's message for "changed by someone else", a refused role or account request, and for database failures (locked, read-only): no
    traceback, no SQL, no parameters (they would print names and 身份证号).  ``None``: not one of those."""
    from eligibility_desk.cli.output import language
    from eligibility_desk.persistence.errors import StaleRecordError, unavailable
    from eligibility_desk.services.accounts import AccountError, PermissionDenied

    if isinstance(exc, (StaleRecordError, PermissionDenied, AccountError)):
        return exc.message(language(args))
    found = unavailable(exc)
    return found.message(language(args)) if found is not None else None


def _open_gui(args: argparse.Namespace) -> int:
    try:
        from eligibility_desk.ui.app import run_app
    except ImportError as exc:  # the GUI extra is not installed
        print(f"eligibility-desk: the desktop window is not available ({exc}); see README.md", file=sys.stderr)
        return 2
    return run_app(db_url=args.db, demo=args.demo, rules_dir=args.rules, quit_after=args.quit_after)
