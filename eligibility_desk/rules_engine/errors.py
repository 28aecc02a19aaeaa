from __future__ import annotations

from pathlib import Path


class RuleFileError(ValueError):
    """A rule file that cannot be used: the file, the line (when known), the place in it (section, clause id or
    field) and why, e.g. ``rules/standards/x.yaml: line 42: clause 4-1: unknown key 'whn' (…)``."""

    def __init__(self, path: Path | str, where: str, message: str, line: int | None = None):
        self.path = str(path)
        self.where = where
        self.message = message
        self.line = line
        head = f"{self.path}: line {line}" if line else self.path
        super().__init__(f"{head}: {where}: {message}" if where else f"{head}: {message}")


class NoRuleVersionError(LookupError):
    """No rule file for the standard, or none in force on the as-of date."""
