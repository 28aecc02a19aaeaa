"""Screening speed (issues 2 and 12): the engine, the ``screen`` command and its orjson floor, and screening
from interchange records through the public Python API — for this tree and any ``--before`` trees, side by
side in one run.

    .venv/bin/python benchmarks/screen.py [--before /tmp/before-screen ...] [--n 100000] [--cli-n 50000]
                                          [--runs 3] [--skip-engine] [--skip-cli] [--skip-api]

Every measurement runs in a fresh process per tree, trees alternating run by run (the machine is shared:
ratios within one run are what to compare), best of ``--runs``:

* **engine**: ``n`` synthetic applicants (benchmarks/synthetic_applicants.py, seed 1) already parsed, × all
  four levels of 4-07-02-06 with full traces, ``CompiledStandard.screen_many`` on one core;
* **api**: the same records as JSON text → ``screen_records`` of :mod:`eligibility_desk.rules_engine.api`
  (or, in a tree without it, ``orjson.loads`` + ``read_document`` + ``parse_applicant`` + ``screen_many``) → every clause's
  verdict and trace read (``.clauses`` of every result): applicant-levels per second, one core;
* **cli**: ``python -m eligibility_desk screen FILE --level 4 --format json`` over the first ``cli-n``
  applicants, the whole process (interpreter start-up, imports, rules, reading, screening, writing — counted
  from before the process starts to after it exits), stdout to a file; against two **floors**, both on the
  same input and that tree's own output, best of 3:

  - *in-process* (the first definition): measured in this script's process, ``orjson.loads`` of the input
    file's bytes plus ``orjson.dumps`` of the output (parsed first, not timed), the GC paused as the command
    pauses it — no start-up, no file writing;
  - *whole-process*: a ``python -c`` process that imports orjson, reads and loads the input file, and writes
    the output (``orjson.dumps``, compact) to its stdout, a file — counted like the command, from before it
    starts to after it exits, less the time it spent parsing the output it is given (reported by the process
    itself), GC paused, leaving by ``os._exit`` (no freeing at exit: the lowest floor).

  The ratios are command / floor; ``python -c pass`` is timed too, to show what start-up alone costs, and
  the command over no applicants (``{"applicants": []}``: interpreter, imports, the rule files, the
  document's head — the part of the command no second process can share), best of 3 per tree.

  Since round seven the command keeps what it parsed from the rule files (and the engine's compiled code)
  in a cache folder: every run of the command here gets a folder of this script's own
  (``$ELIGIBILITY_DESK_CACHE``), which the runs over no applicants, before any timed run, fill; those runs are
  also made with nothing kept (``$ELIGIBILITY_DESK_CACHE`` empty), to show a first run's start.  Run as the
  program, the command no longer waits for its second worker's exit: this script becomes their reaper
  (Linux ``PR_SET_CHILD_SUBREAPER``) and waits for them after each run, so that their CPU is counted.

  ``--cli-phases N`` (default 3) then runs the command N more times per tree through a small wrapper
  (``_PHASES``: ``os.fork`` and ``os._exit`` noted with the wall clock since the process was started, the
  process's CPU and its minor page faults) and prints the serial part — wall and CPU until the first fork,
  whatever the tree does before it (since branch screen-cli5 a large file is not read before it) — and each
  worker's CPU (user + system), page faults and the wall time it left at.

  ``--alternate N`` (since round eight; default 0) then runs, N times per tree, trees alternating run by run, one
  ``_cli`` run and one ``_phases`` run each — the sharpest comparison under load (round seven's ad-hoc runs):
  best and median of the command's wall and CPU, the serial part's CPU, one worker's CPU, and the fastest phases
  run's times at which the workers left (and the median of the second's lead over the first).  Since the ninth
  session each round also runs the whole-process floor right after the tree's command (on that run's output),
  and prints its best / median with the ratios best / best and median / median.
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
AS_OF = date(2025, 9, 1)

_ENGINE = r"""
import gc, sys, time, json
from datetime import date
tree, data = sys.argv[1], sys.argv[2]
sys.path.insert(0, tree)
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
as_of = date(2025, 9, 1)
records = json.load(open(data, encoding="utf-8"))["applicants"]
applicants = [parse_applicant(r) for r in records]
standard = RuleLibrary.load(tree + "/rules").get("4-07-02-06", as_of)
start, cpu = time.perf_counter(), time.process_time()
results = standard.screen_many(applicants, as_of)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
counts = {}
for per in results:
    for r in per:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
print(json.dumps([elapsed, sum(counts.values()), sorted(counts.items()), cpu]))
"""

_API = r"""
import gc, sys, time, json
from datetime import date
tree, data = sys.argv[1], sys.argv[2]
sys.path.insert(0, tree)
from eligibility_desk.rules_engine import RuleLibrary
as_of = date(2025, 9, 1)
text = open(data, "rb").read()
standard = RuleLibrary.load(tree + "/rules").get("4-07-02-06", as_of)
try:
    from eligibility_desk.rules_engine.api import screen_records
except ImportError:  # the trees before the fast decoder: the documented way, parse then screen
    from eligibility_desk.domain.interchange import parse_applicant, read_document

    import orjson

    def screen_records(standard, text, as_of):
        records = read_document(orjson.loads(text))
        return standard.screen_many([parse_applicant(r, i) for i, r in enumerate(records)], as_of)
start, cpu = time.perf_counter(), time.process_time()
results = screen_records(standard, text, as_of)
clauses = 0
traces = 0
for per in results:
    for r in per:
        for c in r.clauses:
            clauses += 1
            traces += len(c.trace) + (c.verdict.value == "eligible")
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps([elapsed, sum(len(per) for per in results), clauses, cpu]))
"""


def _child(code: str, tree: Path, data: Path) -> list:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ELIGIBILITY_DESK_RULES")}
    out = subprocess.run([sys.executable, "-c", code, str(tree), str(data)], capture_output=True, text=True,
                         check=True, env=env, cwd=str(tree))
    return json.loads(out.stdout.strip().splitlines()[-1])


def _children_cpu() -> float:
    """CPU seconds of every process this one has waited for — the command's workers too, once
    :func:`_reap_orphans` has waited for those the command left behind."""
    import resource

    _reap_orphans()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _become_subreaper() -> None:
    """Since round seven the command, run as the program, does not wait for its second worker's exit (it
    leaves once the output is out): on Linux this process becomes their reaper (``PR_SET_CHILD_SUBREAPER``), so
    that their CPU is counted in ``RUSAGE_CHILDREN`` like the others'; elsewhere it would go uncounted."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _reap_orphans() -> None:
    """Wait for every process handed to this one (a command's worker still leaving when the command left)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


#: the command keeps its parsed rule files (cli/screen_rules.py): one folder per run of this script, each
#: tree's first run (the runs over no applicants, before any timed one) filling it; set by main()
_KEPT: dict[str, str] = {}


def _command_env(tree: Path, kept: bool = True) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ELIGIBILITY_DESK_RULES")}
    env["PYTHONPATH"] = str(tree)
    env["ELIGIBILITY_DESK_CACHE"] = _KEPT.get("folder", "") if kept else ""
    return env


def _cli(tree: Path, data: Path, out_path: Path, kept: bool = True) -> tuple[float, int, float]:
    """Wall seconds, exit status and CPU seconds (user + system, the command and its forked workers);
    ``kept``: with the rule files' parse kept from an earlier run (cli/screen_rules.py), else parsed."""
    env = _command_env(tree, kept)
    cmd = [sys.executable, "-m", "eligibility_desk", "screen", str(data), "--standard", "4-07-02-06",
           "--as-of", AS_OF.isoformat(), "--level", "4", "--format", "json"]
    with open(out_path, "wb") as out:
        cpu = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=str(tree), stdout=out, check=False, env=env)
        elapsed = time.perf_counter() - start
        cpu = _children_cpu() - cpu
    return elapsed, done.returncode, cpu


def _empty_run(tree: Path, empty: Path, out_path: Path, kept: bool = True) -> float:
    """The command over a file of no applicants, whole process, best of 3 (wall seconds)."""
    return min(_cli(tree, empty, out_path, kept)[0] for _ in range(3))


def _bare_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


_FLOOR_PROCESS = r"""
import gc, os, sys, time
import orjson
gc.disable()
with open(sys.argv[1], "rb") as fh:
    orjson.loads(fh.read())
start, cpu = time.perf_counter(), time.process_time()
with open(sys.argv[2], "rb") as fh:  # what the command wrote: given, not part of the floor
    produced = orjson.loads(fh.read())
given, given_cpu = time.perf_counter() - start, time.process_time() - cpu
sys.stdout.buffer.write(orjson.dumps(produced))
sys.stdout.buffer.flush()
sys.stderr.write(f"{given} {given_cpu}\n")
sys.stderr.flush()
os._exit(0)
"""


#: the command run through this wrapper reports its phases: each process's CPU and the wall time (from just
#: before the process was started, ``T0``) at which it forked and at which it left by ``os._exit``
_PHASES = r"""
import os, resource, sys, time
t0 = float(os.environ["T0"])
marks = []
def mark(name):
    used = resource.getrusage(resource.RUSAGE_SELF)
    marks.append((name, time.time() - t0, time.process_time(), used.ru_minflt, used.ru_utime, used.ru_stime))
real_fork, real_exit = os.fork, os._exit
def fork():
    mark("fork")
    pid = real_fork()
    if pid == 0:
        marks.clear()
        mark("start")
    return pid
def leave(code):
    mark("exit")
    sys.stderr.write("PHASES " + repr((os.getpid(), marks)) + "\n")
    sys.stderr.flush()
    real_exit(code)
os.fork, os._exit = fork, leave
sys.argv = ["eligibility_desk", *sys.argv[1:]]
import runpy
runpy.run_module("eligibility_desk", run_name="__main__", alter_sys=True)
"""


def _phases(tree: Path, data: Path, out_path: Path) -> dict:
    """One run of the command through :data:`_PHASES`: the parent's CPU and wall time at its first fork (the
    serial part: interpreter, imports, rules, whatever it reads before forking), and per worker its CPU and
    the wall time it left at (the first: its half made and written; the last: the whole output out)."""
    import ast

    env = _command_env(tree)
    cmd = [sys.executable, "-c", _PHASES, "screen", str(data), "--standard", "4-07-02-06", "--as-of",
           AS_OF.isoformat(), "--level", "4", "--format", "json"]
    with open(out_path, "wb") as out:
        env["T0"] = repr(time.time())
        done = subprocess.run(cmd, cwd=str(tree), stdout=out, stderr=subprocess.PIPE, check=False, env=env, text=True)
        whole = time.time() - float(env["T0"])
    reports = [ast.literal_eval(line[7:]) for line in done.stderr.splitlines() if line.startswith("PHASES ")]
    found = {"whole": whole, "workers": []}
    for _pid, marks in reports:
        names = [m[0] for m in marks]
        if names[0] == "start":  # left at (wall), CPU, page faults, user, system
            found["workers"].append(tuple(marks[-1][1:]))
    parent_forks = [m for _pid, marks in reports for m in marks if marks[0][0] != "start" and m[0] == "fork"]
    if parent_forks:
        found["fork"] = (parent_forks[0][1], parent_forks[0][2])
    found["workers"].sort()
    return found


def _floor(data: Path, out_path: Path) -> tuple[float, float, float]:
    """The two floors of the command's run, best of 3 each: in this process, orjson.loads of the input +
    orjson.dumps of the output, GC paused (as the command pauses it); and a whole ``python -c`` process that
    loads the input and writes the output with orjson to a file, less its parsing of the given output (wall,
    and CPU seconds)."""
    import gc

    import orjson

    raw = data.read_bytes()
    produced = orjson.loads(out_path.read_bytes())
    best = None
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            orjson.loads(raw)
            orjson.dumps(produced)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
    finally:
        gc.enable()
    del produced
    whole = whole_cpu = None
    for _ in range(3):
        elapsed, cpu = _whole_floor(data, out_path)
        whole = elapsed if whole is None else min(whole, elapsed)
        whole_cpu = cpu if whole_cpu is None else min(whole_cpu, cpu)
    return best, whole, whole_cpu


def _whole_floor(data: Path, out_path: Path) -> tuple[float, float]:
    """One run of the whole-process floor (:data:`_FLOOR_PROCESS`) for the command's input ``data`` and its
    output ``out_path``: wall and CPU seconds, less the floor process's parsing of the given output."""
    with open(out_path.with_suffix(".floor"), "wb") as out:
        cpu = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _FLOOR_PROCESS, str(data), str(out_path)], stdout=out,
                              stderr=subprocess.PIPE, check=True, text=True)
        elapsed = time.perf_counter() - start
        cpu = _children_cpu() - cpu
    given, given_cpu = (float(x) for x in done.stderr.strip().splitlines()[-1].split())
    return elapsed - given, cpu - given_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, action="append", default=[])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--cli-n", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-engine", action="store_true")
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--cli-phases", type=int, default=3, metavar="N",
                        help="runs of the command per tree through a wrapper reporting its phases (0: none)")
    parser.add_argument("--alternate", type=int, default=0, metavar="N",
                        help="then N rounds of one _cli and one _phases run per tree, trees alternating (0: none)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic_applicants import applicant_dicts

    trees = [tree.resolve() for tree in args.before] + [ROOT]
    _become_subreaper()
    raw = applicant_dicts(args.n, AS_OF)
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        _KEPT["folder"] = str(Path(tmp) / "kept-rules")
        data = Path(tmp) / "applicants.json"
        data.write_text(json.dumps({"applicants": raw}, ensure_ascii=False), encoding="utf-8")
        cli_data = Path(tmp) / "cli.json"
        cli_data.write_text(json.dumps({"applicants": raw[: args.cli_n]}, ensure_ascii=False), encoding="utf-8")
        engine: dict[Path, list] = {t: [] for t in trees}
        api: dict[Path, list] = {t: [] for t in trees}
        cli: dict[Path, list] = {t: [] for t in trees}
        floor: dict[Path, tuple[float, float, float]] = {}
        empty_runs: dict[Path, float] = {}
        empty_cold: dict[Path, float] = {}
        bare = min(_bare_start() for _ in range(3))
        if not args.skip_cli:
            empty = Path(tmp) / "empty.json"
            empty.write_text('{"applicants": []}', encoding="utf-8")
            for tree in trees:
                empty_cold[tree] = _empty_run(tree, empty, Path(tmp) / "empty-out.json", kept=False)
                empty_runs[tree] = _empty_run(tree, empty, Path(tmp) / "empty-out.json")
        for _ in range(args.runs):
            for tree in trees:
                if not args.skip_engine:
                    engine[tree].append(_child(_ENGINE, tree, data))
                if not args.skip_api:
                    api[tree].append(_child(_API, tree, data))
                if not args.skip_cli:
                    out_path = Path(tmp) / f"out-{trees.index(tree)}.json"
                    cli[tree].append(_cli(tree, cli_data, out_path))
                    measured = _floor(cli_data, out_path)
                    known = floor.get(tree, measured)
                    floor[tree] = tuple(min(a, b) for a, b in zip(known, measured))
        phases: dict[Path, list] = {t: [] for t in trees}
        if not args.skip_cli:
            for _ in range(args.cli_phases):
                for tree in trees:
                    phases[tree].append(_phases(tree, cli_data, Path(tmp) / "phases-out.json"))
        alternate: dict[Path, tuple[list, list, list]] = {t: ([], [], []) for t in trees}
        if not args.skip_cli and args.alternate:
            print(f"load average before the alternating runs: {os.getloadavg()}")
            for _ in range(args.alternate):
                for tree in trees:
                    out = Path(tmp) / "alternate-out.json"
                    alternate[tree][0].append(_cli(tree, cli_data, out))
                    alternate[tree][2].append(_whole_floor(cli_data, out))   # its floor, right after it
                    alternate[tree][1].append(_phases(tree, cli_data, Path(tmp) / "alternate-phases.json"))
    print(f"load average after: {os.getloadavg()}")
    if not args.skip_cli:
        print(f"bare interpreter start-up (python -c pass, best of 3): {bare:.3f} s")
    for tree in trees:
        print(f"== {tree}")
        if engine[tree]:
            best = min(engine[tree], key=lambda r: r[0])
            cpu = min(r[3] for r in engine[tree])
            print(f"   engine: {best[1]} applicant-levels in {best[0]:.2f} s -> {best[1] / best[0]:,.0f}/s "
                  f"(best of {len(engine[tree])}; best CPU {cpu:.2f} s -> {best[1] / cpu:,.0f}/s); verdicts {best[2]}")
        if api[tree]:
            best = min(api[tree], key=lambda r: r[0])
            cpu = min(r[3] for r in api[tree])
            print(f"   api (JSON text -> results, every clause read): {best[1]} applicant-levels, {best[2]} clauses "
                  f"in {best[0]:.2f} s -> {best[1] / best[0]:,.0f}/s (best of {len(api[tree])}; best CPU {cpu:.2f} s "
                  f"-> {best[1] / cpu:,.0f}/s)")
        if cli[tree]:
            best = min(t for t, _rc, _cpu in cli[tree])
            cpu = min(c for _t, _rc, c in cli[tree])
            inside, whole, whole_cpu = floor[tree]
            print(f"   cli: screen --level 4 --format json, {args.cli_n} applicants: {best:.2f} s whole process "
                  f"(best of {len(cli[tree])}, exit {cli[tree][0][1]}; best CPU {cpu:.2f} s, both processes); "
                  f"in-process floor (orjson loads input + dumps output) {inside:.3f} s -> ratio {best / inside:.2f}; "
                  f"whole-process floor (python -c: orjson loads input, dumps output to a file) {whole:.3f} s "
                  f"-> ratio {best / whole:.2f} (CPU {whole_cpu:.2f} s -> CPU ratio {cpu / whole_cpu:.2f}); "
                  f"the command over no applicants (start-up, imports, rules): {empty_runs[tree]:.3f} s "
                  f"(rule files parsed, none kept: {empty_cold[tree]:.3f} s)")
        runs = [r for r in phases.get(tree, []) if "fork" in r and r["workers"]]
        if runs:
            best = min(runs, key=lambda r: r["whole"])
            fork_wall = min(r["fork"][0] for r in runs)
            fork_cpu = min(r["fork"][1] for r in runs)
            workers = ", ".join(f"{w[0]:.3f} s wall / {w[1]:.3f} s CPU (user {w[3]:.3f} + system {w[4]:.3f}, "
                                f"{w[2]} page faults)" for w in best["workers"])
            print(f"   cli phases (best of {len(runs)}, through a wrapper): serial part until the first fork "
                  f"{fork_wall:.3f} s wall / {fork_cpu:.3f} s CPU (best); in the fastest run ({best['whole']:.3f} s) "
                  f"the workers left at [{workers}]; worker CPU best "
                  f"{min(w[1] for r in runs for w in r['workers']):.3f} s, median "
                  f"{sorted(w[1] for r in runs for w in r['workers'])[len(runs)]:.3f} s")
    for tree in trees:
        _print_alternate(tree, *alternate[tree])


def _print_alternate(tree: Path, runs: list, phased: list, floors: list) -> None:
    """The ``--alternate`` runs of one tree: best / median of each figure, and of the whole-process floor run
    after each command run (on that run's output), with the ratios best / best and median / median."""
    import statistics

    phased = [r for r in phased if "fork" in r and len(r["workers"]) == 2]
    if not runs or not phased:
        return

    def spread(values) -> str:
        return f"{min(values):.3f} / {statistics.median(values):.3f} s"

    fastest = min(phased, key=lambda r: r["whole"])
    workers = [w[1] for r in phased for w in r["workers"]]
    lead = statistics.median(r["workers"][1][0] - r["workers"][0][0] for r in phased)
    print(f"== {tree} (alternating, {len(runs)} _cli + {len(phased)} _phases runs): command wall best / median "
          f"{spread([r[0] for r in runs])}, CPU {spread([r[2] for r in runs])}; serial part CPU "
          f"{spread([r['fork'][1] for r in phased])}; one worker's CPU {spread(workers)}; fastest phases run "
          f"{fastest['whole']:.3f} s, the workers left at {fastest['workers'][0][0]:.3f} and "
          f"{fastest['workers'][1][0]:.3f} s; the second left after the first by {lead * 1000:.0f} ms (median)")
    if floors:
        walls, floor_walls = [r[0] for r in runs], [f[0] for f in floors]
        print(f"   … its whole-process floor, run after each: best / median {spread(floor_walls)}; the command "
              f"against it: best / best {min(walls) / min(floor_walls):.3f}, median / median "
              f"{statistics.median(walls) / statistics.median(floor_walls):.3f}")


if __name__ == "__main__":
    main()
