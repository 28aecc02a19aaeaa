"""Operations off the GUI thread: progress, completion, failure and cancel — on a real QThreadPool and on the
synchronous pool the window tests use."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThreadPool

from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
from eligibility_desk.ui.common.task_runner import TaskRunner


class Stopped(Exception):
    pass


def count_to(n: int, log: list, delay: float = 0.0):
    """A long-work function in the services style: progress(done, total), cancelled()."""
    def work(progress, cancelled):
        log.append(threading.current_thread().name)
        for i in range(1, n + 1):
            if cancelled():
                raise Stopped()
            time.sleep(delay)
            progress(i, n)
        return n
    return work


@pytest.fixture(params=["thread_pool", "synchronous"])
def runner(request, qtbot):
    pool = QThreadPool() if request.param == "thread_pool" else SynchronousPool()
    runner = TaskRunner(None, pool)
    yield runner
    runner.wait(5000)


def test_a_task_reports_progress_and_its_result_on_the_gui_thread(qtbot, runner):
    log, seen, done = [], [], []
    runner.progressed.connect(lambda name, d, t: seen.append((d, t, threading.current_thread().name)))
    with qtbot.waitSignal(runner.succeeded, timeout=5000) as finished:
        runner.run("count", count_to(5, log), on_done=done.append, show_progress=False)
    assert finished.args == ["count", 5]
    assert done == [5]
    assert [s[:2] for s in seen] == [(i, 5) for i in range(1, 6)]
    assert {s[2] for s in seen} == {threading.main_thread().name}  # slots ran on the GUI thread
    assert not runner.busy()


def test_a_failure_arrives_as_the_exception(qtbot, runner):
    def boom(progress, cancelled):
        raise ValueError("bad file")
    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.run("boom", boom, show_progress=False)
    assert isinstance(failed.args[1], ValueError)


def test_cancelling_from_the_progress_signal_stops_the_work(qtbot, runner):
    log, done = [], []
    runner.progressed.connect(lambda name, d, t: runner.cancel_all() if d == 2 else None)  # the dialog's button
    with qtbot.waitSignal(runner.cancelled, timeout=5000) as cancelled:
        runner.run("count", count_to(1000, log, delay=0.001), label="counting", on_done=done.append)
    assert cancelled.args == ["count"]
    assert done == []


def test_a_result_that_says_cancelled_is_reported_as_cancelled(qtbot, runner):
    class Summary:
        cancelled = True
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.run("screen", lambda progress, cancelled: Summary(), show_progress=False)


def test_the_thread_pool_runs_work_off_the_gui_thread(qtbot):
    runner = TaskRunner(None, QThreadPool())
    log = []
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.run("count", count_to(2, log), show_progress=False)
    assert log and log[0] != threading.main_thread().name


def test_a_locked_database_fails_with_a_message_that_names_nobody(qtbot, runner, tmp_path, monkeypatch):
    """Issue 14: the window shows failures with str(exc); a database error must not quote SQL parameters."""
    import sqlite3

    from eligibility_desk.persistence import database
    from eligibility_desk.persistence.errors import DatabaseUnavailable
    from eligibility_desk.services.records.desk import Desk
    from tests.services.helpers import person

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)     # 30 s in the product
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    from tests.account_helpers import actor

    desk = Desk.open(url, actor("甲"))
    holder = sqlite3.connect(tmp_path / "desk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")                          # another desk holds the write lock
    someone = person("A1", "张三丰", sequence=1)

    def save(progress, cancelled):
        return desk.save_applicant(None, someone, None)

    try:
        with qtbot.waitSignal(runner.failed, timeout=10000) as failed:
            runner.run("save", save, show_progress=False)
    finally:
        holder.close()
        desk.close()
    exc = failed.args[1]
    assert isinstance(exc, DatabaseUnavailable) and exc.code == "busy"
    assert "占用" in str(exc) and "张三丰" not in str(exc) and someone.id_number not in str(exc)
