"""A refused print has no side effect (issue 15): ``slips`` checks the font, the plan and scenario, the 考生须知
template and the output before the database's check-code key is created — a refusal leaves no key, no key file,
no output file and no output folder behind.  A print that passes every check creates the key once."""

from __future__ import annotations

import sqlite3

import pytest

from .pdf_helpers import load, save


def _keys(config) -> int:
    path = config / "desk.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM check_key").fetchone()[0]


def _refusal(kind: str, batch_files, tmp_path) -> list[str]:
    """The extra arguments (or file changes) that make ``slips`` refuse, one kind of check each."""
    plan_path, scenario_path = batch_files
    if kind == "font missing":
        return ["--font", str(tmp_path / "没有这个字体.ttf")]
    if kind == "font not truetype":
        fake = tmp_path / "fake.ttf"
        fake.write_text("not a font\n", encoding="utf-8")
        return ["--font", str(fake)]
    if kind == "font a folder":
        (tmp_path / "fonts.ttf").mkdir()
        return ["--font", str(tmp_path / "fonts.ttf")]
    if kind == "font index":
        from eligibility_desk.documents.fonts import BUNDLED_FONT

        return ["--font", f"{BUNDLED_FONT}#7"]
    if kind == "notice not text":
        notice = tmp_path / "须知.txt"
        notice.write_bytes(bytes(range(256)) * 8)
        return ["--notice", str(notice)]
    if kind == "unknown candidate":
        plan = load(plan_path)
        plan["sessions"][0]["seats"][0]["candidate"] = "NOBODY"
        save(plan_path, plan)
        return []
    if kind == "only nobody":
        return ["--only", "NOBODY"]
    if kind == "scenario missing":
        scenario_path.unlink()
        return []
    raise AssertionError(kind)


KINDS = ["font missing", "font not truetype", "font a folder", "font index", "notice not text", "unknown candidate",
         "only nobody", "scenario missing"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_slips_print_creates_no_key_and_writes_nothing(run_cli, batch_files, tmp_path, isolated_config,
                                                                 capsys, kind):
    extra = _refusal(kind, batch_files, tmp_path)
    out = tmp_path / "新文件夹" / "slips.pdf"
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "-q", *extra]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    assert _keys(isolated_config) == 0, "a refused print created the centre's key"
    assert not (isolated_config / "slip-secret.key").exists()
    assert not out.parent.exists() and "已为本考点生成准考证校验码密钥" not in err


def test_a_print_that_passes_every_check_creates_the_key_once(run_cli, batch_files, tmp_path, isolated_config, capsys):
    out = tmp_path / "slips.pdf"
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "-q"]) == 0
    assert "已为本考点生成准考证校验码密钥" in capsys.readouterr().err and _keys(isolated_config) == 1
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "-q"]) == 0
    assert "生成准考证校验码密钥" not in capsys.readouterr().err and _keys(isolated_config) == 1


def test_a_bad_key_file_is_refused_before_the_output_folder_is_made(run_cli, batch_files, tmp_path, isolated_config,
                                                                    capsys):
    bad = tmp_path / "centre.key"
    bad.write_text("not hex\n", encoding="utf-8")
    out = tmp_path / "新文件夹" / "slips.pdf"
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "-q", "--secret-file", str(bad)]) == 2
    assert "密钥" in capsys.readouterr().err
    assert not out.parent.exists() and _keys(isolated_config) == 0


def test_the_documents_package_alone_creates_its_key_file_only_once_the_checks_pass(batch_files, tmp_path,
                                                                                    isolated_config):
    from eligibility_desk.documents import DocumentOptions, FontNotFoundError, render_slips

    plan, scenario = batch_files
    with pytest.raises(FontNotFoundError):
        render_slips(plan, scenario, tmp_path / "a.pdf", DocumentOptions(font=str(tmp_path / "none.ttf")))
    assert not (isolated_config / "slip-secret.key").exists()
    render_slips(plan, scenario, tmp_path / "a.pdf", DocumentOptions())
    assert (isolated_config / "slip-secret.key").exists()
