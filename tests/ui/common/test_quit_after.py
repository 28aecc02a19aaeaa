"""The hidden ``--quit-after MS`` the bundle's smoke test uses: the window opens on the database, closes MS
milliseconds after it is open, and the program exits 0; a database that cannot be opened exits 3."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from eligibility_desk import __version__

ROOT = Path(__file__).resolve().parents[3]


def launch(tmp_path, *args, timeout=120) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    env.pop("ELIGIBILITY_DESK_DB", None)
    return subprocess.run([sys.executable, "-m", "eligibility_desk", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_the_window_closes_after_the_database_is_open(tmp_path):
    done = launch(tmp_path, "--quit-after", "50")
    assert done.returncode == 0, done.stderr[-3000:]
    db = tmp_path / "data" / "eligibility-desk" / "eligibility-desk.sqlite3"
    assert db.is_file()
    assert f"window open on sqlite:///{db}" in done.stdout
    assert f"title Eligibility Desk 职业技能等级认定考务桌面 {__version__}（源代码运行，未打包） — sqlite:///{db}" in done.stdout


def test_a_database_that_does_not_open_exits_3(tmp_path):
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("not a database", encoding="utf-8")
    code = ("import sys, eligibility_desk.ui.app as a; a.QUIT_AFTER_DEADLINE_MS = 1500;"
            "from eligibility_desk.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, "--db", str(not_a_db), "--quit-after", "50"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, (done.stdout + done.stderr)[-3000:]
    assert "did not open in time" in done.stderr
    assert not_a_db.read_text(encoding="utf-8") == "not a database"
