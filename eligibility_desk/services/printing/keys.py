"""The centre's check-code key, kept in the database so every desk on it prints and checks the same codes.

    key = signing_key(db, user)                 # the key to print with: an override, else the database's
    if key.created: tell the user once          # (created now: the first slips printed on this database)
    keys = checking_keys(db)                    # every key a genuine code may carry, today
    info = rotate_key(db, user, keep_old_until=date(2026, 12, 31))

Overrides (:func:`eligibility_desk.documents.checkcode.override_secret`): ``--secret-file``, then
``$ELIGIBILITY_DESK_SLIP_SECRET`` — hexadecimal, >= 16 bytes.
When one is given the database is not consulted (nor is a key created in it).

Rotation makes a new current key; the old one stops printing at once and still verifies codes up to and
including ``keep_old_until`` (no date: it stops verifying too).  Keys are never deleted, so the audit trail
can tell which key was current when.  The key never leaves the database except by ``keys export``; lists and
notices show its fingerprint (the first 8 hex digits of a hash of it), never the key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from eligibility_desk.documents.checkcode import SecretError, new_secret, override_secret, parse_secret
from eligibility_desk.domain.roles import Role
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.models import utcnow
from eligibility_desk.persistence.print_models import CheckKeyRow
from eligibility_desk.services.accounts import as_actor, require


class NoKeyError(SecretError):
    """The database has no check-code key yet (no slips were printed on it)."""


@dataclass(frozen=True)
class SigningKey:
    secret: bytes = b""
    source: str = "database"        # database | override
    created: bool = False           # made just now, in the database
    fingerprint: str = ""


@dataclass(frozen=True)
class KeyInfo:
    id: int
    fingerprint: str
    current: bool
    created_at: datetime
    created_by: str
    retired_at: datetime | None
    valid_until: date | None

    def verifies_on(self, day: date) -> bool:
        return self.current or (self.valid_until is not None and day <= self.valid_until)


def fingerprint(key: bytes) -> str:
    """A short name for a key that gives nothing away: ``3F9A-0C1B``."""
    digest = hashlib.sha256(b"eligibility-desk/key-fingerprint\n" + key).hexdigest()[:8].upper()
    return f"{digest[:4]}-{digest[4:]}"


def _info(row: CheckKeyRow) -> KeyInfo:
    return KeyInfo(row.id, fingerprint(bytes.fromhex(row.secret_hex)), bool(row.is_current), row.created_at,
                   row.created_by, row.retired_at, row.valid_until)


def key_list(db) -> list[KeyInfo]:
    """Every key of the database, the current one first, then the rotated-out ones newest first."""
    with db.reading() as session:
        rows = session.scalars(select(CheckKeyRow).order_by(CheckKeyRow.id.desc())).all()
        return sorted((_info(r) for r in rows), key=lambda k: not k.current)


def _current(session) -> CheckKeyRow | None:
    return session.scalar(select(CheckKeyRow).where(CheckKeyRow.is_current.is_(True)))


def database_key(db, user: str, create: bool = False) -> SigningKey:
    """The current key of the database; created (once, for every desk) when ``create`` and there is none.
    Raises :class:`NoKeyError` when there is none and ``create`` is False."""
    with db.reading() as session:
        row = _current(session)
        if row is not None:
            key = parse_secret(row.secret_hex, "the database's check-code key")
            return SigningKey(key, "database", False, fingerprint(key))
    if not create:
        raise NoKeyError("this database has no check-code key yet: slips printed from it create one "
                         "(or `eligibility-desk keys create`)")
    key = new_secret()
    try:
        with db.writing() as session:
            if _current(session) is not None:      # another desk was quicker (SQLite: we waited for its lock)
                raise _Raced()
            row = CheckKeyRow(secret_hex=key.hex(), is_current=True, created_by=user)
            session.add(row)
            session.flush()
            audit.record(session, user, "check_key", row.id, "create", None, {"fingerprint": fingerprint(key)})
    except (_Raced, IntegrityError):               # PostgreSQL: the unique current key refused the second
        return database_key(db, user, create=False)
    return SigningKey(key, "database", True, fingerprint(key))


class _Raced(Exception):
    pass


def signing_key(db_open, user: str, secret_file=None) -> SigningKey:
    """The key to print with: an override (file, environment), else the database's, created if need be.

    ``db_open``: the :class:`~eligibility_desk.persistence.database.Database`, or a function returning it
    (the command line opens the database only when no override is given); ``user`` likewise (the command line
    signs in only then)."""
    given = override_secret(secret_file)
    if given is not None:
        return SigningKey(given, "override", False, fingerprint(given))
    db = db_open() if callable(db_open) else db_open
    return database_key(db, user() if callable(user) else user, create=True)


def checking_keys(db_open, secret_file=None, today: date | None = None) -> list[bytes]:
    """Every key a genuine code may have been printed with today: an override alone, else the database's
    current key and the rotated-out keys whose date has not passed.  :class:`NoKeyError` when there is none."""
    given = override_secret(secret_file)
    if given is not None:
        return [given]
    db = db_open() if callable(db_open) else db_open
    today = today or date.today()
    with db.reading() as session:
        rows = session.scalars(select(CheckKeyRow).order_by(CheckKeyRow.id.desc())).all()
        keys = [parse_secret(r.secret_hex, "the database's check-code key") for r in rows
                if r.is_current or (r.valid_until is not None and today <= r.valid_until)]
    if not keys:
        raise NoKeyError("this database has no check-code key yet, so no slip printed from it can be checked")
    return keys


def rotate_key(db, actor, keep_old_until: date | None = None, today: date | None = None) -> KeyInfo:
    """A new current key; the old one verifies codes until ``keep_old_until`` (inclusive; None: not at all).
    A date in the past is refused (ValueError).  With no key yet, this simply creates the first one.
    Needs an admin."""
    user = require(as_actor(actor), Role.ADMIN, action="更换校验码密钥").name
    today = today or date.today()
    if keep_old_until is not None and keep_old_until < today:
        raise ValueError(f"--keep-old-until {keep_old_until.isoformat()} is in the past")
    key = new_secret()
    with db.writing() as session:
        old = _current(session)
        before = None
        if old is not None:
            before = {"fingerprint": fingerprint(bytes.fromhex(old.secret_hex))}
            session.execute(update(CheckKeyRow).where(CheckKeyRow.id == old.id)
                            .values(is_current=None, retired_at=utcnow(), valid_until=keep_old_until))
            session.flush()
        row = CheckKeyRow(secret_hex=key.hex(), is_current=True, created_by=user)
        session.add(row)
        session.flush()
        audit.record(session, user, "check_key", row.id, "rotate" if old is not None else "create", before,
                     {"fingerprint": fingerprint(key), "old_valid_until": keep_old_until})
        return _info(row)
