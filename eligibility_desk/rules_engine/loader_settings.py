"""Reading a standard's ``settings:`` section (see :mod:`.loader`): each setting checked on its own, a wrong
one reported (with its line) and its default used, so that the file's other mistakes are named too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eligibility_desk.domain.applicant import SchoolType
from eligibility_desk.rules_engine.errors import AlreadyReported, Mistakes, RuleFileError
from eligibility_desk.rules_engine.model import ReferenceList, Settings
from eligibility_desk.rules_engine.yamlread import BadDate, line_of


def _fail(path: Path, container: Any, key: Any, where: str, message: str, code: str = "",
          params: dict | None = None) -> RuleFileError:
    return RuleFileError(path, where, message, line=line_of(container, key), code=code, params=params)


_SETTINGS = ("final_year_window_months", "higher_certificate_counts", "higher_title_counts", "unlisted_major",
             "unknown_occupation", "higher_level_covers_lower", "major_lists_by_school_type")


def read_settings(raw: dict, majors: dict[str, ReferenceList], path: Path, mistakes: Mistakes) -> Settings:
    """The settings; each one checked on its own (a wrong one is reported and its default used)."""
    if not isinstance(raw, dict):
        raise RuleFileError(path, "settings", "must be a mapping", line=line_of(raw), code="not_mapping")
    for key in raw:
        if key not in _SETTINGS:
            mistakes.add(_fail(path, raw, key, f"settings.{key}", f"unknown setting (known: {', '.join(sorted(_SETTINGS))})",
                               code="unknown_setting", params={"key": key, "known": ", ".join(sorted(_SETTINGS))}))
    chosen: dict[str, Any] = {}
    with mistakes.each():
        window = raw.get("final_year_window_months", 12)
        if not isinstance(window, int) or isinstance(window, bool) or not 0 < window <= 60:
            _unreadable(raw, "final_year_window_months", mistakes)
            raise _fail(path, raw, "final_year_window_months", "settings.final_year_window_months",
                        f"must be a whole number of months 1–60, got {window!r}", code="bad_months", params={"value": repr(window)})
        chosen["final_year_window_months"] = window
    for key in ("higher_certificate_counts", "higher_title_counts", "higher_level_covers_lower"):
        with mistakes.each():
            if not isinstance(raw.get(key, True), bool):
                _unreadable(raw, key, mistakes)
                raise _fail(path, raw, key, f"settings.{key}", "must be true or false", code="not_bool")
            chosen[key] = raw.get(key, True)
    for key in ("unlisted_major", "unknown_occupation"):
        with mistakes.each():
            value = raw.get(key, "ineligible")
            if value not in ("ineligible", "review"):
                _unreadable(raw, key, mistakes)
                raise _fail(path, raw, key, f"settings.{key}", f"must be ineligible or review, got {value!r}",
                            code="not_policy", params={"value": repr(value)})
            chosen[key] = value
    by_type: dict[str, tuple[str, ...]] = {}
    school_types = {t.value for t in SchoolType}
    raw_by_type = raw.get("major_lists_by_school_type") or {}
    if not isinstance(raw_by_type, dict):
        raise _fail(path, raw, "major_lists_by_school_type", "settings.major_lists_by_school_type",
                    "must map a school type to majors lists", code="school_type_map")
    for school_type, tiers in raw_by_type.items():
        with mistakes.each():
            by_type[school_type] = _school_type_tiers(school_type, tiers, raw_by_type, school_types, majors, path,
                                                     mistakes.lists_clean)
    return Settings(major_lists_by_school_type=by_type, **chosen)


def _unreadable(raw: dict, key: str, mistakes: Mistakes) -> None:
    """Stop a check whose value YAML could not read (already reported)."""
    if isinstance(raw.get(key), BadDate):
        raise AlreadyReported()


def _school_type_tiers(school_type: Any, tiers: Any, raw_by_type: dict, school_types: set[str],
                       majors: dict[str, ReferenceList], path: Path, lists_clean: bool = True) -> tuple[str, ...]:
    where = f"settings.major_lists_by_school_type.{school_type}"
    if school_type not in school_types:
        raise _fail(path, raw_by_type, school_type, where, f"unknown school type (known: {', '.join(sorted(school_types))})",
                    code="unknown_school_type", params={"value": school_type, "known": ", ".join(sorted(school_types))})
    if isinstance(tiers, str):
        tiers = [tiers]
    if not isinstance(tiers, list):
        raise _fail(path, raw_by_type, school_type, where, "must name one majors list or a list of them", code="tiers_shape")
    for tier in tiers:
        if not isinstance(tier, str) or tier not in majors:
            if not majors and not lists_clean:
                raise AlreadyReported()  # lists.majors itself is missing or misspelt (reported)
            raise _fail(path, raw_by_type, school_type, where,
                        f"unknown majors list '{tier}' (lists.majors has: {', '.join(majors) or 'none'})",
                        code="unknown_tier", params={"value": tier, "known": ", ".join(majors) or "—"})
    return tuple(tiers)
