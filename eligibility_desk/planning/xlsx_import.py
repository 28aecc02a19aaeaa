"""Rooms, staff and slots from a workbook with Chinese headers — a pure parse into the scenario dataclasses.

Sheets and columns (docs/planning.md; English headers are accepted too):

    考场  编号 | 名称 | 类型 (标准教室/机房/工作现场) | 容量 | 设备 (、 separated)
    人员  编号 | 姓名 | 角色 (监考/考评员/评审委员, 、 separated) | 单位 | 不可用时间 (开始~结束; ...) |
          考评员证书 (职业编码:等级,等级; ...) | 主监考 (是/否)
    时段  编号 | 开始 | 结束

Every bad cell is reported with sheet, row and column and a reason code with parameters (:class:`CellError`,
worded in Chinese or English by ``message(lang)``); nothing is kept from a workbook with errors.
Storing the resources is someone else's part; this only reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eligibility_desk.planning import scenario_json
from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.scenario import Room, ScenarioError, Slot, StaffMember
from eligibility_desk.planning.wording import KIND_NAMES, input_text

SHEETS = {"rooms": ("考场", "rooms"), "staff": ("人员", "staff"), "slots": ("时段", "slots")}
HEADERS = {
    "rooms": {"编号": "id", "名称": "name", "类型": "kind", "容量": "capacity", "设备": "equipment",
              "id": "id", "name": "name", "kind": "kind", "capacity": "capacity", "equipment": "equipment"},
    "staff": {"编号": "id", "姓名": "name", "角色": "roles", "单位": "institution", "不可用时间": "unavailable",
              "考评员证书": "credentials", "主监考": "chief", "id": "id", "name": "name", "roles": "roles",
              "institution": "institution", "unavailable": "unavailable", "credentials": "credentials", "chief": "chief"},
    "slots": {"编号": "id", "开始": "start", "结束": "end", "id": "id", "start": "start", "end": "end"},
}
REQUIRED = {"rooms": ("id", "kind", "capacity"), "staff": ("id", "roles"), "slots": ("start", "end")}
ROLE_WORDS = {"监考": "invigilator", "监考人员": "invigilator", "监考员": "invigilator", "invigilator": "invigilator",
              "考评员": "examiner", "考评人员": "examiner", "examiner": "examiner",
              "评审委员": "reviewer", "评审": "reviewer", "综合评审委员": "reviewer", "reviewer": "reviewer"}
YES = {"是", "yes", "y", "true", "1", "√", "✓"}


#: the Chinese column title of each key (a missing column is named as the workbook's template names it)
TITLES = {what: {key: title for title, key in headers.items() if not title.isascii()}
          for what, headers in HEADERS.items()}


@dataclass(frozen=True)
class CellError:
    """One refused cell: where (sheet, 1-based row as Excel shows it, the column's header) and why — a code of
    ``planning.wording.input_text`` (the scenario's codes, plus ``missing_sheet``, ``missing_columns``,
    ``duplicate_row_id``) with its parameters; ``value`` the cell as given.  Row 0 and an empty column: the
    whole sheet (row 1: its header)."""

    sheet: str
    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict)
    value: str = ""

    def message(self, lang: str = "zh") -> str:
        params = dict(self.params)
        if self.code == "missing_columns":       # keys -> the titles a user adds to the sheet
            titles = TITLES.get(params.get("what"), {})
            params["columns"] = [f"「{titles.get(k, k)}」" if lang != "en" else f"{titles.get(k, k)} ({k})"
                                 for k in params.get("columns", ())]
        return input_text(self.code, params, lang)

    def describe(self, lang: str = "zh") -> str:
        if lang == "en":
            where = f"{self.sheet} row {self.row}" + (f" '{self.column}'" if self.column else "")
            return f"{where}: {self.message(lang)}" if self.row else f"{self.sheet}: {self.message(lang)}"
        where = f"{self.sheet} 第 {self.row} 行" + (f"「{self.column}」" if self.column else "")
        return f"{where}：{self.message(lang)}" if self.row else f"{self.sheet}：{self.message(lang)}"

    def __str__(self) -> str:
        return self.describe("zh")


@dataclass
class Resources:
    rooms: list[Room] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)


class ResourceImportError(ValueError):
    def __init__(self, errors: list[CellError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def read_resources_xlsx(path: str | Path, rules: PlanningRules) -> Resources:
    """The workbook at ``path`` parsed (:func:`parse_resources`).  A file openpyxl cannot read through (broken
    XML, a missing part, a cell it cannot convert) is one :class:`ResourceImportError` naming the file
    (``unreadable_workbook``), not openpyxl's exception.  The caller bounds the file's size first
    (``services/small_workbooks.py``)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(str(path), read_only=True, data_only=False)
        try:
            sheets = {name: [[Formula(c.value) if c.data_type == "f" else c.value for c in row]
                             for row in wb[name].iter_rows()] for name in wb.sheetnames}
        finally:
            wb.close()
    except (OSError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises ParseError, KeyError, ValueError, TypeError … for a damaged file
        from eligibility_desk.domain.text_policy import visible

        detail = visible(str(exc) or type(exc).__name__, 160)
        raise ResourceImportError([CellError(Path(path).name, 0, "", "unreadable_workbook", {"detail": detail})]) from None
    return parse_resources(sheets, rules)


class Formula(str):
    """A cell holding a formula (its text): refused where it stands (``formula``) — its cached value is not
    what the clerk sees once the workbook is recalculated, and a name must not be a formula."""


def parse_resources(sheets: dict[str, list[list[Any]]], rules: PlanningRules) -> Resources:
    """Parse rows of cells per sheet name; raise :class:`ResourceImportError` listing every bad cell."""
    errors: list[CellError] = []
    out = Resources()
    kind_words = {word: kind for names in KIND_NAMES.values() for kind, word in names.items()}
    kind_words.update({kind: kind for kind in rules.room_kinds})
    for what, names in SHEETS.items():
        sheet = next((n for n in names if n in sheets), None)
        if sheet is None:
            errors.append(CellError(names[0], 0, "", "missing_sheet", {"sheet": names[0]}))
            continue
        rows = sheets[sheet]
        if not rows:
            continue
        header = {}
        for col, title in enumerate(rows[0]):
            key = HEADERS[what].get(str(title).strip().rstrip("*").strip()) if title is not None else None  # 编号* as in the template
            if key:
                header[key] = (col, str(title).strip())
        missing = [k for k in REQUIRED[what] if k not in header]
        if missing:
            errors.append(CellError(sheet, 1, "", "missing_columns", {"what": what, "columns": missing}))
            continue
        seen: dict[str, int] = {}
        for r, row in enumerate(rows[1:], start=2):
            if all(v is None or str(v).strip() == "" for v in row):
                continue
            cell = {key: _plain(row[col] if col < len(row) else None) for key, (col, _t) in header.items()}
            formulas = [key for key, value in cell.items() if isinstance(value, Formula)]
            if formulas:
                for key in formulas:
                    errors.append(CellError(sheet, r, header[key][1], "formula", {"value": _visible(cell[key])},
                                            _visible(cell[key])))
                continue
            raw_id = str(cell.get("id")).strip() if cell.get("id") not in (None, "") else None
            if raw_id is not None:
                if raw_id in seen:
                    errors.append(CellError(sheet, r, header["id"][1], "duplicate_row_id",
                                            {"value": raw_id, "other": seen[raw_id]}, raw_id))
                    continue
                seen[raw_id] = r
            try:
                item = _parse_row(what, cell, r, rules, kind_words)
                _stored_texts(what, item, r)
            except ScenarioError as exc:
                key = exc.field.split(".")[1].split("[")[0] if "." in exc.field else ("end" if what == "slots" else "")
                errors.append(CellError(sheet, r, header.get(key, (0, key))[1], exc.code, exc.params,
                                        _shown(cell.get(key))))
                continue
            getattr(out, what).append(item)
    if errors:
        raise ResourceImportError(errors)
    return out


#: the text policy's field (domain/text_policy.py: its length limit) of each text a resource row stores
_TEXT_FIELDS = {"rooms": (("id", "id"), ("name", "name")), "staff": (("id", "id"), ("name", "name"), ("institution", "employer")),
                "slots": (("id", "id"),)}


def _stored_texts(what: str, item: Any, r: int) -> None:
    """The text policy of stored fields on a parsed row's texts (ids, names, 单位, equipment) and a room's
    capacity bound: what the workbook brings is stored, so it must be fit to store.  Raises ScenarioError
    naming the key (its column)."""
    from eligibility_desk.domain.text_policy import limit_of, text_problem, visible
    from eligibility_desk.planning.scenario_json import MAX_CAPACITY

    where = f"row{r}"
    texts = [(key, kind, getattr(item, key)) for key, kind in _TEXT_FIELDS[what]]
    if what == "rooms":
        texts += [("equipment", "equipment", e) for e in item.equipment]
        if item.capacity > MAX_CAPACITY:
            raise ScenarioError(f"{where}.capacity", "capacity_too_large", value=item.capacity, limit=MAX_CAPACITY)
    for key, kind, value in texts:
        problem = text_problem(str(value or ""), limit_of(kind))
        if problem is not None:
            raise ScenarioError(f"{where}.{key}", problem[0], value=visible(str(value), 40), **problem[1])


def _visible(value: Any) -> str:
    from eligibility_desk.domain.text_policy import visible

    return visible(str(value), 60)


def _shown(value: Any) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)


def _plain(value: Any) -> Any:
    """Excel keeps whole numbers as floats (an id 101 reads as 101.0)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    text = str(value)
    for sep in ("、", "，", ",", "；", ";", "\n"):
        text = text.replace(sep, "|")
    return [part.strip() for part in text.split("|") if part.strip()]


def _time(value: Any) -> Any:
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else (str(value).strip() if value is not None else None)


#: an occupation named by code: the national classification (4-07-02-06), a 1+X standard code (530054) or a
#: centre's own code (1x-data-marketing); or by its Chinese name (电子商务师)
_OCCUPATION_CODE = re.compile(r"^(\d-\d{2}-\d{2}-\d{2}(-\d{2})?|\d{6}|1x-[a-z0-9]+(-[a-z0-9]+)*)$")
_OCCUPATION_NAME = re.compile(r"^[\u4e00-\u9fff·（）()]+$")
#: levels of an occupation whose standard is not the batch's (not checked against its rule file)
_ANY_LEVEL = re.compile(r"^([1-5]|初级|中级|高级)$")
_LEVEL_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}


def _credential(text: str, rules: PlanningRules, where: str) -> dict:
    """One 考评员证书 entry ``职业:等级,等级`` (the occupation by code or name; no levels = every level).

    The batch's own occupation, by code or by name (用户增长运营师 → 4-07-02-06, as the checker compares
    codes), must list levels of its standard (四级 / 4级 read as 4); another occupation must be named by a
    code or a Chinese name and list levels 1–5 or 初级/中级/高级.  Anything else is refused (``bad_credential``,
    ``level_not_in_standard``) — an entry that can never cover anything would silently bar the examiner."""
    occupation, _sep, levels_text = text.replace("：", ":").partition(":")
    occupation = occupation.strip()
    levels = [_level_word(level, rules) for level in _split(levels_text)]
    if occupation in (rules.standard, rules.name):
        for level in levels:
            if level not in rules.levels:
                raise ScenarioError(f"{where}.credentials", "level_not_in_standard", value=level,
                                    standard=rules.standard, levels=list(rules.levels))
        return {"occupation": rules.standard, "levels": levels}
    if not (_OCCUPATION_CODE.match(occupation) or _OCCUPATION_NAME.match(occupation)) \
            or not all(_ANY_LEVEL.match(level) for level in levels):
        raise ScenarioError(f"{where}.credentials", "bad_credential", value=text.strip(),
                            example=f"{rules.standard}:{','.join(rules.levels[:2])}")
    return {"occupation": occupation, "levels": levels}


def _level_word(word: str, rules: PlanningRules) -> str:
    """四级 / 4级 / 四 → 4 when the standard has a level 4; other words as written."""
    bare = word.strip().removesuffix("级")
    bare = _LEVEL_NUMERALS.get(bare, bare)
    return bare if bare in rules.levels else word.strip()


def _parse_row(what: str, cell: dict, r: int, rules: PlanningRules, kind_words: dict) -> Any:
    where = f"row{r}"
    if what == "rooms":
        kind = str(cell.get("kind") or "").strip()
        capacity = cell.get("capacity")
        if isinstance(capacity, float) and capacity.is_integer():
            capacity = int(capacity)
        elif isinstance(capacity, str) and capacity.strip().lstrip("-").isdigit():
            capacity = int(capacity.strip())
        raw = {"id": cell.get("id"), "name": cell.get("name"), "kind": kind_words.get(kind, kind),
               "capacity": capacity, "equipment": _split(cell.get("equipment"))}
        return scenario_json._room(raw, where, rules)
    if what == "staff":
        roles = [ROLE_WORDS.get(word, word) for word in _split(cell.get("roles"))]
        gaps = []
        for text in (str(cell.get("unavailable") or "").replace("；", ";").split(";")):
            if text.strip():
                start, _sep, end = text.replace("～", "~").partition("~")
                gaps.append({"start": start.strip(), "end": end.strip()})
        creds = [_credential(text, rules, where) for text in str(cell.get("credentials") or "").replace("；", ";").split(";")
                 if text.strip()]
        raw = {"id": cell.get("id"), "name": cell.get("name"), "roles": roles, "institution": cell.get("institution"),
               "unavailable": gaps, "credentials": creds, "chief": str(cell.get("chief") or "").strip().lower() in YES}
        return scenario_json._staff(raw, where)
    raw = {"id": cell.get("id"), "start": _time(cell.get("start")), "end": _time(cell.get("end"))}
    return scenario_json._slot(raw, where, r - 2)
