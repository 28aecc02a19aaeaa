"""The applicant list: a table model over plain rows, with filtering and sorting done in the model.

Holds ``ApplicantListItem`` rows from the services layer (never ORM objects) and a list of visible row
numbers.  Filtering (:mod:`.applicant_filter`) and sorting permute that list and reset the model once, which
keeps a keystroke on 100,000 rows well under 100 ms; a per-row ``filterAcceptsRow`` callback in a proxy
would call into Python 100,000 times per keystroke.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, Qt

from eligibility_desk.ui.common import labels
from eligibility_desk.ui.common import verdict_style
from eligibility_desk.ui.common.id_numbers import masks_for, shown_id_number
from eligibility_desk.ui.screening.applicant_filter import ApplicantFilter, FilterIndex
from eligibility_desk.ui.common.list_table_model import ListTableModel

COL_CODE = 0
COL_NAME = 1
COL_ID_NUMBER = 2
COL_SCHOOL = 3
COL_MAJOR = 4
COL_LEVELS = 5
COL_VERDICT = 6
COL_DECIDED = 7
COLUMN_COUNT = 8

ROW_ROLE = Qt.UserRole + 1       # the ApplicantListItem
PK_ROLE = Qt.UserRole + 2        # its database key
_ROLES = frozenset(int(r) for r in (Qt.DisplayRole, Qt.DecorationRole, Qt.ForegroundRole, Qt.ToolTipRole, ROW_ROLE,
                                    PK_ROLE))
#: long-text columns: narrow by default, eliding with "…", the whole text in the tooltip
ELIDE_COLUMNS = (COL_NAME, COL_SCHOOL, COL_MAJOR, COL_VERDICT)
#: columns that show their whole text in a tooltip: the long-text ones, and the levels (which give way last, in a
#: narrow English window: 「level 3, level 4」)
TOOLTIP_COLUMNS = (*ELIDE_COLUMNS, COL_LEVELS)


class ApplicantTableModel(ListTableModel):
    def __init__(self, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        #: level code -> (Chinese, English) names of the standard(s) shown (Desk.level_names)
        self.level_names: dict = {}
        self._rows: Sequence = ()
        self._texts: dict[int, tuple[str, ...]] = {}
        self._index = FilterIndex(())
        self._visible: list[int] = []
        self._filter = ApplicantFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: 身份证号 masked in the column and in the search (an account with only 查看 / 考务; set_actor)
        self.masked = False
        self._headers = (self.tr("考生编号"), self.tr("姓名"), self.tr("身份证号码"), self.tr("学校"),
                         self.tr("专业"), self.tr("申报等级"), self.tr("审核结论"), self.tr("复核"))

    # --- loading, filtering, sorting -------------------------------------------------------------
    def set_actor(self, actor) -> None:
        """The account at the desk: its roles decide whether 身份证号 are shown whole (re-reads the rows)."""
        masked = masks_for(actor)
        if masked != self.masked:
            self.masked = masked
            self.set_rows(self._rows)

    def set_rows(self, rows: Sequence, keys: list[str] | None = None) -> None:
        """Show ``rows``; ``keys`` are their search keys if already computed (else built at the first search)."""
        self.beginResetModel()
        self._rows = rows
        self._texts = {}  # row number -> display texts, filled as rows are painted
        # a masked list is searched by what it shows: the whole number typed finds nobody
        self._index = FilterIndex(rows, None if self.masked else keys, masked=self.masked)
        if self._sort is not None:
            self._index.set_order(self._sorted(range(len(rows)), *self._sort))
        self._visible = self._index.select(self._filter)
        self.endResetModel()

    def set_filter(self, f: ApplicantFilter) -> None:
        if f == self._filter:
            return
        self._filter = f
        self.beginResetModel()
        self._visible = self._index.select(f)
        self.endResetModel()

    @property
    def filter(self) -> ApplicantFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort every row once (not only the visible ones), so later filtering keeps the order for free."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._index.set_order(self._sorted(range(len(self._rows)), column, order))
        self._visible = self._index.select(self._filter)
        self.layoutChanged.emit()

    def _sorted(self, numbers, column: int, order: Qt.SortOrder) -> list[int]:
        key = self._sort_key(column)
        values = [key(row) for row in self._rows]  # one key per row, then a C-level look-up per comparison
        reverse = order == Qt.DescendingOrder
        try:
            return sorted(numbers, key=values.__getitem__, reverse=reverse)
        except TypeError:  # a missing text (None) among strings
            values = [v if v is not None else "" for v in values]
            return sorted(numbers, key=values.__getitem__, reverse=reverse)

    def _sort_key(self, column: int):
        if column == COL_LEVELS:
            return lambda r: tuple(r.levels)
        if column == COL_VERDICT:
            return lambda r: labels.VERDICT_ORDER.get(labels.best_verdict(dict(r.final_verdicts)), 9)
        if column == COL_DECIDED:
            return lambda r: (bool(r.review_pending), bool(r.decided))
        if column == COL_ID_NUMBER and self.masked:
            return lambda r: shown_id_number(r.id_number, True)
        attr = {COL_CODE: "code", COL_NAME: "name", COL_ID_NUMBER: "id_number", COL_SCHOOL: "school",
                COL_MAJOR: "major"}[column]
        return attrgetter(attr)  # text columns are "" rather than None in ApplicantListItem

    # --- access --------------------------------------------------------------------------------
    def total_count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int):
        return self._rows[self._visible[row]]

    def row_of_pk(self, pk) -> int:
        """The visible row showing ``pk``, or -1 (a dict look-up and a C-speed list search)."""
        i = self._index.position_of_pk(pk)
        if i is None:
            return -1
        try:
            return self._visible.index(i)
        except ValueError:
            return -1

    # --- QAbstractTableModel -------------------------------------------------------------------
    def shown_items(self) -> list:
        return self._visible

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():  # the view asks ~10 roles per cell on every paint
            return None
        i = self._visible[index.row()]
        row = self._rows[i]
        column = index.column()
        if role == Qt.DisplayRole or role == Qt.ToolTipRole and column in TOOLTIP_COLUMNS:
            texts = self._texts.get(i)
            if texts is None:
                texts = self._texts[i] = tuple(self._display(row, c) for c in range(COLUMN_COUNT))
            return (texts[column] or None) if role == Qt.ToolTipRole else texts[column]
        if role == ROW_ROLE:
            return row
        if role == PK_ROLE:
            return row.pk
        if column == COL_VERDICT:
            best = labels.best_verdict(dict(row.final_verdicts))
            if role == Qt.DecorationRole and best:
                return verdict_style.verdict_icon(best)
            if role == Qt.ForegroundRole and best:
                return verdict_style.colour(best)
        if column == COL_DECIDED and role == Qt.ForegroundRole and row.review_pending:
            return verdict_style.colour("review")
        return None

    def _display(self, row, column: int) -> str:
        if column == COL_CODE:
            return row.code
        if column == COL_NAME:
            return row.name
        if column == COL_ID_NUMBER:
            return shown_id_number(row.id_number, self.masked)
        if column == COL_SCHOOL:
            return row.school or ""
        if column == COL_MAJOR:
            return row.major or ""
        if column == COL_LEVELS:
            sep = ", " if self.lang.startswith("en") else "、"
            return sep.join(labels.short_level(level, self.lang, self.level_names) for level in row.levels)
        if column == COL_VERDICT:
            return labels.verdicts_text(row.levels, dict(row.final_verdicts), self.lang, self.level_names, row.decided_levels)
        if column == COL_DECIDED:
            if row.review_pending:
                return self.tr("待复核")
            if row.decided:
                return self.tr("已决定：{who}").format(who="、".join(row.deciders)) if row.deciders else self.tr("已决定")
            return ""
        return ""
