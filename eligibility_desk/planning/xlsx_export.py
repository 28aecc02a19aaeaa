"""The plan as a workbook for the centre's records: a 编排记录 sheet, then one sheet per slot with one
block per room (考场号, room, part, level, time, staff, then the seats)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from eligibility_desk.planning import wording
from eligibility_desk.planning.plan import Plan
from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.scenario import Scenario


def write_plan_xlsx(plan: Plan, scenario: Scenario, rules: PlanningRules, path: str | Path, lang: str = "zh") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from eligibility_desk.domain.sheet_cells import row as safe_row
    from eligibility_desk.domain.sheet_cells import save_workbook
    from eligibility_desk.domain.sheet_cells import sheet_title

    zh = lang != "en"
    bold = Font(bold=True)
    title_fill = PatternFill("solid", fgColor="DDEBF7")
    cands, rooms, staff = scenario.candidate_map(), scenario.room_map(), scenario.staff_map()

    wb = Workbook()
    record = wb.active
    record.title = "编排记录" if zh else "Record"
    record.append(safe_row(record, [f"{rules.standard} {rules.name}", plan.batch]))
    for key, value in plan.record.items():
        record.append(safe_row(record, [key, value if isinstance(value, (int, float, str)) else str(value)]))
    record.append([])
    record.append(safe_row(record, ["未安排" if zh else "Unplaced", "科目" if zh else "Part", "原因" if zh else "Reason"]))
    for u in plan.unplaced:
        record.append(safe_row(record, [u.candidate, wording.part_name(u.part, lang), wording.unplaced_text(u, lang)]))
    record.column_dimensions["A"].width = 24
    record.column_dimensions["B"].width = 70

    by_slot = defaultdict(list)
    for s in plan.sessions:
        by_slot[(s.start, s.end)].append(s)
    for i, ((start, end), sessions) in enumerate(sorted(by_slot.items()), start=1):
        ws = wb.create_sheet(sheet_title(f"{i} {start:%m-%d %H%M}-{end:%H%M}"))
        for col, width in zip("ABCDE", (8, 24, 12, 12, 20)):
            ws.column_dimensions[col].width = width
        for s in sessions:
            room = rooms.get(s.room)
            room_label = f"{room.name}（{wording.kind_name(room.kind, lang)}）" if room else s.room
            ws.append(safe_row(ws, [f"{'考场' if zh else 'Room'} {s.number}", room_label, wording.part_name(s.part, lang),
                       f"{s.level}{'级' if zh else ''}", f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"]))
            for cell in ws[ws.max_row]:
                cell.font, cell.fill = bold, title_fill
            names = []
            for sid in s.staff:
                member = staff.get(sid)
                label = f"{member.name}({sid})" if member else sid
                names.append(label + ("［主监考］" if zh and sid == s.chief else " [chief]" if sid == s.chief else ""))
            ws.append(safe_row(ws, [wording.role_name(rules.parts[s.part].role, lang) if s.part in rules.parts else "", "、".join(names)]))
            ws.append(safe_row(ws, ["座号", "准考证号", "考生编号", "姓名", "单位"] if zh else ["Seat", "Admission no", "Candidate", "Name", "Institution"]))
            for cell in ws[ws.max_row]:
                cell.font = bold
            for seat in s.seats:
                c = cands.get(seat.candidate)
                ws.append(safe_row(ws, [seat.seat, seat.admission_no, seat.candidate, c.name if c else "", c.institution if c else ""]))
            for extra in range(s.reserve_seats):
                ws.append(safe_row(ws, [s.next_seat() + extra, "（预留）" if zh else "(reserve)"]))
            ws.append([])
        for row in ws.iter_rows():
            for cell in row:
                cell.alignment = Alignment(vertical="center")
    save_workbook(wb, path)
