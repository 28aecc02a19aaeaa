"""The verbatim text of a clause in the rule version that decided a result (for the verdict panel)."""

from __future__ import annotations

from functools import lru_cache


class ClauseTexts:
    """Looks clause texts up in a :class:`~eligibility_desk.rules_engine.RuleLibrary` by code and version."""

    def __init__(self, library):
        self.library = library

    @lru_cache(maxsize=4096)
    def text(self, standard: str, rule_version: str, clause_id: str) -> str:
        try:
            versions = self.library.versions(standard)
        except Exception:  # noqa: BLE001 — an unknown standard shows no text rather than failing the panel
            return ""
        for compiled in reversed(versions):
            if compiled.spec.version == rule_version:
                break
        else:
            compiled = versions[-1]
        try:
            return compiled.spec.clause(clause_id).text
        except KeyError:
            return ""

    def level_name(self, standard: str, rule_version: str, level: str, lang: str = "zh") -> str:
        """The level's name as the standard's rule file declares it (the code itself if it cannot be found)."""
        try:
            versions = self.library.versions(standard)
        except Exception:  # noqa: BLE001
            return str(level)
        spec = next((c.spec for c in reversed(versions) if c.spec.version == rule_version), versions[-1].spec)
        return spec.level_name(level, lang)

    def standard_name(self, standard: str) -> str:
        try:
            return self.library.versions(standard)[-1].spec.name
        except Exception:  # noqa: BLE001
            return ""
