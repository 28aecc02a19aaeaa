"""Applicants in and out of the database: one at a time through the ORM (with the version check), and in
bulk through Core statements (import, screening) — ``executemany`` inserts, no ORM unit of work.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from eligibility_desk.domain.applicant import (
    Applicant,
    Certificate,
    ClassType,
    Education,
    SchoolType,
    Title,
    TitleGrade,
    WorkPeriod,
)
from eligibility_desk.domain.interchange import applicant_to_dict
from eligibility_desk.persistence.models import (
    ApplicantRow,
    CertificateRow,
    EducationRow,
    TitleRow,
    WorkPeriodRow,
    utcnow,
)

_SCHOOL = {t.value: t for t in SchoolType}
_CLASS = {t.value: t for t in ClassType}
_GRADE = {g.value: g for g in TitleGrade}
#: how many ids go into one ``IN (...)`` (SQLite allows 32,766 parameters; keep well below)
CHUNK = 5000


def snapshot(applicant: Applicant) -> dict:
    """The applicant as interchange JSON: what the audit trail stores as before/after."""
    return applicant_to_dict(applicant)


# --- row dicts for Core inserts ---------------------------------------------------------------------

def applicant_values(applicant: Applicant) -> dict:
    return {"code": applicant.id, "name": applicant.name, "id_number": applicant.id_number,
            "extra": dict(applicant.extra or {})}


def child_values(applicant_pk: int, applicant: Applicant) -> tuple[list, list, list, list]:
    edu = [{"applicant_id": applicant_pk, "position": i, "school_type": e.school_type.value,
            "class_type": e.class_type.value if e.class_type else None, "school": e.school or "", "major": e.major,
            "graduated_on": e.graduated_on, "in_school": bool(e.in_school), "assessed": bool(e.assessed)}
           for i, e in enumerate(applicant.education)]
    work = [{"applicant_id": applicant_pk, "position": i, "occupation": w.occupation, "employer": w.employer or "",
             "start": w.start, "end": w.end} for i, w in enumerate(applicant.work)]
    certs = [{"applicant_id": applicant_pk, "position": i, "occupation": c.occupation, "level": c.level,
              "obtained_on": c.obtained_on, "number": c.number or ""} for i, c in enumerate(applicant.certificates)]
    titles = [{"applicant_id": applicant_pk, "position": i, "grade": t.grade.value, "name": t.name or "",
               "obtained_on": t.obtained_on, "profession_matches": t.profession_matches}
              for i, t in enumerate(applicant.titles)]
    return edu, work, certs, titles


def insert_children(session: Session, rows: tuple[list, list, list, list]) -> None:
    for table, values in zip((EducationRow.__table__, WorkPeriodRow.__table__, CertificateRow.__table__, TitleRow.__table__), rows):
        if values:
            session.execute(table.insert(), values)


def delete_children(session: Session, applicant_pks: list[int]) -> None:
    for table in (EducationRow.__table__, WorkPeriodRow.__table__, CertificateRow.__table__, TitleRow.__table__):
        for i in range(0, len(applicant_pks), CHUNK):
            session.execute(delete(table).where(table.c.applicant_id.in_(applicant_pks[i:i + CHUNK])))


def bulk_update_heads(session: Session, rows: list[dict]) -> None:
    """Update applicants' own fields and bump their version (``rows``: pk, code, name, extra)."""
    table = ApplicantRow.__table__
    stmt = (update(table).where(table.c.id == bindparam("pk"))
            .values(code=bindparam("code"), name=bindparam("name"), extra=bindparam("extra"),
                    updated_at=bindparam("now"), version_id=table.c.version_id + 1))
    now = utcnow()
    session.connection().execute(stmt, [{**r, "now": now} for r in rows])


# --- reading -------------------------------------------------------------------------------------------

def applicant_from_parts(head, edus, works, certs, titles) -> Applicant:
    return Applicant(
        id=head.code, name=head.name, id_number=head.id_number,
        education=tuple(Education(school_type=_SCHOOL[e.school_type], major=e.major, graduated_on=e.graduated_on,
                                  in_school=bool(e.in_school), class_type=_CLASS[e.class_type] if e.class_type else None,
                                  assessed=bool(e.assessed), school=e.school or "") for e in edus),
        work=tuple(WorkPeriod(occupation=w.occupation, start=w.start, end=w.end, employer=w.employer or "") for w in works),
        certificates=tuple(Certificate(occupation=c.occupation, level=c.level, obtained_on=c.obtained_on,
                                       number=c.number or "") for c in certs),
        titles=tuple(Title(grade=_GRADE[t.grade], obtained_on=t.obtained_on, profession_matches=t.profession_matches,
                           name=t.name or "") for t in titles),
        extra=dict(head.extra or {}),
    )


def applicant_from_row(row: ApplicantRow) -> Applicant:
    return applicant_from_parts(row, row.education, row.work, row.certificates, row.titles)


def _by_applicant(session: Session, table, pks: list[int] | None, order) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    chunks = [None] if pks is None else [pks[i:i + CHUNK] for i in range(0, len(pks), CHUNK)]
    for chunk in chunks:
        stmt = select(table).order_by(table.c.applicant_id, order)
        if chunk is not None:
            stmt = stmt.where(table.c.applicant_id.in_(chunk))
        for row in session.execute(stmt):
            out[row.applicant_id].append(row)
    return out


def load_applicants(session: Session, pks: Iterable[int] | None = None) -> dict[int, Applicant]:
    """Many applicants with all their records, by primary key, in five Core queries (all when ``pks`` is None)."""
    pk_list = None if pks is None else sorted(set(pks))
    heads = []
    table = ApplicantRow.__table__
    chunks = [None] if pk_list is None else [pk_list[i:i + CHUNK] for i in range(0, len(pk_list), CHUNK)]
    for chunk in chunks:
        stmt = select(table.c.id, table.c.code, table.c.name, table.c.id_number, table.c.extra)
        if chunk is not None:
            stmt = stmt.where(table.c.id.in_(chunk))
        heads.extend(session.execute(stmt))
    edus = _by_applicant(session, EducationRow.__table__, pk_list, EducationRow.__table__.c.position)
    works = _by_applicant(session, WorkPeriodRow.__table__, pk_list, WorkPeriodRow.__table__.c.position)
    certs = _by_applicant(session, CertificateRow.__table__, pk_list, CertificateRow.__table__.c.position)
    titles = _by_applicant(session, TitleRow.__table__, pk_list, TitleRow.__table__.c.position)
    empty: list = []
    return {h.id: applicant_from_parts(h, edus.get(h.id, empty), works.get(h.id, empty), certs.get(h.id, empty),
                                       titles.get(h.id, empty)) for h in heads}


def fill_row(row: ApplicantRow, applicant: Applicant) -> None:
    """Replace an ORM row's fields and records with the applicant's (used by single saves)."""
    row.code = applicant.id
    row.name = applicant.name
    row.id_number = applicant.id_number
    row.extra = dict(applicant.extra or {})
    row.updated_at = utcnow()
    edu, work, certs, titles = child_values(0, applicant)
    row.education = [EducationRow(**{k: v for k, v in e.items() if k != "applicant_id"}) for e in edu]
    row.work = [WorkPeriodRow(**{k: v for k, v in w.items() if k != "applicant_id"}) for w in work]
    row.certificates = [CertificateRow(**{k: v for k, v in c.items() if k != "applicant_id"}) for c in certs]
    row.titles = [TitleRow(**{k: v for k, v in t.items() if k != "applicant_id"}) for t in titles]


def existing_by_id_number(session: Session) -> dict[str, tuple[int, int]]:
    """id_number -> (pk, version) of every applicant on file."""
    t = ApplicantRow.__table__
    return {r.id_number: (r.id, r.version_id) for r in session.execute(select(t.c.id_number, t.c.id, t.c.version_id))}
