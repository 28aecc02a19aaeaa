"""The 打印 workspace: one click per document for the batch's final plan (or its newest draft) — 准考证,
签到表, 考场门贴, 成绩登记表 and the 考务包 (per room, in print order: door list, sign-in sheet, score sheets).

Each click exports the plan and its scenario through the sessions service and renders the PDF with the
documents package on a worker thread, with a progress dialog and a cancel button; the PDF is written
atomically, so a cancelled run leaves no file.  When it is done the path is shown with a button to open it,
and its pages in the preview below (:class:`PrintPreviewPane`), from where 打印… sends them to a printer.

The folder chosen with 更改文件夹… is remembered in the user's settings (``KEY_OUTPUT_FOLDER``, the window's
QSettings); a remembered folder that no longer exists (a USB stick, a renamed share) falls back to the
default folder and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout,
    QWidget,
)

from eligibility_desk.documents.fonts import FontNotFoundError
from eligibility_desk.services.printing import batch_documents as printing
from eligibility_desk.ui.common import desk_settings, role_gate
from eligibility_desk.ui.common.id_numbers import masks_for
from eligibility_desk.ui.common.refusal_text import refusal_text
from eligibility_desk.ui.common.font_errors import font_error_text
from eligibility_desk.ui.common.task_runner import TaskRunner
from eligibility_desk.ui.printing.print_preview_pane import PrintPreviewPane

OP_PRINT = "print"
OP_LOAD_PRINTABLE = "load_printable"
#: QSettings key of the last folder chosen for the PDFs
KEY_OUTPUT_FOLDER = "printing/output_folder"


def default_output_folder() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Eligibility Desk"


def remembered_output_folder(settings) -> tuple[Path, Path | None]:
    """The folder to print into: the one remembered in ``settings`` if it still exists, else the default.
    Returns ``(folder, gone)`` — ``gone`` is the remembered folder that no longer exists (None otherwise)."""
    value = settings.value(KEY_OUTPUT_FOLDER) if settings is not None else None
    if not value or not isinstance(value, str) or len(value) > 4096:   # junk in the settings: the default
        return default_output_folder(), None
    folder = Path(value)
    # os.path.isdir: False for a name too long or holding NUL (Path.is_dir raises on those)
    return (folder, None) if os.path.isdir(folder) else (default_output_folder(), folder)


class PrintingWorkspace(QWidget):
    printed = Signal(str)            # path of a PDF written
    print_cancelled = Signal()
    message = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, lang: str = "zh", settings=None):
        """``settings``: the window's QSettings, where the chosen folder is remembered (None: not remembered)."""
        super().__init__(parent)
        self.runner = runner
        self.lang = lang
        self.settings = settings
        self.desk = None
        self.batch_id: int | None = None
        self.batch_name = ""
        self.stored = None
        self.output_folder, gone = remembered_output_folder(settings)
        self.last_path: Path | None = None
        self.secret: bytes | None = None     # None: the centre's key in the database (tests set one)
        self.key_notice = None               # the message box shown once when printing created the centre's key
        self._generation = 0

        self.empty = QLabel(self)
        self.empty.setObjectName("printing_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size:15px;color:#616161")
        page = QWidget(self)
        self.plan_info = QLabel(page)
        self.plan_info.setObjectName("printing_plan")
        self.plan_info.setWordWrap(True)
        titles = {"slips": self.tr("准考证"), "signin": self.tr("签到表"), "doorlist": self.tr("考场门贴"),
                  "scoresheet": self.tr("成绩登记表"), "pack": self.tr("考务包")}
        notes = {"slips": self.tr("每名考生一张，含二维码校验"), "signin": self.tr("每个考场一份"),
                 "doorlist": self.tr("贴在考场门口"), "scoresheet": self.tr("每个考场、每个科目一份"),
                 "pack": self.tr("逐考场：门贴、签到表、成绩登记表")}
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, kind in enumerate(printing.DOCUMENTS):
            button = QPushButton(titles[kind], page)
            button.setObjectName(f"print_{kind}")
            button.setMinimumSize(150, 56)
            button.setStyleSheet("font-size:16px")
            button.clicked.connect(lambda _checked=False, k=kind: self.print_document(k))
            self.buttons[kind] = button
            note = QLabel(notes[kind], page)
            note.setStyleSheet("color:#757575")
            note.setWordWrap(True)        # on one line the English notes made the window 1,042 px wide at least
            note.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
            grid.addWidget(button, 0, i, Qt.AlignHCenter)
            grid.addWidget(note, 1, i)
        options = QGroupBox(self.tr("准考证选项"), page)
        self.two_per_page = QCheckBox(self.tr("每页两张（A5）"), options)
        self.reprint = QCheckBox(self.tr("补打（加印「补打」标记）"), options)
        self.mask_id = QCheckBox(self.tr("身份证号中间打码"), options)
        self.mask_id.setChecked(True)
        row = QHBoxLayout(options)
        for box in (self.two_per_page, self.reprint, self.mask_id):
            row.addWidget(box)
        row.addStretch(1)
        self.folder_label = QLabel(page)
        change = QPushButton(self.tr("更改文件夹…"), page)
        change.clicked.connect(lambda: self.choose_folder())
        verify = QPushButton(self.tr("验证准考证…"), page)
        verify.setObjectName("verify_slip")
        verify.clicked.connect(self.open_verify)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("保存到："), page))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(change)
        folder_row.addSpacing(24)
        folder_row.addWidget(verify)
        self.result = QLabel(page)
        self.result.setObjectName("print_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("打开 PDF"), page)
        self.open_button.setObjectName("open_pdf")
        self.open_button.clicked.connect(self.open_last)
        self.open_button.hide()
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.plan_info)
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(options)
        layout.addLayout(folder_row)
        layout.addLayout(result_row)
        self.preview = PrintPreviewPane(runner, page)   # the generated PDF's pages, and 打印…
        self.preview.setObjectName("print_preview")
        layout.addWidget(self.preview, 1)
        self.page = page
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)
        self._show_folder()
        if gone is not None:
            self.result.setStyleSheet("color:#b26a00")
            self.result.setText(self.tr("上次使用的文件夹 {gone} 已不存在，改存到 {folder}。").format(
                gone=os.fspath(gone), folder=os.fspath(self.output_folder)))
        self.set_desk(None, None)

    # --- the batch ---------------------------------------------------------------------------------
    def set_desk(self, desk, batch_id: int | None, batch_name: str = "") -> None:
        self.desk, self.batch_id, self.batch_name = desk, batch_id, batch_name
        self._follow_account(getattr(desk, "actor", None))
        self.stored = None
        self.preview.clear()
        if desk is None or batch_id is None:
            self._empty(self.tr("未选择考试批次。") + "\n"
                        + self.tr("请在上方「批次」中选择一个，或用「批次 → 新建批次…」建立一个。"))
            return
        self._generation += 1
        generation = self._generation    # batches switched quickly: only the newest load is shown
        self.runner.run(OP_LOAD_PRINTABLE, lambda progress, cancelled: printing.document_plan(desk, batch_id),
                        show_progress=False, on_failed=lambda exc: self._empty(str(exc)),
                        on_done=lambda stored: generation == self._generation and self._loaded(stored))

    def reload(self) -> None:
        self.set_desk(self.desk, self.batch_id, self.batch_name)

    def _follow_account(self, actor) -> None:
        """An account that only sees masked 身份证号 (查看 / 考务) prints them masked: the box stays ticked;
        printing needs the 考务 role (the services refuse anyway)."""
        masked = masks_for(actor)
        if masked:
            self.mask_id.setChecked(True)
        self.mask_id.setEnabled(not masked)
        self.mask_id.setToolTip(self.tr("本账户的角色只能看到打码的身份证号码") if masked else "")
        for button in self.buttons.values():
            button.setEnabled(True)
            if actor is not None:
                role_gate.gate(button, actor, "print", lang=self.lang)

    def _empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _loaded(self, stored) -> None:
        self.stored = stored
        if stored is None:
            self._empty(self.tr("本批次还没有编排。\n先在「编排」生成编排，再回到这里打印准考证、签到表、考场门贴和成绩登记表。"))
            return
        summary = stored.summary
        if stored.status == "final":
            state = self.tr("已定稿")
            style = ""
        else:
            state = self.tr("草稿，尚未定稿——打印前请在「编排」定稿")
            style = "color:#b26a00"
        self.plan_info.setStyleSheet(style)
        self.plan_info.setText(self.tr("{batch}：第 {n} 版编排（{state}），{cands} 名考生、{sessions} 场、{violations} 处违规").format(
            batch=self.batch_name or self.batch_id, n=stored.number, state=state, cands=summary.get("candidates", 0), sessions=summary.get("sessions", 0), violations=summary.get("violations", 0)))
        self.stack.setCurrentWidget(self.page)

    # --- printing ------------------------------------------------------------------------------------
    def options(self):
        from eligibility_desk.documents import DocumentOptions

        return DocumentOptions(two_per_page=self.two_per_page.isChecked(), reprint=self.reprint.isChecked(),
                               id_mask=(6, 4) if self.mask_id.isChecked() else None, secret=self.secret,
                               font=desk_settings.pdf_font(self.settings))   # 设置 → 打印字体 (None: automatic)

    def output_path(self, kind: str) -> Path:
        return self.output_folder / printing.default_file_name(kind, self.batch_name or str(self.batch_id), self.stored)

    def print_document(self, kind: str, out_path: str | Path | None = None) -> None:
        if self.stored is None:
            return
        out = Path(out_path) if out_path else self.output_path(kind)
        desk, batch_id, options = self.desk, self.batch_id, self.options()
        self._notices: list = []
        notices = self._notices
        self.result.setStyleSheet("")
        self.result.setText(self.tr("正在生成 {name}…").format(name=self.buttons[kind].text()))
        self.open_button.hide()
        self.runner.run(OP_PRINT, lambda progress, cancelled: printing.print_document(desk, batch_id, kind, out,
                                                                                      options, progress, cancelled,
                                                                                      notices),
                        label=self.tr("正在生成「{name}」…").format(name=self.buttons[kind].text()),
                        on_done=self._printed, on_failed=self._failed, on_cancelled=self._cancelled)

    def _printed(self, result) -> None:
        self.last_path = Path(result.path)
        self.result.setStyleSheet("color:#2e7d32")
        text = self.tr("已生成 {pages} 页（{items} 份）：{path}").format(pages=result.pages, items=result.items,
                                                                    path=result.path)
        if result.warnings:
            text += self.tr("；{n} 条提示（如照片无法读取，已留空框）").format(n=len(result.warnings))
        self.result.setText(text)
        self.open_button.show()
        self.preview.show_pdf(result.path)
        self._show_key_notice()
        self.printed.emit(str(result.path))
        self.message.emit(text)

    def _show_key_notice(self) -> None:
        """Printing made the centre's check-code key just now (the first slips on this database): say so once."""
        from PySide6.QtWidgets import QMessageBox

        for code, params in getattr(self, "_notices", []):
            if code == "key_created":
                self.key_notice = QMessageBox(QMessageBox.Information, self.tr("准考证校验码密钥"), self.tr(
                    "已为本考点生成准考证校验码密钥（指纹 {fingerprint}），保存在数据库中。\n"
                    "连接同一数据库的各台电脑共用此密钥打印和验证准考证，无需复制文件。").format(**params),
                    QMessageBox.Ok, self)
                self.key_notice.setObjectName("key_notice")
                self.key_notice.open()

    def _failed(self, exc: BaseException) -> None:
        self.result.setStyleSheet("color:#c62828")
        error = font_error_text(exc) if isinstance(exc, FontNotFoundError) else refusal_text(exc, self.lang)
        self.result.setText(self.tr("未能生成：{error}").format(error=error))

    def _cancelled(self) -> None:
        self.result.setStyleSheet("color:#b26a00")
        self.result.setText(self.tr("已取消，未生成文件。"))
        self.print_cancelled.emit()

    def open_last(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))

    def choose_folder(self, folder: str | None = None) -> None:
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("保存到文件夹"), str(self.output_folder))
        if folder:
            self.output_folder = Path(folder)
            self._show_folder()
            if self.settings is not None:
                self.settings.setValue(KEY_OUTPUT_FOLDER, os.fspath(self.output_folder))
                self.settings.sync()

    def _show_folder(self) -> None:
        self.folder_label.setText(os.fspath(self.output_folder))

    def open_verify(self) -> None:
        from eligibility_desk.ui.printing.verify_code_dialog import VerifyCodeDialog

        self.verify_dialog = VerifyCodeDialog(self, self.secret, self.desk)
        self.verify_dialog.open()
