"""Clauses about the person rather than work: age (年满 N 周岁), training hours (经正规培训达规定标准学时数),
apprenticeship completed (学徒期满) and certificates of a standard's own levels (1+X: 初级/中级/高级).

Each is compiled like the predicates of :mod:`.vocabulary` into ``fn(facts, on) -> (verdict, trace,
eligible_from)`` and reads the applicant's record (``facts.applicant``) directly: these facts are rare, so
they are not prepared for every applicant.  See docs/rules.md for what each says and a worked example.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eligibility_desk.domain.idnumber import id_number_problem
from eligibility_desk.domain.idnumber import birth_date as id_birth_date
from eligibility_desk.domain.levels import level_key
from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW
from eligibility_desk.rules_engine.dates import add_years
from eligibility_desk.rules_engine.facts import Facts
from eligibility_desk.rules_engine.normalize import normalize_name
from eligibility_desk.rules_engine.yamlread import line_of
from eligibility_desk.rules_engine.vocabulary import (
    CompileContext,
    Predicate,
    VocabularyError,
    _marked,
    _params,
    _years,
)


# --- shared parameter checks -------------------------------------------------------------------------

def occupation_list(ctx: CompileContext, name: str, value: Any) -> tuple[str, frozenset[str], str]:
    """``occupations: <name>`` -> (list name, normalized names, title); ``None`` is the main list."""
    key = "" if value is None else value
    if not isinstance(key, str) or key not in ctx.occupation_lists:
        known = ", ".join(k for k in ctx.occupation_lists if k) or "none"
        raise VocabularyError(f"'{name}.occupations' must name a list of lists.occupation_lists (known: {known}), got {value!r}",
                              code="occupation_list", params={"name": f"{name}.occupations", "known": known, "value": repr(value)})
    title, names = ctx.occupation_lists[key]
    return key, names, title


def _text(name, key, value):
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise VocabularyError(f"'{name}.{key}' must be a word or code, got {value!r}", code="word_or_code",
                              params={"name": f"{name}.{key}", "value": repr(value)})
    return str(value).strip()


def _number(name, key, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100_000:
        raise VocabularyError(f"'{name}.{key}' must be a number of hours, got {value!r}", code="hours",
                              params={"name": f"{name}.{key}", "value": repr(value)})
    return value


def _any(name, key, value):
    return value


def scale_of(ctx: CompileContext, name: str, code: str):
    """The declared levels of standard ``code`` ("this": the standard being compiled)."""
    real = ctx.standard_code if code == "this" else code
    scale = ctx.scales.get(real)
    if not scale:
        known = ", ".join(sorted(ctx.scales)) or "none"
        raise VocabularyError(f"'{name}.standard': no standard '{code}' is loaded (known: {known}; 'this' is this standard)",
                              code="no_standard", params={"name": f"{name}.standard", "value": code, "known": known})
    return real, scale


def level_rank(scale, word: str) -> int | None:
    """A level's rank on a declared scale from its code, name or alias (``初级``), as a person may type it
    (``t1``, ``Ｔ１``: :func:`eligibility_desk.domain.levels.level_key`); ``None`` if not on it."""
    key = level_key(str(word))
    for decl in scale:
        if key in decl.aliases:
            return decl.rank
    return None


# --- age ---------------------------------------------------------------------------------------------

def birth_of(applicant) -> date | None:
    """The birth date the record gives, else the one in a valid ID number; ``None`` if neither."""
    if applicant.birth_date is not None:
        return applicant.birth_date
    number = applicant.id_number
    if number and id_number_problem(number) is None:
        return id_birth_date(number)
    return None


def age(raw: Any, ctx: CompileContext) -> Predicate:
    """年满 N 周岁 (``at_least``) and/or 未满 M 周岁 (``under``) on the date screened for."""
    p = _params("age", raw, {"at_least": (_years, False, None), "under": (_years, False, None)})
    low, high = p["at_least"], p["under"]
    if low is None and high is None:
        raise VocabularyError("'age' needs at_least (年满 N 周岁) or under (未满 M 周岁)", code="age_bounds")

    def fn(facts: Facts, on: int):
        born = birth_of(facts.applicant)
        if born is None:
            return REVIEW, ("age_unknown", low, high), None
        b = born.toordinal()
        if low is not None and add_years(b, low) > on:
            due = add_years(b, low)
            if high is not None and add_years(b, high) <= due:
                due = None
            return INELIGIBLE, ("age", low, high, b, False), due
        if high is not None and add_years(b, high) <= on:
            return INELIGIBLE, ("age", low, high, b, False), None
        return ELIGIBLE, ("age", low, high, b, True), on
    return _marked(fn, monotone=high is None)


# --- training hours ----------------------------------------------------------------------------------

def training(raw: Any, ctx: CompileContext) -> Predicate:
    """经（本职业）正规培训达规定标准学时数: training records for the level, in the listed occupations, add up
    to ``hours`` (default: the standard's ``training_hours`` for the level)."""
    p = _params("training", raw, {"hours": (_number, False, None), "level": (_text, False, None),
                                  "occupations": (_any, False, None)})
    level = p["level"] or ctx.clause_level
    scale = ctx.scales.get(ctx.standard_code, ())
    rank = level_rank(scale, level)
    if rank is None:
        raise VocabularyError(f"'training.level' '{level}' is not a level declared in standard.levels",
                              line_of(raw, "level") if isinstance(raw, dict) else None, code="level_not_declared",
                              params={"level": level, "known": ", ".join(d.code for d in scale)})
    decl = scale[rank]
    hours = p["hours"]
    if hours is None:
        hours = ctx.training_hours.get(decl.code)
        if hours is None:
            raise VocabularyError(f"'training' gives no hours and the training_hours section has none for level {decl.code}",
                                  code="training_hours", params={"level": decl.code})
    _key, names, title = occupation_list(ctx, "training", p["occupations"])

    def fn(facts: Facts, on: int):
        done = unsure = 0
        for t in facts.applicant.training:
            if normalize_name(t.occupation) not in names or level_rank(scale, t.level) != rank:
                continue
            if t.finished_on is None:
                unsure += t.hours
            elif t.finished_on.toordinal() <= on:
                done += t.hours
        if done >= hours:
            return ELIGIBLE, ("training", decl.code, hours, done, 0, title), on
        if done + unsure >= hours:
            return REVIEW, ("training", decl.code, hours, done, unsure, title), None
        return INELIGIBLE, ("training", decl.code, hours, done, unsure, title), None
    return _marked(fn, monotone=True)


# --- apprenticeship ----------------------------------------------------------------------------------

def apprenticeship(raw: Any, ctx: CompileContext) -> Predicate:
    """（本职业）学徒期满: an apprenticeship in a listed occupation completed on or before the date."""
    p = _params("apprenticeship", raw, {"occupations": (_any, False, None)})
    _key, names, title = occupation_list(ctx, "apprenticeship", p["occupations"])

    def fn(facts: Facts, on: int):
        best = INELIGIBLE, ("apprentice", title, "", None, False), None
        for a in facts.applicant.apprenticeships:
            if normalize_name(a.occupation) not in names:
                continue
            if a.finished_on is None:
                best = INELIGIBLE, ("apprentice", title, a.occupation, None, False), best[2]
                continue
            done = a.finished_on.toordinal()
            if done <= on:
                return ELIGIBLE, ("apprentice", title, a.occupation, done, True), on
            if best[2] is None or done < best[2]:
                best = INELIGIBLE, ("apprentice", title, a.occupation, done, False), done
        return best
    return _marked(fn, monotone=True)


# --- certificates of a standard's own levels ---------------------------------------------------------

def own_certificates(facts: Facts, code: str, scale, on: int) -> tuple[list, bool]:
    """``([(rank, obtained), ...] sorted by date, doubtful)`` of ``code``'s certificates held on ``on``;
    ``doubtful``: one has no date or a level word not on the standard's scale."""
    key = normalize_name(code)
    held, doubtful = [], False
    for c in facts.applicant.certificates:
        if not c.standard or normalize_name(c.standard) != key:
            continue
        rank = level_rank(scale, c.level)
        if rank is None or c.obtained_on is None:
            doubtful = True
            continue
        obtained = c.obtained_on.toordinal()
        if obtained <= on:
            held.append((rank, obtained))
    held.sort(key=lambda item: item[1])
    return held, doubtful


def own_certificate(raw: Any, ctx: CompileContext) -> Predicate:
    """取得（某标准的）L 级证书（满 N 年）, for certificates recorded with ``standard`` and the level's own
    word: ``certificate: {standard: this, level: 初级}``."""
    p = _params("certificate", raw, {"standard": (_text, True, None), "level": (_text, True, None),
                                     "held_years": (_years, False, 0)})
    code, scale = scale_of(ctx, "certificate", p["standard"])
    need = level_rank(scale, p["level"])
    if need is None:
        known = ", ".join(f"{d.code} {d.name}" for d in scale)
        raise VocabularyError(f"'certificate.level' '{p['level']}' is not a level of {code} ({known})",
                              code="not_on_scale", params={"name": "certificate.level", "value": p["level"], "code": code,
                                                           "known": known})
    held_years = p["held_years"]
    higher = ctx.settings.higher_level_covers_lower
    need_name = scale[need].name

    def fn(facts: Facts, on: int):
        held, doubtful = own_certificates(facts, code, scale, on)
        for rank, obtained in held:
            if rank == need or (higher and rank > need):
                due = add_years(obtained, held_years) if held_years else obtained
                ok = due <= on
                trace = ("own_cert", code, need_name, scale[rank].name, obtained, held_years, ok)
                return (ELIGIBLE, trace, on) if ok else (INELIGIBLE, trace, due)
        if doubtful:
            return REVIEW, ("own_cert_unsure", code, need_name), None
        return INELIGIBLE, ("own_cert_none", code, need_name), None
    return _marked(fn, monotone=True)


PREDICATES = {"age": age, "training": training, "apprenticeship": apprenticeship}
