from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class RuleFileError(ValueError):
    """A rule file that cannot be used: the file, the line (when known), the place in it (section, clause id or
    field) and why, e.g. ``rules/standards/x.yaml: line 42: clause 4-1: unknown key 'whn' (…)``.

    ``code`` and ``params`` name the kind of mistake for :mod:`.messages`, which words it in Chinese (the
    English ``message`` is the fallback, and what ``str()`` gives)."""

    def __init__(self, path: Path | str, where: str, message: str, line: int | None = None,
                 code: str = "", params: dict | None = None):
        self.path = str(path)
        self.where = where
        self.message = message
        self.line = line
        self.code = code
        self.params = params or {}
        head = f"{self.path}: line {line}" if line else self.path
        super().__init__(f"{head}: {where}: {message}" if where else f"{head}: {message}")


class RuleFileErrors(RuleFileError):
    """Every independent mistake of one file (:attr:`problems`, in file order); it reads as the first."""

    def __init__(self, problems: list[RuleFileError]):
        first = problems[0]
        super().__init__(first.path, first.where, first.message, line=first.line, code=first.code, params=first.params)
        self.problems = list(problems)


def problems_of(exc: RuleFileError) -> list[RuleFileError]:
    """The mistakes an error stands for: every one of a :class:`RuleFileErrors`, else the error itself."""
    return list(getattr(exc, "problems", None) or [exc])


#: the codes of the mistakes YAML itself reports while reading on (a key written twice, a date that does not exist)
_UNREADABLE_CODES = frozenset({"key_twice", "not_real_date"})


class AlreadyReported(Exception):
    """A check that stops because its value's mistake is already recorded (a date YAML could not read):
    :meth:`Mistakes.each` ends the check without a second message."""


class Mistakes:
    """The mistakes of one file, collected so that one run names them all: each independent check runs in
    ``with mistakes.each():`` — a :class:`RuleFileError` raised inside is recorded and the check ends there,
    and the next one runs.  :meth:`raise_any` raises them together (:class:`RuleFileErrors`), in file order."""

    def __init__(self) -> None:
        self.found: list[RuleFileError] = []
        #: lines whose value YAML itself refused (a date that does not exist): any later message on the same
        #: line is about the same mistake and is dropped
        self.unreadable_lines: set[int] = set()
        #: whether the planning and scoring sections' shape checks found nothing (their readers then run)
        self.sections_clean = True
        #: whether the settings were read without a mistake (else a clause missing a majors list for a school
        #: type is that mistake again, not another one)
        self.settings_clean = True
        #: the same for ``lists:`` (a misspelt ``occupations:`` leaves the clauses that count work without one)
        self.lists_clean = True
        #: whether every entry of standard.levels gave its code (else an undeclared code may be that entry's)
        self.codes_known = True
        #: declared level codes whose name could not be read (reported): not compared with a level's name
        self.unnamed: set[str] = set()
        #: list id -> the list file holding it that could not be loaded (its own mistakes are named there)
        self.broken_lists: dict[str, str] = {}

    def add(self, exc: RuleFileError) -> None:
        self.found.extend(problems_of(exc))

    @contextmanager
    def each(self) -> Iterator[None]:
        try:
            yield
        except AlreadyReported:
            pass
        except RuleFileError as exc:
            self.add(exc)

    def sorted(self) -> list[RuleFileError]:
        seen: set[tuple] = set()
        out = []
        for exc in self.found:
            key = (exc.path, exc.line, exc.where, exc.message)
            if key in seen:
                continue
            seen.add(key)
            out.append(exc)
        out = [exc for exc in out if exc.line not in self.unreadable_lines or exc.code in _UNREADABLE_CODES]
        return sorted(out, key=lambda exc: (exc.line is None, exc.line or 0))

    def raise_any(self) -> None:
        if self.found:
            raise RuleFileErrors(self.sorted())


class NoRuleVersionError(LookupError):
    """No rule file for the standard, or none in force on the as-of date.  ``str()`` is the English;
    :meth:`message` gives it in the interface language (``zh``: the Chinese, worded where it is raised by
    :func:`.messages.no_version_text`)."""

    def __init__(self, text: str, zh: str = ""):
        super().__init__(text)
        self.zh = zh

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang[:2] != "en" and self.zh else str(self)
