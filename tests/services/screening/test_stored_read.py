"""The stored batch as the screening reads it (``persistence.screening_records``): every attribute the engine
reads has the value the domain reader (``load_applicants``) gives, and the engine answers alike for both, on
SQLite and PostgreSQL — for the demo batch (every clause and verdict) and an applicant with every rarer fact
(birth date, an unknown work end, a 1+X certificate by a level word that looks like a number, an undated
certificate, training, apprenticeships, a technician-school class, a title not yet matched)."""

from __future__ import annotations

from datetime import date

from eligibility_desk.domain.applicant import (
    Applicant,
    Apprenticeship,
    Certificate,
    ClassType,
    Education,
    SchoolType,
    Title,
    TitleGrade,
    Training,
    WorkPeriod,
)
from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.persistence.applicants import load_applicants
from eligibility_desk.persistence.screening_records import load_screening_records

RARE = Applicant(
    id="R1", name="稀", id_number=make_id_number("110101", date(1990, 2, 3), 7), birth_date=date(1990, 2, 3),
    education=(Education(SchoolType.TECHNICIAN_SCHOOL, "电子商务", date(2012, 7, 1), False, ClassType.SENIOR,
                         True, "某技校"),),
    work=(WorkPeriod("用户增长运营师", date(2013, 1, 1), None, "甲", False),
          WorkPeriod("用户增长运营师", date(2016, 1, 1), date(2018, 12, 31), "乙"),
          WorkPeriod("用户增长运营师", date(2019, 3, 1), None, "丙")),
    certificates=(Certificate("", "3", date(2022, 5, 1), "C1", "1+X-TEST"), Certificate("用户增长运营师", 4, None),
                  Certificate("用户增长运营师", 5, date(2015, 1, 1), "C3")),
    titles=(Title(TitleGrade.JUNIOR, date(2017, 1, 1), None, "助理"),),
    training=(Training("用户增长运营师", "4", 120.5, date(2023, 1, 1)), Training("用户增长运营师", "3", 40, None)),
    apprenticeships=(Apprenticeship("用户增长运营师", date(2014, 6, 30), date(2013, 7, 1)), Apprenticeship("茶艺师")),
)


def _engine_view(a) -> tuple:
    """Everything the engine reads of an applicant and its records."""
    return (a.id, a.id_number, a.birth_date,
            [(e.school_type, e.major, e.graduated_on, e.in_school, type(e.in_school), e.class_type, e.assessed,
              type(e.assessed)) for e in a.education],
            [(w.occupation, w.start, w.end, w.end_known, type(w.end_known)) for w in a.work],
            sorted([(c.standard, c.occupation, c.level, type(c.level), c.obtained_on) for c in a.certificates],
                   key=lambda c: c[0] != ""),  # national certificates first: the engine reads the kinds apart
            [(t.grade, t.obtained_on, t.profession_matches, type(t.profession_matches)) for t in a.titles],
            [(t.occupation, t.level, t.hours, type(t.hours), t.finished_on) for t in a.training],
            [(p.occupation, p.finished_on, p.started_on) for p in a.apprenticeships])


def test_screening_reads_what_the_domain_reader_reads(desk):
    batch_id = desk.create_demo_batch(n=60)
    pk, _version = desk.save_applicant(None, RARE)
    desk.apply(pk, batch_id, ["4", "3"])
    info = desk.batch(batch_id)
    with desk.db.reading() as session:
        stored = load_applicants(session, batch_id=batch_id)
        read = load_screening_records(session, batch_id)
    assert len(read) == 61 and read.keys() == stored.keys()
    for key, applicant in stored.items():
        assert _engine_view(read[key]) == _engine_view(applicant), applicant.id
    assert [c.level for c in read[pk].certificates if c.standard] == ["3"]  # a level word stays text
    standard = desk.library.get(info.standard, info.as_of)
    keys = sorted(stored)
    old = standard.screen_many([stored[k] for k in keys], info.as_of)
    new = standard.screen_many([read[k] for k in keys], info.as_of)
    assert [[(r.verdict, r.clause_ids, r.clause_answers, r.eligible_from) for r in levels] for levels in new] == \
        [[(r.verdict, r.clause_ids, r.clause_answers, r.eligible_from) for r in levels] for levels in old]


def test_a_batch_that_is_not_a_range_of_ids_reads_only_its_own_applicants(desk):
    first = desk.create_demo_batch(n=12)
    pks = sorted(load_pks(desk, first))
    other = desk.create_batch("另一批", "4-07-02-06", ["4"], date(2025, 9, 1), date(2025, 7, 1), date(2025, 8, 15))
    picked = [pks[1], pks[4], pks[5], pks[9]]  # gaps: the range pks[1]..pks[9] holds others
    for pk in picked:
        desk.apply(pk, other, ["4"])
    with desk.db.reading() as session:
        stored = load_applicants(session, batch_id=other)
        read = load_screening_records(session, other)
        whole = load_screening_records(session, first)
    assert sorted(read) == picked == sorted(stored)
    assert sorted(whole) == pks
    for key in picked:
        assert _engine_view(read[key]) == _engine_view(stored[key])


def load_pks(desk, batch_id) -> list[int]:
    with desk.db.reading() as session:
        return list(load_applicants(session, batch_id=batch_id))
