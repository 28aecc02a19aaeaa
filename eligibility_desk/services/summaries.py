"""Plain frozen data the services hand to the GUI and the command line — never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class VerdictCounts:
    eligible: int = 0
    ineligible: int = 0
    review: int = 0
    error: int = 0
    unscreened: int = 0

    @property
    def total(self) -> int:
        return self.eligible + self.ineligible + self.review + self.error + self.unscreened


@dataclass(frozen=True)
class BatchInfo:
    id: int
    name: str
    standard: str
    levels: tuple[str, ...]
    as_of: date
    window_start: date | None
    window_end: date | None
    applicants: int          # people in the batch
    applications: int        # applicant × level
    counts: VerdictCounts    # latest verdict per application
    decided: int             # applications whose latest result has a decision
    review_pending: int      # latest result is review and undecided


@dataclass(frozen=True)
class ApplicantListItem:
    pk: int
    code: str
    name: str
    id_number: str
    school: str
    major: str
    levels: tuple[str, ...]              # levels applied for (in the batch, or in any batch)
    verdicts: tuple[tuple[str, str], ...]  # (level, latest verdict value); unscreened levels are absent
    decided: bool                        # some latest result of this applicant has a decision
    review_pending: bool                 # some latest result is review with no decision


@dataclass(frozen=True)
class StoredClause:
    id: str
    verdict: str
    trace: tuple
    eligible_from: date | None


@dataclass(frozen=True)
class StoredDecision:
    id: int
    approve: bool
    reason: str
    user: str
    decided_at: datetime


@dataclass(frozen=True)
class StoredResult:
    id: int
    application_id: int
    run_id: int
    applicant_pk: int
    level: str
    verdict: str
    passing_clauses: tuple[str, ...]
    eligible_from: date | None
    clauses: tuple[StoredClause, ...]
    standard: str
    rule_version: str
    as_of: date
    screened_at: datetime
    decision: StoredDecision | None = None

    def clause_result(self, clause_id: str):
        """One clause as a :class:`~eligibility_desk.domain.verdict.ClauseResult`, ready for ``explain_clause``."""
        from eligibility_desk.domain.verdict import ClauseResult, Verdict

        for clause in self.clauses:
            if clause.id == clause_id:
                return ClauseResult(clause.id, Verdict(clause.verdict), clause.trace, clause.eligible_from)
        raise KeyError(clause_id)

    def clause_results(self) -> tuple:
        return tuple(self.clause_result(c.id) for c in self.clauses)


@dataclass(frozen=True)
class ImportProblem:
    sheet: str          # 考生 / 学历 / 工作经历 / 证书 / 职称, or the file name for CSV/JSON
    row: int            # spreadsheet row number (1 = header), or record number for JSON
    column: str         # header text as in the file, e.g. 身份证号码
    value: str
    code: str           # FieldError code
    params: dict = field(default_factory=dict)
    column_index: int | None = None  # 1-based column in the sheet, for marking the cell

    def message(self, lang: str = "zh") -> str:
        from eligibility_desk.domain.errors import FieldError

        return FieldError(self.column, self.code, self.params).message(lang)

    def describe(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return f"{self.sheet} row {self.row}, column {self.column} ({self.value!r}): {self.message(lang)}"
        return f"{self.sheet} 第 {self.row} 行「{self.column}」列（{self.value}）：{self.message(lang)}"


@dataclass(frozen=True)
class ImportReport:
    ok: bool                      # True: written; False: nothing written (problems, or cancelled)
    cancelled: bool
    applicants_read: int
    created: int                  # applicants new to the database
    updated: int                  # applicants already on file (same ID number) whose records were replaced
    applications_added: int       # new applicant × level rows in the batch
    problems: tuple[ImportProblem, ...] = ()
    problem_report: str | None = None  # path of the .xlsx listing the problems with the cells marked
    seconds: float = 0.0
    unchanged: int = 0            # applicants already on file whose records the file repeats exactly


@dataclass(frozen=True)
class ScreeningSummary:
    run_id: int | None
    batch_id: int
    standard: str
    rule_version: str
    as_of: date
    counts: VerdictCounts
    cancelled: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class ExportSummary:
    path: str
    rows: int
    cancelled: bool = False
