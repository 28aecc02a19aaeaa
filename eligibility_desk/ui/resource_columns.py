"""Rooms, staff and slots as rows of text cells — the same columns and words as the resources workbook
(``planning/xlsx_import.py``: sheets 考场 / 人员 / 时段), so a cell typed in the GUI is read exactly like a cell
of an imported workbook and refused with the same reason.  No Qt here: the table model only shows the cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from eligibility_desk.planning import wording
from eligibility_desk.planning.scenario_json import fmt_time
from eligibility_desk.planning.xlsx_import import SHEETS, ResourceImportError, parse_resources

ROOMS, STAFF, SLOTS = "rooms", "staff", "slots"
#: the workbook's column titles per kind (the first one is the code, read-only once stored)
COLUMNS = {
    ROOMS: ("编号", "名称", "类型", "容量", "设备"),
    STAFF: ("编号", "姓名", "角色", "单位", "不可用时间", "考评员证书", "主监考"),
    SLOTS: ("编号", "开始", "结束"),
}


@dataclass(frozen=True)
class ResourceProblem:
    """One refused cell, shaped like the applicant import's problems (for ``ImportProblemModel``)."""

    sheet: str
    row: int
    column: str
    value: str
    reason: str

    def message(self, lang: str = "zh") -> str:
        return self.reason


def problems_of(error: ResourceImportError) -> list[ResourceProblem]:
    return [ResourceProblem(e.sheet, e.row, e.column, "", e.message) for e in error.errors]


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
    """A Room / StaffMember / Slot from text cells; ``ValueError("「容量」: reason")`` naming the column."""
    sheets = {names[0]: [] for names in SHEETS.values()}
    sheets[SHEETS[kind][0]] = [list(COLUMNS[kind]), list(cells)]
    try:
        parsed = parse_resources(sheets, rules)
    except ResourceImportError as exc:
        raise ValueError("；".join(f"「{e.column}」：{e.message}" if e.column else e.message
                                 for e in exc.errors)) from None
    return getattr(parsed, kind)[0]
