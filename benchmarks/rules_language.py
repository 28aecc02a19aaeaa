"""Engine speed before and after the rule language v2 (issue 12), side by side in one run.

Screens the same synthetic applicants (benchmarks/synthetic_applicants.py) x all levels of 4-07-02-06 with
the engine of other checkouts (``--before DIR``, repeatable, e.g. ``git worktree add /tmp/before main``) and of
this one, each in its own process, alternating, best of ``--repeat``.

    .venv/bin/python benchmarks/rules_language.py --before /tmp/before [--before /tmp/main] [--n 50000]
        [--repeat 3]
        [--policy-ineligible]   # also time every checkout whose rules ship unknown_occupation: review with
                                # ineligible instead (the vocabulary without the review policy's second looks)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import gc, sys, time
from datetime import date
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + "/benchmarks")
from synthetic_applicants import applicant_dicts
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
as_of = date(2025, 9, 1)
n = int(sys.argv[2])
applicants = [parse_applicant(r) for r in applicant_dicts(n, as_of)]
standard = RuleLibrary.load(sys.argv[3]).get("4-07-02-06", as_of)
start, cpu = time.perf_counter(), time.process_time()
results = standard.screen_many(applicants, as_of)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
counts = {}
for per in results:
    for r in per:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
print(elapsed, cpu, n * len(standard.levels), sorted(counts.items()))
"""


def _run(tree: Path, n: int, rules: Path | None = None) -> tuple[float, float, int, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ELIGIBILITY_DESK_RULES")}
    rules = rules or tree / "rules"
    out = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(n), str(rules)], capture_output=True, text=True,
                         check=True, env=env, cwd=str(tree))
    elapsed, cpu, decisions, counts = out.stdout.strip().split(" ", 3)
    return float(elapsed), float(cpu), int(decisions), counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, type=Path, action="append")
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--policy-ineligible", action="store_true")
    args = parser.parse_args()
    best: dict[str, float] = {}
    best_cpu: dict[str, float] = {}
    info: dict[str, tuple[int, str]] = {}
    trees = [(f"before {tree}", tree.resolve()) for tree in args.before] + [("after", ROOT)]
    runs = [(label, tree, None) for label, tree in trees]
    with tempfile.TemporaryDirectory() as tmp:
        if args.policy_ineligible:
            for i, (label, tree) in enumerate(trees):
                text = (tree / "rules" / "standards" / "4-07-02-06.yaml").read_text(encoding="utf-8")
                if "unknown_occupation: review" not in text:
                    continue
                rules = Path(tmp) / f"rules{i}"
                shutil.copytree(tree / "rules", rules)
                path = rules / "standards" / "4-07-02-06.yaml"
                path.write_text(text.replace("unknown_occupation: review", "unknown_occupation: ineligible"), encoding="utf-8")
                runs.append((f"{label}, unknown_occupation: ineligible", tree, rules))
        for _ in range(args.repeat):
            for label, tree, rules in runs:
                elapsed, cpu, decisions, counts = _run(tree, args.n, rules)
                best[label] = min(best.get(label, elapsed), elapsed)
                best_cpu[label] = min(best_cpu.get(label, cpu), cpu)
                info[label] = (decisions, counts)
    for label, _tree, _rules in runs:
        decisions, counts = info[label]
        print(f"{label:6}: {decisions} applicant-levels in {best[label]:.3f} s -> {decisions / best[label]:,.0f}/s "
              f"(best of {args.repeat}; best CPU {best_cpu[label]:.3f} s -> {decisions / best_cpu[label]:,.0f}/s); "
              f"verdicts {counts}")


if __name__ == "__main__":
    main()
