"""Level codes as a clerk types them: ``t1``, ``Ｔ１``, `` T1 `` are the standard's own ``T1``.

Wherever a person gives a level code (an applicant file's 申报等级, the ``screen``/``import`` ``--level``
options, a batch's levels given to the desk, a certificate's or a training's level in a record), it is
matched against **one** standard's level list after NFKC (full-width → half-width) and case-folding, with
white space removed, and replaced by that standard's own spelling.  A code is never matched against
another standard's list, nor guessed from a near miss: what matches no code of the list is kept as typed
(stripped), for the caller to refuse with the allowed list as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable, Sequence

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def level_key(text: str) -> str:
    """What two spellings of one level code have in common: NFKC, case-folded, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


@lru_cache(maxsize=256)
def _codes_by_key(codes: tuple[str, ...]) -> dict[str, str]:
    return {level_key(code): code for code in codes}


def canonical_level(typed: Any, codes: Sequence[str]) -> str:
    """``typed`` as the standard's own code when it is one of ``codes`` as a clerk may type it; otherwise
    ``typed`` as written (stripped), for the caller to refuse."""
    text = str(typed).strip()
    if text in codes:
        return text
    return _codes_by_key(tuple(codes)).get(level_key(text), text)


def canonical_levels(typed: Iterable[Any], codes: Sequence[str]) -> tuple[str, ...]:
    """Each of ``typed`` by :func:`canonical_level` (empty entries dropped, first of repeats kept)."""
    out: list[str] = []
    for item in typed:
        if item is None or str(item).strip() == "":
            continue
        code = canonical_level(item, codes)
        if code not in out:
            out.append(code)
    return tuple(out)
