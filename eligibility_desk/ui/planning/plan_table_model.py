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

from itertools import accumulate, chain

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from eligibility_desk.planning import PlanChecker, wording
from eligibility_desk.planning.incremental import IncrementalCheck
from eligibility_desk.ui.common.list_table_model import ListTableModel
from eligibility_desk.ui.planning.plan_table_checks import PlanTableChecks
from eligibility_desk.ui.planning.plan_table_edits import PlanTableEdits

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

HARD_BRUSH = QBrush(QColor("#f8c9c4"))
SOFT_BRUSH = QBrush(QColor("#fcefc7"))


class PlanTableModel(PlanTableEdits, PlanTableChecks, ListTableModel):
    """Rows and their words here; the verdicts in :class:`PlanTableChecks`, drag and drop and the undoable edits
    in :class:`PlanTableEdits` (mixins, one concern each)."""

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

    def edit_text(self, moved: list[dict], target: str) -> str:
        """The undo stack's name of an edit: 「移动 张三 到 第3考场 教学楼 A101 教室」."""
        session = self.plan.session_map()[target]
        room = self._display(COL_ROOM, session, "", "", None)
        if len(moved) > 1:
            return self.tr("移动 {n} 人 到 {room}").format(n=len(moved), room=room)
        m = moved[0]
        who = (self._cands if m.get("kind") == "candidate" else self._staff).get(m["id"])
        return self.tr("移动 {name} 到 {room}").format(name=who.name if who and who.name else m["id"], room=room)

