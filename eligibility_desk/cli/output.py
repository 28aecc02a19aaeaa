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
