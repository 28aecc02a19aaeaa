"""Publication of a batch and statistics on a small hand-computed set."""

from datetime import datetime
from decimal import Decimal

import pytest

from eligibility_desk.scoring import (ABSENT, Mark, Marked, PartRecord, ScoreSheet, SeatLine, SheetError,
                                      evaluate_candidate, outcome_statistics, part_statistics, publish_batch)
from eligibility_desk.scoring.statistics import records_from_sheets

D = Decimal
AT = datetime(2026, 11, 21, 18)


def sheet(sid, part, room, values):
    lines = [SeatLine(i + 1, cand, "", level) for i, (cand, level, _v) in enumerate(values)]
    s = ScoreSheet(sid, "B1", "AM", room, part, lines)
    for line, (_c, _l, value) in zip(lines, values):
        s.enter(1, line.seat, value)
        s.enter(2, line.seat, value)
    return s


def test_publish_needs_every_sheet_locked_and_lists_the_passes(rules):
    theory = sheet("T", "theory", "R1", [("A1", "4", D(60)), ("A2", "4", D("59.9")), ("A3", "2", D(90))])
    skill = sheet("K", "skill", "R2", [("A1", "4", D(75)), ("A2", "4", D(90)), ("A3", "2", D(80))])
    theory.lock("组长", AT)
    with pytest.raises(SheetError) as info:
        publish_batch("B1", [theory, skill], rules, "主任", AT)
    assert info.value.code == "batch_has_open_sheets"
    skill.lock("组长", AT)
    publication = publish_batch("B1", [theory, skill], rules, "主任", AT)
    assert publication.pass_list == ("A1",)
    assert publication.result("A2").outcome == "fail"
    assert publication.result("A3").outcome == "incomplete"   # level 2 without a review sheet


def records():
    values = [D(50), D(60), D(70), D("85.5"), D(100), ABSENT, Marked(Mark.DISQUALIFIED, "作弊"), None]
    rooms = ["R1", "R1", "R1", "R2", "R2", "R2", "R2", "R2"]
    return [PartRecord(f"A{i}", "4", "theory", v, "AM", room, "B1") for i, (v, room) in enumerate(zip(values, rooms))]


def test_statistics_on_a_hand_computed_set(rules):
    stats = part_statistics(records(), rules, by=("part",))[("theory",)]
    assert (stats.candidates, stats.absent, stats.disqualified, stats.missing) == (8, 1, 1, 1)
    assert stats.sat == 6                       # 8 − 1 absent − 1 missing; the disqualified one sat
    assert stats.passed == 4                    # 60, 70, 85.5, 100
    assert stats.pass_rate == pytest.approx(4 / 6)
    assert stats.mean == D("73.10")             # 365.5 / 5
    assert stats.median == D(70)
    assert stats.histogram == (0, 0, 0, 0, 0, 1, 1, 1, 1, 1)   # 100 falls in the last bin 90–100
    assert stats.bin_edges[0] == 0 and stats.bin_edges[-1] == 90


def test_statistics_per_room_and_for_the_batch(rules):
    by_room = part_statistics(records(), rules, by=("room",))
    r1, r2 = by_room[("R1",)], by_room[("R2",)]
    assert (r1.candidates, r1.passed, r1.mean, r1.median) == (3, 2, D("60.00"), D(60))
    assert (r2.candidates, r2.absent, r2.sat, r2.passed, r2.median) == (5, 1, 3, 2, D("92.75"))
    batch = part_statistics(records(), rules, by=())[()]
    assert batch.candidates == 8
    with pytest.raises(ValueError):
        part_statistics(records(), rules, by=("colour",))


def test_even_count_median_and_empty_group(rules):
    recs = [PartRecord("A", "4", "skill", D(61)), PartRecord("B", "4", "skill", D(64)), PartRecord("C", "4", "review", ABSENT)]
    stats = part_statistics(recs, rules, by=("part",))
    assert stats[("skill",)].median == D("62.5")
    assert stats[("review",)].pass_rate is None and stats[("review",)].mean is None


def test_outcome_statistics_per_level(rules):
    results = [evaluate_candidate("A", "4", {"theory": D(70), "skill": D(70)}, rules),
               evaluate_candidate("B", "4", {"theory": D(50), "skill": D(70)}, rules),
               evaluate_candidate("C", "2", {"theory": D(70), "skill": D(70)}, rules)]
    stats = outcome_statistics(results)
    assert (stats[("4",)].passed, stats[("4",)].failed, stats[("4",)].pass_rate) == (1, 1, 0.5)
    assert (stats[("2",)].incomplete, stats[("2",)].pass_rate) == (1, None)


def test_records_from_sheets(rules):
    s = sheet("T", "theory", "R1", [("A1", "4", D(60))])
    assert records_from_sheets([s]) == [PartRecord("A1", "4", "theory", D(60), "AM", "R1", "B1")]


def test_publish_reports_progress_and_can_be_cancelled(rules):
    s = sheet("T", "theory", "R1", [("A1", "4", D(60))])
    s.lock("组长", AT)
    seen = []
    publication = publish_batch("B1", [s], rules, "主任", AT, progress=lambda d, t: seen.append((d, t)))
    assert publication is not None and seen[-1] == (1, 1)
    assert publish_batch("B1", [s], rules, "主任", AT, cancelled=lambda: True) is None
