"""The desk facade: batches, applicant list, single saves with validation, audit of every change, demo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.persistence import StaleRecordError
from tests.services.helpers import WorkPeriod, person


def test_create_batch_checks_standard_levels_and_name(desk, batch_id):
    with pytest.raises(InvalidRecord) as caught:
        desk.create_batch("2025年9月 用户增长运营师", "4-07-02-06", ["4", "7"], date(2025, 9, 1))
    assert {e.code for e in caught.value.errors} == {"level_not_in_batch", "duplicate"}
    info = desk.batches()[0]
    assert (info.id, info.levels, info.as_of, info.window_end) == (batch_id, ("4", "3"), date(2025, 9, 1), date(2025, 8, 15))
    assert desk.find_batch("2025年9月 用户增长运营师") == batch_id == desk.find_batch(str(batch_id))



def test_batch_problems_says_what_create_batch_would_refuse_and_writes_nothing(desk, batch_id):
    audited = len(desk.audit_trail(limit=100000))
    (taken,) = desk.batch_problems(" 2025年9月 用户增长运营师 ", "4-07-02-06", ["4"], date(2025, 9, 1))
    assert (taken.field, taken.code, taken.params) == ("name", "duplicate", {"value": "2025年9月 用户增长运营师"})
    assert [(e.field, e.code) for e in desk.batch_problems("   ", "4-07-02-06", [], date(2025, 9, 1))] == [
        ("name", "required"), ("levels", "required")]
    assert [e.code for e in desk.batch_problems("2026 春季", "4-07-02-06", ["5"], date(2025, 9, 1))] == ["level_not_in_batch"]
    assert desk.batch_problems("2026 春季", "4-07-02-06", ["4", "3"], date(2025, 9, 1)) == []
    with pytest.raises(InvalidRecord) as caught:        # the same verdict as creating it
        desk.create_batch(" 2025年9月 用户增长运营师 ", "4-07-02-06", ["4"], date(2025, 9, 1))
    assert [(e.field, e.code) for e in caught.value.errors] == [("name", "duplicate")]
    assert [b.id for b in desk.batches()] == [batch_id] and len(desk.audit_trail(limit=100000)) == audited

def test_save_validates_and_audits_create_update_delete(desk):
    with pytest.raises(InvalidRecord) as caught:
        desk.save_applicant(None, replace(person("A1", "张三"), id_number="110105199003071230",
                                          work=(WorkPeriod("营销员", date(2020, 1, 1), date(2019, 1, 1)),)), None)
    assert {(e.field, e.code) for e in caught.value.errors} == {("id_number", "id_checksum"), ("work[0].end", "end_before_start")}
    pk, v1 = desk.save_applicant(None, person("A1", "张三"), None)
    assert v1 == 1
    assert desk.save_applicant(pk, person("A1", "张三"), v1) == (pk, 1)  # unchanged: no new version
    _, v2 = desk.save_applicant(pk, person("A1", "张三", work=(WorkPeriod("营销员", date(2020, 1, 1)),)), v1)
    assert v2 == 2
    with pytest.raises(InvalidRecord):  # the same ID number twice
        desk.save_applicant(None, person("A2", "李四"), None)
    with pytest.raises(StaleRecordError):
        desk.delete_applicant(pk, v1)
    desk.delete_applicant(pk, v2)
    actions = [(a["action"], a["user"]) for a in reversed(desk.audit_trail("applicant", pk))]
    assert actions == [("create", "测试员"), ("update", "测试员"), ("delete", "测试员")]
    update = desk.audit_trail("applicant", pk)[1]
    assert update["before"]["work"] == [] and update["after"]["work"][0]["occupation"] == "营销员"
    with pytest.raises(LookupError):
        desk.load_applicant(pk)


def test_applicant_rows_show_levels_latest_verdicts_and_flags(desk, batch_id):
    pk, _ = desk.save_applicant(None, person("A1", "张三", work=(WorkPeriod("电子商务师", date(2018, 1, 1)),)), None)
    desk.apply(pk, batch_id, ["4", "3"])
    [item] = desk.applicant_rows(batch_id)
    assert (item.code, item.name, item.levels, item.verdicts, item.decided, item.review_pending) == (
        "A1", "张三", ("4", "3"), (), False, False)
    desk.screen_batch(batch_id)
    [item] = desk.applicant_rows(batch_id)
    assert dict(item.verdicts) == {"4": "eligible", "3": "ineligible"}
    assert desk.applicant_rows(None)[0].pk == pk


def test_demo_batch_covers_every_clause_and_verdict(desk):
    batch_id = desk.create_demo_batch(120, seed=3)
    info = desk.batch(batch_id)
    assert info.applicants == 120 and info.counts.unscreened == 0
    assert info.counts.eligible and info.counts.ineligible and info.counts.review
    passing, not_yet = set(), 0
    for item in desk.applicant_rows(batch_id):
        for result in desk.results(item.pk, batch_id):
            passing.update(result.passing_clauses)
            not_yet += result.eligible_from is not None
    every = {f"{lv}-{i}" for lv, n in (("4", 3), ("3", 6), ("2", 5), ("1", 3)) for i in range(1, n + 1)}
    assert passing == every and not_yet > 0
    assert desk.create_demo_batch(120, seed=3) == batch_id  # the same demo batch is not made twice


def test_cancelled_demo_batch_leaves_no_batch_and_no_applicants(desk):
    calls = []

    def cancel_during_screening():
        calls.append(1)
        return len(calls) > 8  # after the import's own checks, inside the screening

    assert desk.create_demo_batch(40, seed=5, cancelled=cancel_during_screening) is None
    assert desk.batches() == [] and desk.applicant_rows() == []


def test_demo_batch_cancelled_while_importing_never_made_the_batch(desk):
    """The demo batch is created in the import's own transaction: a write that does not complete (a cancel
    here; a full disk alike) leaves neither the batch nor its audit row behind."""
    from eligibility_desk.persistence.queries import plain

    calls = []

    def cancel_inside_the_import():
        calls.append(1)
        return len(calls) > 1  # the first poll is before the import; the next ones are inside it

    assert desk.create_demo_batch(40, seed=6, cancelled=cancel_inside_the_import) is None
    assert len(calls) > 1
    assert desk.batches() == [] and desk.applicant_rows() == []
    with desk.db.reading() as session:
        assert plain(session, "SELECT count(*) FROM audit WHERE entity = 'batch'") == [(0,)]
    assert desk.create_demo_batch(40, seed=6) is not None  # and the name is free for the next try


def test_import_reports_progress_up_to_done(desk, batch_id, tmp_path):
    from tests.services.helpers import roster, write_workbook

    people, work = roster(20)
    path = tmp_path / "a.xlsx"
    write_workbook(path, {"考生": people, "工作经历": work})
    seen = []
    report = desk.import_file(path, batch_id, progress=lambda done, total: seen.append((done, total)))
    assert report.ok
    assert seen and all(0 <= d <= t for d, t in seen) and seen[-1][0] == seen[-1][1]
