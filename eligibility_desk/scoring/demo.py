"""A small deterministic demo batch of score sheets, for the GUI, screenshots and tests."""

from __future__ import annotations

import random
from decimal import Decimal

from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.sheet import ScoreSheet, SeatLine
from eligibility_desk.scoring.values import ABSENT, Mark, Marked

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英", "建华")


def demo_lines(count: int, level: str, prefix: str, seed: int = 6) -> list[SeatLine]:
    rng = random.Random(f"{seed}-{prefix}")
    return [SeatLine(seat, f"{prefix}{seat:03d}", rng.choice(_SURNAMES) + rng.choice(_GIVEN), level)
            for seat in range(1, count + 1)]


def demo_value(rng: random.Random, rules: ScoringRules):
    roll = rng.random()
    if roll < 0.04:
        return ABSENT
    if roll < 0.05:
        return Marked(Mark.DISQUALIFIED, "携带手机进入考场")
    score = min(rules.scale_max, max(rules.scale_min, Decimal(str(round(rng.gauss(70, 12), rules.decimals)))))
    return score


def demo_batch(rules: ScoringRules, seats: int = 30, mismatches: int = 2, seed: int = 6) -> list[ScoreSheet]:
    """One sheet per part for a level-4 room and a level-2 room; recorder 1 complete everywhere, recorder 2
    complete with ``mismatches`` differing seats on the first sheet (so it cannot lock yet)."""
    rng = random.Random(seed)
    sheets = []
    for level, room, prefix in (("4", "R101", "2611040"), ("2", "R102", "2611020")):
        lines = demo_lines(seats, level, prefix, seed)
        for part in rules.required_parts(level):
            sheet = ScoreSheet(f"{room}-{part}", "2026-11", "2026-11-21 上午" if part == "theory" else "2026-11-21 下午",
                               room, part, lines)
            for line in lines:
                value = demo_value(rng, rules)
                sheet.enter(1, line.seat, value)
                sheet.enter(2, line.seat, value)
            sheets.append(sheet)
    first = sheets[0]
    for seat in first.seats()[3:3 + mismatches]:
        value = first.entry(1, seat)
        if isinstance(value, Decimal):
            typo = value + 10 if value + 10 <= rules.scale_max else value - 10
        else:
            typo = Decimal(66)
        first.enter(2, seat, typo)
    return sheets
