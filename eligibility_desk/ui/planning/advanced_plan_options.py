"""高级 under the 编排 toolbar: the planner's seed, out of the planner's way (issue 13: "no 种子 in the
planner's face").

Collapsed by default; its 高级 button (placed in the toolbar row by the workspace) opens it.  The seed field
is optional — empty, 生成编排 draws a random seed — and every stored plan records the seed it was made with
(its 编排记录, ``plans.seed`` and ``plan_json["record"]["seed"]``), shown here and in the tooltip of the
version line, so the same candidates, resources and seed give the same plan again.  While the field holds a
seed the button says so (``高级（种子 42）``), so a collapsed seed never surprises anyone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class AdvancedPlanOptions(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("advanced_options")
        self.button = QToolButton(parent)
        self.button.setObjectName("advanced")
        self.button.setCheckable(True)
        self.button.setArrowType(Qt.RightArrow)
        self.button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.button.setToolTip(self.tr("编排种子等高级选项（一般无需修改）"))
        self.button.toggled.connect(self.set_open)
        self.seed = QLineEdit(self)
        self.seed.setObjectName("seed")
        self.seed.setPlaceholderText(self.tr("随机"))
        self.seed.setMaximumWidth(110)
        self.seed.setToolTip(self.tr("编排种子：同一名单和种子得到完全相同的编排；留空则随机抽取并记录。"))
        self.seed.textChanged.connect(lambda _text: self._name_button())
        self.record = QLabel(self)
        self.record.setObjectName("seed_record")
        self.record.setTextInteractionFlags(Qt.TextSelectableByMouse)
        label = QLabel(self.tr("编排种子"), self)
        label.setBuddy(self.seed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.seed)
        row.addWidget(QLabel(self.tr("（留空则随机抽取；同一名单和种子得到相同的编排）"), self))
        row.addSpacing(12)
        row.addWidget(self.record)
        row.addStretch(1)
        self._name_button()
        self.hide()

    def set_open(self, shown: bool) -> None:
        self.button.setChecked(shown)
        self.setVisible(shown)
        self.button.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)

    def seed_text(self) -> str:
        return self.seed.text().strip()

    def show_record(self, number: int | None, seed: int | None) -> str:
        """The seed the plan on screen was made with ("" when no stored plan is shown); returns the text."""
        text = "" if number is None else self.tr("编排记录：第 {n} 版的种子 {seed}").format(
            n=number, seed=seed if seed is not None else "—")
        self.record.setText(text)
        return text

    def _name_button(self) -> None:
        seed = self.seed_text()
        self.button.setText(self.tr("高级（种子 {seed}）").format(seed=seed) if seed else self.tr("高级"))
