"""The window's first start on a fresh install, with and without byte-compiling at install (issue 16).

    .venv/bin/python benchmarks/cold_start.py [--runs 3]

A fresh install has no ``__pycache__`` for the project's own modules (an editable install compiles nothing):
the first start compiles ~150 modules before the window shows.  ``packaging/install.sh`` now runs
``compileall`` over the package, so the first start finds them compiled.  Each run here removes the caches
(``cold``), or removes and recompiles them (``compiled``), then times one start with a fresh data folder
(``benchmarks/gui.py``'s child: launch → main window shown).  Both in one run, alternating, medians reported.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui import start_once  # noqa: E402


def drop_caches() -> None:
    for cache in (ROOT / "eligibility_desk").rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def one(compiled: bool) -> float:
    drop_caches()
    if compiled:
        compileall.compile_dir(str(ROOT / "eligibility_desk"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config", PYTHONPATH=str(ROOT))
        env.pop("ELIGIBILITY_DESK_DB", None)
        return start_once(env)["shown"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, compiled = [], []
    for _ in range(args.runs):
        cold.append(one(False))
        compiled.append(one(True))
    compileall.compile_dir(str(ROOT / "eligibility_desk"), quiet=1)   # leave the tree compiled
    print(f"first start → window shown, caches absent:       median {statistics.median(cold):.2f} s  {[round(x, 2) for x in cold]}")
    print(f"first start → window shown, compiled at install: median {statistics.median(compiled):.2f} s  {[round(x, 2) for x in compiled]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
