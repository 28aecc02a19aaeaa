"""The timetable's model: rooms (rows) × time slots (columns), one block per session in its cell.

It reads the plan, its violations and its edit path from the :class:`PlanTableModel` it is given (``source``)
and redraws on ``source.violationsChanged`` — so a move made in the list shows here and a drag made here goes
through ``source.move_members`` (one edit path, one undo stack).  Blocks are sessions, not candidates: a
50,000-candidate plan is ~1,700 blocks, summarised once per edit.

Each cell's ``BLOCK_ROLE`` is a :class:`SessionBlock` (what the delegate paints): part, level, seats used and
room capacity, the staff gauge of the role the rule file sets for the part (have / needed, odd when the rule
asks — the numbers come from :class:`~eligibility_desk.planning.rules.PartRule`), and the problems of the
session grouped the way the legend shows them.  ``Qt.DisplayRole`` is the same as plain text (screen readers,
copy); ``Qt.ToolTipRole`` lists the problems in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from eligibility_desk.planning import wording
from eligibility_desk.ui.planning.plan_table_checks import DAY_CODES

BLOCK_ROLE = Qt.UserRole + 20       # SessionBlock (or None: an empty cell)
SESSION_ID_ROLE = Qt.UserRole + 21  # the cell's session id (the first when a room is double-booked)
DAY_OFF_ROLE = Qt.UserRole + 22     # header: the day-off warning of a slot column ("" when a working day)

#: the problem kinds the legend names, worst first: a block is filled with the colour of its worst kind
STAFF_CODES = frozenset({"staff_too_few", "staff_not_odd"})
KINDS = ("capacity", "staff", "hard", "soft", "ok")


@dataclass
class SessionBlock:
    session_id: str
    part: str
    part_name: str
    level: str
    number: int
    seated: int
    capacity: int | None            # None: room unknown
    role_name: str
    staff_have: int                 # staff holding the part's role
    staff_needed: int
    odd_rule: bool                  # the rule file asks for an odd panel
    problems: list = field(default_factory=list)
    day_off: str = ""               # 「国庆节」 / 「周末」 when the day is off
    others: int = 0                 # further sessions in the same room and slot (a double booking)

    @property
    def hard(self) -> list:
        return [v for v in self.problems if v.hard]

    @property
    def soft(self) -> list:
        return [v for v in self.problems if not v.hard and v.code not in DAY_CODES]

    @property
    def kind(self) -> str:
        """The legend's kind: capacity > staff > hard > soft > ok."""
        codes = {v.code for v in self.hard}
        if "capacity" in codes:
            return "capacity"
        if codes & STAFF_CODES:
            return "staff"
        if codes:
            return "hard"
        return "soft" if self.soft else "ok"

    @property
    def staff_ok(self) -> bool:
        return self.staff_have >= self.staff_needed and not (self.odd_rule and self.staff_have % 2 == 0)


class TimetableModel(QAbstractTableModel):
    def __init__(self, source, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.source = source
        self.lang = lang
        self._rooms: list[str] = []                        # room ids, one per row
        self._slots: list[tuple[datetime, datetime]] = []  # (start, end), one per column
        self._cells: dict[tuple[int, int], list] = {}      # (row, column) -> sessions
        self._blocks: dict[str, SessionBlock] = {}
        self._day_off: dict[str, str] = {}                 # ISO date -> holiday name / weekend
        self._where: dict[str, tuple[int, int]] = {}       # session id -> (row, column)
        self._verdicts: dict[tuple, tuple] = {}           # (members, target) -> (MoveVerdict, words), per plan state
        self._room_map = source.scenario.room_map()
        self._staff_map = source.scenario.staff_map()
        source.violationsChanged.connect(self.refresh)
        self.refresh()

    # --- building ----------------------------------------------------------------------------------
    def refresh(self, *_counts) -> None:
        """Re-read the plan and its problems: blocks change in place when rooms and slots are the same."""
        plan = self.source.plan
        self._verdicts = {}
        touched = getattr(self.source, "last_touched", None)
        if touched is not None and self._blocks:      # a hand edit: rooms, slots and days are as they were
            self._update_blocks(plan, touched)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rooms) - 1, len(self._slots) - 1))
            return
        rooms, slots = self._axes(plan)
        if rooms == self._rooms and slots == self._slots:
            self._fill(plan)
            if rooms and slots:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rooms) - 1, len(slots) - 1))
            self.headerDataChanged.emit(Qt.Horizontal, 0, max(len(slots) - 1, 0))
            return
        self.beginResetModel()
        self._rooms, self._slots = rooms, slots
        self._fill(plan)
        self.endResetModel()

    def _axes(self, plan):
        if plan is None or not plan.sessions:
            return [], []                                  # the view shows its empty state
        scenario = self.source.scenario
        used = {s.room for s in plan.sessions}
        rooms = [r.id for r in scenario.rooms]
        rooms += sorted(used - set(rooms))
        if len(rooms) > len(used) and plan.sessions:
            rooms = [r for r in rooms if r in used] + [r for r in rooms if r not in used]   # idle rooms last
        slots = sorted({(s.start, s.end) for s in plan.sessions} | {(t.start, t.end) for t in scenario.slots})
        return rooms, slots

    def _fill(self, plan) -> None:
        self._cells, self._blocks, self._where, self._day_off = {}, {}, {}, {}
        if plan is None:
            return
        row_of = {room: i for i, room in enumerate(self._rooms)}
        column_of = {slot: j for j, slot in enumerate(self._slots)}
        problems = self.source.problems_by_session()
        for v in self.source.violations:
            if v.code in DAY_CODES:
                self._day_off[v.params.get("date", "")] = v.params.get("holiday") or self.tr("周末")
        for s in sorted(plan.sessions, key=lambda s: (s.number, s.id)):
            cell = (row_of[s.room], column_of[(s.start, s.end)])
            self._cells.setdefault(cell, []).append(s)
            self._where[s.id] = cell
            self._blocks[s.id] = self._block(s, problems.get(s.id, []))
        for sessions in self._cells.values():
            self._blocks[sessions[0].id].others = len(sessions) - 1

    def _update_blocks(self, plan, touched) -> None:
        """After an edit of the sessions ``touched``: their blocks, and those whose problems changed (a double
        booking is reported on the other session), are made again; the rest are kept."""
        problems = self.source.problems_by_session()
        blocks = self._blocks
        for s in plan.sessions:
            old = blocks.get(s.id)
            found = problems.get(s.id, [])
            if s.id in touched or old is None or old.problems != found:
                block = self._block(s, found)
                block.others = old.others if old is not None else 0
                blocks[s.id] = block

    def _block(self, s, problems) -> SessionBlock:
        rules, lang = self.source.rules, self.lang
        rule = rules.parts.get(s.part)
        room = self._room_map.get(s.room)
        staff = self._staff_map
        seated = len(s.seats)
        role = rule.role if rule else ""
        have = sum(1 for sid in dict.fromkeys(s.staff) if sid in staff and role in staff[sid].roles)
        return SessionBlock(
            session_id=s.id, part=s.part, part_name=wording.part_name(s.part, lang), level=s.level, number=s.number,
            seated=seated, capacity=room.capacity if room else None, role_name=wording.role_name(role, lang),
            staff_have=have, staff_needed=rule.staff_needed(seated) if rule else 0,
            odd_rule=bool(rule and rule.odd_staff), problems=problems,
            day_off=self._day_off.get(s.start.date().isoformat(), ""))

    # --- lookups ---------------------------------------------------------------------------------------
    def block(self, session_id: str) -> SessionBlock | None:
        return self._blocks.get(session_id)

    def index_of(self, session_id: str) -> QModelIndex:
        cell = self._where.get(session_id)
        return self.index(*cell) if cell else QModelIndex()

    def sessions_at(self, index: QModelIndex) -> list:
        return list(self._cells.get((index.row(), index.column()), ())) if index.isValid() else []

    def sessions_in_column(self, column: int) -> list:
        """The sessions of time slot ``column`` (every room)."""
        return [s for (_row, col), sessions in self._cells.items() if col == column for s in sessions]

    def slot_count(self) -> int:
        return len(self._slots)

    def slot_text(self, column: int) -> str:
        start, end = self._slots[column]
        weekday = (self.tr("周一"), self.tr("周二"), self.tr("周三"), self.tr("周四"), self.tr("周五"),
                   self.tr("周六"), self.tr("周日"))[start.weekday()]
        return f"{start:%m-%d} {weekday} {start:%H:%M}–{end:%H:%M}"

    def room_text(self, row: int) -> str:
        room = self._room_map.get(self._rooms[row])
        if room is None:
            return self._rooms[row]
        return self.tr("{name}\n{kind} · {capacity} 座").format(
            name=room.name or room.id, kind=wording.kind_name(room.kind, self.lang), capacity=room.capacity)

    # --- Qt model ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rooms)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._slots)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and 0 <= section < len(self._slots):
            day_off = self._day_off.get(self._slots[section][0].date().isoformat(), "")
            if role == Qt.DisplayRole:
                text = self.slot_text(section)
                return f"{text}\n☾ {day_off}" if day_off else text
            if role == DAY_OFF_ROLE:
                return day_off
            if role == Qt.ToolTipRole and day_off:
                return self.tr("休息日：{0}。该日的场次有提示。").format(day_off)
        if orientation == Qt.Vertical and 0 <= section < len(self._rooms) and role == Qt.DisplayRole:
            return self.room_text(section)
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        sessions = self._cells.get((index.row(), index.column()))
        if not sessions:
            return None
        block = self._blocks[sessions[0].id]
        if role == BLOCK_ROLE:
            return block
        if role == SESSION_ID_ROLE:
            return block.session_id
        if role == Qt.DisplayRole:
            return "\n".join(self.block_lines(block))
        if role == Qt.ToolTipRole:
            lines = [f"{'✗' if v.hard else '!'} {v.rule} {wording.violation_text(v, self.lang)}" for v in block.problems]
            return "\n".join(lines) or self.tr("无问题")
        return None

    # --- a move's verdict ----------------------------------------------------------------------------
    def verdict(self, members: list[dict], target: str):
        """``(MoveVerdict, words)`` for moving ``members`` into session ``target``; remembered until the plan
        changes (a drag hovering over one block asks many times)."""
        key = (tuple((m.get("kind"), m.get("id"), m.get("session")) for m in members), target)
        if key not in self._verdicts:
            verdict = self.source.verdict(members, target)
            self._verdicts[key] = (verdict, self.verdict_words(verdict, target))
        return self._verdicts[key]

    def target_text(self, session_id: str) -> str:
        """「第3考场 10-18 周六 09:00–12:00」: where a move would go."""
        block, cell = self._blocks.get(session_id), self._where.get(session_id)
        if block is None or cell is None:
            return session_id
        return self.tr("第{n}考场 {slot}").format(n=block.number, slot=self.slot_text(cell[1]))

    def verdict_words(self, verdict, target: str) -> str:
        where = self.target_text(target)
        if not verdict.moved:
            return self.tr("移到 {where}：已在该场次").format(where=where)
        said = "；".join(f"{v.rule} {wording.violation_text(v, self.lang)}" for v in verdict.hard[:3])
        if verdict.hard:
            text = self.tr("移到 {where}：✗ 将产生 {n} 处违规 — {what}").format(where=where, n=len(verdict.hard), what=said)
        else:
            text = self.tr("移到 {where}：✓ 不产生新的违规").format(where=where)
        soft = [v for v in verdict.new if not v.hard]
        if soft:
            text += self.tr("，{n} 条新提示").format(n=len(soft))
        mended = [v for v in verdict.mended if v.hard]
        if mended:
            text += self.tr("，解决 {n} 处违规").format(n=len(mended))
        return text

    # --- the words of a block (the delegate paints these lines) -------------------------------------
    def block_lines(self, b: SessionBlock) -> list[str]:
        """Four lines: part · level, room number and seats, staff gauge, status (icon and words)."""
        title = self.tr("{part} · {level}级").format(part=b.part_name, level=b.level)
        seats = self.tr("第{n}考场 · 座 {seated}/{capacity}").format(
            n=b.number, seated=b.seated, capacity=b.capacity if b.capacity is not None else "?")
        if b.capacity is not None and b.seated > b.capacity:
            seats += " " + self.tr("✗ 超容")
        gauge = f"{b.role_name} {b.staff_have}/{b.staff_needed}"
        if b.odd_rule:
            gauge += " " + (self.tr("奇数") if b.staff_have % 2 else self.tr("偶数"))
        gauge += " ✓" if b.staff_ok else " ✗"
        status = []
        if b.hard:
            status.append(self.tr("✗ {n} 处违规").format(n=len(b.hard)))
        if b.soft:
            status.append(self.tr("! {n} 条提示").format(n=len(b.soft)))
        if b.day_off:
            status.append(f"☾ {b.day_off}")
        if b.others:
            status.append(self.tr("+{n} 场同室").format(n=b.others))
        return [title, seats, gauge, " · ".join(status) or self.tr("✓ 无问题")]
