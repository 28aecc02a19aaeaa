"""An applicant's facts, prepared once per (applicant, standard, as-of date) for every level.

Dates become ordinals; only work, certificates and titles in this or a related occupation are kept;
everything is clipped to the as-of date:

* Work periods are half-open ``[start, end + 1 day)``.  Overlapping or touching periods are merged so no
  day counts twice.  A period ending after the as-of date is cut there; an ongoing one (no end) stays
  open-ended (``OPEN``) and counts up to whatever date it is evaluated on — that is the projection behind
  ``eligible_from``.  Periods starting after the as-of date, and certificates or titles obtained after it,
  are not yet facts and are dropped.
* Doubts: a period whose end is not known (``end_known`` False) and, under ``unknown_occupation: review``,
  a period in an occupation on none of the standard's lists are left out of ``spans`` and recorded in
  ``doubt``; a work clause that fails is then tried again on :func:`lenient_facts` (the doubtful periods
  counted, an unknown end as still running) and, if that passes, answers review.  The generated code reads
  the same lenient reading without building lenient facts: :func:`lenient_reading` merges the periods once
  and sums them (one doubtful period apart from the counted ones is added to their sums, unmerged),
  :func:`lenient_since` counts the work since a date once per date.
* Certificates with no obtained date are left out of the certificate tables and recorded in
  ``cert_undated`` (national levels held), so a clause that would pass with one answers review.
"""

from __future__ import annotations

from operator import itemgetter

from eligibility_desk.domain.applicant import Applicant, TitleGrade
from eligibility_desk.rules_engine.dates import clerk_span, clerk_ymd
from eligibility_desk.rules_engine.normalize import normalize_name

#: end of an ongoing work period
OPEN = 10**9
# an enum member's ``_value_`` is a plain attribute: Enum.value is a property, and an enum member as a dict
# key calls Enum.__hash__, a Python function (both slow on the hot path)
_RANK = {g._value_: g.rank for g in TitleGrade}
_NO_CERTS = (None,) * 6
_NONES = tuple((None,) * k for k in range(7))  # _NONES[k]: k times None
_NO_WORK = (0, 0, 0, 0)
_NO_LENIENT = (0, 0, 0, 0, 0, None)  # lenient_since: no work since the date


class Facts:
    """Slots filled by :func:`build_facts` (plain loops: comprehensions are function calls in Python 3.11,
    and this runs once per applicant on the hot path)."""

    __slots__ = ("as_of", "spans", "ongoing", "titles", "edus", "cert_at_least", "cert_exact", "work_all",
                 "applicant", "occupations", "doubt", "doubt_reach", "cert_undated", "cache", "clerk0",
                 "no_work", "lenient", "clerk_all", "work0", "doubt_every", "other_certs", "doubt_raw",
                 "lspans", "lwork_all", "lclerk_all", "lsame", "lmemo")

    as_of: int
    spans: list          # [(start, end_exclusive | OPEN), ...] merged, sorted
    ongoing: bool        # the last span is OPEN
    titles: list         # [(rank, obtained, matches: bool | None), ...] sorted by date
    edus: list           # [(school_type, class_type | None, major_norm, major, graduated_on | None, in_school, assessed), ...]
    cert_at_least: list  # earliest certificate of level L or higher, indexed 0..5: (held, obtained) or None;
                         # obtained is None for a certificate with no date (only when no dated one fills L)
    cert_exact: list     # earliest certificate of exactly level L
    work_all: tuple      # work_since(facts, 0, as_of): asked by several clauses of several levels
    applicant: Applicant  # the record, for the rarer clauses that read it directly (age, training, ...)
    occupations: frozenset  # the standard's main occupation list (normalized names)
    doubt: tuple | None   # ((reason, occupation, start), ...) of work left out as doubtful; None: no doubt
    doubt_reach: int      # (set with doubt) the days of doubtful work up to the as-of date + 3 days per period
                          # (counted or doubtful): a clause short by more cannot be passed by it; the most a
                          # clerk's sum can gain over the days counted (the test before a second look)
    doubt_every: bool     # (set with doubt) some work was doubtful for its occupation: lenient facts count every one
    doubt_raw: tuple      # (set with doubt) ((start, end_exclusive | OPEN), ...) of the doubtful work as the lenient
                          # facts count it (an unknown end as still running): merged with ``spans``, their periods;
                          # clipped to the as-of date, what lenient_reach adds
    lspans: list | None   # (set with doubt) the lenient reading's merged periods — ``spans`` and ``doubt_raw`` merged,
                          # what lenient_facts count — once lenient_reading has made them (None before)
    lwork_all: tuple | None   # (set with doubt) work_all of ``lspans``, read by a second look; None before
    lclerk_all: tuple | None  # (set by lenient_reading) clerk_all of ``lspans``
    lsame: bool           # (set with doubt) the lenient facts hold the same certificate tables (no certificate of
                          # another occupation comes in): a certificate's second look counts from the same one
    lmemo: dict | None    # (set with doubt) since -> lenient_since(self, since), once asked
    lenient: "Facts | None"  # lenient_facts(self), once built
    clerk_all: tuple | None  # several periods: the clerk's sum of all work on the as-of date, (clerk days,
                             # clerk days but the last period's, the last period's start, (y, m, d)); else None
    cert_undated: tuple   # national levels of certificates with no obtained date
    other_certs: tuple    # ((level, obtained | None), ...) of national certificates in an occupation not on
                          # the list (what lenient facts counting every occupation add)
    cache: dict | None    # per-applicant memo of the rarer clauses (other occupation lists, lenient facts)
    no_work: bool         # no related work and no doubtful work: work clauses answer their constant
    clerk0: dict | None   # since -> the clerk's sum of work on the as-of date (several clauses ask it), once asked
    work0: dict | None    # since -> work_since(facts, since, as_of), once asked (see work_on_as_of)


_second = itemgetter(1)  # sort by date, stable (a C key function: no Python call per item)


#: occupation list -> {occupation as written: whether its normalized name is on the list}: a batch repeats a
#: few dozen occupations, so each is normalized and looked up once (bounded; cleared when it grows large)
_LISTED: dict[frozenset, dict[str, bool]] = {}


#: a major as written -> its normalized name (a batch repeats a few hundred majors; bounded)
_MAJOR_KEYS: dict[str, str] = {}


def merge_spans(raw: list) -> list:
    """Periods ``(start, stop)`` (day ordinals, ``stop`` exclusive or :data:`OPEN`) sorted in place and merged where
    they overlap or touch: the days worked, each counted once."""
    spans: list = []
    raw.sort()
    for start, end in raw:
        if spans and start <= spans[-1][1]:
            if end > spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


#: (the occupation list asked last, its ``_LISTED`` entry): build_facts reads it without a call.  One tuple,
#: rebound whole, so a thread reading it never sees one list with another's entry
_LAST_LISTED: tuple = (None, None)


def _listed(occupations: frozenset) -> dict[str, bool]:
    found = _LISTED.get(occupations)
    if found is None:
        if len(_LISTED) > 64:
            _LISTED.clear()
        found = _LISTED[occupations] = {}
    global _LAST_LISTED
    _LAST_LISTED = (occupations, found)
    return found


def build_facts(applicant: Applicant, as_of: int, occupations: frozenset[str] | None,
                review_unlisted: bool = False, lenient: bool = False, base: Facts | None = None) -> Facts:
    """The facts of ``applicant`` on ``as_of`` for a standard whose main occupation list is ``occupations``
    (``None``: every occupation counts).  ``review_unlisted``: work in other occupations is a doubt (see the
    module); ``lenient``: a period with an unknown end counts as still running (for :func:`lenient_facts`);
    ``base``: facts of the same applicant on the same date whose titles and education are taken as they are
    (they do not depend on the occupation lists), and their certificate tables when the same certificates
    count (the same list, or no certificate of another occupation)."""
    norm = normalize_name
    facts = Facts()
    facts.as_of = as_of
    facts.applicant = applicant
    facts.occupations = occupations
    facts.cache = None
    facts.clerk0 = None
    facts.work0 = None
    facts.lenient = None
    doubt = None
    doubt_days = 0
    doubt_raw = ()
    every = False

    if occupations is None:
        listed = None
    else:  # _listed(occupations), the last list asked kept at hand (a batch asks the same one every time)
        last = _LAST_LISTED
        listed = last[1] if last[0] is occupations else _listed(occupations)
    spans: list = []
    if applicant.work:
        raw = []
        for period in applicant.work:
            if listed is not None:
                occupation = period.occupation
                on_list = listed.get(occupation)
                if on_list is None:
                    if len(listed) > 50_000:  # bounded (a new occupation as written is rare)
                        listed.clear()
                    on_list = listed[occupation] = norm(occupation) in occupations
            if listed is None or on_list:
                start = period.start.toordinal()
                if start <= as_of:
                    end = period.end  # a property of the fast decoder's records: read once
                    if end is None:
                        if not period.end_known and not lenient:
                            found = ("end", period.occupation, start)
                            doubt = (found,) if doubt is None else doubt + (found,)
                            doubt_raw += ((start, OPEN),)
                            doubt_days += as_of - start
                            continue
                        raw.append((start, OPEN))
                    else:
                        end = end.toordinal() + 1
                        if end > as_of:
                            end = as_of
                        if end > start:
                            raw.append((start, end))
            elif review_unlisted and (start := period.start.toordinal()) <= as_of:
                every = True
                found = ("occupation", period.occupation, start)
                doubt = (found,) if doubt is None else doubt + (found,)
                end = period.end
                if end is None:
                    doubt_raw += ((start, OPEN),)
                    doubt_days += as_of - start
                else:
                    end = end.toordinal() + 1
                    if end > as_of:
                        end = as_of
                    if end > start:
                        doubt_raw += ((start, end),)
                        doubt_days += end - start
        spans = merge_spans(raw) if len(raw) > 1 else raw
    facts.spans = spans
    facts.ongoing = bool(spans) and spans[-1][1] == OPEN
    facts.doubt = doubt
    facts.no_work = doubt is None and not spans
    if doubt is not None:
        facts.doubt_reach = doubt_days + 3 * (len(spans) + len(doubt))
        facts.doubt_every = every
        facts.doubt_raw = doubt_raw
        # the lenient reading, made beside the strict one when a second look first asks (lenient_reading)
        facts.lspans = facts.lwork_all = facts.lmemo = None

    if base is not None and (occupations is base.occupations or not base.other_certs):
        # the same certificates count: of the same list, or of every occupation when none is of another
        facts.cert_at_least = base.cert_at_least
        facts.cert_exact = base.cert_exact
        facts.cert_undated = base.cert_undated
        facts.other_certs = base.other_certs
    else:
        certs: list = []
        undated = ()
        others = ()
        if applicant.certificates:
            for c in applicant.certificates:
                if c.standard:  # a certificate of a standard's own levels: read by the clauses that name it
                    continue
                if listed is not None:
                    occupation = c.occupation
                    on_list = listed.get(occupation)
                    if on_list is None:
                        if len(listed) > 50_000:
                            listed.clear()
                        on_list = listed[occupation] = norm(occupation) in occupations
                    if not on_list:
                        others += ((c.level, None if c.obtained_on is None else c.obtained_on.toordinal()),)
                        continue
                obtained = c.obtained_on
                if obtained is None:
                    undated += (c.level,)
                    continue
                obtained = obtained.toordinal()
                if obtained <= as_of:
                    certs.append((c.level, obtained))
            if len(certs) > 1:
                certs.sort(key=_second)
        if undated:  # an undated certificate fills the levels no dated one does, as (level, None): review there
            certs.extend((held, None) for held in undated)
        if len(certs) == 1:  # tuples made from prefixes of None (the clauses only index the tables)
            cert = certs[0]
            held = cert[0]
            facts.cert_at_least = _NONES[held] + (cert,) * (6 - held)
            facts.cert_exact = _NONES[held] + (cert,) + _NONES[5 - held]
        elif certs:
            at_least = [None] * 6
            exact = [None] * 6
            # sorted by date (undated last): walked from the last, so the earliest writes last and stays
            for i in range(len(certs) - 1, -1, -1):
                cert = certs[i]
                held = cert[0]
                exact[held] = cert
                at_least[held:] = [cert] * (6 - held)
            facts.cert_at_least = at_least
            facts.cert_exact = exact
        else:
            facts.cert_at_least = facts.cert_exact = _NO_CERTS
        facts.cert_undated = undated
        facts.other_certs = others
    if doubt is not None:
        facts.lsame = not (every and facts.other_certs)

    if base is not None:
        facts.titles = base.titles
        facts.edus = base.edus
    else:
        titles: list = []
        if applicant.titles:
            for t in applicant.titles:
                obtained = t.obtained_on.toordinal()
                if obtained <= as_of:
                    titles.append((_RANK[t.grade._value_], obtained, t.profession_matches))
            if len(titles) > 1:
                titles.sort(key=_second)
        facts.titles = titles

        edus: list = []
        for e in applicant.education:
            graduated = e.graduated_on
            class_type = e.class_type
            major = e.major
            key = _MAJOR_KEYS.get(major)
            if key is None:
                if len(_MAJOR_KEYS) > 50_000:
                    _MAJOR_KEYS.clear()
                key = _MAJOR_KEYS[major] = norm(major)
            edus.append((e.school_type._value_, None if class_type is None else class_type._value_, key,
                         major, None if graduated is None else graduated.toordinal(), e.in_school, e.assessed))
        facts.edus = edus
    # work_all (work_since(facts, 0, as_of)) and clerk_all of the merged spans: _sums, one period written out
    if not spans:
        facts.work_all = _NO_WORK
        facts.clerk_all = None
    elif len(spans) == 1:
        start, stop = spans[0]
        if stop > as_of:
            stop = as_of
        facts.work_all = (stop - start, stop, start, 1) if stop > start else _NO_WORK
        facts.clerk_all = None
    else:
        facts.work_all, facts.clerk_all = _sums(spans, as_of)
    return facts


def _sums(spans: list, as_of: int) -> tuple:
    """``(work_all, clerk_all)`` of the merged ``spans`` on ``as_of``: ``work_since(facts, 0, as_of)`` and, for
    several periods, the clerk's sum of all work (see ``Facts.clerk_all``)."""
    if not spans:
        return _NO_WORK, None
    if len(spans) == 1:
        start, stop = spans[0]
        if stop > as_of:
            stop = as_of
        return ((stop - start, stop, start, 1) if stop > start else _NO_WORK), None
    # work_since(facts, 0, as_of) and, for several periods, the clerk's sum every work clause asks (see
    # vocabulary._clerk, which this inlines), in one pass
    total = end = first = n = clerk = last = last_start = 0
    for start, stop in spans:
        if stop > as_of:
            stop = as_of
        if stop > start:
            total += stop - start
            end = stop
            n += 1
            if not first:
                first = start
            last = clerk_span(start, stop)
            clerk += last
            last_start = start
    return ((total, end, first, n) if n else _NO_WORK,
            (clerk, clerk - last, last_start, clerk_ymd(clerk)) if n > 1 else None)


def lenient_facts(facts: Facts) -> Facts:
    """The same applicant with its doubtful work counted (an unknown end as still running, any occupation
    when unlisted ones are doubtful); built once per applicant, when a clause first asks."""
    found = facts.lenient
    if found is None:
        every = facts.doubt is not None and facts.doubt_every
        if facts.doubt is None or (every and facts.other_certs):
            # certificates of another occupation count too: the tables are made again from the record
            found = build_facts(facts.applicant, facts.as_of, None if every else facts.occupations,
                                lenient=True, base=facts)
        else:
            found = _lenient_from(facts, every)
        found.cache = {"is_lenient": True}
        facts.lenient = found
    return found


def _lenient_from(facts: Facts, every: bool) -> Facts:
    """:func:`build_facts` of the record with ``lenient=True`` (and every occupation when ``every``), made from
    ``facts`` without reading the record again: their merged periods and the doubtful ones as the lenient
    facts count them (``doubt_raw``; the union of periods does not depend on the order they are merged in),
    every other table taken as it is (the same certificates count: no certificate of another occupation, or
    the same occupation list).  tests/rules_engine/test_engine_equivalence.py compares the two."""
    lenient = Facts()
    lenient.as_of = facts.as_of
    lenient.applicant = facts.applicant
    lenient.occupations = None if every else facts.occupations
    lenient.cache = lenient.clerk0 = lenient.work0 = lenient.lenient = lenient.doubt = None
    if facts.lwork_all is None:
        lenient_reading(facts)
    spans = lenient.spans = facts.lspans
    lenient.ongoing = bool(spans) and spans[-1][1] == OPEN
    lenient.no_work = not spans
    lenient.cert_at_least = facts.cert_at_least
    lenient.cert_exact = facts.cert_exact
    lenient.cert_undated = facts.cert_undated
    lenient.other_certs = facts.other_certs
    lenient.titles = facts.titles
    lenient.edus = facts.edus
    lenient.work_all = facts.lwork_all
    lenient.clerk_all = facts.lclerk_all
    return lenient


def lenient_reading(facts: Facts) -> tuple:
    """The lenient reading beside the facts' strict one, made once: their merged periods and the doubtful
    ones as :func:`lenient_facts` count them (``doubt_raw``; the union of periods does not depend on the
    order they are merged in) merged into ``facts.lspans``, summed into ``facts.lwork_all`` and
    ``facts.lclerk_all`` (what :func:`build_facts` gives the lenient facts) in one call; returns ``lwork_all``.
    A second look reads these numbers instead of building lenient facts.

    One doubtful period that touches none of the facts' (the common case: :func:`_one_apart`) is added to
    the facts' own sums instead: no merge, and the clerk's days of the facts' periods are taken from
    ``clerk_all`` when they have several."""
    doubt_raw = facts.doubt_raw
    if len(doubt_raw) == 1 and _one_apart(facts, doubt_raw[0]):
        return facts.lwork_all
    raw = facts.spans + list(doubt_raw)
    spans = facts.lspans = merge_spans(raw) if len(raw) > 1 else raw
    work, facts.lclerk_all = _sums(spans, facts.as_of)
    facts.lwork_all = work
    return work


def _one_apart(facts: Facts, doubtful: tuple) -> bool:
    """:func:`lenient_reading` for one doubtful period that neither overlaps nor touches any of the facts'
    merged periods, every one of them with a day counted: ``lspans`` is the facts' periods with it put in
    its place, ``lwork_all`` and ``lclerk_all`` the facts' sums with its own added (what :func:`_sums` gives
    on those periods: each period's clerk days are added as they are).  False, and nothing set, otherwise."""
    on = facts.as_of
    start, raw_stop = doubtful
    stop = on if raw_stop > on else raw_stop
    if stop <= start:
        return False
    spans = facts.spans
    total, end, first, n = facts.work_all
    if n != len(spans):  # a period of the facts with no day counted (it starts on the as-of date)
        return False
    before = 0  # the facts' periods before the doubtful one
    for s, e in spans:
        if e < start:  # ends (exclusive) before the day before it starts: apart
            before += 1
        elif s <= raw_stop:  # overlaps or touches it (merge_spans would merge them)
            return False
    days = stop - start
    if not n:
        facts.lspans = [doubtful]
        facts.lwork_all = (days, stop, start, 1)
        facts.lclerk_all = None
        return True
    own = clerk_span(start, stop)
    clerk_all = facts.clerk_all
    if clerk_all is None:  # one period of the facts
        s, e = spans[0]
        clerk = clerk_span(s, e if e < on else on)
        last, last_start = clerk, s
    else:
        clerk = clerk_all[0]
        last, last_start = clerk - clerk_all[1], clerk_all[2]
    clerk += own
    if before == n:  # the doubtful period is the last
        facts.lspans = spans + [doubtful]
        facts.lwork_all = (total + days, stop, first, n + 1)
        facts.lclerk_all = (clerk, clerk - own, start, clerk_ymd(clerk))
    else:
        facts.lspans = spans[:before] + [doubtful] + spans[before:]
        facts.lwork_all = (total + days, end, start if before == 0 else first, n + 1)
        facts.lclerk_all = (clerk, clerk - last, last_start, clerk_ymd(clerk))
    return True


def lenient_since(facts: Facts, since: int) -> tuple:
    """The lenient reading of the work since ``since`` on the as-of date, from ``facts.lspans`` (no lenient
    facts built): ``(total days, effective end, first counted day, periods, clerk days, (y, m, d))`` — the
    first four what :func:`work_since` gives on :func:`lenient_facts`, the clerk's sum (and its y-m-d) only
    for several periods (else ``0, None``), as :func:`.vocabulary._clerk` counts it there.  Memoised per
    ``since``: the second looks of several levels count from the same certificate or title."""
    memo = facts.lmemo
    if memo is None:
        memo = facts.lmemo = {}
    else:
        found = memo.get(since)
        if found is not None:
            return found
    work = facts.lwork_all
    if work is None:
        work = lenient_reading(facts)
    if since >= work[1]:  # after the last day counted (or nothing counted): no work since
        found = memo[since] = _NO_LENIENT
        return found
    spans = facts.lspans
    if since <= spans[0][0]:  # before the first period: all of it, as lenient_reading summed it
        clerk = facts.lclerk_all
        found = memo[since] = (*work, 0, None) if clerk is None else (*work, clerk[0], clerk[3])
        return found
    on = facts.as_of
    total = end = first = n = 0
    for start, stop in spans:
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop > start:
            total += stop - start
            end = stop
            n += 1
            if not first:
                first = start
    if n <= 1:
        found = memo[since] = (total, end, first, n, 0, None)
        return found
    clerk = 0  # several periods: the clerk's sum (one period is judged by its calendar)
    for start, stop in spans:
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop > start:
            clerk += clerk_span(start, stop)
    found = memo[since] = (total, end, first, n, clerk, clerk_ymd(clerk))
    return found


def lenient_reach(facts: Facts, since: int, counted: int | None = None) -> int:
    """At least the clerk days (and the calendar days) of work :func:`lenient_facts` count in
    ``[since, as_of)``, without building them: the days counted plus the doubtful days, both from ``since``
    (overlaps counted twice), and 3 days for each period that has a day there — a period's clerk days exceed
    its calendar days by at most 2 (30-day months against a 28-day February; tests/rules_engine/
    test_engine_equivalence.py), and the lenient facts' merged periods are at most as many.  A work clause
    whose years this does not reach cannot pass on a second look.  ``counted``: the counted part
    (days + 3 a period) when the caller has it."""
    on = facts.as_of
    if counted is None:
        counted = 0
        for start, stop in facts.spans:
            if stop > on:
                stop = on
            if start < since:
                start = since
            if stop > start:
                counted += stop - start + 3
    for start, stop in facts.doubt_raw:  # the doubtful work, clipped to the as-of date
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop > start:
            counted += stop - start + 3
    return counted


def lenient_cert_since(facts: Facts, level: int, higher: bool) -> int | None:
    """At most the date of the certificate :func:`lenient_facts` hold for ``level`` (of that level or higher
    when ``higher``), exactly when they count every occupation: the earliest dated one by the as-of date of a
    listed occupation (the facts' own) or of another (``other_certs``).  ``None``: they hold no dated one,
    so a clause counting work since it cannot pass on a second look."""
    cert = (facts.cert_at_least if higher else facts.cert_exact)[level]
    best = None if cert is None else cert[1]
    on = facts.as_of
    for held, obtained in facts.other_certs:
        if obtained is not None and obtained <= on and (held == level or (higher and held < level)) \
                and (best is None or obtained < best):
            best = obtained
    return best


def work_since(facts: Facts, since: int, on: int) -> tuple[int, int, int, int]:
    """Days of related work in ``[since, on)``: ``(total days, effective end, first counted day, periods)``.

    The effective end is the end of the last counted day (exclusive): ``on`` while work is ongoing;
    ``periods`` is how many separate (merged) periods were counted.
    (Not cached: with one or two periods, summing again is cheaper than a dictionary look-up.)
    """
    total = 0
    end = 0
    first = 0
    n = 0
    for start, stop in facts.spans:
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop > start:
            total += stop - start
            end = stop
            n += 1
            if not first:
                first = start
    return total, end, first, n


def work_on_as_of(facts: Facts, since: int) -> tuple[int, int, int, int]:
    """``work_since(facts, since, facts.as_of)``, memoised per ``since``: the work clauses of several levels
    count from the same certificate or title (the earliest of level L or higher is often the same one)."""
    memo = facts.work0
    if memo is None:
        found = work_since(facts, since, facts.as_of)
        facts.work0 = {since: found}
        return found
    found = memo.get(since)
    if found is None:
        found = memo[since] = work_since(facts, since, facts.as_of)
    return found


def counted_spans(facts: Facts, since: int, on: int) -> list[tuple[int, int]]:
    """The merged periods counted in ``[since, on)``, clipped to it: what the clerk's sum adds up (the engine
    walks ``facts.spans`` itself; this is the plain statement its tests compare with)."""
    out = []
    for start, stop in facts.spans:
        if stop > on:
            stop = on
        if start < since:
            start = since
        if stop > start:
            out.append((start, stop))
    return out
