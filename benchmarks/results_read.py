"""The ``results`` command end to end over 100,000 candidates, in two trees side by side (issue 15: reading
JSON with a duplicate-key check and the stricter text checks costs something; this says how much).

    .venv/bin/python benchmarks/results_read.py BEFORE_TREE [AFTER_TREE] [--n 100000] [--runs 5]

Each run is one ``python -m eligibility_desk results`` process per tree, the trees alternating; the figure
is the child's CPU seconds (user + system, from ``os.wait4``), best of ``--runs``, and its wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility_desk.rules_engine import RuleLibrary  # noqa: E402
from eligibility_desk.scoring import scoring_rules  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from results import synthetic_scores  # noqa: E402


def one_run(tree: Path, path: Path) -> tuple[float, float, int]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "eligibility_desk", "results", str(path), "--standard", "4-07-02-06"],
                             cwd=tree, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    raw = synthetic_scores(args.n, dict(rules.parts_by_level))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scores.json"
        path.write_text(json.dumps({"scores": raw}, ensure_ascii=False), encoding="utf-8")
        best = {tree: (float("inf"), float("inf")) for tree in args.trees}
        for _ in range(args.runs):
            for tree in args.trees:
                cpu, wall, status = one_run(tree, path)
                assert status == 0, f"{tree}: exit {status}"
                best[tree] = (min(best[tree][0], cpu), min(best[tree][1], wall))
    print(f"results over {args.n:,} candidates, best of {args.runs}; load average {os.getloadavg()[0]:.1f}")
    for tree, (cpu, wall) in best.items():
        print(f"  {tree}: {cpu:.2f} s CPU, {wall:.2f} s wall")


if __name__ == "__main__":
    main()
