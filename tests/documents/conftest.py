"""Fixtures for the printed documents: the small batch in data/, an isolated config folder and secret, a
machine without system fonts (font_machines.py), and the command line."""

from __future__ import annotations

import shutil

import pytest

from .font_machines import simulate
from .pdf_helpers import DATA


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user config folder (notice template, slip secret)."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("ELIGIBILITY_DESK_SLIP_SECRET", raising=False)
    monkeypatch.setenv("ELIGIBILITY_DESK_SLIP_SECRET_FILE", str(config / "slip-secret.key"))
    monkeypatch.delenv("ELIGIBILITY_DESK_FONT", raising=False)
    # the commands' check-code key lives in the database (issue 11): a throwaway one, never the user's
    monkeypatch.setenv("ELIGIBILITY_DESK_DB", f"sqlite:///{config / 'desk.sqlite3'}")
    return config


@pytest.fixture(autouse=True)
def bare_font_machine(tmp_path_factory, monkeypatch):
    """Every test starts on a machine with no fonts but the bundled one (tests that need others simulate
    them), so what this machine has installed changes nothing."""
    from eligibility_desk.documents import fonts

    simulate(tmp_path_factory.mktemp("bare-machine"), monkeypatch)
    yield
    fonts.find_cjk_font.cache_clear()


@pytest.fixture
def batch_files(tmp_path):
    """plan.json, scenario.json and the photos copied to a temporary folder (photo paths stay relative)."""
    for name in ("plan.json", "scenario.json", "photo_a.jpg", "photo_b.jpg"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "plan.json", tmp_path / "scenario.json"


@pytest.fixture
def run_cli(monkeypatch, isolated_config):
    """``main(argv)`` of the real command line with this package's commands (other commands may live on
    other branches).  The throwaway database's login mode is "os" (issue 14): this computer's login is a
    planner's account, so printing with the database's key signs in without ``--user``."""
    import eligibility_desk.cli as cli
    from eligibility_desk.persistence.opening import open_database
    from eligibility_desk.services.accounts import AccountService
    from eligibility_desk.services.records.desk import login_name

    db = open_database(f"sqlite:///{isolated_config / 'desk.sqlite3'}")
    try:
        AccountService(db).create_first_admin(login_name(), "", None, os_login=True, roles=("planner",))
    finally:
        db.close()

    monkeypatch.setattr(cli, "COMMAND_MODULES", ("eligibility_desk.cli.documents",))
    return cli.main
