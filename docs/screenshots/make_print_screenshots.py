"""Screenshots of the 打印 preview and of Qt's print dialog (in Chinese) on the demo batch (offscreen).

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_print_screenshots.py

Offscreen there is usually no printer: the dialog then offers 打印到文件 (PDF), which is what it shows.
"""

from __future__ import annotations

import sys
import time

from screenshot_setup import OUT, application, demo_desk, folder, main_window


def wait_until(app, done, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    from PySide6.QtWidgets import QPushButton

    app = application("zh_CN")          # Qt's own dialogs in Chinese, as the app does at start
    from eligibility_desk.ui.main_window import WORKSPACES

    desk, batch_id = demo_desk("王老师")
    w = main_window(desk, batch_id, (1360, 900))
    w.workspaces.setCurrentIndex(WORKSPACES.index("printing"))
    printing = w.printing
    printing.choose_folder(f"{folder()}/pdf")
    printing.secret = b"screenshot-secret-0123456789abcdef"
    printing.print_document("slips")
    preview = printing.preview
    wait_until(app, lambda: preview.count() > 0)
    preview.set_fit("page")
    preview.go_to(1)
    wait_until(app, lambda: preview.canvas.is_rendered(1))
    app.processEvents()
    w.grab().save(str(OUT / "print_preview.png"))

    preview.open_print_dialog()
    dialog = preview.print_dialog
    app.processEvents()
    options = next((b for b in dialog.findChildren(QPushButton) if b.text().startswith("选项")), None)
    if options is not None:
        options.click()          # show the page range, copies and collate options
    app.processEvents()
    dialog.adjustSize()
    app.processEvents()
    dialog.grab().save(str(OUT / "print_dialog.png"))
    dialog.reject()
    w.close()
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
