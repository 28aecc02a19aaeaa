"""预览 and 打印… for a generated PDF: the pages on screen, page by page or zoomed, and Qt's print dialog.

``show_pdf(path)`` opens the file on a worker thread and shows its pages in a :class:`PdfPageCanvas` (which
renders only what is on screen).  Keys while the pane has the focus: PgUp/PgDn (previous/next page),
Ctrl+Home/Ctrl+End (first/last), Ctrl++ and Ctrl+- (zoom), Ctrl+0 (fit width), Ctrl+P (打印…).

打印… opens ``QPrintDialog`` (pages from/to, the current page, copies, collate, the printer or a PDF file) and
runs :func:`~eligibility_desk.ui.printing.pdf_printing.print_pdf` through the window's task runner, with
progress and 取消.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QStackedWidget, QVBoxLayout, QWidget,
)

from eligibility_desk.services.printing.pdf_pages import PdfPages
from eligibility_desk.ui.common.task_runner import TaskRunner
from eligibility_desk.ui.printing.pdf_page_canvas import MARGIN, PdfPageCanvas
from eligibility_desk.ui.printing.pdf_printing import PrinterNotReady, chosen_pages, print_pdf

OP_OPEN_PREVIEW = "open_preview"
OP_PRINT_PAGES = "print_pages"
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.1, 6.0)      # screen pixels per point
FIT_WIDTH, FIT_PAGE = "width", "page"


class PrintPreviewPane(QWidget):
    document_shown = Signal(int)     # page count of the PDF now shown
    page_changed = Signal(int)       # index (from 0) of the page at the top of the view
    printed = Signal(int)            # sheets sent to the printer
    print_cancelled = Signal()
    print_failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, pool=None):
        """``pool``: where pages are rendered (None: a one-thread pool of the canvas's own)."""
        super().__init__(parent)
        self.runner = runner
        self.pdf: PdfPages | None = None
        self.fit = FIT_WIDTH             # FIT_WIDTH, FIT_PAGE or None (a zoom of the user's)
        self.print_dialog: QPrintDialog | None = None
        self._current = 0
        self._navigating = False
        self._opening = 0
        self._printing: list[PdfPages] = []     # documents a print run still reads

        self.title = QLabel(self)
        self.title.setObjectName("preview_title")
        self.title.setStyleSheet("font-weight:bold")
        self.previous_button = self._button(self.tr("上一页"), "preview_previous", self.tr("上一页 (PgUp)"))
        self.next_button = self._button(self.tr("下一页"), "preview_next", self.tr("下一页 (PgDn)"))
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("preview_page")
        self.page_box.setKeyboardTracking(False)
        self.page_label = QLabel(self.tr("第"), self)
        self.page_count = QLabel(self)
        self.fit_width_button = self._button(self.tr("适合宽度"), "preview_fit_width", self.tr("适合宽度 (Ctrl+0)"))
        self.fit_page_button = self._button(self.tr("适合页面"), "preview_fit_page", self.tr("整页显示"))
        for button in (self.fit_width_button, self.fit_page_button):
            button.setCheckable(True)
        self.zoom_out_button = self._button("−", "preview_zoom_out", self.tr("缩小 (Ctrl+-)"))
        self.zoom_in_button = self._button("+", "preview_zoom_in", self.tr("放大 (Ctrl++)"))
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(44)
        self.print_button = self._button(self.tr("打印…"), "preview_print", self.tr("用打印机打印 (Ctrl+P)"))
        self.print_button.setStyleSheet("font-weight:bold")
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for widget in (self.previous_button, self.page_label, self.page_box, self.page_count, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.fit_width_button, self.fit_page_button, self.zoom_out_button, self.zoom_label,
                       self.zoom_in_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.print_button)
        self.status = QLabel(self)
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)

        self.empty = QLabel(self)
        self.empty.setObjectName("preview_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#757575;border:1px dashed #bdbdbd;font-size:14px")
        self.canvas = PdfPageCanvas(pool=pool)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("preview_pages")
        self.scroll.setWidget(self.canvas)
        self.scroll.setFocusPolicy(Qt.StrongFocus)
        self.scroll.setStyleSheet("QScrollArea{background:#8a8a8a}")
        self.scroll.viewport().installEventFilter(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.fit_width_button.clicked.connect(lambda: self.set_fit(FIT_WIDTH))
        self.fit_page_button.clicked.connect(lambda: self.set_fit(FIT_PAGE))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.print_button.clicked.connect(self.open_print_dialog)
        self.scroll.verticalScrollBar().valueChanged.connect(self._track_page)
        keys = ((QKeySequence(Qt.Key_PageDown), self.next_page), (QKeySequence(Qt.Key_PageUp), self.previous_page),
                (QKeySequence("Ctrl+Home"), lambda: self.go_to(0)),
                (QKeySequence("Ctrl+End"), lambda: self.go_to(self.count() - 1)),
                (QKeySequence.ZoomIn, self.zoom_in), (QKeySequence("Ctrl+="), self.zoom_in),
                (QKeySequence.ZoomOut, self.zoom_out), (QKeySequence("Ctrl+0"), lambda: self.set_fit(FIT_WIDTH)),
                (QKeySequence.Print, self.open_print_dialog))
        for sequence, slot in keys:
            QShortcut(sequence, self, slot, context=Qt.WidgetWithChildrenShortcut)
        self.clear()

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.TabFocus)
        return button

    # --- the document --------------------------------------------------------------------------------
    def count(self) -> int:
        return self.pdf.count if self.pdf is not None else 0

    def clear(self, text: str | None = None) -> None:
        """No document: the empty state, saying how to get one."""
        self._opening += 1
        self._set_pdf(None)
        self.empty.setText(text or self.tr("还没有可预览的文档。\n点击上方的 准考证、签到表 等按钮生成 PDF 后，"
                                           "它的页面会显示在这里，可以翻页、缩放，再用「打印…」送往打印机。"))
        self.stack.setCurrentWidget(self.empty)

    def show_pdf(self, path: str | Path) -> None:
        """Open ``path`` off the GUI thread and show its first page; emits ``document_shown(pages)``."""
        self._opening += 1
        opening = self._opening
        self.status.setText(self.tr("正在打开预览…"))
        self.runner.run(OP_OPEN_PREVIEW, lambda progress, cancelled: PdfPages.open(path), show_progress=False,
                        on_done=lambda pdf: self._opened(pdf, opening),
                        on_failed=lambda exc: opening == self._opening and self.clear(
                            self.tr("无法预览 {path}：{error}").format(path=path, error=exc)))

    def _opened(self, pdf: PdfPages, opening: int) -> None:
        if opening != self._opening:     # a newer document was asked for meanwhile
            pdf.close()
            return
        self._set_pdf(pdf)
        self.title.setText(self.tr("预览：{name}").format(name=pdf.path.name))
        self.status.setText("")
        self.stack.setCurrentWidget(self.scroll if pdf.count else self.empty)
        if not pdf.count:
            self.empty.setText(self.tr("这个 PDF 没有页面。"))
        self._apply_zoom()
        self.go_to(0)
        if pdf.count and self.isVisible():
            self.scroll.setFocus()       # PgDn, Ctrl+P … work at once on the document just generated
        self.document_shown.emit(pdf.count)

    def _set_pdf(self, pdf: PdfPages | None) -> None:
        old, self.pdf = self.pdf, pdf
        self.canvas.set_pdf(pdf)
        if old is not None and old not in self._printing:     # a print run closes its own when it ends
            old.close()
        self._current = 0
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(self.count(), 1))
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.page_count.setText(self.tr("页，共 {m} 页").format(m=self.count()))
        self.title.setText("")
        for widget in (self.previous_button, self.next_button, self.page_box, self.fit_width_button,
                       self.fit_page_button, self.zoom_in_button, self.zoom_out_button, self.print_button):
            widget.setEnabled(self.count() > 0)
        self._show_zoom()

    # --- pages ---------------------------------------------------------------------------------------
    def current_page(self) -> int:
        return self._current

    def go_to(self, index: int) -> None:
        if not self.count():
            return
        index = min(max(index, 0), self.count() - 1)
        self._current = index
        self._navigating = True      # the scroll area must still hear the scroll bar (it moves the canvas)
        try:
            self.scroll.verticalScrollBar().setValue(self.canvas.page_top(index))
        finally:
            self._navigating = False
        self._page_shown(index)

    def next_page(self) -> None:
        self.go_to(self._current + 1)

    def previous_page(self) -> None:
        self.go_to(self._current - 1)

    def _track_page(self, value: int) -> None:
        if self.count() and not self._navigating:
            self._current = self.canvas.page_at(value + MARGIN)
            self._page_shown(self._current)

    def _page_shown(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.count() - 1)
        self.page_changed.emit(index)

    # --- zoom ----------------------------------------------------------------------------------------
    def set_fit(self, fit: str | None) -> None:
        self.fit = fit
        self._apply_zoom()

    def zoom_in(self) -> None:
        self._zoom_to(self.canvas.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self.canvas.zoom / ZOOM_STEP)

    def _zoom_to(self, zoom: float) -> None:
        if self.count():
            self.fit = None
            self._set_zoom(min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]))

    def _apply_zoom(self) -> None:
        if not self.count() or self.fit is None:
            self._show_zoom()
            return
        widest = max(self.pdf.page_size(i)[0] for i in range(min(self.count(), 50)))
        tallest = max(self.pdf.page_size(i)[1] for i in range(min(self.count(), 50)))
        viewport = self.scroll.viewport().size()
        vertical = self.scroll.verticalScrollBar()
        # the width as if the vertical scroll bar were shown, whether it is or not: the zoom then does not
        # change when it comes or goes, and the pages never need a horizontal one
        bar = vertical.sizeHint().width()
        width = viewport.width() + (vertical.width() if vertical.isVisible() else 0) - bar
        zoom = (width - 2 * MARGIN) / widest
        if self.fit == FIT_PAGE:
            zoom = min(zoom, (viewport.height() - 2 * MARGIN) / tallest)
        self._set_zoom(min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]))

    def _set_zoom(self, zoom: float) -> None:
        current = self._current
        self.canvas.set_zoom(zoom)
        self._fit_canvas()
        self.go_to(current)
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.fit_width_button.setChecked(self.fit == FIT_WIDTH)
        self.fit_page_button.setChecked(self.fit == FIT_PAGE)
        # 100 % = the page at its printed size on a 96-dpi screen
        self.zoom_label.setText(f"{round(self.canvas.zoom * 72 / 96 * 100)}%" if self.count() else "")

    def _fit_canvas(self) -> None:
        hint = self.canvas.minimumSize()
        self.canvas.resize(max(hint.width(), self.scroll.viewport().width()), hint.height())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        """The view's size changed (the window, or a scroll bar came or went): fit the canvas and the zoom."""
        if watched is self.scroll.viewport() and event.type() == QEvent.Resize and self.count():
            self._fit_canvas()
            self._apply_zoom()
        return False

    # --- printing ------------------------------------------------------------------------------------
    def open_print_dialog(self) -> None:
        """Qt's print dialog for the document shown; 打印 there starts :meth:`print_to`."""
        if not self.count() or self.runner.busy():
            return
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.pdf.path.stem)
        if not QPrinterInfo.availablePrinters():
            # no printer installed: the dialog can only print to a file; offer one beside the document
            printer.setOutputFileName(str(self.pdf.path.with_name(self.tr("{stem}_打印.pdf").format(
                stem=self.pdf.path.stem))))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印 {name}").format(name=self.pdf.path.name))
        for option in (QAbstractPrintDialog.PrintPageRange, QAbstractPrintDialog.PrintCurrentPage,
                       QAbstractPrintDialog.PrintToFile, QAbstractPrintDialog.PrintCollateCopies):
            dialog.setOption(option, True)
        dialog.setMinMax(1, self.count())
        dialog.finished.connect(lambda result: result == QDialog.Accepted and self.print_to(printer))
        self.print_dialog = dialog
        QDialog.open(dialog)     # window-modal; QPrintDialog.open() in Python is only the (receiver, slot) overload

    def print_to(self, printer: QPrinter) -> None:
        """Send the pages the printer's settings ask for (range, current page, copies) to ``printer``."""
        pdf = self.pdf
        if pdf is None:
            return
        pages = chosen_pages(printer, pdf.count, self._current)
        if not pages:
            self.status.setText(self.tr("所选范围内没有页面，未打印。"))
            return
        self.status.setText(self.tr("正在打印 {n} 页…").format(n=len(pages)))
        self._printing.append(pdf)
        self.runner.run(OP_PRINT_PAGES, lambda progress, cancelled: print_pdf(pdf, printer, pages, progress, cancelled),
                        label=self.tr("正在打印「{name}」…").format(name=pdf.path.name),
                        on_done=lambda sheets: self._print_ended(pdf) or self._printed(sheets),
                        on_failed=lambda exc: self._print_ended(pdf) or self._print_failed(exc),
                        on_cancelled=lambda: self._print_ended(pdf) or self._print_cancelled(printer))

    def _print_ended(self, pdf: PdfPages) -> None:
        self._printing.remove(pdf)
        if pdf is not self.pdf and pdf not in self._printing:
            pdf.close()        # another document was shown meanwhile

    def _printed(self, sheets: int) -> None:
        self.status.setStyleSheet("color:#2e7d32")
        self.status.setText(self.tr("已送往打印机：{n} 页。").format(n=sheets))
        self.printed.emit(sheets)

    def _print_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PrinterNotReady):
            text = self.tr("无法开始打印：打印机「{name}」不可用，或输出文件无法写入。").format(name=exc)
        else:
            text = self.tr("打印失败：{error}").format(error=exc)
        self.status.setStyleSheet("color:#c62828")
        self.status.setText(text)
        self.print_failed.emit(text)

    def _print_cancelled(self, printer: QPrinter) -> None:
        target = printer.outputFileName()
        if printer.outputFormat() == QPrinter.PdfFormat and target and Path(target).is_file():
            Path(target).unlink()      # a half-written PDF is no use to anyone
        self.status.setStyleSheet("color:#b26a00")
        self.status.setText(self.tr("已取消打印。"))
        self.print_cancelled.emit()
