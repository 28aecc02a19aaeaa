"""导入照片文件夹: a folder of photos named by 身份证号码 or 考生编号 into the batch shown, on a worker thread with
progress and cancel (:func:`eligibility_desk.services.printing.photos.import_photo_folder`).  The good photos
are stored and every refused file is listed by name with its reason in the report shown afterwards."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from eligibility_desk.ui.common import file_dialogs

OP_IMPORT_PHOTOS = "import_photos"


class PhotoFolderImport(QObject):
    finished = Signal(object)        # the PhotoFolderReport, once shown
    message = Signal(str)

    def __init__(self, runner, window: QWidget, lang: str = "zh"):
        super().__init__(window)
        self.runner, self.window, self.lang = runner, window, lang
        self.report_box: QMessageBox | None = None

    def start(self, desk, batch_id: int | None, folder: str | None = None) -> None:
        if desk is None or batch_id is None:
            return
        if not folder:
            folder = file_dialogs.open_folder(self.window, getattr(self.window, "settings", None), file_dialogs.PHOTOS,
                                              self.tr("导入照片文件夹（文件名为身份证号码或考生编号）"))
        if not folder:
            return

        def work(progress, cancelled):
            from eligibility_desk.services.printing.photos import import_photo_folder

            return import_photo_folder(desk.db, batch_id, folder, desk.actor, progress, cancelled)

        self.runner.run(OP_IMPORT_PHOTOS, work, label=self.tr("正在导入照片…"), on_done=self._done,
                        on_failed=self._failed, on_cancelled=lambda: self.message.emit(self.tr("已取消导入照片，未作任何更改。")))

    def _done(self, report) -> None:
        text = self.tr("{files} 个文件：新增 {imported} 张，更换 {replaced} 张，未变 {unchanged} 张；未导入 {refused} 个。").format(
            files=report.files, imported=report.imported, replaced=report.replaced, unchanged=report.unchanged,
            refused=len(report.problems))
        box = QMessageBox(QMessageBox.Warning if report.problems else QMessageBox.Information, self.tr("导入照片"),
                          text, QMessageBox.Ok, self.window)
        box.setObjectName("photo_import_report")
        if report.problems:
            box.setInformativeText(self.tr("以下文件未导入（其余照片已导入）：\n") + "\n".join(
                p.describe(self.lang) for p in report.problems[:15]) + ("\n…" if len(report.problems) > 15 else ""))
            box.setDetailedText("\n".join(p.describe(self.lang) for p in report.problems))
        self.report_box = box
        box.open()
        self.message.emit(text)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.report_box = QMessageBox(QMessageBox.Critical, self.tr("导入照片"),
                                      self.tr("无法导入照片：{error}").format(error=exc), QMessageBox.Ok, self.window)
        self.report_box.open()
