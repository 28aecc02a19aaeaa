"""The working-day calendar: statutory holidays and make-up days (调休) read from rules/calendar/*.yaml."""

from datetime import date

import pytest

from eligibility_desk.cli import main
from eligibility_desk.scoring.workdays import CalendarError, WorkCalendar


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar.load()


def test_national_day_2025_and_its_make_up_sunday(calendar):
    assert calendar.years >= {2024, 2025, 2026}
    assert not calendar.is_working_day(date(2025, 10, 1))             # 国庆节
    assert calendar.holiday_name(date(2025, 10, 6)) == "中秋节"
    assert calendar.is_working_day(date(2025, 9, 28))                  # Sunday worked instead (调休)
    assert calendar.is_working_day(date(2025, 10, 11))                 # Saturday worked instead
    assert calendar.add(date(2025, 9, 26), 5) == date(2025, 10, 10)
    assert calendar.add(date(2025, 9, 26), 1) == date(2025, 9, 28)


@pytest.mark.parametrize("day, working", [
    (date(2024, 2, 4), True), (date(2024, 2, 10), False), (date(2024, 5, 11), True),    # 2024 春节, 劳动节调休
    (date(2026, 1, 4), True), (date(2026, 2, 16), False), (date(2026, 10, 7), False),   # 2026 元旦调休, 春节, 国庆
    (date(2026, 10, 10), True), (date(2026, 11, 20), True), (date(2026, 11, 21), False),
])
def test_each_year_file(calendar, day, working):
    assert calendar.is_working_day(day) is working


def test_a_year_without_a_file_counts_weekends_only(calendar):
    assert not calendar.covers(date(2030, 10, 1))
    assert calendar.is_working_day(date(2030, 10, 1))                  # a Tuesday; no notice on file


def test_the_centre_extends_the_calendar_with_a_file(tmp_path):
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2030.yaml").write_text(
        "year: 2030\nholidays:\n  - {date: 2030-10-01, name: 国庆节}\nworkdays:\n  - {date: 2030-09-29, name: 国庆节调休上班}\n",
        encoding="utf-8")
    calendar = WorkCalendar.load(tmp_path)
    assert calendar.covers(date(2030, 1, 1)) and not calendar.is_working_day(date(2030, 10, 1))
    assert calendar.add(date(2030, 9, 27), 1) == date(2030, 9, 29)


@pytest.mark.parametrize("text, message", [
    ("year: 2030\nholidays:\n  - {date: 2031-01-01}\n", "not in 2030"),
    ("year: 2030\nholidays:\n  - 2030-10-01\n", "expected {date"),
    ("holidays: []\n", "expected a mapping"),
    ("year: 2030\nholidays:\n  - {date: 2030-10-01}\nworkdays:\n  - {date: 2030-10-01}\n", "both"),
])
def test_malformed_calendar_files_are_refused(tmp_path, text, message):
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2030.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match=message):
        WorkCalendar.load(tmp_path)


@pytest.mark.parametrize("text, zh", [
    ("year: 2030\nholidays:\n  - {date: 2031-01-01}\n", "2030.yaml holidays[0]：2031-01-01 不在 2030 年内"),
    ("year: 2030\nworkdays:\n  - 2030-10-01\n", "2030.yaml workdays[0]：应为 {date: YYYY-MM-DD, name: …}"),
    ("holidays: []\n", "2030.yaml：应为含 year、holidays、workdays 的映射"),
    ("year: 2030\nholidays:\n  - {date: 2030-10-01}\nworkdays:\n  - {date: 2030-10-01}\n",
     "2030.yaml：2030-10-01 既列为节假日又列为调休上班日"),
    ("year: [2030\n", "2030.yaml：无法读取："),
])
def test_a_malformed_calendar_is_worded_in_chinese_first(tmp_path, text, zh):
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2030.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError) as caught:
        WorkCalendar.load(tmp_path)
    assert caught.value.message().startswith(zh) and caught.value.message("zh") == caught.value.message()
    assert caught.value.message("en") == str(caught.value) and "2030.yaml: " in str(caught.value)


def test_the_commands_refuse_a_malformed_calendar_in_their_language(tmp_path, capsys):
    """calendar add-workdays and plan's holiday check said the file's English sentence inside Chinese output."""
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2030.yaml").write_text("year: 2030\nholidays:\n  - {date: 2031-01-01}\n",
                                                      encoding="utf-8")
    assert main(["--rules", str(tmp_path), "calendar", "add-workdays", "2030-09-26", "5"]) != 0
    err = capsys.readouterr().err
    assert "2031-01-01 不在 2030 年内" in err and "is not in" not in err


def test_cli_add_workdays_prints_the_date_last(capsys):
    assert main(["calendar", "add-workdays", "2025-09-26", "5"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "2025-10-10"
    assert "2025-09-28 国庆节调休上班" in lines


def test_cli_add_workdays_refuses_a_bad_date(capsys):
    assert main(["calendar", "add-workdays", "2025-13-01", "5"]) == 2
    assert "不是" in capsys.readouterr().err
