"""The planner view's table: one row per person in a session (staff first, then seats), grouped by slot and
room; rows whose session or person breaks a rule are highlighted; drag a row onto another session's row to
move that candidate or staff member — the plan is re-checked at once.  Every drag is one command on
``undo_stack`` (「移动 张三 到 第3考场 …」): undo and redo put the touched sessions back exactly and re-check.

The timetable (``timetable_model.py``) shows the same plan from this model: its drags come here
(:meth:`move_members`), so both views share one edit path and one undo stack, and both redraw on
``violationsChanged``.  The live checker knows the holiday calendar (``calendar``): a day off with sessions is a
warning on every session of that day (weekends only while the centre's ``weekend_hint`` is on).

The re-check after an edit is incremental (:class:`~eligibility_desk.planning.incremental.IncrementalCheck`:
only what the touched sessions and their people can change, the same verdicts as a full check); a full check
runs when a plan is set (or comes made by the loading worker), after many undo steps at once or an edit of
many sessions, and on :meth:`recheck_all` — off the GUI thread with ``runner``, edits going on meanwhile.

Holds the plan (plain dataclasses from :mod:`eligibility_desk.planning`), never ORM objects.  The slot filter
is done in the model (a list of visible rows) as in the applicant list.
"""

from __future__ import annotations

import json
from itertools import accumulate, chain

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from eligibility_desk.planning import PlanChecker, edits, wording
from eligibility_desk.planning.incremental import IncrementalCheck, working_copy
from eligibility_desk.planning.preview import MoveVerdict, move_verdict
from eligibility_desk.ui.common.list_table_model import ListTableModel
from eligibility_desk.ui.common.snapshot_command import SnapshotCommand

COL_TIME = 0
COL_ROOM = 1
COL_PART = 2
COL_LEVEL = 3
COL_ROLE = 4
COL_SEAT = 5
COL_ID = 6
COL_NAME = 7
COL_INSTITUTION = 8
COL_PROBLEMS = 9
COLUMN_COUNT = 10
#: long-text columns: the view keeps them to a sensible width and they elide, the whole text in the tooltip
ELIDE_COLUMNS = (COL_ROOM, COL_NAME, COL_INSTITUTION)

SESSION_ROLE = Qt.UserRole + 1     # session id
PERSON_ROLE = Qt.UserRole + 2      # candidate or staff id
KIND_ROLE = Qt.UserRole + 3        # "candidate" | "staff"
SLOT_ROLE = Qt.UserRole + 4        # "start–end" label of the row's time

MIME_TYPE = "application/x-eligibility-desk-plan-member"
#: warnings about a whole day (a holiday or a weekend not made up): shown on every session of that day
DAY_CODES = ("slot_on_holiday", "slot_on_weekend")
#: an edit, undo or redo touching more sessions than this, or this many undo / redo steps at once (the 编辑
#: menu's history, Ctrl+Z held down), is followed by a full check — when in doubt, everything is checked again
FULL_CHECK_SESSIONS = 200
FULL_CHECK_STEPS = 20
OP_FULL_CHECK = "plan_full_check"
HARD_BRUSH = QBrush(QColor("#f8c9c4"))
SOFT_BRUSH = QBrush(QColor("#fcefc7"))


class PlanTableModel(ListTableModel):
    #: hard violations, soft warnings — emitted after every re-check
    violationsChanged = Signal(int, int)
    #: a full check off the GUI thread: (done, total) while it runs; (0, 0) when it ended
    fullCheckProgress = Signal(int, int)

    def __init__(self, scenario, rules, plan=None, parent=None, lang: str = "zh", calendar=None,
                 weekend_hint: bool = True, runner=None):
        """``calendar``: a :class:`~eligibility_desk.scoring.workdays.WorkCalendar` for the holiday warnings;
        ``weekend_hint``: the centre's setting (False: no warning for a weekend day); ``runner``: a
        :class:`~eligibility_desk.ui.common.task_runner.TaskRunner` for full checks off the GUI thread (None:
        they run at once)."""
        super().__init__(parent)
        self.lang = lang
        self.scenario = scenario
        self.rules = rules
        self.runner = runner
        if runner is not None:                 # the full check's progress (the runner shows no dialog for it)
            runner.progressed.connect(self._full_check_progressed)
        self.undo_stack = QUndoStack(self)     # the hand edits of this plan; cleared when another plan is set
        self.checker = PlanChecker(scenario, rules, calendar, weekend_hint)
        self.live: IncrementalCheck | None = None  # the verdicts, kept up to date edit by edit
        self._full_check = None                # (generation, sessions edited since it started) while one runs
        self._generation = 0
        self._steps = 0                        # undo / redo steps since the event loop last ran
        self._pushing = False
        self._days: dict[str, list[str]] | None = None
        self.last_touched: set | None = None   # the session ids of the last edit (None: anything may differ)
        self._cands = scenario.candidate_map()
        self._staff = scenario.staff_map()
        self._rooms = scenario.room_map()
        self.plan = None
        self.violations: list = []
        self._rows: list[tuple] = []           # (session, kind, person id, seat number)
        self._order: list = []                 # the sessions in row order (time, room number)
        self._by_session: list[list[tuple]] = []   # the rows of each session of _order
        self._sessions_of: dict[str, list] | None = None   # person -> their sessions, for a drag's verdict
        self._visible: list[int] = []
        self._slot: str | None = None
        self._problems: dict[tuple[str, str], list] = {}
        self._labels: dict[str, str] = {}
        self._headers = (self.tr("时间"), self.tr("考场"), self.tr("科目"), self.tr("等级"), self.tr("身份"),
                         self.tr("座号"), self.tr("编号"), self.tr("姓名"), self.tr("单位"), self.tr("问题"))
        if plan is not None:
            self.set_plan(plan)

    # --- loading ---------------------------------------------------------------------------------
    def set_plan(self, plan, checked: IncrementalCheck | None = None) -> None:
        """Show ``plan`` (edited in place from now on); the edit history of the previous plan is dropped.
        ``checked``: its full check, made off the GUI thread by whoever loaded it (its checker is used from
        now on); None: the full check is made here."""
        self.undo_stack.clear()
        self.beginResetModel()
        self.plan = plan
        self._generation += 1                  # a full check still running was for the plan before
        self._full_check = None
        self._days = None                      # ISO date -> the ids of its sessions, when first needed
        self._build_rows()
        if checked is not None and checked.plan is plan:
            self.checker, self.live = checked.checker, checked
        else:
            self.live = IncrementalCheck(self.checker, plan)
        self._recheck()
        self.endResetModel()
        self._emit_counts()

    def is_modified(self) -> bool:
        """Edited since the plan was set or last marked saved (``undo_stack.setClean()``)."""
        return not self.undo_stack.isClean()

    def slot_labels(self) -> list[str]:
        seen = []
        for s in self.plan.sessions if self.plan else ():
            label = self.slot_label(s)
            if label not in seen:
                seen.append(label)
        return seen

    @staticmethod
    def slot_label(session) -> str:
        return f"{session.start:%m-%d %H:%M}–{session.end:%H:%M}"

    def set_slot_filter(self, label: str | None) -> None:
        self.beginResetModel()
        self._slot = label
        self._visible = self._select()
        self.endResetModel()

    def _build_rows(self, touched=None) -> None:
        """The rows of every session (a new plan), or afresh only for the session ids in ``touched`` (an edit,
        undo or redo: the other sessions' rows are kept — rebuilding 100,000 rows per drag cost a second)."""
        if touched is None:
            self._order = sorted(self.plan.sessions, key=lambda s: (s.start, s.end, s.number, s.room))
            self._labels = {s.id: self.slot_label(s) for s in self._order}   # strftime per row costs seconds
            self._by_session = [self._session_rows(s) for s in self._order]
            self._rows = list(chain.from_iterable(self._by_session))
        else:                                  # the touched sessions' rows spliced in place (last first)
            at = list(accumulate((len(rows) for rows in self._by_session), initial=0))
            for i in reversed([i for i, s in enumerate(self._order) if s.id in touched]):
                self._by_session[i] = self._session_rows(self._order[i])
                self._rows[at[i]:at[i + 1]] = self._by_session[i]
        self._sessions_of = None                           # built when a drag first asks (not on every edit)
        self._visible = self._select()

    @staticmethod
    def _session_rows(s) -> list[tuple]:
        """Staff first, then seats by number: (session, kind, person id, seat number)."""
        return [*((s, "staff", sid, None) for sid in s.staff),
                *((s, "candidate", seat.candidate, seat.seat) for seat in sorted(s.seats, key=lambda x: x.seat))]

    def _select(self):
        if self._slot is None:
            return range(len(self._rows))      # every row: no list of 100,000 numbers per edit
        labels = self._labels
        return [i for i, row in enumerate(self._rows) if labels[row[0].id] == self._slot]

    def _recheck(self, touched=None) -> None:
        """The verdicts after an edit of the sessions ``touched`` (ids): only what the edit can change is
        evaluated again (:class:`IncrementalCheck`; the same list a full check gives)."""
        if touched is not None:
            self.live.update(touched)
            if self._full_check is not None:
                self._full_check[1].update(touched)
        self.violations = self.live.violations()
        problems: dict[tuple[str, str], list] = {}
        for v in self.violations:
            if v.code in DAY_CODES:
                if self._days is None:         # a session's day never changes in an edit: worked out once
                    self._days = {}
                    for s in self.plan.sessions:
                        self._days.setdefault(s.start.date().isoformat(), []).append(s.id)
                for sid in self._days.get(v.params.get("date"), [v.session]):
                    problems.setdefault((sid, "*"), []).append(v)
                continue
            targets = v.people or ("*",)
            for person in targets:
                problems.setdefault((v.session, person), []).append(v)
        self._problems = problems

    def _emit_counts(self) -> None:
        hard = sum(1 for v in self.violations if v.hard)
        self.violationsChanged.emit(hard, len(self.violations) - hard)

    def hard_count(self) -> int:
        return sum(1 for v in self.violations if v.hard)

    def session_problems(self, session_id: str) -> list:
        """Every violation and warning about session ``session_id`` (its own and its people's)."""
        return [v for (sid, _person), found in self._problems.items() if sid == session_id for v in found]

    def problems_by_session(self) -> dict[str, list]:
        """session id -> its violations and warnings (each once), for the timetable's blocks."""
        out: dict[str, list] = {}
        for (sid, _person), found in self._problems.items():
            bucket = out.setdefault(sid, [])
            bucket.extend(v for v in found if not any(v is w for w in bucket))
        return out

    def person_problems(self, session_id: str, person: str) -> list:
        """The violations and warnings naming ``person`` in session ``session_id``."""
        return list(self._problems.get((session_id, person), []))

    def verdict(self, members: list[dict], target: str) -> MoveVerdict:
        """What moving ``members`` into session ``target`` would break and mend (nothing is changed)."""
        if self._sessions_of is None:
            index: dict[str, list] = {}
            for s, _kind, person, _seat in self._rows:
                index.setdefault(person, []).append(s)
            self._sessions_of = index
        around = {id(s): s for m in members for s in self._sessions_of.get(m.get("id"), ())}
        return move_verdict(self.checker, self.plan, members, target, list(around.values()))

    def problems_at(self, row: int) -> list:
        """The violations and warnings of the visible row ``row`` (its session's, and its person's)."""
        session, _kind, person, _seat = self._rows[self._visible[row]]
        return self._problems_of(session, person)

    # --- Qt model --------------------------------------------------------------------------------
    def shown_items(self) -> list:
        return self._visible

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        session, kind, person, seat = self._rows[self._visible[index.row()]]
        if role == Qt.DisplayRole:
            return self._display(index.column(), session, kind, person, seat)
        if role == Qt.BackgroundRole:
            problems = self.problems_at(index.row())
            if any(v.hard for v in problems):
                return HARD_BRUSH
            return SOFT_BRUSH if problems else None
        if role == Qt.ToolTipRole:
            problems = self.problems_at(index.row())
            text = "\n".join(f"{v.rule} {wording.violation_text(v, self.lang)}" for v in problems)
            if not text and index.column() in ELIDE_COLUMNS:     # a long name, room or institution cut with …
                text = self.data(index, Qt.DisplayRole) or ""
            return text or None
        if role == SESSION_ROLE:
            return session.id
        if role == PERSON_ROLE:
            return person
        if role == KIND_ROLE:
            return kind
        if role == SLOT_ROLE:
            return self._labels[session.id]
        return None

    def _display(self, col, session, kind, person, seat):
        if col == COL_TIME:
            return self._labels[session.id]
        if col == COL_ROOM:
            room = self._rooms.get(session.room)
            return self.tr("第{0}考场 {1}").format(session.number, room.name if room else session.room)
        if col == COL_PART:
            return wording.part_name(session.part, self.lang)
        if col == COL_LEVEL:
            return session.level
        if col == COL_ROLE:
            if kind == "candidate":
                return self.tr("考生")
            rule = self.rules.parts.get(session.part)
            label = wording.role_name(rule.role, self.lang) if rule else ""
            return label + (self.tr("（主监考）") if person == session.chief else "")
        if col == COL_SEAT:
            return seat
        if col == COL_ID:
            return person
        if col == COL_NAME:
            who = self._cands.get(person) if kind == "candidate" else self._staff.get(person)
            return who.name if who else ""
        if col == COL_INSTITUTION:
            who = self._cands.get(person) if kind == "candidate" else self._staff.get(person)
            return who.institution if who else ""
        if col == COL_PROBLEMS:
            return "；".join(wording.violation_text(v, self.lang) for v in self._problems_of(session, person))
        return None

    def _problems_of(self, session, person) -> list:
        return self._problems.get((session.id, person), []) + self._problems.get((session.id, "*"), [])

    # --- drag and drop ---------------------------------------------------------------------------
    def flags(self, index):
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemIsDropEnabled
        return base | Qt.ItemIsDragEnabled | Qt.ItemIsDropEnabled

    def supportedDropActions(self):  # noqa: N802
        return Qt.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.MoveAction

    def mimeTypes(self):  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes):  # noqa: N802
        members = []
        for index in indexes:
            session, kind, person, _seat = self._rows[self._visible[index.row()]]
            item = {"kind": kind, "id": person, "session": session.id}
            if item not in members:
                members.append(item)
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps(members).encode("utf-8")))
        return mime

    def canDropMimeData(self, data, action, row, column, parent):  # noqa: N802
        return data.hasFormat(MIME_TYPE) and self._target_session(row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent):  # noqa: N802
        """Move the dragged people into the session of the row dropped on; re-check; True if anything moved."""
        if action == Qt.IgnoreAction:
            return True
        target = self._target_session(row, parent)
        if target is None or not data.hasFormat(MIME_TYPE):
            return False
        members = json.loads(bytes(data.data(MIME_TYPE)).decode("utf-8"))
        return self.move_members(members, target)

    def move_members(self, members: list[dict], target: str) -> bool:
        """Move the people into session ``target`` as one undoable edit; True if anyone moved."""
        touched = {m.get("session") for m in members} | {target}
        before = edits.session_states(self.plan, touched)
        moved = edits.move_members(self.plan, members, target)
        if not moved:
            return False
        after = edits.session_states(self.plan, touched)
        self._pushing = True                   # a new edit, not a step through the history
        try:
            self.undo_stack.push(SnapshotCommand(self.restore_sessions, before, after, self.edit_text(moved, target)))
        finally:
            self._pushing = False
        return True

    def restore_sessions(self, states: dict) -> None:
        """Put sessions back as :func:`planning.edits.session_states` saw them and re-check (undo / redo)."""
        self.beginResetModel()
        try:
            edits.restore_sessions(self.plan, states)
            self._build_rows(set(states))
            self._recheck(set(states))
        finally:
            self.endResetModel()
        self.last_touched = set(states)       # the timetable redraws only what this edit can have changed
        self._emit_counts()
        self.last_touched = None
        if not self._pushing:
            self._steps += 1
            if self._steps == 1:
                QTimer.singleShot(0, self, self._steps_done)   # (not after the model is gone)
        if len(states) > FULL_CHECK_SESSIONS:
            self.recheck_all()

    def _steps_done(self) -> None:
        """Many undo / redo steps at once (the history jumped): check everything again, when in doubt."""
        steps, self._steps = self._steps, 0
        if steps >= FULL_CHECK_STEPS:
            self.recheck_all()

    # --- the full check ----------------------------------------------------------------------------
    def recheck_all(self) -> None:
        """Check the whole plan again — off the GUI thread when the model has a runner; the list stays usable
        and edits made meanwhile are undoable as ever (they are applied to the full check's result when it
        arrives).  Without a runner it runs at once."""
        if self.plan is None:
            return
        if self.runner is None:
            self.live.rebuild(self.plan)
            self._publish()
            return
        if self._full_check is not None:
            return                                    # one is running: it sees this plan's state or newer
        plan, checker = working_copy(self.plan), self.checker
        self._full_check = (self._generation, set())
        generation = self._generation

        def work(progress, cancelled):
            return IncrementalCheck(checker, plan, progress)

        self.runner.run(OP_FULL_CHECK, work, show_progress=False,
                        on_done=lambda live: self._full_check_done(generation, live),
                        on_failed=lambda _exc: self._full_check_ended(generation),
                        on_cancelled=lambda: self._full_check_ended(generation))

    def full_check_running(self) -> bool:
        return self._full_check is not None

    def _full_check_progressed(self, name: str, done: int, total: int) -> None:
        if name == OP_FULL_CHECK and self._full_check is not None:
            self.fullCheckProgress.emit(done, total)

    def _full_check_done(self, generation: int, live: IncrementalCheck) -> None:
        if generation != self._generation or self._full_check is None:
            return                                    # another plan was set meanwhile
        edited = self._full_check[1]
        live.adopt(self.plan)                         # the live plan (same sessions, same order) …
        live.update(edited)                           # … and the edits made while it ran
        live.refresh_days()                           # (the weekend setting may have changed too)
        self.live = live
        self._full_check_ended(generation)
        self._publish()

    def _full_check_ended(self, generation: int) -> None:
        if generation == self._generation:
            self._full_check = None
        self.fullCheckProgress.emit(0, 0)

    def _publish(self) -> None:
        """Show the verdicts of ``self.live`` (after a full check or a change of setting)."""
        self.beginResetModel()
        self._recheck()
        self.endResetModel()
        self._emit_counts()

    def set_weekend_hint(self, on: bool) -> None:
        """Follow the centre's weekend setting: only the day-level warnings are evaluated again."""
        if self.checker.weekend_hint == bool(on):
            return
        self.checker.weekend_hint = bool(on)
        if self.live is not None:
            self.live.refresh_days()
            self._publish()

    def edit_text(self, moved: list[dict], target: str) -> str:
        """The undo stack's name of an edit: 「移动 张三 到 第3考场 教学楼 A101 教室」."""
        session = self.plan.session_map()[target]
        room = self._display(COL_ROOM, session, "", "", None)
        if len(moved) > 1:
            return self.tr("移动 {n} 人 到 {room}").format(n=len(moved), room=room)
        m = moved[0]
        who = (self._cands if m.get("kind") == "candidate" else self._staff).get(m["id"])
        return self.tr("移动 {name} 到 {room}").format(name=who.name if who and who.name else m["id"], room=room)

    def _target_session(self, row: int, parent: QModelIndex) -> str | None:
        if parent.isValid():
            r = parent.row()
        elif 0 <= row < len(self._visible):
            r = row
        else:
            return None
        return self._rows[self._visible[r]][0].id

