"""Rule YAML as read with its lines: the line-aware containers and the reader's problems.

What the rule engine and the loader's checks need of the YAML reading once a document is read — the
containers that remember their lines (:class:`LineDict`, :class:`LineList`, :func:`line_of`), an unquoted date
that does not exist kept in its place (:class:`BadDate`), and :class:`YamlProblem` — without PyYAML: the
parser itself is :mod:`.yamlparse` (``read_yaml_text``, ``load_yaml_text``), which imports PyYAML and is
imported where a file is parsed (:func:`.loader.read_yaml`).  A run whose rules come parsed from elsewhere (the
``screen`` command's kept parse, ``cli/screen_rules.py``) imports no PyYAML at all (~10 ms of its start).

Problems are raised as :class:`YamlProblem` (``line``, ``message``); :mod:`.loader` adds the file.
"""

from __future__ import annotations

from typing import Any


class YamlProblem(ValueError):
    """A mistake in the YAML itself; ``code`` and ``params`` name its kind for :mod:`.messages`; ``where`` the
    key path whose value it is in (``levels[0].clauses[2].when``), when the reader knows it, else ``""``."""

    def __init__(self, line: int | None, message: str, code: str = "yaml", params: dict | None = None,
                 where: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code
        self.params = params or {}
        self.where = where


class BadDate(str):
    """The text of an unquoted date that does not exist, kept in its place after the reader reported it."""


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

