"""A plan or scenario JSON with a key given twice in one object is refused naming the file and the key (issue 15),
not the last one silently used: the printing commands, ``check-plan`` and ``plan``."""

from __future__ import annotations

import pytest

from .pdf_helpers import load


def _twice(path, key: str) -> None:
    """Rewrite ``path`` with the top-level ``key`` given twice (a different value first)."""
    text = path.read_text(encoding="utf-8")
    data = load(path)
    assert key in data
    path.write_text(text.replace("{", '{"%s": "先写的值", ' % key, 1), encoding="utf-8")


@pytest.mark.parametrize("which,key", [("plan", "sessions"), ("scenario", "candidates"), ("scenario", "standard")])
@pytest.mark.parametrize("command", ["slips", "signin"])
def test_a_printing_command_refuses_a_repeated_key(run_cli, batch_files, tmp_path, capsys, which, key, command):
    plan, scenario = batch_files
    _twice(plan if which == "plan" else scenario, key)
    out = tmp_path / "x.pdf"
    assert run_cli([command, str(plan), str(scenario), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"「{key}」在同一对象中出现了 2 次" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["check-plan", "plan"])
def test_the_planning_commands_refuse_a_repeated_key(batch_files, capsys, command):
    from eligibility_desk.cli import main

    plan, scenario = batch_files
    _twice(scenario, "standard")
    args = [command, str(plan), str(scenario)] if command == "check-plan" else [command, str(scenario)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "「standard」在同一对象中出现了 2 次" in err and "Traceback" not in err
