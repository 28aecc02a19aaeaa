"""Separation of duties on score sheets (issue 14), on SQLite and PostgreSQL: the blind double entry's two
entries come from two signed-in accounts (the ``alice``/``alice2`` bypass is refused), a clerk cannot publish,
the one who entered a score cannot correct it after the lock, and two processes entering the same cell — exactly
one wins."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from eligibility_desk.scoring import SheetError
from eligibility_desk.services.accounts import PermissionDenied
from eligibility_desk.services.scores.score_service import ScoreService
from tests.account_helpers import actor, add_accounts
from tests.services.scores.test_scores_service import any_desk, prepared  # noqa: F401 — the fixtures

ROOT = Path(__file__).resolve().parents[3]


def _sheet(desk, batch_id):
    return ScoreService(desk.db, actor("考务", "planner")).open_sheets(batch_id)[0]


def test_the_double_entry_bypass_by_typing_another_name_is_refused(any_desk, capsys):
    desk, batch_id = any_desk
    sheet = _sheet(desk, batch_id)
    url = desk.db.url
    add_accounts(desk.db, "alice", roles=("recorder",))
    seats = [f"{line.seat}=75" for line in sheet.lines]
    assert main(["--db", url, "scores", "enter", str(sheet.id), "--recorder", "1", *seats, "--user", "alice"]) == 0
    capsys.readouterr()
    # "alice2" is only a name: it has no account, so it cannot sign in (the same message as a wrong password)
    assert main(["--db", url, "scores", "enter", str(sheet.id), "--recorder", "2", *seats, "--user", "alice2"]) == 2
    assert "账户名或密码不正确" in capsys.readouterr().err
    # alice herself as the second recorder: the same account twice
    assert main(["--db", url, "scores", "enter", str(sheet.id), "--recorder", "2", *seats, "--user", "alice"]) == 1
    assert "两次录入须由不同的人完成" in capsys.readouterr().err
    # and a name without a password is refused before anything is read
    assert main(["--db", url, "scores", "enter", str(sheet.id), "--recorder", "2", *seats]) == 2
    assert "--user" in capsys.readouterr().err
    assert ScoreService(desk.db, actor("x")).recorder_view(sheet.id, 2).entries == {}


def test_a_clerk_cannot_publish_and_a_recorder_cannot_lock(any_desk):
    desk, batch_id = any_desk
    sheet = _sheet(desk, batch_id)
    first, second = ScoreService(desk.db, actor("甲", "recorder")), ScoreService(desk.db, actor("乙", "recorder"))
    values = {line.seat: "80" for line in sheet.lines}
    first.enter_many(sheet.id, 1, values)
    second.enter_many(sheet.id, 2, values)
    with pytest.raises(PermissionDenied) as caught:
        first.lock(sheet.id)
    assert "“复核人”角色，当前账户 甲 没有" in str(caught.value)
    with pytest.raises(PermissionDenied) as caught:
        ScoreService(desk.db, actor("审核员丁", "clerk")).publish(batch_id)
    assert str(caught.value) == "此操作（发布成绩）需要“复核人”角色，当前账户 审核员丁 没有"
    assert caught.value.message("en").startswith("this action (发布成绩) needs the \"Supervisor\" role")
    with pytest.raises(PermissionDenied):                      # nor can a recorder type a score as a clerk
        ScoreService(desk.db, actor("审核员丁", "clerk")).enter(sheet.id, 1, sheet.lines[0].seat, "90")
    supervisor = ScoreService(desk.db, actor("复核人戊", "supervisor"))
    supervisor.lock(sheet.id)
    assert ScoreService(desk.db, actor("x")).publication(batch_id) is None


def test_a_correction_after_lock_by_the_one_who_entered_the_score_is_refused(any_desk):
    desk, batch_id = any_desk
    sheet = _sheet(desk, batch_id)
    seat = sheet.lines[0].seat
    # 甲 is recorder and supervisor: may enter, may lock, but not correct a score they entered
    first = ScoreService(desk.db, actor("甲", "recorder", "supervisor"))
    second = ScoreService(desk.db, actor("乙", "recorder"))
    values = {line.seat: "59" for line in sheet.lines}
    first.enter_many(sheet.id, 1, values)
    second.enter_many(sheet.id, 2, values)
    locked = first.lock(sheet.id)
    with pytest.raises(PermissionDenied) as caught:
        first.correct(sheet.id, seat, "61", "卷面合分错误", locked.version)
    assert caught.value.reason == "own_score" and "不能更正自己录入的成绩" in str(caught.value)
    with pytest.raises(PermissionDenied) as caught:             # the other recorder is no supervisor
        second.correct(sheet.id, seat, "61", "卷面合分错误", locked.version)
    assert "“复核人”角色" in str(caught.value)
    assert first.corrections(sheet.id) == []
    done = ScoreService(desk.db, actor("丙", "supervisor")).correct(sheet.id, seat, "61", "卷面合分错误", locked.version)
    assert done["by"] == "丙"


_ENTER = """
import sys
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.opening import open_database
from eligibility_desk.services.accounts import AccountService
from eligibility_desk.services.scores.score_service import ScoreService

url, name, password, sheet, seat, value = sys.argv[1:]
db = open_database(url)
service = ScoreService(db, AccountService(db).authenticate(name, password))
sys.stdin.readline()                              # both processes are ready: go
try:
    service.enter(int(sheet), 1, int(seat), value, expected_version=0)   # both saw the cell empty
except StaleRecordError as exc:
    print(exc.message("zh"), file=sys.stderr)
    sys.exit(1)
"""


def test_two_processes_entering_the_same_cell_exactly_one_wins(any_desk):
    from tests.account_helpers import TEST_PASSWORD

    desk, batch_id = any_desk
    sheet = _sheet(desk, batch_id)
    seat = sheet.lines[0].seat
    add_accounts(desk.db, "录入员甲", "录入员乙", roles=("recorder",))
    procs = [subprocess.Popen([sys.executable, "-c", _ENTER, desk.db.url, name, TEST_PASSWORD, str(sheet.id),
                               str(seat), value], cwd=ROOT, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name, value in (("录入员甲", "71"), ("录入员乙", "17"))]
    for p in procs:
        p.stdin.write("\n")
        p.stdin.flush()
    results = [(p.wait(120), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results) == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "已被他人" in loser and "Traceback" not in loser
    stored = ScoreService(desk.db, actor("x")).recorder_view(sheet.id, 1).entries[seat]
    winner = ("录入员甲", "71") if results[0][0] == 0 else ("录入员乙", "17")
    assert (stored.by, stored.value) == (winner[0], Decimal(winner[1]))
    with pytest.raises(SheetError):                            # (and the sheet is not lockable half-entered)
        ScoreService(desk.db, actor("丙", "supervisor")).lock(sheet.id)
