"""What a loaded rule file holds: plain, validated data.  Compiled clause logic lives in :mod:`.compiler`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DeclaredLevel:
    """One level a standard declares (``standard.levels``): its code (what batches, applications and rule
    sections use), its name as the standard writes it, an English name, and its rank (0 = lowest)."""

    code: str
    name: str
    name_en: str
    rank: int
    #: other words a certificate record may use for this level (e.g. 初级 for code "1"), with its code and
    #: name, by :func:`eligibility_desk.domain.levels.level_key` (NFKC, case-folded, no white space)
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClauseSpec:
    """One clause of a level as the rule file writes it: its id, level, the standard's text and its logic."""

    id: str
    level: str
    text: str
    logic: dict
    note: str = ""


@dataclass(frozen=True)
class LevelSpec:
    """One level of a standard: its code, name, section reference and clauses, in the file's order."""

    level: str
    name: str
    reference: str
    clauses: tuple[ClauseSpec, ...]


@dataclass(frozen=True)
class Settings:
    """The centre's and the standard's choices the clauses are read with (``settings:`` of a rule file)."""

    final_year_window_months: int = 12
    higher_certificate_counts: bool = True
    higher_title_counts: bool = True
    unlisted_major: str = "ineligible"  # or "review"
    #: work in an occupation on none of the standard's lists: "ineligible" (not counted) or "review" (a clerk
    #: decides whether it is related, when counting it would change the verdict)
    unknown_occupation: str = "ineligible"
    #: 「高级别涵盖低级别」: a certificate of a higher level of a standard's own scale stands in for a lower one
    higher_level_covers_lower: bool = True
    #: school type -> names of the major tiers (keys of Standard.majors) that apply to it
    major_lists_by_school_type: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReferenceList:
    """A list a standard names (occupations, majors): its items as written and normalized for matching."""

    id: str
    title: str
    reference: str
    items: tuple[str, ...]            # as written
    normalized: frozenset[str]        # for matching
    path: str = ""


@dataclass(frozen=True)
class Standard:
    """A loaded, checked rule file: the standard's head, levels, settings, lists and other sections."""

    code: str
    name: str
    version: str
    effective_from: date
    source: str
    reference: str
    path: str
    levels: tuple[LevelSpec, ...]
    settings: Settings
    occupations: ReferenceList
    majors: dict[str, ReferenceList]
    #: the levels the standard declares (``standard.levels``), lowest first
    declared_levels: tuple[DeclaredLevel, ...] = ()
    #: further named occupation lists (``lists.occupation_lists``), e.g. ``this_occupation`` for 本职业 only
    occupation_lists: dict[str, ReferenceList] = field(default_factory=dict)
    #: the other sections of the file (assessment, staffing, durations, venues, training_hours, weights),
    #: checked for shape at load time and read by the planning and scoring packages
    sections: dict[str, Any] = field(default_factory=dict)
    #: line of each key of the file's ``standard:`` head (code, version, effective_from …), for messages
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def level_codes(self) -> tuple[str, ...]:
        return tuple(level.level for level in self.levels)

    def declared(self, level: str | int) -> DeclaredLevel | None:
        key = str(level)
        for decl in self.declared_levels:
            if decl.code == key:
                return decl
        return None

    def level_name(self, level: str | int, lang: str = "zh") -> str:
        """The level's name as this standard declares it (Chinese, or English for ``lang`` "en…")."""
        decl = self.declared(level)
        if decl is None:
            return str(level)
        return decl.name_en if lang[:2] == "en" else decl.name

    def level(self, level: str | int) -> LevelSpec:
        key = str(level)
        for spec in self.levels:
            if spec.level == key:
                return spec
        raise KeyError(f"{self.code} has no level {key}")

    def clause(self, clause_id: str) -> ClauseSpec:
        for spec in self.levels:
            for clause in spec.clauses:
                if clause.id == clause_id:
                    return clause
        raise KeyError(f"{self.code} has no clause {clause_id}")

    def section(self, name: str) -> Any:
        return self.sections.get(name)

    @property
    def label(self) -> str:
        return f"{self.code} {self.name} ({self.version})"
