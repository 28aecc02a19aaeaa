"""Reading and checking rule files.

A rule file is YAML (see ``rules/standards/4-07-02-06.yaml`` and ``docs/rules.md``).  Anything wrong in it
— bad YAML, a missing field, an unknown predicate, list, level, school type — is refused here, before any
applicant is screened, with the file, the clause id (or section) and what is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eligibility_desk.domain.applicant import SchoolType
from eligibility_desk.rules_engine.errors import RuleFileError
from eligibility_desk.rules_engine.model import (
    ClauseSpec,
    LevelSpec,
    ReferenceList,
    Settings,
    Standard,
)
from eligibility_desk.rules_engine.normalize import normalize_name

try:  # libyaml's C loader is ~10x faster; PyYAML wheels ship it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_CLAUSE_ID = re.compile(r"^(?P<level>[^-\s]+)-(?P<n>\d+)$")
ROOM_KINDS = frozenset({"classroom", "computer_lab", "worksite"})
_OPTIONAL_SECTIONS = ("assessment", "staffing", "durations", "venues", "training_hours", "weights")


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleFileError(path, where, f"not valid YAML: {problem}") from None
    except OSError as exc:
        raise RuleFileError(path, "", f"cannot be read: {exc.strerror}") from None


def load_list(path: Path) -> ReferenceList:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, "", "a reference list must be a mapping with id, title and items")
    list_id = _require(data, "id", str, path, "")
    items = _require(data, "items", list, path, list_id)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise RuleFileError(path, f"items[{i}]", f"must be a non-empty name, got {item!r}")
    return ReferenceList(
        id=list_id,
        title=str(data.get("title", list_id)),
        reference=str(data.get("reference", "")),
        items=tuple(items),
        normalized=frozenset(normalize_name(item) for item in items),
        path=str(path),
    )


def load_standard(path: Path, lists: dict[str, ReferenceList]) -> tuple[Standard, dict]:
    """Read one standard's rule file; return the checked :class:`Standard` and the raw clause logic.

    Clause logic is checked against the vocabulary when it is compiled (:mod:`.compiler`), which the
    library does straight after loading.
    """
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, "", "a rule file must be a mapping with standard, lists, settings and levels")
    head = _require(data, "standard", dict, path, "standard")
    code = str(_require(head, "code", (str, int), path, "standard"))
    name = _require(head, "name", str, path, "standard")
    version = str(_require(head, "version", (str, int, float), path, "standard"))
    effective = _require(head, "effective_from", (date, str), path, "standard")
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            raise RuleFileError(path, "standard.effective_from", f"not a date (YYYY-MM-DD): {effective!r}") from None

    list_refs = _require(data, "lists", dict, path, "lists")
    occupations = _lookup_list(list_refs.get("occupations"), lists, path, "lists.occupations")
    majors_refs = list_refs.get("majors") or {}
    if not isinstance(majors_refs, dict):
        raise RuleFileError(path, "lists.majors", "must map a tier name to a list id")
    majors = {tier: _lookup_list(ref, lists, path, f"lists.majors.{tier}") for tier, ref in majors_refs.items()}

    settings = _settings(data.get("settings") or {}, majors, path)

    raw_levels = _require(data, "levels", list, path, "levels")
    levels: list[LevelSpec] = []
    seen_ids: set[str] = set()
    for i, raw_level in enumerate(raw_levels):
        where = f"levels[{i}]"
        if not isinstance(raw_level, dict):
            raise RuleFileError(path, where, "each level must be a mapping with level, name and clauses")
        level = str(_require(raw_level, "level", (int, str), path, where))
        if level in {spec.level for spec in levels}:
            raise RuleFileError(path, f"level {level}", "level is defined twice")
        clauses = []
        for j, raw_clause in enumerate(_require(raw_level, "clauses", list, path, f"level {level}")):
            if not isinstance(raw_clause, dict):
                raise RuleFileError(path, f"level {level} clauses[{j}]", "each clause must be a mapping with id, text and when")
            clause_id = str(_require(raw_clause, "id", (str, int), path, f"level {level} clauses[{j}]"))
            m = _CLAUSE_ID.match(clause_id)
            if not m or m.group("level") != level:
                raise RuleFileError(path, f"clause {clause_id}", f"id must be '{level}-<number>' (the standard's numbering within level {level})")
            if clause_id in seen_ids:
                raise RuleFileError(path, f"clause {clause_id}", "clause id is used twice")
            seen_ids.add(clause_id)
            text = _require(raw_clause, "text", str, path, f"clause {clause_id}")
            logic = _require(raw_clause, "when", dict, path, f"clause {clause_id}")
            clauses.append(ClauseSpec(id=clause_id, level=level, text=text.strip(), logic=logic, note=str(raw_clause.get("note", ""))))
        if not clauses:
            raise RuleFileError(path, f"level {level}", "a level needs at least one clause")
        levels.append(LevelSpec(level=level, name=str(raw_level.get("name", level)), reference=str(raw_level.get("reference", "")), clauses=tuple(clauses)))
    if not levels:
        raise RuleFileError(path, "levels", "a standard needs at least one level")

    level_codes = {spec.level for spec in levels}
    sections = {name: data[name] for name in _OPTIONAL_SECTIONS if name in data}
    _check_sections(sections, level_codes, path)
    unknown = set(data) - {"standard", "lists", "settings", "levels", *_OPTIONAL_SECTIONS}
    if unknown:
        raise RuleFileError(path, ", ".join(sorted(unknown)), "unknown top-level section")

    standard = Standard(
        code=code, name=name, version=version, effective_from=effective,
        source=str(head.get("source", "")), reference=str(head.get("reference", "")), path=str(path),
        levels=tuple(levels), settings=settings, occupations=occupations, majors=majors, sections=sections,
    )
    return standard, data


def _settings(raw: dict, majors: dict[str, ReferenceList], path: Path) -> Settings:
    if not isinstance(raw, dict):
        raise RuleFileError(path, "settings", "must be a mapping")
    known = {"final_year_window_months", "higher_certificate_counts", "higher_title_counts", "unlisted_major", "major_lists_by_school_type"}
    for key in raw:
        if key not in known:
            raise RuleFileError(path, f"settings.{key}", f"unknown setting (known: {', '.join(sorted(known))})")
    window = raw.get("final_year_window_months", 12)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 < window <= 60:
        raise RuleFileError(path, "settings.final_year_window_months", f"must be a whole number of months 1–60, got {window!r}")
    for key in ("higher_certificate_counts", "higher_title_counts"):
        if not isinstance(raw.get(key, True), bool):
            raise RuleFileError(path, f"settings.{key}", "must be true or false")
    unlisted = raw.get("unlisted_major", "ineligible")
    if unlisted not in ("ineligible", "review"):
        raise RuleFileError(path, "settings.unlisted_major", f"must be ineligible or review, got {unlisted!r}")
    by_type: dict[str, tuple[str, ...]] = {}
    school_types = {t.value for t in SchoolType}
    for school_type, tiers in (raw.get("major_lists_by_school_type") or {}).items():
        if school_type not in school_types:
            raise RuleFileError(path, f"settings.major_lists_by_school_type.{school_type}", f"unknown school type (known: {', '.join(sorted(school_types))})")
        if isinstance(tiers, str):
            tiers = [tiers]
        for tier in tiers:
            if tier not in majors:
                raise RuleFileError(path, f"settings.major_lists_by_school_type.{school_type}", f"unknown majors list '{tier}' (lists.majors has: {', '.join(majors) or 'none'})")
        by_type[school_type] = tuple(tiers)
    return Settings(
        final_year_window_months=window,
        higher_certificate_counts=raw.get("higher_certificate_counts", True),
        higher_title_counts=raw.get("higher_title_counts", True),
        unlisted_major=unlisted,
        major_lists_by_school_type=by_type,
    )


def _check_sections(sections: dict, levels: set[str], path: Path) -> None:
    """Shape checks for the planning and scoring sections, so a typo fails at load time."""
    assessment = sections.get("assessment")
    parts: set[str] = set()
    if assessment is not None:
        raw_parts = _require(assessment, "parts", dict, path, "assessment")
        parts = set(raw_parts)
        by_level = _require(assessment, "parts_by_level", dict, path, "assessment")
        for level, level_parts in by_level.items():
            if str(level) not in levels:
                raise RuleFileError(path, f"assessment.parts_by_level.{level}", "unknown level")
            for part in level_parts or ():
                if part not in parts:
                    raise RuleFileError(path, f"assessment.parts_by_level.{level}", f"unknown part '{part}' (parts: {', '.join(sorted(parts))})")
        scale = _require(assessment, "scale", dict, path, "assessment")
        low, high = scale.get("min", 0), scale.get("max", 100)
        mark = _require(assessment, "pass_mark", (int, float), path, "assessment")
        if not low <= mark <= high:
            raise RuleFileError(path, "assessment.pass_mark", f"{mark} is outside the scale {low}–{high}")
    for section in ("staffing", "durations", "venues"):
        body = sections.get(section)
        if body is None:
            continue
        for part, value in body.items():
            if part == "reference" or (section == "venues" and part in ("equipment", "equipment_names")):
                continue                   # venues.equipment* are checked by planning.rules
            if parts and part not in parts:
                raise RuleFileError(path, f"{section}.{part}", f"unknown part (parts: {', '.join(sorted(parts))})")
            if section == "venues":
                for kind in value or ():
                    if kind not in ROOM_KINDS:
                        raise RuleFileError(path, f"venues.{part}", f"unknown room kind '{kind}' (known: {', '.join(sorted(ROOM_KINDS))})")
    for level in sections.get("training_hours") or {}:
        if level != "reference" and str(level) not in levels:
            raise RuleFileError(path, f"training_hours.{level}", "unknown level")
    for table, body in (sections.get("weights") or {}).items():
        if table == "reference" or not isinstance(body, dict):
            continue
        for level, weights in body.items():
            if level == "reference":
                continue
            if str(level) not in levels:
                raise RuleFileError(path, f"weights.{table}.{level}", "unknown level")
            total = sum(weights.values())
            if total != 100:
                raise RuleFileError(path, f"weights.{table}.{level}", f"weights add up to {total}, not 100")


def _lookup_list(ref: Any, lists: dict[str, ReferenceList], path: Path, where: str) -> ReferenceList:
    if not isinstance(ref, str):
        raise RuleFileError(path, where, "must name a reference list by its id")
    if ref not in lists:
        raise RuleFileError(path, where, f"unknown list '{ref}' (no file in rules/lists has that id)")
    return lists[ref]


def _require(mapping: dict, key: str, kind: type | tuple, path: Path, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping or mapping[key] is None:
        raise RuleFileError(path, where, f"missing '{key}'")
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RuleFileError(path, f"{where}.{key}" if where else key, f"must be {expected}, got {type(value).__name__}")
    return value
