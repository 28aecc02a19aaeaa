"""No silent overwrite between desks (issue 14): a review decision names the version it saw (how many
decisions were on file), and a desk that decided meanwhile makes the other's decision refused — on SQLite and
on PostgreSQL, with two desks on two connections."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from eligibility_desk.cli import main
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.services.records.desk import Desk
from tests.services.helpers import Title, TitleGrade, WorkPeriod, person
from tests.account_helpers import actor, add_accounts


@pytest.fixture
def review_case(desk, batch_id):
    """One applicant whose level-3 result says ``review`` (a title of unknown profession match)."""
    pk, _ = desk.save_applicant(None, person("A2", "乙", sequence=2, work=(WorkPeriod("营销员", date(2021, 1, 1)),),
                                             titles=(Title(TitleGrade.JUNIOR, date(2022, 6, 1), None),)), None)
    desk.apply(pk, batch_id, ["3"])
    desk.screen_batch(batch_id)
    [result_id] = desk.review_queue(batch_id)
    return result_id


def test_second_desk_deciding_the_same_case_is_refused(desk, review_case, db_url):
    other = Desk.open(db_url, actor("李四"))
    try:
        seen_here, seen_there = desk.result(review_case), other.result(review_case)   # both open the case
        assert seen_here.decisions == seen_there.decisions == 0
        desk.decide(review_case, True, "职称与专业对应，已核验证书原件", expected_version=seen_here.decisions)
        with pytest.raises(StaleRecordError) as caught:
            other.decide(review_case, False, "资料不全，无法核实", expected_version=seen_there.decisions)
        assert "已被他人修改" in caught.value.message("zh")
        stored = other.result(review_case)
        assert stored.decisions == 1 and stored.decision.approve and stored.decision.user == "测试员"
        assert len(other.audit_trail("review_decision")) == 1     # the refused one left no audit row
        # seeing the new version, the second desk may supersede it on purpose
        other.decide(review_case, False, "资料不全，无法核实", expected_version=stored.decisions)
        assert desk.result(review_case).decisions == 2
    finally:
        other.close()


def test_two_desks_deciding_at_once_exactly_one_wins(desk, review_case, db_url):
    desks = [desk, Desk.open(db_url, actor("李四"))]
    start, outcome = threading.Barrier(2), {}

    def decide(i: int) -> None:
        start.wait()
        try:
            outcome[i] = desks[i].decide(review_case, i == 0, f"第 {i} 台的理由", expected_version=0)
        except StaleRecordError as exc:
            outcome[i] = exc

    try:
        threads = [threading.Thread(target=decide, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        winners = [v for v in outcome.values() if isinstance(v, int)]
        losers = [v for v in outcome.values() if isinstance(v, StaleRecordError)]
        assert len(winners) == 1 and len(losers) == 1
        assert desk.result(review_case).decisions == 1 and desk.result(review_case).decision.id == winners[0]
    finally:
        desks[1].close()


def test_cli_decide_refuses_a_decided_case_unless_its_version_is_named(desk, review_case, db_url, capsys):
    desk.close()
    add_accounts(db_url, "王敏", roles=("clerk",))
    add_accounts(db_url, "李四", roles=("clerk", "supervisor"))
    assert main(["--db", db_url, "decide", str(review_case), "approve", "--reason", "已核验", "--user", "王敏"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "decide", str(review_case), "reject", "--reason", "不对应", "--user", "李四"]) == 1
    err = capsys.readouterr().err
    assert "已被他人修改" in err and "Traceback" not in err
    assert main(["--db", db_url, "decide", str(review_case), "reject", "--reason", "不对应", "--user", "李四",
                 "--expect-version", "1"]) == 0


def test_a_supervisor_cannot_review_their_own_decision(desk, review_case, db_url):
    """The first decision is a clerk's; a later one reviews it and needs another account with the supervisor
    role — also when the one who decided holds that role too."""
    from eligibility_desk.services.accounts import PermissionDenied

    both = Desk(desk.db, actor("王敏", "clerk", "supervisor"))
    clerk = Desk(desk.db, actor("赵六", "clerk"))
    supervisor = Desk(desk.db, actor("李四", "supervisor"))
    with pytest.raises(PermissionDenied) as caught:           # a supervisor alone does not make the first one
        supervisor.decide(review_case, True, "已核验", expected_version=0)
    assert "“审核员”角色，当前账户 李四 没有" in str(caught.value)
    both.decide(review_case, True, "职称与专业对应，已核验证书原件", expected_version=0)
    with pytest.raises(PermissionDenied) as caught:
        both.decide(review_case, True, "复核：同意", expected_version=1)
    assert caught.value.reason == "own_decision" and "复核人不能复核自己作出的决定" in str(caught.value)
    with pytest.raises(PermissionDenied) as caught:           # another clerk cannot overturn it either
        clerk.decide(review_case, False, "不同意", expected_version=1)
    assert "“复核人”角色，当前账户 赵六 没有" in str(caught.value)
    assert desk.result(review_case).decisions == 1 and len(desk.audit_trail("review_decision")) == 1
    supervisor.decide(review_case, False, "复核：职称专业不对应", expected_version=1)
    stored = desk.result(review_case)
    assert stored.decisions == 2 and stored.decision.user == "李四" and not stored.decision.approve
    with pytest.raises(PermissionDenied):                     # nor may 李四 now confirm their own review
        supervisor.decide(review_case, True, "再复核", expected_version=2)
    both.decide(review_case, True, "再复核：补交材料后同意", expected_version=2)   # but 王敏 may review 李四's


def test_two_processes_deciding_the_same_case_exactly_one_wins(desk, review_case, db_url):
    """Two command-line processes, each signed in, decide the case they both saw undecided (the default
    ``--expect-version 0``): one decision is stored, the other process says the case changed meanwhile."""
    import subprocess
    import sys
    from pathlib import Path

    add_accounts(db_url, "王敏", "李四", roles=("clerk",))
    code = "import sys; from eligibility_desk.cli import main; sys.stdin.readline(); sys.exit(main(sys.argv[1:]))"
    procs = [subprocess.Popen([sys.executable, "-c", code, "--db", db_url, "decide", str(review_case), verdict,
                               "--reason", f"{name}的理由", "--user", name],
                              cwd=Path(__file__).resolve().parents[3], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for name, verdict in (("王敏", "approve"), ("李四", "reject"))]
    for p in procs:                    # both are up and have imported everything: go
        p.stdin.write("\n")
        p.stdin.flush()
    results = [(p.wait(120), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results) == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "已被他人修改" in loser and "Traceback" not in loser
    stored = desk.result(review_case)
    winner = "王敏" if results[0][0] == 0 else "李四"
    assert stored.decisions == 1 and stored.decision.user == winner and stored.decision.approve == (winner == "王敏")
