"""The chosen block's detail: the session's time, room and problems, its staff and its seats (candidates with
seat numbers).  Drag people from the two lists onto another block, or — from the keyboard — select them and
use 「移动到…」 (Ctrl+M): a menu of the time slots, each listing the sessions of the same part with the
checker's verdict for the move (「✓」 or 「✗ 2 处违规」) before it is made.  Moves go through the plan table
model's ``move_members`` (one undo stack with the list view).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMenu, QToolButton, QVBoxLayout, QWidget

from eligibility_desk.planning import wording
from eligibility_desk.ui.planning.timetable_member_list import TimetableMemberList

_HARD = QBrush(QColor("#b3261e"))
_SOFT = QBrush(QColor("#8a6500"))


class TimetableDetail(QWidget):
    def __init__(self, model, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.model = model                       # TimetableModel (its ``source`` is the PlanTableModel)
        self.lang = lang
        self.session_id = ""
        self.title = QLabel(self)
        self.title.setObjectName("timetable_detail_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.PlainText)
        self.problems = QLabel(self)
        self.problems.setObjectName("timetable_detail_problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.PlainText)
        self.staff_label = QLabel(self.tr("考务人员"), self)
        self.staff = TimetableMemberList("timetable_staff", self)
        self.seats_label = QLabel(self.tr("考生（座号）"), self)
        self.seats = TimetableMemberList("timetable_seats", self)
        self.move_button = QToolButton(self)
        self.move_button.setObjectName("timetable_move")
        self.move_button.setText(self.tr("移动到…"))
        self.move_button.setToolTip(self.tr("把选中的考生或考务人员移到另一场次 (Ctrl+M)"))
        self.move_button.setShortcut(QKeySequence("Ctrl+M"))
        self.move_button.setPopupMode(QToolButton.InstantPopup)
        self.move_menu = QMenu(self)
        self.move_menu.aboutToShow.connect(self._fill_slots)
        self.move_button.setMenu(self.move_menu)
        for people in (self.staff, self.seats):
            people.itemSelectionChanged.connect(self._update_move)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        for widget in (self.title, self.problems, self.staff_label):
            layout.addWidget(widget)
        layout.addWidget(self.staff, 1)
        layout.addWidget(self.seats_label)
        layout.addWidget(self.seats, 3)
        layout.addWidget(self.move_button)
        self.show_session("")

    # --- showing a session -----------------------------------------------------------------------------
    def show_session(self, session_id: str) -> None:
        """Fill the panel with session ``session_id`` ("" or unknown: a hint to click a block)."""
        source = self.model.source
        session = source.plan.session_map().get(session_id) if source.plan is not None and session_id else None
        self.session_id = session.id if session is not None else ""
        self.staff.clear()
        self.seats.clear()
        if session is None:
            self.title.setText(self.tr("点击时间表中的一个场次，查看它的考生和考务人员。"))
            self.problems.clear()
            self._update_move()
            return
        block = self.model.block(session.id)
        cell = self.model.index_of(session.id)
        slot = self.model.slot_text(cell.column()) if cell.isValid() else ""
        room = self.model.room_text(cell.row()).replace("\n", " · ") if cell.isValid() else session.room
        self.title.setText(self.tr("第{n}考场 {part} · {level}级\n{slot}\n{room}").format(
            n=session.number, part=wording.part_name(session.part, self.lang), level=session.level, slot=slot, room=room))
        said = [f"{'✗' if v.hard else '!'} {wording.violation_text(v, self.lang)}" for v in block.problems] if block else []
        self.problems.setText("\n".join(said) or self.tr("✓ 无问题"))
        self.problems.setStyleSheet("color: #b3261e" if block and block.hard else "")
        rule = source.rules.parts.get(session.part)
        staff, cands = source.scenario.staff_map(), source.scenario.candidate_map()
        for sid in session.staff:
            who = staff.get(sid)
            role = wording.role_name(rule.role, self.lang) if rule and who and rule.role in who.roles else self.tr("无此资格")
            if sid == session.chief:
                role += self.tr("，主监考")
            text = self.tr("{name}（{role}）{inst}").format(name=who.name if who else sid, role=role,
                                                          inst=who.institution if who and who.institution else "")
            self._add(self.staff, text, {"kind": "staff", "id": sid, "session": session.id})
        self.staff_label.setText(self.tr("考务人员（{n}）").format(n=len(session.staff)))
        for seat in sorted(session.seats, key=lambda x: x.seat):
            who = cands.get(seat.candidate)
            text = self.tr("{seat:02d} 号  {name}  {id}  {inst}").format(
                seat=seat.seat, name=who.name if who else "", id=seat.candidate, inst=who.institution if who else "")
            self._add(self.seats, text, {"kind": "candidate", "id": seat.candidate, "session": session.id})
        self.seats_label.setText(self.tr("考生（座号）（{n}）").format(n=len(session.seats)))
        self._update_move()

    def _add(self, widget, text: str, member: dict) -> None:
        problems = self.model.source.person_problems(member["session"], member["id"])
        if problems:
            text = f"{'✗' if any(v.hard for v in problems) else '!'} {text}"
        item = QListWidgetItem(text.strip(), widget)
        item.setData(Qt.UserRole, member)
        item.setToolTip(text.strip())
        if problems:
            item.setForeground(_HARD if any(v.hard for v in problems) else _SOFT)
            item.setToolTip("\n".join([text.strip(), *(wording.violation_text(v, self.lang) for v in problems)]))

    def refresh(self) -> None:
        """After an edit, undo or redo: the same session again (its people may have changed)."""
        self.show_session(self.session_id)

    # --- 移动到… -----------------------------------------------------------------------------------------
    def selected_members(self) -> list[dict]:
        return self.staff.selected_members() + self.seats.selected_members()

    def _update_move(self) -> None:
        self.move_button.setEnabled(bool(self.selected_members()))

    def _fill_slots(self) -> None:
        """One submenu per time slot; its sessions (same part first) with their verdicts, filled when opened."""
        self.move_menu.clear()
        session = self.model.source.plan.session_map().get(self.session_id) if self.session_id else None
        if session is None:
            return
        for column in range(self.model.slot_count()):
            sub = self.move_menu.addMenu(self.model.slot_text(column))
            sub.aboutToShow.connect(lambda sub=sub, column=column: self._fill_sessions(sub, column, session.part))

    def _fill_sessions(self, menu: QMenu, column: int, part: str) -> None:
        menu.clear()
        members = self.selected_members()
        sessions = sorted(self.model.sessions_in_column(column), key=lambda s: (s.part != part, s.number))
        for s in sessions:
            if s.id == self.session_id:
                continue
            verdict, _words = self.model.verdict(members, s.id)
            mark = "✓" if verdict.ok else self.tr("✗ {n} 处违规").format(n=len(verdict.hard))
            text = self.tr("第{n}考场 {part} · {level}级  {mark}").format(
                n=s.number, part=wording.part_name(s.part, self.lang), level=s.level, mark=mark)
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, target=s.id: self.move_to(target))
        if menu.isEmpty():
            menu.addAction(self.tr("（该时段没有其他场次）")).setEnabled(False)

    def move_to(self, target: str) -> bool:
        """Move the selected people into session ``target`` (one undoable edit); True if anyone moved."""
        members = self.selected_members()
        return bool(members) and self.model.source.move_members(members, target)
