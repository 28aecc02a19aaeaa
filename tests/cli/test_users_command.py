"""``eligibility-desk users …`` and signing in on the command line (issue 14)."""

from __future__ import annotations

import json
import os

import pytest

from eligibility_desk.cli import main
from eligibility_desk.services.records.desk import Desk, login_name
from tests.account_helpers import TEST_PASSWORD


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", open(os.devnull))


def test_first_admin_then_accounts_roles_and_the_list(url, capsys, monkeypatch, no_terminal):
    assert main(["--db", url, "batches", "--user", "wangmin"]) == 2          # nobody can sign in yet
    assert "还没有账户" in capsys.readouterr().err
    assert main(["--db", url, "users", "add", "wangmin", "--display", "王敏", "--roles", "clerk"]) == 0
    assert "已创建管理员账户 wangmin（角色：管理员、审核员）；登录方式：账户密码" in capsys.readouterr().out
    monkeypatch.setenv("ELIGIBILITY_DESK_NEW_PASSWORD", "li si's passphrase")
    assert main(["--db", url, "users", "add", "lisi", "--display", "李四", "--roles", "recorder",
                 "--user", "wangmin"]) == 0
    assert main(["--db", url, "users", "roles", "lisi", "recorder,复核人", "--user", "wangmin"]) == 0
    assert "录分员" in capsys.readouterr().out
    assert main(["--db", url, "users", "list", "--user", "wangmin", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["login_mode"] == "password"
    assert {a["name"]: a["roles"] for a in listed["accounts"]} == {"lisi": ["recorder", "supervisor"],
                                                                  "wangmin": ["admin", "clerk"]}
    assert main(["--db", url, "users", "list", "--user", "wangmin"]) == 0
    assert capsys.readouterr().out.startswith("登录方式：账户密码\n")
    # lisi signs in with the new password; not an admin
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", "li si's passphrase")
    assert main(["--db", url, "users", "list", "--user", "lisi"]) == 1
    assert "“管理员”角色，当前账户 lisi 没有" in capsys.readouterr().err
    # lisi changes their own password (the old one is the one signed in with)
    monkeypatch.setenv("ELIGIBILITY_DESK_NEW_PASSWORD", "li si's second passphrase")
    assert main(["--db", url, "users", "passwd", "lisi", "--user", "lisi"]) == 0
    assert main(["--db", url, "batches", "--user", "lisi"]) == 2
    assert "账户名或密码不正确" in capsys.readouterr().err
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", TEST_PASSWORD)      # wangmin's (given at the first run)
    assert main(["--db", url, "users", "passwd", "lisi", "--user", "wangmin"]) == 0      # an admin's reset
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", "li si's second passphrase")
    assert main(["--db", url, "batches", "--user", "lisi"]) == 0


def test_lockout_unlock_disable_on_the_command_line(url, capsys, monkeypatch, no_terminal):
    assert main(["--db", url, "users", "add", "admin"]) == 0
    monkeypatch.setenv("ELIGIBILITY_DESK_NEW_PASSWORD", "alice's passphrase")
    assert main(["--db", url, "users", "add", "alice", "--roles", "clerk", "--user", "admin"]) == 0
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", "guess")
    codes = [main(["--db", url, "batches", "--user", "alice"]) for _ in range(6)]
    assert codes == [2] * 6
    err = capsys.readouterr().err
    assert err.count("账户名或密码不正确") == 4 and err.count("已被锁定") == 2 and "Traceback" not in err
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["--db", url, "users", "unlock", "alice", "--user", "admin"]) == 0
    assert main(["--db", url, "users", "disable", "alice", "--user", "admin"]) == 0
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", "alice's passphrase")
    capsys.readouterr()
    assert main(["--db", url, "batches", "--user", "alice"]) == 2
    assert "已停用" in capsys.readouterr().err
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["--db", url, "users", "enable", "alice", "--user", "admin"]) == 0
    assert main(["--db", url, "users", "disable", "admin", "--user", "admin"]) == 1     # the last admin
    assert "最后一位管理员" in capsys.readouterr().err


def test_no_password_and_no_terminal_is_a_clear_error(url, capsys, monkeypatch, no_terminal):
    assert main(["--db", url, "users", "add", "admin"]) == 0
    monkeypatch.delenv("ELIGIBILITY_DESK_PASSWORD")
    assert main(["--db", url, "batches", "--user", "admin"]) == 2
    err = capsys.readouterr().err
    assert "ELIGIBILITY_DESK_PASSWORD" in err and "需要密码" in err
    assert main(["--db", url, "users", "add", "second"]) == 2           # not the first: who is adding it?
    assert "--user" in capsys.readouterr().err


def test_the_password_prompt_when_there_is_a_terminal(url, capsys, monkeypatch, no_terminal):
    assert main(["--db", url, "users", "add", "admin"]) == 0
    monkeypatch.delenv("ELIGIBILITY_DESK_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or TEST_PASSWORD)
    assert main(["--db", url, "batches", "--user", "admin"]) == 0
    assert asked == ["账户 admin 的密码 password: "]


def test_os_login_mode_this_computers_login_is_the_account(url, capsys, no_terminal, monkeypatch):
    me = login_name()
    monkeypatch.delenv("ELIGIBILITY_DESK_PASSWORD")         # no password anywhere: none is needed
    assert main(["--db", url, "users", "add", me, "--roles", "clerk", "--os-login"]) == 0
    assert "登录方式：本机登录名即账户" in capsys.readouterr().out
    assert main(["--db", url, "users", "list"]) == 0
    assert capsys.readouterr().out.startswith("登录方式：本机登录名即账户\n")
    assert main(["--db", url, "batches"]) == 0
    assert main(["--db", url, "batches", "--user", me + "-other"]) == 2   # a name is never an identity
    assert "不能以" in capsys.readouterr().err
    assert main(["--db", url, "users", "add", "x", "--roles", "viewer", "--os-login"]) == 2
    with Desk.open(url) as desk:
        rows = desk.audit_trail("account")
    assert rows[-1]["user"] == me and rows[-1]["after"]["first_admin"]


def test_recover_a_forgotten_admin_password_is_audited(url, capsys, monkeypatch, no_terminal):
    assert main(["--db", url, "users", "add", "admin"]) == 0
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", "forgotten")
    assert main(["--db", url, "users", "list", "--user", "admin"]) == 2
    assert main(["--db", url, "users", "recover", "admin"]) == 2           # asks first; no terminal: --yes
    monkeypatch.setenv("ELIGIBILITY_DESK_NEW_PASSWORD", "remembered this time")
    assert main(["--db", url, "users", "recover", "admin", "--yes"]) == 0
    monkeypatch.setenv("ELIGIBILITY_DESK_PASSWORD", "remembered this time")
    assert main(["--db", url, "users", "list", "--user", "admin"]) == 0
    with Desk.open(url) as desk:
        [row] = [r for r in desk.audit_trail("account") if r["action"] == "recover"]
    assert row["user"] == f"recovery:{login_name()}" and "remembered" not in str(row)
