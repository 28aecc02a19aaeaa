"""A history read from the audit trail (:mod:`eligibility_desk.services.history`) as a table: when, who (display
name and account), what, old → new, and the reason given."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, Qt

from eligibility_desk.scoring.values import format_value
from eligibility_desk.services.history import CLEAR, CORRECT, DECIDE, ENTER, LOCK, HistoryStep
from eligibility_desk.services.scores.score_store import value_from_json
from eligibility_desk.ui.common.list_table_model import ListTableModel

COL_AT, COL_WHO, COL_WHAT, COL_CHANGE, COL_REASON = range(5)


class HistoryTableModel(ListTableModel):
    def __init__(self, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.steps: list[HistoryStep] = []
        self._headers = (self.tr("时间"), self.tr("操作人（账户）"), self.tr("操作"), self.tr("原值 → 新值"),
                         self.tr("理由"))

    def set_steps(self, steps: Sequence[HistoryStep]) -> None:
        self.beginResetModel()
        self.steps = list(steps)
        self.endResetModel()

    def shown_items(self) -> list:
        return self.steps

    # --- wording ------------------------------------------------------------------------------------------
    def who(self, step: HistoryStep) -> str:
        if step.display_name and step.display_name != step.account:
            return self.tr("{display}（{account}）").format(display=step.display_name, account=step.account)
        return step.account

    def what(self, step: HistoryStep) -> str:
        if step.action in (ENTER, CLEAR):
            if step.recorder == 0:
                doer = self.tr("考评员 {code}").format(code=step.examiner)
            else:
                doer = {1: self.tr("第一录入"), 2: self.tr("第二录入")}.get(step.recorder, str(step.recorder))
            return (self.tr("{who}：录入") if step.action == ENTER else self.tr("{who}：清除")).format(who=doer)
        return {LOCK: self.tr("锁定（最终值）"), CORRECT: self.tr("更正"), DECIDE: self.tr("复核决定")}.get(step.action, step.action)

    def value_text(self, step: HistoryStep, value: Any) -> str:
        if value is None:
            return self.tr("（空）")
        if step.action == DECIDE:
            return {"approve": self.tr("通过"), "reject": self.tr("不通过")}.get(value, str(value))
        return format_value(value_from_json(value), self.lang)

    def change(self, step: HistoryStep) -> str:
        if step.action == LOCK:
            return self.value_text(step, step.after)
        return f"{self.value_text(step, step.before)} → {self.value_text(step, step.after)}"

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        step = self.steps[index.row()]
        column = index.column()
        if column == COL_AT:
            return f"{step.at:%Y-%m-%d %H:%M:%S}"
        if column == COL_WHO:
            return self.who(step)
        if column == COL_WHAT:
            return self.what(step)
        if column == COL_CHANGE:
            return self.change(step)
        if column == COL_REASON:
            return step.reason
        return None
