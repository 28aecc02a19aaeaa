"""The domain core, the rule engine and the command line's screening run without Qt or a database."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_packages_do_not_load_qt_or_sqlalchemy():
    code = (
        "import sys, eligibility_desk.domain, eligibility_desk.rules_engine, eligibility_desk.rules_engine.explain, "
        "eligibility_desk.cli;"
        "import importlib.util as u;"
        "svc = u.find_spec('eligibility_desk.services.desk');"
        "svc and __import__('eligibility_desk.services.desk');"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_module_outside_ui_imports_pyside6():
    offenders = []
    for path in (ROOT / "eligibility_desk").rglob("*.py"):
        rel = path.relative_to(ROOT / "eligibility_desk")
        if rel.parts[0] == "ui":
            continue
        text = path.read_text(encoding="utf-8")
        if "PySide6" in text and ("import PySide6" in text or "from PySide6" in text):
            offenders.append(str(rel))
    assert offenders == []


def test_the_window_is_built_without_loading_the_database_layer():
    """The window shows first and opens the database on a worker thread; building it must not wait for
    SQLAlchemy (benchmarks/gui.py: window shown <= 1 s)."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "from PySide6.QtCore import QSettings; from PySide6.QtWidgets import QApplication;"
        "app = QApplication([]);"
        "from eligibility_desk.ui.main_window import MainWindow;"
        "w = MainWindow(QSettings(os.path.join(sys.argv[1], 's.ini'), QSettings.IniFormat), lang='zh');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", code, tmp], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
