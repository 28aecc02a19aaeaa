"""What one refresh of the 考评组评分 table costs: ``ScoreService.panel_view`` (the single read the table's F5,
tab focus and 15 s timer make) on the demo batch's largest panel sheet, every examiner having scored every
seat, on SQLite.  The table re-reads only while it is shown and not being edited.

    .venv/bin/python benchmarks/panel_refresh.py [--n 200] [--runs 200]
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
from bench_actor import bench_actor, open_desk as _open_desk  # noqa: E402

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility_desk.services.sessions.demo_resources import create_demo_resources  # noqa: E402
from eligibility_desk.services.records.desk import Desk  # noqa: E402
from eligibility_desk.services.scores.score_service import ScoreService  # noqa: E402
from eligibility_desk.services.sessions.session_service import SessionService  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="applicants in the demo batch")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _open_desk(Desk, f"sqlite:///{tmp}/desk.sqlite3", "教务员") as desk:
        batch = desk.create_demo_batch(n=args.n, seed=7)
        create_demo_resources(desk.db, batch, bench_actor("教务员"))
        sessions = SessionService.from_desk(desk)
        stored = sessions.plan_batch(batch, seed=7)
        sessions.finalise(stored.id, stored.version)
        scores = ScoreService(desk.db, bench_actor("考评组长"), desk.library)
        sheets = [info for info in scores.open_sheets(batch) if info.panel]
        sheet = max(sheets, key=lambda info: len(info.lines))
        for k, examiner in enumerate(sheet.panel):
            for line in sheet.lines:
                scores.panel_enter(sheet.id, examiner, line.seat, str(60 + (line.seat + k) % 30))
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            scores.panel_view(sheet.id)
            times.append(time.perf_counter() - start)
        print(f"sheet of {len(sheet.lines)} seats × {len(sheet.panel)} examiners: panel_view "
              f"median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms, "
              f"worst {max(times) * 1000:.1f} ms over {args.runs} runs")


if __name__ == "__main__":
    main()
