"""Fitting a table's columns into the width it has by narrowing its long-text columns, never scrolling sideways.

A list of applicants or a plan has columns that must show whole (a number, an ID number, a level) and columns
of long text that elide with "…" and show the whole text in their tooltip (name, school, room, institution).
Each column has a natural width (its samples or widest text).  When they add up to more than the view has, the
long-text columns give way in proportion to what they can spare:

1. first down to their titles' width (the title stays whole, the cells elide);
2. then, if that is not enough — English titles are longer than Chinese ones, and a 1024 px screen is narrow —
   down to a floor of a few characters (:func:`floor_width`), the title eliding too (its tooltip has the whole
   title).

Only when even that does not fit does the table scroll sideways.  Pure arithmetic: :func:`shared_widths`;
:func:`floor_width` is the floor in a view's font.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

#: the narrowest a long-text column becomes: this many Chinese characters (then "…")
FLOOR_CHARS = 2


def floor_width(view, chars: int = FLOOR_CHARS) -> int:
    """``chars`` Chinese characters, an ellipsis and the cell's margins, in ``view``'s font."""
    return view.fontMetrics().horizontalAdvance("中" * chars + "…") + 12


def _give(widths: list[int], over: int, least: dict[int, int]) -> int:
    """Narrow the columns of ``least`` (column -> the narrowest it may become) by ``over`` px in all, each in
    proportion to what it can spare; what is still over."""
    spare = {c: widths[c] - low for c, low in least.items() if widths[c] > low}
    total = sum(spare.values())
    if over <= 0 or not total:
        return over
    cut = min(over, total)
    taken = 0
    for column, extra in spare.items():
        take = min(extra, -(-cut * extra // total), cut - taken)
        widths[column] -= take
        taken += take
    return over - taken


def shared_widths(natural: Sequence[int], room: int, elide: Iterable[int], titles: Sequence[int],
                  floor: int | Mapping[int, int]) -> list[int]:
    """``natural`` widths narrowed to fit ``room`` px: the ``elide`` columns first down to their ``titles``
    widths, then down to ``floor`` (px; or column -> px), never below it nor wider than they were; the other
    columns keep theirs."""
    widths = list(natural)
    columns = [c for c in elide if 0 <= c < len(widths)]
    floors = {c: floor.get(c, 0) if isinstance(floor, Mapping) else floor for c in columns}
    over = sum(widths) - room
    over = _give(widths, over, {c: min(widths[c], titles[c]) for c in columns})
    _give(widths, over, {c: min(widths[c], floors[c]) for c in columns})
    return widths


__all__ = ["FLOOR_CHARS", "floor_width", "shared_widths"]
