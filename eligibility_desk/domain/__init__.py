"""The domain core: plain data and pure functions, free of Qt and SQLAlchemy."""

from eligibility_desk.domain.applicant import (
    LEVEL_NAMES,
    VALID_LEVELS,
    Applicant,
    ClassType,
    SchoolType,
    TitleGrade,
)
from eligibility_desk.domain.verdict import ClauseResult, LevelResult, Verdict

__all__ = [
    "LEVEL_NAMES", "VALID_LEVELS", "Applicant", "Certificate", "ClassType", "Education", "SchoolType",
    "Title", "TitleGrade", "WorkPeriod", "ClauseResult", "LevelResult", "Verdict",
]


def __getattr__(name: str):
    """The records an applicant holds (domain/applicant_records.py), loaded when first asked for: importing
    the package does not make their dataclasses (the ``screen`` command never uses them)."""
    if name in ("Certificate", "Education", "Title", "WorkPeriod"):
        from eligibility_desk.domain import applicant_records

        return getattr(applicant_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
