"""The rule library: every rule file in a folder, loaded, checked and compiled; versions picked by date.

Layout of the folder (``rules/`` in the repository)::

    standards/*.yaml   one file per version of an occupational standard
    lists/*.yaml       reference lists (related occupations, related majors by school tier)
    tests/**/*.yaml    rule test cases (run by tests/rules_engine/test_rule_cases.py)
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from eligibility_desk.rules_engine.engine import CompiledClause, CompiledLevel, CompiledStandard
from eligibility_desk.rules_engine.errors import NoRuleVersionError, RuleFileError
from eligibility_desk.rules_engine.loader import load_list, load_standard
from eligibility_desk.rules_engine.model import ReferenceList, Standard
from eligibility_desk.rules_engine.vocabulary import CompileContext, VocabularyError, compile_logic
from eligibility_desk.shipped import shipped_dir

RULES_ENV = "ELIGIBILITY_DESK_RULES"


def default_rules_dir() -> Path:
    """``$ELIGIBILITY_DESK_RULES``, else the ``rules/`` folder shipped with the application
    (:func:`eligibility_desk.shipped.shipped_dir`)."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return shipped_dir("rules")


def compile_standard(spec: Standard) -> CompiledStandard:
    settings = spec.settings
    majors_by_type = {
        school_type: frozenset().union(*(spec.majors[tier].normalized for tier in tiers))
        for school_type, tiers in settings.major_lists_by_school_type.items()
    }
    ctx = CompileContext(settings=settings, majors_by_school_type=majors_by_type,
                         tiers_by_school_type={school_type: tuple(spec.majors[tier].title for tier in tiers)
                                               for school_type, tiers in settings.major_lists_by_school_type.items()})
    levels = []
    for level in spec.levels:
        clauses = []
        for clause in level.clauses:
            try:
                predicate = compile_logic(clause.logic, ctx)
            except VocabularyError as exc:
                raise RuleFileError(spec.path, f"clause {clause.id}", str(exc)) from None
            clauses.append(CompiledClause(clause, predicate))
        levels.append(CompiledLevel(level, tuple(clauses)))
    return CompiledStandard(spec, levels)


class RuleLibrary:
    def __init__(self, standards: list[CompiledStandard], lists: dict[str, ReferenceList], root: Path | None = None):
        self.root = root
        self.lists = lists
        self._by_code: dict[str, list[CompiledStandard]] = {}
        for standard in standards:
            self._by_code.setdefault(standard.code, []).append(standard)
        for code, versions in self._by_code.items():
            versions.sort(key=lambda s: s.spec.effective_from)
            for older, newer in zip(versions, versions[1:]):
                if older.spec.effective_from == newer.spec.effective_from:
                    raise RuleFileError(newer.spec.path, "standard.effective_from",
                                        f"{code} has two versions in force from {newer.spec.effective_from} ({older.spec.path})")

    @classmethod
    def load(cls, root: Path | str | None = None) -> "RuleLibrary":
        root = Path(root) if root is not None else default_rules_dir()
        if not (root / "standards").is_dir():
            raise RuleFileError(root, "", "not a rules folder (it has no standards/ sub-folder)")
        lists: dict[str, ReferenceList] = {}
        for path in sorted((root / "lists").glob("*.yaml")) if (root / "lists").is_dir() else ():
            ref = load_list(path)
            if ref.id in lists:
                raise RuleFileError(path, "id", f"list id '{ref.id}' is also used by {lists[ref.id].path}")
            lists[ref.id] = ref
        standards = []
        for path in sorted((root / "standards").glob("*.yaml")):
            spec, _raw = load_standard(path, lists)
            standards.append(compile_standard(spec))
        return cls(standards, lists, root)

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def versions(self, code: str) -> list[CompiledStandard]:
        if code not in self._by_code:
            known = ", ".join(self.codes()) or "none"
            raise NoRuleVersionError(f"no rule file for standard {code} (known: {known})")
        return list(self._by_code[code])

    def get(self, code: str, as_of: date | None = None) -> CompiledStandard:
        """The version in force on ``as_of``: the newest whose effective date is on or before it."""
        versions = self.versions(code)
        if as_of is None:
            return versions[-1]
        in_force = [s for s in versions if s.spec.effective_from <= as_of]
        if not in_force:
            first = versions[0].spec.effective_from
            raise NoRuleVersionError(f"no version of {code} is in force on {as_of.isoformat()} (the first takes effect on {first.isoformat()})")
        return in_force[-1]
