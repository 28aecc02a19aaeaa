"""Validation of applicant data as clerks type it: pure functions, no I/O.

* Dates in the forms clerks type: ``2019-03-01``, ``2019/3/1``, ``2019.03.01``, ``2019年3月1日``,
  ``20190301``, Excel serial numbers (1900 date system) and the date/datetime values a spreadsheet reader
  returns.
* Enumerations by code or Chinese label: ``secondary_vocational`` or 中等职业学校 / 中职 …; ``senior`` or
  高级工班; ``junior`` or 初级 / 初级职称; levels 1–5 as digits or 四级 / 中级工 / 四级/中级工; 是/否.
* :func:`check_applicant` checks a whole :class:`Applicant`: ID number (GB 11643 checksum and embedded
  birth date), required fields, end not before start, no future dates except an expected graduation.

Every problem is a :class:`~eligibility_desk.domain.errors.FieldError` (a code with parameters).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from datetime import date, datetime, time, timedelta
from typing import Any

from eligibility_desk.domain.applicant import VALID_LEVELS, Applicant, ClassType, SchoolType, TitleGrade
from eligibility_desk.domain.errors import FieldError
from eligibility_desk.domain.idnumber import birth_date, id_number_problem
from eligibility_desk.domain.labels import CLASS_TYPE_LABELS, SCHOOL_TYPE_LABELS, TITLE_GRADE_LABELS
from eligibility_desk.domain.text_policy import ascii_digits, limit_of, text_problem


class Problem(ValueError):
    """A value that cannot be read: a FieldError code with parameters (the caller knows the field)."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


# --- dates ---------------------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's phantom 1900-02-29 is after serial 59)
# ASCII digits only (re.ASCII): full-width ones are folded first (text_policy.ascii_digits); other scripts'
# digits, which int() would also read, are not a date a clerk typed
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$", re.ASCII)
_DATE_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$", re.ASCII)
_SERIAL = re.compile(r"^\s*\d{1,5}(\.0+)?\s*$", re.ASCII)
#: serial numbers accepted as dates: 1927-05-18 … 2173-10-13 (anything else is a typo, not a date)
_SERIAL_RANGE = (10_000, 100_000)
#: the earliest date accepted in any form (text, serial, a spreadsheet's date cell, JSON): serial 10000.
#: A date cell holding 123 is 1900-05-02 to Excel; it is a typo here, as the number 123 is.
MIN_DATE = _EXCEL_EPOCH + timedelta(days=_SERIAL_RANGE[0])


def parse_date(value: Any) -> date | None:
    """A date cell as a :class:`date`; ``None`` for an empty cell; :class:`Problem` ``not_a_date`` otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _in_range(value.date())
    if isinstance(value, time):  # a date cell whose serial is below 1 (0, a fraction, a negative number)
        raise Problem("not_a_date", value=f"{value.isoformat()}（是时间，不是日期）")
    if isinstance(value, date):
        return _in_range(value)
    if isinstance(value, bool):
        raise Problem("not_a_date", value=value)
    if isinstance(value, (int, float)):
        return _serial(value)
    text = ascii_digits(str(value).strip())
    if not text:
        return None
    match = _DATE_TEXT.match(text) or _DATE_COMPACT.match(text)
    if match:
        try:
            found = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise Problem("not_a_date", value=text) from None
        return _in_range(found)
    if _SERIAL.match(text):
        return _serial(float(text))
    raise Problem("not_a_date", value=text)


def _whole(number: float) -> bool:
    """A whole number (NaN and infinities, which spreadsheets and JSON can hold, are not)."""
    return math.isfinite(number) and number == int(number)


def _serial(number: float) -> date:
    if not _whole(number) or not _SERIAL_RANGE[0] <= number < _SERIAL_RANGE[1]:
        raise Problem("not_a_date", value=_show(number))
    return _EXCEL_EPOCH + timedelta(days=int(number))


def _in_range(found: date) -> date:
    if found < MIN_DATE:
        raise Problem("date_too_early", **early_params(found))
    return found


def early_params(found: date) -> dict:
    return {"value": found.isoformat(), "min": MIN_DATE.isoformat(), "serial": _SERIAL_RANGE[0]}


def _show(value: Any) -> str:
    """A number as typed: 4.0 as 4; a float too large to have been typed digit by digit (1e308) as Python
    writes it, not as its 309 digits."""
    if isinstance(value, float) and _whole(value) and abs(value) < 1e16:
        return str(int(value))
    return str(value)


# --- enumerations --------------------------------------------------------------------------------------

def _table(labels: dict, extra: dict[str, str] | None = None) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for member, (zh, en) in labels.items():
        for key in (member.value, zh, en):
            table[_key(key)] = member
    for key, value in (extra or {}).items():
        table[_key(key)] = value
    return table


def _key(text: str) -> str:
    return re.sub(r"[\s（）()]", "", str(text)).lower()


SCHOOL_TYPES = _table(SCHOOL_TYPE_LABELS, {
    "中职": SchoolType.SECONDARY_VOCATIONAL, "中专": SchoolType.SECONDARY_VOCATIONAL,
    "中等职业学校": SchoolType.SECONDARY_VOCATIONAL, "职业高中": SchoolType.SECONDARY_VOCATIONAL,
    "高等职业学校": SchoolType.HIGHER_VOCATIONAL, "高职": SchoolType.HIGHER_VOCATIONAL,
    "专科": SchoolType.HIGHER_VOCATIONAL, "大专": SchoolType.HIGHER_VOCATIONAL,
    "高职/专科": SchoolType.HIGHER_VOCATIONAL, "职业本科": SchoolType.VOCATIONAL_UNDERGRADUATE,
    "本科": SchoolType.UNDERGRADUATE, "普通本科": SchoolType.UNDERGRADUATE,
})
CLASS_TYPES = _table(CLASS_TYPE_LABELS, {"中级工": ClassType.INTERMEDIATE, "高级工": ClassType.SENIOR,
                                         "预备技师": ClassType.PREPARATORY_TECHNICIAN, "技师": ClassType.TECHNICIAN})
TITLE_GRADES = _table(TITLE_GRADE_LABELS, {"初级": TitleGrade.JUNIOR, "中级": TitleGrade.INTERMEDIATE,
                                           "高级": TitleGrade.SENIOR, "副高": TitleGrade.SENIOR,
                                           "正高": TitleGrade.SENIOR, "副高级": TitleGrade.SENIOR,
                                           "正高级": TitleGrade.SENIOR})
_LEVEL_WORDS = {"五级": 5, "四级": 4, "三级": 3, "二级": 2, "一级": 1,
                "初级工": 5, "中级工": 4, "高级工": 3, "技师": 2, "高级技师": 1}
LEVELS = {**{_key(w): n for w, n in _LEVEL_WORDS.items()},
          **{_key(f"{a}/{b}"): n for (a, n), (b, m) in zip(list(_LEVEL_WORDS.items())[:5], list(_LEVEL_WORDS.items())[5:])}}
BOOLEANS = {_key(k): v for k, v in {
    "是": True, "否": False, "true": True, "false": False, "yes": True, "no": False, "y": True, "n": False,
    "1": True, "0": False, "对": True, "错": False, "√": True, "×": False}.items()}
UNKNOWN = {_key(k) for k in ("未知", "不详", "待定", "unknown", "?", "？")}

#: the drop-down choices of the import template (Chinese first)
SCHOOL_TYPE_CHOICES = tuple(zh for zh, _en in SCHOOL_TYPE_LABELS.values())
CLASS_TYPE_CHOICES = tuple(zh for zh, _en in CLASS_TYPE_LABELS.values())
TITLE_GRADE_CHOICES = ("初级", "中级", "高级")
LEVEL_CHOICES = ("5", "4", "3", "2", "1")
YES_NO_CHOICES = ("是", "否")
YES_NO_UNKNOWN_CHOICES = ("是", "否", "未知")


def _enum(value: Any, table: dict, allowed: tuple[str, ...]):
    found = table.get(value) if value.__class__ is str else None  # an exact label or code: the usual case
    if found is not None:
        return found
    if value is None or str(value).strip() == "":
        return None
    found = table.get(_key(_show(value)))
    if found is None:
        raise Problem("unknown_value", value=_show(value).strip(), allowed="、".join(allowed))
    return found


def parse_school_type(value: Any) -> SchoolType | None:
    return _enum(value, SCHOOL_TYPES, SCHOOL_TYPE_CHOICES)


def parse_class_type(value: Any) -> ClassType | None:
    return _enum(value, CLASS_TYPES, CLASS_TYPE_CHOICES)


def parse_title_grade(value: Any) -> TitleGrade | None:
    return _enum(value, TITLE_GRADES, TITLE_GRADE_CHOICES)


def parse_bool(value: Any, unknown_allowed: bool = False) -> bool | None:
    """是/否 (and true/false, 1/0); ``None`` for an empty cell or, when allowed, 未知."""
    if value.__class__ is str:
        found = BOOLEANS.get(value)  # 是 / 否 as typed
        if found is not None:
            return found
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, bool):
        return value
    key = _key(_show(value))
    if key in BOOLEANS:
        return BOOLEANS[key]
    if unknown_allowed and key in UNKNOWN:
        return None
    raise Problem("not_bool", value=_show(value).strip())


def parse_level(value: Any) -> int | None:
    """A national level 1–5: ``4``, ``"4"``, 四级, 中级工, 四级/中级工."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, bool):
        raise Problem("level_range", value=value)
    if isinstance(value, (int, float)):
        if _whole(value) and int(value) in VALID_LEVELS:
            return int(value)
        raise Problem("level_range", value=_show(value))
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return parse_level(float(text))
    found = LEVELS.get(_key(text))
    if found is None:
        raise Problem("level_range", value=text)
    return found


def parse_levels(value: Any) -> tuple[int | str, ...]:
    """Several levels in one cell: ``4,3`` / ``4、3`` / ``四级 三级``; a part that is no national level (a
    1+X code ``初级``, ``t1``) is kept as text, for :func:`.levels.canonical_levels` to match against the
    batch's own codes (which refuses what it does not know, with the allowed list)."""
    if value is None or str(value).strip() == "":
        return ()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (parse_level(value),)
    return _parse_levels_text(str(value))


@lru_cache(maxsize=256)
def _parse_levels_text(value: str) -> tuple[int | str, ...]:
    parts = [p for p in re.split(r"[,，、;；\s]+", str(value).strip()) if p]
    levels: list[int | str] = []
    for part in parts:
        try:
            level: int | str = parse_level(part)
        except Problem:
            level = part  # not a national level: the batch's own codes decide (canonical_levels)
        if level not in levels:
            levels.append(level)
    return tuple(levels)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")  # ASCII digits only (\d would take other scripts' digits)
_ID_ASCII_OFFSET = 48 * sum(_ID_WEIGHTS)


def _id_number_fine(text: str, today: date) -> bool:
    """The common case, quickly: 18 characters, a real birth date not after today, right check character.
    Anything else goes to :func:`id_number_problem` for the exact reason (same rules, GB 11643)."""
    if not _ID_SHAPE.match(text):
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if born > today or born.year < 1900:
        return False
    # the ASCII codes of the digits are 48 + d: weigh the bytes and take off 48 × the weights' sum
    return _ID_CHECK[(sum(map(int.__mul__, text[:17].encode(), _ID_WEIGHTS)) - _ID_ASCII_OFFSET) % 11] == text[17]


#: the end of an ID number key read from a number cell (import_careful.id_key): digits were lost
LOST_DIGITS = "#"
#: an ID number as Excel shows a number cell in scientific notation, saved so in a CSV file (1.10105E+17)
_SCIENTIFIC = re.compile(r"^[0-9](\.[0-9]+)?E\+?[0-9]+$")


def parse_id_number(value: Any, today: date | None = None) -> str:
    """An ID number as text (X upper-case, full-width digits folded); :class:`Problem` with the GB 11643
    reason if invalid, ``id_number_as_number`` if it was stored as a number (its last digits are lost)."""
    if isinstance(value, float) and math.isfinite(value) and abs(value) >= 1e15:
        raise Problem("id_number_as_number", value=f"{value:.0f}")
    text = ascii_digits(_show(value).strip().upper()) if value is not None else ""
    if not text:
        raise Problem("required")
    if text.endswith(LOST_DIGITS) or _SCIENTIFIC.match(text):
        raise Problem("id_number_as_number", value=text.rstrip(LOST_DIGITS))
    if _id_number_fine(text, today or date.today()):
        return text
    problem = id_number_problem(text, today)
    if problem:
        raise Problem(problem[0], **problem[1])
    return text


# --- whole applicant -----------------------------------------------------------------------------------

def _texts_and_dates(record, texts: tuple[str, ...], dates: tuple[str, ...], out: list) -> list:
    """The text policy (:mod:`.text_policy`) on a record's text fields and the earliest date on its dates."""
    for key in texts:
        value = getattr(record, key)
        if value:
            found = text_problem(value, limit_of(key))
            if found is not None:
                out.append((key, *found))
    for key in dates:
        value = getattr(record, key)
        if value is not None and value < MIN_DATE:
            out.append((key, "date_too_early", early_params(value)))
    return out


def education_problems(e, today: date) -> list[tuple[str, str, dict]]:
    """(field, code, params) for one education record; fields are the interchange keys."""
    out = _texts_and_dates(e, ("major", "school"), ("graduated_on",), [])
    if e.school_type is None:
        out.append(("school_type", "required", {}))
    if not (e.major or "").strip():
        out.append(("major", "required", {}))
    if e.class_type is not None and e.school_type is not None and not e.school_type.is_technician_institution:
        out.append(("class_type", "class_type_school", {}))
    if e.in_school and e.graduated_on is None:
        out.append(("graduated_on", "required", {}))
    if not e.in_school and e.graduated_on is not None and e.graduated_on > today:
        # only an expected graduation (still in school) may lie ahead
        out.append(("graduated_on", "future_date", {"value": e.graduated_on.isoformat()}))
    return out


def work_problems(w, today: date, born: date | None = None) -> list[tuple[str, str, dict]]:
    out = _texts_and_dates(w, ("occupation", "employer"), ("start", "end"), [])
    if not (w.occupation or "").strip():
        out.append(("occupation", "required", {}))
    if w.start is None:
        out.append(("start", "required", {}))
    elif w.start > today:
        out.append(("start", "future_date", {"value": w.start.isoformat()}))
    elif born is not None and w.start < born:
        out.append(("start", "before_birth", {"value": w.start.isoformat(), "born": born.isoformat()}))
    if w.end is not None and w.end > today:
        out.append(("end", "future_date", {"value": w.end.isoformat()}))
    if w.start is not None and w.end is not None and w.end < w.start:
        out.append(("end", "end_before_start", {"start": w.start.isoformat(), "end": w.end.isoformat()}))
    return out


def certificate_problems(c, today: date) -> list[tuple[str, str, dict]]:
    out = _texts_and_dates(c, ("occupation", "number", "standard"), ("obtained_on",), [])
    if isinstance(c.level, str) and c.level:  # a level in the standard's own words (1+X: 初级)
        found = text_problem(c.level, limit_of("level"))
        if found is not None:
            out.append(("level", *found))
    if not (c.occupation or "").strip() and not getattr(c, "standard", ""):
        out.append(("occupation", "required", {}))
    if getattr(c, "standard", ""):  # a level of the certificate's own standard (1+X: 初级), checked when screened
        if not str(c.level or "").strip():
            out.append(("level", "level_word", {"value": c.level}))
    elif c.level not in VALID_LEVELS:
        out.append(("level", "level_range", {"value": c.level}))
    # no obtained date is allowed: a clause that needs it sends the application to review
    if c.obtained_on is not None and c.obtained_on > today:
        out.append(("obtained_on", "future_date", {"value": c.obtained_on.isoformat()}))
    return out


def title_problems(t, today: date) -> list[tuple[str, str, dict]]:
    out = _texts_and_dates(t, ("name",), ("obtained_on",), [])
    if t.grade is None:
        out.append(("grade", "required", {}))
    if t.obtained_on is None:
        out.append(("obtained_on", "required", {}))
    elif t.obtained_on > today:
        out.append(("obtained_on", "future_date", {"value": t.obtained_on.isoformat()}))
    return out


def training_problems(t, today: date) -> list[tuple[str, str, dict]]:
    out = _texts_and_dates(t, ("occupation", "level"), ("finished_on",), [])
    if not (t.occupation or "").strip():
        out.append(("occupation", "required", {}))
    if not str(t.level or "").strip():
        out.append(("level", "required", {}))
    hours = t.hours
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not (0 <= hours < float("inf")):
        out.append(("hours", "hours_range", {"value": hours}))
    if t.finished_on is not None and t.finished_on > today:
        out.append(("finished_on", "future_date", {"value": t.finished_on.isoformat()}))
    return out


def apprenticeship_problems(a, today: date) -> list[tuple[str, str, dict]]:
    out = _texts_and_dates(a, ("occupation",), ("started_on", "finished_on"), [])
    if not (a.occupation or "").strip():
        out.append(("occupation", "required", {}))
    if a.started_on is not None and a.started_on > today:
        out.append(("started_on", "future_date", {"value": a.started_on.isoformat()}))
    if a.started_on is not None and a.finished_on is not None and a.finished_on < a.started_on:
        out.append(("finished_on", "end_before_start", {"start": a.started_on.isoformat(), "end": a.finished_on.isoformat()}))
    return out


def check_applicant(applicant: Applicant, today: date | None = None) -> list[FieldError]:
    """Every problem with an applicant record, as field errors (``[]`` when it may be stored)."""
    today = today or date.today()
    errors: list[FieldError] = []
    if not (applicant.id or "").strip():
        errors.append(FieldError("id", "required"))
    if not (applicant.name or "").strip():
        errors.append(FieldError("name", "required"))
    for key, value in (("id", applicant.id), ("name", applicant.name), *sorted((applicant.extra or {}).items())):
        if isinstance(value, str) and value:
            found = text_problem(value, limit_of(key))
            if found is not None:
                errors.append(FieldError(key, *found))
    born = None
    if not applicant.id_number:
        errors.append(FieldError("id_number", "required"))
    else:
        problem = id_number_problem(applicant.id_number, today)
        if problem:
            errors.append(FieldError("id_number", problem[0], problem[1]))
        else:
            born = birth_date(applicant.id_number)
    groups = (("education", applicant.education, lambda x: education_problems(x, today)),
              ("work", applicant.work, lambda x: work_problems(x, today, born)),
              ("certificates", applicant.certificates, lambda x: certificate_problems(x, today)),
              ("titles", applicant.titles, lambda x: title_problems(x, today)),
              ("training", applicant.training, lambda x: training_problems(x, today)),
              ("apprenticeships", applicant.apprenticeships, lambda x: apprenticeship_problems(x, today)))
    if applicant.birth_date is not None and applicant.birth_date > today:
        errors.append(FieldError("birth_date", "future_date", {"value": applicant.birth_date.isoformat()}))
    for name, items, check in groups:
        for i, item in enumerate(items):
            errors.extend(FieldError(f"{name}[{i}].{key}", code, params) for key, code, params in check(item))
    return errors
