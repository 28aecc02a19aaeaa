"""Planning speed (issues 4 and 13): generated scenarios (``planning/generator.py``) of 10,000 candidates
(300 rooms, 600 staff) and 50,000 (1,500 rooms, 3,000 staff), three levels, 6 slots.

Targets: 10,000 planned in <= 1 s, 50,000 in <= 5 s; checking a plan in <= 1 s (10,000).  The exact pass
(``planning/exact.py``) runs only when the fast pass leaves sittings unplaced; its time is printed apart.

``--baseline DIR`` also times another checkout (e.g. a worktree of ``main``) on the same scenarios, the two
interleaved run by run in separate processes, so both see the same machine load: before/after in one run.

    .venv/bin/python benchmarks/plan.py [--sizes 10000,50000] [--runs 3] [--baseline /work/main]

``--staff N`` gives every size N staff instead of its usual number: with too few (``--sizes 600 --staff 15``)
the fast pass leaves sittings unplaced and the exact pass runs to its limit; its bound, the work it did
(deterministic time) and which limit stopped it are printed, so two machines or loads can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHAPES = {10_000: (300, 600), 50_000: (1_500, 3_000)}

#: one timed plan + check, run in a child process against the code under ``sys.path[0]``
CHILD = r"""
import json, sys, time
from eligibility_desk.planning import PlanChecker, load_planning_rules, parse_scenario, plan_sessions
from eligibility_desk.planning.generator import generate_scenario
n, rooms, staff, seed = (int(x) for x in sys.argv[1:5])
rules = load_planning_rules("4-07-02-06")
scenario = parse_scenario(generate_scenario(n, rooms=rooms, staff=staff, slots=6, seed=seed), rules)
wall, cpu = time.perf_counter(), time.process_time()
plan = plan_sessions(scenario, rules, seed=seed)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
start = time.perf_counter()
hard = [v for v in PlanChecker(scenario, rules).check(plan) if v.hard]
check = time.perf_counter() - start
optimality = plan.record.get("optimality") or {}
print(json.dumps({"wall": wall, "cpu": cpu, "check": check, "exact": optimality.get("seconds", 0.0),
                  "unplaced": len(plan.unplaced), "violations": len(hard), "sessions": len(plan.sessions),
                  "bound": optimality.get("unplaced_min"), "work": optimality.get("work"),
                  "stopped": optimality.get("stopped")}))
"""


def run(code_root: Path, n: int, seed: int, staff: int | None = None) -> dict:
    rooms, usual = SHAPES.get(n, (max(6, n // 33), 16 + n * 6 // 100))
    staff = usual if staff is None else staff
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(n), str(rooms), str(staff), str(seed)], cwd=code_root,
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", metavar="DIR", help="another checkout to time on the same scenarios")
    parser.add_argument("--staff", type=int, help="staff of every scenario (default: the size's usual number)")
    args = parser.parse_args()
    ok = True
    for n in (int(x) for x in args.sizes.split(",")):
        target = 1.0 if n <= 10_000 else 5.0
        ours, theirs = [], []
        for r in range(args.runs):
            if args.baseline:
                theirs.append(run(Path(args.baseline), n, args.seed + r, args.staff))
            ours.append(run(ROOT, n, args.seed + r, args.staff))
        for label, results in (("before", theirs), ("after", ours)):
            if not results:
                continue
            walls = [x["wall"] for x in results]
            cpus = [x["cpu"] for x in results]
            print(f"{n:>6} {label:<6}: plan median {statistics.median(walls):.2f} s (cpu {statistics.median(cpus):.2f} s, "
                  f"worst {max(walls):.2f} s), exact pass {max(x['exact'] for x in results):.2f} s, "
                  f"check {statistics.median(x['check'] for x in results):.2f} s, "
                  f"unplaced {max(x['unplaced'] for x in results)}, violations {max(x['violations'] for x in results)}, "
                  f"sessions {results[0]['sessions']}")
            if any(x.get("work") is not None for x in results):           # the exact pass ran
                print("        exact pass per run: " + "; ".join(
                    f"bound {x.get('bound')}, unplaced {x['unplaced']}, work {x.get('work')}, stopped {x.get('stopped')}"
                    for x in results))
        best = min(x["cpu"] for x in ours)
        ok = ok and best <= target and all(x["unplaced"] == 0 and x["violations"] == 0 for x in ours)
        print(f"{n:>6} target <= {target:.0f} s: best cpu {best:.2f} s {'met' if best <= target else 'NOT MET'}")
    print("OK" if ok else "NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
