"""The generated screening code's verdict table (rules_engine/fused.py): a level of at most ``_TABLED`` clauses
reads its passing clauses and verdict from nested tuples indexed by the clauses' verdict codes; a longer one
works them out from a bit mask.  Both must give the same LevelResult for every combination of answers."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from eligibility_desk.domain.verdict import Verdict
from eligibility_desk.rules_engine import fused

AS_OF = date(2025, 9, 1)
ON = AS_OF.toordinal()


class _Facts:
    __slots__ = ("as_of", "answers")

    def __init__(self, answers):
        self.as_of = ON
        self.answers = answers


def _clause(i: int):
    def predicate(facts, on):
        code = facts.answers[i]
        # a date only for a clause that is not eligible, some later than others, some none
        return code, ("made-up", i, code), None if code == 2 or (i + code) % 3 == 0 else on + 10 * i + code + 1
    predicate.monotone = True
    return predicate


def _screen(n: int, tabled: int, monkeypatch):
    monkeypatch.setattr(fused, "_TABLED", tabled)
    ids = tuple(f"c{i}" for i in range(n))
    return fused.make_screen_all("X", "v1", [("1", ids, [_clause(i) for i in range(n)])])


@pytest.mark.parametrize("n", [1, 3, 5, 8])
def test_the_table_and_the_mask_give_the_same_result_for_every_combination(n, monkeypatch):
    tabled = _screen(n, 8, monkeypatch)
    masked = _screen(n, 0, monkeypatch)
    assert "VT0" in tabled.source and "mask" not in tabled.source
    assert "mask" in masked.source and "VT0" not in masked.source
    for answers in product((0, 1, 2), repeat=n):
        facts = _Facts(answers)
        got, = tabled(facts, "A1", AS_OF)
        want, = masked(facts, "A1", AS_OF)
        assert got == want
        # and what the level's answer is, stated plainly
        eligible = tuple(f"c{i}" for i, code in enumerate(answers) if code == 2)
        assert got.passing_clauses == eligible
        assert got.verdict is (Verdict.ELIGIBLE if eligible else Verdict.REVIEW if 1 in answers else Verdict.INELIGIBLE)


def test_a_level_longer_than_the_table_works_out_a_mask(monkeypatch):
    assert "mask" in _screen(fused._TABLED + 1, fused._TABLED, monkeypatch).source
    assert "mask" not in _screen(fused._TABLED, fused._TABLED, monkeypatch).source
