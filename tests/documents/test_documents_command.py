"""The document commands and ``verify`` through the real command-line entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .pdf_helpers import decode_qr, load, page_texts, render_png, save

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command, pages", [("slips", 5), ("signin", 5), ("doorlist", 5), ("scoresheet", 5),
                                            ("exam-pack", 15)])
def test_each_command_writes_its_pdf_and_draws_a_progress_bar(run_cli, batch_files, tmp_path, capsys, command, pages):
    out = tmp_path / f"{command}.pdf"
    assert run_cli([command, *map(str, batch_files), "--out", str(out)]) == 0
    assert len(page_texts(out)) == pages
    captured = capsys.readouterr()
    assert f"{pages} pages" in captured.out
    assert "100%" in captured.err and "[####" in captured.err


def test_verify_tells_genuine_from_forged(run_cli, batch_files, tmp_path, capsys):
    out = tmp_path / "slips.pdf"
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "--quiet", "--two-per-page"]) == 0
    code = decode_qr(render_png(out, 1, tmp_path, dpi=200))[0]
    capsys.readouterr()
    assert run_cli(["verify", code]) == 0
    assert "genuine" in capsys.readouterr().out
    number, check = code.rsplit(".", 1)
    assert run_cli(["verify", f"{number}X.{check}"]) == 1
    assert "FORGED" in capsys.readouterr().err
    assert run_cli(["verify", "no check code"]) == 1
    assert "malformed" in capsys.readouterr().err


def test_verify_without_a_key_cannot_check_and_says_so(run_cli, capsys):
    assert run_cli(["verify", "A-1.0123456789"]) == 2
    assert "no check-code key" in capsys.readouterr().err


def test_slip_options_reach_the_pdf(run_cli, batch_files, tmp_path):
    out = tmp_path / "s.pdf"
    secret = tmp_path / "centre.key"
    secret.write_text(bytes(range(32)).hex() + "\n")
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "-q", "--reprint", "--only", "C001,C004",
                    "--full-id", "--centre", "另一个中心", "--batch", "第9批", "--secret-file", str(secret)]) == 0
    texts = page_texts(out)
    assert len(texts) == 2 and all("补打" in t and "另一个中心" in t and "第9批" in t for t in texts)
    assert "440102198507078888" in texts[0]
    code = decode_qr(render_png(out, 1, tmp_path))[0]
    assert run_cli(["verify", code, "--secret-file", str(secret)]) == 0
    assert run_cli(["verify", code]) == 2  # the file overrode the database, which still has no key


def test_bad_input_exits_2_naming_the_field_and_keeps_the_old_file(run_cli, batch_files, tmp_path, capsys):
    plan_path, scenario_path = batch_files
    plan = load(plan_path)
    plan["sessions"][0]["seats"][0]["candidate"] = "NOBODY"
    save(plan_path, plan)
    out = tmp_path / "signin.pdf"
    out.write_bytes(b"yesterday's print")
    assert run_cli(["signin", str(plan_path), str(scenario_path), "--out", str(out)]) == 2
    assert "plan.sessions[0].seats[0].candidate" in capsys.readouterr().err
    assert out.read_bytes() == b"yesterday's print"
    assert run_cli(["slips", str(plan_path), str(tmp_path / "none.json"), "--out", str(out)]) == 2
    assert run_cli(["slips", str(plan_path), str(scenario_path), "--out", str(out), "--id-keep", "x"]) == 2
    plan["sessions"][0]["seats"][0]["candidate"] = "C001"
    save(plan_path, plan)
    capsys.readouterr()
    assert run_cli(["slips", str(plan_path), str(scenario_path), "--out", str(out), "--font", __file__]) == 2
    assert "no TrueType outlines" in capsys.readouterr().err
    assert out.read_bytes() == b"yesterday's print"


def test_missing_photo_is_a_warning_not_an_error(run_cli, batch_files, tmp_path, capsys):
    plan_path, scenario_path = batch_files
    scenario = load(scenario_path)
    scenario["candidates"][0]["photo"] = "gone.jpg"
    save(scenario_path, scenario)
    assert run_cli(["slips", str(plan_path), str(scenario_path), "--out", str(tmp_path / "s.pdf"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "照片文件不存在" in err and "photo file missing" in err and "C001" in err and "gone.jpg" in err


def test_a_photo_that_is_no_image_is_worded_not_a_python_repr(run_cli, batch_files, tmp_path, capsys):
    plan_path, scenario_path = batch_files
    (tmp_path / "text.jpg").write_text("not a picture", encoding="utf-8")
    scenario = load(scenario_path)
    scenario["candidates"][1]["photo"] = "text.jpg"
    save(scenario_path, scenario)
    assert run_cli(["slips", str(plan_path), str(scenario_path), "--out", str(tmp_path / "s.pdf"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "照片不是图片文件" in err and "not an image file" in err and "C002" in err, err
    assert "object at" not in err and "<" not in err and "Error" not in err, err


def test_the_command_module_imports_only_the_standard_library():
    code = ("import sys, eligibility_desk.cli.documents;"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'segno', 'PIL', 'PySide6', 'pypdf'));"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_documents_package_does_not_load_qt():
    code = ("import sys, eligibility_desk.documents, eligibility_desk.documents.room_docs, "
            "eligibility_desk.documents.sheets, eligibility_desk.documents.slip;"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_commands_are_the_services_table_of_documents(run_cli, batch_files, tmp_path, monkeypatch, capsys):
    """One table of documents (services/printing.DOCUMENTS, which 打印 uses too): a document added there is a
    command, and a command renders with the function the table names."""
    from eligibility_desk.services.printing.batch_documents import DOCUMENTS

    monkeypatch.setitem(DOCUMENTS, "doorcopy", ("render_door_lists", "门贴副本"))
    out = tmp_path / "copy.pdf"
    assert run_cli(["doorcopy", *map(str, batch_files), "--out", str(out), "-q"]) == 0
    assert len(page_texts(out)) == 5 and "考场门贴" in "".join(page_texts(out))
    with pytest.raises(SystemExit):
        run_cli(["doorcopy", "--help"])
    assert "门贴副本" in capsys.readouterr().out
