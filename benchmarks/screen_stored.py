"""Screening a stored batch (the window's F5, ``Desk.screen_batch``), before and after side by side (issue 12).

    python benchmarks/screen_stored.py [--before /tmp/before-screen ...] [--runs 3] [-n 100000] [--profile]

For every tree (this one and each ``--before``), in a fresh process: the benchmark workbook of
``benchmarks/import.py`` (``n`` generated applicants, seed 7; built once and cached in ``/tmp``) is imported
once into a SQLite file cached per tree (``/tmp/eligibility-desk-screen-<tree hash>-<n>.sqlite3``, that
tree's schema); each run copies that file to a fresh one, opens it (``Desk.open``, not timed) and times
``Desk.screen_batch(batch_id)``: read the applicants, screen every application, store verdicts and clause
traces, audit the run, commit.  CPU seconds are the whole process's (every thread: since round three the
read and the write run in threads beside the screening), and the calling thread's alone.  Trees alternate
run by run so the machine's load touches both alike; the best and the median of the runs are printed, with
the load average before and after.

The verdict counts of each tree are printed (every run of a tree must give the same); trees before issue 12's
fidelity fixes give other verdicts for the same applicants.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, time
tree, db, workbook, n, mode = sys.argv[1:6]
sys.path.insert(0, tree)
import eligibility_desk
assert eligibility_desk.__file__.startswith(tree), eligibility_desk.__file__
from eligibility_desk import demo
try:
    from eligibility_desk.services.records.desk import Desk
except ImportError:  # the trees before the move into services/records/
    from eligibility_desk.services.desk import Desk
try:  # issue 14: changes need an account with the role; trees before accounts took a name
    from eligibility_desk.domain.roles import Actor, Role
    who = {"actor": Actor("bench", "bench", frozenset(Role))}
except ImportError:
    who = {"user": "bench"}
if mode == "build":
    desk = Desk.open(f"sqlite:///{db}", **who)
    batch = demo.demo_batch()
    batch_id = desk.create_batch("bench", batch.standard, batch.levels, batch.as_of)
    report = desk.import_file(workbook, batch_id)
    assert report.ok
    desk.close()
    print(json.dumps({"batch_id": batch_id}))
    sys.exit(0)
desk = Desk.open(f"sqlite:///{db}", **who)
batch_id = desk.batches()[0].id
if mode == "profile":
    import cProfile, pstats
    prof = cProfile.Profile()
    prof.enable()
t = time.perf_counter(); c = time.process_time(); m = time.thread_time()
summary = desk.screen_batch(batch_id)
wall = time.perf_counter() - t; cpu = time.process_time() - c; main = time.thread_time() - m
if mode == "profile":
    prof.disable()
    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
desk.close()
counts = summary.counts
print(json.dumps({"wall": wall, "cpu": cpu, "main": main, "counts": [counts.eligible, counts.ineligible, counts.review,
                                                        counts.error]}))
"""


def _tree_db(tree: Path, n: int, workbook: Path) -> Path:
    key = hashlib.sha1(str(tree.resolve()).encode()).hexdigest()[:10]
    path = Path(tempfile.gettempdir()) / f"eligibility-desk-screen-{key}-{n}.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".building")
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        subprocess.run([sys.executable, "-c", CHILD, str(tree), str(tmp), str(workbook), str(n), "build"],
                       check=True, stdout=subprocess.DEVNULL)
        _checkpoint(tmp)
        tmp.rename(path)
    return path


def _checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def run_once(tree: Path, db: Path, workbook: Path, n: int, profile: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.sqlite3"
        shutil.copyfile(db, copy)
        out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(copy), str(workbook), str(n),
                              "profile" if profile else "time"], check=True, capture_output=True, text=True)
        if profile:
            print(out.stderr)
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, action="append", default=[], help="another source tree (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="one cProfile'd run of this tree only")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE / "benchmarks"))
    from importlib import import_module

    bench_import = import_module("import")
    workbook = Path(tempfile.gettempdir()) / f"eligibility-desk-bench-{args.n}.xlsx"
    if not workbook.exists():
        bench_import.build_workbook(workbook, args.n)
    trees = [*args.before, HERE]
    dbs = {tree: _tree_db(tree, args.n, workbook) for tree in trees}
    if args.profile:
        print(run_once(HERE, dbs[HERE], workbook, args.n, True))
        return 0
    print(f"load average before: {os.getloadavg()}")
    times: dict[Path, list] = {tree: [] for tree in trees}
    counts: dict[Path, set] = {tree: set() for tree in trees}
    for _ in range(args.runs):
        for tree in trees:
            result = run_once(tree, dbs[tree], workbook, args.n, False)
            times[tree].append((result["wall"], result["cpu"], result["main"]))
            counts[tree].add(tuple(result["counts"]))
    print(f"load average after: {os.getloadavg()}")
    for tree in trees:
        walls = [w for w, _c, _m in times[tree]]
        cpus = [c for _w, c, _m in times[tree]]
        mains = [m for _w, _c, m in times[tree]]
        print(f"{str(tree):40} screen_batch wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s;"
              f" CPU best {min(cpus):.2f} s, of which the calling thread {min(mains):.2f} s"
              f"  (runs: {', '.join(f'{w:.2f}' for w in walls)})")
    for tree in trees:  # the first wave's rules gave other verdicts (issue 12's fidelity fixes): shown, not compared
        print(f"{str(tree):40} verdicts (eligible, ineligible, review, error): {sorted(counts[tree])}")
    return 0 if all(len(found) == 1 for found in counts.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
