"""Reading rule YAML so that every mistake can name its line.

PyYAML's safe loader (libyaml's C parser when present) with three changes:

* mappings and sequences are read as :class:`LineDict` / :class:`LineList`, which remember the line of the
  mapping and of each key (item), so the loader can say ``line 42: clause 4-1: unknown key 'whn'``;
* a key written twice in one mapping is refused (PyYAML keeps the last one silently);
* an unquoted date that does not exist (``2020-13-01``) and an anchor whose alias refers back to itself
  (``&a [*a]``) are refused with their line, instead of escaping as a traceback or a recursive structure;
* aliases that spell out to a huge document ("billion laughs") are refused before anything walks them.

Problems are raised as :class:`YamlProblem` (``line``, ``message``); :mod:`.loader` adds the file.

This module holds what the rest of the engine reads (the containers, :func:`line_of`, the problem) and
imports no YAML: the parser itself, ``load_yaml_text``, is in :mod:`.yamlparse`, which :mod:`.loader` imports
when it first parses a file — so a process that screens from rules it did not parse (``eligibility-desk
screen`` with its kept rules, cli/screen_rules.py) never imports PyYAML (~10 ms of its start).
"""

from __future__ import annotations

from typing import Any

class YamlProblem(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class LineDict(dict):
    """A mapping that remembers its own line (``line``) and each key's line (``lines``), both 1-based."""

    line: int | None = None
    lines: dict


class LineList(list):
    """A sequence that remembers its own line and each item's line."""

    line: int | None = None
    lines: list


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of ``container[key]`` (its key, for a mapping) or of the container itself; ``None`` if unknown."""
    if key is not None:
        if isinstance(container, LineDict):
            found = container.lines.get(key)
            if found is not None:
                return found
        elif isinstance(container, LineList) and isinstance(key, int) and 0 <= key < len(container.lines):
            return container.lines[key]
    return getattr(container, "line", None)
