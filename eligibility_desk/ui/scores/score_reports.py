"""Plain helpers behind the 成绩 workspace (no Qt): sheet summaries for the list, the stored sheet rebuilt for
the grid, results export and score import.  Long ones take ``progress(done, total)`` and ``cancelled()``.

Everything goes through :class:`~eligibility_desk.services.scores.score_service.ScoreService`; nothing here touches rows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from eligibility_desk.scoring import CandidateResult, PartResult, Reason, ScoreSheet, SeatLine
from eligibility_desk.scoring.values import Mark

#: sheet status codes (worded by the list model): nothing entered, being entered, both complete, locked
NOT_STARTED, ENTERING, TO_CHECK, LOCKED = "not_started", "entering", "to_check", "locked"


@dataclass(frozen=True)
class SheetSummary:
    id: int
    session: str
    room: str
    part: str
    level: str
    start: object
    seats: int
    status: str
    mismatches: int
    missing: int
    panel: tuple[str, ...]


def summarise_sheet(scores, info) -> SheetSummary:
    if info.locked:
        status, mismatches, missing = LOCKED, 0, 0
    else:
        mismatches = len(scores.mismatches(info.id))
        missing = len(scores.missing(info.id))
        if missing == 2 * len(info.lines):
            status = NOT_STARTED
        elif missing:
            status = ENTERING
        else:
            status = TO_CHECK
    return SheetSummary(info.id, info.session, info.room, info.part, info.level, info.start, len(info.lines),
                        status, mismatches, missing, info.panel)


def summarise_sheets(scores, batch_id: int) -> list[SheetSummary]:
    """The batch's sheets (made from the final plan if not yet) with status and mismatch counts.
    Raises the service's ``SheetError("plan_not_final")`` when the batch has no final plan."""
    return [summarise_sheet(scores, info) for info in scores.open_sheets(batch_id)]


def stored_sheet(scores, sheet_id: int, recorders: tuple[int, ...]) -> tuple[object, ScoreSheet, dict[int, int]]:
    """``(info, sheet, versions)``: the stored sheet with only the given recorders' entries (the second
    recorder's grid is built with ``(2,)`` and never holds the first's), locked and corrected like the store
    when it is locked; ``versions`` are seat -> cell version of the single recorder asked for."""
    info = scores.sheet(sheet_id)
    sheet = ScoreSheet(str(info.id), str(info.batch_id), info.session, info.room, info.part,
                       [SeatLine(x.seat, x.admission_no, x.name, x.level) for x in info.lines])
    versions: dict[int, int] = {}
    for recorder in recorders:
        view = scores.recorder_view(sheet_id, recorder)
        for seat, entry in view.entries.items():
            sheet.entries.setdefault(recorder, {})[seat] = entry.value
            if len(recorders) == 1:
                versions[seat] = entry.version
    if info.locked and set(recorders) == {1, 2}:
        sheet.lock(info.locked_by or "", info.locked_at)
        sheet.final.update(scores.final_values(sheet_id))
    elif info.locked:
        sheet.locked_by, sheet.locked_at = info.locked_by or "", info.locked_at
    return info, sheet, versions


# --- results export ------------------------------------------------------------------------------------

def results_of(publication) -> tuple[list[CandidateResult], dict[str, str]]:
    """A stored publication's results as the scoring package's ``CandidateResult`` (for the exporters)."""
    results, names = [], {}
    for r in publication.results:
        parts = {p: PartResult(p, Decimal(v["score"]) if v.get("score") is not None else None, v.get("passed"),
                               Mark(v["mark"]) if v.get("mark") else None, v.get("note") or "")
                 for p, v in r["parts"].items()}
        reasons = tuple(Reason(x["code"], tuple((k, v) for k, v in x.items() if k != "code")) for x in r["reasons"])
        results.append(CandidateResult(r["candidate"], r["level"], parts, r["outcome"], reasons))
        names[r["candidate"]] = r.get("name", "")
    return results, names


def export_results(scores, batch_id: int, path: str, title: str, lang: str = "zh", progress=None, cancelled=None,
                   font_spec: str | None = None) -> str:
    """Write the batch's newest publication (results, pass list) and its statistics to ``.xlsx`` or ``.pdf``.
    ``font_spec`` (``PATH`` or ``PATH#INDEX``) is the CJK font the PDF embeds, as ``DocumentOptions.font`` is
    for the printed documents; None searches as they do ($ELIGIBILITY_DESK_FONT, the system's, the bundled)."""
    from eligibility_desk.scoring import SheetError
    from eligibility_desk.documents.results_pdf import export_results_pdf
    from eligibility_desk.scoring.xlsx_export import export_results_xlsx

    progress = progress or (lambda done, total: None)
    publication = scores.publication(batch_id)
    if publication is None:
        raise SheetError(str(batch_id), "not_published")
    progress(0, 3)
    results, names = results_of(publication)
    rules = scores.rules_for(batch_id)
    statistics = scores.statistics(batch_id, by=("level", "part"))
    progress(1, 3)
    if cancelled is not None and cancelled():
        from eligibility_desk.services.progress import OperationCancelled

        raise OperationCancelled("export cancelled; nothing written")
    if path.lower().endswith(".pdf"):
        export_results_pdf(path, results, rules, title, names=names, statistics=statistics, lang=lang, font_spec=font_spec)
    else:
        export_results_xlsx(path, results, rules, names=names, statistics=statistics, lang=lang)
    scores.record_results_export(publication, path, len(results))
    progress(3, 3)
    return path


# --- score import --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportProblemRow:
    """A problem of a score workbook in the shape the import report's table shows."""

    sheet: str
    row: int
    column: str
    value: str
    problem: object
    words: tuple[str, str] | None = None     # (zh, en) for the checks made here, not the reader's codes

    def message(self, lang: str = "zh") -> str:
        if self.words is not None:
            return self.words[1] if lang.startswith("en") else self.words[0]
        return f"{self.problem.field}: {self.problem.message(lang)}"


def import_sheet_scores(scores, sheet_id: int, recorder: int, path: str, progress=None, cancelled=None):
    """Enter a score-sheet workbook's column for this sheet's part as ``recorder``: every cell checked first,
    every seat matched with its admission number; on any problem nothing is written and the report (with
    ``problems``) is returned, else the number of seats entered."""
    from eligibility_desk.services.scores.score_files import read_score_workbook

    info = scores.sheet(sheet_id)
    rules = scores.rules_for(info.batch_id)
    imported = read_score_workbook(path, rules)   # checked first; formula and error cells are problems
    name = os.path.basename(path)
    problems = [ImportProblemRow(name, p.row, p.column, str(p.params.get("value", "")), p) for p in imported.problems]
    lines = {x.seat: x for x in info.lines}
    values = {}
    if info.part not in imported.parts:
        label = rules.part_label(info.part)
        problems.append(ImportProblemRow(name, 1, "", "", None, (f"没有「{label}」一列", f"no column for {rules.part_label(info.part, 'en')}")))
    for row in imported.rows:
        if info.part not in row.values or row.seat is None:
            continue
        line = lines.get(row.seat)
        if line is None:
            problems.append(ImportProblemRow(name, row.row, "A", str(row.seat), None,
                                             (f"座位 {row.seat} 不在本成绩单上", f"seat {row.seat} is not on this sheet")))
        elif line.admission_no != row.candidate:
            problems.append(ImportProblemRow(name, row.row, "B", row.candidate, None,
                                             (f"座位 {row.seat} 的准考证号应为 {line.admission_no}",
                                              f"seat {row.seat} belongs to admission number {line.admission_no}")))
        else:
            values[row.seat] = row.values[info.part]
    if problems:
        return SimpleNamespace(problems=problems, problem_report=None)
    return scores.enter_many(sheet_id, recorder, values)
