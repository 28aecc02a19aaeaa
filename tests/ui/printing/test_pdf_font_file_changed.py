"""The font chosen in 设置 → 打印字体 is a file that can change after it was chosen: deleted, 打印 and the 成绩 PDF
export say so in Chinese and point back at the setting, writing nothing; replaced at the same path, the new
face is the one embedded (the font search and reportlab's registration are keyed by path + mtime + size)."""

from __future__ import annotations

import os
import shutil

from eligibility_desk.documents.fonts import BUNDLED_FONT
from eligibility_desk.ui.common import desk_settings
from tests.ui.printing.test_pdf_font_setting import printing_workspace, scores_workspace
from tests.ui.scores.test_results_pdf_font import chosen_font, embedded, face_name, published  # noqa: F401
from tests.ui.scores.test_scores_workspace import desk, prepared  # noqa: F401


def swapped_faces(source, target) -> None:
    """Write ``source`` (a two-face .ttc) to ``target`` with its faces' order swapped — the same size, another
    face 0 — and a later modification time, as a centre replacing its font file would."""
    data = bytearray(source.read_bytes())
    assert data[:4] == b"ttcf" and int.from_bytes(data[8:12], "big") == 2
    data[12:16], data[16:20] = data[16:20], data[12:16]
    stat = target.stat() if target.exists() else None
    target.write_bytes(bytes(data))
    if stat is not None:
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _print(qtbot, workspace, path):
    with qtbot.waitSignal(workspace.printed, timeout=30000) as done:
        workspace.print_document("doorlist", path)
    return done.args[0]


def test_printing_with_the_chosen_font_deleted_says_so_in_chinese_and_writes_nothing(qtbot, settings, desk,
                                                                                    chosen_font, tmp_path):
    workspace = printing_workspace(qtbot, settings, desk, f"{chosen_font}#1")
    out = tmp_path / "out"
    out.mkdir()
    assert embedded(_print(qtbot, workspace, out / "door.pdf")) == {face_name(chosen_font, 1)}   # found and cached
    chosen_font.unlink()
    workspace.print_document("doorlist", out / "door-2.pdf")           # the synchronous pool: done on return
    assert workspace.result.text() == f"未能生成：打印字体文件不存在：{chosen_font}（请在 设置 → 打印字体 中重新选择）"
    assert sorted(p.name for p in out.iterdir()) == ["door.pdf"]       # nothing half-written
    workspace.resize(900, 500)
    workspace.grab().save(str(tmp_path / "printing_font_missing.png"))


def test_the_results_pdf_with_the_chosen_font_deleted_says_so_too(qtbot, settings, published, desk, chosen_font,
                                                                 tmp_path):
    workspace = scores_workspace(qtbot, settings, desk, f"{chosen_font}#1")
    chosen_font.unlink()
    workspace.export_results(str(tmp_path / "results.pdf"), suffix=".pdf")
    assert workspace.message.text() == f"未完成：打印字体文件不存在：{chosen_font}（请在 设置 → 打印字体 中重新选择）"
    assert not (tmp_path / "results.pdf").exists()


def test_a_font_file_replaced_at_the_same_path_is_read_again(qtbot, settings, desk, chosen_font, tmp_path):
    workspace = printing_workspace(qtbot, settings, desk, str(chosen_font))       # face 0
    first = face_name(chosen_font, 0)
    assert embedded(_print(qtbot, workspace, tmp_path / "before.pdf")) == {first}
    swapped_faces(BUNDLED_FONT, chosen_font)                                     # same path, same size
    second = face_name(chosen_font, 0)
    assert second != first and chosen_font.stat().st_size == BUNDLED_FONT.stat().st_size
    assert embedded(_print(qtbot, workspace, tmp_path / "after.pdf")) == {second}


def test_a_changed_setting_is_followed_at_once(qtbot, settings, desk, chosen_font, tmp_path):
    other = tmp_path / "other.ttc"
    shutil.copy(BUNDLED_FONT, other)
    workspace = printing_workspace(qtbot, settings, desk, "")
    for spec, face in ((f"{chosen_font}#1", face_name(chosen_font, 1)), (f"{other}#0", face_name(other, 0))):
        settings.setValue(desk_settings.KEY_PDF_FONT, spec)
        assert embedded(_print(qtbot, workspace, tmp_path / f"{face}.pdf")) == {face}


def test_the_font_errors_are_worded_in_english_too(qapp, tmp_path):
    from PySide6.QtCore import QTranslator

    from eligibility_desk import i18n_build
    from eligibility_desk.documents.fonts import FontNotFoundError, MISSING, NOT_TRUETYPE
    from eligibility_desk.ui.common.font_errors import font_error_text

    missing = FontNotFoundError(MISSING, path="/fonts/centre.ttc", index=0, source="configured")
    from_env = FontNotFoundError(NOT_TRUETYPE, path="/fonts/Noto.otf", index=0, source="env")
    assert font_error_text(from_env) == ("打印字体「Noto.otf」第 0 款不是 TrueType 轮廓（如 Noto Sans CJK、思源黑体），无法嵌入 PDF"
                                         "（来自环境变量 ELIGIBILITY_DESK_FONT：请改正它，或在 设置 → 打印字体 中另选字体）")
    translator = QTranslator()
    assert translator.load(str(i18n_build.compile_ts(i18n_build.I18N_DIR / "eligibility_desk_en.ts", tmp_path / "en.qm")))
    qapp.installTranslator(translator)
    try:
        assert font_error_text(missing) == ("The font file for printed documents does not exist: /fonts/centre.ttc"
                                            " (choose it again in Settings → Font for printed documents)")
    finally:
        qapp.removeTranslator(translator)
