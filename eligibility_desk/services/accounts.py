"""Accounts, sign-in and role checks (issue 14).  See docs/accounts.md.

    accounts = AccountService(db)
    if not accounts.has_accounts():
        actor = accounts.create_first_admin("wangmin", "王敏", "a long passphrase", os_login=False)
    actor = accounts.authenticate("wangmin", password)          # AuthenticationFailed otherwise
    desk = Desk(db, actor)
    require(actor, Role.SUPERVISOR, action="发布成绩")           # PermissionDenied naming the missing role

Passwords are hashed with argon2id (argon2-cffi; the parameters below, RFC 9106's second recommended set) and
checked with its constant-time verify; an unknown name is checked against a dummy hash so it takes as long as a
wrong password.  A hash made with other parameters is replaced on the next good sign-in.  A password is never
stored, logged or put in an audit row.  After :data:`LOCKOUT_FAILURES` wrong passwords in a row an account is
locked for :data:`LOCKOUT_MINUTES` minutes (an admin may unlock it sooner).

The login mode is chosen at first run and recorded: ``"password"`` (every account has a password) or ``"os"``
(a single-desk centre: the computer's login name is the account, no password is asked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from eligibility_desk.domain.roles import Actor, Role, parse_roles
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.account_models import AccountRow
from eligibility_desk.persistence.models import utcnow
from eligibility_desk.persistence.print_models import CentreSettingRow
from eligibility_desk.services.account_errors import (  # noqa: F401 — part of this module's interface
    LOCKOUT_FAILURES, MIN_PASSWORD_LENGTH, OS_MODE, PASSWORD_MODE, AccountError, AuthenticationFailed,
    PermissionDenied, login_mode_label,
)

__all__ = [
    "AccountError", "AccountInfo", "AccountService", "AuthenticationFailed", "PermissionDenied", "require",
    "LOCKOUT_FAILURES", "LOCKOUT_MINUTES", "MIN_PASSWORD_LENGTH", "PASSWORD_MODE", "OS_MODE",
]

#: how long an account stays locked after LOCKOUT_FAILURES wrong passwords in a row (account_errors.py)
LOCKOUT_MINUTES = 15
#: argon2id parameters (RFC 9106 §4, second recommended option: 3 passes, 64 MiB, 4 lanes)
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 4

LOGIN_MODE_SETTING = "login_mode"
_MODES = (PASSWORD_MODE, OS_MODE)

_hasher = None


def hasher():
    """The argon2id hasher with this module's parameters (tests may set a cheaper one with :func:`use_hasher`)."""
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher, Type

        _hasher = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                                 parallelism=ARGON2_PARALLELISM, type=Type.ID)
    return _hasher


def use_hasher(new) -> object:
    """Replace the hasher (tests: cheaper parameters); returns the one it replaced."""
    global _hasher
    old, _hasher = _hasher, new
    return old


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hasher().hash("not a password anyone has")
    return _DUMMY_HASH


def as_actor(who: Actor | str | None) -> Actor | None:
    """``who`` as an actor: a plain name (scripts, old callers) is an actor with no roles — it may read, and
    every checked change is refused; a name alone is never an identity."""
    if who is None or isinstance(who, Actor):
        return who
    return Actor(str(who), str(who), frozenset())


def require(actor: Actor | None, *roles: Role, action: str = "") -> Actor:
    """The actor, when it has one of ``roles``; else :class:`PermissionDenied` naming them."""
    if actor is None:
        raise PermissionDenied(None, roles, action, reason="not_signed_in")
    if not any(actor.has(r) for r in roles):
        raise PermissionDenied(actor, roles, action)
    return actor


# --- the service ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountInfo:
    name: str
    display_name: str
    roles: frozenset[Role]
    locked_until: datetime | None
    active: bool
    failed_attempts: int = 0
    has_password: bool = True


def _roles_column(roles: Iterable[Role]) -> str:
    return ",".join(r.value for r in sorted(set(roles), key=lambda r: list(Role).index(r)))


def _actor(row: AccountRow) -> Actor:
    return Actor(row.name, row.display_name or row.name, parse_roles(row.roles))


def _info(row: AccountRow) -> AccountInfo:
    return AccountInfo(row.name, row.display_name or row.name, parse_roles(row.roles), row.locked_until,
                       bool(row.active), row.failed_attempts or 0, bool(row.password_hash))


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100 or any(ch.isspace() or ord(ch) < 32 for ch in name):
        raise AccountError("name_required")
    return name


def _check_password(password: str | None) -> str:
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_short")
    return password


def _snapshot(row: AccountRow) -> dict:
    """What an audit row says about an account: never the password or its hash."""
    return {"name": row.name, "display_name": row.display_name, "roles": row.roles, "active": bool(row.active),
            "has_password": bool(row.password_hash)}


class AccountService:
    def __init__(self, db):
        self.db = db

    # --- reading --------------------------------------------------------------------------------------

    def has_accounts(self) -> bool:
        with self.db.reading() as session:
            return session.scalar(select(AccountRow.id).limit(1)) is not None

    def login_mode(self) -> str:
        """``"password"`` or ``"os"``, as recorded at first run (``"password"`` before any account exists)."""
        with self.db.reading() as session:
            row = session.get(CentreSettingRow, LOGIN_MODE_SETTING)
            return row.value if row is not None and row.value in _MODES else PASSWORD_MODE

    def list_accounts(self, actor: Actor) -> list[AccountInfo]:
        require(actor, Role.ADMIN, action="查看账户")
        with self.db.reading() as session:
            return [_info(r) for r in session.scalars(select(AccountRow).order_by(AccountRow.name))]

    def actor(self, name: str) -> Actor:
        """The account ``name`` as an actor, without signing in (for a desk that already authenticated it, to
        pick up changed roles).  :class:`AccountError` when there is none."""
        with self.db.reading() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.name == name))
            if row is None:
                raise AccountError("unknown", name=name)
            return _actor(row)

    # --- first run ------------------------------------------------------------------------------------

    def create_first_admin(self, name: str, display_name: str, password: str | None, os_login: bool,
                           roles: Iterable[Role] = ()) -> Actor:
        """The first account, an administrator (plus ``roles``), and the login mode, on a database with no
        accounts.  ``password`` may be None only with ``os_login`` (then ``name`` should be this computer's
        login name).  :class:`AccountError` ``already_set_up`` when a first admin exists (also when two desks
        try at once: the login-mode row is written once)."""
        name = _clean_name(name)
        password_hash = ""
        if password is not None or not os_login:
            password_hash = hasher().hash(_check_password(password))
        mode = OS_MODE if os_login else PASSWORD_MODE
        all_roles = {Role.ADMIN, *parse_roles(roles)}
        try:
            with self.db.writing() as session:
                if session.scalar(select(AccountRow.id).limit(1)) is not None:
                    raise AccountError("already_set_up")
                existing = session.get(CentreSettingRow, LOGIN_MODE_SETTING)
                if existing is not None:
                    raise AccountError("already_set_up")
                session.add(CentreSettingRow(name=LOGIN_MODE_SETTING, value=mode, updated_by=name))
                row = AccountRow(name=name, display_name=(display_name or "").strip() or name,
                                 roles=_roles_column(all_roles), password_hash=password_hash, failed_attempts=0,
                                 active=True, created_by=name, changed_by=name)
                session.add(row)
                session.flush()
                audit.record(session, name, "account", row.id, "create", None, {**_snapshot(row), "first_admin": True})
                audit.record(session, name, "centre_setting", None, "update", None, {LOGIN_MODE_SETTING: mode})
                return _actor(row)
        except IntegrityError:
            raise AccountError("already_set_up") from None

    # --- signing in -----------------------------------------------------------------------------------

    def authenticate(self, name: str, password: str) -> Actor:
        """The account ``name`` when ``password`` is its password; :class:`AuthenticationFailed` otherwise (the
        same ``"bad"`` for an unknown name as for a wrong password, ``"locked"`` with the minutes left).

        A good sign-in by an account with no failures on file only reads (so it works on a read-only database
        and does not queue behind a writer); a failure, or a good one after failures or with an outdated hash,
        writes in one transaction that reads the account again under a row lock."""
        name = (name or "").strip()
        password = password or ""
        now = utcnow()
        with self.db.reading() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.name == name)) if name else None
            if row is None or not row.password_hash:
                _verify(_dummy_hash(), password)    # as long as a real check: the name's existence does not show
                if row is None and session.scalar(select(AccountRow.id).limit(1)) is None:
                    raise AuthenticationFailed("no_accounts")
                raise AuthenticationFailed("bad")
            if row.locked_until is not None and row.locked_until > now:
                raise AuthenticationFailed("locked", name=row.name, minutes=_minutes_left(row.locked_until, now))
            good = _verify(row.password_hash, password)
            if good and not row.active:
                raise AuthenticationFailed("disabled", name=row.name)
            if good and not row.failed_attempts and row.locked_until is None \
                    and not hasher().check_needs_rehash(row.password_hash):
                return _actor(row)
        with self.db.writing() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.name == name).with_for_update())
            if row.locked_until is not None and row.locked_until <= now:    # the lock ran out: a fresh count
                row.locked_until, row.failed_attempts = None, 0
            if good:
                row.failed_attempts, row.locked_until = 0, None
                if hasher().check_needs_rehash(row.password_hash):
                    row.password_hash = hasher().hash(password)
                return _actor(row)
            row.failed_attempts = (row.failed_attempts or 0) + 1
            failed = AuthenticationFailed("bad")
            if row.failed_attempts >= LOCKOUT_FAILURES:
                row.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
                audit.record(session, row.name, "account", row.id, "lockout", None,
                             {"failures": row.failed_attempts, "until": row.locked_until})
                failed = AuthenticationFailed("locked", name=row.name, minutes=LOCKOUT_MINUTES)
        raise failed             # after the commit: the failed attempt is counted

    def os_account(self, os_login_name: str) -> Actor:
        """The account named as this computer's login, in "os" mode only."""
        if self.login_mode() != OS_MODE:
            raise AuthenticationFailed("wrong_mode", mode=PASSWORD_MODE)
        with self.db.reading() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.name == (os_login_name or "").strip()))
            if row is None:
                raise AuthenticationFailed("bad")
            if not row.active:
                raise AuthenticationFailed("disabled", name=row.name)
            return _actor(row)

    # --- managing accounts (admin) --------------------------------------------------------------------

    def add_account(self, actor: Actor, name: str, display_name: str, roles: Iterable[Role],
                    password: str | None) -> Actor:
        require(actor, Role.ADMIN, action="添加账户")
        name = _clean_name(name)
        roles = parse_roles(roles)
        if not roles:
            raise AccountError("roles_required")
        if password is None and self.login_mode() == PASSWORD_MODE:
            raise AccountError("password_required")
        password_hash = hasher().hash(_check_password(password)) if password is not None else ""
        try:
            with self.db.writing() as session:
                if session.scalar(select(AccountRow.id).where(AccountRow.name == name)) is not None:
                    raise AccountError("duplicate", name=name)
                row = AccountRow(name=name, display_name=(display_name or "").strip() or name,
                                 roles=_roles_column(roles), password_hash=password_hash, failed_attempts=0,
                                 active=True, created_by=actor.name, changed_by=actor.name)
                session.add(row)
                session.flush()
                audit.record(session, actor.name, "account", row.id, "create", None, _snapshot(row))
                return _actor(row)
        except IntegrityError:
            raise AccountError("duplicate", name=name) from None

    def set_roles(self, actor: Actor, name: str, roles: Iterable[Role]) -> Actor:
        require(actor, Role.ADMIN, action="修改角色")
        roles = parse_roles(roles)
        if not roles:
            raise AccountError("roles_required")
        with self.db.writing() as session:
            row = self._row(session, name)
            before = _snapshot(row)
            if Role.ADMIN not in roles:
                self._keep_an_admin(session, row)
            row.roles = _roles_column(roles)
            self._changed(row, actor)
            audit.record(session, actor.name, "account", row.id, "roles", before, _snapshot(row))
            return _actor(row)

    def set_active(self, actor: Actor, name: str, active: bool) -> None:
        require(actor, Role.ADMIN, action="启用或停用账户")
        with self.db.writing() as session:
            row = self._row(session, name)
            if bool(row.active) == bool(active):
                return
            before = _snapshot(row)
            if not active:
                self._keep_an_admin(session, row)
            row.active = bool(active)
            self._changed(row, actor)
            audit.record(session, actor.name, "account", row.id, "enable" if active else "disable", before,
                         _snapshot(row))

    def change_password(self, actor: Actor, name: str, old_password: str | None, new_password: str) -> None:
        """One's own password (the old one is checked), or — by an admin — another account's (a reset; also
        unlocks it)."""
        own = actor is not None and actor.name == name
        if not own:
            require(actor, Role.ADMIN, action="重设他人密码")
        new_hash = hasher().hash(_check_password(new_password))
        with self.db.writing() as session:
            row = self._row(session, name)
            if own and row.password_hash and not _verify(row.password_hash, old_password or ""):
                raise AccountError("old_password")
            row.password_hash = new_hash
            row.failed_attempts, row.locked_until = 0, None
            self._changed(row, actor)
            audit.record(session, actor.name, "account", row.id, "password" if own else "password_reset", None,
                         {"name": row.name})

    def unlock(self, actor: Actor, name: str) -> None:
        require(actor, Role.ADMIN, action="解锁账户")
        with self.db.writing() as session:
            row = self._row(session, name)
            before = {"failed_attempts": row.failed_attempts, "locked_until": row.locked_until}
            row.failed_attempts, row.locked_until = 0, None
            self._changed(row, actor)
            audit.record(session, actor.name, "account", row.id, "unlock", before, None)

    # --- helpers --------------------------------------------------------------------------------------

    @staticmethod
    def _row(session, name: str) -> AccountRow:
        row = session.scalar(select(AccountRow).where(AccountRow.name == (name or "").strip()).with_for_update())
        if row is None:
            raise AccountError("unknown", name=name)
        return row

    @staticmethod
    def _keep_an_admin(session, row: AccountRow) -> None:
        """Refuse to leave the database without an active admin (``row`` is about to lose the role or be disabled)."""
        if Role.ADMIN not in parse_roles(row.roles) or not row.active:
            return
        others = [r for r in session.scalars(select(AccountRow).where(AccountRow.active.is_(True),
                                                                      AccountRow.id != row.id))
                  if Role.ADMIN in parse_roles(r.roles)]
        if not others:
            raise PermissionDenied(None, (), reason="last_admin", user=row.name)

    @staticmethod
    def _changed(row: AccountRow, actor: Actor) -> None:
        row.changed_at, row.changed_by = utcnow(), actor.name


def recover_admin(db, name: str, new_password: str | None, operator: str) -> Actor:
    """Break-glass for a centre whose only administrator forgot the password (docs/accounts.md): ``name``
    gets the admin role, the new password (None in "os" mode), is enabled and unlocked.  No account is asked
    for — whoever can write the database (the SQLite file's owner, the PostgreSQL credentials) could change
    the table directly anyway — but the audit row says it was a recovery and by which computer login
    (``operator``), so it cannot pass unseen.  An unknown ``name`` is created."""
    name = _clean_name(name)
    mode = AccountService(db).login_mode()
    if new_password is None and mode == PASSWORD_MODE:
        raise AccountError("password_required")
    password_hash = hasher().hash(_check_password(new_password)) if new_password is not None else ""
    by = f"recovery:{operator}"
    with db.writing() as session:
        row = session.scalar(select(AccountRow).where(AccountRow.name == name).with_for_update())
        before = _snapshot(row) if row is not None else None
        if row is None:
            row = AccountRow(name=name, display_name=name, roles="", password_hash="", failed_attempts=0,
                             active=True, created_by=by, changed_by=by)
            session.add(row)
        row.roles = _roles_column({Role.ADMIN, *parse_roles(row.roles)})
        row.password_hash, row.failed_attempts, row.locked_until, row.active = password_hash, 0, None, True
        row.changed_at, row.changed_by = utcnow(), by
        session.flush()
        audit.record(session, by, "account", row.id, "recover", before, _snapshot(row))
        return _actor(row)


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))
