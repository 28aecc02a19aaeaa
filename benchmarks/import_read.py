"""The import's reading side alone (issue 15): a workbook read and checked into applicants, nothing written.

    python benchmarks/import_read.py [--workbook PATH] [--compare TREE] [--runs 3]

Times ``sheets.iter_xlsx`` + ``import_rows.parse_tables`` — the sheet scan, calamine's reading and every
check, as ``importing.import_file`` runs them (the cyclic GC paused) — in a fresh process, wall and CPU seconds,
and prints a hash of the parsed result (each applicant's ``repr``, the levels asked, the kinds supplied, the
problems, the row count, the photos), so two trees can be shown to read a workbook identically.

``--compare TREE`` runs this tree and another in turn, ``--runs`` times each, over the benchmark workbook and
the richer one that ``benchmarks/import.py`` builds (``/tmp/eligibility-desk-bench-100000[-rich].xlsx``; run
that script once first).  The machine is shared: take CPU seconds, and the best of a few runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
TODAY = "2026-12-05"
LEVELS = ("5", "4", "3", "2", "1")


def measure(path: Path) -> dict:
    """Read ``path`` in this process (with the tree first on ``sys.path``): wall, CPU, a hash of the result."""
    import gc
    import hashlib
    import time
    from datetime import date

    try:
        from eligibility_desk.services.records.import_rows import parse_tables
        from eligibility_desk.services.records.sheets import iter_xlsx
    except ImportError:  # a tree from before the layout move (services/ was flat)
        from eligibility_desk.services.import_rows import parse_tables
        from eligibility_desk.services.sheets import iter_xlsx

    gc.disable()
    wall, cpu = time.perf_counter(), time.process_time()
    parsed = parse_tables(iter_xlsx(path, []), LEVELS, date.fromisoformat(TODAY))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    digest = hashlib.sha256()
    for applicant in parsed.applicants:
        digest.update(repr(applicant).encode())
    digest.update(repr(sorted(parsed.levels.items())).encode())
    digest.update(repr(sorted((k, sorted(v)) for k, v in parsed.supplied.items())).encode())
    digest.update(repr(parsed.problems).encode())
    digest.update(repr(parsed.rows).encode())
    digest.update(repr(sorted(getattr(parsed, "photos", {}).items())).encode())  # (f25a79c had no photos)
    return {"wall": wall, "cpu": cpu, "applicants": len(parsed.applicants), "problems": len(parsed.problems),
            "hash": digest.hexdigest()[:16]}


def compare(other: Path, runs: int) -> None:
    tmp = Path(tempfile.gettempdir())
    files = [tmp / "eligibility-desk-bench-100000.xlsx", tmp / "eligibility-desk-bench-100000-rich.xlsx"]
    results: dict = {}
    for run in range(runs):
        for path in files:
            for who, tree in (("before", other), ("after", HERE)):
                done = subprocess.run([sys.executable, __file__, "--measure", str(path), "--tree", str(tree)],
                                      capture_output=True, text=True)
                if done.returncode:
                    print(f"{path.name} {who}: failed\n{done.stderr[-1500:]}")
                    continue
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                results.setdefault((path.name, who), []).append(figures)
                print(f"run {run + 1} {path.name:40} {who:7} {figures['wall']:6.2f} s wall {figures['cpu']:6.2f} s CPU"
                      f"  {figures['applicants']} applicants, {figures['problems']} problems, {figures['hash']}",
                      flush=True)
    print("\nbest of", runs, "(wall / CPU):")
    for (name, who), figures in results.items():
        print(f"  {name:40} {who:7} {min(f['wall'] for f in figures):6.2f} s  "
              f"{min(f['cpu'] for f in figures):6.2f} s CPU  hashes {sorted({f['hash'] for f in figures})}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbook", type=Path, default=Path(tempfile.gettempdir()) / "eligibility-desk-bench-100000.xlsx")
    parser.add_argument("--compare", type=Path, metavar="TREE")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree or HERE))
    if args.compare:
        compare(args.compare, args.runs)
        return 0
    print(json.dumps(measure(args.measure or args.workbook)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
