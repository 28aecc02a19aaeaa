"""The lenient reading's shortcut for one doubtful period apart from the counted ones (facts._one_apart).

``lenient_reading`` adds one doubtful period that neither overlaps nor touches the facts' merged periods to the
facts' own sums instead of merging and summing again.  Here, on work histories made to sit close together
(gaps of 0–3 days, overlaps, periods starting on the as-of date, still running, end unknown), what it sets is
compared with the plain statement: every period merged (``merge_spans``) and summed (``_sums``) — the same
periods, work and clerk's sum — and the shortcut is seen taken before, between and after counted periods,
with none counted, and refused where the periods touch.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from eligibility_desk.domain import Applicant, WorkPeriod
from eligibility_desk.rules_engine.facts import _one_apart, _sums, build_facts, lenient_reading, merge_spans

LISTED = frozenset({"电子商务师"})
AS_OF = date(2025, 9, 1)


def _history(rng: random.Random, i: int) -> Applicant:
    work = []
    day = AS_OF - timedelta(days=rng.randrange(300, 6000))
    for _ in range(rng.randrange(1, 5)):
        occupation = "电子商务师" if rng.random() < 0.6 else "厨师"  # 厨师: on no list, doubtful
        roll = rng.random()
        if roll < 0.1:
            work.append(WorkPeriod(occupation, day, None))  # still working
            break
        if roll < 0.15:
            work.append(WorkPeriod(occupation, day, None, end_known=False))
            break
        end = day + timedelta(days=rng.randrange(0, 900))
        work.append(WorkPeriod(occupation, day, end))
        day = end + timedelta(days=rng.choice([-30, 0, 1, 2, 3, rng.randrange(4, 400)]))  # overlaps, touches, apart
        if day > AS_OF:
            break
    if rng.random() < 0.05:
        work.append(WorkPeriod("厨师", AS_OF, None))  # a doubtful period with no day counted
    if rng.random() < 0.05:
        work.append(WorkPeriod("电子商务师", AS_OF, AS_OF + timedelta(days=30)))  # a counted one with none
    rng.shuffle(work)
    return Applicant(id=f"A{i}", name="x", work=tuple(work))


def test_one_doubtful_period_apart_is_added_to_the_facts_sums_as_merging_and_summing_gives():
    rng = random.Random(7)
    on = AS_OF.toordinal()
    seen = set()
    for i in range(6000):
        facts = build_facts(_history(rng, i), on, LISTED, True)
        if facts.doubt is None:
            continue
        spans = merge_spans(facts.spans + list(facts.doubt_raw))
        work, clerk = _sums(spans, on)
        shortcut = len(facts.doubt_raw) == 1 and _one_apart(facts, facts.doubt_raw[0])
        if shortcut:
            where = spans.index(facts.doubt_raw[0])
            seen.add("none counted" if len(spans) == 1 else "first" if where == 0
                     else "last" if where == len(spans) - 1 else "between")
            seen.add(("counted", min(len(facts.spans), 2)))
        elif len(facts.doubt_raw) == 1:
            seen.add("refused")
        facts.lspans = facts.lwork_all = facts.lclerk_all = None
        assert lenient_reading(facts) == work == facts.lwork_all, facts.applicant
        assert facts.lspans == spans and facts.lclerk_all == clerk, facts.applicant
    assert seen >= {"none counted", "first", "last", "between", "refused", ("counted", 0), ("counted", 1),
                    ("counted", 2)}
