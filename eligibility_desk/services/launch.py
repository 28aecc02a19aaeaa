"""Opening the desk the window works on: the default (or given) database, or a fresh demo database with a
generated, screened and planned batch.  Qt-free: the window calls these on a worker thread."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

DEMO_SIZE = 300
#: the demo's first plan is reproducible: the same batch and seed give the same plan
DEMO_SEED = 2025


def open_desk(db_url: str | None, rules_dir: str | None, progress=None, cancelled=None, actor=None):
    """The desk on ``db_url`` (default database when None) and no particular batch, for ``actor`` (signed in by
    the window).  Without one: in the "os" login mode the account named as this computer's login, else
    :func:`~eligibility_desk.services.records.desk.nobody` (read only) until the window signs someone in."""
    from eligibility_desk.persistence.opening import open_database
    from eligibility_desk.services.accounts import OS_MODE, AccountService, AuthenticationFailed
    from eligibility_desk.services.records.desk import Desk, login_name

    db = open_database(db_url)
    if actor is None:
        accounts = AccountService(db)
        if accounts.has_accounts() and accounts.login_mode() == OS_MODE:
            try:
                actor = accounts.os_account(login_name())
            except AuthenticationFailed:
                actor = None
    return Desk(db, actor, rules_dir), None


def demo_actor(db, user: str | None = None):
    """The demo database's only account: this computer's login ("os" mode) with every role — the demo is a
    throwaway database to try everything on."""
    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import AccountService
    from eligibility_desk.services.records.desk import login_name

    accounts = AccountService(db)
    name = user or login_name()
    if accounts.has_accounts():
        return accounts.actor(name)
    return accounts.create_first_admin(name, name, None, os_login=True, roles=tuple(Role))


def open_demo_desk(user: str | None = None, progress=None, cancelled=None, rules_dir: str | None = None,
                   n: int = DEMO_SIZE):
    """A new temporary SQLite database with a demo batch of ``n`` applicants, the demo rooms, staff and slots
    and a first plan (so 编排 and 打印 show data at once); removed when the app exits."""
    from eligibility_desk.services.sessions.demo_resources import create_demo_resources
    from eligibility_desk.services.records.desk import Desk
    from eligibility_desk.services.progress import OperationCancelled
    from eligibility_desk.services.sessions.session_service import SessionService

    folder = Path(tempfile.mkdtemp(prefix="eligibility-desk-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    from eligibility_desk.persistence.opening import open_database

    db = open_database(f"sqlite:///{folder / 'demo.sqlite'}")
    desk = Desk(db, demo_actor(db, user), rules_dir)
    kwargs = {"progress": progress} if progress is not None else {}
    if cancelled is not None:
        kwargs["cancelled"] = cancelled
    batch_id = desk.create_demo_batch(n=n, **kwargs)
    if batch_id is None:                 # cancelled: nothing was kept
        return desk, None
    create_demo_resources(desk.db, batch_id, desk.actor)
    try:
        SessionService.from_desk(desk).plan_batch(batch_id, seed=DEMO_SEED, **kwargs)
    except OperationCancelled:           # the batch is there; 编排 offers 生成编排
        pass
    return desk, batch_id
