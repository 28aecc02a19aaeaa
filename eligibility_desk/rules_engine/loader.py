"""Reading and checking rule files.

A rule file is YAML (see ``rules/standards/4-07-02-06.yaml`` and ``docs/rules.md``).  Anything wrong in it
— bad YAML, a missing field, an unknown predicate, list, level, school type — is refused here, before any
applicant is screened, with the file, the line, the clause id (or section) and what is wrong.

Every independent mistake of a file is named, not only the first: each check (a key, a declared level, a
list, a setting, a level, a clause, a section's part) runs on its own in ``with mistakes.each():``
(:class:`.errors.Mistakes`), and what it finds is kept while the next check runs; a part that is wrong is
left out of what the other checks see (an unknown list is replaced by a stand-in, an undeclared level is
skipped with its clauses), so one mistake gives one message.  A mistake that leaves nothing to check — not
YAML at all, an anchor cycle, a file over the size or nesting limits, not a mapping — is the file's only
message.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from eligibility_desk.domain.levels import level_key
from eligibility_desk.rules_engine.errors import AlreadyReported, Mistakes, RuleFileError
from eligibility_desk.rules_engine.model import (
    ClauseSpec,
    DeclaredLevel,
    LevelSpec,
    ReferenceList,
    Settings,
    Standard,
)
from eligibility_desk.rules_engine.normalize import normalize_name
from eligibility_desk.rules_engine.loader_settings import read_settings
from eligibility_desk.rules_engine.sections import check_sections
from eligibility_desk.rules_engine.yamlread import BadDate, YamlProblem, line_of

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


def read_yaml(path: Path, mistakes: Mistakes | None = None) -> Any:
    """One rule file's YAML; every problem is a :class:`RuleFileError` naming the file and (nearly always)
    the line: a file too large, not UTF-8 (the line of the first byte that is not), empty or only
    comments, or not valid YAML.  A key written twice or a date that does not exist leaves the rest
    readable: with ``mistakes`` they are recorded there and the document returned, else the first is raised."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise RuleFileError(path, "", f"is {size / 1024 / 1024:.1f} MB; a rule file may be at most "
                                              f"{MAX_FILE_BYTES // 1024 // 1024} MB (is it the right file?)", line=1,
                                    code="too_large", params={"size": f"{size / 1024 / 1024:.1f}",
                                                              "limit": MAX_FILE_BYTES // 1024 // 1024})
            data = fh.read()
    except OSError as exc:
        raise RuleFileError(path, "", f"cannot be read: {exc.strerror}", code="unreadable",
                            params={"detail": exc.strerror}) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RuleFileError(path, "", "is not UTF-8 text (saved as GBK/ANSI? save it again as UTF-8)", line=line,
                            code="not_utf8") from None
    # PyYAML is imported by the first file parsed, not by the engine's import (rules_engine/yamlread.py)
    from eligibility_desk.rules_engine.yamlparse import read_yaml_text

    try:
        doc, soft = read_yaml_text(text)
    except YamlProblem as exc:
        raise RuleFileError(path, exc.where, exc.message, line=exc.line, code=exc.code, params=exc.params) from None
    for problem in soft:
        error = RuleFileError(path, _field_of(doc, problem), f"not valid YAML: {problem.message}", line=problem.line,
                              code=problem.code, params=problem.params)
        if mistakes is None:
            raise error
        mistakes.add(error)
        if problem.code == "not_real_date":
            mistakes.unreadable_lines.add(problem.line)
    if doc is None:
        empty = "is empty" if not text.strip().strip("\ufeff") else "holds only comments"
        raise RuleFileError(path, "", f"{empty}: a rule file is a YAML mapping (see docs/rules.md)", line=1,
                            code="empty" if empty == "is empty" else "only_comments")
    return doc


def _field_of(doc: Any, problem: YamlProblem) -> str:
    """The field (``standard.effective_from``, ``levels[0].clauses[2].when``) of a mistake the YAML reader
    reported while reading on: the date that does not exist, the key written twice (its first writing)."""
    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack:
        node, place = stack.pop()
        entries = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in entries:
            here = (f"{place}.{key}" if place else str(key)) if isinstance(node, dict) else f"{place}[{key}]"
            if problem.code == "not_real_date" and isinstance(value, BadDate) and line_of(node, key) == problem.line:
                return here
            if problem.code == "key_twice" and isinstance(node, dict) and key == problem.params.get("key") \
                    and line_of(node, key) == problem.params.get("first"):
                return here
            stack.append((value, here))
    return ""


#: keys whose value is a line of text wherever they appear (shown to people, never a list or a mapping)
_TEXT_KEYS = frozenset({"reference", "source", "note", "name_en", "text"})


def _check_text_fields(data: Any, path: Path, mistakes: Mistakes, where: str = "") -> None:
    """Refuse a list or a mapping given where a line of text belongs (``reference: [§1.9]``), each one."""
    stack = [(data, where)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{place}.{key}" if place else str(key)
                if key in _TEXT_KEYS and isinstance(value, (dict, list)):
                    mistakes.add(_fail(path, node, key, here, f"must be a line of text, got a {'mapping' if isinstance(value, dict) else 'list'}",
                                       code="not_text"))
                    continue
                if key != "when":  # clause logic: checked by the vocabulary (``title`` is a clause kind there)
                    stack.append((value, here))
        elif isinstance(node, list):
            stack.extend((value, f"{place}[{i}]") for i, value in enumerate(node))


def _fail(path: Path, container: Any, key: Any, where: str, message: str, code: str = "",
          params: dict | None = None) -> RuleFileError:
    return RuleFileError(path, where, message, line=line_of(container, key), code=code, params=params)


def _only(mapping: dict, known: tuple[str, ...], path: Path, where: str, mistakes: Mistakes) -> bool:
    """Refuse each key the section does not know (``whn:`` for ``when:``), naming the known ones; whether
    there was one (a key then missing from the mapping is the same mistake, not another: see :func:`_require`)."""
    unknown = False
    for key in mapping:
        if key not in known:
            place = f"{where}.{key}" if where else str(key)
            mistakes.add(_fail(path, mapping, key, place, f"unknown key '{key}' (known here: {', '.join(known)})",
                               code="unknown_key", params={"key": key, "known": ", ".join(known)}))
            unknown = True
    if unknown and isinstance(mapping, dict):
        try:
            mapping.misspelt = True  # a LineDict: _require then does not report a missing key a second time
        except AttributeError:
            pass
    return unknown


def load_list(path: Path) -> ReferenceList:
    """One reference list; every mistake of it at once (:class:`.errors.RuleFileErrors`)."""
    mistakes = Mistakes()
    data = read_yaml(path, mistakes)
    if not isinstance(data, dict):
        raise RuleFileError(path, "", "a reference list must be a mapping with id, title and items", line=line_of(data) or 1,
                            code="not_a_list")
    _only(data, _REFLIST_KEYS, path, "", mistakes)
    _check_text_fields(data, path, mistakes)
    if isinstance(data.get("title"), (dict, list)):
        mistakes.add(_fail(path, data, "title", "title", "must be a line of text", code="not_text"))
    list_id = ""
    with mistakes.each():
        list_id = _require(data, "id", str, path, "")
    items: list = []
    with mistakes.each():
        items = _require(data, "items", list, path, "")
        if not items:
            raise _fail(path, data, "items", "items", "a list needs at least one name", code="empty_list")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            mistakes.add(_fail(path, items, i, f"items[{i}]", f"must be a non-empty name, got {item!r}",
                               code="bad_name", params={"value": repr(item)}))
    mistakes.raise_any()
    return ReferenceList(
        id=list_id,
        title=str(data.get("title", list_id)),
        reference=str(data.get("reference", "")),
        items=tuple(items),
        normalized=frozenset(normalize_name(item) for item in items),
        path=str(path),
    )


def _declared_levels(head: dict, path: Path, mistakes: Mistakes) -> tuple[DeclaredLevel, ...]:
    raw = _require(head, "levels", list, path, "standard")
    out: list[DeclaredLevel] = []
    for i, item in enumerate(raw):
        with mistakes.each():
            out.append(_declared_level(item, raw, i, out, path, mistakes))
    if not raw:
        raise _fail(path, head, "levels", "standard.levels", "a standard declares at least one level", code="no_levels")
    return tuple(out)


def _declared_level(item: Any, raw: list, i: int, out: list[DeclaredLevel], path: Path, mistakes: Mistakes) -> DeclaredLevel:
    where = f"standard.levels[{i}]"
    if not isinstance(item, dict):
        raise _fail(path, raw, i, where, "each level is a mapping with code and name, e.g. {code: \"4\", name: 四级/中级工}",
                    code="level_shape")
    _only(item, _DECLARED_KEYS, path, where, mistakes)
    code = str(_require(item, "code", (str, int), path, where)).strip()
    if not code:
        raise _fail(path, item, "code", where, "code and name must not be empty", code="level_empty")
    if any(d.code == code for d in out):
        raise _fail(path, item, "code", f"{where}.code", f"level code '{code}' is declared twice",
                    code="level_twice", params={"level": code})
    # with its code known the level is declared, whatever else is wrong in it (reported): the levels and
    # sections that use the code are then not refused for a mistake that is not theirs
    name = code
    mistakes.unnamed.add(code)  # until its name is read: a level entry's name is then not compared with it
    with mistakes.each():
        written = _require(item, "name", str, path, where).strip()
        if not written:
            raise _fail(path, item, "name", where, "code and name must not be empty", code="level_empty")
        name = written
        mistakes.unnamed.discard(code)
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
        mistakes.add(_fail(path, item, "aliases", f"{where}.aliases", "must be a list of words", code="not_words"))
        aliases = []
    return DeclaredLevel(code=code, name=name, name_en=str(item.get("name_en") or name), rank=len(out),
                         aliases=frozenset(level_key(str(a)) for a in (code, name, *aliases)))


def load_standard(path: Path, lists: dict[str, ReferenceList]) -> tuple[Standard, dict]:
    """Read one standard's rule file; return the checked :class:`Standard` and the raw data.  Every mistake
    of the file is raised at once (:class:`.errors.RuleFileErrors`, in file order).

    Clause logic is checked against the vocabulary when it is compiled (:mod:`.vocabulary`), which the
    library does straight after loading (:func:`read_standard` lets it add those mistakes to the others).
    """
    spec, data, mistakes = read_standard(path, lists)
    mistakes.raise_any()
    return spec, data


#: the stand-in for a list a standard names and the folder does not have (reported once; the clauses that
#: read it are then checked as if it were there, so they give no second message for the same mistake)
def _stand_in(ref: str) -> ReferenceList:
    return ReferenceList(id=ref, title=ref, reference="", items=(ref,), normalized=frozenset({normalize_name(ref)}))


def read_standard(path: Path, lists: dict[str, ReferenceList], broken: dict[str, str] | None = None
                  ) -> tuple[Standard | None, dict, Mistakes]:
    """One standard's rule file read as far as it can be: the :class:`Standard` made of its usable parts
    (``None`` when its head is unusable), the raw data, and every mistake found (:class:`.errors.Mistakes`).
    A file that cannot be read at all (not YAML, not a mapping) raises its one :class:`RuleFileError`.
    ``broken``: list id -> the list file that has it but could not be loaded (a standard naming it is told so)."""
    mistakes = Mistakes()
    mistakes.broken_lists = broken or {}
    data = read_yaml(path, mistakes)
    if not isinstance(data, dict):
        raise RuleFileError(path, "", "a rule file must be a mapping with standard, lists, settings and levels",
                            line=line_of(data) or 1, code="not_a_standard")
    misspelt = _only(data, _TOP_KEYS, path, "", mistakes)
    _check_text_fields(data, path, mistakes)
    head: dict | None = None
    with mistakes.each():
        head = _require(data, "standard", dict, path, "standard")
        _only(head, _HEAD_KEYS, path, "standard", mistakes)
    if head is None:  # no head (reported): nothing in it to check, no level declared, no standard made
        head = {}
        mistakes.codes_known = False
    found: dict[str, Any] = {}
    with mistakes.each():
        if not mistakes.codes_known:
            raise AlreadyReported()
        found["code"] = str(_require(head, "code", (str, int), path, "standard"))
    with mistakes.each():
        if not mistakes.codes_known:
            raise AlreadyReported()
        found["name"] = _require(head, "name", str, path, "standard")
    with mistakes.each():
        if not mistakes.codes_known:
            raise AlreadyReported()
        found["version"] = str(_require(head, "version", (str, int, float), path, "standard"))
    with mistakes.each():
        if not mistakes.codes_known:
            raise AlreadyReported()
        effective = _require(head, "effective_from", (date, str), path, "standard")
        if isinstance(effective, str):
            try:
                effective = date.fromisoformat(effective)
            except ValueError:
                raise _fail(path, head, "effective_from", "standard.effective_from", f"not a date (YYYY-MM-DD): {effective!r}",
                            code="bad_date", params={"value": effective}) from None
        found["effective"] = effective
    declared: tuple[DeclaredLevel, ...] = ()
    if mistakes.codes_known:
        with mistakes.each():
            declared = _declared_levels(head, path, mistakes)
        # an entry of standard.levels whose code could not be read: a level elsewhere that is not declared may
        # be that one, so it is not refused a second time
        raw_declared = head.get("levels")
        mistakes.codes_known = not isinstance(raw_declared, list) or len(declared) == len(raw_declared)
    declared_codes = {d.code for d in declared}

    occupations, occupation_lists, majors = _NO_OCCUPATIONS, {}, {}
    list_refs: dict | None = None
    before = len(mistakes.found)
    with mistakes.each():
        list_refs = _require(data, "lists", dict, path, "lists")
        _only(list_refs, _LIST_KEYS, path, "lists", mistakes)
    if list_refs is None:  # no lists (reported): what needs one is that mistake again
        list_refs = {}
        before = -1
    # a standard whose clauses count no work or certificates (the 1+X packs) may name no occupations list
    if "occupations" in list_refs:
        with mistakes.each():
            occupations = _lookup_list(list_refs["occupations"], lists, path, "lists.occupations", list_refs, "occupations",
                                       mistakes)
    for name, into, what in (("occupation_lists", occupation_lists, "a name"), ("majors", majors, "a tier name")):
        refs = list_refs.get(name) or {}
        if not isinstance(refs, dict):
            mistakes.add(_fail(path, list_refs, name, f"lists.{name}", f"must map {what} to a list id", code="list_map"))
            continue
        for key, ref in refs.items():
            with mistakes.each():
                into[str(key) if name == "occupation_lists" else key] = _lookup_list(ref, lists, path, f"lists.{name}.{key}", refs, key,
                                                                                     mistakes)

    mistakes.lists_clean = len(mistakes.found) == before
    settings = Settings()
    before = len(mistakes.found)
    with mistakes.each():
        settings = read_settings(data.get("settings") or {}, majors, path, mistakes)
    mistakes.settings_clean = len(mistakes.found) == before and not (misspelt and "settings" not in data)

    levels: list[LevelSpec] = []
    raw_levels: list = []
    with mistakes.each():
        raw_levels = _require(data, "levels", list, path, "levels")
    seen_ids: set[str] = set()
    for i, raw_level in enumerate(raw_levels):
        with mistakes.each():
            spec = _level(raw_level, raw_levels, i, declared, declared_codes, levels, seen_ids, path, mistakes)
            if spec is not None:
                levels.append(spec)
    if not raw_levels and "levels" in data:
        mistakes.add(_fail(path, data, "levels", "levels", "a standard needs at least one level", code="no_levels"))

    sections = {name: data[name] for name in _OPTIONAL_SECTIONS if name in data}
    before = len(mistakes.found)
    check_sections(sections, declared_codes, path, mistakes)
    mistakes.sections_clean = len(mistakes.found) == before

    if not declared:
        return None, data, mistakes
    # a head field that is wrong (reported) gets a stand-in, so that the clauses are still checked
    standard = Standard(
        code=found.get("code", Path(path).stem), name=found.get("name", ""), version=found.get("version", ""),
        effective_from=found.get("effective", date.min),
        source=str(head.get("source", "")), reference=str(head.get("reference", "")), path=str(path),
        levels=tuple(levels), settings=settings, occupations=occupations, majors=majors, sections=sections,
        declared_levels=declared, occupation_lists=occupation_lists,
        lines={str(key): line for key, line in getattr(head, "lines", {}).items()},
    )
    return standard, data, mistakes


def _level(raw_level: Any, raw_levels: list, i: int, declared: tuple[DeclaredLevel, ...], declared_codes: set[str],
           levels: list[LevelSpec], seen_ids: set[str], path: Path, mistakes: Mistakes) -> LevelSpec | None:
    """One entry of ``levels:``; each of its clauses checked on its own.  ``None`` when it has no usable clause
    (each clause's mistake is then already recorded)."""
    where = f"levels[{i}]"
    if not isinstance(raw_level, dict):
        raise _fail(path, raw_levels, i, where, "each level must be a mapping with level and clauses", code="level_entry_shape")
    _only(raw_level, _LEVEL_KEYS, path, where, mistakes)
    level = str(_require(raw_level, "level", (int, str), path, where))
    decl = next((d for d in declared if d.code == level), None)
    if decl is None:
        if not declared or not mistakes.codes_known:
            raise AlreadyReported()  # the declared levels themselves are wrong, and reported
        raise _fail(path, raw_level, "level", f"{where}.level",
                    f"level code '{level}' is not declared in standard.levels ({', '.join(sorted(declared_codes))})",
                    code="level_not_declared", params={"level": level, "known": ", ".join(sorted(declared_codes))})
    if level in {spec.level for spec in levels}:
        raise _fail(path, raw_level, "level", f"level {level}", "level is defined twice", code="level_defined_twice",
                    params={"level": level})
    if isinstance(raw_level.get("name"), (dict, list)):
        mistakes.add(_fail(path, raw_level, "name", f"level {level}.name", "must be a line of text", code="not_text"))
    elif "name" in raw_level and str(raw_level["name"]).strip() != decl.name and level not in mistakes.unnamed:
        mistakes.add(_fail(path, raw_level, "name", f"level {level}.name",
                           f"'{raw_level['name']}' differs from the name declared in standard.levels ('{decl.name}')",
                           code="level_name_differs", params={"name": raw_level["name"], "declared": decl.name}))
    clauses = []
    raw_clauses = _require(raw_level, "clauses", list, path, f"level {level}")
    for j, raw_clause in enumerate(raw_clauses):
        with mistakes.each():
            clauses.append(_clause(raw_clause, raw_clauses, j, level, seen_ids, path, mistakes))
    if not raw_clauses:
        raise _fail(path, raw_level, "clauses", f"level {level}", "a level needs at least one clause", code="no_clauses")
    if not clauses:
        return None
    return LevelSpec(level=level, name=decl.name, reference=str(raw_level.get("reference", "")), clauses=tuple(clauses))


def _clause(raw_clause: Any, raw_clauses: list, j: int, level: str, seen_ids: set[str], path: Path,
            mistakes: Mistakes) -> ClauseSpec:
    if not isinstance(raw_clause, dict):
        raise _fail(path, raw_clauses, j, f"level {level} clauses[{j}]", "each clause must be a mapping with id, text and when",
                    code="clause_shape")
    clause_id = str(_require(raw_clause, "id", (str, int), path, f"level {level} clauses[{j}]"))
    _only(raw_clause, _CLAUSE_KEYS, path, f"clause {clause_id}", mistakes)
    m = _CLAUSE_ID.match(clause_id)
    if not m or m.group("level") != level:
        raise _fail(path, raw_clause, "id", f"clause {clause_id}", f"id must be '{level}-<number>' (the standard's numbering within level {level})",
                    code="clause_id", params={"level": level})
    if clause_id in seen_ids:
        raise _fail(path, raw_clause, "id", f"clause {clause_id}", "clause id is used twice", code="clause_id_twice")
    seen_ids.add(clause_id)
    text = ""
    with mistakes.each():  # a wrong text does not hide a wrong condition: the clause is still compiled
        text = _require(raw_clause, "text", str, path, f"clause {clause_id}")
    logic = _require(raw_clause, "when", dict, path, f"clause {clause_id}")
    return ClauseSpec(id=clause_id, level=level, text=text.strip(), logic=logic, note=str(raw_clause.get("note", "")))


def _lookup_list(ref: Any, lists: dict[str, ReferenceList], path: Path, where: str, owner: Any, key: Any,
                 mistakes: Mistakes) -> ReferenceList:
    """The list ``ref`` names; an unknown one is reported and a stand-in returned (:func:`_stand_in`)."""
    if not isinstance(ref, str):  # reported; a stand-in keeps the name usable (settings name the tier)
        mistakes.add(_fail(path, owner, key, where, "must name a reference list by its id", code="list_ref"))
        return _stand_in(str(key))
    if ref not in lists:
        broken = getattr(mistakes, "broken_lists", {}).get(ref)
        if broken is not None:
            mistakes.add(_fail(path, owner, key, where, f"list '{ref}' is in {broken}, which has mistakes (named there)",
                               code="broken_list", params={"value": ref, "other": broken}))
        else:
            mistakes.add(_fail(path, owner, key, where, f"unknown list '{ref}' (no file in rules/lists has that id)",
                               code="unknown_list", params={"value": ref}))
        return _stand_in(ref)
    return lists[ref]


def _require(mapping: dict, key: str, kind: type | tuple, path: Path, where: str) -> Any:
    if not isinstance(mapping, dict):
        raise RuleFileError(path, where, f"must be a mapping, got {type(mapping).__name__}", line=line_of(mapping),
                            code="not_mapping")
    if key not in mapping or mapping[key] is None:
        if key not in mapping and getattr(mapping, "misspelt", False):
            raise AlreadyReported()  # a misspelt key of this mapping is reported ("unknown key 'whn'")
        # the place is the mapping's; at the top of a file (a list's id, a standard's ``standard:``) the key itself
        raise RuleFileError(path, where or key, f"missing '{key}'", line=line_of(mapping, key), code="missing",
                            params={"key": key})
    value = mapping[key]
    if isinstance(value, BadDate) or (key in _TEXT_KEYS and isinstance(value, (dict, list))):
        raise AlreadyReported()  # reported by the YAML reader, or by _check_text_fields
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        got = "list" if isinstance(value, list) else "dict" if isinstance(value, dict) else type(value).__name__
        raise RuleFileError(path, f"{where}.{key}" if where else key, f"must be {expected}, got {got}",
                            line=line_of(mapping, key), code="wrong_type", params={"expected": expected, "got": got})
    return value
