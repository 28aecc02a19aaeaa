"""Import, screening and listing speed for applicant records (issue 7).

    python benchmarks/import.py [-n 100000] [--workbook /tmp/eligibility-desk-bench-100000.xlsx] [--hash]

Builds (once, cached) a workbook of ``n`` generated applicants (eligibility_desk.demo) with the 考生 / 学历 /
工作经历 / 证书 / 职称 sheets, then into a fresh SQLite file:

1. imports it, validated (target ≤ 10 s for 100,000 applicants);
2. screens the batch and stores every result (target ≤ 10 s more);
3. lists the batch as the GUI does (``Desk.applicant_rows``, target ≤ 1 s);
4. re-imports the same workbook (every applicant already on file: compared, unchanged).

``--hash`` prints a SHA-256 per stored table right after the first import, over every column but the
timestamps and the audit chain's hashes (which cover the timestamps; the chain is verified instead), rows in
id order, to show that a change to the import path stores exactly the same data; and the audit table's
again with the applicant ``create`` rows' ``after`` left out (a digest since round three, the whole snapshot
before).  ``--import-only`` stops after the import (and the hashes).  ``--compare`` also takes a
tree from before the layout move (services/ flat, e.g. f25a79c).

Issue 15's comparison, before and after side by side in one run, each import in a fresh process::

    python benchmarks/import.py --compare /path/to/other/tree [/path/to/another …] [--runs 3] [--files workbook]

imports, in turn and ``--runs`` times each: the benchmark workbook (100,000 applicants), a richer one of the
same 100,000 applicants with more records each (631,985 rows; the issue measured one of 584,000), and a CSV of 1,000,000
applicants (``--csv``), with this tree's code and with the other tree's; and reads each workbook into Python
lists with python-calamine alone (the floor).  It prints wall and CPU seconds (of the process and of any child
it forked — the digest child, ``import_digests.py`` — which is also printed alone) and the peak RSS of each
process, the importing thread's CPU (in all, and for a workbook after its last sheet was read, with the wall
time after that), the best of the runs, and each import against calamine's read in the same run (the median
ratio: the machine's speed drifts from minute to minute).

The machine has 2 cores and other work runs beside it: figures are noisy; take the best of a few runs.
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
from bench_actor import open_desk as _open_desk  # noqa: E402

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if "--tree" in sys.argv:  # measure another source tree's code (before/after comparison)
    sys.path.insert(0, sys.argv[sys.argv.index("--tree") + 1])

from eligibility_desk import demo  # noqa: E402

try:
    from eligibility_desk.services.records.import_layout import SHEETS  # noqa: E402
except ImportError:  # a tree from before the layout move (e.g. f25a79c): services/ was flat
    from eligibility_desk.services.import_layout import SHEETS  # noqa: E402


def _desk():
    try:
        from eligibility_desk.services.records.desk import Desk
    except ImportError:  # before the layout move
        from eligibility_desk.services.desk import Desk
    return Desk


def build_workbook(path: Path, n: int, seed: int = 7) -> None:
    from openpyxl import Workbook

    batch = demo.demo_batch(seed)
    people = demo.demo_applicants(n, seed, batch.as_of)
    wb = Workbook(write_only=True)
    sheets = {layout.kind: wb.create_sheet(layout.name) for layout in SHEETS}
    for layout in SHEETS:
        sheets[layout.kind].append([c.header for c in layout.columns])
    yes_no = {True: "是", False: "否", None: "未知"}
    from eligibility_desk.domain.labels import class_type_label, school_type_label

    for a, levels in people:
        n_ = a.id_number
        sheets["applicants"].append([n_, a.name, a.id, ",".join(levels), None])
        for e in a.education:
            sheets["education"].append([n_, school_type_label(e.school_type), e.school, e.major,
                                        class_type_label(e.class_type) if e.class_type else None, e.graduated_on,
                                        yes_no[e.in_school], yes_no[e.assessed]])
        for w in a.work:
            sheets["work"].append([n_, w.occupation, w.employer, w.start, w.end])
        for c in a.certificates:
            sheets["certificates"].append([n_, c.occupation, c.level, c.obtained_on, c.number])
        for t in a.titles:
            sheets["titles"].append([n_, {"junior": "初级", "intermediate": "中级", "senior": "高级"}[t.grade.value],
                                     t.name, t.obtained_on, yes_no[t.profession_matches]])
    wb.save(path)


def build_rich_workbook(path: Path, n: int, seed: int = 7) -> None:
    """The benchmark workbook with each applicant's work history given twice more (earlier periods, other
    employers) and a certificate for everyone: ~5.8 rows per applicant, as a centre's richer roster."""
    from datetime import date, timedelta

    from openpyxl import Workbook

    batch = demo.demo_batch(seed)
    people = demo.demo_applicants(n, seed, batch.as_of)
    wb = Workbook(write_only=True)
    sheets = {layout.kind: wb.create_sheet(layout.name) for layout in SHEETS}
    for layout in SHEETS:
        sheets[layout.kind].append([c.header for c in layout.columns])
    from eligibility_desk.domain.idnumber import birth_date

    for a, levels in people:
        n_ = a.id_number
        sheets["applicants"].append([n_, a.name, a.id, ",".join(levels), "13800000000"])
        grown = min(birth_date(n_) + timedelta(days=16 * 366), date(2023, 1, 1))
        for w in a.work:
            sheets["work"].append([n_, w.occupation, w.employer, w.start, w.end])
        for k in range(2):
            start = grown + timedelta(days=200 * k)
            sheets["work"].append([n_, "营销员", f"某商贸公司{k + 1}", start, start + timedelta(days=150)])
        sheets["certificates"].append([n_, "营销员", 5, grown + timedelta(days=500), f"S{n_[-8:]}"])
        for c in a.certificates:
            sheets["certificates"].append([n_, c.occupation, c.level, c.obtained_on, c.number])
        for e in a.education:
            from eligibility_desk.domain.labels import class_type_label, school_type_label

            sheets["education"].append([n_, school_type_label(e.school_type), e.school, e.major,
                                        class_type_label(e.class_type) if e.class_type else None, e.graduated_on,
                                        "是" if e.in_school else "否", "是" if e.assessed else "否"])
    wb.save(path)


def build_csv(path: Path, n: int) -> None:
    """``n`` applicants on the 考生 sheet as one UTF-8 CSV file (valid, distinct ID numbers)."""
    import csv
    from datetime import date, timedelta

    from eligibility_desk.domain.idnumber import make_id_number

    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["身份证号码", "姓名", "考生编号", "申报等级", "联系电话"])
        for i in range(n):
            born = date(1970, 1, 1) + timedelta(days=i // 900)
            out.writerow([make_id_number("110105", born, i % 900 + 1), f"考生{i}", f"A{i:07d}", "4", "13800000000"])


def _last_sheet_mark() -> dict:
    """Where the importing thread's CPU stood when the last sheet was read (a workbook): ``sheets._table``,
    which every tree calls once per sheet read (in the reader threads since round two), is wrapped to note the
    importing thread's CPU clock and the time each time it returns; the last note stays.  Empty when the tree
    has no such function."""
    import threading

    try:
        from eligibility_desk.services.records import sheets
    except ImportError:  # before the layout move
        from eligibility_desk.services import sheets
    mark: dict = {}
    table = getattr(sheets, "_table", None)
    if table is None:
        return mark
    clock = time.pthread_getcpuclockid(threading.get_ident())

    def noted(*args, **kwargs):
        made = table(*args, **kwargs)
        mark["main"], mark["wall"] = time.clock_gettime(clock), time.perf_counter()
        return made

    sheets._table = noted
    return mark


def measure_import(path: Path) -> dict:
    """Import ``path`` into a fresh SQLite file in this process: wall, CPU, peak RSS (MB); the importing
    thread's CPU (``time.thread_time``: the GIL-bound serial path the readers and the writer run beside) in
    all and, for a workbook, after the last sheet was read (what nothing overlaps any more), and the wall
    time after it."""
    import resource

    mark = _last_sheet_mark()
    with tempfile.TemporaryDirectory() as tmp:
        desk = _open_desk(_desk(), f"sqlite:///{tmp}/bench.sqlite3")
        batch = demo.demo_batch()
        batch_id = desk.create_batch("bench", batch.standard, batch.levels, batch.as_of)
        children = _children_cpu()
        wall, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
        report = desk.import_file(path, batch_id)
        end, main_end = time.perf_counter(), time.thread_time()
        wall, cpu, main = end - wall, time.process_time() - cpu, main_end - main
        children = _children_cpu() - children
        desk.close()
    assert report.ok, [p.describe() for p in report.problems[:5]]
    after = {"main_after": main_end - mark["main"], "wall_after": end - mark["wall"]} if mark else {}
    child = {"child_cpu": children} if children else {}
    return {"wall": wall, "cpu": cpu + children, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "created": report.created, "main": main, **after, **child}


def _children_cpu() -> float:
    """CPU seconds of this process's children that have ended (the import's digest child, where it forks one)."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure_read(path: Path) -> dict:
    """The floor: the workbook's sheets read into Python lists with python-calamine alone."""
    import resource

    from python_calamine import CalamineWorkbook

    wall, cpu = time.perf_counter(), time.process_time()
    wb = CalamineWorkbook.from_path(str(path))
    rows = sum(len(wb.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in wb.sheet_names)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": rows}


def compare(others: list[Path], runs: int, n: int, csv_rows: int, only: list[str] | None = None) -> None:
    """Before/after side by side: each measurement in a fresh process, in turn, ``runs`` times; ``others``
    are the trees to compare with (``before`` when one, else each named by its folder)."""
    import json
    import subprocess

    here = Path(__file__).resolve().parents[1]
    tmp = Path(tempfile.gettempdir())
    files = {"workbook": tmp / f"eligibility-desk-bench-{n}.xlsx",
             "rich workbook": tmp / f"eligibility-desk-bench-{n}-rich.xlsx",
             "CSV": tmp / f"eligibility-desk-bench-{csv_rows}.csv"}
    builders = {"workbook": lambda p: build_workbook(p, n), "rich workbook": lambda p: build_rich_workbook(p, n),
                "CSV": lambda p: build_csv(p, csv_rows)}
    if only:
        files = {label: path for label, path in files.items() if label in only}
    for label, path in files.items():
        if not path.exists():
            builders[label](path)
        print(f"{label}: {path} ({path.stat().st_size / 1e6:.0f} MB)", flush=True)
    jobs = []
    for label, path in files.items():
        if path.suffix == ".xlsx":
            jobs.append((label, "calamine read", here, "--measure-read", path))
        for other in others:
            jobs.append((label, "before" if len(others) == 1 else other.name[:14], other, "--measure-import", path))
        jobs.append((label, "after", here, "--measure-import", path))
    results: dict = {}
    for run in range(runs):
        for label, who, tree, mode, path in jobs:
            script = here / "benchmarks" / "import.py"
            code = subprocess.run([sys.executable, str(script), mode, str(path), "--tree", str(tree)],
                                  capture_output=True, text=True)
            if code.returncode:
                print(f"{label} {who}: failed\n{code.stderr[-1500:]}")
                continue
            figures = json.loads(code.stdout.strip().splitlines()[-1])
            results.setdefault((label, who), []).append(figures)
            load = os.getloadavg()[0]
            print(f"run {run + 1} {label:14} {who:14} {figures['wall']:6.2f} s wall {figures['cpu']:6.2f} s CPU "
                  f"{figures['rss']:6.0f} MB peak RSS{_threads(figures)}  (load average {load:.1f})", flush=True)
    _paired(results)
    print("\nbest of", runs, "(wall / CPU / peak RSS / importing thread's CPU: in all, after the last sheet / "
          "wall after the last sheet):")
    for (label, who), figures in results.items():
        best = min(figures, key=lambda f: f["wall"])
        least = {key: min(f[key] for f in figures) for key in ("main", "main_after", "wall_after", "child_cpu")
                 if all(key in f for f in figures)}
        print(f"  {label:14} {who:14} {best['wall']:6.2f} s  {min(f['cpu'] for f in figures):6.2f} s CPU  "
              f"{min(f['rss'] for f in figures):6.0f} MB{_threads(least)}")


def _paired(results: dict) -> None:
    """Each import against calamine's read of the same file in the same run (the load of that moment on both),
    and the median over the runs: the machine's speed drifts by several per cent from minute to minute."""
    import statistics

    reads = {label: [f["wall"] for f in figures] for (label, who), figures in results.items() if who == "calamine read"}
    lines = []
    for (label, who), figures in results.items():
        if who == "calamine read" or label not in reads:
            continue
        ratios = [f["wall"] / read for f, read in zip(figures, reads[label])]
        walls = [f["wall"] for f in figures]
        lines.append(f"  {label:14} {who:14} median {statistics.median(walls):6.2f} s; against its run's read: "
                     + ", ".join(f"{r:.2f}×" for r in ratios) + f"  (median {statistics.median(ratios):.2f}×)")
    if lines:
        print("\neach run against that run's calamine read:")
        print("\n".join(lines))


def _threads(figures: dict) -> str:
    """The importing thread's CPU (in all, after the last sheet) and the wall time after it, where measured."""
    out = f"  main {figures['main']:5.2f} s" if "main" in figures else ""
    if "main_after" in figures:
        out += f" / {figures['main_after']:5.2f} s after the last sheet, {figures['wall_after']:5.2f} s wall"
    if "child_cpu" in figures:
        out += f"; child process {figures['child_cpu']:4.2f} s CPU"
    return out


#: columns that follow from the time of the import (the audit chain hashes each row's time): left out of the
#: hashes, the chain is verified instead
TIMED = {"prev_hash", "row_hash"}


def table_hashes(url: str) -> dict[str, tuple[int, str]]:
    """Table -> (rows, SHA-256 of the rows' stored values in key order), timestamp columns (and the audit
    chain's hashes, which cover the timestamps) left out; ``audit chain`` -> (rows checked, "whole" or the
    first break)."""
    import hashlib

    from sqlalchemy import DateTime, create_engine

    from eligibility_desk.persistence.models import Base

    engine = create_engine(url)
    out = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = ", ".join(f'"{c.name}"' for c in table.columns
                                if not isinstance(c.type, DateTime) and c.name not in TIMED)
            order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
            digest, rows = hashlib.sha256(), 0
            # as stored (text, numbers), not as SQLAlchemy would read them back
            for row in connection.exec_driver_sql(f'SELECT {columns} FROM "{table.name}" ORDER BY {order}'):
                digest.update(repr(tuple(row)).encode())
                rows += 1
            if rows:
                out[table.name] = (rows, digest.hexdigest())
            if table.name == "audit" and rows:   # applicant create rows hold a digest since round three: the
                # rest of the audit table, comparable with a tree that stored the whole snapshot
                rest = columns.replace('"after"', "CASE WHEN entity = 'applicant' AND action = 'create' "
                                                  "THEN NULL ELSE \"after\" END")
                digest, rows = hashlib.sha256(), 0
                for row in connection.exec_driver_sql(f'SELECT {rest} FROM "{table.name}" ORDER BY {order}'):
                    digest.update(repr(tuple(row)).encode())
                    rows += 1
                out["audit w/o create after"] = (rows, digest.hexdigest())
    engine.dispose()
    from eligibility_desk.persistence import audit
    from eligibility_desk.persistence.database import Database

    db = Database(url)
    with db.reading() as session:
        chain = audit.verify(session)
    db.close()
    out["audit chain"] = (chain.rows, "whole" if chain.ok else f"broken at {chain.broken_seq}: {chain.reason}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--workbook", type=Path)
    parser.add_argument("--hash", action="store_true", help="print a hash of each stored table after the import")
    parser.add_argument("--import-only", action="store_true", help="stop after the import (and --hash)")
    parser.add_argument("--compare", type=Path, nargs="+", metavar="TREE",
                        help="before/after against other source trees (each in turn, in one run)")
    parser.add_argument("--files", nargs="+", choices=["workbook", "rich workbook", "CSV"],
                        help="with --compare: only these files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--measure-import", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-read", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_import or args.measure_read:
        import json

        figures = measure_import(args.measure_import) if args.measure_import else measure_read(args.measure_read)
        print(json.dumps(figures))
        return 0
    if args.compare:
        compare(args.compare, args.runs, args.n, args.csv_rows, args.files)
        return 0
    workbook = args.workbook or Path(tempfile.gettempdir()) / f"eligibility-desk-bench-{args.n}.xlsx"
    if not workbook.exists():
        t = time.perf_counter()
        build_workbook(workbook, args.n)
        print(f"built {workbook} in {time.perf_counter() - t:.1f} s")
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(workbook))
    rows = {name: wb.get_sheet_by_name(name).height - 1 for name in wb.sheet_names}
    print("workbook rows:", ", ".join(f"{k} {v:,}" for k, v in rows.items()))

    from eligibility_desk.services.records.desk import Desk

    with tempfile.TemporaryDirectory() as tmp:
        desk = _open_desk(Desk, f"sqlite:///{tmp}/bench.sqlite3")
        batch = demo.demo_batch()
        batch_id = desk.create_batch("bench", batch.standard, batch.levels, batch.as_of)

        def timed(label, target, work, describe):
            wall, cpu = time.perf_counter(), time.process_time()
            result = work()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            goal = f"target <= {target} s" if target else ""
            print(f"{label:10} {wall:6.2f} s wall {cpu:6.2f} s CPU  {describe(result)}   {goal}")
            return result

        report = timed("import", 10, lambda: desk.import_file(workbook, batch_id),
                       lambda r: f"({r.created:,} applicants created, {r.applications_added:,} applications)")
        assert report.ok, report.problems[:5]
        if args.hash:
            for name, (rows, digest) in table_hashes(f"sqlite:///{tmp}/bench.sqlite3").items():
                print(f"  {name:16} {rows:8,} rows  {'' if name == 'audit chain' else 'sha256 '}{digest}")
        if args.import_only:
            desk.close()
            return 0
        timed("screen", 10, lambda: desk.screen_batch(batch_id),
              lambda s: f"({s.counts.total:,} results stored: {s.counts})")
        timed("list", 1, lambda: desk.applicant_rows(batch_id), lambda items: f"({len(items):,} applicant rows)")
        timed("re-import", None, lambda: desk.import_file(workbook, batch_id),
              lambda r: f"({r.unchanged:,} unchanged, {r.updated:,} updated)")
        desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
