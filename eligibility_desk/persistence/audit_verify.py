"""``audit verify``'s check of the applicants an import created by digest (:func:`check_created`), made cheap.

An import's ``create`` row holds the SHA-256 of the applicant's canonical snapshot (``audit.digest_document``);
until the applicant's first update or delete, the stored applicant must still hash to it, or it was changed
behind the desk's back (``applicant_changed``).  The check proves the same as before, reading less:

* the create rows' digests are read as the stored JSON *text* and taken from the one form the import writes
  (``{"snapshot_sha256":"<64 hex>"}``), not decoded document by document; any other text is decoded and read
  as :func:`audit.digest_of` reads it;
* the stored applicants are read a slice of keys at a time (``audit.VERIFY_SLICE``), with the same queries
  (``applicants.EDUCATION_ROWS`` …) and the same value conversions as
  :func:`persistence.applicants.load_applicants` (its enum maps, its date parser, its ``extra`` reader), but
  each row goes straight into the snapshot's dict — no domain objects are built and read back.  The bytes
  hashed are ``bulk.dumps_bytes`` of the same document as ``bulk.applicant_snapshot`` of the loaded
  applicant, key for key (``tests/persistence/test_audit_verify.py`` compares them for every kind of record).

``persistence/audit.py`` calls :func:`check_created` from ``verify`` and hands it what it needs of the audit
vocabulary (its report class, slice size, digest reader and state actions): this module imports nothing from
``audit``, so the two make no import cycle.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sqlalchemy.orm import Session

from eligibility_desk.persistence import bulk
from eligibility_desk.persistence import applicants as store
from eligibility_desk.persistence.applicants import _CLASS, _GRADE, _SCHOOL, _Dates, _extra, plain_rows
from eligibility_desk.persistence.models import AuditRow


def digest_in(text, digest_of) -> str | None:
    """The digest a ``create`` row's ``after`` (its stored JSON text) holds by ``digest_of`` (``audit.digest_of``,
    which reads a decoded document), or ``None`` (a full snapshot).  The import's form — one key, one plain
    string, ``{"snapshot_sha256":"<hex>"}`` — is read without decoding; anything else is decoded."""
    if text is None:
        return None
    raw = text.encode() if isinstance(text, str) else bytes(text)
    try:
        if raw.startswith(b'{"') and raw.endswith(b'"}') and raw.count(b'"') == 4 and b"\\" not in raw:
            key, colon, value = raw[2:-2].partition(b'":"')
            if colon:
                return digest_of({key.decode(): value.decode()})     # what decoding would give
        return digest_of(bulk.loads(raw))               # any other spelling of the same document
    except ValueError:                                  # (not JSON, not UTF-8: no digest)
        return None


def created_by_digest(session: Session, digest_of, states) -> list[tuple[int, int, int, str]]:
    """(audit id, seq, applicant pk, digest) of every applicant whose last state row (``states``: the actions
    that carry an applicant's state) is a digest-only ``create`` — not changed through the desk since — in
    chain order."""
    from sqlalchemy import Text, cast, func, select

    t = AuditRow.__table__
    last = (select(func.max(t.c.id).label("id"))
            .where(t.c.entity == "applicant", t.c.action.in_(states)).group_by(t.c.entity_id).subquery())
    rows = session.execute(
        select(t.c.id, t.c.seq, t.c.entity_id, cast(t.c.after, Text))
        .join(last, last.c.id == t.c.id).where(t.c.action == "create").order_by(t.c.seq)).all()
    out = []
    for rid, seq, pk, after in rows:
        digest = digest_in(after, digest_of)
        if digest is not None:
            out.append((rid, seq, pk, digest))
    return out


def stored_snapshots(session: Session, span: tuple[int, int]) -> dict[int, dict]:
    """pk -> the canonical snapshot document (``bulk.applicant_snapshot``'s) of every stored applicant with a
    key in ``span`` (lo, hi): one range scan per table, values converted as ``load_applicants`` converts them."""
    d = _Dates()
    school, klass, grade = _SCHOOL, _CLASS, _GRADE
    education: dict[int, list] = defaultdict(list)
    for a, st, ct, school_name, major, grad, ins, assessed in plain_rows(session, store.EDUCATION_ROWS, None,
                                                                         span=span):
        education[a].append({"school_type": school[st], "major": major, "graduated_on": d[grad],
                             "in_school": bool(ins), "class_type": klass[ct] if ct else None,
                             "assessed": bool(assessed), "school": school_name or ""})
    work: dict[int, list] = defaultdict(list)
    for a, occ, employer, start, end, known in plain_rows(session, store.WORK_ROWS, None, span=span):
        if known or known is None:
            work[a].append({"occupation": occ, "start": d[start], "end": d[end], "employer": employer or "",
                            "end_known": True})
        else:
            work[a].append({"occupation": occ, "start": d[start], "end": None, "employer": employer or "",
                            "end_known": False})
    certificates: dict[int, list] = defaultdict(list)
    for a, occ, level, word, standard, obtained, number in plain_rows(session, store.CERTIFICATE_ROWS, None, span=span):
        certificates[a].append({"occupation": occ, "level": (word or "") if standard else level,
                                "obtained_on": d[obtained], "number": number or "",
                                "standard": standard if standard else ""})
    training: dict[int, list] = defaultdict(list)
    for a, occ, level, hours, finished in plain_rows(session, store.TRAINING_ROWS, None, span=span):
        training[a].append({"occupation": occ, "level": level, "hours": hours, "finished_on": d[finished]})
    apprenticeships: dict[int, list] = defaultdict(list)
    for a, occ, finished, started in plain_rows(session, store.APPRENTICESHIP_ROWS, None, span=span):
        apprenticeships[a].append({"occupation": occ, "finished_on": d[finished], "started_on": d[started]})
    titles: dict[int, list] = defaultdict(list)
    for a, grade_value, name, obtained, matches in plain_rows(session, store.TITLE_ROWS, None, span=span):
        titles[a].append({"grade": grade[grade_value], "obtained_on": d[obtained],
                          "profession_matches": None if matches is None else bool(matches), "name": name or ""})
    none: list = []
    out = {}
    for pk, code, name, id_number, extra, born in plain_rows(session, store.APPLICANT_ROWS, None, span=span):
        out[pk] = {"id": code, "name": name, "id_number": id_number, "education": education.get(pk, none),
                   "work": work.get(pk, none), "certificates": certificates.get(pk, none),
                   "titles": titles.get(pk, none), "extra": _extra(extra), "birth_date": d[born],
                   "training": training.get(pk, none), "apprenticeships": apprenticeships.get(pk, none)}
    return out


def stored_digests(session: Session, pks: list[int], slice_size: int):
    """(pk, SHA-256 of the stored applicant's canonical snapshot) for ``pks`` (sorted), ``slice_size`` keys at
    a time (memory stays bounded); applicants no longer stored are left out."""
    dumps, sha256 = bulk.dumps_bytes, hashlib.sha256
    for i in range(0, len(pks), slice_size):
        part = pks[i:i + slice_size]
        wanted = set(part)
        # one range scan per table (an import's applicants have consecutive keys); others in it are skipped
        for pk, document in stored_snapshots(session, (part[0], part[-1])).items():
            if pk in wanted:
                yield pk, sha256(dumps(document)).hexdigest()


def check_created(session: Session, checked: int, report, slice_size: int, digest_of, states):
    """The first applicant created by digest and not changed since whose stored data no longer hashes to that
    digest (or who is gone without a delete row), as ``report(checked, seq, audit id, "applicant_changed")``
    (``audit.ChainReport``); ``None`` when all match.  ``slice_size``, ``digest_of`` and ``states`` are
    ``audit.VERIFY_SLICE``, ``audit.digest_of`` and ``audit.APPLICANT_STATES``."""
    created = created_by_digest(session, digest_of, states)
    if not created:
        return None
    expected = {pk: digest for _rid, _seq, pk, digest in created}
    found = set()
    for pk, digest in stored_digests(session, sorted(expected), slice_size):
        found.add(pk)
        if digest != expected[pk]:
            expected[pk] = None                      # changed
    for rid, seq, pk, _digest in created:            # the first in chain order that is changed or gone
        if pk not in found or expected[pk] is None:
            return report(checked, seq, rid, "applicant_changed")
    return None
