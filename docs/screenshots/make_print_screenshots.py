"""Screenshots of the 打印 preview and of Qt's print dialog (in Chinese) on the demo batch (offscreen).

    FONTCONFIG_FILE=/path/to/empty-fonts.conf .venv/bin/python docs/screenshots/make_print_screenshots.py

Offscreen there is usually no printer: the dialog then offers 打印到文件 (PDF), which is what it shows.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent


def wait_until(app, done, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    from PySide6.QtWidgets import QApplication, QPushButton

    app = QApplication([])
    from eligibility_desk.ui.common.fonts import ensure_cjk_font
    from eligibility_desk.ui.common.language import install_translators

    print("font:", ensure_cjk_font(app))
    install_translators(app, "zh_CN")          # Qt's own dialogs in Chinese, as the app does at start
    from eligibility_desk.services.launch import open_demo_desk
    from eligibility_desk.ui.common.desk_settings import open_settings
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.main_window import WORKSPACES, MainWindow

    folder = tempfile.mkdtemp()
    desk, batch_id = open_demo_desk("王老师")
    w = MainWindow(open_settings(f"{folder}/zh.ini"), lang="zh", pool=SynchronousPool())
    w.resize(1360, 900)
    w.set_desk(desk, batch_id)
    w.show()
    w.workspaces.setCurrentIndex(WORKSPACES.index("printing"))
    printing = w.printing
    printing.choose_folder(f"{folder}/pdf")
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
