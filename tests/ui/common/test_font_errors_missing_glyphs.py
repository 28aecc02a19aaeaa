"""A font lacking characters is refused with those characters named, in Chinese and in English."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from eligibility_desk.documents.fonts import MISSING_GLYPHS, FontNotFoundError  # noqa: E402


def test_missing_glyphs_are_named_in_both_languages(qapp, tmp_path):
    from PySide6.QtCore import QTranslator

    from eligibility_desk import i18n_build
    from eligibility_desk.ui.common.font_errors import font_error_text

    droid = FontNotFoundError(MISSING_GLYPHS, path="/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                              index=0, source="configured", characters="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ·")
    assert font_error_text(droid) == ("打印字体「DroidSansFallbackFull.ttf」缺少文档要印的字符：0–9 A–Z ·"
                                      "（缺了它们，数字、字母或姓名会印成空白）（请在 设置 → 打印字体 中重新选择）")
    translator = QTranslator()
    assert translator.load(str(i18n_build.compile_ts(i18n_build.I18N_DIR / "eligibility_desk_en.ts", tmp_path / "en.qm")))
    qapp.installTranslator(translator)
    try:
        assert font_error_text(droid).startswith("The print font 'DroidSansFallbackFull.ttf' lacks characters the "
                                                 "documents print: 0–9 A–Z ·")
    finally:
        qapp.removeTranslator(translator)


def test_the_font_setting_refuses_droid_sans_fallback_naming_the_digits_and_letters(qtbot):
    from eligibility_desk.documents.fonts import BUNDLED_FONT
    from eligibility_desk.ui.common.pdf_font_chooser import PdfFontChooser
    from tests.documents.font_machines import font_file

    chooser = PdfFontChooser()
    qtbot.addWidget(chooser)
    chooser.set_spec(f"{BUNDLED_FONT}#0")
    assert chooser.problem() == ""
    droid = font_file("droid")
    if droid is None:
        pytest.skip("DroidSansFallbackFull.ttf is not installed here (fonts-droid-fallback)")
    chooser.set_spec(f"{droid}#0")
    problem = chooser.problem()
    assert problem.startswith("「DroidSansFallbackFull.ttf」缺少文档要印的字符：0–9 A–Z a–z"), problem
