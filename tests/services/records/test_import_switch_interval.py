"""The import's writer thread shortens the GIL switch interval while it runs (import_write.WRITER_SWITCH_INTERVAL)
and gives the process its own value back when the last writer closes — also after a refused import."""

import sys

import pytest

from eligibility_desk.services.records import import_write
from eligibility_desk.services.records.import_write import WRITER_SWITCH_INTERVAL, _Writer


@pytest.fixture
def desk(tmp_path):
    """SQLite only: the writer thread is SQLite's (PostgreSQL's inserts run on the importing thread)."""
    from eligibility_desk.services.records.desk import Desk
    from tests.account_helpers import actor

    d = Desk.open(f"sqlite:///{tmp_path / 'switch.sqlite3'}", actor("测试员"))
    yield d
    d.close()


@pytest.fixture
def own_interval():
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    yield 0.004
    sys.setswitchinterval(before)


def test_writers_shorten_the_interval_and_the_last_one_restores_it(own_interval):
    first = _Writer()
    assert sys.getswitchinterval() == pytest.approx(WRITER_SWITCH_INTERVAL)
    second = _Writer()                      # two desks of one process importing at once
    first.close()
    assert sys.getswitchinterval() == pytest.approx(WRITER_SWITCH_INTERVAL)
    first.close()                           # closing twice counts once
    assert sys.getswitchinterval() == pytest.approx(WRITER_SWITCH_INTERVAL)
    second.close()
    assert sys.getswitchinterval() == pytest.approx(own_interval)


def test_an_import_leaves_the_interval_as_it_found_it(own_interval, desk, batch_id, tmp_path):
    from tests.services.helpers import roster, write_workbook

    seen = []
    real = import_write._Writer.submit

    def submit(self, work, *args, **kwargs):
        seen.append(sys.getswitchinterval())
        return real(self, work, *args, **kwargs)

    import_write._Writer.submit = submit
    try:
        people, work = roster(30)
        good = tmp_path / "good.xlsx"
        write_workbook(good, {"考生": people, "工作经历": work})
        assert desk.import_file(good, batch_id).ok
        people[3][0] = "not an id number"
        bad = tmp_path / "bad.xlsx"
        write_workbook(bad, {"考生": people, "工作经历": work})
        assert not desk.import_file(bad, batch_id).ok
    finally:
        import_write._Writer.submit = real
    assert seen and all(value == pytest.approx(WRITER_SWITCH_INTERVAL) for value in seen)
    assert sys.getswitchinterval() == pytest.approx(own_interval)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value: Linux")
def test_the_writer_thread_runs_below_the_thread_that_checks():
    """The writer thread gives the checks the CPU first, level with the workbook's readers (forked.HELPERS_NICE);
    the caller's own priority is untouched."""
    import os
    import threading

    from eligibility_desk.services.records import forked

    def priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    mine = priority()
    writer = _Writer()
    seen = []
    try:
        writer.submit(lambda **_: seen.append(priority()))
        writer.wait()
    finally:
        writer.close()
    assert seen == [min(19, mine + forked.HELPERS_NICE)]
    assert priority() == mine
