"""Plain frozen data the services hand to the GUI and the command line — never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple


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


class ApplicantListItem(tuple):
    """One applicant in the list: the row as the list query returns it (persistence/queries.py),
    ``(pk, code, name, id_number, school, major, states)``, read through named properties.

    ``states`` packs the applicant's applications, in the order they were made: ``"4=eligible=0,3=review=a王敏"``
    is level, latest verdict ("" when not screened) and the latest clerk's decision on that result ("0" none,
    "a"/"r" approved/rejected followed by who decided); ``None`` for an applicant with no application.  The
    levels, verdicts and flags are worked out once per distinct text (a batch has only a few hundred): a
    100,000-row list is 100,000 tuples, nothing more."""

    __slots__ = ()

    pk: int = property(itemgetter(0))
    code: str = property(itemgetter(1))
    name: str = property(itemgetter(2))
    id_number: str = property(itemgetter(3))
    school: str = property(itemgetter(4))   # the first school on record, "" when none
    major: str = property(itemgetter(5))

    @property
    def levels(self) -> tuple[str, ...]:
        """Levels applied for (in the batch, or in any batch), each once."""
        return _states(self[6]).levels

    @property
    def verdicts(self) -> tuple[tuple[str, str], ...]:
        """(level, the engine's latest verdict) per screened application; unscreened levels are absent."""
        return _states(self[6]).verdicts

    @property
    def final_verdicts(self) -> tuple[tuple[str, str], ...]:
        """(level, final verdict): a clerk's decision where there is one (approved → eligible, rejected →
        ineligible), else the engine's verdict."""
        return _states(self[6]).finals

    @property
    def decided_levels(self) -> frozenset[str]:
        """Levels whose latest result carries a clerk's decision."""
        return _states(self[6]).decided_levels

    @property
    def deciders(self) -> tuple[str, ...]:
        """Who decided this applicant's results, each once, in application order."""
        return _states(self[6]).deciders

    @property
    def decided(self) -> bool:
        """Some latest result of this applicant has a decision."""
        return bool(_states(self[6]).decided_levels)

    @property
    def review_pending(self) -> bool:
        """Some latest result is review with no decision."""
        return _states(self[6]).pending

    def __repr__(self) -> str:
        return (f"ApplicantListItem(pk={self.pk!r}, code={self.code!r}, name={self.name!r}, levels={self.levels!r}, "
                f"verdicts={self.verdicts!r}, finals={self.final_verdicts!r}, deciders={self.deciders!r}, "
                f"review_pending={self.review_pending!r})")


class _States(NamedTuple):
    levels: tuple[str, ...]
    verdicts: tuple[tuple[str, str], ...]
    finals: tuple[tuple[str, str], ...]
    decided_levels: frozenset[str]
    deciders: tuple[str, ...]
    pending: bool


_NO_STATES = _States((), (), (), frozenset(), (), False)


@lru_cache(maxsize=65536)
def _states(text: str | None) -> _States:
    """An :class:`ApplicantListItem`'s packed states, unpacked."""
    if not text:
        return _NO_STATES
    levels: list[str] = []
    verdicts, finals, deciders = [], [], []
    decided: set[str] = set()
    pending = False
    for part in text.split(","):
        level, verdict, decision = part.split("=", 2)
        if level not in levels:
            levels.append(level)
        if not verdict:
            continue
        verdicts.append((level, verdict))
        if decision[:1] in ("a", "r"):
            decided.add(level)
            finals.append((level, "eligible" if decision[0] == "a" else "ineligible"))
            if decision[1:] and decision[1:] not in deciders:
                deciders.append(decision[1:])
        else:
            finals.append((level, verdict))
            if verdict == "review":
                pending = True
    return _States(tuple(levels), tuple(verdicts), tuple(finals), frozenset(decided), tuple(deciders), pending)


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
    #: how many decisions are on file for this result: the version a new decision must name (0 = undecided)
    decisions: int = 0

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
        """Sheet, row, column and value, each only when there is one (a whole-file problem names the file)."""
        if lang.startswith("en"):
            place = ", ".join([self.sheet] + ([f"row {self.row}"] if self.row else [])
                              + ([f"column {self.column}"] if self.column else []))
            return place + (f" ({self.value!r})" if self.value else "") + ": " + self.message(lang)
        place = self.sheet + (f" 第 {self.row} 行" if self.row else "") + (f"「{self.column}」列" if self.column else "")
        return place + (f"（{self.value}）" if self.value else "") + "：" + self.message(lang)


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
    batch_id: int | None = None   # the batch written to (set when ok; a new batch's id once created)


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
