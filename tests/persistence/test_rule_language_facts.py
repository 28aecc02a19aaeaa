"""Migration 0004: the facts of the rule language v2 are stored and read back unchanged, one at a time (ORM)
and in bulk (plain queries): birth date, an unknown work end, a 1+X certificate by its level word, an
undated certificate, training and apprenticeships."""

from __future__ import annotations

from datetime import date

from eligibility_desk.domain.applicant import (
    Applicant,
    Apprenticeship,
    Certificate,
    Training,
    WorkPeriod,
)
from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.persistence import applicants as store
from eligibility_desk.persistence.models import ApplicantRow
from eligibility_desk.persistence.opening import open_database

PERSON = Applicant(
    id="N1", name="新", id_number=make_id_number("110101", date(2001, 2, 3), 7), birth_date=date(2001, 2, 3),
    work=(WorkPeriod("香道师", date(2020, 1, 1), None, "", False), WorkPeriod("香道师", date(2021, 1, 1), None)),
    certificates=(Certificate("", "初级", date(2022, 5, 1), "C1", "1+X-TEST"), Certificate("电子商务师", 4, None)),
    training=(Training("香道师", "4", 120.5, date(2023, 1, 1)), Training("香道师", "3", 40, None)),
    apprenticeships=(Apprenticeship("香道师", date(2019, 6, 30), date(2017, 7, 1)), Apprenticeship("茶艺师")),
)


def test_new_facts_round_trip_through_the_orm_and_the_bulk_reader(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        with db.writing() as session:
            row = ApplicantRow(version_id=1)
            store.fill_row(row, PERSON)
            session.add(row)
            session.flush()
            pk = row.id
        with db.reading() as session:
            assert store.applicant_from_row(session.get(ApplicantRow, pk)) == PERSON
            assert store.load_applicants(session, [pk])[pk] == PERSON
    finally:
        db.close()


def test_bulk_insert_keeps_the_new_facts(tmp_path):
    from eligibility_desk.persistence import bulk

    db = open_database(f"sqlite:///{tmp_path / 'y.sqlite3'}")
    try:
        with db.writing() as session:
            from datetime import datetime

            bulk.insert(session, ApplicantRow.__table__, [store.applicant_values(PERSON)],
                        same={"version_id": 1, "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1)})
            pk = session.execute(ApplicantRow.__table__.select()).first().id
            children = store.new_children()
            store.add_child_tuples(children, pk, PERSON)
            store.insert_children(session, children)
        with db.reading() as session:
            assert store.load_applicants(session, [pk])[pk] == PERSON
    finally:
        db.close()
