from datetime import date

from eligibility_desk import demo
from eligibility_desk.domain.validation import check_applicant


def test_demo_is_repeatable_and_valid():
    first = demo.demo_applicants(60, seed=11)
    assert first == demo.demo_applicants(60, seed=11)
    assert first != demo.demo_applicants(60, seed=12)
    numbers = [a.id_number for a, _ in first]
    assert len(set(numbers)) == 60
    for applicant, levels in first:
        assert check_applicant(applicant, date(2025, 9, 1)) == []
        assert set(levels) <= {"4", "3", "2", "1"}
        assert 2 <= len(applicant.name) <= 3
