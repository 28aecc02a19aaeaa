"""Rooms, staff and slots as rows of text cells — the same columns and words as the resources workbook
(``planning/xlsx_import.py``: sheets 考场 / 人员 / 时段), so a cell typed in the GUI is read exactly like a cell
of an imported workbook and refused with the same reason.  No Qt here: the table model only shows the cells.
"""

from __future__ import annotations

from eligibility_desk.planning import wording
from eligibility_desk.planning.scenario import ScenarioError
from eligibility_desk.planning.scenario_json import fmt_time
from eligibility_desk.planning.xlsx_import import SHEETS, CellError, ResourceImportError, parse_resources

ROOMS, STAFF, SLOTS = "rooms", "staff", "slots"
#: the workbook's column titles per kind (the first one is the code, read-only once stored)
COLUMNS = {
    ROOMS: ("编号", "名称", "类型", "容量", "设备"),
    STAFF: ("编号", "姓名", "角色", "单位", "不可用时间", "考评员证书", "主监考"),
    SLOTS: ("编号", "开始", "结束"),
}


def problems_of(error: ResourceImportError) -> list[CellError]:
    """The refused cells, for ``ImportProblemModel`` (sheet, row, column, value, ``message(lang)``)."""
    return list(error.errors)


def refusal_text(exc: BaseException, lang: str = "zh") -> str:
    """Why an edit of the 考务资源 tables was refused, in the interface language: the cells' reasons
    (「容量」：不能为负数，实际为 -3), a service's check, or the error itself (stale, gone)."""
    if isinstance(exc, ResourceImportError):
        sep = "; " if lang == "en" else "；"
        return sep.join((f"'{e.column}': " if lang == "en" else f"「{e.column}」：") + e.message(lang)
                        if e.column else e.message(lang) for e in exc.errors)
    if isinstance(exc, ScenarioError):
        return exc.message(lang)
    return str(exc)


def cells_of(kind: str, item) -> list[str]:
    """The text cells of a Room / StaffMember / Slot, in the workbook's words."""
    if kind == ROOMS:
        return [item.id, item.name, wording.kind_name(item.kind), str(item.capacity), "、".join(item.equipment)]
    if kind == STAFF:
        return [item.id, item.name, "、".join(wording.role_name(r) for r in sorted(item.roles)), item.institution,
                "; ".join(f"{fmt_time(g.start)}~{fmt_time(g.end)}" for g in item.unavailable),
                "; ".join(f"{c.occupation}:{','.join(c.levels)}" if c.levels else c.occupation
                          for c in item.credentials),
                "是" if item.chief else "否"]
    return [item.id, fmt_time(item.start), fmt_time(item.end)]


def parse_cells(kind: str, cells: list[str], rules):
    """A Room / StaffMember / Slot from text cells; ``ResourceImportError`` naming the columns refused
    (worded by :func:`refusal_text`)."""
    sheets = {names[0]: [] for names in SHEETS.values()}
    sheets[SHEETS[kind][0]] = [list(COLUMNS[kind]), list(cells)]
    return getattr(parse_resources(sheets, rules), kind)[0]
