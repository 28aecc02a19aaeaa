"""Publishing a batch: every sheet locked, every candidate's outcome computed, the pass list drawn up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping

from eligibility_desk.scoring.results import PASS, CandidateResult, evaluate_many
from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.sheet import ScoreSheet, SheetError
from eligibility_desk.scoring.values import CellValue


@dataclass(frozen=True)
class Publication:
    batch: str
    published_by: str
    published_at: datetime
    results: tuple[CandidateResult, ...]     # in admission-number order
    pass_list: tuple[str, ...]               # admission numbers of the candidates who passed

    def result(self, candidate: str) -> CandidateResult:
        for result in self.results:
            if result.candidate == candidate:
                return result
        raise KeyError(candidate)


def collect_values(sheets: Iterable[ScoreSheet]) -> tuple[dict[str, dict[str, CellValue]], dict[str, str]]:
    """candidate -> part -> final value, and candidate -> level, from locked sheets."""
    values: dict[str, dict[str, CellValue]] = {}
    levels: dict[str, str] = {}
    for sheet in sheets:
        for line, value in sheet.final_values():
            values.setdefault(line.candidate, {})[sheet.part] = value
            if line.level:
                levels.setdefault(line.candidate, line.level)
    return values, levels


def publish_batch(batch: str, sheets: list[ScoreSheet], rules: ScoringRules, by: str, at: datetime,
                  levels: Mapping[str, str] | None = None, progress=None, cancelled=None) -> Publication | None:
    """Refused while any sheet of the batch is still open; ``levels`` overrides the sheets' seat lines.

    ``progress(done, total)`` and ``cancelled()`` as for every long job; a cancelled run returns ``None``.
    """
    open_sheets = [s for s in sheets if not s.locked]
    if open_sheets:
        raise SheetError(batch, "batch_has_open_sheets", count=len(open_sheets),
                         sheets=", ".join(s.id for s in open_sheets))
    values, sheet_levels = collect_values(sheets)
    if levels:
        sheet_levels.update(levels)
    rows = [(candidate, sheet_levels[candidate], values.get(candidate, {})) for candidate in sorted(sheet_levels)]
    evaluated = evaluate_many(rows, rules, progress, cancelled)
    if len(evaluated) < len(rows):
        return None
    results = tuple(evaluated)
    pass_list = tuple(r.candidate for r in results if r.outcome == PASS)
    return Publication(batch, by, at, results, pass_list)
