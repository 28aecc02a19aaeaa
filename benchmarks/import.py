"""Import, screening and listing speed for applicant records (issue 7).

    python benchmarks/import.py [-n 100000] [--workbook /tmp/eligibility-desk-bench-100000.xlsx] [--hash]

Builds (once, cached) a workbook of ``n`` generated applicants (eligibility_desk.demo) with the 考生 / 学历 /
工作经历 / 证书 / 职称 sheets, then into a fresh SQLite file:

1. imports it, validated (target ≤ 10 s for 100,000 applicants);
2. screens the batch and stores every result (target ≤ 10 s more);
3. lists the batch as the GUI does (``Desk.applicant_rows``, target ≤ 1 s);
4. re-imports the same workbook (every applicant already on file: compared, unchanged).

``--hash`` prints a SHA-256 per stored table right after the first import, over every column but the
timestamps (rows in id order), to show that a change to the import path stores exactly the same data.

The machine has 2 cores and other work runs beside it: figures are noisy; take the best of a few runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eligibility_desk import demo  # noqa: E402
from eligibility_desk.services.records.import_layout import SHEETS  # noqa: E402


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


def table_hashes(url: str) -> dict[str, tuple[int, str]]:
    """Table -> (rows, SHA-256 of the rows' stored values in key order), timestamp columns left out."""
    import hashlib

    from sqlalchemy import DateTime, create_engine

    from eligibility_desk.persistence.models import Base

    engine = create_engine(url)
    out = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = ", ".join(f'"{c.name}"' for c in table.columns if not isinstance(c.type, DateTime))
            order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
            digest, rows = hashlib.sha256(), 0
            # as stored (text, numbers), not as SQLAlchemy would read them back
            for row in connection.exec_driver_sql(f'SELECT {columns} FROM "{table.name}" ORDER BY {order}'):
                digest.update(repr(tuple(row)).encode())
                rows += 1
            if rows:
                out[table.name] = (rows, digest.hexdigest())
    engine.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--workbook", type=Path)
    parser.add_argument("--hash", action="store_true", help="print a hash of each stored table after the import")
    args = parser.parse_args()
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
        desk = Desk.open(f"sqlite:///{tmp}/bench.sqlite3", user="bench")
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
                print(f"  {name:16} {rows:8,} rows  sha256 {digest}")
        timed("screen", 10, lambda: desk.screen_batch(batch_id),
              lambda s: f"({s.counts.total:,} results stored: {s.counts})")
        timed("list", 1, lambda: desk.applicant_rows(batch_id), lambda items: f"({len(items):,} applicant rows)")
        timed("re-import", None, lambda: desk.import_file(workbook, batch_id),
              lambda r: f"({r.unchanged:,} unchanged, {r.updated:,} updated)")
        desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
