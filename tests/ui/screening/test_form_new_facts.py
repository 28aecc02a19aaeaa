"""The applicant form edits the rule language's new facts and keeps what it cannot show as a plain value
(a job whose end is not known stays unknown through a load and save)."""

from __future__ import annotations

from datetime import date

from eligibility_desk.domain.applicant import Applicant, Apprenticeship, Certificate, Training, WorkPeriod
from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.ui.screening.applicant_validation import draft_of, validate_draft

PERSON = Applicant(
    id="N1", name="新", id_number=make_id_number("110101", date(2001, 2, 3), 7), birth_date=date(2001, 2, 3),
    work=(WorkPeriod("电子商务师", date(2020, 1, 1), None, "", False), WorkPeriod("营销员", date(2022, 1, 1), None)),
    certificates=(Certificate("数字营销技术应用", "初级", date(2022, 5, 1), "C1", "1+X-DM"),),
    training=(Training("电子商务师", "4", 120.5, date(2023, 1, 1)),),
    apprenticeships=(Apprenticeship("电子商务师", date(2019, 6, 30), date(2017, 7, 1)),),
)


def test_a_draft_of_the_new_facts_validates_back_to_the_same_applicant():
    draft = draft_of(PERSON)
    assert draft["work"][0]["end"] == "不详" and draft["work"][1]["end"] == ""
    applicant, errors = validate_draft(draft)
    assert errors == [] and applicant == PERSON


def test_typed_training_hours_and_birth_date_are_read():
    draft = draft_of(PERSON)
    draft["training"][0]["hours"] = "80"
    draft["birth_date"] = "2001/2/3"
    applicant, errors = validate_draft(draft)
    assert errors == [] and applicant.training[0].hours == 80 and applicant.birth_date == date(2001, 2, 3)
    draft["training"][0]["hours"] = "很多"
    _applicant, errors = validate_draft(draft)
    assert [e.field for e in errors] == ["training[0].hours"]
