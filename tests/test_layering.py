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
        "svc = u.find_spec('eligibility_desk.services.records.desk');"
        "svc and __import__('eligibility_desk.services.records.desk');"
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


# --- the package graph: imports point down, workspaces stay in their rooms ---------------------------------

#: lower number = lower layer; a module may import its own layer or lower ones only
LAYERS = {"domain": 0, "shipped": 0, "rules_engine": 1, "planning": 1, "scoring": 1, "documents": 1,
          "persistence": 1, "services": 2, "demo": 2, "i18n_build": 2, "about": 2, "cli": 3, "ui": 3}
#: the window's workspaces: each may use ui.common but not another workspace (only the frame joins them)
WORKSPACES = ("screening", "planning", "printing", "scores")


def _module_imports() -> dict[str, set[str]]:
    """Every module of the package and the eligibility_desk modules it imports (at any depth of the file)."""
    import ast

    found: dict[str, set[str]] = {}
    package = ROOT / "eligibility_desk"
    for path in package.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eligibility_desk"):
                targets.add(node.module)
                targets.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("eligibility_desk"))
        found[name] = targets
    return {name: {t for t in targets if t in found} for name, targets in found.items()}


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_imports_point_down_only():
    wrong = []
    for name, targets in _module_imports().items():
        if "migrations" in name.split(".") or _top(name) not in LAYERS:
            continue
        for target in targets:
            if _top(target) in LAYERS and LAYERS[_top(target)] > LAYERS[_top(name)]:
                wrong.append(f"{name} -> {target}")
            if _top(name) == "cli" and _top(target) == "ui" and target != "eligibility_desk.ui.app":
                wrong.append(f"{name} -> {target}")   # the command line only starts the window
    assert wrong == []


def test_workspaces_do_not_import_each_other():
    wrong = []
    for name, targets in _module_imports().items():
        parts = name.split(".")
        if parts[:2] != ["eligibility_desk", "ui"] or len(parts) < 4 or parts[2] not in WORKSPACES + ("common",):
            continue
        for target in targets:
            tparts = target.split(".")
            if tparts[:2] == ["eligibility_desk", "ui"] and len(tparts) >= 3 and tparts[2] != parts[2] \
                    and tparts[2] != "common":
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_no_import_cycles_between_modules():
    """Module-level cycles (a imports b imports a) make start-up order fragile; none are left."""
    graph = _module_imports()
    cycles = []
    for name, targets in graph.items():
        for target in targets:
            if name in graph.get(target, ()) and name < target and not target.startswith(name + ".") \
                    and not name.startswith(target + "."):
                cycles.append(f"{name} <-> {target}")
    assert cycles == []
