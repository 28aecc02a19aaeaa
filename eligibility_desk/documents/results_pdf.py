"""The results report as PDF (reportlab platypus): per-part statistics with histograms, every result, the
pass list on its own page (docs/scoring.md).

Like every printed document it draws with the embedded CJK font of :func:`~.fonts.font_for_texts`
(``font_spec``: ``PATH`` or ``PATH#INDEX``, else ``$ELIGIBILITY_DESK_FONT``, the bundled one, the system's) and
writes the file atomically (:func:`~.drawing.atomic_output`): a failed build leaves no half-written PDF.
The numbers and wording come from the scoring package; this module only lays them out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from eligibility_desk.documents.drawing import atomic_output
from eligibility_desk.documents.fonts import font_for_texts
from eligibility_desk.scoring.results import PASS, CandidateResult
from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.statistics import GroupStatistics
from eligibility_desk.scoring.wording import group_label, outcome_label, part_cell


def histogram_drawing(stats: GroupStatistics, pass_mark, font: str, width: float = 260, height: float = 90):
    """A small bar chart of a group's histogram; bins at or above the pass mark are green."""
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=6)   # not reportlab's Helvetica
    bins = stats.histogram
    top = max(bins) or 1
    left, bottom, plot_h = 4, 14, height - 24
    bar_w = (width - left * 2) / len(bins)
    for i, (count, edge) in enumerate(zip(bins, stats.bin_edges)):
        h = plot_h * count / top
        colour = colors.HexColor("#3a8f5c") if edge >= pass_mark else colors.HexColor("#c0504d")
        drawing.add(Rect(left + i * bar_w + 1, bottom, bar_w - 2, h, fillColor=colour, strokeColor=None))
        if count:
            drawing.add(String(left + i * bar_w + bar_w / 2, bottom + h + 2, str(count), fontName=font, fontSize=6,
                               textAnchor="middle"))
        drawing.add(String(left + i * bar_w + bar_w / 2, 4, str(int(edge)), fontName=font, fontSize=6, textAnchor="middle"))
    drawing.add(Line(left, bottom, width - left, bottom, strokeColor=colors.grey, strokeWidth=0.5))
    return drawing


def _texts(results, rules: ScoringRules, title: str, names, statistics, lang: str):
    """What the report draws besides its fixed headings, for the font check."""
    yield ("batch", "title"), title
    yield ("batch", "reference"), str(rules.reference)
    for p in rules.parts:
        yield ("batch", p), rules.part_label(p, lang)
    for key in statistics:
        yield ("batch", "group"), group_label(key, rules, lang)
    for outcome in ("pass", "fail", "incomplete"):
        yield ("batch", outcome), outcome_label(outcome, lang)
    for r in results:
        owner = ("candidate", r.candidate)
        yield owner, r.candidate
        yield owner, names.get(r.candidate, "")
        yield owner, str(r.level)
        for x in r.reasons:
            yield owner, x.text(lang, rules)


def export_results_pdf(path: str | Path, results: Iterable[CandidateResult], rules: ScoringRules, title: str,
                       names: Mapping[str, str] | None = None,
                       statistics: Mapping[tuple, GroupStatistics] | None = None, lang: str = "zh",
                       font_spec: str | None = None, warnings: list | None = None) -> Path:
    """Write the report; texts the chosen font cannot draw (a rare character in a name) are appended to
    ``warnings`` as ``glyphs_missing`` (code, params) pairs when a list is given."""
    en = lang.startswith("en")
    names = names or {}
    results = list(results)
    choice = font_for_texts(font_spec, _texts(results, rules, title, names, statistics or {}, lang))
    font = choice.name
    if warnings is not None:
        warnings.extend(choice.warnings)
    h1 = ParagraphStyle("h1", fontName=font, fontSize=15, leading=20, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=11, leading=15, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=10)
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8),
                       ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    story = [Paragraph(title, h1)]
    counts = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in ("pass", "fail", "incomplete")}
    summary = ", ".join(f"{outcome_label(k, lang)} {v}" for k, v in counts.items())
    story.append(Paragraph((f"{len(results)} candidates: " if en else f"共 {len(results)} 人：") + summary
                           + (f" · pass mark {rules.pass_mark} ({rules.reference})" if en
                              else f" · 合格线 {rules.pass_mark} 分（{rules.reference}）"), body))

    if statistics:
        story.append(Paragraph("Statistics" if en else "成绩统计", h2))
        head = (["Group", "Cand.", "Absent", "Disq.", "Sat", "Passed", "Pass rate", "Mean", "Median", "Histogram"] if en
                else ["分组", "人数", "缺考", "违纪", "实考", "合格", "合格率", "平均分", "中位数", "分数分布"])
        rows = [head]
        for key, s in statistics.items():
            rows.append([Paragraph(group_label(key, rules, lang), body), s.candidates, s.absent, s.disqualified, s.sat, s.passed,
                         f"{s.pass_rate:.1%}" if s.pass_rate is not None else "—",
                         s.mean if s.mean is not None else "—", s.median if s.median is not None else "—",
                         histogram_drawing(s, rules.pass_mark, font, 62 * mm, 22 * mm)])
        table = Table(rows, repeatRows=1, colWidths=[30 * mm] + [11 * mm] * 8 + [64 * mm])
        table.setStyle(grid)
        story.append(table)

    parts = list(rules.parts)
    story.append(Paragraph("Results" if en else "考生成绩", h2))
    rows = [(["Admission no.", "Name", "Level"] if en else ["准考证号", "姓名", "等级"])
            + [Paragraph(rules.part_label(p, lang), body) for p in parts] + (["Outcome", "Reasons"] if en else ["结论", "说明"])]
    for r in results:
        cells = []
        for p in parts:
            value = part_cell(r.parts.get(p), lang) if p in r.parts else "—"
            cells.append("" if value is None else (f"{value:g}" if isinstance(value, float) else value))
        rows.append([r.candidate, names.get(r.candidate, ""), r.level, *cells, outcome_label(r.outcome, lang),
                     Paragraph("；".join(x.text(lang, rules) for x in r.reasons), body)])
    table = Table(rows, repeatRows=1, colWidths=[24 * mm, 18 * mm, 10 * mm] + [17 * mm] * len(parts) + [15 * mm, None])
    style = TableStyle(grid.getCommands())
    for i, r in enumerate(results, start=1):
        if r.outcome != PASS:
            style.add("TEXTCOLOR", (-2, i), (-2, i), colors.HexColor("#b03030"))
    table.setStyle(style)
    story.append(table)

    story.append(PageBreak())
    story.append(Paragraph("Pass list" if en else "合格人员名单", h1))
    passed = [[i, r.candidate, names.get(r.candidate, ""), r.level]
              for i, r in enumerate((r for r in results if r.outcome == PASS), start=1)]
    table = Table([["No.", "Admission no.", "Name", "Level"] if en else ["序号", "准考证号", "姓名", "等级"], *passed],
                  repeatRows=1, colWidths=[14 * mm, 34 * mm, 30 * mm, 14 * mm], hAlign="LEFT")
    table.setStyle(grid)
    story.append(table)

    path = Path(path)
    with atomic_output(path) as tmp:
        # the CJK font from the start, so no page refers to an unembedded Helvetica (as new_canvas does)
        SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                          bottomMargin=12 * mm, title=title, author="Eligibility Desk", creator="Eligibility Desk",
                          pageCompression=1, initialFontName=font, initialFontSize=10).build(story)
    return path
