"""Results to ``.xlsx`` (openpyxl, write-only): 成绩 (every candidate), 合格名单 (pass list), 统计 (statistics)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from eligibility_desk.scoring.results import PASS, CandidateResult
from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.statistics import GroupStatistics
from eligibility_desk.scoring.wording import group_label, outcome_label, part_cell


def export_results_xlsx(path: str | Path, results: Iterable[CandidateResult], rules: ScoringRules,
                        names: Mapping[str, str] | None = None,
                        statistics: Mapping[tuple, GroupStatistics] | None = None, lang: str = "zh") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from eligibility_desk.domain.sheet_cells import row as safe_row
    from eligibility_desk.domain.sheet_cells import dropped_unless_saved, save_workbook
    from eligibility_desk.domain.sheet_cells import header_row

    en = lang.startswith("en")
    names = names or {}
    results = list(results)
    book = Workbook(write_only=True)
    with dropped_unless_saved(book):
        bold = Font(bold=True)

        def header(ws, labels):
            ws.append(header_row(ws, labels, bold))

        parts = list(rules.parts)
        sheet = book.create_sheet("Results" if en else "成绩")
        header(sheet, (["Admission no.", "Name", "Level"] if en else ["准考证号", "姓名", "等级"])
               + [rules.part_label(p, lang) for p in parts] + (["Outcome", "Reasons"] if en else ["结论", "说明"]))
        for result in results:
            sheet.append(safe_row(sheet, [result.candidate, names.get(result.candidate, ""), result.level]
                         + [part_cell(result.parts.get(p), lang) if p in result.parts else "—" for p in parts]
                         + [outcome_label(result.outcome, lang), "；".join(r.text(lang, rules) for r in result.reasons)]))

        passed = book.create_sheet("Pass list" if en else "合格名单")
        header(passed, ["No.", "Admission no.", "Name", "Level"] if en else ["序号", "准考证号", "姓名", "等级"])
        number = 0
        for result in results:
            if result.outcome == PASS:
                number += 1
                passed.append(safe_row(passed, [number, result.candidate, names.get(result.candidate, ""), result.level]))

        if statistics:
            stats = book.create_sheet("Statistics" if en else "统计")
            first = next(iter(statistics.values()))
            bins = [f"{edge}–" for edge in first.bin_edges]
            header(stats, (["Group", "Candidates", "Absent", "Disqualified", "Sat", "Passed", "Pass rate", "Mean", "Median"]
                           if en else ["分组", "人数", "缺考", "违纪", "实考", "合格", "合格率", "平均分", "中位数"]) + bins)
            for key, s in statistics.items():
                stats.append(safe_row(stats, [group_label(key, rules, lang), s.candidates, s.absent, s.disqualified, s.sat, s.passed,
                              round(s.pass_rate, 4) if s.pass_rate is not None else None,
                              float(s.mean) if s.mean is not None else None,
                              float(s.median) if s.median is not None else None, *s.histogram]))
        path = Path(path)
        save_workbook(book, path)
    return path
