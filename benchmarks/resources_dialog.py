"""考务资源 dialog on 200 rooms and 500 staff: what runs on the GUI thread, and how long it takes.

    /work/main/.venv/bin/python benchmarks/resources_dialog.py [--runs 20] [--db sqlite|file]

The dialog saves an edited row at once, on the GUI thread (``ResourceTableModel.store`` →
``ResourceService.save_room``/``save_staff``: parse the cells, one write transaction with its audit row).
Measured here, offscreen, on a SQLite file with 200 rooms, 500 staff and 20 slots:

- **open**: building the dialog and listing every room, staff member and slot (``reload``);
- **edit room / edit staff**: one cell changed (``setData``), parsed and stored, the row repainted;
- **add**: 新增 (a free code, stored at once);
- **retire**: 停用 one row, then the whole lists re-read (``reload``);
- **import**: the same 200 / 500 / 20 as a workbook, re-imported (already runs on a worker thread).

Figures are medians (and the worst) of ``--runs`` repetitions; the machine has 2 cores shared with other
work, so they are noisy.  The usual bar for work left on the GUI thread is 100 ms (docs/benchmarks.md).
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parent))
from bench_actor import open_desk as _open_desk  # noqa: E402

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOMS, STAFF, SLOTS = 200, 500, 20


def _resources():
    from eligibility_desk.planning.scenario import Credential, Interval, Room, Slot, StaffMember

    kinds = ("classroom", "computer_lab", "worksite")
    rooms = [Room(f"R{i:03d}", f"{i // 100 + 1}号楼{i % 100 + 101}室", kinds[i % 3], 30 + i % 20, ("投影",))
             for i in range(ROOMS)]
    day = datetime(2025, 10, 18, 8, 30)
    staff = [StaffMember(f"S{i:03d}", f"人员{i:03d}", frozenset({("invigilator", "examiner", "reviewer")[i % 3]}),
                         f"单位{i % 40}" if i % 5 == 0 else "",
                         (Interval(day, day + timedelta(hours=4)),) if i % 7 == 0 else (),
                         (Credential("4-07-02-06", ("4", "3")),) if i % 3 == 1 else (), i % 4 == 0)
             for i in range(STAFF)]
    slots = [Slot(f"T{i + 1}", day + timedelta(days=i // 2, hours=5 * (i % 2)),
                  day + timedelta(days=i // 2, hours=5 * (i % 2) + 3)) for i in range(SLOTS)]
    return rooms, staff, slots


def _workbook(path: Path, rooms, staff, slots) -> Path:
    from openpyxl import Workbook

    from eligibility_desk.ui.planning.resource_columns import COLUMNS, cells_of

    wb = Workbook()
    for i, (kind, title, items) in enumerate((("rooms", "考场", rooms), ("staff", "人员", staff), ("slots", "时段", slots))):
        sheet = wb.active if i == 0 else wb.create_sheet()
        sheet.title = title
        sheet.append(list(COLUMNS[kind]))
        for item in items:
            sheet.append(cells_of(kind, item))
    wb.save(path)
    return path


def _time(fn, runs: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    out = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        QApplication.processEvents()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from eligibility_desk.services.records.desk import Desk
    from eligibility_desk.services.sessions.resources import ResourceService
    from eligibility_desk.services.sessions.session_service import SessionService
    from eligibility_desk.ui.planning.resource_columns import ROOMS as K_ROOMS, STAFF as K_STAFF
    from eligibility_desk.ui.planning.resources_dialog import ResourcesDialog
    from eligibility_desk.ui.common.synchronous_pool import SynchronousPool
    from eligibility_desk.ui.common.task_runner import TaskRunner

    folder = Path(tempfile.mkdtemp(prefix="bench-resources-"))
    desk = _open_desk(Desk, f"sqlite:///{folder / 'desk.sqlite'}")
    batch_id = desk.create_batch("基准批次", "4-07-02-06", ["4", "3"], date(2025, 9, 1))
    rules = SessionService.from_desk(desk).rules_for(batch_id)
    rooms, staff, slots = _resources()
    service = ResourceService(desk.db, getattr(desk, "actor", desk.user), rules)
    service.store(batch_id, rooms, staff, slots, rules)
    book = _workbook(folder / "resources.xlsx", rooms, staff, slots)
    runner = TaskRunner(None, SynchronousPool())

    dialogs = []
    opened = _time(lambda i: dialogs.append(ResourcesDialog(desk, batch_id, runner, None, "zh")), 5)
    dialog = dialogs[-1]
    dialog.show()
    app.processEvents()
    room_model, staff_model = dialog.models[K_ROOMS], dialog.models[K_STAFF]
    edit_room = _time(lambda i: room_model.setData(room_model.index(i % ROOMS, 3), str(31 + i % 50)), args.runs)
    edit_staff = _time(lambda i: staff_model.setData(staff_model.index(i % STAFF, 1), f"人员改{i}"), args.runs)
    added = _time(lambda i: dialog.add(K_ROOMS), args.runs)

    def retire(i):
        dialog.views[K_STAFF].selectRow(i)
        dialog.remove_selected(K_STAFF)

    retired = _time(retire, args.runs)
    stored_names = {m.member.name for m in service.staff()}     # the edits were really stored
    assert {f"人员改{i}" for i in range(args.runs)} <= stored_names, "staff edits not stored"
    assert len(service.rooms()) == ROOMS + args.runs and sum(not m.active for m in service.staff()) == args.runs
    imported = _time(lambda i: service.import_xlsx(book, batch_id, rules), 3)

    def row(what, figures):
        ms = [f * 1000 for f in figures]
        print(f"| {what} | {statistics.median(ms):.0f} ms | {max(ms):.0f} ms |")

    print(f"200 rooms, 500 staff, 20 slots, SQLite file; {args.runs} runs ({time.strftime('%Y-%m-%d %H:%M')}, "
          f"load {os.getloadavg()[0]:.1f})")
    print("| what (GUI thread unless noted) | median | worst |\n|---|---|---|")
    row("open the dialog (3 lists read)", opened)
    row("edit a room cell (parse + save + repaint)", edit_room)
    row("edit a staff cell", edit_staff)
    row("新增 a room", added)
    row("停用 a staff member (save + reload all lists)", retired)
    row("import the 200 / 500 / 20 workbook (worker thread)", imported)
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
