"""A skill panel's scores (§1.9.3) as a table: one row per seat, one editable column per examiner, then the
part score (the examiners' mean, cut to the scale — rule file ``panel_score`` / ``panel_rounding``), the
spread and the state; a spread above ``panel_gap_flag`` is flagged for the panel leader.

Each examiner's cell shows that examiner's stored score, read with the outcomes from
``ScoreService.panel_view`` — so a sheet opened again, or scored at another desk, shows every score as it
was typed.  A typed score goes through ``ScoreService.panel_enter`` with the version of the score shown;
when another desk changed that score meanwhile nothing is saved, the model re-reads the sheet and
``refused`` says what the cell holds now.  On any refusal ``last_refused_text`` keeps what was typed, and
the panel's table reopens the cell with it (:class:`~.refused_cell_reopener.RefusedCellReopener`, as the
entry grid does).  A locked sheet's scores are shown read-only, and so is every score for an account that may
not enter scores (:meth:`PanelScoreModel.set_read_only` with the reason, the examiners' cells' tooltip).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.scoring import ScoreError
from eligibility_desk.ui.common.refusal_text import permission_denied
from eligibility_desk.scoring.values import format_value
from eligibility_desk.services.scores.score_views import error_text

SEAT, ADMISSION, NAME = 0, 1, 2
FIRST_EXAMINER = 3
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1
_FLAG_BRUSH = QBrush(QColor("#ffe0b2"))


class PanelScoreModel(QAbstractTableModel):
    refused = Signal(int, str)       # row, message
    entered = Signal(int)            # row: a typed score was stored

    def __init__(self, scores, info, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.scores, self.info, self.lang = scores, info, lang
        self.examiners = tuple(info.panel)
        self.rules = scores.rules_for(info.batch_id)
        self.view = scores.panel_view(info.id)
        #: what was typed when a score was last refused: the table reopens the cell with it (RefusedCellReopener)
        self.last_refused_text = ""
        #: why no score may be typed here ('' = allowed): the account lacks the recorder role
        self.read_only_reason = ""

    def set_read_only(self, reason: str) -> None:
        self.read_only_reason = reason
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def outcomes(self):
        return self.view.outcomes

    def refresh(self) -> bool:
        """Re-read every examiner's score and the outcomes (after an entry, or to see other desks' entries);
        True when something changed.  Rows and columns stay as they are, so the view keeps its selection;
        nothing is emitted when nothing changed (Qt writes ``dataChanged`` into open editors)."""
        view = self.scores.panel_view(self.info.id)
        if view == self.view:
            return False
        self.view = view
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        return True

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.info.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else FIRST_EXAMINER + len(self.examiners) + 3

    def _extra(self, column: int) -> int:
        return column - FIRST_EXAMINER - len(self.examiners)      # 0 mean, 1 spread, 2 state

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        if section < FIRST_EXAMINER:
            return (self.tr("座位号"), self.tr("准考证号"), self.tr("姓名"))[section]
        if section < FIRST_EXAMINER + len(self.examiners):
            return self.examiners[section - FIRST_EXAMINER]
        return (self.tr("均分"), self.tr("分差"), self.tr("状态"))[self._extra(section)]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if (FIRST_EXAMINER <= index.column() < FIRST_EXAMINER + len(self.examiners) and not self.view.sheet.locked
                and not self.read_only_reason):
            flags |= Qt.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.info.lines[index.row()]
        outcome = self.outcomes[line.seat]          # every seat has one, also before anyone scored it
        column = index.column()
        if role == FLAG_ROLE:
            return outcome.flagged
        if role == Qt.BackgroundRole:
            return _FLAG_BRUSH if outcome.flagged else None
        if role == Qt.ToolTipRole and column < FIRST_EXAMINER:     # the table may hide the admission number
            return f"{line.seat} · {line.admission_no} · {line.name}"
        if (role == Qt.ToolTipRole and self.read_only_reason
                and FIRST_EXAMINER <= column < FIRST_EXAMINER + len(self.examiners)):
            return self.read_only_reason
        if role == Qt.ToolTipRole and self._extra(column) == 2:    # the state column may be cut short
            return self.data(index)
        if role not in (Qt.DisplayRole, Qt.EditRole):
            return None
        if column < FIRST_EXAMINER:
            return (str(line.seat), line.admission_no, line.name)[column]
        if column < FIRST_EXAMINER + len(self.examiners):
            entry = self.view.entry(line.seat, self.examiners[column - FIRST_EXAMINER])
            return format_value(entry.value, self.lang) if entry is not None else ""
        extra = self._extra(column)
        if extra == 0:
            return str(outcome.score) if outcome.final and outcome.score is not None else ""
        if extra == 1:
            return "" if outcome.spread is None else str(outcome.spread)
        if outcome.flagged:
            return self.tr("分差超过 {gap} 分，须考评组长复核").format(gap=self.rules.panel_gap)
        return self.tr("完成") if outcome.final else self.tr("尚缺 {n} 人").format(n=len(outcome.missing))

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not (self.flags(index) & Qt.ItemIsEditable):
            return False
        examiner = self.examiners[index.column() - FIRST_EXAMINER]
        seat = self.info.lines[index.row()].seat
        text = "" if value is None else str(value).strip()
        try:
            self.scores.panel_enter(self.info.id, examiner, seat, text or None,
                                    expected_version=self.view.version(seat, examiner))
        except (ScoreError, permission_denied()) as exc:     # SheetError too: a locked sheet, an unknown seat
            return self._refuse(index.row(), seat, examiner, text, error_text(exc, self.lang))
        except StaleRecordError:
            self.refresh()
            now = self.index(index.row(), index.column()).data() or self.tr("空")
            return self._refuse(index.row(), seat, examiner, text, self.tr(
                "该分已在另一台电脑上被修改（现为 {now}），您输入的「{text}」未保存，请核对后重新输入").format(now=now, text=text))
        self.refresh()
        self.entered.emit(index.row())
        return True

    def _refuse(self, row: int, seat: int, examiner: str, text: str, message: str) -> bool:
        self.last_refused_text = text
        self.refused.emit(row, self.tr("座位 {seat}，{examiner}：{message}").format(
            seat=seat, examiner=examiner, message=message))
        return False
