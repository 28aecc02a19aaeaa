"""Interchange JSON import speed (issue 15, duplicate keys): ``Desk.import_file`` of a clean generated file of
``-n`` applicants (benchmarks/synthetic_applicants.py, seed 1, with valid distinct ID numbers; records the
import would refuse left out) into a fresh SQLite database — CPU (``time.process_time``) and wall, for this
tree and any ``--compare`` trees, each in a fresh process, trees alternating run by run, best of ``--runs``.

    .venv/bin/python benchmarks/import_json.py [--compare /tmp/base-tree ...] [-n 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import sys, time, tempfile
sys.path.insert(0, sys.argv[1])
from datetime import date
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.domain.roles import Actor, Role
folder = tempfile.mkdtemp()
desk = Desk.open(f"sqlite:///{folder}/b.sqlite3", Actor("bench", "bench", frozenset(Role)))
batch = desk.create_batch("b", "4-07-02-06", ["4", "3", "2", "1"], date(2025, 9, 1))
wall, cpu = time.perf_counter(), time.process_time()
report = desk.import_file(sys.argv[2], batch)
print(time.process_time() - cpu, time.perf_counter() - wall, report.ok, report.created)
desk.close()
'''


def make_file(n: int, path: Path) -> int:
    from datetime import date, timedelta

    import orjson

    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from synthetic_applicants import applicant_dicts

    from eligibility_desk.domain.idnumber import make_id_number
    from eligibility_desk.services.records.importing import _parse_json  # in every tree

    docs = applicant_dicts(n, date(2025, 9, 1))
    for i, record in enumerate(docs):
        record["id_number"] = make_id_number("110105", date(1960, 1, 1) + timedelta(days=i // 900), 1 + i % 900)
    path.write_bytes(orjson.dumps({"applicants": docs}))
    bad = {p.row - 1 for p in _parse_json(path, date.today()).problems}
    docs = [d for i, d in enumerate(docs) if i not in bad]
    path.write_bytes(orjson.dumps({"applicants": docs}))
    return len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", type=Path, nargs="*", default=[], metavar="TREE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "applicants.json"
        count = make_file(args.n, path)
        print(f"{count} applicants, {path.stat().st_size / 1e6:.1f} MB; load {os.getloadavg()[0]:.2f}")
        trees = [*args.compare, ROOT]
        figures = {tree: [] for tree in trees}
        for _run in range(args.runs):
            for tree in trees:
                done = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(path)], capture_output=True,
                                      text=True, cwd=tree, check=True)
                cpu, wall, ok, created = done.stdout.split()[:4]
                assert ok == "True" and int(created) == count, done.stdout
                figures[tree].append((float(cpu), float(wall)))
        for tree in trees:
            print(f"{tree}: CPU {min(c for c, _ in figures[tree]):.3f} s, wall {min(w for _, w in figures[tree]):.3f} s "
                  f"(best of {args.runs})")
        print(f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
