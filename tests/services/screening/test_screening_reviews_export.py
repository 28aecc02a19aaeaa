"""Screening a batch, deciding reviews, exporting for a supervisor — and the audit rows they leave."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.rules_engine.explain import explain_clause
from eligibility_desk.services.records.desk import Desk
from tests.account_helpers import actor
from tests.services.helpers import Certificate, Title, TitleGrade, WorkPeriod, person


def _enter(desk, batch_id, applicant, levels=("4", "3")):
    pk, _ = desk.save_applicant(None, applicant, None)
    desk.apply(pk, batch_id, levels)
    return pk


@pytest.fixture
def three(desk, batch_id):
    """eligible for 4 (4-1), a title of unknown profession match (3-3 review), and nobody qualifies."""
    a = _enter(desk, batch_id, person("A1", "甲", sequence=1, work=(WorkPeriod("电子商务师", date(2018, 1, 1)),)))
    b = _enter(desk, batch_id, person("A2", "乙", sequence=2, work=(WorkPeriod("营销员", date(2021, 1, 1)),),
                                      titles=(Title(TitleGrade.JUNIOR, date(2022, 6, 1), None),)), levels=("3",))
    # 厨师 is on no occupation list: with unknown_occupation: review (中心决定) it would go to a clerk if it could
    # decide 4-1, so 丙 has too little of it to (two years)
    c = _enter(desk, batch_id, person("A3", "丙", sequence=3, work=(WorkPeriod("厨师", date(2023, 9, 1)),)), levels=("4",))
    return a, b, c


def test_screen_batch_counts_and_stores_results_with_rule_version(desk, batch_id, three):
    a, b, c = three
    summary = desk.screen_batch(batch_id)
    assert (summary.counts.eligible, summary.counts.ineligible, summary.counts.review) == (1, 2, 1)
    assert summary.rule_version == "2025-征求意见稿" and summary.standard == "4-07-02-06"
    results = {r.level: r for r in desk.results(a, batch_id)}
    assert results["4"].verdict == "eligible" and results["4"].passing_clauses == ("4-1",)
    assert results["3"].verdict == "ineligible"
    clause = results["4"].clause_result("4-1")
    assert isinstance(clause.trace, tuple)
    assert explain_clause(clause).startswith("累计相关工作 7年8个月，已满 5 年")
    info = desk.batch(batch_id)
    assert (info.applicants, info.applications, info.review_pending, info.counts.unscreened) == (3, 4, 1, 0)


def test_rescreening_appends_and_keeps_history(desk, batch_id, three):
    a, *_ = three
    first = desk.screen_batch(batch_id)
    person_a, version = desk.load_applicant(a)
    desk.save_applicant(a, replace(person_a, work=()), version)  # the work record was wrong: removed
    second = desk.screen_batch(batch_id)
    assert second.run_id != first.run_id
    history = desk.history(a, batch_id)
    assert [(r.level, r.verdict) for r in history if r.level == "4"] == [("4", "eligible"), ("4", "ineligible")]
    assert {r.level: r.verdict for r in desk.results(a, batch_id)}["4"] == "ineligible"
    runs = [x for x in desk.audit_trail("screening_run") if x["action"] == "screen"]
    assert len(runs) == 2 and runs[0]["after"]["counts"]["eligible"] == 0


def test_review_decision_needs_a_reason_and_sits_beside_the_verdict(desk, batch_id, three):
    _, b, _ = three
    desk.screen_batch(batch_id)
    queue = desk.review_queue(batch_id)
    assert len(queue) == 1
    with pytest.raises(InvalidRecord) as caught:
        desk.decide(queue[0], True, "   ")
    assert caught.value.errors[0].field == "reason"
    Desk(desk.db, actor("王敏", "clerk")).decide(queue[0], True, "职称与专业对应，已核验证书原件")
    assert desk.review_queue(batch_id) == []
    stored = desk.result(queue[0])
    assert stored.verdict == "review"  # the engine's verdict is untouched
    assert stored.decision.approve and stored.decision.reason == "职称与专业对应，已核验证书原件" and stored.decision.user == "王敏"
    trail = desk.audit_trail("review_decision")
    assert trail[0]["user"] == "王敏" and trail[0]["after"]["engine_verdict"] == "review"
    item = [i for i in desk.applicant_rows(batch_id) if i.pk == b][0]
    assert item.decided and not item.review_pending


def test_export_shows_verdict_clause_explanation_decision_and_reason(desk, batch_id, three, tmp_path):
    desk.screen_batch(batch_id)
    review_id = desk.review_queue(batch_id)[0]
    desk.decide(review_id, False, "职称专业与本职业不对应")
    out = desk.export_batch(batch_id, tmp_path / "审核结果.xlsx")
    assert out.rows == 4
    ws = load_workbook(out.path)["审核结果"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 4
    by = {(r["考生编号"], r["申报等级"]): r for r in rows}
    eligible = by[("A1", "四级/中级工")]
    assert eligible["审核结论"] == "符合" and eligible["符合条款"] == "4-1"
    assert "4-1 符合：累计相关工作" in eligible["条款说明"] and "4-3 不符合" in eligible["条款说明"]
    assert eligible["规则版本"] == "2025-征求意见稿" and eligible["人工决定"] is None
    decided = by[("A2", "三级/高级工")]
    assert decided["审核结论"] == "待人工审核" and decided["人工决定"] == "不同意"
    assert decided["决定理由"] == "职称专业与本职业不对应" and "需人工审核" in decided["条款说明"]
    detail = load_workbook(out.path)["条款明细"]
    assert detail.max_row == 1 + 3 + 6 + 6 + 3  # A1: levels 4 and 3, A2: level 3, A3: level 4


def test_cancelled_screening_stores_nothing(desk, batch_id, three):
    summary = desk.screen_batch(batch_id, cancelled=lambda: True)
    assert summary.cancelled and summary.run_id is None
    assert desk.batch(batch_id).counts.unscreened == 4
    assert desk.audit_trail("screening_run") == []


def test_certificate_clause_and_eligible_from_survive_storage(desk, batch_id):
    pk = _enter(desk, batch_id, person("A9", "丁", sequence=9, certificates=(Certificate("营销员", 5, date(2023, 1, 1)),),
                                       work=(WorkPeriod("营销员", date(2023, 1, 1)),)), levels=("4",))
    desk.screen_batch(batch_id)
    result = desk.results(pk, batch_id)[0]
    assert result.verdict == "ineligible" and result.eligible_from == date(2026, 1, 1)
    assert "预计 2026-01-01 起符合" in explain_clause(result.clause_result("4-2"))
