"""Generating one straight-line Python function per level of a compiled standard.

The clause closures (:mod:`.vocabulary`) are called one after the other with no loop, and when any clause
is eligible — the common case — the result is built at once: the passing clauses come from a table indexed
by the bit mask of eligible clauses.  Otherwise it works out ``eligible_from``: the earliest date a clause
proposes, where the proposals of non-monotone clauses are re-checked by :func:`project`.  The source is generated once, when the rule file is loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

from eligibility_desk.domain.verdict import ELIGIBLE, ClauseResult, LevelResult, Verdict

_VERDICT = (Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE)
#: builds a NamedTuple without its Python-level __new__ (the hot path creates millions of them)
_new = tuple.__new__
#: how many times a projected date is re-checked before giving up (non-monotone conditions, e.g. a
#: student who must still be enrolled when a certificate reaches its second anniversary)
MAX_PROJECTION_STEPS = 8


def project(predicate: Callable, facts, when: int) -> int | None:
    """Confirm a projected date by evaluating there; follow the predicate's next guess if it moved."""
    for _ in range(MAX_PROJECTION_STEPS):
        verdict, _trace, later = predicate(facts, when)
        if verdict == ELIGIBLE:
            return when
        if later is None or later <= when:
            return None
        when = later
    return None


def make_level_function(level: str, code: str, version: str, ids: Sequence[str], predicates: Sequence[Callable]):
    """``screen(facts, applicant_id, as_of) -> LevelResult`` for one level's clauses."""
    n = len(ids)
    if n > 16:
        raise ValueError(f"level {level} has {n} clauses; at most 16 are supported")
    namespace = {
        "new": _new, "CR": ClauseResult, "LR": LevelResult, "V": _VERDICT, "ELIG": Verdict.ELIGIBLE,
        "LEVEL": level, "CODE": code, "VERSION": version, "IDS": tuple(ids), "PREDS": tuple(predicates),
        "PASSING": tuple(tuple(ids[i] for i in range(n) if mask >> i & 1) for mask in range(1 << n)),
        "project": project, "fromordinal": date.fromordinal,
    }
    body = ["def screen(facts, applicant_id, as_of):", "    on = facts.as_of"]
    guarded: set[int] = set()
    for i, (cid, predicate) in enumerate(zip(ids, predicates)):
        namespace[f"p{i}"] = predicate
        namespace[f"ID{i}"] = cid
        guard = getattr(predicate, "guard", None)
        missing = getattr(predicate, "missing", None)
        if guard and missing[0] == 0 and missing[2] is None:
            # a missing kind of fact: the predicate's constant answer, and its clause result built once
            namespace[f"MC{i}"] = ClauseResult(cid, _VERDICT[0], missing[1], None)
            body += [f"    if {guard}:", f"        v{i} = 0; w{i} = None; c{i} = MC{i}", "    else:",
                     f"        v{i}, t{i}, w{i} = p{i}(facts, on); c{i} = None"]
            guarded.add(i)
        else:
            body.append(f"    v{i}, t{i}, w{i} = p{i}(facts, on)")
    body.append("    mask = " + " | ".join(f"(v{i} >> 1) << {i}" for i in range(n)))
    body.append("    if mask:")

    def clause(i: int, when: str) -> str:
        built = f"new(CR, (ID{i}, V[v{i}], t{i}, {when}))"
        return f"(c{i} or {built})" if i in guarded else built

    clauses = ", ".join(clause(i, "None") for i in range(n))
    body.append(f"        return new(LR, (applicant_id, LEVEL, ELIG, PASSING[mask], None, ({clauses},), CODE, VERSION, as_of))")
    # not eligible: work out eligible_from; a non-monotone clause's proposed date is re-checked there
    body.append("    best = max(" + ", ".join(f"v{i}" for i in range(n)) + ")" if n > 1 else "    best = v0")
    for i, predicate in enumerate(predicates):
        if not predicate.monotone:
            body.append(f"    if w{i} is not None: w{i} = project(p{i}, facts, w{i})")
    whens = ", ".join(f"w{i}" for i in range(n))
    body.append(f"    found = [w for w in ({whens},) if w is not None]")
    body.append("    earliest = fromordinal(min(found)) if found else None")
    clauses = ", ".join(clause(i, f"None if w{i} is None else fromordinal(w{i})") for i in range(n))
    body.append(f"    return new(LR, (applicant_id, LEVEL, V[best], (), earliest, ({clauses},), CODE, VERSION, as_of))")
    exec(compile("\n".join(body), f"<level {code} {level}>", "exec"), namespace)  # noqa: S102 - our own generated source
    return namespace["screen"]


def make_levels_function(screens: Sequence[Callable]):
    """``screen_all(facts, applicant_id, as_of) -> [LevelResult, ...]`` calling each level's function in
    turn (a list comprehension would add a function call per applicant in Python 3.11)."""
    namespace = {f"s{i}": screen for i, screen in enumerate(screens)}
    calls = ", ".join(f"s{i}(facts, applicant_id, as_of)" for i in range(len(screens)))
    source = f"def screen_all(facts, applicant_id, as_of):\n    return [{calls}]"
    exec(compile(source, "<levels>", "exec"), namespace)  # noqa: S102 - our own generated source
    return namespace["screen_all"]
