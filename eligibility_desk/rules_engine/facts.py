"""An applicant's facts, prepared once per (applicant, standard, as-of date) for every level.

Dates become ordinals; only work, certificates and titles in this or a related occupation are kept;
everything is clipped to the as-of date:

* Work periods are half-open ``[start, end + 1 day)``.  Overlapping or touching periods are merged so no
  day counts twice.  A period ending after the as-of date is cut there; an ongoing one (no end) stays
  open-ended (``OPEN``) and counts up to whatever date it is evaluated on — that is the projection behind
  ``eligible_from``.  Periods starting after the as-of date, and certificates or titles obtained after it,
  are not yet facts and are dropped.
"""

from __future__ import annotations

from eligibility_desk.domain.applicant import Applicant, ClassType, SchoolType, TitleGrade
from eligibility_desk.rules_engine.normalize import normalize_name

#: end of an ongoing work period
OPEN = 10**9
# plain dict look-ups: Enum.value and properties are slow on the hot path
_SCHOOL = {t: t.value for t in SchoolType}
_CLASS = {t: t.value for t in ClassType}
_CLASS[None] = None
_RANK = {g: g.rank for g in TitleGrade}
_NO_CERTS = (None,) * 6
_NO_WORK = (0, 0, 0)


class Facts:
    """Slots filled by :func:`build_facts` (plain loops: comprehensions are function calls in Python 3.11,
    and this runs once per applicant on the hot path)."""

    __slots__ = ("as_of", "spans", "ongoing", "titles", "edus", "cert_at_least", "cert_exact", "work_all")

    as_of: int
    spans: list          # [(start, end_exclusive | OPEN), ...] merged, sorted
    ongoing: bool        # the last span is OPEN
    titles: list         # [(rank, obtained, matches: bool | None), ...] sorted by date
    edus: list           # [(school_type, class_type | None, major_norm, major, graduated_on | None, in_school, assessed), ...]
    cert_at_least: list  # earliest certificate of level L or higher, indexed 0..5: (held, obtained) or None
    cert_exact: list     # earliest certificate of exactly level L
    work_all: tuple      # work_since(facts, 0, as_of): asked by several clauses of several levels


def _second(item: tuple) -> int:
    return item[1]


def build_facts(applicant: Applicant, as_of: int, occupations: frozenset[str]) -> Facts:
    norm = normalize_name
    facts = Facts()
    facts.as_of = as_of

    spans: list = []
    if applicant.work:
        raw = []
        for period in applicant.work:
            if norm(period.occupation) in occupations:
                start = period.start.toordinal()
                if start <= as_of:
                    if period.end is None:
                        raw.append((start, OPEN))
                    else:
                        end = period.end.toordinal() + 1
                        if end > as_of:
                            end = as_of
                        if end > start:
                            raw.append((start, end))
        if len(raw) > 1:
            raw.sort()
            for start, end in raw:
                if spans and start <= spans[-1][1]:
                    if end > spans[-1][1]:
                        spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        else:
            spans = raw
    facts.spans = spans
    facts.ongoing = bool(spans) and spans[-1][1] == OPEN

    certs: list = []
    if applicant.certificates:
        for c in applicant.certificates:
            obtained = c.obtained_on.toordinal()
            if obtained <= as_of and norm(c.occupation) in occupations:
                certs.append((c.level, obtained))
        if len(certs) > 1:
            certs.sort(key=_second)
    if certs:
        at_least: list = [None] * 6
        exact: list = [None] * 6
        for cert in certs:  # sorted by date: the first found is the earliest
            held = cert[0]
            if exact[held] is None:
                exact[held] = cert
            for level in range(held, 6):
                if at_least[level] is None:
                    at_least[level] = cert
        facts.cert_at_least = at_least
        facts.cert_exact = exact
    else:
        facts.cert_at_least = facts.cert_exact = _NO_CERTS

    titles: list = []
    if applicant.titles:
        for t in applicant.titles:
            obtained = t.obtained_on.toordinal()
            if obtained <= as_of:
                titles.append((_RANK[t.grade], obtained, t.profession_matches))
        if len(titles) > 1:
            titles.sort(key=_second)
    facts.titles = titles

    edus: list = []
    for e in applicant.education:
        graduated = e.graduated_on
        edus.append((_SCHOOL[e.school_type], _CLASS[e.class_type], norm(e.major), e.major,
                     graduated.toordinal() if graduated is not None else None, e.in_school, e.assessed))
    facts.edus = edus
    facts.work_all = work_since(facts, 0, as_of) if spans else _NO_WORK
    return facts


def work_since(facts: Facts, since: int, on: int) -> tuple[int, int, int]:
    """Days of related work in ``[since, on)``: ``(total days, effective end, first counted day)``.

    The effective end is the end of the last counted day (exclusive): ``on`` while work is ongoing.
    (Not cached: with one or two periods, summing again is cheaper than a dictionary look-up.)
    """
    total = 0
    end = 0
    first = 0
    for start, stop in facts.spans:
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop > start:
            total += stop - start
            end = stop
            if not first:
                first = start
    return total, end, first
