"""Working days: China's statutory holidays and make-up working days (调休), read from ``rules/calendar/``.

One YAML file per year (``rules/calendar/2025.yaml``) lists the days off (``holidays``) and the weekend
days worked instead (``workdays``), each with its name, as the State Council's notice for that year gives
them; the centre adds next year's file when the notice appears (docs/scoring.md).  A working day is Monday
to Friday, less the holidays, plus the make-up days.  A year with no file counts weekends only:
:meth:`WorkCalendar.covers` says whether a date's year has a file, so callers can warn.

    calendar = WorkCalendar.load()                  # rules/calendar/*.yaml (or $ELIGIBILITY_DESK_RULES)
    calendar.add(date(2025, 9, 26), 5)              # → 2025-10-10 (National Day, make-up Sunday 09-28)
    calendar = WorkCalendar.cached()                # the same, read once per rules folder (services, views)

:meth:`WorkCalendar.cached` is what the services and views use: the files are read once per rules folder and
again only when they change (a file added or removed, or its modification time or size changed) — a 复核 request
or a plan check costs a few ``stat`` calls, not a YAML parse.  The calendar it returns is shared: don't change it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Collection


class CalendarError(ValueError):
    """A calendar file is malformed: ``file`` and ``entry`` (``holidays[2]``, or empty) say where, ``code``
    the mistake, ``params`` its values.  ``str()`` is the English sentence; :meth:`message` words it in either
    language (Chinese first, as the commands and the window speak)."""

    _ZH = {
        "unreadable": "无法读取：{detail}",
        "not_a_mapping": "应为含 year、holidays、workdays 的映射",
        "bad_entry": "应为 {{date: YYYY-MM-DD, name: …}}",
        "wrong_year": "{day} 不在 {year} 年内",
        "both": "{day} 既列为节假日又列为调休上班日",
    }
    _EN = {
        "unreadable": "cannot read: {detail}",
        "not_a_mapping": "expected a mapping with year, holidays and workdays",
        "bad_entry": "expected {{date: YYYY-MM-DD, name: …}}",
        "wrong_year": "{day} is not in {year}",
        "both": "{day} is listed as both a holiday and a working day",
    }

    def __init__(self, file: str, code: str, entry: str = "", **params):
        self.file, self.entry, self.code, self.params = file, entry, code, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        words = (self._EN if lang == "en" else self._ZH)[self.code].format(**self.params)
        if lang == "en":
            return f"{self.file}: {self.entry}: {words}" if self.entry else f"{self.file}: {words}"
        return f"{self.file} {self.entry}：{words}" if self.entry else f"{self.file}：{words}"


@dataclass(frozen=True)
class WorkCalendar:
    holidays: dict[date, str] = field(default_factory=dict)    # day off -> name (国庆节 …)
    workdays: dict[date, str] = field(default_factory=dict)    # make-up working day -> name
    years: frozenset[int] = frozenset()                        # years with a calendar file

    @classmethod
    def load(cls, rules_dir: Path | str | None = None) -> "WorkCalendar":
        """Every ``calendar/*.yaml`` under the rules folder (``None``: the one the rule library uses)."""
        return cls._read(_calendar_folder(rules_dir))

    @classmethod
    def cached(cls, rules_dir: Path | str | None = None) -> "WorkCalendar":
        """:meth:`load`, read once per rules folder and again when its calendar files change (checked by their
        names, modification times and sizes on every call).  A malformed file raises :class:`CalendarError` on
        every call until it is fixed; nothing is cached then."""
        folder = _calendar_folder(rules_dir)
        stamp = _stamp(folder)            # taken before reading: a file changed meanwhile is read again next time
        with _CACHE_LOCK:
            hit = _CACHE.get(folder)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        calendar = cls._read(folder)
        with _CACHE_LOCK:
            _CACHE[folder] = (stamp, calendar)
        return calendar

    @classmethod
    def _read(cls, folder: Path) -> "WorkCalendar":
        holidays: dict[date, str] = {}
        workdays: dict[date, str] = {}
        years: set[int] = set()
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            year, off, on = _read_year(path)
            years.add(year)
            holidays.update(off)
            workdays.update(on)
        return cls(holidays, workdays, frozenset(years))

    def covers(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, self.holidays, self.workdays)

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name if ``day`` is a statutory day off, else ``None`` (weekends are not named)."""
        return self.holidays.get(day)

    def add(self, start: date, days: int) -> date:
        return add_working_days(start, days, self.holidays, self.workdays)


#: calendar folder -> (its files' stamp, the calendar read from them); see WorkCalendar.cached
_CACHE: dict[Path, tuple[tuple, WorkCalendar]] = {}
_CACHE_LOCK = threading.Lock()     # services run on worker threads


def _calendar_folder(rules_dir: Path | str | None) -> Path:
    if rules_dir is None:
        from eligibility_desk.rules_engine.library import default_rules_dir
        rules_dir = default_rules_dir()
    return (Path(rules_dir) / "calendar").resolve()


def _stamp(folder: Path) -> tuple:
    """What tells a calendar folder's files apart from their last reading: each file's name, mtime and size."""
    if not folder.is_dir():
        return ()
    out = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            st = path.stat()
        except OSError:          # removed meanwhile: the reading will not see it either
            continue
        out.append((path.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def is_working_day(day: date, holidays: Collection[date] = (), extra_working_days: Collection[date] = ()) -> bool:
    if day in extra_working_days:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date] = (),
                     extra_working_days: Collection[date] = ()) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    ``add_working_days(friday, 1)`` is the next Monday; ``days=0`` returns ``start``.
    """
    if days < 0:
        raise ValueError("days must be ≥ 0")
    holidays, extra = frozenset(holidays), frozenset(extra_working_days)
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day, holidays, extra):
            days -= 1
    return day


def _read_year(path: Path) -> tuple[int, dict[date, str], dict[date, str]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CalendarError(path.name, "unreadable", detail=str(exc)) from None
    if not isinstance(data, dict) or isinstance(data.get("year"), bool) or not isinstance(data.get("year"), int):
        raise CalendarError(path.name, "not_a_mapping")
    year = data["year"]
    out = []
    for key in ("holidays", "workdays"):
        days: dict[date, str] = {}
        for i, entry in enumerate(data.get(key) or []):
            where = f"{key}[{i}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("date"), date):
                raise CalendarError(path.name, "bad_entry", where)
            if entry["date"].year != year:
                raise CalendarError(path.name, "wrong_year", where, day=entry["date"].isoformat(), year=year)
            days[entry["date"]] = str(entry.get("name") or "")
        out.append(days)
    clash = sorted(set(out[0]) & set(out[1]))
    if clash:
        raise CalendarError(path.name, "both", day=clash[0].isoformat())
    return year, out[0], out[1]
