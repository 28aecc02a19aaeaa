"""The 打印 workspace shows what it generated: the PDF's pages in the preview, ready for 打印…"""

from __future__ import annotations

from pypdf import PdfReader

from eligibility_desk.services.sessions.demo_resources import create_demo_resources
from eligibility_desk.services.sessions.session_service import SessionService
from eligibility_desk.ui.main_window import WORKSPACES


def test_a_generated_document_opens_in_the_preview_and_a_new_batch_clears_it(qtbot, window, desk, tmp_path):
    create_demo_resources(desk.db, desk.demo_batch_id, desk.actor)
    SessionService.from_desk(desk).plan_batch(desk.demo_batch_id, seed=5)
    printing = window.printing
    printing.secret = bytes(range(32))
    printing.choose_folder(str(tmp_path / "out"))
    printing.reload()
    window.workspaces.setCurrentIndex(WORKSPACES.index("printing"))
    preview = printing.preview
    assert preview.stack.currentWidget() is preview.empty
    with qtbot.waitSignal(preview.document_shown, timeout=30000) as shown:
        printing.buttons["signin"].click()
    pages = len(PdfReader(str(printing.last_path)).pages)
    assert shown.args == [pages] and preview.page_count.text() == f"页，共 {pages} 页"
    assert printing.last_path.name in preview.title.text() and preview.print_button.isEnabled()
    qtbot.waitUntil(lambda: preview.canvas.is_rendered(0), timeout=10000)   # the tab is on screen: it renders
    printing.set_desk(None, None)
    assert preview.count() == 0 and preview.stack.currentWidget() is preview.empty
