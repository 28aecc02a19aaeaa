"""The records an applicant holds: schooling, work periods, certificates, titles, training, apprenticeships.

Importable from :mod:`eligibility_desk.domain.applicant` as well (where :class:`Applicant` is), which loads this
module when one of them is first asked for.  Plain frozen dataclasses: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eligibility_desk.domain.applicant_base import (
    ClassType,
    SchoolType,
    TitleGrade,
    add_from_fields,
)


@dataclass(frozen=True, slots=True)
class Education:
    """A schooling record: school type, major, graduation (or expected) date, class type at a 技工院校."""

    school_type: SchoolType
    major: str
    graduated_on: date | None
    in_school: bool = False
    class_type: ClassType | None = None
    assessed: bool = False
    school: str = ""


@dataclass(frozen=True, slots=True)
class WorkPeriod:
    """A period of work in an occupation, from ``start`` to ``end``: ``None`` with ``end_known`` ongoing, without
    it not known."""

    occupation: str
    start: date
    end: date | None = None  # None: ongoing (when end_known) or not known
    employer: str = ""
    #: False when the record does not say when the period ended (interchange: no ``end`` key) -> review
    end_known: bool = True


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate held.  A national occupational certificate (``standard`` empty) has ``level`` 5 … 1; a
    certificate of a standard with its own levels (1+X) names that standard's code in ``standard`` and its
    level in the standard's own words or code (``"初级"``).  ``obtained_on`` may be unknown (``None``): only
    a clause that needs the date is then sent to review."""

    occupation: str
    level: int | str  # national level 5 … 1, or a level of ``standard``
    obtained_on: date | None
    number: str = ""
    standard: str = ""


@dataclass(frozen=True, slots=True)
class Title:
    """A professional title held: its grade, the day obtained, whether it matches the profession."""

    grade: TitleGrade
    obtained_on: date
    profession_matches: bool | None = None  # None: not yet known -> review
    name: str = ""


@dataclass(frozen=True, slots=True)
class Training:
    """Formal training attended (经正规培训): the occupation, the level trained for (a level code of the
    standard), the hours completed and the day it finished (``None``: not known)."""

    occupation: str
    level: str
    hours: float
    finished_on: date | None = None


@dataclass(frozen=True, slots=True)
class Apprenticeship:
    """An apprenticeship (学徒) in an occupation; ``finished_on`` the day it was completed (期满), ``None`` while
    it is still running."""

    occupation: str
    finished_on: date | None = None
    started_on: date | None = None


for _cls in (Education, WorkPeriod, Certificate, Title, Training, Apprenticeship):
    add_from_fields(_cls)
del _cls
