"""screen_many pauses the cyclic GC and leaves its results in the oldest generation, unexamined, so the first
collection after a big batch does not walk them all; a program's own frozen objects stay frozen."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from eligibility_desk import demo
from eligibility_desk.rules_engine import RuleLibrary

AS_OF = date(2025, 9, 1)


@pytest.fixture(scope="module")
def standard():
    return RuleLibrary.load().get("4-07-02-06", AS_OF)


@pytest.fixture(scope="module")
def applicants():
    return [a for a, _ in demo.demo_applicants(2000, seed=4, as_of=AS_OF)]


def test_results_leave_the_young_generation(standard, applicants):
    assert gc.isenabled()
    results = standard.screen_many(applicants, AS_OF)
    assert gc.isenabled()
    young = gc.get_objects(generation=0)
    assert len(young) < 2000  # not the ~40 tuples per applicant the batch made
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(results[0][0]) in oldest  # a level result: tracked, in the oldest generation
    assert [r.verdict for r in results[0]] == [r.verdict for r in standard.screen(applicants[0], AS_OF)]


def test_a_programs_frozen_objects_stay_frozen(standard, applicants):
    kept = [object() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        standard.screen_many(applicants[:50], AS_OF)
        assert gc.get_freeze_count() == frozen and gc.isenabled()
    finally:
        gc.unfreeze()
    del kept


def test_screen_many_under_a_paused_gc_leaves_it_paused(standard, applicants):
    gc.disable()
    try:
        standard.screen_many(applicants[:50], AS_OF)
        assert not gc.isenabled()
    finally:
        gc.enable()
