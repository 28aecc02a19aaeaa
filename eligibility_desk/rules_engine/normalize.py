"""Name matching: occupations and majors are compared after NFKC (full-width -> half-width) and with all
white space removed, so 「电子 商务」, 「电子商务 」 and full-width variants match 「电子商务」."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))
