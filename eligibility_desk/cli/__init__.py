"""The ``eligibility-desk`` command line.

Each sub-command lives in a module of this package with a ``register(subparsers)`` function.  Those
modules import only the standard library at import time and load heavy packages (SQLAlchemy, reportlab,
PySide6) inside their handlers, so ``eligibility-desk screen`` starts fast.  A command line that names its
command plainly (only ``--db``/``--rules``/``--quit-after``/``--demo`` before it) builds the parser with that
command's module alone (:data:`COMMANDS`); anything else (``--help``, ``--version``, an unknown command, an
abbreviated option) builds it with every module, so what is printed is the same either way.
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


#: each command's name -> the module that registers it (``tests/cli/test_lazy_parser.py`` checks it against
#: what the modules register)
COMMANDS: dict[str, str] = {
    name: f"eligibility_desk.cli.{module}"
    for module, names in (
        ("screen", ("screen",)),
        ("plan", ("plan", "check-plan", "replan")),
        ("results", ("results",)),
        ("documents", ("slips", "signin", "doorlist", "scoresheet", "exam-pack", "verify")),
        ("records", ("template", "import", "batches", "screen-batch", "decide", "review-queue", "export", "demo-batch")),
        ("sessions", ("calendar", "resources", "plan-batch", "replan-batch", "export-plan", "scores")),
        ("rules", ("standards", "rules")),
        ("print_data", ("print-batch", "photos", "keys", "centre")),
        ("audit", ("audit",)),
        ("maintenance", ("backup", "restore")),
        ("users", ("users",)),
    )
    for name in names
}

#: the main parser's options that take a value, and its flag, as they may stand before a command
_VALUE_OPTIONS = ("--db", "--rules", "--quit-after")
_FLAG_OPTIONS = ("--demo",)


class CommandError(Exception):
    """A user error with a message fit to print; the command exits with ``status``."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse's parser with its usage errors led by a Chinese line (argparse words them in English only);
    sub-command parsers are of the same class."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 命令行参数有误（用 -h 查看用法）/ error: {message}\n")

    def _get_formatter(self):
        # argparse's own, with the width it would find itself (shutil.get_terminal_size().columns - 2): found
        # here without importing shutil (and with it bz2, lzma, fnmatch: ~2 ms of every command's start —
        # building a parser makes a formatter for every option it adds)
        return self.formatter_class(prog=self.prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, as shutil finds it: ``$COLUMNS`` if a positive number, else the
    width of the terminal of ``sys.__stdout__``, else 80."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The command line's parser, with the sub-commands of ``modules`` (all of them by default)."""
    parser = _Parser(
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
    for module_name in modules:
        importlib.import_module(module_name).register(subparsers)
    return parser


def command_module(argv: Sequence[str]) -> str | None:
    """The module of the command ``argv`` names, when it names one plainly: the first word that is not one
    of the main parser's options (``--db URL``, ``--db=URL``, ``--rules DIR``, ``--quit-after MS``,
    ``--demo``).  ``None`` for anything else — no command, ``-h``, ``--version``, an abbreviation, an
    unknown word — which then gets the parser with every command."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word in _VALUE_OPTIONS:
            at += 2
        elif word in _FLAG_OPTIONS or (word.startswith("--") and word.split("=", 1)[0] in _VALUE_OPTIONS and "=" in word):
            at += 1
        elif word.startswith("-"):
            return None
        else:
            return COMMANDS.get(word)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    module = command_module(words)
    # the one command's module alone: the other ten (and argparse's work on their ~70 options) are not
    # needed to parse it, and cost a fast command like ``screen`` a noticeable part of its start-up
    parser = build_parser(COMMAND_MODULES if module is None else (module,))
    args = parser.parse_args(words)
    #: this call is the program itself (its command line read from sys.argv): a handler may then ask, by
    #: setting ``args.exit_at_once``, to leave without the interpreter's tear-down (see _exit_at_once)
    args.program = argv is None
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_gui(args)
        status = int(handler(args) or 0)
        if args.program and getattr(args, "exit_at_once", False):
            _exit_at_once(status)
        return status
    except CommandError as exc:
        print(f"eligibility-desk: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except OSError as exc:   # a file that cannot be read or written (a folder in the way, a full disk, no permission)
        print(f"eligibility-desk: {_file_message(exc)}", file=sys.stderr)
        return 1
    except MemoryError:
        print("eligibility-desk: 内存不足，操作未完成，未保存任何内容 (out of memory; nothing was saved)", file=sys.stderr)
        return 1
    except Exception as exc:
        message = _database_message(exc, args)
        if message is None:
            raise
        print(f"eligibility-desk: {message}", file=sys.stderr)
        return 1


def _file_message(exc: OSError) -> str:
    """An operating-system refusal in words, naming the file (control characters made visible)."""
    from eligibility_desk.domain.text_policy import visible

    where = visible(str(exc.filename), 200) if exc.filename is not None else ""
    reason = exc.strerror or type(exc).__name__
    if where:
        return f"无法读写 {where}：{reason}，操作未完成 (cannot read or write {where}: {reason})"
    return f"文件读写失败：{reason}，操作未完成 (a file could not be read or written: {reason})"


def _exit_at_once(status: int) -> None:
    """Leave the process now with ``status``, its output flushed, skipping the interpreter's tear-down
    (freeing every module and object: ~0.02–0.05 s after ``screen``, once its output is complete).  Only for
    a handler that holds nothing to close (no database, no temporary files) and only when main() is the
    program; returns (and the normal exit follows) if the output cannot be flushed."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(status)


def _database_message(exc: BaseException, args: argparse.Namespace) -> str | None:
    """A clerk's message for "changed by someone else", a refused role or account request, and for database failures (locked, read-only): no
    traceback, no SQL, no parameters (they would print names and 身份证号).  ``None``: not one of those."""
    from eligibility_desk.cli.output import language
    from eligibility_desk.persistence.errors import StaleRecordError, unavailable
    from eligibility_desk.services.accounts import AccountError, PermissionDenied

    if isinstance(exc, (StaleRecordError, PermissionDenied, AccountError)):
        return exc.message(language(args))
    from eligibility_desk.planning.scenario import ScenarioError

    if isinstance(exc, ScenarioError):   # e.g. a stored record the planner cannot take: named, no traceback
        from eligibility_desk.domain.text_policy import visible

        return f"{visible(exc.field, 120)}：{exc.message(language(args))}"
    found = unavailable(exc)
    return found.message(language(args)) if found is not None else None


def _open_gui(args: argparse.Namespace) -> int:
    try:
        from eligibility_desk.ui.app import run_app
    except ImportError as exc:  # the GUI extra is not installed
        print(f"eligibility-desk: the desktop window is not available ({exc}); see README.md", file=sys.stderr)
        return 2
    return run_app(db_url=args.db, demo=args.demo, rules_dir=args.rules, quit_after=args.quit_after)
