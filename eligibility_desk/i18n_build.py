"""Compile the interface translations: ``eligibility_desk/ui/i18n/*.ts`` -> ``*.qm`` with Qt's lrelease.

Run at install time (``python -m eligibility_desk.i18n_build``, called by packaging/install.sh); the app
also calls :func:`ensure_compiled` at start so a checkout without compiled files still shows English.
The interface's source strings are Chinese, so zh_CN needs no file.  To refresh the sources after changing
strings in ``eligibility_desk/ui`` (keeps existing translations; new strings come in unfinished)::

    python -m eligibility_desk.i18n_build --update

Qt-free at import time (it only runs a program), like everything outside ``eligibility_desk/ui``.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent / "ui" / "i18n"


def find_tool(tool: str = "lrelease") -> Path | None:
    """``pyside6-<tool>`` beside this Python, on PATH, or the ``<tool>`` inside the PySide6 package."""
    candidates = [Path(sys.executable).parent / f"pyside6-{tool}"]
    for name in (f"pyside6-{tool}", tool):
        found = shutil.which(name)
        if found:
            candidates.append(Path(found))
    spec = importlib.util.find_spec("PySide6")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            candidates += [Path(folder) / tool, Path(folder) / f"{tool}.exe", Path(folder) / "Qt" / "bin" / tool]
    for path in candidates:
        if path.is_file():
            return path
    return None


def sources(folder: Path = I18N_DIR) -> list[Path]:
    return sorted(folder.glob("*.ts"))


def compile_ts(ts: Path, qm: Path | None = None) -> Path:
    """Compile one .ts file; raises RuntimeError naming the file when lrelease is missing or fails."""
    qm = qm or ts.with_suffix(".qm")
    tool = find_tool("lrelease")
    if tool is None:
        raise RuntimeError(f"cannot compile {ts}: pyside6-lrelease not found (install PySide6-Essentials)")
    done = subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    if done.returncode != 0 or not qm.is_file():
        raise RuntimeError(f"cannot compile {ts}: {done.stderr.strip() or done.stdout.strip() or 'lrelease failed'}")
    return qm


def ensure_compiled(folder: Path = I18N_DIR) -> list[Path]:
    """Compile every .ts whose .qm is missing or older; returns the .qm files compiled now."""
    compiled = []
    for ts in sources(folder):
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
            compiled.append(compile_ts(ts, qm))
    return compiled


def update_sources(folder: Path = I18N_DIR) -> None:
    """Re-extract the strings of every ``eligibility_desk/ui/**/*.py`` into every .ts (lupdate; translations kept)."""
    tool = find_tool("lupdate")
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found (install PySide6-Essentials)")
    files = sorted(str(p) for p in folder.parent.rglob("*.py"))  # every ui subpackage; lupdate scans folders for C++/QML only
    for ts in sources(folder) or [folder / "eligibility_desk_en.ts"]:
        subprocess.run([str(tool), "-silent", "-no-obsolete", "-source-language", "zh_CN", "-target-language", "en",
                        *files, "-ts", str(ts)], check=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--update" in args:
        update_sources()
        return 0
    try:
        files = [compile_ts(ts) for ts in sources()]
    except RuntimeError as exc:
        print(f"i18n_build: {exc}", file=sys.stderr)
        return 1
    for qm in files:
        print(f"i18n_build: wrote {qm}")
    if not files:
        print(f"i18n_build: no .ts files in {I18N_DIR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
