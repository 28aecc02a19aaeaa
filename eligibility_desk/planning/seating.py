"""Seat order inside one session: random by the plan's seed, same-institution candidates kept apart.

Seats are numbered 1, 2, ... in the room's order; seats ``n`` and ``n + 1`` count as adjacent
(docs/planning.md).  The greedy below — always seat someone from the institution with the most candidates
still standing, never the institution just seated — leaves no two neighbours from one institution whenever
that is possible at all (no institution holds more than half the seats, rounded up).
"""

from __future__ import annotations

import heapq
import random
from typing import Callable, Sequence


def arrange_seats(candidates: Sequence[str], institution_of: Callable[[str], str], rng: random.Random) -> list[str]:
    groups: dict[str, list[str]] = {}
    for i, cid in enumerate(candidates):
        key = institution_of(cid) or f"\x00{i}"      # no institution: no constraint, a group of its own
        groups.setdefault(key, []).append(cid)
    heap = []
    for order, (key, members) in enumerate(groups.items()):
        rng.shuffle(members)
        heap.append((-len(members), rng.random(), order, key))
    heapq.heapify(heap)
    seated: list[str] = []
    held = None                                       # the institution just seated, out of the heap
    while heap:
        count, tie, order, key = heapq.heappop(heap)
        seated.append(groups[key].pop())
        if held is not None:
            heapq.heappush(heap, held)
            held = None
        if count + 1 < 0:
            held = (count + 1, tie, order, key)
    if held is not None:                              # only one institution left: neighbours unavoidable
        _count, _tie, _order, key = held
        seated.extend(groups[key])
    return seated


def adjacent_same(seats: Sequence[tuple[int, str]], institution_of: Callable[[str], str]) -> list[tuple[int, int, str]]:
    """Pairs of neighbouring seat numbers whose candidates share an institution: (seat, seat + 1, institution)."""
    by_number = {number: cid for number, cid in seats}
    found = []
    for number, cid in sorted(seats):
        other = by_number.get(number + 1)
        if other is None:
            continue
        inst = institution_of(cid)
        if inst and inst == institution_of(other):
            found.append((number, number + 1, inst))
    return found
