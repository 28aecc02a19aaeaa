"""A few evaluated candidates and their statistics, for the results exporters (.xlsx here, PDF in
tests/documents): §1.9.2 — 60 passes, 59.9 fails, an absent part fails; level 2 also has the review."""

from decimal import Decimal

from eligibility_desk.scoring import ABSENT, ScoreSheet, SeatLine, evaluate_candidate, part_statistics
from eligibility_desk.scoring.statistics import records_from_sheets

D = Decimal
NAMES = {"A001": "张三", "A002": "李四", "A003": "王五", "A004": "赵六"}


def sample_results(rules):
    rows = [("A001", "4", {"theory": D(60), "skill": D("59.9")}),
            ("A002", "4", {"theory": D(90), "skill": D(80)}),
            ("A003", "2", {"theory": ABSENT, "skill": D(70)}),
            ("A004", "2", {"theory": D(88), "skill": D(70), "review": D(61)})]
    return [evaluate_candidate(c, lvl, v, rules) for c, lvl, v in rows]


def sample_stats(rules):
    sheets = []
    for part, values in (("theory", [D(60), D(90), ABSENT, D(88)]), ("skill", [D("59.9"), D(80), D(70), D(70)])):
        s = ScoreSheet(part, "B", "AM", "R1", part, [SeatLine(i + 1, f"A00{i + 1}", "", "4") for i in range(4)])
        for i, v in enumerate(values):
            s.enter(1, i + 1, v)
        sheets.append(s)
    return part_statistics(records_from_sheets(sheets), rules, by=("part",))
