"""Part and candidate results (§1.9.2: every part is scored out of 100 and passed at 60 or above, 含 60).

A candidate passes when every part their level requires is passed.  An absent or disqualified part fails;
a part with no score yet leaves the candidate *incomplete* — unless another part already failed, which
makes the outcome *fail* whatever the missing part brings.  Reasons are codes with parameters.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Mapping, NamedTuple

import gc
from contextlib import contextmanager

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.values import CellValue, Mark, Marked

PASS = "pass"
FAIL = "fail"
INCOMPLETE = "incomplete"
OUTCOMES = (PASS, FAIL, INCOMPLETE)


class Reason(NamedTuple):
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


class PartResult(NamedTuple):
    part: str
    score: Decimal | None
    passed: bool | None          # None: nothing entered yet
    mark: Mark | None = None
    note: str = ""


class CandidateResult(NamedTuple):
    candidate: str
    level: str
    parts: Mapping[str, PartResult]   # the level's required parts, in rule-file order
    outcome: str                      # pass | fail | incomplete
    reasons: tuple[Reason, ...]

    @property
    def passed(self) -> bool:
        return self.outcome == PASS


def part_result(part: str, value: CellValue, rules: ScoringRules) -> tuple[PartResult, Reason | None]:
    """The part's result and, unless it passed, the reason why not."""
    if value is None:
        return PartResult(part, None, None), Reason("part_missing", (("part", part),))
    if isinstance(value, Marked):
        if value.mark is Mark.ABSENT:
            return PartResult(part, None, False, value.mark), Reason("part_absent", (("part", part),))
        return (PartResult(part, None, False, value.mark, value.note),
                Reason("part_disqualified", (("part", part), ("note", value.note))))
    if value >= rules.pass_mark:
        return PartResult(part, value, True), None
    return PartResult(part, value, False), Reason("part_failed", (("part", part), ("score", value), ("pass_mark", rules.pass_mark)))


#: builds a NamedTuple without its Python-level __new__ (100,000 candidates per publication)
_new = tuple.__new__


def _missing_last(reason: Reason) -> bool:
    return reason[0] == "part_missing"


def evaluate_candidate(candidate: str, level: str, values: Mapping[str, CellValue], rules: ScoringRules) -> CandidateResult:
    """The outcome of one candidate from their (already validated) part values.

    Reasons list the failed parts first, then the missing ones, each in rule-file order.
    """
    if type(level) is not str:
        level = str(level)
    required = rules.parts_by_level.get(level)
    if required is None:
        rules.required_parts(level)   # raises the KeyError naming the level
    cache = rules.result_cache
    get = values.get
    parts = {}
    reasons = None
    failed = missing = False
    for part in required:
        value = get(part)
        hit = cache.get((part, value))
        if hit is None:
            hit = part_result(part, value, rules)
            if len(cache) < 50_000:
                cache[(part, value)] = hit
        parts[part] = hit[0]
        reason = hit[1]
        if reason is not None:
            if reasons is None:
                reasons = [reason]
            else:
                reasons.append(reason)
            if value is None:
                missing = True
            else:
                failed = True
    if reasons is None:
        return _new(CandidateResult, (candidate, level, parts, PASS, ()))
    if failed and missing:
        reasons.sort(key=_missing_last)
    return _new(CandidateResult, (candidate, level, parts, FAIL if failed else INCOMPLETE, tuple(reasons)))


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector around bulk work that builds only acyclic objects (tuples,
    dicts of Decimals): with 100,000 candidates alive, its repeated full passes cost a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def evaluate_many(rows: Iterable[tuple[str, str, Mapping[str, CellValue]]], rules: ScoringRules,
                  progress=None, cancelled=None) -> list[CandidateResult]:
    """Results for ``(candidate, level, values)`` rows; ``progress(done, total)`` every 10,000 rows."""
    rows = rows if isinstance(rows, list) else list(rows)
    total = len(rows)
    out = []
    with paused_gc():
        for start in range(0, total, 10000):
            if cancelled is not None and cancelled():
                break
            if progress is not None:
                progress(start, total)
            out.extend([evaluate_candidate(candidate, level, values, rules)
                        for candidate, level, values in rows[start:start + 10000]])
    if progress is not None:
        progress(len(out), total)
    return out
