"""What the 编排 timetable costs on a big plan: building the view, one drop (re-check, list rows, timetable
blocks, detail panel), the timetable's own refresh and paint, and the live verdict while a person hovers over a
block — the local check (``PlanChecker.check_around``) side by side with the full check it replaces.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timetable.py [--n 50000] [--runs 20] [--baseline /work/main]
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timetable.py --list-edit --baseline /tmp/main-base [--rounds 2]

``--baseline DIR`` also times one edit of the list's model with the code in DIR (another checkout, e.g. main:
before this branch) in a separate process on the same scenario, printed beside this branch's figure.

``--list-edit`` times only "list edit at 50k": one edit (a drag and its undo, halved) in the 列表 tab of the
planner view shown — the model's re-check, its rows and the table's reset — and the list's model alone, in
child processes of DIR and of this checkout alternating round by round (both see the same load); wall and
CPU seconds (``time.process_time``), best and median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ms(times) -> str:
    return f"median {statistics.median(times) * 1000:.1f} ms (best {min(times) * 1000:.1f}, worst {max(times) * 1000:.1f})"


def _timed(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


#: one edit (a move and its undo, halved) of the list's model, run with another checkout's code
_EDIT = """
import statistics, sys, time
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from eligibility_desk.planning import load_planning_rules, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.ui.planning.plan_table_model import PlanTableModel
n, runs = int(sys.argv[1]), int(sys.argv[2])
rules = load_planning_rules("4-07-02-06")
scenario = parse_scenario(generate_scenario(n, seed=2025), rules)
plan = plan_sessions(scenario, rules, seed=2025)
model = PlanTableModel(scenario, rules, plan)
source = next(s for s in plan.sessions if s.part == "theory" and len(s.seats) > 2)
target = next(s for s in plan.sessions if s.part == "theory" and s.id != source.id)
member = [{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}]
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    model.move_members(member, target.id)
    model.undo_stack.undo()
    times.append((time.perf_counter() - t0) / 2)
print(statistics.median(times), min(times), max(times))
"""


#: "list edit at 50k": edits in the 列表 tab of a shown planner view, and in the list's model alone
_LIST_EDIT = """
import json, os, statistics, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from eligibility_desk.planning import load_planning_rules, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
from eligibility_desk.scoring.workdays import WorkCalendar
from eligibility_desk.ui.planning.plan_table_model import PlanTableModel
from eligibility_desk.ui.planning.planner_view import PlannerView
n, runs = int(sys.argv[1]), int(sys.argv[2])
rules = load_planning_rules("4-07-02-06")
scenario = parse_scenario(generate_scenario(n, seed=2025), rules)
plan = plan_sessions(scenario, rules, seed=2025)
view = PlannerView(scenario, rules, plan, calendar=WorkCalendar.load())
view.resize(1600, 1000)
view.tabs.setCurrentIndex(view.LIST)
view.show()
app.processEvents()
theory = [s for s in plan.sessions if s.part == "theory" and len(s.seats) > 2]
pairs = [(theory[k], theory[-1 - k]) for k in range(runs)]
def timed(model, pump):
    wall, cpu = [], []
    for source, target in pairs:
        member = [{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}]
        w, c = time.perf_counter(), time.process_time()
        model.move_members(member, target.id)
        pump()
        model.undo_stack.undo()
        pump()
        wall.append((time.perf_counter() - w) / 2)
        cpu.append((time.process_time() - c) / 2)
    return wall, cpu
shown = timed(view.model, app.processEvents)
bare = timed(PlanTableModel(scenario, rules, plan, calendar=WorkCalendar.load()), lambda: None)
print(json.dumps({"view": shown, "model": bare, "violations": len(view.model.violations)}))
"""


def list_edit_in(checkout: str, n: int, runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": checkout, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _LIST_EDIT, str(n), str(runs)], cwd=checkout, env=env,
                          capture_output=True, text=True, check=True)
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


def list_edit(baseline: str | None, n: int, runs: int, rounds: int) -> None:
    """Before (``baseline``) and after (this checkout) alternating; figures over all rounds."""
    trees = ([("before", baseline)] if baseline else []) + [("after", str(ROOT))]
    found: dict[str, dict[str, list]] = {label: {} for label, _ in trees}
    for _ in range(rounds):
        for label, checkout in trees:
            result = list_edit_in(checkout, n, runs)
            for key in ("view", "model"):
                wall, cpu = result[key]
                found[label].setdefault(key + " wall", []).extend(wall)
                found[label].setdefault(key + " cpu", []).extend(cpu)
            found[label]["violations"] = result["violations"]
    print(f"list edit at {n} candidates (uptime: {os.getloadavg()[0]:.2f} load), {rounds} round(s) × {runs} edits:")
    for label, checkout in trees:
        f = found[label]
        for key, what in (("view", "in the 列表 tab shown"), ("model", "the list's model alone")):
            wall, cpu = f[key + " wall"], f[key + " cpu"]
            print(f"  {label:<6} {what:<24}: wall median {statistics.median(wall) * 1000:7.1f} ms "
                  f"(best {min(wall) * 1000:.1f}), cpu median {statistics.median(cpu) * 1000:7.1f} ms "
                  f"(best {min(cpu) * 1000:.1f})  [{checkout}]")
        print(f"  {label:<6} verdicts shown: {f['violations']}")


def edit_in(checkout: str, n: int, runs: int) -> list[float]:
    """Median, best and worst seconds of one list-model edit with the code in ``checkout``."""
    env = {**os.environ, "PYTHONPATH": checkout, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _EDIT, str(n), str(runs)], cwd=checkout, env=env,
                          capture_output=True, text=True, check=True)
    return [float(x) for x in done.stdout.split()[-3:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50000, help="candidates")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--baseline", help="another checkout (e.g. /work/main) to time the list's edit with")
    parser.add_argument("--list-edit", action="store_true", help='only "list edit at 50k", before and after')
    parser.add_argument("--rounds", type=int, default=2, help="--list-edit: rounds of before/after")
    args = parser.parse_args()
    if args.list_edit:
        list_edit(args.baseline, args.n, min(args.runs, 10), args.rounds)
        return
    if args.baseline:
        for label, checkout in (("before", args.baseline), ("after", str(ROOT))):
            median, best, worst = edit_in(checkout, args.n, max(3, args.runs // 4))
            print(f"one edit of the list's model, {label} ({checkout}): median {median * 1000:.0f} ms "
                  f"(best {best * 1000:.0f}, worst {worst * 1000:.0f})")

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from eligibility_desk.planning import load_planning_rules, parse_scenario, plan_sessions
    from eligibility_desk.planning.generator import generate_scenario
    from eligibility_desk.scoring.workdays import WorkCalendar
    from eligibility_desk.ui.planning.planner_view import PlannerView

    rules = load_planning_rules("4-07-02-06")
    scenario = parse_scenario(generate_scenario(args.n, seed=2025), rules)
    plan = plan_sessions(scenario, rules, seed=2025)
    seated = sum(len(s.seats) for s in plan.sessions)
    print(f"{args.n} candidates: {len(plan.sessions)} sessions, {seated} seats")

    start = time.perf_counter()
    view = PlannerView(scenario, rules, plan, calendar=WorkCalendar.load())
    view.resize(1600, 1000)
    view.show()
    app.processEvents()
    print(f"planner view built and shown (list + timetable): {(time.perf_counter() - start) * 1000:.0f} ms")
    blocks = view.timetable_model
    print(f"timetable: {blocks.rowCount()} rooms × {blocks.columnCount()} slots")

    print("timetable refresh (blocks from the plan and its violations): " + _ms(_timed(blocks.refresh, args.runs)))
    print("timetable paint at 1600×1000 (visible blocks): "
          + _ms(_timed(lambda: view.timetable.viewport().grab(), args.runs)))

    source = next(s for s in plan.sessions if s.part == "theory" and len(s.seats) > 2)
    targets = [s for s in plan.sessions if s.part == "theory" and s.id != source.id][: args.runs]
    member = [{"kind": "candidate", "id": source.seats[0].candidate, "session": source.id}]
    checker = view.model.checker
    full = _timed(lambda: checker.check(plan), max(3, args.runs // 4))
    local = []
    for target in targets:
        t0 = time.perf_counter()
        view.model.verdict(member, target.id)
        local.append(time.perf_counter() - t0)
    from eligibility_desk.planning.incremental import IncrementalCheck

    rebuilt = _timed(lambda: IncrementalCheck(checker, plan).violations(), max(3, args.runs // 4))
    print("full check: PlanChecker.check " + _ms(full))
    print("full check: IncrementalCheck (the view's: verdicts kept with their positions) " + _ms(rebuilt))
    print("live verdict, before (full re-check of the plan per hover): " + _ms(full))
    print("live verdict, after (check_around: touched sessions and moved people): " + _ms(local))

    def drop_and_undo():
        view.model.move_members(member, targets[0].id)
        app.processEvents()
        view.model.undo_stack.undo()
        app.processEvents()

    from eligibility_desk.ui.planning.plan_table_model import PlanTableModel

    bare = PlanTableModel(scenario, rules, plan, calendar=WorkCalendar.load())     # the list's model alone

    def list_only():
        bare.move_members(member, targets[0].id)
        bare.undo_stack.undo()

    print("one edit, the list's model alone (re-check and rows): "
          + _ms([t / 2 for t in _timed(list_only, max(3, args.runs // 4))]))
    drops = _timed(drop_and_undo, max(3, args.runs // 4))
    print("one edit in the planner view (the same, plus timetable blocks, detail panel, repaint): "
          + _ms([t / 2 for t in drops]))


if __name__ == "__main__":
    main()
