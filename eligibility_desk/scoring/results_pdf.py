"""The results report as PDF (reportlab): per-part statistics with histograms, all results, the pass list.

The CJK font comes from :func:`cjk_font_name`.  ``eligibility_desk.documents.fonts`` did not exist when
this was written; until it does, the function registers WenQuanYi Micro Hei itself — swap its body for
the documents package's helper once that lands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from eligibility_desk.scoring.results import PASS, CandidateResult
from eligibility_desk.scoring.rules import ScoringRules
from eligibility_desk.scoring.statistics import GroupStatistics
from eligibility_desk.scoring.wording import group_label, outcome_label, part_cell

_FONT_NAME = "WenQuanYiMicroHei"
_FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",)


def cjk_font_name() -> str:
    """Register (once) and name a font with Chinese glyphs; the one place to swap for documents.fonts."""
    try:
        from eligibility_desk.documents import fonts  # type: ignore[attr-defined]
    except ImportError:
        fonts = None
    if fonts is not None and hasattr(fonts, "cjk_font_name"):
        return fonts.cjk_font_name()
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return _FONT_NAME
    for path in _FONT_PATHS:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(_FONT_NAME, path, subfontIndex=0))
            return _FONT_NAME
    raise FileNotFoundError(f"no CJK font found (looked for {', '.join(_FONT_PATHS)})")


def histogram_drawing(stats: GroupStatistics, pass_mark, width: float = 260, height: float = 90, font: str = "Helvetica"):
    """A small bar chart of a group's histogram; bins at or above the pass mark are green."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    drawing = Drawing(width, height)
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


def export_results_pdf(path: str | Path, results: Iterable[CandidateResult], rules: ScoringRules, title: str,
                       names: Mapping[str, str] | None = None,
                       statistics: Mapping[tuple, GroupStatistics] | None = None, lang: str = "zh") -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    en = lang.startswith("en")
    font = cjk_font_name()
    names = names or {}
    results = list(results)
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
                         histogram_drawing(s, rules.pass_mark, 62 * mm, 22 * mm, font)])
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
                  repeatRows=1, colWidths=[14 * mm, 34 * mm, 30 * mm, 14 * mm])
    table.setStyle(grid)
    story.append(table)

    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=title)
    doc.build(story)
    return path
