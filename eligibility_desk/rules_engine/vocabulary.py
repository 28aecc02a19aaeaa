"""The clause vocabulary: each predicate a rule file may use, compiled once into a plain Python closure.

A compiled predicate is ``fn(facts, on) -> (verdict, trace, eligible_from)``:

* ``verdict`` — ``ELIGIBLE``, ``REVIEW`` or ``INELIGIBLE`` (:mod:`eligibility_desk.domain.verdict`);
* ``trace`` — a compact tuple ``(code, *figures)`` recording what was computed; it is turned into words
  only when shown (:mod:`.explain`);
* ``eligible_from`` — the first date (ordinal) on or after ``on`` at which the predicate would hold if
  ongoing work continues and nothing else changes; ``None`` if that never happens.

"满 N 年" is decided on calendar anniversaries: a stretch of work starting on S reaches N years on
S + N years (2019-03-01 -> 2024-03-01).  Several separate stretches are added as a clerk adds them: each
in whole years, months and days, 30 days to a month, 12 months to a year (:func:`.dates.clerk_days`), so
1 year + 4 years is 5 years.  For one stretch this is exactly the anniversary rule; adding work never
delays it; the order of periods never matters.  See docs/rules.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from eligibility_desk.domain.applicant import ClassType, SchoolType, TitleGrade
from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW
from eligibility_desk.rules_engine.codecache import compile_source
from eligibility_desk.rules_engine import inline_clauses
from eligibility_desk.rules_engine.dates import (
    CLERK_YEAR,
    add_months,
    add_years,
    clerk_due,
    clerk_span,
    clerk_ymd,
    reaches,
    year_span_bounds,
)
from eligibility_desk.rules_engine.facts import (
    Facts,
    lenient_cert_since,
    lenient_facts,
    lenient_reach,
    work_on_as_of,
    work_since,
)

_NO_WORK = (0, 0, 0, 0)
from eligibility_desk.rules_engine.model import Settings
from eligibility_desk.rules_engine.yamlread import line_of

Predicate = Callable[[Facts, int], tuple]


def _guarded(fn: Predicate, guard: str, missing: tuple) -> Predicate:
    """Record a cheap test on the facts (a Python expression over ``facts``) under which the predicate
    returns the constant ``missing``; generated level code tests it inline instead of calling."""
    fn.guard = guard
    fn.missing = missing
    return fn


def _marked(fn: Predicate, monotone: bool) -> Predicate:
    """Record whether a predicate, once true, stays true as time goes on (with nothing else changing).

    For a monotone predicate the ``eligible_from`` it returns is exact and needs no re-check; a
    non-monotone one (``enrolled``: true only until graduation) is re-checked at the projected date.
    """
    fn.monotone = monotone
    return fn

_SCHOOL_TYPES = {t.value for t in SchoolType}
_CLASS_TYPES = {t.value for t in ClassType}
_TECHNICIAN = {t.value for t in SchoolType if t.is_technician_institution}
_GRADES = {g.value: g.rank for g in TitleGrade}


class VocabularyError(ValueError):
    """A predicate used wrongly; the compiler adds the file and clause id (and the line, when known).
    ``code`` and ``params`` name the kind of mistake for :mod:`.messages` (Chinese wording)."""

    def __init__(self, message: str, line: int | None = None, code: str = "", params: dict | None = None):
        super().__init__(message)
        self.line = line
        self.code = code
        self.params = params or {}


class VocabularyErrors(VocabularyError):
    """Several conditions of one ``all`` / ``any`` used wrongly (:attr:`each`); it reads as the first."""

    def __init__(self, each: list[VocabularyError]):
        super().__init__(str(each[0]), each[0].line, each[0].code, each[0].params)
        self.each = list(each)


@dataclass(frozen=True)
class CompileContext:
    """What compiling a standard's clauses reads besides the clauses: its settings and lists."""

    settings: Settings
    #: school type -> normalized names of the majors related for that school type
    majors_by_school_type: dict[str, frozenset[str]]
    #: school type -> titles of the majors lists that apply to it (for explanations)
    tiers_by_school_type: dict[str, tuple[str, ...]]
    #: the standard being compiled and the level of the clause being compiled
    standard_code: str = ""
    clause_level: str = ""
    #: standard code -> its declared levels (this standard's and every other loaded one's), for certificates
    #: of a standard's own levels (1+X: 初级/中级/高级)
    scales: dict = field(default_factory=dict)
    #: occupation list name -> (title, normalized names); "" is the main list (lists.occupations)
    occupation_lists: dict = field(default_factory=dict)
    #: the standard's training_hours section (level code -> hours), for ``training`` without ``hours``
    training_hours: dict = field(default_factory=dict)


# --- parameter checking ---------------------------------------------------------------------------

def _params(name: str, raw: Any, allowed: dict[str, tuple]) -> dict:
    if not isinstance(raw, dict):
        raise VocabularyError(f"'{name}' takes a mapping of parameters ({', '.join(allowed)}), got {raw!r}",
                              code="takes_mapping", params={"name": name, "known": ", ".join(allowed)})
    for key in raw:
        if key not in allowed:
            raise VocabularyError(f"'{name}' has no parameter '{key}' (it takes: {', '.join(allowed)})", line_of(raw, key),
                                  code="no_parameter", params={"name": name, "key": key, "known": ", ".join(allowed)})
    out = {}
    for key, (check, required, default) in allowed.items():
        if key not in raw or raw[key] is None:
            if required:
                raise VocabularyError(f"'{name}' needs '{key}'", line_of(raw), code="needs", params={"name": name, "key": key})
            out[key] = default
            continue
        try:
            out[key] = check(name, key, raw[key])
        except VocabularyError as exc:
            if exc.line is None:
                exc.line = line_of(raw, key)
            raise
    return out


def _years(name, key, value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 60:
        raise VocabularyError(f"'{name}.{key}' must be a whole number of years 0–60, got {value!r}",
                              code="years", params={"name": f"{name}.{key}", "value": repr(value)})
    return value


def _level(name, key, value):
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise VocabularyError(f"'{name}.{key}' must be a national level 1–5, got {value!r}",
                              code="national_level", params={"name": f"{name}.{key}", "value": repr(value)})
    return value


def _grade(name, key, value):
    if value not in _GRADES:
        raise VocabularyError(f"'{name}.{key}' must be one of {', '.join(_GRADES)}, got {value!r}",
                              code="one_of", params={"name": f"{name}.{key}", "known": ", ".join(_GRADES), "value": repr(value)})
    return value


def _bool(name, key, value):
    if not isinstance(value, bool):
        raise VocabularyError(f"'{name}.{key}' must be true or false, got {value!r}",
                              code="bool", params={"name": f"{name}.{key}", "value": repr(value)})
    return value


def _enum_list(known: set[str]):
    def check(name, key, value):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise VocabularyError(f"'{name}.{key}' must be a list", code="a_list", params={"name": f"{name}.{key}"})
        for item in value:
            if not isinstance(item, str):  # a list or a mapping inside the list: named as what it is
                raise VocabularyError(f"'{name}.{key}' must be one of {', '.join(sorted(known))}, got {item!r}",
                                      code="one_of", params={"name": f"{name}.{key}", "value": repr(item),
                                                             "known": ", ".join(sorted(known))})
            if item not in known:
                raise VocabularyError(f"'{name}.{key}': unknown value '{item}' (known: {', '.join(sorted(known))})",
                                      code="unknown_value", params={"name": f"{name}.{key}", "value": item,
                                                                    "known": ", ".join(sorted(known))})
        return tuple(dict.fromkeys(value))  # the rule file's order, for explanations
    return check


# --- work -------------------------------------------------------------------------------------------

def _clerk(facts: Facts, since: int, on: int, years: int) -> tuple[bool, tuple, int | None]:
    """Several periods: the clerk's sum (:func:`.dates.clerk_days`) -> (met, (years, months, days), due).

    One pass over the merged periods, each measured once (:func:`.dates.clerk_span`); on the as-of date,
    the sum of all work (since 0) is the one :func:`.facts.build_facts` made, and other sums are memoised
    per ``since`` (several clauses of several levels ask the same certificate's or title's).
    tests/rules_engine/test_clerk_fast.py checks the answers against the sum worked out the slow way."""
    as_of = on == facts.as_of
    measured = None
    if as_of:
        measured = facts.clerk_all if since == 0 else None  # build_facts measured all work
        if measured is None:
            memo = facts.clerk0
            if memo is None:
                memo = facts.clerk0 = {}
            else:
                measured = memo.get(since)
    if measured is None:
        total = last = last_start = 0
        for start, stop in facts.spans:
            if stop > on:
                stop = on
            if start < since:
                start = since
            if stop > start:
                last = clerk_span(start, stop)
                total += last
                last_start = start
        measured = (total, total - last, last_start, clerk_ymd(total))
        if as_of:
            memo[since] = measured
    total, closed, last_start, ymd = measured
    if total >= years * CLERK_YEAR:
        return True, ymd, on
    if facts.ongoing and last_start:
        return False, ymd, clerk_due(closed, last_start, years, on + 1)
    return False, ymd, None


def _doubtful(fn: Predicate, facts: Facts, on: int, answer: tuple) -> tuple:
    """A work clause that failed while some work was left out as doubtful (an unknown end, an occupation on
    no list): if counting it would pass, a clerk decides (review).

    The callers ask only when the doubtful days could bring the clause to its years: when the days counted
    plus ``facts.doubt_reach`` (the doubtful days, and 3 days per period that a clerk's sum can add over
    the calendar) reach them; the clauses counting since a certificate or title ask, on the as-of date,
    also :func:`.facts.lenient_reach` from the date the lenient facts would count from (the doubtful days
    before it do not count; the lenient certificate may be an earlier one): a second look that cannot pass
    is not taken, and the lenient facts are built only for one that can."""
    alt = fn(facts.lenient or lenient_facts(facts), on)
    if alt[0] == ELIGIBLE:
        return REVIEW, ("doubt", facts.doubt, alt[1]), answer[2]
    return answer


def _cert_second_look(fn: Predicate, facts: Facts, on: int, answer: tuple, level: int, higher: bool, obtained: int,
                      total: int, n: int, need: int) -> tuple:
    """A failing work-after-certificate clause with doubtful work (``answer``; ``total`` days in ``n``
    periods counted since the certificate obtained on ``obtained``): its second look, unless the doubtful
    work cannot bring it to ``need`` clerk days (:func:`_doubtful`, :func:`_cert_may_pass`)."""
    if on == facts.as_of:
        if _cert_may_pass(facts, level, higher, obtained, total, n, need):
            return _doubtful(fn, facts, on, answer)
        return answer
    if facts.other_certs or total + facts.doubt_reach >= need:
        return _doubtful(fn, facts, on, answer)
    return answer


def _cert_may_pass(facts: Facts, level: int, higher: bool, obtained: int, total: int, n: int, need: int) -> bool:
    """On the as-of date, whether the second look of a failing work-after-certificate clause can pass (the
    test before it: :func:`_cert_second_look`; the generated code asks it before its own second look)."""
    if facts.other_certs:
        # the lenient facts may count from an earlier certificate, of another occupation: the days
        # counted since this one say nothing of that (bounded from the lenient start on the as-of date)
        since = lenient_cert_since(facts, level, higher)
        return lenient_reach(facts, since, total + 3 * n if since == obtained else None) >= need
    return total + facts.doubt_reach >= need and lenient_reach(facts, obtained, total + 3 * n) >= need


def _work(facts: Facts, since: int, on: int, years: int, shortest: int, longest: int) -> tuple:
    """满 ``years`` 年 of related work since ``since`` -> (met, total, end, first, due, clerk ymd or None)."""
    total, end, first, n = work_on_as_of(facts, since) if on == facts.as_of else work_since(facts, since, on)
    if n <= 1:
        if total >= longest or (total >= shortest and reaches(end - total, years, end)):
            return True, total, end, first, on, None
        return False, total, end, first, (add_years(on - total, years) if facts.ongoing else None), None
    ok, ymd, due = _clerk(facts, since, on, years)
    return ok, total, end, first, due, ymd


def related_work(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("related_work", raw, {"years": (_years, True, None)})
    years = p["years"]
    # the total laid end to end as one stretch: 满 N 年 without a calendar unless it is within a day or
    # two of N years (dates.year_span_bounds)
    shortest, longest = year_span_bounds(years)
    need = CLERK_YEAR * years  # clerk days: a second look at doubtful work only if they could reach it

    def fn(facts: Facts, on: int):
        measured = facts.work_all if on == facts.as_of else work_since(facts, 0, on)
        total, end, first, n = measured
        if n <= 1:
            if total >= longest or (total >= shortest and reaches(end - total, years, end)):
                return ELIGIBLE, ("work", years, total, end, first, True), on
            answer = INELIGIBLE, ("work", years, total, end, first, False), (add_years(on - total, years) if facts.ongoing else None)
        else:
            if on == facts.as_of:  # _clerk(facts, 0, on, years), from the sum build_facts made
                clerk, closed, last_start, ymd = facts.clerk_all
                ok = clerk >= need
                due = on if ok else (clerk_due(closed, last_start, years, on + 1)
                                     if facts.ongoing and last_start else None)
            else:
                ok, ymd, due = _clerk(facts, 0, on, years)
            if ok:
                return ELIGIBLE, ("work", years, total, end, first, True, ymd, n), on
            answer = INELIGIBLE, ("work", years, total, end, first, False, ymd, n), due
        if facts.doubt is not None and total + facts.doubt_reach >= need:
            return _doubtful(fn, facts, on, answer)
        return answer
    missing = INELIGIBLE, ("work", years, 0, 0, 0, False), None  # no related work at all: never, on its own
    fn.inline = inline_clauses.related_work(years, shortest, longest, need, missing)
    return _guarded(_marked(fn, monotone=True), "facts.no_work", missing)


def certificate(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("certificate", raw, {"level": (_level, True, None), "held_years": (_years, False, 0)})
    level, held_years = p["level"], p["held_years"]
    higher = ctx.settings.higher_certificate_counts

    missing = INELIGIBLE, ("no_cert", level), None
    undated = REVIEW, ("cert_undated", level), None

    def fn(facts: Facts, on: int):
        cert = (facts.cert_at_least if higher else facts.cert_exact)[level]
        if cert is None:
            return missing
        held, obtained = cert
        if obtained is None:
            return undated
        if not held_years:
            return ELIGIBLE, ("cert", level, held, obtained, 0, True), on
        due = add_years(obtained, held_years)
        ok = due <= on
        return (ELIGIBLE if ok else INELIGIBLE), ("cert", level, held, obtained, held_years, ok), (on if ok else due)
    table = "cert_at_least" if higher else "cert_exact"
    fn.inline = inline_clauses.certificate(level, held_years, table, missing, undated)
    return _guarded(_marked(fn, monotone=True), f"facts.{table}[{level}] is None", missing)


def work_after_certificate(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("work_after_certificate", raw, {"level": (_level, True, None), "years": (_years, True, None)})
    level, years = p["level"], p["years"]
    higher = ctx.settings.higher_certificate_counts
    missing = INELIGIBLE, ("no_cert", level), None
    undated = REVIEW, ("cert_undated", level), None
    shortest, longest = year_span_bounds(years)
    need = CLERK_YEAR * years  # clerk days: a second look at doubtful work only if they could reach it

    def fn(facts: Facts, on: int):
        cert = (facts.cert_at_least if higher else facts.cert_exact)[level]
        if cert is None:
            return missing
        held, obtained = cert
        if obtained is None:
            return undated if not facts.no_work else missing
        if not facts.spans:
            measured = _NO_WORK
        elif on == facts.as_of:
            measured = work_on_as_of(facts, obtained)
        else:
            measured = work_since(facts, obtained, on)
        total, end, _first, n = measured
        if n <= 1:
            if total >= longest or (total >= shortest and reaches(end - total, years, end)):
                return ELIGIBLE, ("work_after", "cert", level, held, obtained, years, total, end, True), on
            answer = (INELIGIBLE, ("work_after", "cert", level, held, obtained, years, total, end, False),
                      add_years(on - total, years) if facts.ongoing else None)
        else:
            ok, ymd, due = _clerk(facts, obtained, on, years)
            if ok:
                return ELIGIBLE, ("work_after", "cert", level, held, obtained, years, total, end, True, ymd), on
            answer = INELIGIBLE, ("work_after", "cert", level, held, obtained, years, total, end, False, ymd), due
        if facts.doubt is not None:
            return _cert_second_look(fn, facts, on, answer, level, higher, obtained, total, n, need)
        return answer
    table = "cert_at_least" if higher else "cert_exact"
    fn.inline = inline_clauses.work_after_certificate(level, years, shortest, longest, table, missing, undated,
                                                      higher, need)
    return _guarded(_marked(fn, monotone=True), f"facts.{table}[{level}] is None", missing)


def _titles(facts: Facts, rank: int, higher: bool):
    """The earliest qualifying title whose profession matches, whose match is unknown, and any mismatch."""
    matching = unknown = mismatched = None
    for held, obtained, matches in facts.titles:
        if not (held == rank or (higher and held > rank)):
            continue
        if matches is True:
            matching = matching or (held, obtained)
        elif matches is None:
            unknown = unknown or (held, obtained)
        else:
            mismatched = mismatched or (held, obtained)
    return matching, unknown, mismatched


_NO_TITLES = (None, None, None)


def _titles_all(facts: Facts, higher: bool) -> tuple:
    """``_titles(facts, rank, higher)`` for every rank 0..3 (indexed by rank) in one pass over the titles,
    for the generated code, which asks several grades of the same applicant."""
    titles = facts.titles
    if len(titles) == 1:  # the common case: one title answers every grade it qualifies for
        held, obtained, matches = titles[0]
        pair = held, obtained
        found = (pair, None, None) if matches is True else (None, pair, None) if matches is None else (None, None, pair)
        if higher:
            return (found,) * (held + 1) + (_NO_TITLES,) * (3 - held)
        return (_NO_TITLES,) * held + (found,) + (_NO_TITLES,) * (3 - held)
    by_rank = [_NO_TITLES] * 4
    for held, obtained, matches in titles:  # by date: the earliest of each kind stays
        k = 0 if matches is True else 1 if matches is None else 2
        for rank in (range(held + 1) if higher else (held,)):
            old = by_rank[rank]
            if old[k] is None:
                by_rank[rank] = old[:k] + ((held, obtained),) + old[k + 1:]
    return tuple(by_rank)


def work_after_title(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("work_after_title", raw, {"grade": (_grade, True, None), "years": (_years, True, None)})
    grade, years = p["grade"], p["years"]
    rank = _GRADES[grade]
    higher = ctx.settings.higher_title_counts
    shortest, longest = year_span_bounds(years)
    need = CLERK_YEAR * years  # clerk days: a second look at doubtful work only if they could reach it

    missing = INELIGIBLE, ("no_title", grade), None

    def fn(facts: Facts, on: int):
        if not facts.titles:
            return missing
        matching, unknown, mismatched = _titles(facts, rank, higher)
        matched = None
        if matching is not None:
            held, obtained = matching
            ok, total, end, first, when, ymd = _work(facts, obtained, on, years, shortest, longest)
            matched = (ELIGIBLE if ok else INELIGIBLE), ("work_after", "title", grade, held, obtained, years, total, end, ok, *((ymd,) if ymd else ())), when
            if not ok and facts.doubt is not None and total + facts.doubt_reach >= need \
                    and (on != facts.as_of or lenient_reach(facts, obtained) >= need):  # the same title there
                matched = _doubtful(fn, facts, on, matched)
            if ok or unknown is None:
                return matched
        if unknown is not None:
            held, obtained = unknown
            ok, total, end, first, _, ymd = _work(facts, obtained, on, years, shortest, longest)
            # only a recorded match can make it eligible; with enough work a clerk must check the match
            if ok:
                # ...and a matching title that is still short of the years will make it eligible later
                when = matched[2] if matched is not None else None
                return REVIEW, ("work_after", "title_unknown", grade, held, obtained, years, total, end, ok, *((ymd,) if ymd else ())), when
            if matched is not None:
                return matched
            return INELIGIBLE, ("work_after", "title_unknown", grade, held, obtained, years, total, end, ok, *((ymd,) if ymd else ())), None
        if mismatched is not None:
            return INELIGIBLE, ("title_mismatch", grade, mismatched[0], mismatched[1]), None
        return missing
    fn.inline = inline_clauses.work_after_title(grade, rank, higher, years, shortest, longest, missing, need)
    return _guarded(_marked(fn, monotone=True), "not facts.titles", missing)


def title(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("title", raw, {"grade": (_grade, True, None)})
    grade = p["grade"]
    rank = _GRADES[grade]
    higher = ctx.settings.higher_title_counts

    def fn(facts: Facts, on: int):
        matching, unknown, mismatched = _titles(facts, rank, higher)
        if matching is not None:
            return ELIGIBLE, ("title", grade, matching[0], matching[1], True), on
        if unknown is not None:
            return REVIEW, ("title", grade, unknown[0], unknown[1], None), None
        if mismatched is not None:
            return INELIGIBLE, ("title_mismatch", grade, mismatched[0], mismatched[1]), None
        return INELIGIBLE, ("no_title", grade), None
    return _marked(fn, monotone=True)


# --- schooling --------------------------------------------------------------------------------------

_FINAL_YEAR_START: dict[tuple[int, int], int] = {}


def _final_year_start(graduation: int, window: int) -> int:
    """The first day on which a student graduating on ``graduation`` is within ``window`` months of it."""
    key = (graduation, window)
    found = _FINAL_YEAR_START.get(key)
    if found is None:
        found = _FINAL_YEAR_START[key] = _compute_final_year_start(graduation, window)
    return found


def _compute_final_year_start(graduation: int, window: int) -> int:
    start = add_months(graduation, -window)
    while add_months(start, window) < graduation:
        start += 1
    return start


def education(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("education", raw, {
        "school_types": (_enum_list(_SCHOOL_TYPES), True, None),
        "class_types": (_enum_list(_CLASS_TYPES), False, None),
        "related_major": (_bool, False, True),
        "assessed": (_bool, False, False),
        "final_year_counts": (_bool, False, False),
    })
    ordered_types = p["school_types"]
    types = frozenset(ordered_types)
    classes = frozenset(p["class_types"]) if p["class_types"] else None
    ordered_classes = p["class_types"]
    related, needs_assessed, final_counts = p["related_major"], p["assessed"], p["final_year_counts"]
    window = ctx.settings.final_year_window_months
    unlisted = REVIEW if ctx.settings.unlisted_major == "review" else INELIGIBLE
    majors = ctx.majors_by_school_type
    if related:
        missing = sorted(t for t in types if t not in majors)
        if missing:
            raise VocabularyError(
                f"'education' asks for a related major, but settings.major_lists_by_school_type names no list for: {', '.join(missing)}",
                code="needs_major_lists", params={"name": "education", "value": ", ".join(missing)})

    missing = INELIGIBLE, ("edu_none", ordered_types), None
    tiers = ctx.tiers_by_school_type

    def fn(facts: Facts, on: int):
        # each record is judged in turn; the first eligible one decides, otherwise the best verdict's
        # trace is shown and the earliest date any record proposes is kept
        if not facts.edus:
            return missing
        best = None
        earliest = None
        for school_type, class_type, major_key, major, graduation, in_school, assessed in facts.edus:
            when = None
            if school_type not in types:
                result = INELIGIBLE, ("edu", "type", school_type, class_type, major, graduation, window, ordered_types)
            else:
                verdict = ELIGIBLE
                problem = None
                result = None
                if classes is not None and school_type in _TECHNICIAN:
                    if class_type is None:
                        verdict, problem = REVIEW, "class_unknown"
                    elif class_type not in classes:
                        result = INELIGIBLE, ("edu", "class", school_type, class_type, major, graduation, window, ordered_classes)
                if result is None and related and major_key not in majors[school_type]:
                    if unlisted == INELIGIBLE:
                        result = INELIGIBLE, ("edu", "major", school_type, class_type, major, graduation, window, tiers.get(school_type, ()))
                    else:
                        verdict, problem = REVIEW, problem or "major_unlisted"
                if result is None:
                    if needs_assessed and not assessed:
                        result = INELIGIBLE, ("edu", "assessed", school_type, class_type, major, graduation, window, ())
                    elif graduation is None:
                        result = REVIEW, ("edu", "no_date", school_type, class_type, major, graduation, window, ())
                    elif graduation <= on:
                        if in_school and graduation <= facts.as_of:
                            # still marked in school although the expected date had passed on the as-of
                            # date: a stale record a clerk must check (a later graduation is projected)
                            result = REVIEW, ("edu", "stale", school_type, class_type, major, graduation, window, ())
                        else:
                            status = "graduated"
                    elif in_school and final_counts:
                        start = _final_year_start(graduation, window)
                        if start <= on:
                            status = "final_year"
                        else:
                            result = INELIGIBLE, ("edu", "not_final_year", school_type, class_type, major, graduation, window, ())
                            when = start if verdict == ELIGIBLE else None
                    else:
                        result = INELIGIBLE, ("edu", "not_graduated", school_type, class_type, major, graduation, window, ())
                        when = graduation if verdict == ELIGIBLE else None
                if result is None:
                    if verdict == ELIGIBLE:
                        return ELIGIBLE, ("edu", status, school_type, class_type, major, graduation, window, ()), on
                    result = verdict, ("edu", problem, school_type, class_type, major, graduation, window, ())
            if best is None or result[0] > best[0]:
                best = result
            if when is not None and (earliest is None or when < earliest):
                earliest = when
        return best[0], best[1], earliest
    fn.schooling = inline_clauses.Schooling("education", {
        "types": types, "ordered_types": ordered_types, "classes": classes, "ordered_classes": ordered_classes,
        "related": related, "assessed": needs_assessed, "final_counts": final_counts, "window": window,
        "unlisted": unlisted, "majors": majors, "tiers": tiers}, missing)
    return _guarded(_marked(fn, monotone=True), "not facts.edus", missing)


def enrolled(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("enrolled", raw, {
        "school_types": (_enum_list(_SCHOOL_TYPES), True, None),
        "class_types": (_enum_list(_CLASS_TYPES), False, None),
    })
    ordered_types = p["school_types"]
    types = frozenset(ordered_types)
    classes = frozenset(p["class_types"]) if p["class_types"] else None

    missing = INELIGIBLE, ("enrolled_none", ordered_types), None

    def fn(facts: Facts, on: int):
        best = missing
        for school_type, class_type, _key, major, graduation, in_school, _assessed in facts.edus:
            if school_type not in types or not in_school:
                continue
            if graduation is not None and graduation <= on:
                if graduation <= facts.as_of and best[0] == INELIGIBLE and \
                        (classes is None or school_type not in _TECHNICIAN or class_type is None or class_type in classes):
                    # still marked in school after the expected graduation date: a stale record to check
                    best = REVIEW, ("enrolled", "stale", school_type, class_type, major, graduation), None
                continue
            base = (school_type, class_type, major, graduation)
            if classes is not None and school_type in _TECHNICIAN:
                if class_type is None:
                    best = REVIEW, ("enrolled", "class_unknown", *base), None
                    continue
                if class_type not in classes:
                    if best[0] == INELIGIBLE:
                        best = INELIGIBLE, ("enrolled", "class", *base), None
                    continue
            return ELIGIBLE, ("enrolled", "ok", *base), on
        return best
    fn.schooling = inline_clauses.Schooling("enrolled", {"types": types, "classes": classes,
                                                         "majors": ctx.majors_by_school_type}, missing)
    return _guarded(_marked(fn, monotone=False), "not facts.edus", missing)


# --- combinators ------------------------------------------------------------------------------------

def _combined_guard(fn: Predicate, kind: str, children: list[Predicate]) -> Predicate:
    """When every child is a missing kind of fact (each guard holds), the combination's answer is a
    constant too: ineligible, never, with the children's constant traces."""
    missing = [getattr(child, "missing", None) for child in children]
    guards = [getattr(child, "guard", None) for child in children]
    if all(guards) and all(m is not None and m[0] == INELIGIBLE and m[2] is None for m in missing):
        return _guarded(fn, " and ".join(f"({g})" for g in guards), (INELIGIBLE, (kind, tuple(m[1] for m in missing)), None))
    return fn


def _child_calls(children: list[Predicate], namespace: dict) -> list[str]:
    """Source lines ``a{i} = child{i}(facts, on)``; a guarded child whose kind of fact is missing answers
    with its constant without a call (the guard is tested inline)."""
    lines = []
    for i, child in enumerate(children):
        namespace[f"c{i}"] = child
        guard = getattr(child, "guard", None)
        if guard:
            namespace[f"M{i}"] = child.missing
            lines.append(f"    a{i} = M{i} if {guard} else c{i}(facts, on)")
        else:
            lines.append(f"    a{i} = c{i}(facts, on)")
    return lines


#: how a combination picks its verdict and its date, as generated source: "all" the lowest verdict and the
#: latest date every child proposes (never, if one child never holds); "any" the highest verdict and the
#: earliest date any child proposes
_COMBINE = {
    "all": ("<", "    if w is not None: w = None if a{i}[2] is None else (a{i}[2] if a{i}[2] > w else w)"),
    "any": (">", "    if a{i}[2] is not None and (w is None or a{i}[2] < w): w = a{i}[2]"),
}


def _combination(kind: str, children: list[Predicate]) -> Predicate:
    """``all`` / ``any`` generated as straight-line code over the children."""
    better, take_date = _COMBINE[kind]
    n = len(children)
    namespace: dict = {}
    lines = ["def fn(facts, on):", *_child_calls(children, namespace), "    v = a0[0]"]
    lines += [f"    if a{i}[0] {better} v: v = a{i}[0]" for i in range(1, n)]
    lines.append(f"    trace = ({kind!r}, (" + "".join(f"a{i}[1], " for i in range(n)) + "))")
    lines.append(f"    if v == {ELIGIBLE}: return {ELIGIBLE}, trace, on")
    lines.append("    w = a0[2]")
    lines += [take_date.format(i=i) for i in range(1, n)]
    lines.append("    return v, trace, w")
    exec(compile_source("\n".join(lines), f"<{kind}>"), namespace)  # noqa: S102 - our own generated source
    fn = _marked(namespace["fn"], all(child.monotone for child in children))
    fn.inline = inline_clauses.combination(kind, children)
    return _combined_guard(fn, kind, children)


def all_of(children: list[Predicate]) -> Predicate:
    return _combination("all", children)


def any_of(children: list[Predicate]) -> Predicate:
    return _combination("any", children)


#: the predicates defined here; :mod:`.compiler` adds the rarer kinds and compiles ``when:`` trees
PREDICATES: dict[str, Callable[[Any, CompileContext], Predicate]] = {
    "related_work": related_work,
    "certificate": certificate,
    "work_after_certificate": work_after_certificate,
    "work_after_title": work_after_title,
    "title": title,
    "education": education,
    "enrolled": enrolled,
}
COMBINATORS = {"all": all_of, "any": any_of}
