"""Skill assessment by a panel of examiners (§1.9.3: 3 or more, an odd number).

Each examiner enters a score; the part's score is the panel's mean (rule file ``panel_score: mean``),
cut to the scale's decimals as ``panel_rounding`` says, and is final only when every member has scored.
A spread (highest − lowest) above ``panel_gap_flag`` is flagged for the panel leader; the spread is ``None``
until at least two examiners have scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping, Sequence

from eligibility_desk.scoring.results import Reason
from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.sheet import SeatLine, SheetError


@dataclass(frozen=True)
class PanelOutcome:
    score: Decimal | None          # the part score, only when final
    final: bool
    spread: Decimal | None         # highest − lowest of the scores entered so far; None until two have scored
    flagged: bool                  # spread above the rule file's gap
    missing: tuple[str, ...]       # examiners who have not scored yet
    reasons: tuple[Reason, ...]


def panel_outcome(scores: Mapping[str, Decimal], examiners: Sequence[str], rules: ScoringRules) -> PanelOutcome:
    for examiner in scores:
        if examiner not in examiners:
            raise SheetError("panel", "unknown_examiner", examiner=examiner)
    entered = [scores[e] for e in examiners if scores.get(e) is not None]
    missing = tuple(e for e in examiners if scores.get(e) is None)
    reasons = []
    # one score has no spread: None ("not yet"), not 0, which would read as two examiners agreeing
    spread = max(entered) - min(entered) if len(entered) >= 2 else None
    flagged = spread is not None and rules.panel_gap is not None and spread > rules.panel_gap
    if flagged:
        reasons.append(Reason("panel_gap", (("spread", spread), ("gap", rules.panel_gap))))
    if missing:
        reasons.append(Reason("panel_incomplete", (("missing", len(missing)),)))
        return PanelOutcome(None, False, spread, flagged, missing, tuple(reasons))
    mean = sum(entered, Decimal(0)) / len(entered)   # rules.panel_method == "mean"
    score = mean.quantize(rules.quantum, rounding=rules.panel_rounding)
    return PanelOutcome(score, True, spread, flagged, (), tuple(reasons))


@dataclass
class PanelSheet:
    """A skill sheet scored by a panel: examiner -> seat -> score."""

    id: str
    session: str
    room: str
    part: str
    lines: list[SeatLine]
    examiners: tuple[str, ...]
    scores: dict[str, dict[int, Decimal]] = field(default_factory=dict)

    def enter(self, examiner: str, seat: int, score: Decimal | None) -> None:
        if examiner not in self.examiners:
            raise SheetError(self.id, "unknown_examiner", examiner=examiner)
        if seat not in {line.seat for line in self.lines}:
            raise SheetError(f"{self.id}.{seat}", "unknown_seat", seat=seat)
        book = self.scores.setdefault(examiner, {})
        if score is None:
            book.pop(seat, None)
        else:
            book[seat] = score

    def outcome(self, seat: int, rules: ScoringRules) -> PanelOutcome:
        by_examiner = {e: self.scores.get(e, {}).get(seat) for e in self.examiners}
        return panel_outcome({e: s for e, s in by_examiner.items() if s is not None}, self.examiners, rules)

    def outcomes(self, rules: ScoringRules) -> dict[int, PanelOutcome]:
        return {line.seat: self.outcome(line.seat, rules) for line in self.lines}

    def flagged(self, rules: ScoringRules) -> list[int]:
        return [seat for seat, outcome in self.outcomes(rules).items() if outcome.flagged]
