"""What the centre can choose about its printed documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class DocumentOptions:
    #: 考点/评价机构 name and 批次 name; None takes the scenario's, then a default (docs/printing.md)
    centre: str | None = None
    batch: str | None = None
    #: CJK font ``PATH`` or ``PATH#INDEX``; None searches (see :mod:`.fonts`)
    font: str | None = None
    #: ID number digits kept visible at the start and the end; None prints the number in full
    id_mask: tuple[int, int] | None = (6, 4)
    #: admission slips: two A5 slips on each A4 page
    two_per_page: bool = False
    #: admission slips: every slip printed carries the 补打 (reprint) mark
    reprint: bool = False
    #: admission slips: only these candidates (ids or admission numbers); None prints all
    only: frozenset[str] | None = None
    #: the 考生须知 template; None uses the user's config folder copy, else the shipped default
    notice_template: Path | None = None
    #: the centre's check-code secret, or a function giving it (called once every check has passed, so a refused
    #: print creates no key); None loads (and on first use creates) the default key file
    secret: "bytes | Callable[[], bytes] | None" = None
    #: processes rendering slip chunks in parallel; None uses every core
    workers: int | None = None


def mask_id_number(number: str, keep: tuple[int, int] | None) -> str:
    """``110101199001011234`` -> ``110101********1234`` for keep=(6, 4); short numbers keep less."""
    if not number or keep is None:
        return number
    start, end = keep
    if start + end >= len(number):  # too short to keep both ends: hide the middle third at least
        third = max(1, len(number) // 3)
        start, end = third, third
        if start + end >= len(number):
            return "*" * len(number)
    return number[:start] + "*" * (len(number) - start - end) + number[len(number) - end:]
