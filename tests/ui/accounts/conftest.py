"""Accounts in the window: a real database per test, with a cheap password hash (the real argon2id parameters
take 64 MiB and a good fraction of a second per hash — right for a desk, slow for a test suite)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def cheap_hasher():
    from argon2 import PasswordHasher, Type

    from eligibility_desk.services import accounts

    old = accounts.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID))
    yield
    accounts.use_hasher(old)


@pytest.fixture
def db(tmp_path):
    from eligibility_desk.persistence.opening import open_database

    database = open_database(f"sqlite:///{tmp_path / 'accounts.sqlite'}")
    yield database
    database.close()


@pytest.fixture
def accounts(db):
    from eligibility_desk.services.accounts import AccountService

    return AccountService(db)
