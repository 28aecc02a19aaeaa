"""Planning speed (issue 4): 10,000 candidates at three levels, 300 rooms, 600 staff, 6 slots.

Targets: a complete valid plan in <= 5 s; checking a plan in <= 1 s.  Also times the whole
``eligibility-desk plan`` and ``check-plan`` processes on the same scenario.

    .venv/bin/python benchmarks/plan.py [--candidates 10000] [--rooms 300] [--staff 600] [--slots 6] [--runs 3]
"""

from __future__ import annotations

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

from eligibility_desk.planning import PlanChecker, load_planning_rules, parse_scenario, plan_sessions  # noqa: E402
from eligibility_desk.planning.generator import generate_scenario  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--rooms", type=int, default=300)
    parser.add_argument("--staff", type=int, default=600)
    parser.add_argument("--slots", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rules = load_planning_rules("4-07-02-06")
    data = generate_scenario(args.candidates, rooms=args.rooms, staff=args.staff, slots=args.slots, seed=args.seed)
    scenario = parse_scenario(data, rules)
    sittings = sum(len(c.parts) for c in scenario.candidates)
    print(f"scenario: {len(scenario.candidates)} candidates ({sittings} sittings), {len(scenario.rooms)} rooms, "
          f"{len(scenario.staff)} staff, {len(scenario.slots)} slots")

    plan_times, check_times = [], []
    ok = True
    for run in range(args.runs):
        start = time.perf_counter()
        plan = plan_sessions(scenario, rules, seed=args.seed + run)
        plan_times.append(time.perf_counter() - start)
        checker = PlanChecker(scenario, rules)
        start = time.perf_counter()
        found = checker.check(plan)
        check_times.append(time.perf_counter() - start)
        hard = [v for v in found if v.hard]
        complete = not plan.unplaced
        ok = ok and complete and not hard
        print(f"  run {run + 1}: plan {plan_times[-1]:.2f} s ({len(plan.sessions)} sessions, "
              f"{len(plan.unplaced)} unplaced), check {check_times[-1]:.3f} s ({len(hard)} violations, "
              f"{len(found) - len(hard)} warnings), slots used {len({s.slot for s in plan.sessions})}")
    print(f"plan:  median {statistics.median(plan_times):.2f} s, worst {max(plan_times):.2f} s   (target <= 5 s)")
    print(f"check: median {statistics.median(check_times):.3f} s, worst {max(check_times):.3f} s (target <= 1 s)")

    with tempfile.TemporaryDirectory() as tmp:
        scenario_path = Path(tmp) / "scenario.json"
        plan_path = Path(tmp) / "plan.json"
        scenario_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        with open(plan_path, "wb") as out:
            done = subprocess.run([sys.executable, "-m", "eligibility_desk", "plan", str(scenario_path), "--seed", "1"],
                                  cwd=ROOT, stdout=out, env=env, check=False)
        cli_plan = time.perf_counter() - start
        start = time.perf_counter()
        checked = subprocess.run([sys.executable, "-m", "eligibility_desk", "check-plan", str(plan_path), str(scenario_path)],
                                 cwd=ROOT, stdout=subprocess.DEVNULL, env=env, check=False)
        cli_check = time.perf_counter() - start
        size = plan_path.stat().st_size
    print(f"cli:   plan {cli_plan:.2f} s (exit {done.returncode}, {size / 1e6:.1f} MB JSON); "
          f"check-plan {cli_check:.2f} s (exit {checked.returncode}) — whole processes incl. start-up and JSON")
    within = max(plan_times) <= 5 and max(check_times) <= 1
    print("OK" if ok and within else "NOT MET")
    return 0 if ok and within else 1


if __name__ == "__main__":
    raise SystemExit(main())
