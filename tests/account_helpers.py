"""Accounts for tests (issue 14): actors with roles for the services, and stored accounts for the command
line, which signs in (``--user NAME`` and ``$ELIGIBILITY_DESK_PASSWORD``; tests/conftest.py sets it to
:data:`TEST_PASSWORD` and makes hashing cheap)."""

from __future__ import annotations

from eligibility_desk.domain.roles import Actor, Role, parse_roles

TEST_PASSWORD = "test-password-1"
#: the administrator every test database with accounts gets first
ADMIN = "管理员"
ALL_ROLES = frozenset(Role)


def actor(name: str, *roles: Role | str) -> Actor:
    """An actor named ``name`` with ``roles`` (every role when none are given)."""
    return Actor(name, name, parse_roles(roles) if roles else ALL_ROLES)


def add_accounts(db_or_url, *names: str, roles=None, password: str = TEST_PASSWORD) -> dict[str, Actor]:
    """Store accounts ``names`` (with ``roles``, default every role) and the password, after creating the
    administrator :data:`ADMIN` on a database without accounts; existing names are left as they are."""
    from eligibility_desk.persistence.opening import open_database
    from eligibility_desk.services.accounts import AccountService

    db = open_database(db_or_url) if isinstance(db_or_url, str) else db_or_url
    try:
        accounts = AccountService(db)
        if not accounts.has_accounts():
            accounts.create_first_admin(ADMIN, ADMIN, password, os_login=False, roles=ALL_ROLES)
        admin = accounts.actor(ADMIN)
        out = {}
        for name in names:
            try:
                out[name] = accounts.actor(name)
            except Exception:  # noqa: BLE001 — not there yet
                out[name] = accounts.add_account(admin, name, name, roles or ALL_ROLES, password)
        return out
    finally:
        if isinstance(db_or_url, str):
            db.close()
