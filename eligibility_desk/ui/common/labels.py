"""Short labels for the list and panels, in the interface language ("zh" or "en").

The domain's :mod:`eligibility_desk.domain.labels` holds the wording of its enumerations; this module only
shortens it for narrow table columns.
"""

from __future__ import annotations

from eligibility_desk.domain.labels import level_label, verdict_label

VERDICT_ORDER = {"eligible": 0, "review": 1, "ineligible": 2, "error": 3}


def short_level(level: str | int, lang: str = "zh", names: dict | None = None) -> str:
    """A level for a narrow column: the standard's own name (``names``: code -> (Chinese, English), from
    :meth:`Desk.level_names`) shortened at its first "/" (Chinese, 「四级/中级工」) or " (" (English, "level 4
    (intermediate worker)"), else the national name."""
    pair = names.get(str(level)) if names else None
    if pair is not None:
        return pair[1].split(" (")[0] if lang.startswith("en") else pair[0].split("/")[0]
    if lang.startswith("en"):
        return f"L{level}"
    return level_label(level, lang).split("/")[0]


def best_verdict(verdicts: dict) -> str | None:
    """The most favourable latest verdict over the levels (eligible > review > ineligible > error)."""
    values = [v for v in verdicts.values() if v]
    return min(values, key=lambda v: VERDICT_ORDER.get(v, 9)) if values else None


def verdicts_text(levels, verdicts: dict, lang: str = "zh", names: dict | None = None, decided=frozenset()) -> str:
    """One applicant's verdicts per level (level names from ``names``, see :func:`short_level`); a level in
    ``decided`` shows the clerk's decision, marked as such."""
    en = lang.startswith("en")
    sep = "; " if en else "；"
    mark = " (clerk)" if en else "（人工）"
    parts = []
    for level in levels:
        verdict = verdicts.get(level)
        if verdict:
            parts.append(f"{short_level(level, lang, names)} {verdict_label(verdict, lang)}{mark if level in decided else ''}")
    return sep.join(parts)
