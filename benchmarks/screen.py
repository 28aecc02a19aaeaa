"""Screening speed (issue 2): 100,000 synthetic applicants x all four levels of 4-07-02-06, with full traces,
on one core; and the command line `screen --level 4 --format json` over 50,000 applicants.

    .venv/bin/python benchmarks/screen.py [--n 100000] [--cli-n 50000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_applicants import applicant_dicts  # noqa: E402

from eligibility_desk.domain.interchange import parse_applicant  # noqa: E402
from eligibility_desk.rules_engine import RuleLibrary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--cli-n", type=int, default=50_000)
    args = parser.parse_args()
    as_of = date(2025, 9, 1)
    raw = applicant_dicts(args.n, as_of)
    applicants = [parse_applicant(r) for r in raw]
    standard = RuleLibrary.load().get("4-07-02-06", as_of)

    best = None
    counts: dict[str, int] = {}
    for _ in range(3):
        start = time.perf_counter()
        results = standard.screen_many(applicants, as_of)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    for per_applicant in results:
        for r in per_applicant:
            counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
    decisions = args.n * len(standard.levels)
    print(f"engine: {args.n} applicants x {len(standard.levels)} levels = {decisions} applicant-levels "
          f"in {best:.2f} s -> {decisions / best:,.0f} applicant-levels/s (best of 3, one core)")
    print(f"        verdicts: {counts}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "applicants.json"
        path.write_text(json.dumps({"applicants": raw[: args.cli_n]}, ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, "-m", "eligibility_desk", "screen", str(path), "--standard", "4-07-02-06",
               "--as-of", as_of.isoformat(), "--level", "4", "--format", "json"]
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            out = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
            timings.append(time.perf_counter() - start)
        size = len(out.stdout)
        print(f"cli:    screen --level 4 --format json over {args.cli_n} applicants: {min(timings):.2f} s "
              f"(best of 3, whole process, {size / 1e6:.1f} MB of JSON, exit {out.returncode})")


if __name__ == "__main__":
    main()
