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
    __slots__ = ("as_of", "spans", "ongoing", "certs", "titles", "edus", "cert_at_least", "cert_exact", "work_all")

    def __init__(self, as_of: int, spans: tuple, ongoing: bool, certs: tuple, titles: tuple, edus: tuple):
        self.as_of = as_of
        # earliest certificate of level L or higher / of exactly level L: ``(held, obtained)`` or None,
        # indexed by level 0..5 (index 0 unused)
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
            self.cert_at_least = at_least
            self.cert_exact = exact
        else:
            self.cert_at_least = self.cert_exact = _NO_CERTS
        self.spans = spans        # ((start, end_exclusive | OPEN), ...) merged, sorted
        self.ongoing = ongoing    # the last span is OPEN
        self.certs = certs        # ((level, obtained), ...) sorted by date
        self.titles = titles      # ((rank, obtained, matches: bool | None), ...) sorted by date
        self.edus = edus          # ((school_type, class_type | None, major_norm, major, graduated_on | None, in_school, assessed), ...)
        # all related work up to the as-of date: asked by several clauses of several levels
        self.work_all = work_since(self, 0, as_of) if spans else _NO_WORK


def _second(item: tuple) -> int:
    return item[1]


def build_facts(applicant: Applicant, as_of: int, occupations: frozenset[str]) -> Facts:
    norm = normalize_name
    spans: list[tuple[int, int]] = []
    if applicant.work:
        raw = []
        for period in applicant.work:
            if norm(period.occupation) not in occupations:
                continue
            start = period.start.toordinal()
            if start > as_of:
                continue
            end = OPEN if period.end is None else min(period.end.toordinal() + 1, as_of)
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
    certs = ()
    if applicant.certificates:
        held = [(c.level, c.obtained_on.toordinal()) for c in applicant.certificates if norm(c.occupation) in occupations]
        held = [c for c in held if c[1] <= as_of]
        if len(held) > 1:
            held.sort(key=_second)
        certs = tuple(held)
    titles = ()
    if applicant.titles:
        found = [(_RANK[t.grade], t.obtained_on.toordinal(), t.profession_matches) for t in applicant.titles]
        found = [t for t in found if t[1] <= as_of]
        if len(found) > 1:
            found.sort(key=_second)
        titles = tuple(found)
    edus = tuple([
        (
            _SCHOOL[e.school_type],
            _CLASS[e.class_type],
            norm(e.major),
            e.major,
            e.graduated_on.toordinal() if e.graduated_on is not None else None,
            e.in_school,
            e.assessed,
        )
        for e in applicant.education
    ]) if applicant.education else ()
    return Facts(as_of, tuple(spans), bool(spans) and spans[-1][1] == OPEN, certs, titles, edus)


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
