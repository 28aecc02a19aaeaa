"""Applicants and the facts the eligibility clauses speak of.

Plain frozen dataclasses: no Qt, no SQLAlchemy.  The records an applicant holds (:class:`Education`,
:class:`WorkPeriod`, :class:`Certificate`, :class:`Title`, :class:`Training`, :class:`Apprenticeship`) are
defined in :mod:`.applicant_records`, the kinds of school, class and title in :mod:`.applicant_base`; all are
importable from here.  Dates are :class:`datetime.date`; an ongoing work period has ``end=None`` (and
``end_known=True``); a period whose end is not known has ``end=None, end_known=False``; an enrolled student
has ``in_school=True`` and ``graduated_on`` is the expected date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from eligibility_desk.domain.applicant_base import (  # noqa: F401 - the kinds and levels, imported from here
    LEVEL_NAMES,
    VALID_LEVELS,
    ClassType,
    SchoolType,
    TitleGrade,
    add_from_fields,
)

if TYPE_CHECKING:
    from eligibility_desk.domain.applicant_records import (
        Apprenticeship,
        Certificate,
        Education,
        Title,
        Training,
        WorkPeriod,
    )


@dataclass(frozen=True, slots=True)
class Applicant:
    """An applicant and the facts the clauses speak of (``extra``: other fields of the record, kept)."""

    id: str
    name: str
    id_number: str | None = None
    education: tuple[Education, ...] = ()
    work: tuple[WorkPeriod, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    titles: tuple[Title, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    #: the birth date when the record gives one; otherwise age is read from the ID number
    birth_date: date | None = None
    training: tuple[Training, ...] = ()
    apprenticeships: tuple[Apprenticeship, ...] = ()


add_from_fields(Applicant)

#: the records an applicant holds live in :mod:`.applicant_records`, made when first asked for (PEP 562): the
#: ``screen`` command reads applicants decoded straight into msgspec structs and never makes one, and their six
#: dataclasses were ~4 ms of its serial start (docs/benchmarks.md, round nine).  ``from …applicant import
#: Education`` works as before.
_RECORDS = frozenset({"Education", "WorkPeriod", "Certificate", "Title", "Training", "Apprenticeship"})


def __getattr__(name: str):
    if name in _RECORDS:
        from eligibility_desk.domain import applicant_records

        return getattr(applicant_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _RECORDS)
