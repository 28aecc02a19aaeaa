"""The generated code's titles of every grade in one pass (vocabulary._titles_all) answer as the per-grade
search the clauses' closures make (vocabulary._titles), for every set of up to three titles."""

from itertools import product

import pytest

from eligibility_desk.rules_engine.facts import Facts
from eligibility_desk.rules_engine.vocabulary import _titles, _titles_all

_ONE = [(rank, matches) for rank in (1, 2, 3) for matches in (True, None, False)]


def _title_sets():
    yield []
    for n in (1, 2, 3):
        for combo in product(_ONE, repeat=n):
            # sorted by date as build_facts keeps them; equal dates too (the earlier in the list wins)
            yield [(rank, 700_000 + 10 * i, matches) for i, (rank, matches) in enumerate(combo)]
    yield [(2, 700_000, True), (3, 700_000, None), (1, 700_000, False)]


@pytest.mark.parametrize("higher", [True, False])
def test_every_grade_in_one_pass_answers_as_the_search_per_grade(higher):
    checked = 0
    for titles in _title_sets():
        facts = Facts()
        facts.titles = titles
        found = _titles_all(facts, higher)
        assert len(found) == 4
        for rank in (1, 2, 3):
            assert found[rank] == _titles(facts, rank, higher), (titles, rank)
            checked += 1
    assert checked == 3 * (1 + 9 + 81 + 729 + 1)
