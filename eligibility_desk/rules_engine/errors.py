from __future__ import annotations

from pathlib import Path


class RuleFileError(ValueError):
    """A rule file that cannot be used, with the file, the place in it (clause id or section) and why."""

    def __init__(self, path: Path | str, where: str, message: str):
        self.path = str(path)
        self.where = where
        self.message = message
        super().__init__(f"{self.path}: {where}: {message}" if where else f"{self.path}: {message}")


class NoRuleVersionError(LookupError):
    """No rule file for the standard, or none in force on the as-of date."""
