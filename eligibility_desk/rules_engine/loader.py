"""Reading and checking rule files.

A rule file is YAML (see ``rules/standards/4-07-02-06.yaml`` and ``docs/rules.md``).  Anything wrong in it
— bad YAML, a missing field, an unknown predicate, list, level, school type — is refused here, before any
applicant is screened, with the file, the clause id (or section) and what is wrong.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from eligibility_desk.domain.applicant import SchoolType
from eligibility_desk.rules_engine.errors import RuleFileError
from eligibility_desk.rules_engine.model import (
    ClauseSpec,
    DeclaredLevel,
    LevelSpec,
    ReferenceList,
    Settings,
    Standard,
)
from eligibility_desk.rules_engine.normalize import normalize_name
from eligibility_desk.rules_engine.sections import check_sections
from eligibility_desk.rules_engine.yamlread import YamlProblem, line_of, load_yaml_text

_CLAUSE_ID = re.compile(r"^(?P<level>[^-\s]+)-(?P<n>\d+)$")
_OPTIONAL_SECTIONS = ("assessment", "staffing", "durations", "venues", "training_hours", "weights")
_TOP_KEYS = ("standard", "lists", "settings", "levels", *_OPTIONAL_SECTIONS)
_HEAD_KEYS = ("code", "name", "version", "effective_from", "source", "reference", "levels")
_DECLARED_KEYS = ("code", "name", "name_en", "aliases")
_LIST_KEYS = ("occupations", "occupation_lists", "majors")
_LEVEL_KEYS = ("level", "name", "reference", "clauses")
_CLAUSE_KEYS = ("id", "text", "when", "note")
_REFLIST_KEYS = ("id", "title", "reference", "items")
#: the occupations of a standard that names none (its clauses count no work or certificates)
_NO_OCCUPATIONS = ReferenceList(id="", title="", reference="", items=(), normalized=frozenset())


#: a rule file larger than this is refused unread: the largest shipped one is a few dozen kB, and a list of
#: every major of a catalogue is well under 1 MB (a 50 MB file is the wrong file, and would take long to parse)
MAX_FILE_BYTES = 5 * 1024 * 1024


def read_yaml(path: Path) -> Any:
    """One rule file's YAML; every problem is a :class:`RuleFileError` naming the file and (nearly always)
    the line: a file too large, not UTF-8 (the line of the first byte that is not), empty or only
    comments, or not valid YAML."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise RuleFileError(path, "", f"is {size / 1024 / 1024:.1f} MB; a rule file may be at most "
                                              f"{MAX_FILE_BYTES // 1024 // 1024} MB (is it the right file?)", line=1)
            data = fh.read()
    except OSError as exc:
        raise RuleFileError(path, "", f"cannot be read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RuleFileError(path, "", "is not UTF-8 text (saved as GBK/ANSI? save it again as UTF-8)", line=line) from None
    try:
        doc = load_yaml_text(text)
    except YamlProblem as exc:
        raise RuleFileError(path, "", exc.message, line=exc.line) from None
    if doc is None:
        empty = "is empty" if not text.strip().strip("\ufeff") else "holds only comments"
        raise RuleFileError(path, "", f"{empty}: a rule file is a YAML mapping (see docs/rules.md)", line=1)
    return doc


#: keys whose value is a line of text wherever they appear (shown to people, never a list or a mapping)
_TEXT_KEYS = frozenset({"reference", "source", "note", "name_en", "text"})


def _check_text_fields(data: Any, path: Path, where: str = "") -> None:
    """Refuse a list or a mapping given where a line of text belongs (``reference: [§1.9]``)."""
    stack = [(data, where)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{place}.{key}" if place else str(key)
                if key in _TEXT_KEYS and isinstance(value, (dict, list)):
                    raise _fail(path, node, key, here, f"must be a line of text, got a {'mapping' if isinstance(value, dict) else 'list'}")
                if key != "when":  # clause logic: checked by the vocabulary (``title`` is a clause kind there)
                    stack.append((value, here))
        elif isinstance(node, list):
            stack.extend((value, f"{place}[{i}]") for i, value in enumerate(node))


def _fail(path: Path, container: Any, key: Any, where: str, message: str) -> RuleFileError:
    return RuleFileError(path, where, message, line=line_of(container, key))


def _only(mapping: dict, known: tuple[str, ...], path: Path, where: str) -> None:
    """Refuse a key the section does not know (``whn:`` for ``when:``), naming the known ones."""
    for key in mapping:
        if key not in known:
            place = f"{where}.{key}" if where else str(key)
            raise _fail(path, mapping, key, place, f"unknown key '{key}' (known here: {', '.join(known)})")


def load_list(path: Path) -> ReferenceList:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, "", "a reference list must be a mapping with id, title and items", line=line_of(data) or 1)
    _only(data, _REFLIST_KEYS, path, "")
    _check_text_fields(data, path)
    if isinstance(data.get("title"), (dict, list)):
        raise _fail(path, data, "title", "title", "must be a line of text")
    list_id = _require(data, "id", str, path, "")
    items = _require(data, "items", list, path, list_id)
    if not items:
        raise _fail(path, data, "items", f"{list_id}.items", "a list needs at least one name")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise _fail(path, items, i, f"items[{i}]", f"must be a non-empty name, got {item!r}")
    return ReferenceList(
        id=list_id,
        title=str(data.get("title", list_id)),
        reference=str(data.get("reference", "")),
        items=tuple(items),
        normalized=frozenset(normalize_name(item) for item in items),
        path=str(path),
    )


def _declared_levels(head: dict, path: Path) -> tuple[DeclaredLevel, ...]:
    raw = _require(head, "levels", list, path, "standard")
    out: list[DeclaredLevel] = []
    for i, item in enumerate(raw):
        where = f"standard.levels[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, raw, i, where, "each level is a mapping with code and name, e.g. {code: \"4\", name: 四级/中级工}")
        _only(item, _DECLARED_KEYS, path, where)
        code = str(_require(item, "code", (str, int), path, where)).strip()
        name = _require(item, "name", str, path, where).strip()
        if not code or not name:
            raise _fail(path, item, "code", where, "code and name must not be empty")
        if any(d.code == code for d in out):
            raise _fail(path, item, "code", f"{where}.code", f"level code '{code}' is declared twice")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
            raise _fail(path, item, "aliases", f"{where}.aliases", "must be a list of words")
        out.append(DeclaredLevel(code=code, name=name, name_en=str(item.get("name_en") or name), rank=i,
                                 aliases=frozenset(normalize_name(str(a)) for a in (code, name, *aliases))))
    if not out:
        raise _fail(path, head, "levels", "standard.levels", "a standard declares at least one level")
    return tuple(out)


def load_standard(path: Path, lists: dict[str, ReferenceList]) -> tuple[Standard, dict]:
    """Read one standard's rule file; return the checked :class:`Standard` and the raw data.

    Clause logic is checked against the vocabulary when it is compiled (:mod:`.vocabulary`), which the
    library does straight after loading.
    """
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, "", "a rule file must be a mapping with standard, lists, settings and levels",
                            line=line_of(data) or 1)
    _only(data, _TOP_KEYS, path, "")
    _check_text_fields(data, path)
    head = _require(data, "standard", dict, path, "standard")
    _only(head, _HEAD_KEYS, path, "standard")
    code = str(_require(head, "code", (str, int), path, "standard"))
    name = _require(head, "name", str, path, "standard")
    version = str(_require(head, "version", (str, int, float), path, "standard"))
    effective = _require(head, "effective_from", (date, str), path, "standard")
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            raise _fail(path, head, "effective_from", "standard.effective_from", f"not a date (YYYY-MM-DD): {effective!r}") from None
    declared = _declared_levels(head, path)
    declared_codes = {d.code for d in declared}

    list_refs = _require(data, "lists", dict, path, "lists")
    _only(list_refs, _LIST_KEYS, path, "lists")
    # a standard whose clauses count no work or certificates (the 1+X packs) may name no occupations list
    occupations = (_lookup_list(list_refs["occupations"], lists, path, "lists.occupations", list_refs, "occupations")
                   if "occupations" in list_refs else _NO_OCCUPATIONS)
    other_refs = list_refs.get("occupation_lists") or {}
    if not isinstance(other_refs, dict):
        raise _fail(path, list_refs, "occupation_lists", "lists.occupation_lists", "must map a name to a list id")
    occupation_lists = {str(key): _lookup_list(ref, lists, path, f"lists.occupation_lists.{key}", other_refs, key)
                        for key, ref in other_refs.items()}
    majors_refs = list_refs.get("majors") or {}
    if not isinstance(majors_refs, dict):
        raise _fail(path, list_refs, "majors", "lists.majors", "must map a tier name to a list id")
    majors = {tier: _lookup_list(ref, lists, path, f"lists.majors.{tier}", majors_refs, tier) for tier, ref in majors_refs.items()}

    settings = _settings(data.get("settings") or {}, majors, path)

    raw_levels = _require(data, "levels", list, path, "levels")
    levels: list[LevelSpec] = []
    seen_ids: set[str] = set()
    for i, raw_level in enumerate(raw_levels):
        where = f"levels[{i}]"
        if not isinstance(raw_level, dict):
            raise _fail(path, raw_levels, i, where, "each level must be a mapping with level and clauses")
        _only(raw_level, _LEVEL_KEYS, path, where)
        level = str(_require(raw_level, "level", (int, str), path, where))
        decl = next((d for d in declared if d.code == level), None)
        if decl is None:
            raise _fail(path, raw_level, "level", f"{where}.level",
                        f"level code '{level}' is not declared in standard.levels ({', '.join(sorted(declared_codes))})")
        if level in {spec.level for spec in levels}:
            raise _fail(path, raw_level, "level", f"level {level}", "level is defined twice")
        if "name" in raw_level and str(raw_level["name"]).strip() != decl.name:
            raise _fail(path, raw_level, "name", f"level {level}.name",
                        f"'{raw_level['name']}' differs from the name declared in standard.levels ('{decl.name}')")
        clauses = []
        raw_clauses = _require(raw_level, "clauses", list, path, f"level {level}")
        for j, raw_clause in enumerate(raw_clauses):
            if not isinstance(raw_clause, dict):
                raise _fail(path, raw_clauses, j, f"level {level} clauses[{j}]", "each clause must be a mapping with id, text and when")
            clause_id = str(_require(raw_clause, "id", (str, int), path, f"level {level} clauses[{j}]"))
            _only(raw_clause, _CLAUSE_KEYS, path, f"clause {clause_id}")
            m = _CLAUSE_ID.match(clause_id)
            if not m or m.group("level") != level:
                raise _fail(path, raw_clause, "id", f"clause {clause_id}", f"id must be '{level}-<number>' (the standard's numbering within level {level})")
            if clause_id in seen_ids:
                raise _fail(path, raw_clause, "id", f"clause {clause_id}", "clause id is used twice")
            seen_ids.add(clause_id)
            text = _require(raw_clause, "text", str, path, f"clause {clause_id}")
            logic = _require(raw_clause, "when", dict, path, f"clause {clause_id}")
            clauses.append(ClauseSpec(id=clause_id, level=level, text=text.strip(), logic=logic, note=str(raw_clause.get("note", ""))))
        if not clauses:
            raise _fail(path, raw_level, "clauses", f"level {level}", "a level needs at least one clause")
        levels.append(LevelSpec(level=level, name=decl.name, reference=str(raw_level.get("reference", "")), clauses=tuple(clauses)))
    if not levels:
        raise _fail(path, data, "levels", "levels", "a standard needs at least one level")

    sections = {name: data[name] for name in _OPTIONAL_SECTIONS if name in data}
    check_sections(sections, declared_codes, path)

    standard = Standard(
        code=code, name=name, version=version, effective_from=effective,
        source=str(head.get("source", "")), reference=str(head.get("reference", "")), path=str(path),
        levels=tuple(levels), settings=settings, occupations=occupations, majors=majors, sections=sections,
        declared_levels=declared, occupation_lists=occupation_lists,
        lines={str(key): line for key, line in getattr(head, "lines", {}).items()},
    )
    return standard, data


_SETTINGS = ("final_year_window_months", "higher_certificate_counts", "higher_title_counts", "unlisted_major",
             "unknown_occupation", "higher_level_covers_lower", "major_lists_by_school_type")


def _settings(raw: dict, majors: dict[str, ReferenceList], path: Path) -> Settings:
    if not isinstance(raw, dict):
        raise RuleFileError(path, "settings", "must be a mapping")
    for key in raw:
        if key not in _SETTINGS:
            raise _fail(path, raw, key, f"settings.{key}", f"unknown setting (known: {', '.join(sorted(_SETTINGS))})")
    window = raw.get("final_year_window_months", 12)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 < window <= 60:
        raise _fail(path, raw, "final_year_window_months", "settings.final_year_window_months",
                    f"must be a whole number of months 1–60, got {window!r}")
    for key in ("higher_certificate_counts", "higher_title_counts", "higher_level_covers_lower"):
        if not isinstance(raw.get(key, True), bool):
            raise _fail(path, raw, key, f"settings.{key}", "must be true or false")
    for key in ("unlisted_major", "unknown_occupation"):
        value = raw.get(key, "ineligible")
        if value not in ("ineligible", "review"):
            raise _fail(path, raw, key, f"settings.{key}", f"must be ineligible or review, got {value!r}")
    by_type: dict[str, tuple[str, ...]] = {}
    school_types = {t.value for t in SchoolType}
    raw_by_type = raw.get("major_lists_by_school_type") or {}
    if not isinstance(raw_by_type, dict):
        raise _fail(path, raw, "major_lists_by_school_type", "settings.major_lists_by_school_type",
                    "must map a school type to majors lists")
    for school_type, tiers in raw_by_type.items():
        where = f"settings.major_lists_by_school_type.{school_type}"
        if school_type not in school_types:
            raise _fail(path, raw_by_type, school_type, where, f"unknown school type (known: {', '.join(sorted(school_types))})")
        if isinstance(tiers, str):
            tiers = [tiers]
        if not isinstance(tiers, list):
            raise _fail(path, raw_by_type, school_type, where, "must name one majors list or a list of them")
        for tier in tiers:
            if not isinstance(tier, str) or tier not in majors:
                raise _fail(path, raw_by_type, school_type, where,
                            f"unknown majors list '{tier}' (lists.majors has: {', '.join(majors) or 'none'})")
        by_type[school_type] = tuple(tiers)
    return Settings(
        final_year_window_months=window,
        higher_certificate_counts=raw.get("higher_certificate_counts", True),
        higher_title_counts=raw.get("higher_title_counts", True),
        unlisted_major=raw.get("unlisted_major", "ineligible"),
        unknown_occupation=raw.get("unknown_occupation", "ineligible"),
        higher_level_covers_lower=raw.get("higher_level_covers_lower", True),
        major_lists_by_school_type=by_type,
    )


def _lookup_list(ref: Any, lists: dict[str, ReferenceList], path: Path, where: str, owner: Any = None, key: Any = None) -> ReferenceList:
    if not isinstance(ref, str):
        raise _fail(path, owner, key, where, "must name a reference list by its id")
    if ref not in lists:
        raise _fail(path, owner, key, where, f"unknown list '{ref}' (no file in rules/lists has that id)")
    return lists[ref]


def _require(mapping: dict, key: str, kind: type | tuple, path: Path, where: str) -> Any:
    if not isinstance(mapping, dict):
        raise RuleFileError(path, where, f"must be a mapping, got {type(mapping).__name__}", line=line_of(mapping))
    if key not in mapping or mapping[key] is None:
        raise RuleFileError(path, where, f"missing '{key}'", line=line_of(mapping, key))
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RuleFileError(path, f"{where}.{key}" if where else key, f"must be {expected}, got {type(value).__name__}",
                            line=line_of(mapping, key))
    return value
