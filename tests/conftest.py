"""Shared test set-up.

Qt aborts when there is neither a display nor a platform plugin chosen: default to ``offscreen`` before
anything imports PySide6.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the `screen` command keeps its parsed rule files in the user's cache folder (cli/screen_rules.py): not from
# the tests, which must not leave files in a home folder (tests/cli/test_screen_rules.py points it elsewhere)
os.environ.setdefault("ELIGIBILITY_DESK_CACHE", "")

# --- database fixtures for the records tests (issue 7): db_url on SQLite and a throwaway PostgreSQL ---
pytest_plugins = ("tests.persistence.db_fixtures",)


# --- accounts (issue 14): cheap password hashing and the password the command line signs in with ---------
import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing():
    """argon2id with the smallest parameters: the tests sign in hundreds of times (the real parameters are
    checked in tests/services/test_accounts.py)."""
    from argon2 import PasswordHasher, Type

    from eligibility_desk.services import accounts

    old = accounts.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID))
    yield
    accounts.use_hasher(old)


@pytest.fixture(autouse=True)
def _test_password(monkeypatch):
    from tests.account_helpers import TEST_PASSWORD

    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("ELIGIBILITY_DESK_NEW_PASSWORD", raising=False)


# --- a desk on each database of db_url (SQLite, and PostgreSQL when there is one) ---------------------------
@pytest.fixture
def desk(db_url):
    """A :class:`~eligibility_desk.services.records.desk.Desk` on ``db_url``, signed in as 测试员 (every role);
    closed after the test.  Test folders that need another desk (a demo batch, SQLite only) define their own."""
    from eligibility_desk.services.records.desk import Desk
    from tests.account_helpers import actor

    d = Desk.open(db_url, actor("测试员"))
    yield d
    d.close()
