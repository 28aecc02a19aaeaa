"""GUI benchmarks (issue 3): window start, loading 100,000 applicants into the list, a filter keystroke.

    .venv/bin/python benchmarks/gui.py [--n 100000] [--runs 5]

1. **Start**: from launching ``python -m eligibility_desk`` (a new process, default database in a
   fresh data folder) to the main window's first paint, and on to the list filled from the database.
   Timed from the parent (``time.time()`` before ``Popen``) to the child's report, so interpreter start and
   every import count.  Run twice: first start (the database is created and migrated) and a warm start.
2. **Load**: ``Desk.applicant_rows(batch)`` on a SQLite database with ``--n`` screened applicants, then
   ``ApplicantTableModel.set_rows`` (search keys built) — what the window does when a batch is opened.
3. **Keystroke**: typing a name into the search box key by key on that model, each key timed from the
   key event to the view updated (filter, model reset, the table repainted).

Runs offscreen (QT_QPA_PLATFORM=offscreen).  The 100k database is generated once with the demo generator
(``Desk.create_demo_batch``: imported and screened) and kept in the temp folder between runs.
The machine has 2 cores and other work may run at the same time: figures are medians of ``--runs``.
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
from bench_actor import open_desk as _open_desk  # noqa: E402

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# the child: the real CLI entry point, with an application-wide event filter that reports the main window's
# first paint and the moment its list is filled, then quits
CHILD = r"""
import sys, time, json
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
marks = {}
class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and isinstance(obj, QMainWindow) and "shown" not in marks:
            marks["shown"] = time.time()
            obj.desk_ready.connect(ready)
        return False
def ready():
    if "ready" not in marks:
        marks["ready"] = time.time()
        print(json.dumps(marks), flush=True)
        QTimer.singleShot(0, app.quit)
spy = Spy()
app.installEventFilter(spy)
from eligibility_desk.cli import main
sys.exit(main([]))
"""


def start_once(env: dict) -> dict:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    line = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if not line:
        raise RuntimeError(f"child failed: {out.stderr[-2000:]}")
    marks = json.loads(line[-1])
    return {"shown": marks["shown"] - started, "ready": marks["ready"] - started}


def bench_start(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config", PYTHONPATH=str(ROOT))
        env.pop("ELIGIBILITY_DESK_DB", None)
        first = start_once(env)
        warm = [start_once(env) for _ in range(runs)]
    return {"first_shown": first["shown"], "first_ready": first["ready"],
            "warm_shown": statistics.median(w["shown"] for w in warm),
            "warm_ready": statistics.median(w["ready"] for w in warm)}


def big_database(n: int) -> tuple[str, int]:
    from eligibility_desk.services.records.desk import Desk

    path = Path(tempfile.gettempdir()) / f"eligibility-desk-gui-bench-{n}.sqlite3"
    url = f"sqlite:///{path}"
    desk = _open_desk(Desk, url)
    try:
        batches = desk.batches()
        if batches and batches[0].applicants == n:
            return url, batches[0].id
    finally:
        desk.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    desk = _open_desk(Desk, url)
    started = time.perf_counter()
    batch_id = desk.create_demo_batch(n=n, seed=42)
    print(f"  (generated, imported and screened {n} demo applicants in {time.perf_counter() - started:.1f} s)")
    desk.close()
    return url, batch_id


def bench_load_and_filter(n: int, runs: int) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from eligibility_desk.services.records.desk import Desk

    url, batch_id = big_database(n)
    app = QApplication.instance() or QApplication([])
    from eligibility_desk.ui.screening.applicant_filter import search_keys
    from eligibility_desk.ui.screening.applicant_list_panel import ApplicantListPanel
    from eligibility_desk.ui.common.fonts import ensure_cjk_font

    ensure_cjk_font(app)
    desk = _open_desk(Desk, url)
    panel = ApplicantListPanel()
    panel.resize(1000, 700)
    panel.show()
    app.processEvents()
    query, keying, model = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = desk.applicant_rows(batch_id)   # what the window's worker thread does …
        tk = time.perf_counter()
        keys = search_keys(rows)
        t1 = time.perf_counter()
        keying.append(t1 - tk)
        panel.set_rows(rows, keys)             # … and what the GUI thread does with it
        panel.view.viewport().repaint()
        t2 = time.perf_counter()
        query.append(t1 - t0)
        model.append(t2 - t1)
    assert panel.model.rowCount() == n, panel.model.rowCount()

    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    def type_key(char: str) -> float:
        t = time.perf_counter()
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(panel.search, QKeyEvent(kind, 0, Qt.NoModifier, char))
        panel.view.viewport().repaint()
        return time.perf_counter() - t

    def backspace() -> float:
        t = time.perf_counter()
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(panel.search, QKeyEvent(kind, Qt.Key_Backspace, Qt.NoModifier))
        panel.view.viewport().repaint()
        return time.perf_counter() - t

    sample = rows[n // 2]
    words = [sample.name, sample.id_number[:10], sample.school or "学院", "电子商务"]
    first_keys, later_keys, erase_keys = [], [], []
    for _ in range(runs):
        for word in words:
            panel.search.clear()
            for i, char in enumerate(word):
                (first_keys if i == 0 else later_keys).append(type_key(char))
            for _char in word:
                erase_keys.append(backspace())
    desk.close()
    return {"rows": n, "query": statistics.median(query), "keys": statistics.median(keying), "model": statistics.median(model),
            "load_total": statistics.median(q + m for q, m in zip(query, model)),
            "key_first_median": statistics.median(first_keys), "key_first_max": max(first_keys),
            "key_later_median": statistics.median(later_keys), "key_erase_median": statistics.median(erase_keys),
            "key_max": max(first_keys + later_keys + erase_keys)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-start", action="store_true")
    args = parser.parse_args()
    if not args.skip_start:
        s = bench_start(args.runs)
        print(f"start, first run (creates + migrates the default DB): window shown {s['first_shown']:.2f} s, list ready {s['first_ready']:.2f} s")
        print(f"start, warm (median of {args.runs}):                    window shown {s['warm_shown']:.2f} s, list ready {s['warm_ready']:.2f} s")
    r = bench_load_and_filter(args.n, args.runs)
    print(f"load {r['rows']} applicants: worker {r['query']:.2f} s (of which search keys {r['keys']:.2f} s) + "
          f"GUI thread (model, sort, paint) {r['model']:.2f} s = {r['load_total']:.2f} s (median)")
    print(f"filter keystroke: first key (scans all rows) median {r['key_first_median'] * 1000:.0f} ms, max {r['key_first_max'] * 1000:.0f} ms; "
          f"further keys median {r['key_later_median'] * 1000:.0f} ms; backspace median {r['key_erase_median'] * 1000:.0f} ms; worst {r['key_max'] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
