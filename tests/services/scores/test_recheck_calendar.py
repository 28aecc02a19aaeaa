"""The working-day calendar of a 复核 request: the role is checked before any calendar file is touched, and the
files are read once per rules folder (``WorkCalendar.cached``), again only when they change."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.persistence.opening import open_database
from eligibility_desk.scoring.workdays import CalendarError, WorkCalendar
from eligibility_desk.services.accounts import PermissionDenied
from eligibility_desk.services.scores.score_service import ScoreService
from tests.account_helpers import actor

_WATCHED: list[tuple[str, str]] = []      # (event, path) of file-system calls under a watched folder
_WATCH: list[str] = []                    # the folders watched now (empty: nothing recorded)


def _audit(event: str, args) -> None:
    if _WATCH and event in ("open", "os.scandir", "os.listdir") and args and isinstance(args[0], (str, Path)):
        path = os.fspath(args[0])
        if any(path.startswith(folder) for folder in _WATCH):
            _WATCHED.append((event, path))


sys.addaudithook(_audit)    # audit hooks stay for the process; this one records only while _WATCH is set


@pytest.fixture
def watched():
    """Record the file-system calls (opens, directory listings) under the folders appended to the list given."""
    _WATCHED.clear()
    yield _WATCH
    _WATCH.clear()
    _WATCHED.clear()


def _year(folder: Path, year: int, *holidays: str) -> Path:
    path = folder / "calendar" / f"{year}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"year: {year}", "holidays:"] + [f"  - {{date: {d}, name: 假日}}" for d in holidays] + ["workdays: []"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _touch_later(path: Path) -> None:
    """Move the file's modification time on, as a later save would (the file system's clock may be coarse)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    yield database
    database.close()


def test_a_refused_actor_never_touches_the_calendar_files(db, tmp_path, watched):
    rules = tmp_path / "rules"
    (rules / "calendar").mkdir(parents=True)
    (rules / "calendar" / "2026.yaml").write_text("year: [not a calendar\n", encoding="utf-8")
    watched.append(str(rules))
    viewer = ScoreService(db, actor("查看员", "viewer"), rules_dir=rules)
    with pytest.raises(PermissionDenied):
        viewer.request_recheck(1, 1, date(2026, 10, 12))
    assert _WATCHED == []
    # the same request by a supervisor reads the calendar (and meets its broken file): the check came first
    supervisor = ScoreService(db, actor("复核人", "supervisor"), rules_dir=rules)
    with pytest.raises(CalendarError, match="2026.yaml"):
        supervisor.request_recheck(1, 1, date(2026, 10, 12))
    assert any(path.endswith("2026.yaml") for event, path in _WATCHED if event == "open")


def test_a_request_reads_the_calendar_files_once_until_they_change(db, tmp_path, watched):
    rules = tmp_path / "rules"
    path = _year(rules, 2026, "2026-10-01")
    watched.append(str(rules))
    supervisor = ScoreService(db, actor("复核人", "supervisor"), rules_dir=rules)
    for _ in range(2):
        with pytest.raises(LookupError, match="no score sheet 99"):      # past the calendar: the sheet is looked up
            supervisor.request_recheck(99, 1, date(2026, 10, 12))
    assert [p for event, p in _WATCHED if event == "open"] == [str(path.resolve())]
    _year(rules, 2026, "2026-10-01", "2026-10-02")
    _touch_later(path)
    _WATCHED.clear()
    with pytest.raises(LookupError):
        supervisor.request_recheck(99, 1, date(2026, 10, 12))
    assert [p for event, p in _WATCHED if event == "open"] == [str(path.resolve())]
    assert WorkCalendar.cached(rules).holiday_name(date(2026, 10, 2)) == "假日"


def test_the_cache_returns_the_same_calendar_and_reads_a_changed_file_again(tmp_path):
    path = _year(tmp_path, 2026, "2026-10-01")
    first = WorkCalendar.cached(tmp_path)
    assert WorkCalendar.cached(tmp_path) is first
    assert WorkCalendar.cached(str(tmp_path / "calendar" / "..")) is first      # one folder, however it is spelled
    assert WorkCalendar.load(tmp_path) is not first and WorkCalendar.load(tmp_path) == first
    assert not first.is_working_day(date(2026, 10, 1)) and first.is_working_day(date(2026, 10, 2))

    _year(tmp_path, 2026, "2026-10-01", "2026-10-02")           # the centre corrects the file
    _touch_later(path)
    changed = WorkCalendar.cached(tmp_path)
    assert changed is not first and not changed.is_working_day(date(2026, 10, 2))
    assert WorkCalendar.cached(tmp_path) is changed

    added = _year(tmp_path, 2027, "2027-10-01")                  # next year's notice appears
    assert WorkCalendar.cached(tmp_path).years == {2026, 2027}
    added.unlink()
    assert WorkCalendar.cached(tmp_path).years == {2026}

    path.write_text("year: [broken\n", encoding="utf-8")         # a broken file is refused each time, never cached
    _touch_later(path)
    for _ in range(2):
        with pytest.raises(CalendarError):
            WorkCalendar.cached(tmp_path)
    _year(tmp_path, 2026, "2026-10-01")
    _touch_later(path)
    assert WorkCalendar.cached(tmp_path) == first


def test_another_rules_folder_has_its_own_calendar(tmp_path):
    one, other = tmp_path / "one", tmp_path / "other"
    _year(one, 2026, "2026-10-01")
    _year(other, 2026, "2026-10-05")
    assert WorkCalendar.cached(one).holiday_name(date(2026, 10, 1)) == "假日"
    assert WorkCalendar.cached(other).holiday_name(date(2026, 10, 1)) is None
    assert WorkCalendar.cached(other).holiday_name(date(2026, 10, 5)) == "假日"
