"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import sqlite3

import pytest

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN, add_accounts


@pytest.fixture
def signed_in_db(tmp_path):
    """A migrated database file with the test administrator, signed in once (the first sign-in rehashes the
    password: a write) and checkpointed, so that a refused command's digest of the file compares unchanged."""
    path = tmp_path / "desk.sqlite3"
    add_accounts(f"sqlite:///{path}")
    assert main(["--db", str(path), "batches", "--user", ADMIN]) == 0
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path
