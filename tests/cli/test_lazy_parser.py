"""The command line builds its parser with the named command's module alone (eligibility_desk/cli/__init__.py,
``COMMANDS``): the table must name every command each module registers, and what a command line parses to —
or prints, for help and mistakes — must be what the parser with every command gives."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import subprocess
import sys

import pytest

from eligibility_desk.cli import COMMAND_MODULES, COMMANDS, build_parser, command_module


def test_the_table_names_every_command_of_every_module():
    registered = {}
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers()
        importlib.import_module(module).register(subparsers)
        registered.update({name: module for name in subparsers.choices})
    assert registered == COMMANDS


@pytest.mark.parametrize("argv,module", [
    (["screen", "a.json"], "eligibility_desk.cli.screen"),
    (["--db", "sqlite:///x.db", "import", "f.xlsx"], "eligibility_desk.cli.records"),
    (["--rules=/r", "--demo", "standards"], "eligibility_desk.cli.rules"),
    (["--quit-after", "5", "--db=u", "users", "list"], "eligibility_desk.cli.users"),
    (["--db", "screen"], None),                    # "screen" is the database URL here: no command
    ([], None), (["-h"], None), (["--version"], None), (["--rul", "/r", "screen"], None),
    (["scren", "a.json"], None), (["--", "screen"], None), (["--db"], None),
])
def test_which_command_a_line_names(argv, module):
    assert command_module(argv) == module


def _outcome(parser: argparse.ArgumentParser, argv: list[str]):
    """What parsing ``argv`` gives: the namespace (handler by name), or the exit status and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return ("exit", exc.code, out.getvalue(), err.getvalue())
    found = vars(args).copy()
    handler = found.pop("handler", None)
    return ("args", getattr(handler, "__qualname__", None), getattr(handler, "__module__", None), found)


LINES = [
    ["screen", "a.json", "--standard", "4-07-02-06", "--level", "4", "--format", "json"],
    ["--db", "sqlite:///x.db", "--rules", "/r", "screen", "-", "--standard", "X", "--lang", "en"],
    ["screen", "a.json"],                                  # --standard missing: the sub-command's error
    ["screen", "a.json", "--standard", "X", "--format", "xml"],
    ["screen", "--help"], ["import", "--help"], ["users", "--help"], ["rules", "check", "--help"],
    ["--db", "u", "batches", "--bogus"],
    ["--db", "-x", "screen", "a.json"],                    # --db without its value: the main parser's error
    ["--quit-after", "abc", "screen", "a.json"],
    ["--demo", "standards", "--format", "json"],
    ["plan", "--help"], ["print-batch", "--help"], ["audit", "--help"], ["backup", "--help"],
]


@pytest.mark.parametrize("argv", LINES, ids=[" ".join(line) for line in LINES])
def test_the_one_module_parser_parses_and_prints_as_the_whole_one(argv):
    module = command_module(argv)
    assert module is not None
    assert _outcome(build_parser((module,)), argv) == _outcome(build_parser(), argv)


def test_the_command_line_starts_without_the_other_commands_modules(tmp_path):
    """``screen`` imports no other command's module (nor, through them, anything they import at the top)."""
    code = ("import sys; from eligibility_desk.cli import main; "
            "status = main(['screen', sys.argv[1], '--standard', '4-07-02-06', '--as-of', '2025-09-01', '--level', '4']); "
            "print(sorted(m for m in sys.modules if m.startswith('eligibility_desk.cli.')), file=sys.stderr); "
            "raise SystemExit(status)")
    path = tmp_path / "a.json"
    path.write_text('{"applicants": []}', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    loaded = eval(proc.stderr.strip().splitlines()[-1])
    assert "eligibility_desk.cli.screen" in loaded
    assert not {m for m in COMMAND_MODULES if m != "eligibility_desk.cli.screen"} & set(loaded)


@pytest.mark.parametrize("columns", [None, "44", "61", "200", "0", "wide"])
@pytest.mark.parametrize("argv", [[], ["screen"], ["rules", "check"], ["import"]], ids=" ".join)
def test_help_is_formatted_at_the_width_argparse_would_find(monkeypatch, columns, argv):
    """The parsers make their formatters without importing shutil (cli/__init__.py: _Parser._get_formatter)
    at the width argparse's own HelpFormatter finds with it: $COLUMNS if a positive number, else the
    terminal's, else 80 — every help text, the sub-commands' prog (formatted when they are added) too."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours = _outcome(build_parser(), [*argv, "--help"])
    monkeypatch.setattr(type(build_parser()), "_get_formatter", argparse.ArgumentParser._get_formatter)
    assert _outcome(build_parser(), [*argv, "--help"]) == ours
    assert ours[0] == "exit" and ours[2]


def test_building_the_screen_parser_imports_no_shutil():
    code = ("import sys; from eligibility_desk.cli import build_parser; "
            "build_parser(('eligibility_desk.cli.screen',)).parse_args(['screen', 'a.json', '--standard', 'X']); "
            "print('shutil' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr
