"""Score statistics per batch, level, part, session and room — pure functions over plain records.

For a group of part records:

- ``candidates``: records in the group; ``absent`` (缺考), ``disqualified`` (违纪) and ``missing`` (nothing
  entered yet) are counted apart;
- ``sat`` = candidates − absent − missing (a disqualified candidate sat and failed);
- ``pass_rate`` = passed / sat (``None`` when nobody sat);
- ``mean`` (to 0.01) and ``median`` of the scores; a disqualified candidate has no score;
- ``histogram``: counts of scores in bins of ``bin_width`` from the scale's minimum; the last bin holds the
  maximum (with width 10: 0–9.9, …, 80–89.9, 90–100).

Candidate outcomes (pass/fail/incomplete) are summarised by :func:`outcome_statistics`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Iterable, Mapping, NamedTuple, Sequence

from eligibility_desk.scoring.results import FAIL, INCOMPLETE, PASS, CandidateResult, paused_gc
from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.sheet import ScoreSheet
from eligibility_desk.scoring.values import CellValue, Mark, Marked

DIMENSIONS = ("batch", "level", "part", "session", "room")
_CENT = Decimal("0.01")


class PartRecord(NamedTuple):
    candidate: str
    level: str
    part: str
    value: CellValue
    session: str = ""
    room: str = ""
    batch: str = ""


@dataclass(frozen=True)
class GroupStatistics:
    key: tuple
    candidates: int
    absent: int
    disqualified: int
    missing: int
    sat: int
    passed: int
    pass_rate: float | None
    mean: Decimal | None
    median: Decimal | None
    histogram: tuple[int, ...]
    bin_edges: tuple[Decimal, ...]   # lower edge of each bin


@dataclass(frozen=True)
class OutcomeStatistics:
    key: tuple
    candidates: int
    passed: int
    failed: int
    incomplete: int
    pass_rate: float | None          # passed / (passed + failed)


def records_from_sheets(sheets: Iterable[ScoreSheet], levels: Mapping[str, str] | None = None) -> list[PartRecord]:
    """Part records of sheets: final values when locked, else the first recorder's entries so far."""
    out = []
    new = tuple.__new__   # skip the NamedTuple's Python-level __new__
    with paused_gc():
        out.extend(_sheet_records(sheets, levels, new))
    return out


def _sheet_records(sheets, levels, new):
    for sheet in sheets:
        values = sheet.final if sheet.locked else sheet.entries.get(1, {})
        for line in sheet.lines:
            level = line.level or (levels or {}).get(line.candidate, "")
            yield new(PartRecord, (line.candidate, level, sheet.part, values.get(line.seat),
                                   sheet.session, sheet.room, sheet.batch))


def bin_edges(rules: ScoringRules, bin_width: int | Decimal = 10) -> tuple[Decimal, ...]:
    width = Decimal(bin_width)
    edges = []
    edge = rules.scale_min
    while edge < rules.scale_max:
        edges.append(edge)
        edge += width
    return tuple(edges) or (rules.scale_min,)


def part_statistics(records: Iterable[PartRecord], rules: ScoringRules, by: Sequence[str] = ("part",),
                    bin_width: int | Decimal = 10) -> dict[tuple, GroupStatistics]:
    """Statistics per group; ``by`` names the grouping fields (``()`` for the whole batch).

    One pass counts each group's values (a one-decimal scale has at most 1,001 distinct scores); the
    summaries then work on those counts, so 100,000 candidates take a fraction of a second.
    """
    for name in by:
        if name not in DIMENSIONS:
            raise ValueError(f"unknown dimension {name!r} (known: {', '.join(DIMENSIONS)})")
    value_index = PartRecord._fields.index("value")
    indexes = [PartRecord._fields.index(name) for name in by]
    # count (key..., value) in C (Counter over itemgetter), then split the counts by key
    with paused_gc():
        counted = Counter(map(itemgetter(*indexes, value_index), records))
    groups: dict[tuple, dict] = {}
    if indexes:
        for key_value, count in counted.items():
            key = key_value[:-1]
            counts = groups.get(key)
            if counts is None:
                counts = groups[key] = {}
            counts[key_value[-1]] = count
    elif counted:
        groups[()] = dict(counted)
    edges = bin_edges(rules, bin_width)
    order = _sort_key(by, rules)
    return {key: _summarise(key, groups[key], rules, edges, Decimal(bin_width)) for key in sorted(groups, key=order)}


def _sort_key(by: Sequence[str], rules: ScoringRules):
    """Groups in the rule file's order of levels and parts; other fields alphabetically."""
    ranks = {"part": {p: i for i, p in enumerate(rules.parts)}, "level": {lv: i for i, lv in enumerate(rules.parts_by_level)}}
    tables = [ranks.get(name) for name in by]

    def key(group: tuple) -> tuple:
        return tuple((table.get(item, len(table)), str(item)) if table is not None else (0, str(item))
                     for table, item in zip(tables, group))
    return key


def _summarise(key: tuple, counts: dict, rules: ScoringRules, edges: tuple[Decimal, ...], width: Decimal) -> GroupStatistics:
    absent = disqualified = missing = 0
    scores: list[tuple[Decimal, int]] = []
    for value, count in counts.items():
        if value is None:
            missing += count
        elif type(value) is Marked:
            if value.mark is Mark.ABSENT:
                absent += count
            else:
                disqualified += count
        else:
            scores.append((value, count))
    scores.sort()
    candidates = sum(counts.values())
    pass_mark = rules.pass_mark
    passed = sum(count for score, count in scores if score >= pass_mark)
    sat = candidates - absent - missing
    histogram = [0] * len(edges)
    last = len(edges) - 1
    low = rules.scale_min
    for score, count in scores:
        index = int((score - low) // width)
        histogram[index if index < last else last] += count
    mean = median = None
    scored = sum(count for _score, count in scores)
    if scored:
        total = sum((score * count for score, count in scores), Decimal(0))
        mean = (total / scored).quantize(_CENT, rounding=ROUND_HALF_EVEN)
        median = _median(scores, scored)
    return GroupStatistics(key, candidates, absent, disqualified, missing, sat, passed,
                           passed / sat if sat else None, mean, median, tuple(histogram), edges)


def _median(scores: list[tuple[Decimal, int]], n: int) -> Decimal:
    """Median of sorted (score, count) pairs holding ``n`` scores."""
    def nth(position: int) -> Decimal:   # 0-based
        seen = 0
        for score, count in scores:
            seen += count
            if position < seen:
                return score
        return scores[-1][0]

    if n % 2:
        return nth(n // 2)
    return (nth(n // 2 - 1) + nth(n // 2)) / 2


def outcome_statistics(results: Iterable[CandidateResult], by_level: bool = True) -> dict[tuple, OutcomeStatistics]:
    counts: dict[tuple, list[int]] = {}
    slot = {PASS: 0, FAIL: 1, INCOMPLETE: 2}
    for result in results:
        key = (result.level,) if by_level else ()
        row = counts.setdefault(key, [0, 0, 0])
        row[slot[result.outcome]] += 1
    out = {}
    for key, (passed, failed, incomplete) in sorted(counts.items()):
        decided = passed + failed
        out[key] = OutcomeStatistics(key, passed + failed + incomplete, passed, failed, incomplete,
                                     passed / decided if decided else None)
    return out
