"""``print-batch``, ``photos import``, ``keys``, ``centre`` and ``verify`` over the database (issue 11), through
the real command-line entry point."""

from __future__ import annotations

import pytest

from eligibility_desk.cli import main
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import plan_batch_shown
from tests.documents.pdf_helpers import decode_qr, image_count, page_texts, render_png
from tests.services.printing.photo_samples import encode, portrait, truncated_jpeg
from tests.account_helpers import ADMIN, actor, add_accounts


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.delenv("ELIGIBILITY_DESK_SLIP_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("ELIGIBILITY_DESK_DB", raising=False)


@pytest.fixture
def planned(tmp_path):
    """A SQLite database with a planned demo batch: (url, batch name, the batch's applicants)."""
    url = f"sqlite:///{tmp_path / 'centre.sqlite3'}"
    with Desk.open(url, actor("准备")) as desk:
        batch = desk.create_demo_batch(n=30, seed=7)
        create_demo_resources(desk.db, batch, desk.actor)
        plan_batch_shown(desk, batch, 5)
        name = desk.batch(batch).name
        people = [(item.id_number, item.code) for item in desk.applicant_rows(batch)]
    add_accounts(url)
    return url, name, people


def test_photos_import_then_print_batch_with_the_names_photos_and_key_from_the_database(planned, tmp_path, capsys):
    url, batch, people = planned
    folder = tmp_path / "照片"
    folder.mkdir()
    for number, _code in people[:10]:
        (folder / f"{number}.jpg").write_bytes(encode(portrait(600, 800), "JPEG"))
    (folder / f"{people[10][0]}.jpg").write_bytes(truncated_jpeg())
    assert main(["--db", url, "photos", "import", batch, str(folder), "--user", ADMIN]) == 1   # one refused: exit 1, listed
    out = capsys.readouterr()
    assert "新增 10 imported" in out.out and f"{people[10][0]}.jpg" in out.err and "damaged or truncated" in out.err

    assert main(["--db", url, "centre", "set", "--name", "某某职业技能等级认定中心", "--venue", "实训楼", "--user", ADMIN]) == 0
    capsys.readouterr()
    pdf = tmp_path / "slips.pdf"
    assert main(["--db", url, "print-batch", batch, "slips", "--out", str(pdf), "-q", "--user", ADMIN]) == 0
    err = capsys.readouterr().err
    assert "已为本考点生成准考证校验码密钥" in err                       # the key was made now: said once
    texts = page_texts(pdf)
    assert all(batch in t for t in texts) and any("实训楼" in t for t in texts)
    assert 1 <= image_count(pdf) <= 10                                 # the stored photos of the seated ones
    assert main(["--db", url, "print-batch", batch, "slips", "--out", str(pdf), "-q", "--user", ADMIN]) == 0
    assert "生成准考证校验码密钥" not in capsys.readouterr().err        # … and not again

    code = decode_qr(render_png(pdf, 1, tmp_path, dpi=200))[0]
    assert main(["--db", url, "verify", code]) == 0
    number, check = code.rsplit(".", 1)
    assert main(["--db", url, "verify", f"{number}.{check[::-1]}"]) == 1
    other = f"sqlite:///{tmp_path / 'other-centre.sqlite3'}"
    assert main(["--db", other, "verify", code]) == 2                  # a database without a key cannot check
    assert "cannot check" in capsys.readouterr().err


def test_keys_rotate_export_and_verify_with_the_exported_file(planned, tmp_path, capsys):
    url, batch, _people = planned
    assert main(["--db", url, "keys", "show", "--user", ADMIN]) == 0
    assert "No check-code key yet" in capsys.readouterr().out
    assert main(["--db", url, "keys", "create", "--user", ADMIN]) == 0
    assert "已为本考点生成" in capsys.readouterr().err
    pdf = tmp_path / "s.pdf"
    assert main(["--db", url, "print-batch", batch, "slips", "--out", str(pdf), "-q", "--user", ADMIN]) == 0
    code = decode_qr(render_png(pdf, 1, tmp_path, dpi=200))[0]
    key_file = tmp_path / "door.key"
    assert main(["--db", url, "keys", "export", "--out", str(key_file), "--user", ADMIN]) == 0
    assert (key_file.stat().st_mode & 0o777) == 0o600
    assert main(["--db", url, "keys", "export", "--out", str(key_file), "--user", ADMIN]) == 2      # never replaced
    assert main(["--db", f"sqlite:///{tmp_path / 'none.sqlite3'}", "verify", code, "--secret-file", str(key_file)]) == 0
    assert main(["--db", url, "keys", "rotate", "--keep-old-until", "2999-12-31", "--user", ADMIN]) == 0
    assert main(["--db", url, "verify", code]) == 0                              # the old key still verifies
    assert main(["--db", url, "keys", "rotate", "--user", ADMIN]) == 0                            # the one before: kept until 2999
    assert main(["--db", url, "keys", "rotate", "--keep-old-until", "2001-01-01", "--user", ADMIN]) == 2
    capsys.readouterr()
    assert main(["--db", url, "keys", "show", "--user", ADMIN]) == 0
    shown = capsys.readouterr().out
    assert shown.count("current") == 1 and "verifies until 2999-12-31" in shown and "retired" in shown
    bad = tmp_path / "bad.key"
    bad.write_text("short")
    assert main(["--db", url, "verify", code, "--secret-file", str(bad)]) == 2


def test_the_help_of_the_new_commands(capsys):
    for argv in (["photos", "import", "--help"], ["keys", "rotate", "--help"], ["print-batch", "--help"],
                 ["centre", "set", "--help"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
    assert "--keep-old-until" in capsys.readouterr().out
