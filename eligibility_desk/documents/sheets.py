"""Room documents on A4: door list (考场门贴), sign-in sheet (签到表) and score sheet (成绩登记表).

Each ``draw_*`` function draws the pages of one session (a room at one time for one part) on a canvas
and returns how many pages it drew; :mod:`.room_docs` strings them into PDFs and the exam-day pack.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from eligibility_desk.documents.drawing import MM, PAGE_H, PAGE_W, draw_fitted, draw_in_cell, grid
from eligibility_desk.documents.inputs import PrintBatch, Session
from eligibility_desk.documents.options import mask_id_number

MARGIN = 16 * MM
WEEKDAYS = "一二三四五六日"


def when(session: Session) -> str:
    s, e = session.start, session.end
    return f"{s:%Y年%m月%d日} 星期{WEEKDAYS[s.weekday()]}  {s:%H:%M}–{e:%H:%M}"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # relative
    align: str = "center"


def _header(c, font: str, batch: PrintBatch, title: str, session: Session) -> float:
    """Title block of a sheet; returns the y where the table may start."""
    inner = PAGE_W - 2 * MARGIN
    top = PAGE_H - MARGIN
    draw_fitted(c, f"{batch.centre}　{batch.batch}", MARGIN, top - 10, inner, font, 10, "center")
    draw_fitted(c, f"{batch.occupation}（{session.level_name}）{title}", MARGIN, top - 34, inner, font, 18, "center")
    info = f"考场：{session.room.name}　　科目：{session.part_name}　　时间：{when(session)}"
    draw_fitted(c, info, MARGIN, top - 56, inner, font, 10.5, "center")
    return top - 66


def _page_number(c, font: str, page: int, pages: int, label: str) -> None:
    c.setFont(font, 8.5)
    c.drawCentredString(PAGE_W / 2, MARGIN - 14, f"{label}　第 {page} 页 / 共 {pages} 页")


def table_pages(c, font: str, columns: list[Column], rows: list[list[str]], row_h: float,
                header: Callable[[], float], footer: Callable[[float], None], footer_h: float, label: str,
                size: float = 10.5) -> int:
    """Rows over as many pages as needed, the column titles on every page; ``footer`` after the last row."""
    inner = PAGE_W - 2 * MARGIN
    scale = inner / sum(col.width for col in columns)
    widths = [col.width * scale for col in columns]
    head_h = row_h * 0.8
    probe_top = PAGE_H - MARGIN - 66  # every header ends there
    fit = max(1, int((probe_top - head_h - MARGIN) // row_h))
    fit_last = max(1, int((probe_top - head_h - MARGIN - footer_h) // row_h))
    pages = 1 if len(rows) <= fit_last else 1 + math.ceil((len(rows) - fit_last) / fit)
    start = 0
    for page in range(1, pages + 1):
        top = header()
        take = len(rows) - start if page == pages else fit
        chunk = rows[start:start + take]
        start += take
        c.setFillColorRGB(0.92, 0.92, 0.92)
        c.rect(MARGIN, top - head_h, inner, head_h, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setLineWidth(0.6)
        grid(c, MARGIN, top, widths, [head_h] + [row_h] * len(chunk))
        x = MARGIN
        for col, w in zip(columns, widths):
            draw_in_cell(c, col.title, x, top - head_h, w, head_h, font, 10)
            x += w
        for r, row in enumerate(chunk):
            y = top - head_h - (r + 1) * row_h
            x = MARGIN
            for col, w, text in zip(columns, widths, row):
                draw_in_cell(c, text, x, y, w, row_h, font, size, col.align, 4)
                x += w
        if page == pages:
            footer(top - head_h - len(chunk) * row_h)
        _page_number(c, font, page, pages, label)
        c.showPage()
    return pages


#: who signs a session's sign-in sheet, by the staff role the rule file gives its part (§1.9.3)
SIGNIN_ROLES = {"invigilator": "监考人员", "examiner": "考评员", "reviewer": "评审专家/考评员"}


def signature_lines(c, font: str, y: float, people: list[str], label: str, per_row: int = 2,
                    row_h: float = 24) -> float:
    """``label`` then one numbered, named signature line per person, ``per_row`` to a row (two blank lines
    when nobody is named); returns the y below the last row."""
    c.setFont(font, 10.5)
    c.drawString(MARGIN, y, label)
    width = (PAGE_W - 2 * MARGIN) / per_row
    slots = people or ["", ""]
    for i, name in enumerate(slots):
        row, col = divmod(i, per_row)
        yy = y - (row + 1) * row_h
        x = MARGIN + col * width
        tag = f"{i + 1}. {name}" if name else f"{i + 1}."
        draw_fitted(c, tag, x + 8, yy, width * 0.45, font, 10.5, "left", 8)
        c.setLineWidth(0.5)
        c.line(x + width * 0.48, yy - 2, x + width - 10, yy - 2)
    return y - (math.ceil(len(slots) / per_row) + 0.4) * row_h


def signin_footer_height(session: Session) -> float:
    return 22 + 24 + 24 * math.ceil(max(2, len(session.staff)) / 2) + 16


def draw_signin(c, font: str, batch: PrintBatch, session: Session, id_mask) -> int:
    columns = [Column("座号", 1), Column("准考证号", 3.2), Column("姓名", 3.4), Column("身份证号", 3.6),
               Column("考生签名", 3.0), Column("备注", 1.4)]
    rows = [[str(s.seat), s.admission_no, s.candidate.name, mask_id_number(s.candidate.id_number, id_mask), "", ""]
            for s in session.seats]
    role = SIGNIN_ROLES.get(session.staff_role, "监考人员")

    def footer(y: float) -> None:
        c.setFont(font, 10.5)
        c.drawString(MARGIN, y - 22, f"应到 {len(rows)} 人　　实到 ______ 人　　缺考 ______ 人")
        signature_lines(c, font, y - 46, [s.name for s in session.staff], f"{role}签名（本场 {len(session.staff)} 人）："
                        if session.staff else f"{role}签名：")

    return table_pages(c, font, columns, rows, 27, lambda: _header(c, font, batch, "考生签到表", session),
                       footer, signin_footer_height(session), f"签到表 {session.room.name} {session.part_name}")


def draw_score_sheet(c, font: str, batch: PrintBatch, session: Session, scale_max: float, pass_mark: float) -> int:
    """One score box per examiner/reviewer (§1.9.3: several mark each candidate), then the final score."""
    graders = list(session.staff) if session.part != "theory" else []
    columns = [Column("座号", 1), Column("准考证号", 3.2), Column("姓名", 3.4)]
    if graders:
        columns += [Column(f"评分{i}", 1.3) for i in range(1, len(graders) + 1)]
        columns += [Column("最终成绩", 1.9)]
    else:
        columns += [Column("卷面成绩", 2.2), Column("最终成绩", 2.2)]
    columns += [Column("备注", 1.6)]
    blanks = len(columns) - 3
    rows = [[str(s.seat), s.admission_no, s.candidate.name] + [""] * blanks for s in session.seats]
    role = {"theory": "阅卷人", "skill": "考评员", "review": "评审委员"}.get(session.part, "考评员")

    def footer(y: float) -> None:
        c.setFont(font, 9)
        c.drawString(MARGIN, y - 16, f"成绩按百分制填写，满分 {scale_max:g} 分，{pass_mark:g} 分（含）以上为合格；"
                                     "涂改处须由改动人签名。")
        c.setFont(font, 10.5)
        y -= 40
        people = graders or [None, None]  # theory papers: markers are not the invigilators on the plan
        for i, person in enumerate(people, 1):
            name = f"（{person.name}）" if person else ""
            col = (i - 1) % 2
            if col == 0 and i > 1:
                y -= 24
            half = (PAGE_W - 2 * MARGIN) / 2
            x = MARGIN + col * half
            label = f"评分{i} {role}签名{name}：" if graders else f"{role}签名{name}："
            draw_fitted(c, label, x, y, half * 0.66, font, 10.5, "left", 8)
            c.setLineWidth(0.5)
            c.line(x + half * 0.67, y - 2, x + half - 10, y - 2)
        y -= 30
        lead = "考评组长" if session.part == "skill" else "评审组长" if session.part == "review" else "核分人"
        c.drawString(MARGIN, y, f"{lead}签名：" + "＿" * 8 + "　　日期：" + "＿" * 6)

    footer_h = 100 + 24 * ((max(2, len(graders)) - 1) // 2)
    return table_pages(c, font, columns, rows, 26, lambda: _header(c, font, batch, "成绩登记表", session),
                       footer, footer_h, f"成绩登记表 {session.room.name} {session.part_name}")


def draw_door_list(c, font: str, batch: PrintBatch, session: Session) -> int:
    """Big room name, 考场号, part and time for the door; then 座号 · 准考证号 · 姓名 in two columns."""
    inner = PAGE_W - 2 * MARGIN
    cols, row_h, head_h = 2, 28, 18
    seats = list(session.seats)
    first_top = PAGE_H - MARGIN - 232
    per_first = cols * max(1, int((first_top - head_h - MARGIN) // row_h))
    per_next = cols * max(1, int((PAGE_H - 2 * MARGIN - 70 - head_h) // row_h))
    pages = 1 if len(seats) <= per_first else 1 + math.ceil((len(seats) - per_first) / per_next)
    room_no = f"考场号：{session.room.id}"
    start = 0
    for page in range(1, pages + 1):
        top = PAGE_H - MARGIN
        draw_fitted(c, f"{batch.centre}　{batch.batch}", MARGIN, top - 12, inner, font, 12, "center")
        if page == 1:
            c.setLineWidth(2)
            c.rect(MARGIN, top - 150, inner, 126)
            draw_fitted(c, session.room.name, MARGIN + 10, top - 100, inner - 20, font, 64, "center")
            draw_fitted(c, f"{session.part_name}　{batch.occupation}（{session.level_name}）", MARGIN,
                        top - 138, inner, font, 20, "center")
            draw_fitted(c, when(session), MARGIN, top - 182, inner, font, 20, "center")
            draw_fitted(c, f"{room_no}　·　本场 {len(seats)} 人　·　考点：{session.room.venue}", MARGIN, top - 208,
                        inner, font, 12, "center")
            table_top, take = first_top, per_first
        else:
            draw_fitted(c, f"{session.room.name}（{room_no}）　{session.part_name}　{when(session)}（续）", MARGIN,
                        top - 40, inner, font, 14, "center")
            table_top, take = top - 70, per_next
        chunk = seats[start:start + take]
        start += take
        per_col = math.ceil(len(chunk) / cols) if chunk else 0
        col_w = inner / cols
        widths = [col_w * 0.13, col_w * 0.42, col_w * 0.45]
        c.setLineWidth(0.5)
        for col in range(min(cols, math.ceil(len(chunk) / per_col) if per_col else 0)):
            x = MARGIN + col * col_w
            c.setFillColorRGB(0.92, 0.92, 0.92)
            c.rect(x, table_top - head_h, col_w, head_h, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            xx = x
            for w, title, align in zip(widths, ("座号", "准考证号", "姓名"), ("center", "center", "left")):
                draw_in_cell(c, title, xx, table_top - head_h, w, head_h, font, 10, align, 5)
                xx += w
        for i, seat in enumerate(chunk):
            col, row = divmod(i, per_col)
            x, y = MARGIN + col * col_w, table_top - head_h - (row + 1) * row_h
            c.rect(x, y, col_w, row_h)
            draw_in_cell(c, str(seat.seat), x, y, widths[0], row_h, font, 13)
            draw_in_cell(c, seat.admission_no, x + widths[0], y, widths[1], row_h, font, 11, "center", 3)
            draw_in_cell(c, seat.candidate.name, x + widths[0] + widths[1], y, widths[2], row_h, font, 13, "left", 5)
        c.setFont(font, 8.5)
        c.drawCentredString(PAGE_W / 2, MARGIN - 14, f"考场门贴　第 {page} 页 / 共 {pages} 页")
        c.showPage()
    return pages
