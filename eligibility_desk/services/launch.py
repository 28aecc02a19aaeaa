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


def open_desk(db_url: str | None, rules_dir: str | None, progress=None, cancelled=None):
    """The desk on ``db_url`` (default database when None) and no particular batch."""
    from eligibility_desk.services.records.desk import Desk

    return Desk.open(db_url, rules_dir=rules_dir), None


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
    desk = Desk.open(f"sqlite:///{folder / 'demo.sqlite'}", user=user, rules_dir=rules_dir)
    kwargs = {"progress": progress} if progress is not None else {}
    if cancelled is not None:
        kwargs["cancelled"] = cancelled
    batch_id = desk.create_demo_batch(n=n, **kwargs)
    if batch_id is None:                 # cancelled: nothing was kept
        return desk, None
    create_demo_resources(desk.db, batch_id, desk.user)
    try:
        SessionService.from_desk(desk).plan_batch(batch_id, seed=DEMO_SEED, **kwargs)
    except OperationCancelled:           # the batch is there; 编排 offers 生成编排
        pass
    return desk, batch_id
