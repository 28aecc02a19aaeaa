"""The rule library: every rule file in a folder, loaded, checked and compiled; versions picked by date.

Layout of the folder (``rules/`` in the repository)::

    standards/*.yaml   one file per version of an occupational standard
    lists/*.yaml       reference lists (related occupations, related majors by school tier)
    tests/**/*.yaml    rule test cases (run by tests/rules_engine/test_rule_cases.py)
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from eligibility_desk.rules_engine.engine import CompiledClause, CompiledLevel, CompiledStandard
from eligibility_desk.rules_engine.errors import Mistakes, NoRuleVersionError, RuleFileError, problems_of
from eligibility_desk.rules_engine.loader import load_list, load_standard, read_standard
from eligibility_desk.rules_engine.model import ReferenceList, Standard
from eligibility_desk.rules_engine.sections import check_with_readers
from eligibility_desk.rules_engine.compiler import compile_logic
from eligibility_desk.rules_engine.vocabulary import CompileContext, VocabularyError
from eligibility_desk.rules_engine.yamlread import line_of
from eligibility_desk.shipped import shipped_dir

RULES_ENV = "ELIGIBILITY_DESK_RULES"


def default_rules_dir() -> Path:
    """``$ELIGIBILITY_DESK_RULES``, else the ``rules/`` folder shipped with the application
    (:func:`eligibility_desk.shipped.shipped_dir`)."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return shipped_dir("rules")


#: clause mistakes that are the file's, not the clause's (a list or setting every such clause needs is
#: missing): named at the first clause only, and not at all when the part they need is itself reported
#: (code -> the :class:`.errors.Mistakes` flags telling whether those parts were read without a mistake)
_FILE_LEVEL = {"needs_major_lists": ("settings_clean", "lists_clean"), "no_occupations": ("lists_clean",)}


def compile_standard(spec: Standard, scales: dict | None = None, mistakes: Mistakes | None = None) -> CompiledStandard | None:
    """Compile every clause of ``spec``; ``scales``: standard code -> declared levels of the other standards
    loaded with it (for clauses about their certificates).  Each clause is compiled on its own, and every
    condition used wrongly is a mistake (in ``mistakes`` when given, else all raised together); ``None`` when
    ``mistakes`` holds any (the file is skipped, and nothing is generated for it)."""
    own = mistakes is None
    mistakes = Mistakes() if mistakes is None else mistakes
    settings = spec.settings
    majors_by_type = {
        school_type: frozenset().union(*(spec.majors[tier].normalized for tier in tiers))
        for school_type, tiers in settings.major_lists_by_school_type.items()
    }
    occupation_lists = {"": (spec.occupations.title, spec.occupations.normalized)}
    occupation_lists.update({name: (ref.title, ref.normalized) for name, ref in spec.occupation_lists.items()})
    hours = {str(k): v for k, v in (spec.section("training_hours") or {}).items() if k != "reference"}
    base = CompileContext(settings=settings, majors_by_school_type=majors_by_type,
                          tiers_by_school_type={school_type: tuple(spec.majors[tier].title for tier in tiers)
                                                for school_type, tiers in settings.major_lists_by_school_type.items()},
                          standard_code=spec.code, scales={**(scales or {}), spec.code: spec.declared_levels},
                          occupation_lists=occupation_lists, training_hours=hours)
    levels = []
    said: set[str] = set()
    for level in spec.levels:
        clauses = []
        ctx = replace(base, clause_level=level.level)
        for clause in level.clauses:
            try:
                predicate = compile_logic(clause.logic, ctx)
            except VocabularyError as exc:
                for each in getattr(exc, "each", None) or [exc]:
                    if each.code in _FILE_LEVEL:  # a mistake of the file's head, not of this clause: said once
                        if each.code in said or not all(getattr(mistakes, flag) for flag in _FILE_LEVEL[each.code]):
                            continue  # said already, or the part it needs is wrong and reported itself
                        said.add(each.code)
                    mistakes.add(RuleFileError(spec.path, f"clause {clause.id}", str(each),
                                               line=each.line or line_of(clause.logic), code=each.code or "clause",
                                               params={"detail": str(each), **each.params}))
                continue
            clauses.append(CompiledClause(clause, predicate))
        levels.append(CompiledLevel(level, tuple(clauses)))
    if own:
        mistakes.raise_any()
    if mistakes.found:
        return None  # the file is skipped: its code is not generated (a level may lack a clause)
    return CompiledStandard(spec, levels)


def _not_a_rules_folder(root: Path) -> RuleFileError:
    """Why ``root`` is not a rules folder, and where the rules folder may be."""
    def error(code: str, message: str, **params) -> RuleFileError:
        return RuleFileError(root, "", message, code=code, params=params)

    if not root.exists():
        return error("no_folder", "no such folder (a rules folder holds standards/ and lists/)")
    if root.is_file():
        for parent in root.parents:
            if (parent / "standards").is_dir():
                return error("file_in_folder", f"is a file, not a rules folder (the rules folder holding it is {parent})",
                             folder=parent)
        return error("a_file", "is a file, not a rules folder (a rules folder holds standards/ and lists/)")
    if root.name in ("standards", "lists", "tests") and (root.parent / "standards").is_dir():
        return error("sub_folder", f"is the {root.name}/ sub-folder; the rules folder is {root.parent}",
                     name=root.name, folder=root.parent)
    return error("not_rules_folder", "not a rules folder (it has no standards/ sub-folder; see docs/rules.md)")


def _list_id(path: Path) -> str | None:
    """The ``id:`` a list file gives, read from its text (for a file that could not be loaded)."""
    import re

    try:
        found = re.search(r"^id:\s*[\"']?([^\s\"'#]+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


def _guarded(step, *args, path=None):
    """Run one file's load or compile step; a slip the checks did not foresee is still that file's problem
    (named, skipped), never a traceback that stops every other standard from loading."""
    try:
        return step(*args)
    except RuleFileError:
        raise
    except RecursionError:
        raise RuleFileError(path or args[0], "", "nested too deeply to be read", code="nested") from None
    except Exception as exc:  # noqa: BLE001 - reported as this file's problem, with what went wrong
        raise RuleFileError(path or args[0], "", f"could not be read ({type(exc).__name__}: {exc})", code="unreadable",
                            params={"detail": f"{type(exc).__name__}: {exc}"}) from None


class RuleLibrary:
    """Every standard of a rules folder.  A rule file with a mistake is skipped and each of its mistakes (a
    :class:`RuleFileError`, file by file, in file order) kept in :attr:`problems` (``load(strict=True)``
    raises the first instead); the other standards still load."""

    def __init__(self, standards: list[CompiledStandard], lists: dict[str, ReferenceList], root: Path | None = None,
                 problems: list[RuleFileError] | None = None):
        self.root = root
        self.lists = lists
        self.problems: list[RuleFileError] = list(problems or ())
        self._by_code: dict[str, list[CompiledStandard]] = {}
        for standard in standards:
            versions = self._by_code.setdefault(standard.code, [])
            spec = standard.spec
            clash = next((s for s in versions if s.spec.effective_from == spec.effective_from), None)
            if clash is not None:
                self.problems.append(RuleFileError(
                    spec.path, "standard.effective_from",
                    f"{standard.code} has two versions in force from {spec.effective_from} ({clash.spec.path}); "
                    "this file is skipped", line=spec.lines.get("effective_from"), code="two_in_force",
                    params={"code": standard.code, "date": spec.effective_from, "other": clash.spec.path}))
                continue
            clash = next((s for s in versions if s.version == standard.version), None)
            if clash is not None:
                self.problems.append(RuleFileError(
                    spec.path, "standard.version",
                    f"{standard.code} version '{standard.version}' is also the version of {clash.spec.path}; "
                    "this file is skipped", line=spec.lines.get("version"), code="version_twice",
                    params={"code": standard.code, "version": standard.version, "other": clash.spec.path}))
                continue
            versions.append(standard)
        for versions in self._by_code.values():
            versions.sort(key=lambda s: s.spec.effective_from)

    @classmethod
    def load(cls, root: Path | str | None = None, strict: bool = False, thorough: bool = False) -> "RuleLibrary":
        """Every file of ``root``; ``thorough``: the planning and scoring sections are also read by the
        planner's and the score sheets' own code (``rules check``), so their mistakes are named here too."""
        root = Path(root) if root is not None else default_rules_dir()
        if not (root / "standards").is_dir():
            raise _not_a_rules_folder(root)
        problems: list[RuleFileError] = []
        lists: dict[str, ReferenceList] = {}
        broken: dict[str, str] = {}  # list id -> its file, which could not be loaded
        for path in sorted((root / "lists").glob("*.yaml")) if (root / "lists").is_dir() else ():
            try:
                ref = _guarded(load_list, path)
                if ref.id in lists:
                    raise RuleFileError(path, "id", f"list id '{ref.id}' is also used by {lists[ref.id].path}",
                                        line=1, code="list_id_twice", params={"value": ref.id, "other": lists[ref.id].path})
            except RuleFileError as exc:
                problems.extend(problems_of(exc))
                list_id = _list_id(path)
                if list_id:
                    broken.setdefault(list_id, str(path))
                continue
            lists[ref.id] = ref
        # each standard file read as far as it goes; a file with mistakes is still compiled (its usable
        # clauses) so that its clause mistakes are named with the others, then skipped
        read: list[tuple[Path, Standard | None, Mistakes]] = []
        for path in sorted((root / "standards").glob("*.yaml")):
            try:
                spec, _data, mistakes = _guarded(read_standard, path, lists, broken)
                if thorough and spec is not None and mistakes.sections_clean:
                    with mistakes.each():
                        _guarded(check_with_readers, spec.sections, {d.code for d in spec.declared_levels}, path)
            except RuleFileError as exc:
                problems.extend(problems_of(exc))
                continue
            read.append((path, spec, mistakes))
        scales = {spec.code: spec.declared_levels for _path, spec, mistakes in read if spec is not None}
        standards = []
        for path, spec, mistakes in read:
            compiled = None
            if spec is not None:
                with mistakes.each():
                    compiled = _guarded(compile_standard, spec, {**scales, spec.code: spec.declared_levels}, mistakes,
                                        path=spec.path)
            if mistakes.found:
                problems.extend(mistakes.sorted())
            elif compiled is not None:
                standards.append(compiled)
        library = cls(standards, lists, root, problems)
        if strict and library.problems:
            raise library.problems[0]
        return library

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def all_versions(self) -> list[CompiledStandard]:
        """Every loaded version of every standard, by code and then effective date."""
        return [version for code in self.codes() for version in self._by_code[code]]

    def versions(self, code: str) -> list[CompiledStandard]:
        if code not in self._by_code:
            known = ", ".join(self.codes()) or "none"
            files = len({problem.path for problem in self.problems})  # problems count mistakes, several a file
            skipped = f"; {files} rule file(s) could not be loaded, e.g. {self.problems[0]}" if self.problems else ""
            raise _no_version(f"no rule file for standard {code} (known: {known}){skipped}", "no_standard",
                              {"code": code, "known": self.codes(), "problems": list(self.problems)})
        return list(self._by_code[code])

    def get(self, code: str, as_of: date | None = None, version: str | None = None) -> CompiledStandard:
        """The version in force on ``as_of``: the newest whose effective date is on or before it; or the
        version named ``version`` when given."""
        versions = self.versions(code)
        if version is not None:
            for standard in versions:
                if standard.version == version:
                    return standard
            raise _no_version(f"{code} has no version '{version}' (versions: {', '.join(s.version for s in versions)})",
                              "no_version", {"code": code, "version": version, "versions": [s.version for s in versions]})
        if as_of is None:
            return versions[-1]
        in_force = [s for s in versions if s.spec.effective_from <= as_of]
        if not in_force:
            first = versions[0].spec.effective_from
            raise _no_version(f"no version of {code} is in force on {as_of.isoformat()} (the first takes effect on {first.isoformat()})",
                              "not_in_force", {"code": code, "as_of": as_of.isoformat(), "first": first.isoformat()})
        return in_force[-1]


def _no_version(text: str, kind: str, params: dict) -> NoRuleVersionError:
    """The refusal ``text`` (English) with its Chinese (:func:`.messages.no_version_text`)."""
    from eligibility_desk.rules_engine.messages import no_version_text

    return NoRuleVersionError(text, no_version_text(kind, params))


def standard_alone(root: Path | str | None, code: str, as_of: date, keep=None) -> CompiledStandard | None:
    """The version of standard ``code`` in force on ``as_of``, loaded from only the rule files that can bear
    on it — the standard files whose text names the code and the reference lists those files name — for a
    one-off command that screens against one standard (``eligibility-desk screen``) and would otherwise read
    and compile the whole folder.  The files are read and compiled exactly as :meth:`RuleLibrary.load` does.
    ``None`` whenever anything is off (a file with a mistake, a list or another standard it needs and this
    did not read, no version in force): the caller then loads the whole folder, for the same answer or the
    same message as always.  (Added for the ``screen`` command by branch screen-cli2.)

    ``keep``: where the parsed files may be kept from one run to the next (the ``screen`` command's
    ``cli/screen_rules.py``): ``keep.load(read)`` gives the ``(standards, lists)`` parsed from exactly the
    files ``read`` (``[(path, text), …]``, as read now) or ``None``; ``keep.save(read, parsed)`` is told
    what was parsed from them.  Only the parsing is skipped: the standards are still compiled here."""
    import re

    try:
        root = Path(root) if root is not None else default_rules_dir()
        texts = {path: path.read_text(encoding="utf-8") for path in sorted((root / "standards").glob("*.yaml"))}
        chosen = [path for path, text in texts.items() if code in text]
        if not chosen:
            return None
        named = "\n".join(texts[path] for path in chosen)
        read = [(str(path), texts[path]) for path in chosen]
        list_paths = []
        for path in sorted((root / "lists").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            found = re.search(r"^id:\s*[\"']?([^\s\"'#]+)", text, re.MULTILINE)
            if found is not None and found.group(1) not in named:
                continue  # a list none of the chosen files names
            list_paths.append(path)
            read.append((str(path), text))
        parsed = keep.load(read) if keep is not None else None
        if parsed is not None:
            specs, lists = parsed
        else:
            lists = {}
            for path in list_paths:
                ref = load_list(path)
                if ref.id in lists:
                    return None
                lists[ref.id] = ref
            specs = [load_standard(path, lists)[0] for path in chosen]
            if keep is not None:
                keep.save(read, (specs, lists))
        scales = {spec.code: spec.declared_levels for spec in specs}
        library = RuleLibrary([compile_standard(spec, scales) for spec in specs], lists, root)
        if library.problems:
            return None
        return library.get(code, as_of)
    except Exception:  # noqa: BLE001 - whatever it is, the whole folder's load says it properly
        return None
