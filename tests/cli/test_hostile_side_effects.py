"""Commands with a side effect do it after their last check (issue 15): a refused ``print-batch slips`` creates
no check-code key, a refused ``keys export`` leaves no audit row saying the key left the database, a refused
``backup`` makes no folder, an ``export-plan`` whose scenario cannot be written leaves no plan file."""

from __future__ import annotations

import sqlite3

import pytest

from eligibility_desk.cli import main
from tests.account_helpers import ADMIN
from tests.cli.test_print_data_commands import isolated, planned  # noqa: F401 — fixtures

pytestmark = pytest.mark.usefixtures("isolated")


def _count(url: str, sql: str) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as con:
        return con.execute(sql).fetchone()[0]


def _font_refusal(kind: str, tmp_path) -> str:
    if kind == "missing":
        return str(tmp_path / "没有这个字体.ttf")
    if kind == "not truetype":
        fake = tmp_path / "fake.ttf"
        fake.write_text("not a font\n", encoding="utf-8")
        return str(fake)
    folder = tmp_path / "fonts.ttf"
    folder.mkdir()
    return str(folder)


@pytest.mark.parametrize("font", ["missing", "not truetype", "folder"])
def test_print_batch_slips_refused_for_its_font_creates_no_key(planned, tmp_path, capsys, font):
    url, batch, _people = planned
    out = tmp_path / "新文件夹" / "slips.pdf"
    status = main(["--db", url, "print-batch", batch, "slips", "--out", str(out), "-q", "--font",
                   _font_refusal(font, tmp_path), "--user", ADMIN])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert _count(url, "SELECT count(*) FROM check_key") == 0, "a refused print created the centre's key"
    assert _count(url, "SELECT count(*) FROM audit WHERE entity = 'check_key'") == 0
    assert not out.parent.exists()
    assert main(["--db", url, "print-batch", batch, "slips", "--out", str(out), "-q", "--user", ADMIN]) == 0
    assert _count(url, "SELECT count(*) FROM check_key") == 1          # the check can fail: a good print makes it


@pytest.mark.parametrize("where", ["exists", "folder is a file", "is a folder"])
def test_keys_export_refused_leaves_no_audit_row(planned, tmp_path, capsys, where):
    url, _batch, _people = planned
    assert main(["--db", url, "keys", "create", "--user", ADMIN]) == 0
    target = tmp_path / "centre.key"
    if where == "exists":
        target.write_text("yesterday's key\n", encoding="utf-8")
    elif where == "folder is a file":
        (tmp_path / "plain").write_text("x", encoding="utf-8")
        target = tmp_path / "plain" / "centre.key"
    else:
        target.mkdir()
    before = target.read_bytes() if target.is_file() else None
    exports = "SELECT count(*) FROM audit WHERE entity = 'check_key' AND action = 'export'"
    capsys.readouterr()
    status = main(["--db", url, "keys", "export", "--out", str(target), "--user", ADMIN])
    err = capsys.readouterr().err
    assert status in (1, 2) and ("未覆盖" in err or "无法写入" in err), err
    assert "Traceback" not in err and err.strip()
    assert _count(url, exports) == 0, "a refused export was recorded as done"
    if before is not None:
        assert target.read_bytes() == before
    good = tmp_path / "good.key"
    assert main(["--db", url, "keys", "export", "--out", str(good), "--user", ADMIN]) == 0
    assert good.is_file() and _count(url, exports) == 1


def test_a_backup_refused_makes_no_folder(tmp_path):
    from eligibility_desk.persistence.backup import BackupError, backup
    from eligibility_desk.persistence.opening import open_database

    db = open_database("sqlite://")
    try:
        out = tmp_path / "新文件夹" / "b.sqlite3"
        with pytest.raises(BackupError):
            backup(db, out)
        assert not out.parent.exists()
    finally:
        db.close()


@pytest.mark.parametrize("where", ["folder is a file", "is a folder"])
def test_export_plan_writes_both_files_or_neither(planned, tmp_path, capsys, where):
    url, batch, _people = planned
    plan_path = tmp_path / "p.json"
    if where == "folder is a file":
        (tmp_path / "plain").write_text("x", encoding="utf-8")
        scenario_path = tmp_path / "plain" / "s.json"
    else:
        scenario_path = tmp_path / "s.json"
        scenario_path.mkdir()
    exports = "SELECT count(*) FROM audit WHERE entity = 'plan' AND action = 'export'"
    capsys.readouterr()
    status = main(["--db", url, "export-plan", "--batch", batch, "--plan", str(plan_path), "--scenario",
                   str(scenario_path), "--user", ADMIN])
    err = capsys.readouterr().err
    assert status in (1, 2) and "Traceback" not in err and err.strip()
    assert not plan_path.exists() and not list(tmp_path.glob("*.part")), "half an export was left behind"
    assert _count(url, exports) == 0
    good = tmp_path / "good-s.json"
    assert main(["--db", url, "export-plan", "--batch", batch, "--plan", str(plan_path), "--scenario", str(good),
                 "--user", ADMIN]) == 0
    assert plan_path.is_file() and good.is_file() and _count(url, exports) == 1
