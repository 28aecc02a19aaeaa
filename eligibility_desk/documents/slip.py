"""The admission slip (准考证): layout and drawing of one slip in a box.

A slip is drawn in two layers.  Everything the slips of a batch share — border, titles, labels, ruled
tables and the 考生须知 — is a PDF form (XObject) drawn once and placed on every slip; only the
candidate's own data, photo, QR code and the 补打 mark are drawn per slip.  That keeps 10,000 slips fast
and the file small.  Layout (docs/printing.md has a sketch), top to bottom inside a double border:

    centre name / "<occupation>职业技能等级认定 准考证" / batch
    info table (name, gender, ID, admission no., occupation, level, institution) | photo
    timetable (part, date, time, venue, room, seat)                               | QR + code
    考生须知
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from eligibility_desk.documents.drawing import MM, draw_fitted, draw_in_cell, fitted_size, grid, wrap
from eligibility_desk.documents.inputs import Slip
from eligibility_desk.documents.qr import qr_literal

SLIP_W = 180 * MM            # both layouts
HALF_H = 132 * MM            # two slips on an A4 page
FULL_H = 262 * MM            # one slip on an A4 page
STAMP_RED = Color(0.78, 0.1, 0.1)
SIGNATURE = "考生签名：＿＿＿＿＿＿＿＿　　（本人已阅读并遵守考生须知）"
#: room under the QR code for the admission number and the grouped check code
CODE_LINES_H = 24
CODE_SIZE = 9.0        # the check code people type in: at least 8 pt
#: the shipped 考生须知 is set at least this large on either layout (tests/documents/test_layout.py); a longer
#: notice a centre writes shrinks further, never below NOTICE_FLOOR
NOTICE_MIN_SIZE = 7.5
NOTICE_FLOOR = 5.5
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class SlipGeometry:
    """Where things are, relative to the slip's bottom-left corner."""

    w: float
    h: float
    k: float  # vertical stretch: 1 for half a page, more for a full page

    @property
    def compact(self) -> bool:
        """Half a page: the header, the info rows and the QR code are set tighter so that the 考生须知
        keeps a readable size (>= 7.5 pt, :data:`NOTICE_MIN_SIZE`) with the 考生签名 line under it."""
        return self.k <= 1

    @property
    def pad(self) -> float:
        return 5 * MM

    @property
    def title_top(self) -> float:
        return self.h - self.pad - 4 * self.k

    @property
    def info_top(self) -> float:
        return self.title_top - (47 if self.compact else 50 * self.k)

    @property
    def row_h(self) -> float:
        return 19 if self.compact else 21 * self.k   # 19 pt still holds a name on two lines of 8 pt

    @property
    def photo_w(self) -> float:
        return 28 * MM * min(self.k, 1.2)

    @property
    def info_widths(self) -> list[float]:
        inner = self.w - 2 * self.pad - self.photo_w
        return [62, inner / 2 - 62, 50, inner / 2 - 50]

    @property
    def timetable_top(self) -> float:
        return self.info_top - 5 * self.row_h - (5 if self.compact else 7 * self.k)

    @property
    def line_h(self) -> float:
        return max(19, 17 * self.k)   # room for a long venue or room name on two lines of 8 pt

    @property
    def qr_side(self) -> float:
        return 24 * MM if self.compact else 26 * MM * min(self.k, 1.1)

    @property
    def timetable_widths(self) -> list[float]:
        inner = self.w - 2 * self.pad - self.qr_side - 4 * MM
        fixed = [58, 72, 60, 80, 28]  # part, date, time, room, seat; the venue takes the rest
        return [fixed[0], fixed[1], fixed[2], inner - sum(fixed), fixed[3], fixed[4]]

    @property
    def has_check_record(self) -> bool:
        return self.k > 1

    @property
    def check_widths(self) -> list[float]:
        inner = self.w - 2 * self.pad
        return [inner * 0.22, inner * 0.2, inner * 0.36, inner * 0.22]

    def check_record_top(self, parts_rows: int) -> float:
        return self.pad + 24 + self.line_h * 0.85 * (parts_rows + 1)


def geometry(two_per_page: bool) -> SlipGeometry:
    return SlipGeometry(SLIP_W, HALF_H, 1.0) if two_per_page else SlipGeometry(SLIP_W, FULL_H, 1.6)


def draw_slip_form(c, name: str, g: SlipGeometry, font: str, centre: str, occupation: str, batch: str,
                   notice: tuple[str, ...], parts_rows: int) -> float | None:
    """Define the shared layer of a slip as form ``name`` (a timetable of ``parts_rows`` lines); returns the
    size the 考生须知 is set in (None without one), which :class:`~.slips.RenderResult` reports."""
    c.beginForm(name, 0, 0, g.w, g.h)
    fs = min(g.k, 1.2)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.4)
    c.rect(1, 1, g.w - 2, g.h - 2)
    c.setLineWidth(0.5)
    c.rect(4, 4, g.w - 8, g.h - 8)

    x0, inner = g.pad, g.w - 2 * g.pad
    draw_fitted(c, centre, x0, g.title_top - 11 * fs, inner, font, 11 * fs, "center")
    title = f"{occupation}职业技能等级认定　准考证"
    size = fitted_size(title, font, 17 * fs, inner)
    t = c.beginText()
    t.setTextRenderMode(2)  # fill + stroke: a bold face without a second font file
    t.setFont(font, size)
    c.setLineWidth(0.35)
    t.setTextOrigin(x0 + (inner - stringWidth(title, font, size)) / 2, g.title_top - 34 * g.k)
    t.textOut(title)
    t.setTextRenderMode(0)
    c.drawText(t)
    c.setLineWidth(0.5)
    draw_fitted(c, f"批次：{batch}", x0, g.info_top + 4 * g.k, inner / 2, font, 8.5 * fs)

    # info table with the photo box on the right
    widths, rh = g.info_widths, g.row_h
    top = g.info_top
    grid(c, x0, top, [widths[0], sum(widths[1:])], [rh] * 5)
    grid(c, x0 + widths[0] + widths[1], top, [widths[2], widths[3]], [rh])
    grid(c, x0 + widths[0] + widths[1], top - 3 * rh, [widths[2], widths[3]], [rh])
    c.rect(x0 + sum(widths), top - 5 * rh, g.photo_w, 5 * rh)
    labels = [(0, 0, "姓　　名"), (2, 0, "性　别"), (0, 1, "身份证号"), (0, 2, "准考证号"),
              (0, 3, "职业(工种)"), (2, 3, "等　级"), (0, 4, "单位/院校")]
    c.setFillColorRGB(0.93, 0.93, 0.93)
    for col, row, _ in labels:
        c.rect(x0 + sum(widths[:col]), top - (row + 1) * rh, widths[col], rh, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    for col, row, label in labels:
        draw_in_cell(c, label, x0 + sum(widths[:col]), top - (row + 1) * rh, widths[col], rh, font, 9.5 * fs)
    draw_in_cell(c, occupation, x0 + widths[0], top - 4 * rh, widths[1], rh, font, 10 * fs, "left", 5)

    # timetable
    tw, lh = g.timetable_widths, g.line_h
    ttop = g.timetable_top
    c.setFillColorRGB(0.93, 0.93, 0.93)
    c.rect(x0, ttop - lh, sum(tw), lh, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    grid(c, x0, ttop, tw, [lh] * (parts_rows + 1))
    x = x0
    for w, label in zip(tw, ("考试科目", "日　期", "时　间", "考　点", "考　场", "座号")):
        draw_in_cell(c, label, x, ttop - lh, w, lh, font, 9 * fs)
        x += w

    # notice: the largest size (9 pt, more on a full page) at which it fits above the signature line
    table_bottom = min(ttop - lh * (parts_rows + 1), ttop - g.qr_side - CODE_LINES_H)
    if g.has_check_record:
        floor = _draw_check_record(c, g, font, parts_rows)
    else:   # half-page slips keep the candidate's signature line too
        c.setFont(font, 9.5)
        c.drawString(x0, g.pad + 1, SIGNATURE)
        floor = g.pad + 13
    gap = 3 if g.compact else 6 * g.k
    size = _draw_notice(c, notice, x0, table_bottom - gap, inner, table_bottom - gap - floor, font, 9 * fs)
    c.endForm()
    return size


def _draw_check_record(c, g: SlipGeometry, font: str, parts_rows: int) -> float:
    """Full-page slips only: the 入场核验记录 the room staff sign at each part; returns its top."""
    x0, inner, lh = g.pad, g.w - 2 * g.pad, g.line_h * 0.85
    widths = g.check_widths
    top = g.check_record_top(parts_rows)
    draw_fitted(c, "入场核验记录（考场工作人员填写）", x0, top + 5, inner, font, 10)
    c.setFillColorRGB(0.93, 0.93, 0.93)
    c.rect(x0, top - lh, inner, lh, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    grid(c, x0, top, widths, [lh] * (parts_rows + 1))
    x = x0
    for w, label in zip(widths, ("考试科目", "人证核验", "监考/考评人员签字", "备　注")):
        draw_in_cell(c, label, x, top - lh, w, lh, font, 9.5)
        x += w
    c.setFont(font, 10)
    c.drawString(x0, g.pad + 4, SIGNATURE)
    return top + 20  # the notice stops above the record's title


def notice_lines(notice: tuple[str, ...], font: str, size: float, width: float) -> list[tuple[str, str]]:
    """The 考生须知 as printed lines: (rule number or "", text), each rule wrapped under its number."""
    lines = []
    for i, rule in enumerate(notice, 1):
        wrapped = wrap(rule, font, size, width - 2.2 * size)
        lines.extend((f"{i}." if j == 0 else "", text) for j, text in enumerate(wrapped))
    return lines


def _notice_lead(size: float, height: float) -> float:
    return size * (1.35 if height < 200 else 1.8)


def _draw_notice(c, notice: tuple[str, ...], x: float, top: float, width: float, height: float,
                 font: str, size: float) -> float | None:
    """Draw the 考生须知 in the box under ``top``, at the largest size (from ``size`` down in steps of 0.25 pt,
    never below :data:`NOTICE_FLOOR`) at which its title and lines fit ``height``; returns that size."""
    if not notice:
        return None
    while True:
        lines = notice_lines(notice, font, size, width)
        lead = _notice_lead(size, height)
        if (len(lines) + 1.3) * lead <= height or size <= NOTICE_FLOOR:
            break
        size -= 0.25
    c.setFont(font, size * 1.15)
    c.drawCentredString(x + width / 2, top - size * 1.15, "考 生 须 知")
    y = top - size * 1.15 - lead * 1.1
    c.setFont(font, size)
    for number, text in lines:
        if number:
            c.drawString(x, y, number)
        c.drawString(x + 2.2 * size, y, text)
        y -= lead
    return size


def draw_slip(c, form: str, g: SlipGeometry, font: str, slip: Slip, code: str, qr: tuple[int, str], id_text: str,
              photo: str | None, reprint: bool) -> str | None:
    """One slip at the current origin (translate the canvas to the slip's bottom-left first).

    Returns why the photo could not be drawn (:func:`photo_problem`; the placeholder is drawn instead), else
    None."""
    c.doForm(form)
    x0 = g.pad
    widths, rh, top = g.info_widths, g.row_h, g.info_top
    fs = min(g.k, 1.2)
    cand = slip.candidate
    vx = x0 + widths[0]
    draw_in_cell(c, cand.name, vx, top - rh, widths[1], rh, font, 12 * fs, "left", 5)
    draw_in_cell(c, cand.gender, vx + widths[1] + widths[2], top - rh, widths[3], rh, font, 10.5 * fs, "left", 5)
    draw_in_cell(c, id_text, vx, top - 2 * rh, sum(widths[1:]), rh, font, 10.5 * fs, "left", 5)
    draw_in_cell(c, slip.admission_no, vx, top - 3 * rh, sum(widths[1:]), rh, font, 13 * fs, "left", 5)
    draw_in_cell(c, slip.level_name, vx + widths[1] + widths[2], top - 4 * rh, widths[3], rh, font, 10 * fs, "left", 5)
    draw_in_cell(c, cand.institution, vx, top - 5 * rh, sum(widths[1:]), rh, font, 9.5 * fs, "left", 5)

    px, py, pw, ph = x0 + sum(widths), top - 5 * rh, g.photo_w, 5 * rh
    photo_error = None
    if photo:
        try:
            c.drawImage(photo, px + 3, py + 3, pw - 6, ph - 6, preserveAspectRatio=True, anchor="c")
        except Exception as exc:  # noqa: BLE001 - reportlab/PIL raise many kinds for a file that is no image
            photo, photo_error = None, photo_problem(exc)
    if not photo:
        c.setFillColorRGB(0.55, 0.55, 0.55)
        draw_fitted(c, "照　片", px, py + ph / 2 + 2, pw, font, 11 * fs, "center")
        draw_fitted(c, "（一寸免冠）", px, py + ph / 2 - 14 * fs, pw, font, 7.5 * fs, "center")
        c.setFillColorRGB(0, 0, 0)

    tw, lh, ttop = g.timetable_widths, g.line_h, g.timetable_top
    for row, line in enumerate(slip.lines, 1):
        y = ttop - (row + 1) * lh
        seat = str(line.seat) if line.admission_no == slip.admission_no else f"{line.seat}({line.admission_no})"
        cells = (line.part_name, f"{line.start:%Y-%m-%d} 周{WEEKDAYS[line.start.weekday()]}",
                 f"{line.start:%H:%M}–{line.end:%H:%M}", line.venue, line.room, seat)
        x = x0
        for w, text in zip(tw, cells):
            draw_in_cell(c, text, x, y, w, lh, font, 9 * fs, "center", 2)
            x += w

    if g.has_check_record:
        top, rh2 = g.check_record_top(len(slip.lines)), g.line_h * 0.85
        for row, line in enumerate(slip.lines, 1):
            draw_in_cell(c, line.part_name, x0, top - (row + 1) * rh2, g.check_widths[0], rh2, font, 9.5)

    qx = x0 + (g.w - 2 * g.pad) - g.qr_side
    qy = ttop - g.qr_side
    c.addLiteral(qr_literal(qr, qx, qy, g.qr_side))
    number, _, check = code.rpartition(".")
    draw_fitted(c, number + ".", qx - 6, qy - 9, g.qr_side + 12, font, 8.5, "center", 8)
    draw_fitted(c, grouped(check), qx - 6, qy - 9 - CODE_SIZE * 1.2, g.qr_side + 12, font, CODE_SIZE, "center", 8)

    if reprint:
        _reprint_mark(c, g, font)
    return photo_error


def grouped(check: str, size: int = 5) -> str:
    """``7QK2M9D4XA`` → ``7QK2M-9D4XA``: the check code in groups people can read out and type
    (``verify_code`` accepts it with or without the hyphens)."""
    return "-".join(check[i:i + size] for i in range(0, len(check), size))


def photo_problem(exc: BaseException) -> str:
    """Why a photo could not be drawn, as a code the edge words (never the exception's text: reportlab's
    holds object reprs): ``missing``, ``unreadable``, ``not_image`` or ``damaged``."""
    from PIL import UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError) or "cannot identify image" in str(exc):
        return "not_image"
    if isinstance(exc, FileNotFoundError) or "Cannot open resource" in str(exc):
        return "missing"
    if isinstance(exc, OSError) and not str(exc).startswith(("image file is truncated", "broken data")):
        return "unreadable"
    return "damaged"


def _reprint_mark(c, g: SlipGeometry, font: str) -> None:
    c.saveState()
    c.setStrokeColor(STAMP_RED)
    c.setFillColor(STAMP_RED)
    c.setLineWidth(1.6)
    c.translate(g.w - g.pad - 22 * MM, g.title_top - 13 * MM * min(g.k, 1.2))
    c.rotate(12)
    c.roundRect(0, 0, 20 * MM, 10 * MM, 2 * MM)
    c.setFont(font, 17)
    c.drawCentredString(10 * MM, 2.6 * MM, "补打")
    c.restoreState()
