"""Part and candidate results (§1.9.2: every part is scored out of 100 and passed at 60 or above, 含 60).

A candidate passes when every part their level requires is passed.  An absent or disqualified part fails;
a part with no score yet leaves the candidate *incomplete* — unless another part already failed, which
makes the outcome *fail* whatever the missing part brings.  Reasons are codes with parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.values import CellValue, Mark, Marked

PASS = "pass"
FAIL = "fail"
INCOMPLETE = "incomplete"
OUTCOMES = (PASS, FAIL, INCOMPLETE)


@dataclass(frozen=True)
class Reason:
    code: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def args(self) -> dict:
        return dict(self.params)

    def text(self, lang: str = "zh", rules: ScoringRules | None = None) -> str:
        from eligibility_desk.scoring.wording import reason_text

        params = self.args
        part = params.get("part")
        if part is not None:
            params.setdefault("part_name", rules.part_label(part, "zh") if rules else part)
            params.setdefault("part_name_en", rules.part_label(part, "en") if rules else part)
        return reason_text(self.code, params, lang)


@dataclass(frozen=True)
class PartResult:
    part: str
    score: Decimal | None
    passed: bool | None          # None: nothing entered yet
    mark: Mark | None = None
    note: str = ""


@dataclass(frozen=True)
class CandidateResult:
    candidate: str
    level: str
    parts: Mapping[str, PartResult]   # the level's required parts, in rule-file order
    outcome: str                      # pass | fail | incomplete
    reasons: tuple[Reason, ...]

    @property
    def passed(self) -> bool:
        return self.outcome == PASS


def part_result(part: str, value: CellValue, rules: ScoringRules) -> PartResult:
    if value is None:
        return PartResult(part, None, None)
    if isinstance(value, Marked):
        return PartResult(part, None, False, value.mark, value.note)
    return PartResult(part, value, value >= rules.pass_mark)


def evaluate_candidate(candidate: str, level: str, values: Mapping[str, CellValue], rules: ScoringRules) -> CandidateResult:
    """The outcome of one candidate from their (already validated) part values."""
    level = str(level)
    parts = {}
    failed: list[Reason] = []
    missing: list[Reason] = []
    pass_mark = rules.pass_mark
    for part in rules.required_parts(level):
        value = values.get(part)
        if value is None:
            parts[part] = PartResult(part, None, None)
            missing.append(Reason("part_missing", (("part", part),)))
        elif isinstance(value, Marked):
            parts[part] = PartResult(part, None, False, value.mark, value.note)
            if value.mark is Mark.ABSENT:
                failed.append(Reason("part_absent", (("part", part),)))
            else:
                failed.append(Reason("part_disqualified", (("part", part), ("note", value.note))))
        else:
            ok = value >= pass_mark
            parts[part] = PartResult(part, value, ok)
            if not ok:
                failed.append(Reason("part_failed", (("part", part), ("score", value), ("pass_mark", pass_mark))))
    if failed:
        outcome = FAIL
    elif missing:
        outcome = INCOMPLETE
    else:
        outcome = PASS
    return CandidateResult(candidate, level, parts, outcome, tuple(failed + missing))


def evaluate_many(rows: Iterable[tuple[str, str, Mapping[str, CellValue]]], rules: ScoringRules,
                  progress=None, cancelled=None) -> list[CandidateResult]:
    """Results for ``(candidate, level, values)`` rows; ``progress(done, total)`` every 10,000 rows."""
    rows = rows if isinstance(rows, list) else list(rows)
    total = len(rows)
    out = []
    for index, (candidate, level, values) in enumerate(rows):
        if index % 10000 == 0:
            if cancelled is not None and cancelled():
                break
            if progress is not None:
                progress(index, total)
        out.append(evaluate_candidate(candidate, level, values, rules))
    if progress is not None:
        progress(len(out), total)
    return out
