"""The entry grid's model bound to a stored sheet: every typed cell is saved through :class:`ScoreService`.

A refusal (bad score, a locked sheet, one person as both recorders) and a version conflict (another desk
changed the same recorder's cell meanwhile) leave the stored value alone and emit ``entryRefused``; the grid
then reopens the cell with what was typed, so nothing typed is lost.  On a conflict the recorder's column is
re-read first, so the recorder sees the other desk's value before deciding.

A locked sheet is shown in compare mode with the final value (after corrections) in the last column.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.scoring import ScoreError
from eligibility_desk.ui.common.refusal_text import permission_denied
from eligibility_desk.scoring.values import format_value
from eligibility_desk.services.scores.score_views import error_text
from eligibility_desk.ui.scores.score_entry_model import COMPARE, ENTRY, STATUS, ScoreEntryModel


class StoredScoreEntryModel(ScoreEntryModel):
    def __init__(self, scores, sheet_id: int, mode: str, lang: str = "zh", parent=None):
        from eligibility_desk.ui.scores.score_reports import stored_sheet

        self.scores = scores
        recorders = (1, 2) if mode == COMPARE else ((1,) if mode == "first" else (2,))
        self.info, sheet, self.versions = stored_sheet(scores, sheet_id, recorders)
        super().__init__(sheet, scores.rules_for(self.info.batch_id), mode, lang, parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (self.sheet.locked and self.mode == COMPARE and section == STATUS and role == Qt.ItemDataRole.DisplayRole
                and orientation == Qt.Orientation.Horizontal):
            return "Final" if self.lang.startswith("en") else "最终成绩"
        return super().headerData(section, orientation, role)

    def _status(self, seat: int) -> str:
        if self.sheet.locked:
            return format_value(self.sheet.final.get(seat), self.lang)
        return super()._status(seat)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, text = index.row(), "" if value is None else str(value).strip()
        seat = self.seat_at(row)
        before = self.entry_text(row)
        try:
            entry = self.scores.enter(self.info.id, self.recorder, seat, text, expected_version=self.versions.get(seat, 0))
        except (ScoreError, permission_denied()) as exc:     # SheetError too: locked, same_recorder, unknown seat
            return self._refuse(row, text, error_text(exc, self.lang))
        except StaleRecordError:
            self.reload_column()
            now = format_value(self.sheet.entry(self.recorder, seat), self.lang) or ("empty" if self.lang.startswith("en") else "空")
            return self._refuse(row, text, (f"changed at another desk meanwhile (now {now}); your '{text}' was not saved — check and enter again"
                                            if self.lang.startswith("en") else
                                            f"该格已在另一台电脑上被修改（现为 {now}），您输入的「{text}」未保存，请核对后重新输入"))
        self.sheet.enter(self.recorder, seat, entry.value if entry is not None else None)
        self.versions[seat] = entry.version if entry is not None else 0
        self._accepted(index, before)
        return True

    def _refuse(self, row: int, text: str, message: str) -> bool:
        self.last_refused_text = text
        self.entryRefused.emit(row, message)
        return False

    def reload_column(self) -> None:
        """Re-read this recorder's entries (after a conflict) without resetting the view."""
        view = self.scores.recorder_view(self.info.id, self.recorder)
        book = self.sheet.entries.setdefault(self.recorder, {})
        book.clear()
        for seat, entry in view.entries.items():
            book[seat] = entry.value
        self.versions = {seat: entry.version for seat, entry in view.entries.items()}
        if self.rowCount():
            self.dataChanged.emit(self.index(0, ENTRY), self.index(self.rowCount() - 1, ENTRY))
