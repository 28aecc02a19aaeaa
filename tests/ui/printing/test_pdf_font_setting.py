"""设置 → 打印字体: automatic, or a TrueType/TTC file and face, checked as the documents check fonts (TrueType
outlines, the face, Chinese characters) and stored in QSettings; 打印 and the 成绩 PDF both embed the font chosen."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from eligibility_desk.documents.fonts import BUNDLED_FONT
from eligibility_desk.ui.common import desk_settings
from eligibility_desk.ui.printing.printing_workspace import PrintingWorkspace
from eligibility_desk.ui.scores.scores_workspace import ScoresWorkspace
from eligibility_desk.ui.settings_dialog import SettingsDialog
from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
from eligibility_desk.ui.common.task_runner import TaskRunner
from tests.ui.scores.test_results_pdf_font import chosen_font, embedded, face_name, published  # noqa: F401
from tests.ui.scores.test_scores_workspace import desk, prepared  # noqa: F401

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def cff_font(path: Path) -> Path:
    """The start of a CFF-flavoured OpenType file, as Noto Sans CJK's begins: sfnt version "OTTO" and a
    ``CFF `` table (reportlab cannot embed these; ``has_truetype_outlines`` reads just this header)."""
    path.write_bytes(b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0) + b"CFF " + bytes(12) + bytes(64))
    return path


@pytest.fixture
def dialog(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(dialog, path, face: int = 0) -> bool:
    dialog.pdf_font.path.setText(str(path))
    dialog.pdf_font.face.setValue(face)
    return dialog.apply()


def test_the_default_is_automatic(dialog, settings):
    assert dialog.pdf_font.spec() == "" and desk_settings.pdf_font(settings) is None
    assert dialog.apply() and desk_settings.pdf_font(settings) is None


def test_a_cff_font_is_refused_with_the_reason_and_nothing_is_stored(dialog, settings, tmp_path):
    assert not _choose(dialog, cff_font(tmp_path / "NotoSansCJKsc-Regular.otf"))
    message = dialog.pdf_font.problem_label.text()
    assert message.startswith("「NotoSansCJKsc-Regular.otf」是 CFF 轮廓的 OpenType 字体") and "无法嵌入" in message
    assert dialog.pdf_font.problem_label.isVisible() and dialog.isVisible()
    assert settings.value(desk_settings.KEY_PDF_FONT) is None


def _text_file(tmp: Path) -> Path:
    path = tmp / "notes.ttf"
    path.write_text("不是字体", encoding="utf-8")
    return path


@pytest.mark.parametrize("make, face, expected", [
    (lambda tmp: tmp / "gone.ttf", 0, "字体文件不存在："),
    (_text_file, 0, "「notes.ttf」不是 TrueType 字体文件（.ttf / .ttc）。"),
    (lambda tmp: BUNDLED_FONT, 5, "「wqy-microhei.ttc」只有 2 款字体（第 0–1 款），没有第 5 款。"),
])
def test_unusable_files_are_refused(dialog, settings, tmp_path, make, face, expected):
    assert not _choose(dialog, make(tmp_path), face)
    assert dialog.pdf_font.problem_label.text().startswith(expected)
    assert settings.value(desk_settings.KEY_PDF_FONT) is None


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_a_font_without_chinese_is_refused(dialog):
    assert not _choose(dialog, DEJAVU)
    assert dialog.pdf_font.problem_label.text() == "「DejaVuSans.ttf」不含汉字，印不出中文。"


def test_a_truetype_collection_face_is_stored_and_shown_again(qtbot, dialog, settings, chosen_font):  # noqa: F811
    assert _choose(dialog, chosen_font, 1) and not dialog.isVisible()
    assert desk_settings.pdf_font(settings) == f"{chosen_font}#1"
    again = SettingsDialog(desk_settings.open_settings(settings.fileName()))
    qtbot.addWidget(again)
    assert (again.pdf_font.path.text(), again.pdf_font.face.value()) == (str(chosen_font), 1)
    again.pdf_font.automatic.click()
    assert again.apply() and desk_settings.pdf_font(again.settings) is None


def printing_workspace(qtbot, settings, desk, font_spec: str) -> PrintingWorkspace:
    """打印 on the demo batch with 设置 → 打印字体 set to ``font_spec``."""
    settings.setValue(desk_settings.KEY_PDF_FONT, font_spec)
    workspace = PrintingWorkspace(TaskRunner(None, SynchronousPool()), None, "zh", settings)
    qtbot.addWidget(workspace)
    workspace.secret = bytes(range(32))
    workspace.set_desk(desk, desk.demo_batch_id, "第一批")
    return workspace


def scores_workspace(qtbot, settings, desk, font_spec: str) -> ScoresWorkspace:
    """成绩 on the demo batch, shown, with 设置 → 打印字体 set to ``font_spec``."""
    settings.setValue(desk_settings.KEY_PDF_FONT, font_spec)
    workspace = ScoresWorkspace(TaskRunner(None, SynchronousPool()), None, "zh", settings)
    qtbot.addWidget(workspace)
    workspace.set_batch(desk, desk.demo_batch_id)
    with qtbot.waitSignal(workspace.sheets_shown):
        workspace.show()
    return workspace


def test_printing_embeds_the_font_chosen(qtbot, settings, desk, chosen_font, tmp_path):  # noqa: F811
    workspace = printing_workspace(qtbot, settings, desk, f"{chosen_font}#1")
    with qtbot.waitSignal(workspace.printed, timeout=30000) as done:
        workspace.print_document("doorlist", tmp_path / "door.pdf")
    assert embedded(done.args[0]) == {face_name(chosen_font, 1)}
    settings.setValue(desk_settings.KEY_PDF_FONT, "")                             # automatic again
    with qtbot.waitSignal(workspace.printed, timeout=30000) as done:
        workspace.print_document("doorlist", tmp_path / "door-auto.pdf")
    assert face_name(chosen_font, 1) not in embedded(done.args[0])


def test_the_results_pdf_embeds_the_font_chosen(qtbot, settings, published, desk, chosen_font, tmp_path):  # noqa: F811
    workspace = scores_workspace(qtbot, settings, desk, f"{chosen_font}#1")
    with qtbot.waitSignal(workspace.exported) as done:
        workspace.export_results(str(tmp_path / "results.pdf"), suffix=".pdf")
    assert embedded(done.args[0]) == {face_name(chosen_font, 1)}
