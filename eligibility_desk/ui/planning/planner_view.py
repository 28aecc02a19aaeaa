"""The planner view: one plan in two views — 时间表 (rooms × time slots, a block per session; click a block
for its seats and staff, drag a person onto another block with the checker's verdict live) and 列表 (one row
per person, filtered by slot, rows dragged onto rows).  Both read one :class:`PlanTableModel`: one edit path,
one undo stack (the workspace hands it to the window's 撤销 / 重做), an edit in one shows in the other.

The live checker knows the holiday calendar (``rules/calendar/``): sessions on a statutory holiday or on a
weekend that is not a make-up working day are warned about in both views, as the command line does.  The
weekend warning is the centre's choice: 「提示周末场次」 beside the counts turns it on or off at once (both views,
the legend, the problem list); the workspace stores it for the centre (``weekendHintToggled``).

Edits are re-checked incrementally (only what they can touch); a full check, when one is needed, runs off the
GUI thread with the workspace's runner and the counts say 「正在全面检查…」 meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from eligibility_desk.planning import wording
from eligibility_desk.ui.common.width_share import floor_width, shared_widths
from eligibility_desk.ui.planning.plan_table_model import ELIDE_COLUMNS, PlanTableModel
from eligibility_desk.ui.planning.timetable_detail import TimetableDetail
from eligibility_desk.ui.planning.timetable_legend import TimetableLegend
from eligibility_desk.ui.planning.timetable_model import TimetableModel
from eligibility_desk.ui.planning.timetable_view import TimetableView

_MAX_LONG = 220    # px: room, name and institution columns elide past this


def default_calendar():
    """The holiday calendar of ``rules/calendar/`` (None when a file there is unreadable: no holiday warnings
    then, the planner still works)."""
    from eligibility_desk.scoring.workdays import CalendarError, WorkCalendar

    try:
        return WorkCalendar.cached()
    except (CalendarError, OSError, ValueError):
        return None


class PlannerView(QWidget):
    TIMETABLE, LIST = 0, 1
    #: 「提示周末场次」 was switched by hand (the workspace stores the centre's setting)
    weekendHintToggled = Signal(bool)

    def __init__(self, scenario, rules, plan=None, parent=None, lang: str = "zh", calendar=None,
                 weekend_hint: bool = True, runner=None, checked=None):
        """``calendar``: a WorkCalendar for the holiday warnings; None loads ``rules/calendar/``, False: none.
        ``weekend_hint``: the centre's setting; ``runner``: where a full check runs (None: at once);
        ``checked``: the full check of ``plan`` made already (an IncrementalCheck, on the loading worker)."""
        super().__init__(parent)
        self.lang = lang
        if calendar is None:
            calendar = default_calendar()
        self.model = PlanTableModel(scenario, rules, parent=self, lang=lang, calendar=calendar or None,
                                    weekend_hint=weekend_hint, runner=runner)
        self.weekend_box = QCheckBox(self.tr("提示周末场次"), self)
        self.weekend_box.setObjectName("weekend_hint")
        self.weekend_box.setToolTip(self.tr("在周末（非调休上班日）安排的场次给出提示。常在周末考试的中心可关闭；"
                                            "法定节假日总会提示。本中心所有电脑共用此设置。"))
        self.weekend_box.setChecked(weekend_hint)
        self.weekend_box.toggled.connect(self._weekend_toggled)
        self.model.fullCheckProgress.connect(self._full_check_progress)

        self.slot_box = QComboBox(self)
        self.slot_box.currentIndexChanged.connect(self._slot_chosen)
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("时段"), self))
        top.addWidget(self.slot_box)
        top.addStretch(1)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDrop)
        self.table.setDefaultDropAction(Qt.MoveAction)
        self.table.setDragDropOverwriteMode(True)
        self.table.verticalHeader().setVisible(False)
        # fixed widths: ResizeToContents measures every row on each reset (seconds on a 10,000-candidate plan)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        samples = ("10-18 09:00–12:00", "第123考场 1号楼101室", "理论知识考试", "等级", "监考人员（主监考）", "座号",
                   "C000000", "欧阳文涛", "某某职业技术学院")
        for col, sample in enumerate(samples):
            header.resizeSection(col, self.fontMetrics().horizontalAdvance(sample) + 20)
        self._natural = [header.sectionSize(c) for c in range(header.count())]
        self.table.viewport().installEventFilter(self)     # the columns follow the table's width (_fit_width)
        self.table.setProperty("elideColumns", list(ELIDE_COLUMNS))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

        self.timetable_model = TimetableModel(self.model, self, lang)
        self.timetable = TimetableView(self.timetable_model, self)
        self.detail = TimetableDetail(self.timetable_model, self, lang)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("timetable_verdict")
        self.verdict.setWordWrap(True)
        self.timetable.sessionChosen.connect(self.detail.show_session)
        self.timetable.verdictChanged.connect(self._show_verdict)
        self.model.violationsChanged.connect(lambda *_: self.detail.refresh())
        grid = QWidget(self)
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.timetable, 1)
        grid_layout.addWidget(self.verdict)
        self.legend = TimetableLegend(grid)
        self.legend.set_weekend_hint(weekend_hint)
        grid_layout.addWidget(self.legend)
        sides = QSplitter(Qt.Horizontal, self)
        sides.addWidget(grid)
        sides.addWidget(self.detail)
        sides.setStretchFactor(0, 3)
        sides.setStretchFactor(1, 1)
        sides.setSizes([900, 300])

        listing = QWidget(self)
        list_layout = QVBoxLayout(listing)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.table)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("planner_views")
        self.tabs.addTab(sides, self.tr("时间表"))
        self.tabs.addTab(listing, self.tr("列表"))
        corner = QWidget(self)
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 4, 0)
        corner_layout.addWidget(self.weekend_box)
        corner_layout.addSpacing(12)
        corner_layout.addWidget(self.summary)
        self.tabs.setCornerWidget(corner, Qt.TopRightCorner)

        self.problems = QListWidget(self)
        self.problems.itemActivated.connect(self._show_problem)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.problems)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.model.violationsChanged.connect(self._refresh_problems)
        if plan is not None:
            self.set_plan(plan, checked)

    def set_plan(self, plan, checked=None) -> None:
        self.model.set_plan(plan, checked)
        self.fit_columns()
        self.slot_box.blockSignals(True)
        self.slot_box.clear()
        self.slot_box.addItem(self.tr("全部时段"), None)
        for label in self.model.slot_labels():
            self.slot_box.addItem(label, label)
        self.slot_box.blockSignals(False)
        self._refresh_problems()

    def fit_columns(self, sample_rows: int = 400) -> None:
        """Columns as wide as their header and the widest of the first rows (a few hundred, not every row: a
        10,000-candidate plan stays instant), the long-text columns at most _MAX_LONG px (they elide)."""
        header, metrics, model = self.table.horizontalHeader(), self.table.fontMetrics(), self.model
        rows = min(model.rowCount(), sample_rows)
        for column in range(model.columnCount() - 1):          # the last column (问题) takes what is left
            texts = (model.index(row, column).data() for row in range(rows))
            widest = max((metrics.horizontalAdvance(text) for text in texts if isinstance(text, str)), default=0)
            width = max(header.sectionSizeHint(column), widest + 20)
            header.resizeSection(column, min(width, _MAX_LONG) if column in ELIDE_COLUMNS else width)
        self._natural = [header.sectionSize(c) for c in range(header.count())]
        # 问题 stretches from its title's width (Qt keeps a stretched last section at least as wide as it was
        # first: its 100 px made the list scroll sideways at 1024 px)
        self._natural[-1] = header.sectionSizeHint(header.count() - 1)
        header.resizeSection(header.count() - 1, self._natural[-1])
        self._fit_width(self.table.viewport().width())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_width(event.size().width())
        return False

    def _fit_width(self, room: int) -> None:
        """The columns within ``room`` px rather than scrolling sideways (:func:`.width_share.shared_widths`):
        room, name and institution give way, first down to their titles, then (a narrow English window) to a
        few characters; 问题 takes what is left."""
        header = self.table.horizontalHeader()
        natural = getattr(self, "_natural", None)
        if not natural or len(natural) != header.count():
            return
        floors = {c: floor_width(self.table, 3) for c in ELIDE_COLUMNS}
        titles = [header.sectionSizeHint(c) for c in range(header.count())]
        widths = shared_widths(natural, room, ELIDE_COLUMNS, titles, floors)
        for column in range(header.count() - 1):
            if header.sectionSize(column) != widths[column]:
                header.resizeSection(column, widths[column])

    def _slot_chosen(self, _index: int) -> None:
        self.model.set_slot_filter(self.slot_box.currentData())

    def _refresh_problems(self, *_counts) -> None:
        hard = [v for v in self.model.violations if v.hard]
        soft = [v for v in self.model.violations if not v.hard]
        self.summary.setText(self.tr("{0} 处违规，{1} 条提示").format(len(hard), len(soft)))
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold" if hard else "")
        self.problems.clear()
        for v in [*hard, *soft]:
            prefix = self.tr("违规") if v.hard else self.tr("提示")
            item = QListWidgetItem(f"{prefix} {v.rule} {v.session or ''} {wording.violation_text(v, self.lang)}")
            item.setData(Qt.UserRole, v.session)
            if v.hard:
                item.setForeground(Qt.darkRed)
            self.problems.addItem(item)

    def set_weekend_hint(self, on: bool) -> None:
        """Follow the centre's setting (the box, the checker, the legend) without telling the workspace."""
        self.weekend_box.blockSignals(True)
        self.weekend_box.setChecked(on)
        self.weekend_box.blockSignals(False)
        self.legend.set_weekend_hint(on)
        self.model.set_weekend_hint(on)

    def _weekend_toggled(self, on: bool) -> None:
        self.legend.set_weekend_hint(on)
        self.model.set_weekend_hint(on)
        self.weekendHintToggled.emit(on)

    def _full_check_progress(self, done: int, total: int) -> None:
        """While a full check runs off the GUI thread: 「正在全面检查… 2/5」 (the list stays usable)."""
        if total > 0:
            self.summary.setText(self.tr("正在全面检查… {0}/{1}").format(done, total))
        else:
            self._refresh_problems()

    def _show_verdict(self, words: str, ok: bool) -> None:
        """While a person is dragged over a block: what the drop would do (green: fine, red: violations)."""
        self.verdict.setText(words)
        self.verdict.setStyleSheet("" if not words else "color: #2e7d32" if ok else "color: #b3261e; font-weight: bold")

    def _show_problem(self, item: QListWidgetItem) -> None:
        """Jump to the violation's session: its block in the timetable, its first row in the list."""
        session = item.data(Qt.UserRole)
        if not session:
            return
        if self.tabs.currentIndex() == self.TIMETABLE:
            self.timetable.choose(session)
            return
        self.slot_box.setCurrentIndex(0)
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(Qt.UserRole + 1) == session:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return
