"""How sub-commands print what they did: a summary in the chosen language, tables by default, JSON on request.

    --format table   (default) lines and aligned tables a person reads, in Chinese or English
    --format json    the same facts as one JSON document, for scripts (keys are English, values as stored)
    --lang zh|en     the language of the summary (default: $ELIGIBILITY_DESK_LANG, else zh)

Standard library only (the command line starts fast).  Column widths count CJK characters as two.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from typing import Any, Iterable, Sequence

LANG_ENV = "ELIGIBILITY_DESK_LANG"


def add_output_options(p: argparse.ArgumentParser, formats: bool = True) -> None:
    if formats:
        p.add_argument("--format", choices=("table", "json"), default="table",
                       help="table (default, for people) or json (for scripts)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help=f"language of the summary (default: ${LANG_ENV}, else zh)")


def language(args: argparse.Namespace | None) -> str:
    chosen = getattr(args, "lang", None) or os.environ.get(LANG_ENV, "")
    return "en" if str(chosen).lower().startswith("en") else "zh"


def rules_refusal(exc: BaseException, args) -> str:
    """A rule file that cannot be used (``RuleFileError``: file, line, field) or no version of the standard to
    use (``NoRuleVersionError``), worded in the command's language (:func:`.messages.refusal_text`)."""
    from eligibility_desk.rules_engine.messages import refusal_text

    return refusal_text(exc, language(args))


def say(args, zh: str, en: str, **params: Any) -> str:
    """``zh`` or ``en`` (by :func:`language`), filled with ``params``."""
    return (en if language(args) == "en" else zh).format(**params)


def wants_json(args) -> bool:
    return getattr(args, "format", "table") == "json"


def print_json(data: Any, out=None) -> None:
    out = out or sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=1, default=str)
    out.write("\n")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An aligned text table: a header line, a rule, one line per row (None shows as —)."""
    cells = [[str(h) for h in headers]] + [["—" if v is None or v == "" else str(v) for v in row] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def emit(args, data: Any, text: str) -> None:
    """Print ``data`` as JSON with ``--format json``, else ``text`` (already in the chosen language)."""
    if wants_json(args):
        print_json(data)
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")


#: the problems a refusal prints before pointing at the full list (the problem report); docs/records.md
PRINTED_PROBLEMS = 200


def print_problems(args, lines: Iterable[str], total: int, report: str | None, out=None,
                   limit: int | None = None) -> None:
    """The first ``limit`` (default :data:`PRINTED_PROBLEMS`; ``--all-problems``: every one) of a refusal's
    ``total`` problem lines, indented, on stderr; past it one line naming how many more there are and where
    the full list is (``report``, the problem report .xlsx), in the chosen language — tens of thousands of lines
    would bury the summary and take the terminal minutes to draw."""
    out = out or sys.stderr
    if limit is None:
        limit = total if getattr(args, "all_problems", False) else PRINTED_PROBLEMS
    shown = 0
    for line in lines:
        if shown >= limit:
            break
        out.write("  " + line + "\n")
        shown += 1
    rest = total - shown
    if rest <= 0:
        return
    if report:
        out.write(say(args, "  ……另有 {n} 个问题，完整清单见 问题报告 {path}（或加 --all-problems 全部列出）\n",
                      "  … and {n} more problem(s); the full list is in the problem report {path} "
                      "(or give --all-problems to list them all)\n", n=rest, path=report))
    else:
        out.write(say(args, "  ……另有 {n} 个问题（问题报告未能写入；加 --all-problems 全部列出，或用 --report 指定可写的位置）\n",
                      "  … and {n} more problem(s) (the problem report could not be written; give --all-problems to "
                      "list them all, or --report a writable place)\n", n=rest))

