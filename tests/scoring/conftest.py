import pytest

from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.scoring import scoring_rules


@pytest.fixture(scope="session")
def standard():
    return RuleLibrary.load().get("4-07-02-06")


@pytest.fixture(scope="session")
def rules(standard):
    return scoring_rules(standard)
