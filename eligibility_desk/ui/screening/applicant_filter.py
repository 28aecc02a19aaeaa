"""Filtering the applicant list: plain Python over precomputed keys, so a keystroke stays under 100 ms.

The list holds plain rows (``ApplicantListItem`` from the services layer).  :class:`FilterIndex` computes,
once per load, a lowercase search key per row (name, ID number, school, major) and the few facts the
filters ask about; :meth:`FilterIndex.select` then returns the row numbers that pass.  When the new search
text extends the previous one and nothing else changed, only the previous survivors are scanned again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

ANY = None


@dataclass(frozen=True)
class ApplicantFilter:
    text: str = ""
    level: str | None = ANY            # applies for this level
    verdict: str | None = ANY          # final verdict — the clerk's decision, else the engine's latest (at
                                       # ``level`` when one is chosen, else at any level)
    decided: bool | None = ANY         # the row's ``decided`` flag (a clerk has settled it)

    @property
    def needle(self) -> str:
        return self.text.strip().lower()

    def narrows(self, previous: "ApplicantFilter") -> bool:
        """Whether every row passing self also passed ``previous`` (so only its survivors need a scan)."""
        return (self.level == previous.level and self.verdict == previous.verdict
                and self.decided == previous.decided and previous.needle in self.needle)


def search_key(row, masked: bool = False) -> str:
    id_number = row.id_number or ""
    if masked and id_number:
        from eligibility_desk.ui.common.id_numbers import shown_id_number

        id_number = shown_id_number(id_number, True)
    return "\x1f".join((row.name or "", id_number, row.school or "", row.major or "")).lower()


def search_keys(rows: Sequence, masked: bool = False) -> list[str]:
    """Every row's search key; pure Python, so the list loader runs it off the GUI thread.  ``masked``: with
    the 身份证号 as a masked list shows it."""
    return [search_key(row, masked) for row in rows]


class FilterIndex:
    """Search keys and verdict maps are built on first use (the first keystroke, the first verdict filter),
    so opening a batch costs only the sort."""

    def __init__(self, rows: Sequence, keys: list[str] | None = None, masked: bool = False):
        self.rows = rows
        self.masked = masked
        self._keys = keys  # from search_keys(rows), e.g. computed on the worker thread that loaded the rows
        self._verdicts: list[dict] | None = None
        self.order: range | list[int] = range(len(rows))  # row numbers in display (sort) order
        self._last: tuple[ApplicantFilter, list[int]] | None = None
        self._positions: dict | None = None

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = search_keys(self.rows, self.masked)
        return self._keys

    @property
    def verdicts(self) -> list[dict]:
        if self._verdicts is None:  # (level, verdict) pairs -> dict, once
            self._verdicts = [dict(row.final_verdicts) for row in self.rows]
        return self._verdicts

    def position_of_pk(self, pk) -> int | None:
        if self._positions is None:
            self._positions = {row.pk: i for i, row in enumerate(self.rows)}
        return self._positions.get(pk)

    def set_order(self, order: list[int]) -> None:
        """Rows in sort order; selections keep it, so a keystroke never sorts again."""
        self.order = order
        self._last = None

    def select(self, f: ApplicantFilter) -> list[int]:
        """Row numbers passing ``f``, in :attr:`order`."""
        base: range | list[int] = self.order
        if self._last is not None and f.narrows(self._last[0]):
            base = self._last[1]
        needle = f.needle
        if needle:
            keys = self.keys
            base = [i for i in base if needle in keys[i]]
        rows = self.rows
        if f.level is not ANY:
            level = f.level
            base = [i for i in base if level in rows[i].levels]
        if f.verdict is not ANY:
            verdict, level = f.verdict, f.level
            verdicts = self.verdicts
            if level is ANY:
                base = [i for i in base if verdict in verdicts[i].values()]
            else:
                base = [i for i in base if verdicts[i].get(level) == verdict]
        if f.decided is not ANY:
            decided = f.decided
            base = [i for i in base if bool(rows[i].decided) is decided]
        selected = list(base)
        self._last = (f, selected)
        return selected
