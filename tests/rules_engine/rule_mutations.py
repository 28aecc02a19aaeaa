"""Mutations of rule files for the loader's hostility tests (tests/rules_engine/test_loader_hostility.py).

:func:`key_line_mutations` walks a rule file's ``key: value`` lines and yields, for each, the file with that
key deleted, renamed, its value wrapped in a list or a mapping, the line written twice, and — for numbers and
dates — the value replaced by text, negative, zero, huge, fractional, null or true numbers, and dates that do
not exist or are out of range.  They are text edits, so every mutation keeps the rest of the file (and its
line numbers) as it was."""

from __future__ import annotations

import re
from typing import Iterator

KEY = re.compile(r"^(?P<ind>\s*(?:- )?)(?P<key>[A-Za-z_\"0-9][^:#{}\[\]]*?):(?P<sep>\s*)(?P<val>[^#]*?)(?P<com>\s*#.*)?$")
NUMBERS = ('"{v}"', "-1", "0", "99999999999", "2.5", "null", "true")
DATES = ("2020-02-30", "0000-01-01", '"2020-13-01"', "2020-1-1", "20200101")


def key_line_mutations(text: str, per_key: int = 2) -> Iterator[tuple[int, str, str]]:
    """``(line, kind, mutated text)`` for the ``key: value`` lines of ``text`` (1-based lines): the first
    ``per_key`` lines of each key at each indentation (the weights of level 3 are mutated like level 4's)."""
    lines = text.split("\n")
    seen: dict[tuple[str, str], int] = {}
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = KEY.match(line)
        if not m:
            continue
        ind, key, val = m["ind"], m["key"], m["val"].strip()
        shape = (ind, key.strip('"') if not key.strip('"').isdigit() else "<level>")
        seen[shape] = seen.get(shape, 0) + 1
        if seen[shape] > per_key:
            continue

        def sub(new: str) -> str:
            return "\n".join(lines[:i] + [new] + lines[i + 1:])
        yield i + 1, "rename", sub(f"{ind}{key}_x:{m['sep']}{m['val']}")
        if not val:
            yield i + 1, "to-scalar", sub(f"{ind}{key}: 7")
            continue
        yield i + 1, "delete", "\n".join(lines[:i] + lines[i + 1:])
        yield i + 1, "to-list", sub(f"{ind}{key}: [{val}]")
        yield i + 1, "to-map", sub(f"{ind}{key}: {{k: {val}}}")
        if "- " not in ind:
            yield i + 1, "twice", "\n".join(lines[:i + 1] + [f"{ind}{key}: {val}"] + lines[i + 1:])
        if re.fullmatch(r"-?\d+(\.\d+)?", val):
            for new in NUMBERS:
                yield i + 1, f"number {new.format(v=val)}", sub(f"{ind}{key}: {new.format(v=val)}")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", val):
            for new in DATES:
                yield i + 1, f"date {new}", sub(f"{ind}{key}: {new}")


def billion_laughs_when(depth: int = 30) -> str:
    """A ``when:`` value (flow style, one line) whose aliases spell out to ``2**depth`` predicates: each level
    defines an anchor in its first item and repeats it in its second."""
    text = "&w0 {related_work: {years: 5}}"
    for d in range(1, depth + 1):
        text = f"&w{d} {{all: [{text}, *w{d - 1}]}}"
    return text
