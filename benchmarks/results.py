"""Results and statistics speed (issue 6): 100,000 synthetic candidates of 4-07-02-06 — validate their
raw scores, compute every outcome, then statistics per batch, level, part, session and room.  Target ≤ 2 s.
Also the ``results`` command end to end over the same file.

    .venv/bin/python benchmarks/results.py [--n 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility_desk.rules_engine import RuleLibrary  # noqa: E402
from eligibility_desk.scoring import PartRecord, evaluate_many, outcome_statistics, part_statistics, scoring_rules  # noqa: E402
from eligibility_desk.scoring.records import parse_score_records  # noqa: E402
from eligibility_desk.scoring.results import paused_gc  # noqa: E402


def synthetic_scores(n: int, parts_by_level: dict, seed: int = 6) -> list[dict]:
    """Raw records as the results command reads them: one-decimal scores, some absent, a few disqualified."""
    rng = random.Random(seed)
    levels = list(parts_by_level)
    out = []
    for i in range(n):
        level = rng.choice(levels)
        row = {"candidate": f"C{i:06d}", "level": level, "absent": [], "disqualified": []}
        for part in parts_by_level[level]:
            roll = rng.random()
            if roll < 0.03:
                row["absent"].append(part)
            elif roll < 0.035:
                row["disqualified"].append({"part": part, "note": "携带手机"})
            elif roll < 0.05:
                row[part] = None   # not scored yet
            else:
                row[part] = round(min(100.0, max(0.0, rng.gauss(68, 12))), 1)
        out.append(row)
    return out


def run_once(raw: list[dict], rules) -> tuple[float, float, float, list, dict, float]:
    cpu = time.process_time()
    start = time.perf_counter()
    records, invalid = parse_score_records(raw, rules)
    assert not invalid
    results = evaluate_many([(r.candidate, r.level, r.values) for r in records], rules)
    mid = time.perf_counter()
    rooms = [f"R{i:02d}" for i in range(40)]
    sessions = ("AM", "PM")
    new = tuple.__new__   # as records_from_sheets does: no NamedTuple __new__, no cyclic GC
    with paused_gc():
        part_records = [new(PartRecord, (r.candidate, r.level, part, value, sessions[i % 2], rooms[i % 40], "B1"))
                        for i, r in enumerate(records) for part, value in r.values.items()]
    stats = {by: part_statistics(part_records, rules, by=by)
             for by in ((), ("level",), ("part",), ("level", "part"), ("session",), ("room",))}
    stats["outcomes"] = outcome_statistics(results)
    end = time.perf_counter()
    return mid - start, end - mid, end - start, results, stats, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    raw = synthetic_scores(args.n, dict(rules.parts_by_level))

    runs = [run_once(raw, rules) for _ in range(3)]
    best = min(runs, key=lambda r: r[2])
    results, stats = best[3], best[4]
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    batch = stats[()][()]
    print(f"core:   {args.n} candidates: validate + results {best[0]:.2f} s, statistics (6 groupings) {best[1]:.2f} s, "
          f"total {best[2]:.2f} s wall, {min(r[5] for r in runs):.2f} s CPU (best of 3, one core)")
    print(f"        load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other jobs share the machine)")
    print(f"        outcomes {outcomes}; part records {batch.candidates}, pass rate {batch.pass_rate:.3f}, "
          f"mean {batch.mean}, median {batch.median}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scores.json"
        path.write_text(json.dumps({"scores": raw}, ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, "-m", "eligibility_desk", "results", str(path), "--standard", "4-07-02-06"]
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            out = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
            timings.append(time.perf_counter() - start)
        print(f"cli:    results over {args.n} candidates: {min(timings):.2f} s (best of 3, whole process, "
              f"{len(out.stdout) / 1e6:.1f} MB of JSON, exit {out.returncode})")


if __name__ == "__main__":
    main()
