"""Scoring (§1.9.2): score validation, double entry, panels, results, corrections, re-checks, statistics.

Pure and Qt-free.  Numbers come from the rule file's ``assessment`` section via :func:`scoring_rules`.
"""

from eligibility_desk.scoring.panel import PanelOutcome, PanelSheet, panel_outcome
from eligibility_desk.scoring.publication import Publication, publish_batch
from eligibility_desk.scoring.recheck import RecheckRequest, file_recheck, resolve_recheck
from eligibility_desk.scoring.records import InvalidScoreRecord, ScoreRecord, parse_score_record, parse_score_records
from eligibility_desk.scoring.results import (FAIL, INCOMPLETE, PASS, CandidateResult, PartResult, Reason,
                                              evaluate_candidate, evaluate_many)
from eligibility_desk.scoring.rules import PartSpec, ScoringRuleError, ScoringRules, scoring_rules
from eligibility_desk.scoring.sheet import AuditRecord, Mismatch, ScoreSheet, SeatLine, SheetError
from eligibility_desk.scoring.statistics import GroupStatistics, OutcomeStatistics, PartRecord, outcome_statistics, part_statistics
from eligibility_desk.scoring.values import ABSENT, Mark, Marked, ScoreError, disqualified, parse_cell, parse_score
from eligibility_desk.scoring.workdays import WorkCalendar, add_working_days, is_working_day

__all__ = [
    "ABSENT", "FAIL", "INCOMPLETE", "PASS", "AuditRecord", "CandidateResult", "GroupStatistics", "InvalidScoreRecord",
    "Mark", "Marked", "Mismatch", "OutcomeStatistics", "PanelOutcome", "PanelSheet", "PartRecord", "PartResult",
    "PartSpec", "Publication", "Reason", "RecheckRequest", "ScoreError", "ScoreRecord", "ScoreSheet",
    "ScoringRuleError", "ScoringRules", "SeatLine", "SheetError", "WorkCalendar", "add_working_days", "disqualified",
    "evaluate_candidate", "evaluate_many", "file_recheck", "is_working_day", "outcome_statistics", "panel_outcome",
    "parse_cell", "parse_score", "parse_score_record", "parse_score_records", "part_statistics", "publish_batch", "resolve_recheck",
    "scoring_rules",
]
