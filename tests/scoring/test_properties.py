"""Properties over many values (hypothesis): the score gate and the pass line never disagree with §1.9.2."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility_desk.scoring import FAIL, INCOMPLETE, PASS, ScoreError, evaluate_candidate, parse_score

tenths = st.integers(min_value=-50, max_value=1050)


@settings(max_examples=300, deadline=None)
@given(tenths)
def test_one_decimal_scores_in_range_are_accepted_exactly(rules, n):
    value = Decimal(n).scaleb(-1)
    for raw in (value, str(value), float(str(value))):
        try:
            score = parse_score(raw, rules)
        except ScoreError as exc:
            assert not rules.scale_min <= value <= rules.scale_max and exc.code == "out_of_range"
        else:
            assert score == value and rules.scale_min <= score <= rules.scale_max


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10000).filter(lambda n: n % 10))
def test_two_decimal_scores_are_refused_never_rounded(rules, n):
    value = Decimal(n).scaleb(-2)
    try:
        parse_score(str(value), rules)
    except ScoreError as exc:
        assert exc.code == "too_many_decimals"
    else:
        raise AssertionError(f"{value} was accepted")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["4", "3", "2", "1"]), st.lists(st.one_of(st.none(), st.integers(0, 1000)), min_size=3, max_size=3))
def test_outcome_follows_the_pass_line(rules, level, raw):
    parts = rules.required_parts(level)
    values = {part: (None if r is None else Decimal(r).scaleb(-1)) for part, r in zip(parts, raw)}
    result = evaluate_candidate("C", level, values, rules)
    scores = [values[p] for p in parts]
    if any(s is not None and s < rules.pass_mark for s in scores):
        assert result.outcome == FAIL
    elif any(s is None for s in scores):
        assert result.outcome == INCOMPLETE
    else:
        assert result.outcome == PASS
