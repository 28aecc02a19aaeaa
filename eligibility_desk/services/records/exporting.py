"""Exporting a batch for a supervisor: one row per application with the engine's verdict, the passing
clause(s), every clause's explanation, the clerk's decision and reason, and the rule version.

Sheets: 审核结果 (one row per application) and 条款明细 (one row per clause of each application), plus
批次 with the batch's facts.  Explanations are worded here, at the edge (rules_engine.explain).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from eligibility_desk.domain.labels import level_label, verdict_label
from eligibility_desk.domain.roles import mask_id_number
from eligibility_desk.domain.verdict import ClauseResult, Verdict
from eligibility_desk.persistence import queries
from eligibility_desk.persistence.database import Database
from eligibility_desk.persistence.models import (
    ApplicantRow,
    BatchRow,
    ReviewDecisionRow,
    ScreeningResultRow,
    ScreeningTraceRow,
)
from eligibility_desk.persistence.traces import result_clauses
from eligibility_desk.services.progress import Cancelled, Progress, never_cancelled, no_progress
from eligibility_desk.services.summaries import ExportSummary

RESULT_HEADERS = ("考生编号", "姓名", "身份证号码", "申报等级", "审核结论", "符合条款", "条款说明", "预计符合日期",
                  "人工决定", "决定理由", "决定人", "决定时间", "标准", "规则版本", "基准日", "审核时间")
CLAUSE_HEADERS = ("考生编号", "姓名", "身份证号码", "申报等级", "条款", "条款结论", "说明", "条款原文")
DECISION_LABELS = {True: ("同意", "approved"), False: ("不同意", "rejected")}
CHUNK = 5000


def export_batch(db: Database, library, batch_id: int, path, progress: Progress = no_progress,
                 cancelled: Cancelled = never_cancelled, lang: str = "zh", mask_ids: bool = False) -> ExportSummary:
    """Write the batch's workbook; ``mask_ids``: 身份证号 as ``110105********1234`` (an actor whose roles do
    not need the full number, :func:`~eligibility_desk.domain.roles.sees_id_numbers`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from eligibility_desk.domain.sheet_cells import row as safe_row
    from eligibility_desk.domain.sheet_cells import dropped_unless_saved, save_workbook
    from eligibility_desk.domain.sheet_cells import header_row, text_cell

    from eligibility_desk.rules_engine.explain import explain_clause

    path = Path(path)
    en = lang.startswith("en")
    with db.reading() as session:
        batch = session.get(BatchRow, batch_id)
        if batch is None:
            raise LookupError(f"no batch {batch_id}")
        states = queries.application_states(session, batch_id)
        a = ApplicantRow.__table__
        heads = {r.id: r for r in session.execute(select(a.c.id, a.c.code, a.c.name, a.c.id_number).where(
            a.c.id.in_(select(queries.APP.c.applicant_id).where(queries.APP.c.batch_id == batch_id))))}
        result_ids = [s.result_id for s in states if s.result_id is not None]
        results = {}
        r, t = ScreeningResultRow.__table__, ScreeningTraceRow.__table__
        for i in range(0, len(result_ids), CHUNK):
            for row in session.execute(select(r, t.c.clauses.label("shared_clauses"))
                                       .outerjoin(t, t.c.id == r.c.trace_id).where(r.c.id.in_(result_ids[i:i + CHUNK]))):
                results[row.id] = row
        decisions = {}
        d = ReviewDecisionRow.__table__
        decision_ids = [s.decision_id for s in states if s.decision_id is not None]
        for i in range(0, len(decision_ids), CHUNK):
            for row in session.execute(select(d).where(d.c.id.in_(decision_ids[i:i + CHUNK]))):
                decisions[row.result_id] = row
        batch_facts = (batch.name, batch.standard, ",".join(batch.levels), batch.as_of, batch.window_start, batch.window_end)
    try:
        spec = library.get(batch_facts[1], batch_facts[3]).spec
        standard_texts = {c.id: c.text for lv in spec.levels for c in lv.clauses}
        level_name = spec.level_name
    except Exception:  # the rule file is gone: the stored traces still explain themselves
        standard_texts = {}
        level_name = level_label

    wb = Workbook(write_only=True)
    with dropped_unless_saved(wb):
        ws = wb.create_sheet("审核结果")
        detail = wb.create_sheet("条款明细")
        info = wb.create_sheet("批次")
        bold = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        for sheet, headers, widths in ((ws, RESULT_HEADERS, (10, 8, 20, 14, 10, 10, 70, 12, 8, 30, 10, 18, 12, 18, 11, 18)),
                                       (detail, CLAUSE_HEADERS, (10, 8, 20, 14, 6, 10, 70, 70))):
            from openpyxl.utils import get_column_letter

            for i, width in enumerate(widths, start=1):
                sheet.column_dimensions[get_column_letter(i)].width = width
            sheet.freeze_panes = "A2"
            sheet.append(header_row(sheet, headers, bold))

        total = len(states)
        step = max(1, total // 100)
        for n, s in enumerate(states):
            if n % step == 0:
                if cancelled():
                    return ExportSummary(str(path), 0, cancelled=True)
                progress(n, total)
            head = heads[s.applicant_id]
            id_number = mask_id_number(head.id_number) if mask_ids else head.id_number
            level = level_name(s.level, lang)
            result = results.get(s.result_id)
            if result is None:
                ws.append(safe_row(ws, [head.code, head.name, id_number, level, "未审核" if not en else "not screened"]))
                continue
            clauses = [ClauseResult(cid, Verdict(v), trace, when) for cid, v, trace, when in result_clauses(result.clauses, result.shared_clauses)]
            lines = []
            for c in clauses:
                text = explain_clause(c, lang)
                lines.append(f"{c.id} {verdict_label(c.verdict, lang)}：{text}" if not en else f"{c.id} {verdict_label(c.verdict, lang)}: {text}")
                detail.append(safe_row(detail, [head.code, head.name, id_number, level, c.id,
                                                verdict_label(c.verdict, lang), text, standard_texts.get(c.id, "")]))
            decision = decisions.get(s.result_id)
            explanation = text_cell(ws, "\n".join(lines))
            explanation.alignment = wrap
            ws.append(safe_row(ws, [head.code, head.name, id_number, level, verdict_label(result.verdict, lang),
                       "、".join(result.passing_clauses) if not en else ", ".join(result.passing_clauses),
                       explanation, result.eligible_from,
                       _pick(DECISION_LABELS[bool(decision.approve)], lang) if decision else None,
                       decision.reason if decision else None, decision.user if decision else None,
                       decision.decided_at.replace(microsecond=0) if decision else None,
                       result.standard, result.rule_version, result.as_of, result.screened_at.replace(microsecond=0)]))
        for label, value in zip(("批次", "标准", "等级", "基准日", "报名开始", "报名截止"), batch_facts):
            info.append(safe_row(info, [label, value]))
        info.append(safe_row(info, ["申报人次", total]))
        save_workbook(wb, path)
    progress(total, total)
    return ExportSummary(str(path), total)


def _pick(pair, lang):
    return pair[1] if lang.startswith("en") else pair[0]


