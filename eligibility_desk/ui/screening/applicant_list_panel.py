"""The applicant list with its search box and filters (level, verdict, decided/undecided)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from eligibility_desk.domain.labels import verdict_label
from eligibility_desk.ui.screening.applicant_filter import ApplicantFilter
from eligibility_desk.ui.screening.applicant_table_model import (
    COL_CODE, COL_DECIDED, COL_ID_NUMBER, COL_LEVELS, COL_MAJOR, COL_NAME, COL_SCHOOL, COL_VERDICT, ELIDE_COLUMNS, PK_ROLE,
    ApplicantTableModel,
)
from eligibility_desk.ui.common.labels import short_level
from eligibility_desk.ui.common.width_share import FLOOR_CHARS, floor_width, shared_widths

#: each column as wide as a typical value, measured in the list's font (so a larger font keeps them whole); the
#: long-text columns (ELIDE_COLUMNS) elide past this and show the whole text in their tooltip
_COLUMN_SAMPLES = {COL_CODE: "D0901-00001", COL_NAME: "欧阳文涛", COL_ID_NUMBER: "44010619990106198X",
                   COL_SCHOOL: "北京市商业学校", COL_MAJOR: "电子商务专业", COL_LEVELS: "三级、四级",
                   COL_VERDICT: "三级 符合；四级 符合"}
#: the samples whose English text is wider (the levels are not elided: two levels show whole)
_ENGLISH_SAMPLES = {COL_LEVELS: "level 3, level 4"}


class ApplicantListPanel(QWidget):
    current_changed = Signal(object)   # pk of the applicant now selected, or None

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.model = ApplicantTableModel(self, lang)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索姓名、身份证号码、学校、专业 (Ctrl+F)"))
        self.search.textChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self.focus_first_match)  # type, Enter: the first match is shown

        self.level_filter = QComboBox(self)
        self.level_filter.setObjectName("level_filter")
        self.set_levels(("4", "3", "2", "1"))
        self.verdict_filter = QComboBox(self)
        self.verdict_filter.setObjectName("verdict_filter")
        self.verdict_filter.addItem(self.tr("全部结论"), None)
        for verdict in ("eligible", "review", "ineligible", "error"):
            self.verdict_filter.addItem(verdict_label(verdict, lang), verdict)
        self.decided_filter = QComboBox(self)
        self.decided_filter.setObjectName("decided_filter")
        self.decided_filter.addItem(self.tr("已决定/未决定"), None)
        self.decided_filter.addItem(self.tr("已决定"), True)
        self.decided_filter.addItem(self.tr("未决定"), False)
        for combo in (self.level_filter, self.verdict_filter, self.decided_filter):
            combo.currentIndexChanged.connect(self._apply_filter)

        self.view = QTableView(self)
        self.view.setObjectName("applicant_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_CODE, Qt.AscendingOrder)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)  # no per-row size hints on 100k rows
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        samples = {**_COLUMN_SAMPLES, **(_ENGLISH_SAMPLES if lang.startswith("en") else {})}
        for column, sample in samples.items():
            header.resizeSection(column, max(header.sectionSizeHint(column),
                                             self.view.fontMetrics().horizontalAdvance(sample) + 16
                                             + (20 if column == COL_VERDICT else 0)))   # the verdict's icon
        self.view.setProperty("elideColumns", [*ELIDE_COLUMNS, COL_LEVELS])   # 申报等级 only when very narrow
        # as wide as the samples when there is room; else the long-text columns give way (they elide anyway)
        # rather than the table scrolling sideways, and 复核 stretches from its title's width (Qt keeps a
        # stretched last section at least as wide as it was first: 100 px made the list scroll at 1280 px)
        self._natural = [header.sectionSize(c) for c in range(header.count())]
        self._natural[COL_DECIDED] = header.sectionSizeHint(COL_DECIDED)
        header.resizeSection(COL_DECIDED, self._natural[COL_DECIDED])
        self.view.viewport().installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.modelReset.connect(self._after_reset)

        self.count_label = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.level_filter)
        filters.addWidget(self.verdict_filter)
        filters.addWidget(self.decided_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._selected_pk = None
        self._update_count()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_width(event.size().width())
        return False

    def _fit_width(self, room: int) -> None:
        """The columns within ``room`` px (:func:`.width_share.shared_widths`): the long-text columns give way
        in proportion to their spare width, first down to their titles, then (a narrow English window) down to
        a few characters — a name to three, the title eliding too — and the levels down to one level; the last
        column (复核) takes what is left."""
        header = self.view.horizontalHeader()
        floors = {c: floor_width(self.view, 3 if c == COL_NAME else FLOOR_CHARS) for c in ELIDE_COLUMNS}
        floors[COL_LEVELS] = self.view.fontMetrics().horizontalAdvance("level 4" if self.lang.startswith("en") else "四级") + 16
        titles = [header.sectionSizeHint(c) for c in range(header.count())]
        titles[COL_LEVELS] = self._natural[COL_LEVELS]     # two levels stay whole while the titles are
        widths = shared_widths(self._natural, room, (*ELIDE_COLUMNS, COL_LEVELS), titles, floors)
        for column in range(header.count() - 1):
            if header.sectionSize(column) != widths[column]:
                header.resizeSection(column, widths[column])

    def set_levels(self, levels, names: dict | None = None) -> None:
        """The level filter's choices; ``names``: level code -> (Chinese, English) from the standard."""
        self.model.level_names = dict(names or {})
        current = self.level_filter.currentData()
        self.level_filter.blockSignals(True)
        self.level_filter.clear()
        self.level_filter.addItem(self.tr("全部等级"), None)
        for level in levels:
            self.level_filter.addItem(short_level(level, self.lang, names), str(level))
        found = self.level_filter.findData(current)
        self.level_filter.setCurrentIndex(max(found, 0))
        self.level_filter.blockSignals(False)

    def set_rows(self, rows, keys=None) -> None:
        self.model.set_rows(rows, keys)

    def current_filter(self) -> ApplicantFilter:
        return ApplicantFilter(text=self.search.text(), level=self.level_filter.currentData(),
                               verdict=self.verdict_filter.currentData(), decided=self.decided_filter.currentData())

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def focus_first_match(self) -> None:
        if self.model.rowCount():
            self.view.setFocus(Qt.ShortcutFocusReason)
            self.view.selectRow(0)

    def selected_pk(self):
        return self._selected_pk

    def select_pk(self, pk) -> bool:
        row = self.model.row_of_pk(pk) if pk is not None else -1
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pk = current.data(PK_ROLE) if current.isValid() else None
        if pk != self._selected_pk:
            self._selected_pk = pk
            self.current_changed.emit(pk)

    def _after_reset(self) -> None:
        self._update_count()
        if self._selected_pk is not None and not self.select_pk(self._selected_pk):
            self._selected_pk = None
            self.current_changed.emit(None)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        self.count_label.setText(self.tr("显示 {shown} / 共 {total} 名考生").format(shown=shown, total=total))
