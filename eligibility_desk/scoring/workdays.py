"""Working-day arithmetic for re-check deadlines: weekends and listed holidays are skipped.

China moves working days around public holidays (调休): a Saturday may be a working day.  Pass those as
``extra_working_days``; pass the holidays themselves as ``holidays``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Collection


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
