"""Level codes as a clerk types them (domain/levels.py): every generated spelling of every level code of every
standard — lower or upper case, full-width, surrounding and inner white space (also the ideographic space) —
is that standard's own code; a code of another standard, or a near miss, is never taken for one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eligibility_desk.domain.levels import canonical_level, canonical_levels
from eligibility_desk.rules_engine import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]
MADE_UP = ROOT / "tests" / "rules_engine" / "data" / "made_up_v3"
#: standard code -> its level codes, for the shipped standards and a made-up one with letter codes (T1 …)
SCALES = {s.code: tuple(s.levels) for folder in (ROOT / "rules", MADE_UP)
          for s in RuleLibrary.load(folder).all_versions()}


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def spellings(code: str, rng: random.Random, count: int = 12) -> list[str]:
    """How a clerk may type ``code``: each character's case and width chosen at random, spaces around it."""
    out = []
    for _ in range(count):
        chars = []
        for ch in code:
            ch = ch.lower() if rng.random() < 0.5 else ch.upper()
            chars.append(_full_width(ch) if rng.random() < 0.5 else ch)
        text = "".join(chars)
        pad = rng.choice(["", " ", "  ", "\u3000", "\t"])
        out.append(f"{pad}{text}{rng.choice(['', ' ', chr(0x3000)])}")
    return out


CASES = [(code, level) for code, levels in sorted(SCALES.items()) for level in levels]


def test_the_made_up_standard_has_letter_codes() -> None:
    assert SCALES["1x-tea-blending"] == ("T1", "T2", "T3")


@pytest.mark.parametrize("standard,level", CASES)
def test_every_spelling_of_a_level_code_is_the_standards_own_code(standard: str, level: str) -> None:
    codes = SCALES[standard]
    rng = random.Random(f"{standard}/{level}")
    for typed in spellings(level, rng):
        assert canonical_level(typed, codes) == level, (typed, codes)
    assert canonical_levels([f" {level.lower()} ", _full_width(level), level], codes) == (level,)


@pytest.mark.parametrize("standard", sorted(SCALES))
def test_a_code_of_another_standard_or_a_near_miss_is_kept_as_typed(standard: str) -> None:
    codes = SCALES[standard]
    rng = random.Random(standard)
    others = sorted({lv for code, levels in SCALES.items() if code != standard for lv in levels} - set(codes))
    for other in others:
        typed = rng.choice(spellings(other, rng))
        if canonical_level(typed, codes) in codes:
            # only when it is this standard's code as typed (1+X 初级 vs a national 初级 alias never is)
            raise AssertionError((typed, codes))
        assert canonical_level(typed, codes) == typed.strip()
    for near in ("T 1x", "T", "0", "六", "初"):
        assert canonical_level(near, codes) not in codes or near in codes


def test_empty_entries_and_repeats_are_dropped() -> None:
    assert canonical_levels(["t1", "", None, " ", "Ｔ１", "t2"], ("T1", "T2", "T3")) == ("T1", "T2")
