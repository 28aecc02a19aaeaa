"""Creating an assessment batch (考试批次): name, standard and rule version, levels, as-of date."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget,
)

from eligibility_desk.ui.common.labels import short_level
from eligibility_desk.ui.common.refusal_text import refusal_text


class NewBatchDialog(QDialog):
    def __init__(self, desk, parent: QWidget | None = None, lang: str = "zh",
                 may_create: Callable[[], bool] | None = None):
        """``may_create`` is asked once OK is pressed, before the batch is created (the window's 保存 / 放弃 /
        取消 about unsaved work); False closes the dialog creating nothing."""
        super().__init__(parent)
        self.desk = desk
        self.lang = lang
        self.may_create = may_create
        self.batch_id: int | None = None
        self.setWindowTitle(self.tr("新建考试批次"))
        self.name = QLineEdit(self)
        self.name.setText(self.tr("{year} 年第 1 批").format(year=date.today().year))
        self.standard = QComboBox(self)
        for code in desk.library.codes():
            spec = desk.library.get(code).spec
            self.standard.addItem(f"{code} {spec.name}", code)
        # the standard the centre used last, else the first national occupational standard (X-XX-XX-XX) —
        # not whichever code sorts first (a 1+X pack)
        batches = desk.batches()
        codes = [self.standard.itemData(i) for i in range(self.standard.count())]
        preferred = batches[-1].standard if batches else next(
            (c for c in codes if re.fullmatch(r"\d-\d{2}-\d{2}-\d{2}", c)), None)
        if preferred in codes:
            self.standard.setCurrentIndex(codes.index(preferred))
        self.standard.currentIndexChanged.connect(self._standard_changed)
        #: the rule version: "in force on the as-of date" (None) or one version of the standard's rule files
        self.version = QComboBox(self)
        self.version.setObjectName("rule_version")
        self.version.currentIndexChanged.connect(self._version_changed)
        self.level_boxes: dict[str, QCheckBox] = {}
        self.levels_row = QHBoxLayout()
        self.as_of = QDateEdit(QDate.currentDate(), self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel(self)
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("批次名称"), self.name)
        form.addRow(self.tr("职业标准"), self.standard)
        form.addRow(self.tr("规则版本"), self.version)
        form.addRow(self.tr("申报等级"), self.levels_row)
        form.addRow(self.tr("审核基准日"), self.as_of)
        form.addRow(self.error)
        form.addRow(buttons)
        self._standard_changed()

    def _standard_changed(self) -> None:
        code = self.standard.currentData()
        self.version.blockSignals(True)
        self.version.clear()
        self.version.addItem(self.tr("按审核基准日适用的版本"), None)
        if code is not None:
            for compiled in self.desk.library.versions(code):
                spec = compiled.spec
                self.version.addItem(self.tr("{version}（{date} 起施行）").format(
                    version=spec.version, date=spec.effective_from.isoformat()), spec.version)
        self.version.blockSignals(False)
        self._version_changed()

    def _version_changed(self) -> None:
        for box in self.level_boxes.values():
            self.levels_row.removeWidget(box)
            box.deleteLater()
        self.level_boxes = {}
        code = self.standard.currentData()
        if code is None:
            return
        spec = self.desk.library.get(code, version=self.version.currentData()).spec
        names = {d.code: (d.name, d.name_en) for d in spec.declared_levels}
        for level in spec.level_codes:
            box = QCheckBox(short_level(level, self.lang, names), self)
            box.setChecked(True)
            self.levels_row.addWidget(box)
            self.level_boxes[level] = box

    def _create(self) -> None:
        from eligibility_desk.domain.errors import InvalidRecord

        levels = [level for level, box in self.level_boxes.items() if box.isChecked()]
        problem = self._problem(levels)
        if problem:             # refused before the clerk is asked: 放弃 must not drop edits for nothing
            self.error.setText(problem)
            return
        if self.may_create is not None and not self.may_create():
            self.reject()
            return
        try:
            self.batch_id = self.desk.create_batch(self.name.text(), self.standard.currentData(), levels,
                                                   self.as_of.date().toPython(),
                                                   rule_version=self.version.currentData())
        except InvalidRecord as exc:
            self.error.setText("\n".join(e.describe(self.lang) for e in exc.errors))
            return
        except Exception as exc:  # noqa: BLE001 — e.g. no version of the standard in force on that date
            self.error.setText(refusal_text(exc, self.lang))
            return
        self.accept()

    def _problem(self, levels: list[str]) -> str:
        """Why the batch would be refused (its name, no level ticked, no version of the standard in force on the
        as-of date), worded; "" when it can be created."""
        try:
            problems = self.desk.batch_problems(self.name.text(), self.standard.currentData(), levels,
                                                self.as_of.date().toPython(), rule_version=self.version.currentData())
        except Exception as exc:  # noqa: BLE001 — as create_batch would: e.g. NoRuleVersionError
            return refusal_text(exc, self.lang)
        return "\n".join(e.describe(self.lang) for e in problems)
