"""Interface language through Qt's own tooling (.ts -> .qm with lrelease), and the bundled CJK font."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFontDatabase

from eligibility_desk import i18n_build
from eligibility_desk.ui.common import fonts


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
    assert path.name == "wqy-microhei.ttc"  # the copy bundled in resources/fonts
    family = fonts.ensure_cjk_font(qapp, force_bundled=True)
    assert family is not None
    assert QFontDatabase.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_chinese_renders_with_no_system_font_at_all(tmp_path):
    """An empty fontconfig configuration (no font on the system): the bundled font must carry the window."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir>'
                    f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    child = (
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QFontDatabase, QFontInfo, QRawFont\n"
        "app = QApplication([])\n"
        "before = QFontDatabase.families(QFontDatabase.SimplifiedChinese)\n"
        "from eligibility_desk.ui.common.fonts import ensure_cjk_font\n"
        "family = ensure_cjk_font(app)\n"
        "assert QFontInfo(app.font()).family() == family\n"
        "raw = QRawFont.fromFont(app.font(), QFontDatabase.SimplifiedChinese)\n"
        "print(len(before), raw.familyName(), all(raw.supportsCharacter(ord(c)) for c in '审核结论符合条款'))\n"
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    done = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    count, *family, supported = done.stdout.split()
    assert count == "0" and " ".join(family) == "WenQuanYi Micro Hei" and supported == "True"


def test_the_translation_builder_runs_without_qt_loaded():
    """Only eligibility_desk/ui imports PySide6; i18n_build (run at install time) only runs lrelease."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, eligibility_desk.i18n_build as b; b.find_tool('lrelease'); "
            "print(any(m.startswith('PySide6.Qt') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[3],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
