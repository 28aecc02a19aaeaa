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

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.rules_engine.normalize import normalize_name

#: end of an ongoing work period
OPEN = 10**9


class Facts:
    __slots__ = ("as_of", "spans", "ongoing", "certs", "titles", "edus")

    def __init__(self, as_of: int, spans: tuple, ongoing: bool, certs: tuple, titles: tuple, edus: tuple):
        self.as_of = as_of
        self.spans = spans        # ((start, end_exclusive | OPEN), ...) merged, sorted
        self.ongoing = ongoing    # the last span is OPEN
        self.certs = certs        # ((level, obtained), ...) sorted by date
        self.titles = titles      # ((rank, obtained, matches: bool | None), ...) sorted by date
        self.edus = edus          # ((school_type, class_type | None, major_norm, major, graduated_on | None, in_school, assessed), ...)


def build_facts(applicant: Applicant, as_of: int, occupations: frozenset[str]) -> Facts:
    raw = []
    for period in applicant.work:
        if normalize_name(period.occupation) not in occupations:
            continue
        start = period.start.toordinal()
        if start > as_of:
            continue
        end = OPEN if period.end is None else min(period.end.toordinal() + 1, as_of)
        if end > start:
            raw.append((start, end))
    raw.sort()
    spans: list[tuple[int, int]] = []
    for start, end in raw:
        if spans and start <= spans[-1][1]:
            if end > spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    certs = tuple(sorted(
        ((c.level, c.obtained_on.toordinal())
         for c in applicant.certificates
         if c.obtained_on.toordinal() <= as_of and normalize_name(c.occupation) in occupations),
        key=lambda c: c[1],
    ))
    titles = tuple(sorted(
        ((t.grade.rank, t.obtained_on.toordinal(), t.profession_matches) for t in applicant.titles if t.obtained_on.toordinal() <= as_of),
        key=lambda t: t[1],
    ))
    edus = tuple(
        (
            e.school_type.value,
            e.class_type.value if e.class_type is not None else None,
            normalize_name(e.major),
            e.major,
            e.graduated_on.toordinal() if e.graduated_on is not None else None,
            e.in_school,
            e.assessed,
        )
        for e in applicant.education
    )
    return Facts(as_of, tuple(spans), bool(spans) and spans[-1][1] == OPEN, certs, titles, edus)


def work_since(facts: Facts, since: int, on: int) -> tuple[int, int, int]:
    """Days of related work in ``[since, on)``: ``(total days, effective end, first counted day)``.

    The effective end is the end of the last counted day (exclusive): ``on`` while work is ongoing.
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
