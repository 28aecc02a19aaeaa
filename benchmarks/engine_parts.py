"""Where the engine's time goes (issue 12, round five): the shipped policy's second look, part by part.

The benchmark's synthetic applicants (benchmarks/synthetic_applicants.py) are split into those with doubtful
work under ``unknown_occupation: review`` (an occupation on no list, an unknown end) and the rest, by this
checkout's facts.  For each checkout (``--before DIR``, repeatable, and this one), in its own process:
``screen_many`` on each group, µs per applicant, best CPU of ``--repeat``, the GC off, under the shipped
policy and — where the rules ship ``review`` — ``ineligible``.  For this checkout also, on the doubtful
applicants: the facts under both policies, the generated code with its second looks cut out of the source,
with them (the lenient reading made when first asked), and again on the same facts (the lenient reading and its
work since each date already made); and every applicant
screened by one generated function for all levels, by one per level, and by levelgen's per-level functions.

    .venv/bin/python benchmarks/engine_parts.py [--before /tmp/before-screen] [--n 60000] [--repeat 3]

``--instructions N`` (round seven) counts instead, under ``valgrind --tool=callgrind`` (load-independent, needs
valgrind): instructions per applicant of ``screen_many`` (the generated code made before; the GC off;
``PYTHONHASHSEED=0``) on the first N applicants, per group — without doubtful work, doubtful with some work
counted, doubtful with none counted — for every checkout and policy, and for this checkout ``build_facts`` alone.
Only what runs inside ``functools.reduce`` is counted (``--toggle-collect=functools_reduce``), so loading the
rules and the applicants is not.

``--bytecodes N`` (round eight) counts the interpreter's bytecodes instead (``sys.settrace`` with opcode
events: deterministic, no valgrind): bytecodes per applicant of ``screen_many`` (the generated code made and
specialised before) on the first N applicants, per group, for every checkout and policy, with the CPU µs per
applicant of the same applicants (best of ``--repeat``, the GC off) and their ratio.  The engine's CPU time
follows the bytecodes dispatched far more closely than the machine instructions callgrind counts (round
eight in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import gc, json, shutil, sys, tempfile, time
from datetime import date
tree, n, repeat, ids_path, parts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1"
sys.path.insert(0, tree); sys.path.insert(0, tree + "/benchmarks")
from synthetic_applicants import applicant_dicts
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
as_of = date(2025, 9, 1)
doubtful = set(json.load(open(ids_path)))
applicants = [parse_applicant(r) for r in applicant_dicts(n, as_of)]
groups = {"with doubtful work": [a for a in applicants if a.id in doubtful],
          "without": [a for a in applicants if a.id not in doubtful]}
text = open(tree + "/rules/standards/4-07-02-06.yaml", encoding="utf-8").read()
policies = {"shipped": tree + "/rules"}
if "unknown_occupation: review" in text:
    other = tempfile.mkdtemp() + "/rules"
    shutil.copytree(tree + "/rules", other)
    with open(other + "/standards/4-07-02-06.yaml", "w", encoding="utf-8") as fh:
        fh.write(text.replace("unknown_occupation: review", "unknown_occupation: ineligible"))
    policies = {"review": tree + "/rules", "ineligible": other}
standards = {name: RuleLibrary.load(rules).get("4-07-02-06", as_of) for name, rules in policies.items()}
best = {}
def keep(key, seconds, count):
    best[key] = min(best.get(key, 1e9), seconds / count * 1e6)
gc.disable()
for _ in range(repeat):
    for name, standard in standards.items():
        for group, items in groups.items():
            start = time.process_time(); out = standard.screen_many(items, as_of); keep(f"{name}, {group}", time.process_time() - start, len(items))
            del out; gc.collect(); gc.disable()
if parts:
    from eligibility_desk.rules_engine import facts as F
    review = standards["review"]; items = groups["with doubtful work"]
    screen_all = review.screen_function(); on = as_of.toordinal(); occupations = review.spec.occupations.normalized
    namespace = dict(screen_all.__globals__)
    exec(compile(screen_all.source.replace("if f_doubt is not None", "if False"), "<no second look>", "exec"), namespace)
    no_look = namespace["screen_all"]
    for _ in range(repeat):
        start = time.process_time(); plain = [F.build_facts(a, on, occupations, False) for a in items]; keep("parts: facts, ineligible", time.process_time() - start, len(items))
        start = time.process_time(); doubt = [F.build_facts(a, on, occupations, True) for a in items]; keep("parts: facts, review", time.process_time() - start, len(items))
        start = time.process_time(); out = [screen_all(f, a.id, as_of) for f, a in zip(plain, items)]; keep("parts: generated code on the ineligible facts", time.process_time() - start, len(items))
        start = time.process_time(); out = [no_look(f, a.id, as_of) for f, a in zip(doubt, items)]; keep("parts: generated code on the review facts, second looks cut out", time.process_time() - start, len(items))
        start = time.process_time(); out = [screen_all(f, a.id, as_of) for f, a in zip(doubt, items)]; keep("parts: generated code on the review facts (lenient reading made when first asked)", time.process_time() - start, len(items))
        start = time.process_time(); out = [screen_all(f, a.id, as_of) for f, a in zip(doubt, items)]; keep("parts: the same again (lenient reading and its work since each date already made)", time.process_time() - start, len(items))
        del plain, doubt, out; gc.collect(); gc.disable()
    # the shape of the code: one generated function for the four levels, one per level, levelgen's per level
    fused = review.screen_function(); singles = [review.screen_function([l]) for l in review.levels]
    closures = [level.screen for level in review.levels.values()]
    for _ in range(repeat):
        facts = [F.build_facts(a, on, occupations, True) for a in applicants]
        for f in facts:
            if f.doubt is not None: F.lenient_facts(f)  # the lenient reading too, where the tree has one
        start = time.process_time(); out = [fused(f, a.id, as_of) for f, a in zip(facts, applicants)]; keep("shape: one generated function, all levels (facts made before)", time.process_time() - start, n)
        start = time.process_time(); out = [[s(f, a.id, as_of)[0] for s in singles] for f, a in zip(facts, applicants)]; keep("shape: one generated function per level", time.process_time() - start, n)
        start = time.process_time(); out = [[s(f, a.id, as_of) for s in closures] for f, a in zip(facts, applicants)]; keep("shape: levelgen's per-level functions calling the closures", time.process_time() - start, n)
        del facts, out; gc.collect(); gc.disable()
print(json.dumps(best))
"""


_COUNT = r"""
import functools, gc, json, sys
from datetime import date
tree, n, ids_path, rules, what = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
sys.path.insert(0, tree); sys.path.insert(0, tree + "/benchmarks")
from synthetic_applicants import applicant_dicts
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
as_of = date(2025, 9, 1)
group = set(json.load(open(ids_path)))
items = [a for a in (parse_applicant(r) for r in applicant_dicts(n, as_of)) if a.id in group]
standard = RuleLibrary.load(rules).get("4-07-02-06", as_of)
standard.screen_many(items[:10], as_of)  # the generated code made before
gc.disable()
if what == "facts":
    from eligibility_desk.rules_engine.facts import build_facts
    on, occupations, review = as_of.toordinal(), standard.spec.occupations.normalized, standard.review_unlisted
    functools.reduce(lambda kept, a: kept.append(build_facts(a, on, occupations, review)) or kept, items, [])
else:
    functools.reduce(lambda _, batch: standard.screen_many(batch, as_of), [items], None)
print(len(items))
"""


_BYTECODES = r"""
import gc, json, sys, time
from datetime import date
tree, n, ids_path, rules, repeat = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
sys.path.insert(0, tree); sys.path.insert(0, tree + "/benchmarks")
from synthetic_applicants import applicant_dicts
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
as_of = date(2025, 9, 1)
group = set(json.load(open(ids_path)))
items = [a for a in (parse_applicant(r) for r in applicant_dicts(n, as_of)) if a.id in group]
standard = RuleLibrary.load(rules).get("4-07-02-06", as_of)
for _ in range(3):
    standard.screen_many(items, as_of)  # the generated code made, every bytecode specialised as it will be
count = 0
def tracer(frame, event, arg):
    global count
    frame.f_trace_opcodes = True
    frame.f_trace_lines = False
    if event == "opcode":
        count += 1
    return tracer
sys.settrace(tracer)
standard.screen_many(items, as_of)
sys.settrace(None)
gc.disable()
best = 1e9
for _ in range(repeat):
    start = time.process_time(); out = standard.screen_many(items, as_of); best = min(best, time.process_time() - start)
    del out
print(len(items), count, best)
"""


def _bytecodes(trees: list[Path], n: int, groups: dict[str, list[str]], policies, repeat: int) -> None:
    """Bytecodes (and CPU µs) per applicant (see the module): per tree, policy and group."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ELIGIBILITY_DESK_RULES")}
    with tempfile.TemporaryDirectory() as tmp:
        for tree in trees:
            print(f"== {tree}")
            for policy, rules in policies(tree, tmp):
                for name, ids in groups.items():
                    path = Path(tmp) / "ids.json"
                    path.write_text(json.dumps(ids))
                    out = subprocess.run([sys.executable, "-c", _BYTECODES, str(tree), str(n), str(path), str(rules),
                                          str(repeat)], capture_output=True, text=True, check=True, cwd=str(tree),
                                         env=env)
                    count, codes, seconds = out.stdout.strip().splitlines()[-1].split()
                    count, codes, us = int(count), int(codes), float(seconds) * 1e6
                    print(f"   {codes / max(count, 1):7,.0f} bytecodes, {us / max(count, 1):6.2f} µs per applicant "
                          f"({us * 1000 / max(codes, 1):4.2f} ns a bytecode)  {policy}, {name} ({count})")


def _instructions(trees: list[Path], n: int, groups: dict[str, list[str]], policies) -> None:
    """Instructions per applicant under callgrind (see the module): per tree, policy and group."""
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind")
        return
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ELIGIBILITY_DESK_RULES")}
    env["PYTHONHASHSEED"] = "0"
    with tempfile.TemporaryDirectory() as tmp:
        for tree in trees:
            print(f"== {tree}")
            for policy, rules in policies(tree, tmp):
                for what in (["screen", "facts"] if tree == ROOT else ["screen"]):
                    for name, ids in groups.items():
                        path = Path(tmp) / "ids.json"
                        path.write_text(json.dumps(ids))
                        out = subprocess.run(
                            ["valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce",
                             f"--callgrind-out-file={tmp}/callgrind.out", sys.executable, "-c", _COUNT, str(tree),
                             str(n), str(path), str(rules), what],
                            capture_output=True, text=True, check=True, cwd=str(tree), env=env)
                        count = int(out.stdout.strip().splitlines()[-1])
                        collected = int(re.search(r"Collected : (\d+)", out.stderr).group(1))
                        label = "build_facts alone" if what == "facts" else "screen_many"
                        print(f"   {collected / max(count, 1):9,.0f} instructions per applicant  {policy}, {name} "
                              f"({count}), {label}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, action="append", default=[])
    parser.add_argument("--n", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="count instructions under callgrind on the first N applicants instead of timing")
    parser.add_argument("--bytecodes", type=int, default=0, metavar="N",
                        help="count the interpreter's bytecodes per applicant on the first N applicants instead")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT)), sys.path.insert(0, str(ROOT / "benchmarks"))
    from datetime import date

    from synthetic_applicants import applicant_dicts

    from eligibility_desk.domain.interchange import parse_applicant
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.rules_engine.facts import build_facts

    as_of = date(2025, 9, 1)
    standard = RuleLibrary.load(ROOT / "rules").get("4-07-02-06", as_of)
    if args.instructions or args.bytecodes:
        groups: dict[str, list[str]] = {"without doubtful work": [], "doubtful, some work counted": [],
                                        "doubtful, none counted": []}
        for a in (parse_applicant(r) for r in applicant_dicts(args.instructions or args.bytecodes, as_of)):
            facts = build_facts(a, as_of.toordinal(), standard.spec.occupations.normalized, True)
            groups["without doubtful work" if facts.doubt is None else
                   "doubtful, some work counted" if facts.spans else "doubtful, none counted"].append(a.id)

        def policies(tree: Path, tmp: str):
            text = (tree / "rules" / "standards" / "4-07-02-06.yaml").read_text(encoding="utf-8")
            if "unknown_occupation: review" not in text:
                return [("shipped", tree / "rules")]
            other = Path(tmp) / f"rules-{abs(hash(str(tree)))}"
            if not other.exists():
                shutil.copytree(tree / "rules", other)
                (other / "standards" / "4-07-02-06.yaml").write_text(
                    text.replace("unknown_occupation: review", "unknown_occupation: ineligible"), encoding="utf-8")
            return [("review", tree / "rules"), ("ineligible", other)]

        trees = [t.resolve() for t in args.before] + [ROOT]
        if args.bytecodes:
            _bytecodes(trees, args.bytecodes, groups, policies, args.repeat)
        else:
            _instructions(trees, args.instructions, groups, policies)
        return
    ids = [a.id for a in (parse_applicant(r) for r in applicant_dicts(args.n, as_of))
           if build_facts(a, as_of.toordinal(), standard.spec.occupations.normalized, True).doubt is not None]
    print(f"{len(ids)} of {args.n} applicants with doubtful work under unknown_occupation: review")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(ids, fh)
    for tree in [t.resolve() for t in args.before] + [ROOT]:
        out = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(args.n), str(args.repeat), fh.name,
                              "1" if tree == ROOT else "0"], capture_output=True, text=True, check=True, cwd=str(tree))
        print(f"== {tree}")
        for key, value in json.loads(out.stdout.strip().splitlines()[-1]).items():
            print(f"   {value:6.2f} µs per applicant  {key}")


if __name__ == "__main__":
    main()
