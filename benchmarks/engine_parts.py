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
"""

from __future__ import annotations

import argparse
import json
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, action="append", default=[])
    parser.add_argument("--n", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT)), sys.path.insert(0, str(ROOT / "benchmarks"))
    from datetime import date

    from synthetic_applicants import applicant_dicts

    from eligibility_desk.domain.interchange import parse_applicant
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.rules_engine.facts import build_facts

    as_of = date(2025, 9, 1)
    standard = RuleLibrary.load(ROOT / "rules").get("4-07-02-06", as_of)
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
