"""Interface language through Qt's own tooling (.ts -> .qm with lrelease), and the bundled CJK font."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFontDatabase

from eligibility_desk import i18n_build
from eligibility_desk.ui import fonts


def test_every_interface_string_has_an_english_translation():
    ts = i18n_build.I18N_DIR / "eligibility_desk_en.ts"
    messages = list(ET.parse(ts).iter("message"))
    assert len(messages) > 100
    unfinished = [m.find("source").text for m in messages
                  if m.find("translation").get("type") == "unfinished" or not m.find("translation").text]
    assert unfinished == []


def test_the_ts_source_compiles_and_translates_the_window(qapp, tmp_path):
    qm = i18n_build.compile_ts(i18n_build.I18N_DIR / "eligibility_desk_en.ts", tmp_path / "en.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "审核本批") == "Screen batch"
        assert QCoreApplication.translate("RecordColumns", "结束日期（空为至今）") == "End (empty: ongoing)"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "审核本批") == "审核本批"  # Chinese is the source


def test_ensure_compiled_builds_a_missing_qm(tmp_path):
    (tmp_path / "x_en.ts").write_bytes((i18n_build.I18N_DIR / "eligibility_desk_en.ts").read_bytes())
    assert i18n_build.ensure_compiled(tmp_path) == [tmp_path / "x_en.qm"]
    assert (tmp_path / "x_en.qm").stat().st_size > 1000
    assert i18n_build.ensure_compiled(tmp_path) == []  # up to date: nothing to do


def test_a_cjk_font_is_found_and_can_be_registered(qapp):
    path = fonts.find_cjk_font_file()
    assert path is not None and path.is_file()
    family = fonts.ensure_cjk_font(qapp, force_bundled=True)
    assert family is not None
    assert QFontDatabase.SimplifiedChinese in QFontDatabase.writingSystems(family)
