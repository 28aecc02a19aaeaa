"""The applicant form: personal data and the four kinds of records, validated as you type, undoable, and
saved with the optimistic version check (a record changed by another desk meanwhile is refused, clearly)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QTabWidget, QVBoxLayout,
    QWidget,
)

from eligibility_desk.ui.screening.applicant_draft import ApplicantDraft
from eligibility_desk.ui.screening.choice_delegate import ChoiceDelegate
from eligibility_desk.domain.idnumber import sex_of
from eligibility_desk.ui.common.id_numbers import masks_for, shown_id_number
from eligibility_desk.ui.common.labels import short_level
from eligibility_desk.ui.screening.record_columns import COLUMNS, CONTEXT, KIND_TITLES, KINDS
from eligibility_desk.ui.screening.record_table_model import RecordTableModel

_ERROR_STYLE = "color:#c62828"
_FIELD = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")
_PERSONAL = ("id", "name", "id_number", "birth_date", "phone")
#: the photo box: a resident ID card photo's proportions (358×441), small
PHOTO_BOX = QSize(90, 111)


class ApplicantForm(QWidget):
    saved = Signal(int, bool)       # pk of the applicant just saved, whether it was new
    save_refused = Signal(str)      # why nothing was saved (invalid fields, or another desk saved first)

    def __init__(self, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.desk = None
        self.masked = False           # 身份证号 shown masked (an account with only 查看 / 考务): set_desk
        self.draft = ApplicantDraft(self)
        self.draft.changed.connect(self._refresh)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()

        personal = QFormLayout()
        self.line_edits: dict[str, QLineEdit] = {}
        self.field_errors: dict[str, QLabel] = {}
        for key in _PERSONAL:
            edit = QLineEdit(self)
            edit.setObjectName(f"edit_{key}")
            edit.editingFinished.connect(lambda key=key: self._personal_edited(key))
            error = QLabel(self)
            error.setStyleSheet(_ERROR_STYLE)
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(edit)
            box.addWidget(error)
            label = QLabel(self.line_label(key), self)
            # the long title on two lines when the pane is narrow (「Birth date (empty: from the ID number)」 made
            # the pane 505 px wide: at 1024 px the applicant list beside it scrolled sideways)
            label.setWordWrap(key == "birth_date")
            personal.addRow(label, box)
            self.line_edits[key] = edit
            self.field_errors[key] = error
        # 性别 is read from the ID number (GB 11643), never typed: shown beside it so a wrong digit shows
        self.sex_label = QLabel(self)
        self.sex_label.setObjectName("sex")
        self.sex_label.setWordWrap(True)
        personal.insertRow(3, self.tr("性别"), self.sex_label)
        self.levels_row = QHBoxLayout()
        self.level_boxes: dict[str, QCheckBox] = {}
        personal.addRow(self.tr("申报等级"), self.levels_row)

        self.tabs = QTabWidget(self)
        self.tables: dict[str, QTableView] = {}
        self.models: dict[str, RecordTableModel] = {}
        for kind in KINDS:
            self.tabs.addTab(self._records_page(kind), QCoreApplication.translate(CONTEXT, KIND_TITLES[kind]))

        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(_ERROR_STYLE)

        # Ctrl+Z / Ctrl+Shift+Z are the main window's (its QUndoGroup makes draft.undo_stack active in 审核)
        undo_button = QPushButton(self.tr("撤销"), self)
        undo_button.clicked.connect(self.draft.undo_stack.undo)
        self.draft.undo_stack.canUndoChanged.connect(undo_button.setEnabled)
        undo_button.setEnabled(False)
        redo_button = QPushButton(self.tr("重做"), self)
        redo_button.clicked.connect(self.draft.undo_stack.redo)
        self.draft.undo_stack.canRedoChanged.connect(redo_button.setEnabled)
        redo_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"), self)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(undo_button)
        buttons.addWidget(redo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        # the photo stored with the applicant (文件 → 导入照片文件夹, or the template's 照片 column), as slips print it
        self.photo = QLabel(self)
        self.photo.setObjectName("photo")
        self.photo.setFixedSize(PHOTO_BOX)
        self.photo.setAlignment(Qt.AlignCenter)
        self.photo.setStyleSheet("border:1px solid #bdbdbd; color:#9e9e9e")
        head = QHBoxLayout()
        head.addLayout(personal, 1)
        head.addWidget(self.photo, 0, Qt.AlignTop)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self._refresh()

    def _records_page(self, kind: str) -> QWidget:
        page = QWidget(self)
        model = RecordTableModel(self.draft, kind, page, self.lang)
        view = QTableView(page)
        view.setObjectName(f"table_{kind}")
        view.setModel(model)
        view.setItemDelegate(ChoiceDelegate(view, self.lang))
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        for column in range(model.columnCount()):   # each title whole (at Qt's 100 px the English ones were cut)
            view.horizontalHeader().resizeSection(column, max(100, view.horizontalHeader().sectionSizeHint(column)))
        view.setProperty("scrollsSideways", True)    # one column per field of the record: they run on
        view.setEditTriggers(QTableView.DoubleClicked | QTableView.EditKeyPressed | QTableView.AnyKeyPressed)
        add = QPushButton(self.tr("添加"), page)
        add.clicked.connect(lambda: self._add_record(kind))
        remove = QPushButton(self.tr("删除所选"), page)
        remove.clicked.connect(lambda: self._remove_record(kind))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box = QVBoxLayout(page)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(view)
        box.addLayout(row)
        self.tables[kind] = view
        self.models[kind] = model
        return page

    # --- wiring ----------------------------------------------------------------------------------
    def set_desk(self, desk) -> None:
        """The desk; its account's roles decide whether the 身份证号 is shown whole or masked (read only)."""
        self.desk = desk
        self.masked = masks_for(getattr(desk, "actor", None))
        self.line_edits["id_number"].setReadOnly(self.masked)
        self.line_edits["id_number"].setToolTip(self.tr("本账户的角色只能看到打码的身份证号码") if self.masked else "")
        self._refresh()

    def _shown(self, key: str, value: str) -> str:
        return shown_id_number(value, True) if key == "id_number" and self.masked else value

    def set_batch_levels(self, levels, names: dict | None = None) -> None:
        """The levels of the batch shown: a new applicant is entered for the ones ticked."""
        for box in self.level_boxes.values():
            self.levels_row.removeWidget(box)
            box.deleteLater()
        self.level_boxes = {}
        for level in levels:
            box = QCheckBox(short_level(level, self.lang, names), self)
            box.setObjectName(f"level_{level}")
            self.levels_row.addWidget(box)
            self.level_boxes[str(level)] = box

    def chosen_levels(self) -> list[str]:
        return [level for level, box in self.level_boxes.items() if box.isChecked()]

    def load(self, applicant, pk: int | None, version: int | None, levels=()) -> None:
        """Edit ``applicant`` (``None``: a new one); ``levels`` it applies for in the batch (shown, fixed)."""
        self.banner.hide()
        for level, box in self.level_boxes.items():
            box.setChecked(level in levels)
            box.setEnabled(pk is None)
        self.draft.load(applicant, pk, version)
        self.show_photo(pk)

    def show_photo(self, pk: int | None) -> None:
        """The stored photo of applicant ``pk`` scaled into the box, or a note that there is none."""
        photo = None
        if pk is not None and self.desk is not None:
            from eligibility_desk.services.printing.photos import stored_photo

            photo = stored_photo(self.desk.db, pk)
        image = QPixmap()
        if photo is not None and image.loadFromData(photo.jpeg, "JPEG"):
            self.photo.setPixmap(image.scaled(PHOTO_BOX, Qt.KeepAspectRatio, Qt.SmoothTransformation))
            self.photo.setToolTip(self.tr("照片 {width}×{height}（打印准考证时使用）").format(width=photo.width,
                                                                                  height=photo.height))
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("无照片"))
            self.photo.setToolTip(self.tr("文件 → 导入照片文件夹，或在导入模板的「照片」列填写文件名"))

    def new_applicant(self) -> None:
        self.load(None, None, None)
        self.line_edits["id"].setFocus()

    # --- edits -----------------------------------------------------------------------------------
    def _personal_edited(self, key: str) -> None:
        if key == "id_number" and self.masked:      # shown masked, read only: never written back
            return
        self.draft.set((key,), self.line_edits[key].text())

    def _add_record(self, kind: str) -> None:
        row = self.draft.add_record(kind)
        view = self.tables[kind]
        view.setCurrentIndex(self.models[kind].index(row, 0))
        view.setFocus()

    def _remove_record(self, kind: str) -> None:
        index = self.tables[kind].currentIndex()
        if index.isValid():
            self.draft.remove_record(kind, index.row())

    def _refresh(self) -> None:
        draft = self.draft
        self.banner.hide()  # a message from the last save no longer applies once anything changes
        for key, edit in self.line_edits.items():
            value = self._shown(key, draft.data.get(key) or "")
            if edit.text() != value:
                edit.setText(value)
            error = draft.errors.get(key)
            label = self.field_errors[key]
            label.setText(error.message(self.lang) if error else "")
            label.setVisible(error is not None)
            edit.setStyleSheet("border:1px solid #c62828" if error else "")
        sex = sex_of((draft.data.get("id_number") or "").strip().upper())
        self.sex_label.setText({"M": self.tr("男"), "F": self.tr("女")}.get(sex, self.tr("（由身份证号码得出）")))
        for kind, view in self.tables.items():
            count = sum(1 for field in draft.errors if field.startswith(f"{kind}["))
            title = QCoreApplication.translate(CONTEXT, KIND_TITLES[kind])
            self.tabs.setTabText(KINDS.index(kind), f"{title} ({count}!)" if count else title)
        colon = ": " if self.lang.startswith("en") else "："
        self.problems.setText("\n".join(f"{self.field_title(e.field)}{colon}{e.message(self.lang)}" for e in draft.errors.values()))
        self.problems.setVisible(bool(draft.errors))
        self.save_button.setEnabled(self.desk is not None)

    def field_title(self, field: str) -> str:
        """``work[0].end`` -> 工作经历 第 1 行「结束日期（空为至今）」."""
        match = _FIELD.match(field)
        if match is None:
            key = field.split(".")[0]
            return self.line_label(key)
        kind, row, key = match.group(1), int(match.group(2)), match.group(3)
        title = QCoreApplication.translate(CONTEXT, KIND_TITLES.get(kind, kind)) if kind in KIND_TITLES else kind
        header = key or ""
        for column in COLUMNS.get(kind, ()):
            if column.key == key:
                header = QCoreApplication.translate(CONTEXT, column.header)
        return self.tr("{kind} 第 {row} 行「{column}」").format(kind=title, row=row + 1, column=header)

    def line_label(self, key: str) -> str:
        return {"id": self.tr("考生编号"), "name": self.tr("姓名"), "id_number": self.tr("身份证号码"),
                "birth_date": self.tr("出生日期（空则按身份证）"), "phone": self.tr("联系电话")}.get(key, key)

    # --- unsaved work (the window asks 保存 / 放弃 / 取消 before it would be lost, see unsaved_work.py) ----
    def unsaved_work(self) -> str:
        """What would be lost: "" unless the draft differs from the applicant as loaded or saved (a field still
        being typed in counts, as it does for 保存)."""
        if not (self.draft.is_modified() or self._typed_keys()):
            return ""
        name = self.line_edits["name"].text().strip() or self.line_edits["id"].text().strip() or self.tr("未填姓名")
        if self.draft.pk is None:
            return self.tr("「考生资料」中的新考生尚未保存（{name}）。").format(name=name)
        return self.tr("「考生资料」有未保存的修改（{name}）。").format(name=name)

    def save_unsaved_work(self) -> bool:
        """保存: as the form's 保存 button; False when refused (the banner and the red fields say why)."""
        return self.save()

    def discard_unsaved_work(self) -> None:
        """放弃: back to the applicant as loaded or saved."""
        self.draft.discard_changes()
        self._refresh()   # also puts back a field that was typed in but not yet taken into the draft

    def _typed_keys(self) -> list[str]:
        return [key for key, edit in self.line_edits.items()
                if edit.text() != self._shown(key, self.draft.data.get(key) or "")]

    # --- saving ----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save if every field is valid; otherwise (or if another desk saved first) say why and keep the edits."""
        for key in self._typed_keys():  # a field still being typed in counts
            self._personal_edited(key)
        if self.draft.errors:
            self._refuse(self.tr("有 {n} 处错误，未保存：请先改正标红的栏目。").format(n=len(self.draft.errors)),
                         next(iter(self.draft.errors)))
            return False
        if self.desk is None:
            return False
        created = self.draft.pk is None
        if created and self.level_boxes and not self.chosen_levels():
            self._refuse(self.tr("未保存：请勾选申报等级。"), "levels")
            return False
        from eligibility_desk.domain.errors import InvalidRecord
        from eligibility_desk.persistence.errors import StaleRecordError
        from eligibility_desk.services.accounts import PermissionDenied

        try:
            pk, version = self.desk.save_applicant(self.draft.pk, self.draft.applicant, self.draft.version)
        except StaleRecordError as exc:
            self._refuse(exc.message(self.lang))
            return False
        except InvalidRecord as exc:
            self._refuse(self.tr("未保存：") + "；".join(e.describe(self.lang) for e in exc.errors),
                         exc.errors[0].field if exc.errors else "")
            return False
        except PermissionDenied as exc:      # the account's roles do not allow it: said, the edits kept
            self._refuse(self.tr("未保存：") + exc.message(self.lang))
            return False
        self.draft.mark_saved(pk, version)
        self.banner.setStyleSheet("background:#e8f5e9;color:#2e7d32;padding:4px")
        self.banner.setText(self.tr("已保存（第 {version} 版）。").format(version=version))
        self.banner.show()
        for box in self.level_boxes.values():
            box.setEnabled(False)
        self.saved.emit(pk, created)
        return True

    def _refuse(self, message: str, field: str = "") -> None:
        """Say why nothing was saved; once the form is shown (``save_refused``), go to ``field`` — the first
        problem listed — so the clerk need not look for it."""
        self.banner.setStyleSheet("background:#ffebee;color:#c62828;padding:4px;font-weight:bold")
        self.banner.setText(message)
        self.banner.show()
        self.save_refused.emit(message)
        if field:
            self.go_to_field(field)

    def go_to_field(self, field: str) -> None:
        """Put the cursor on ``field``: a personal field (``id_number``), the levels (``levels``), or a record's
        cell (``work[0].end`` — its tab opened, the cell made current)."""
        match = _FIELD.match(field)
        if match is None:
            key = field.split(".")[0]
            if key in self.line_edits:
                self.line_edits[key].setFocus(Qt.OtherFocusReason)
            elif key == "levels" and self.level_boxes:
                next(iter(self.level_boxes.values())).setFocus(Qt.OtherFocusReason)
            return
        kind, row, key = match.group(1), int(match.group(2)), match.group(3)
        if kind not in self.tables:
            return
        self.tabs.setCurrentIndex(KINDS.index(kind))
        model, view = self.models[kind], self.tables[kind]
        column = next((i for i, c in enumerate(model.columns) if c.key == key), 0)
        index = model.index(row, column)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus(Qt.OtherFocusReason)
