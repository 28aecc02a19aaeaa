"""``work``: the general work clause — N years in a chosen occupation list, counted after a dated event,
and optionally continuous.

::

    work:
      years: 3
      occupations: this_occupation      # optional: a name from lists.occupation_lists (default: lists.occupations)
      after:                            # optional: counted from the earliest qualifying event (that day included)
        education: {school_types: [...], related_major: true, class_types: [...]}   # its graduation
        # or certificate: {level: 4}   /   certificate: {standard: this, level: 初级}   /   title: {grade: junior}
      continuous: {max_gap_days: 31}    # optional: 连续从事 — one run of work with no gap longer than that

Several periods are added as a clerk adds them (:func:`.dates.clerk_days`); a continuous run is one
stretch from its first day to its last (short gaps inside it are bridged) and reaches N years on its
anniversary.  Doubtful work (an unknown end, an occupation on no list) sends a failing clause to review
when counting it would pass.  See docs/rules.md.
"""

from __future__ import annotations

from typing import Any

from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW
from eligibility_desk.rules_engine.dates import add_years, reaches
from eligibility_desk.rules_engine.facts import Facts, build_facts, lenient_facts
from eligibility_desk.rules_engine.person_clauses import level_rank, occupation_list, own_certificates, scale_of
from eligibility_desk.rules_engine.vocabulary import (
    _CLASS_TYPES,
    _GRADES,
    _SCHOOL_TYPES,
    _TECHNICIAN,
    CompileContext,
    Predicate,
    VocabularyError,
    _bool,
    _clerk,
    _enum_list,
    _grade,
    _level,
    _marked,
    _params,
    _years,
)


def _any(name, key, value):
    return value


def list_facts(facts: Facts, key: str, names: frozenset[str]) -> Facts:
    """The applicant's facts counting only the occupations of list ``key`` (the main list: ``facts``)."""
    if key == "" and facts.occupations is not None:
        return facts
    cache = facts.cache
    if cache is None:
        cache = facts.cache = {}
    found = cache.get(("list", key))
    if found is None:
        lenient = bool(cache.get("is_lenient"))
        found = cache[("list", key)] = build_facts(facts.applicant, facts.as_of, names, lenient=lenient)
    return found


# --- the dated events work may be counted after --------------------------------------------------------

def _after(raw: Any, ctx: CompileContext):
    """``after:`` -> ``event(facts, on) -> (date ordinal | None, unsure: bool, label tuple)``."""
    if not isinstance(raw, dict) or len(raw) != 1:
        raise VocabularyError("'work.after' takes one of: education, certificate, title", code="work_after", params={"value": "—"})
    (kind, body), = raw.items()
    if kind == "education":
        p = _params("work.after.education", body, {
            "school_types": (_enum_list(_SCHOOL_TYPES), True, None),
            "class_types": (_enum_list(_CLASS_TYPES), False, None),
            "related_major": (_bool, False, True),
        })
        types = frozenset(p["school_types"])
        classes = frozenset(p["class_types"]) if p["class_types"] else None
        related = p["related_major"]
        majors = ctx.majors_by_school_type
        if related:
            missing = sorted(t for t in types if t not in majors)
            if missing:
                raise VocabularyError("'work.after.education' asks for a related major, but "
                                      f"settings.major_lists_by_school_type names no list for: {', '.join(missing)}",
                                      code="needs_major_lists", params={"name": "work.after.education", "value": ", ".join(missing)})
        label = ("education", p["school_types"])

        def qualifying(facts: Facts):
            for record in facts.edus:
                school_type, major_key = record[0], record[2]
                if school_type not in types or (related and major_key not in majors[school_type]):
                    continue
                yield record

        def event(facts: Facts, on: int):
            best, unsure = None, False
            as_of = facts.as_of
            for school_type, class_type, _key, _major, graduation, in_school, _assessed in qualifying(facts):
                if classes is not None and school_type in _TECHNICIAN and class_type not in classes:
                    unsure = unsure or class_type is None
                    continue
                if graduation is None:
                    unsure = True
                elif in_school and graduation <= as_of:
                    continue  # still marked in school after the expected date: not a graduation (see stale)
                elif graduation <= on and (best is None or graduation < best):
                    best = graduation
            return best, unsure, label

        def stale(facts: Facts, on: int):
            """The earliest qualifying record still marked in school although its expected graduation date had
            passed on the as-of date — the education clause's review reason (``("edu", "stale", …)``), here a
            graduation the clerk must confirm before work is counted from it."""
            as_of = facts.as_of
            found = None
            for school_type, class_type, _key, major, graduation, in_school, _assessed in qualifying(facts):
                if classes is not None and school_type in _TECHNICIAN and class_type not in classes:
                    continue
                if in_school and graduation is not None and graduation <= as_of and (found is None or graduation < found[5]):
                    found = ("edu", "stale", school_type, class_type, major, graduation, 0, ())
            return found

        def upcoming(facts: Facts, on: int):
            """The earliest expected graduation still ahead of a qualifying record marked in school: the
            event the clause will count from if nothing else changes (for ``eligible_from``)."""
            ahead = [graduation for school_type, class_type, major_key, _major, graduation, in_school, _assessed
                     in facts.edus if in_school and graduation is not None and graduation > on
                     and school_type in types and not (related and major_key not in majors[school_type])
                     and not (classes is not None and school_type in _TECHNICIAN and class_type not in classes)]
            return min(ahead, default=None)
        event.upcoming = upcoming
        event.stale = stale
        event.label = label
        return event
    if kind == "certificate":
        if isinstance(body, dict) and body.get("standard") is not None:
            p = _params("work.after.certificate", body, {"standard": (_any, True, None), "level": (_any, True, None)})
            code, scale = scale_of(ctx, "work.after.certificate", str(p["standard"]))
            need = level_rank(scale, p["level"])
            if need is None:
                raise VocabularyError(f"'work.after.certificate.level' '{p['level']}' is not a level of {code}",
                                      code="not_on_scale", params={"name": "work.after.certificate.level", "value": p["level"],
                                                                   "code": code, "known": ", ".join(d.code for d in scale)})
            higher = ctx.settings.higher_level_covers_lower
            label = ("own_cert", code, scale[need].name)

            def event(facts: Facts, on: int):
                held, doubtful = own_certificates(facts, code, scale, on)
                for rank, obtained in held:
                    if rank == need or (higher and rank > need):
                        return obtained, False, label
                return None, doubtful, label
            return event
        p = _params("work.after.certificate", body, {"level": (_level, True, None), "occupations": (_any, False, None)})
        level = p["level"]
        # whose certificates count: by default those of the work clause's own list; ``occupations`` names
        # another (取得本职业或相关职业 L 级证书后，从事本职业工作 …: the main list)
        cert_list = None if "occupations" not in body else occupation_list(ctx, "work.after.certificate", p["occupations"])[:2]
        table = "cert_at_least" if ctx.settings.higher_certificate_counts else "cert_exact"
        label = ("cert", level)

        def event(facts: Facts, on: int):
            cert = getattr(facts, table)[level]
            if cert is not None and cert[1] is not None and cert[1] <= on:
                return cert[1], False, label
            return None, cert is not None and cert[1] is None, label
        event.cert_list = cert_list
        return event
    if kind == "title":
        p = _params("work.after.title", body, {"grade": (_grade, True, None)})
        rank = _GRADES[p["grade"]]
        higher = ctx.settings.higher_title_counts
        label = ("title", p["grade"])

        def event(facts: Facts, on: int):
            best, unsure = None, False
            for held, obtained, matches in facts.titles:
                if held == rank or (higher and held > rank):
                    if matches is True and obtained <= on:
                        best = obtained if best is None else min(best, obtained)
                    elif matches is None:
                        unsure = True
            return best, unsure, label
        return event
    raise VocabularyError(f"'work.after' takes one of: education, certificate, title — got '{kind}'", code="work_after",
                          params={"value": kind})


# --- continuous runs ---------------------------------------------------------------------------------------

def _runs(spans: list, since: int, on: int, gap: int) -> list[tuple[int, int]]:
    """Runs of work in ``[since, on)`` whose periods are at most ``gap`` days apart, each as one stretch."""
    runs: list[list[int]] = []
    for start, stop in spans:
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop <= start:
            continue
        if runs and start - runs[-1][1] <= gap:
            runs[-1][1] = max(runs[-1][1], stop)
        else:
            runs.append([start, stop])
    return [(a, b) for a, b in runs]


# --- the clause ----------------------------------------------------------------------------------------------

def work(raw: Any, ctx: CompileContext) -> Predicate:
    p = _params("work", raw, {"years": (_years, True, None), "occupations": (_any, False, None),
                              "after": (_any, False, None), "continuous": (_any, False, None)})
    years = p["years"]
    key, names, title = occupation_list(ctx, "work", p["occupations"])
    event = _after(p["after"], ctx) if p["after"] is not None else None
    event_list = getattr(event, "cert_list", None)  # the event's own occupation list (None: the clause's)
    upcoming = getattr(event, "upcoming", None)  # the event's date still ahead, for eligible_from (graduation)
    stale = getattr(event, "stale", None)  # a graduation still marked in school after its date (review)
    gap = None
    if p["continuous"] is not None:
        c = p["continuous"]
        if not isinstance(c, dict) or set(c) != {"max_gap_days"} or isinstance(c["max_gap_days"], bool) \
                or not isinstance(c["max_gap_days"], int) or not 0 <= c["max_gap_days"] <= 3650:
            raise VocabularyError("'work.continuous' takes {max_gap_days: N} (the longest break, in days, that "
                                  "does not interrupt continuous work)", code="continuous")
        gap = c["max_gap_days"]

    def measure(facts: Facts, on: int, since_at: int | None = None):
        """-> (verdict, trace, due) on the facts given (no doubt handling); ``since_at``: count from that
        date instead of the event's (a stale record's expected graduation, to see whether it would decide)."""
        f = list_facts(facts, key, names)
        since, unsure, label = 0, False, None
        if since_at is not None:
            since, label = since_at, event.label
        elif event is not None:
            since, unsure, label = event(f if event_list is None else list_facts(facts, *event_list), on)
            if since is None:
                # a graduation still ahead (在读): ongoing work reaches the years that long after it
                ahead = upcoming(f, on) if upcoming is not None and not unsure and f.ongoing else None
                due = add_years(ahead, years) if ahead is not None else None
                return (REVIEW if unsure else INELIGIBLE), ("work_x", years, title, label, None, gap, None, False, unsure), due
        if gap is not None:
            runs = _runs(f.spans, since, on, gap)
            best = max(runs, key=lambda r: r[1] - r[0], default=None)
            for start, stop in runs:
                if reaches(start, years, stop):
                    return ELIGIBLE, ("work_x", years, title, label, since, gap, ("run", start, stop), True, False), on
            due = None
            if runs and f.ongoing and runs[-1][1] == on:
                due = add_years(runs[-1][0], years)
            figures = ("run", best[0], best[1]) if best else None
            return INELIGIBLE, ("work_x", years, title, label, since, gap, figures, False, False), due
        counted = [(max(a, since), min(b, on)) for a, b in f.spans if min(b, on) > max(a, since)]
        if len(counted) <= 1:
            if counted and reaches(counted[0][0], years, counted[0][1]):
                return ELIGIBLE, ("work_x", years, title, label, since, None, ("span", *counted[0]), True, False), on
            due = add_years(counted[0][0], years) if counted and f.ongoing else None
            figures = ("span", *counted[0]) if counted else None
            return INELIGIBLE, ("work_x", years, title, label, since, None, figures, False, False), due
        ok, ymd, due = _clerk(f, since, on, years)
        return (ELIGIBLE if ok else INELIGIBLE), ("work_x", years, title, label, since, None, ("sum", ymd, len(counted)), ok, False), (on if ok else due)

    def fn(facts: Facts, on: int):
        answer = measure(facts, on)
        if answer[0] != ELIGIBLE and list_facts(facts, key, names).doubt is not None:
            alt = measure(lenient_facts(facts), on)
            if alt[0] == ELIGIBLE:
                return REVIEW, ("doubt", list_facts(facts, key, names).doubt, alt[1]), answer[2]
        if answer[0] != ELIGIBLE and stale is not None:
            # counted from a graduation the record still marks as ahead (在读 past its date): review, with
            # the education clause's reason, when it would meet the clause; otherwise the answer stands
            found = stale(list_facts(facts, key, names), on)
            if found is not None:
                alt = measure(facts, on, since_at=found[5])
                if alt[0] == ELIGIBLE:
                    return REVIEW, ("stale_after", found, alt[1]), answer[2]
                if answer[1][0] == "work_x" and answer[1][4] is None and not answer[1][8]:
                    # no other graduation: say why the stale record does not decide (the verdict stands)
                    return answer[0], ("stale_after", found, alt[1]), answer[2]
        return answer
    return _marked(fn, monotone=True)


PREDICATES = {"work": work}
