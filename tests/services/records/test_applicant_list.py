"""The applicant list (``Desk.applicant_rows``) against a plain reading of the tables.

The list comes from one aggregated query whose per-applicant states are packed in a text; here the same
facts are worked out the long way — every application in the order it was made, its newest result, any
decision on that result — on SQLite and PostgreSQL, over several batches, re-screenings and decisions.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from eligibility_desk.persistence.models import (
    ApplicantRow,
    ApplicationRow,
    EducationRow,
    ReviewDecisionRow,
    ScreeningResultRow,
)
from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import actor
from tests.services.helpers import Education, SchoolType, Title, TitleGrade, WorkPeriod, person


def expected_rows(desk, batch_id):
    """(pk, code, name, id_number, school, major, levels, verdicts, decided, review_pending, final verdicts,
    deciders) per applicant: the final verdict follows the newest decision on the newest result."""
    with desk.db.reading() as session:
        apps = session.execute(select(ApplicationRow).order_by(ApplicationRow.id)).scalars().all()
        newest = {}
        for r in session.execute(select(ScreeningResultRow).order_by(ScreeningResultRow.id)).scalars():
            newest[r.application_id] = r
        latest_decision = {}
        for d in session.execute(select(ReviewDecisionRow).order_by(ReviewDecisionRow.id)).scalars():
            latest_decision[d.result_id] = d
        out = []
        for a in session.execute(select(ApplicantRow).order_by(ApplicantRow.id)).scalars():
            mine = [p for p in apps if p.applicant_id == a.id and (batch_id is None or p.batch_id == batch_id)]
            if batch_id is not None and not mine:
                continue
            first = session.scalars(select(EducationRow).where(EducationRow.applicant_id == a.id,
                                                               EducationRow.position == 0)).first()
            levels, verdicts, finals, deciders, decided, pending = [], [], [], [], False, False
            for p in mine:
                if p.level not in levels:
                    levels.append(p.level)
                result = newest.get(p.id)
                if result is not None:
                    verdicts.append((p.level, result.verdict))
                    decision = latest_decision.get(result.id)
                    if decision is not None:
                        decided = True
                        finals.append((p.level, "eligible" if decision.approve else "ineligible"))
                        who = decision.user.replace(",", "，").replace("=", "＝")
                        if who not in deciders:
                            deciders.append(who)
                    else:
                        finals.append((p.level, result.verdict))
                        pending = pending or result.verdict == "review"
            out.append((a.id, a.code, a.name, a.id_number, first.school if first else "", first.major if first else "",
                        tuple(levels), tuple(verdicts), decided, pending, tuple(finals), tuple(deciders)))
        return out


def shown(items):
    return [(i.pk, i.code, i.name, i.id_number, i.school, i.major, i.levels, i.verdicts, i.decided, i.review_pending,
             i.final_verdicts, i.deciders) for i in items]


def test_list_matches_the_tables_across_batches_rescreens_and_decisions(desk, batch_id):
    other = desk.create_batch("第二批", "4-07-02-06", ["4", "3", "2"], date(2025, 9, 1))
    worked = (WorkPeriod("电子商务师", date(2018, 1, 1)),)
    school = (Education(SchoolType.HIGHER_VOCATIONAL, "电子商务", date(2015, 7, 1), school="浙江商业职业技术学院"),)
    unsure = (Title(TitleGrade.INTERMEDIATE, date(2019, 1, 1), None, "经济师"),)
    pks = [desk.save_applicant(None, person(f"A{i}", f"考生{i}", sequence=100 + i, **records), None)[0]
           for i, records in enumerate([{"work": worked}, {"education": school}, {"titles": unsure, "work": worked},
                                        {}, {"education": school, "work": worked, "titles": unsure}])]
    desk.apply(pks[0], batch_id, ["3", "4"])      # made in this order: the list keeps it (not sorted by level)
    desk.apply(pks[1], batch_id, ["4"])
    desk.apply(pks[2], batch_id, ["4", "3"])
    desk.apply(pks[4], other, ["2", "4"])
    desk.apply(pks[0], other, ["4"])              # the same level in two batches: once in the all-batches list
    # pks[3] applies for nothing: only in the all-batches list
    desk.screen_batch(batch_id)
    desk.apply(pks[1], batch_id, ["3"])           # entered after the screening: no verdict yet
    for result_id in desk.review_queue(batch_id)[:1]:
        Desk(desk.db, actor("王敏", "clerk")).decide(result_id, approve=False, reason="先不同意")
        Desk(desk.db, actor("李,四=审核", "supervisor")).decide(result_id, approve=True, reason="已核验职称证书")   # the newest decision counts
    desk.screen_batch(other)
    desk.screen_batch(other)                      # the newest result counts
    for batch in (batch_id, other, None):
        assert shown(desk.applicant_rows(batch)) == expected_rows(desk, batch), batch
    rows = {i.code: i for i in desk.applicant_rows(None)}
    assert rows["A0"].levels == ("3", "4") and rows["A4"].levels == ("2", "4") and rows["A3"].levels == ()
    assert any(i.decided for i in rows.values()) and any(i.review_pending for i in rows.values())
    assert rows["A1"].school == "浙江商业职业技术学院" and rows["A0"].school == ""
    decided = [i for i in rows.values() if i.decided]
    assert [i.deciders for i in decided] == [("李，四＝审核",)]
    assert all(dict(i.final_verdicts)[level] == "eligible" for i in decided for level in i.decided_levels)


def test_list_of_a_demo_batch_matches_the_tables(desk):
    batch_id = desk.create_demo_batch(60, seed=8)
    for result_id in desk.review_queue(batch_id)[::2]:
        desk.decide(result_id, approve=False, reason="证明材料不全")
    items = desk.applicant_rows(batch_id)
    assert len(items) == 60 and any(len(i.levels) > 1 for i in items)
    assert shown(items) == expected_rows(desk, batch_id)
