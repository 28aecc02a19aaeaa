"""The domain core: plain data and pure functions, free of Qt and SQLAlchemy."""

from eligibility_desk.domain.applicant import (
    LEVEL_NAMES,
    VALID_LEVELS,
    Applicant,
    Certificate,
    ClassType,
    Education,
    SchoolType,
    Title,
    TitleGrade,
    WorkPeriod,
)
from eligibility_desk.domain.verdict import ClauseResult, LevelResult, Verdict

__all__ = [
    "LEVEL_NAMES", "VALID_LEVELS", "Applicant", "Certificate", "ClassType", "Education", "SchoolType",
    "Title", "TitleGrade", "WorkPeriod", "ClauseResult", "LevelResult", "Verdict",
]
