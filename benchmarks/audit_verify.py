"""``audit verify`` on 100,000 imported applicants: the chain walk, and the check that every applicant an import
created by digest still hashes to it (``persistence/audit_verify.py``).

    .venv/bin/python benchmarks/audit_verify.py [--baseline DIR] [--runs 3] [--db PATH]

Builds (once, cached) a SQLite database by importing the import benchmark's workbook of 100,000 generated
applicants (``benchmarks/import.py`` builds it when missing), then times ``audit.verify`` in a fresh process per
run: without the applicant check (the chain alone) and with it; with ``--baseline``, another checkout's code on
the same database file, the two interleaved run by run (before/after in one run).  CPU seconds are the figure
to compare on a shared machine (``time.process_time``); wall seconds are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from eligibility_desk.persistence import audit
from eligibility_desk.persistence.opening import open_database
db = open_database("sqlite:///" + sys.argv[1])
out = {}
with db.reading() as session:
    for label, applicants in (("chain", False), ("whole", True)):
        wall, cpu = time.perf_counter(), time.process_time()
        report = audit.verify(session, applicants=applicants)
        out[label] = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "ok": report.ok,
                      "rows": report.rows}
db.close()
print(json.dumps(out))
"""


def build(path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from bench_actor import open_desk

    from eligibility_desk import demo
    from eligibility_desk.services.records.desk import Desk

    workbook = Path(tempfile.gettempdir()) / "eligibility-desk-bench-100000.xlsx"
    if not workbook.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "import.py"), "--import-only"], check=True)
    desk = open_desk(Desk, f"sqlite:///{path}")
    batch = demo.demo_batch()
    batch_id = desk.create_batch("bench", batch.standard, batch.levels, batch.as_of)
    report = desk.import_file(workbook, batch_id)
    assert report.ok and report.created == 100_000, report.problems[:5]
    desk.close()


def run(code_root: Path, db: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db)], cwd=code_root, env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", metavar="DIR", help="another checkout to time on the same database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "eligibility-desk-bench-verify-100000.sqlite3")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db)
    trees = ([("before", Path(args.baseline))] if args.baseline else []) + [("after", ROOT)]
    results: dict[str, list[dict]] = {label: [] for label, _root in trees}
    for _ in range(args.runs):
        for label, root in trees:
            results[label].append(run(root, args.db))
    for label, runs in results.items():
        for part in ("chain", "whole"):
            cpu = min(r[part]["cpu"] for r in runs)
            wall = min(r[part]["wall"] for r in runs)
            print(f"{label:6} {part:5}: best cpu {cpu:5.2f} s, best wall {wall:5.2f} s, "
                  f"ok {all(r[part]['ok'] for r in runs)}, {runs[0][part]['rows']:,} audit rows")
        digest = min(r["whole"]["cpu"] - r["chain"]["cpu"] for r in runs)
        print(f"{label:6} applicant check alone (whole − chain, best): cpu {digest:5.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
