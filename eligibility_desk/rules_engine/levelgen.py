"""Generating one straight-line Python function per level of a compiled standard.

The clause closures (:mod:`.vocabulary`) are called one after the other with no loop, and when any clause
is eligible — the common case — the result is built at once: the passing clauses come from a table indexed
by the bit mask of eligible clauses.  Otherwise it works out ``eligible_from``: the earliest date a clause
proposes, where the proposals of non-monotone clauses are re-checked by :func:`project`.  The clauses'
answers are kept as they came; :attr:`LevelResult.clauses` words nothing and builds the clause records only
when read.  The source is generated once, when the rule file is loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

from eligibility_desk.domain.verdict import (
    ELIGIBLE,
    ClauseResult,
    LevelResult,
    Verdict,
    register_clause_builders,
)
from eligibility_desk.rules_engine.codecache import compile_source

_VERDICT = (Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE)
#: builds a NamedTuple without its Python-level __new__ (the hot path creates millions of them)
_new = tuple.__new__
#: how many times a projected date is re-checked before giving up (non-monotone conditions, e.g. a
#: student who must still be enrolled when a certificate reaches its second anniversary)
MAX_PROJECTION_STEPS = 8
#: clause ids (the tuple's value) -> each clause's constant answer, as the last level compiled with them has it
#: (see :func:`make_clause_builders`)
_CONSTANTS: dict[tuple, tuple] = {}


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
    """``screen(facts, applicant_id, as_of) -> LevelResult`` for one level's clauses.

    Each clause's answer tuple is kept as the predicate returned it (see :attr:`LevelResult.clauses`); a
    guarded clause whose kind of fact is missing answers with its constant, without a call.
    """
    n = len(ids)
    if n > 16:
        raise ValueError(f"level {level} has {n} clauses; at most 16 are supported")
    namespace = {
        "new": _new, "LR": LevelResult, "V": _VERDICT, "ELIG": Verdict.ELIGIBLE,
        "LEVEL": level, "CODE": code, "VERSION": version, "IDS": tuple(ids),
        "PASSING": tuple(tuple(ids[i] for i in range(n) if mask >> i & 1) for mask in range(1 << n)),
        "project": project, "fromordinal": date.fromordinal,
    }
    body = ["def screen(facts, applicant_id, as_of):", "    on = facts.as_of"]
    for i, predicate in enumerate(predicates):
        namespace[f"p{i}"] = predicate
        guard = getattr(predicate, "guard", None)
        missing = getattr(predicate, "missing", None)
        if guard and missing[0] == 0 and missing[2] is None:
            namespace[f"M{i}"] = missing
            body += [f"    r{i} = M{i} if {guard} else p{i}(facts, on)"]
        else:
            body.append(f"    r{i} = p{i}(facts, on)")
    answers = "(" + ", ".join(f"r{i}" for i in range(n)) + ",)"
    body.append("    mask = " + " | ".join(f"(r{i}[0] >> 1) << {i}" for i in range(n)))
    body.append("    if mask:")
    body.append(f"        return new(LR, (applicant_id, LEVEL, ELIG, PASSING[mask], None, IDS, {answers}, CODE, VERSION, as_of))")
    # not eligible: every answer is 0 or 1, so "or" of the codes is the best; then eligible_from, the
    # earliest date a clause proposes (a non-monotone clause's proposal is re-checked there)
    body.append("    best = " + " | ".join(f"r{i}[0]" for i in range(n)))
    for i, predicate in enumerate(predicates):
        if not predicate.monotone:
            body.append(f"    if r{i}[2] is not None: r{i} = (r{i}[0], r{i}[1], project(p{i}, facts, r{i}[2]))")
    body.append("    w = r0[2]")
    for i in range(1, n):
        body.append(f"    if r{i}[2] is not None and (w is None or r{i}[2] < w): w = r{i}[2]")
    body.append("    earliest = None if w is None else fromordinal(w)")
    body.append(f"    return new(LR, (applicant_id, LEVEL, V[best], (), earliest, IDS, {answers}, CODE, VERSION, as_of))")
    exec(compile_source("\n".join(body), f"<level {code} {level}>"), namespace)  # noqa: S102 - our own generated source
    constants = tuple(getattr(predicate, "missing", None) for predicate in predicates)
    if len(_CONSTANTS) > 10_000:  # rule files reloaded many times over (tests): start again
        _CONSTANTS.clear()
    _CONSTANTS[namespace["IDS"]] = constants
    register_clause_builders(namespace["IDS"], *make_clause_builders(namespace["IDS"], constants))
    return namespace["screen"]


def make_clause_builders(ids: tuple, constants: Sequence[tuple | None] | None = None):
    """``(build if eligible, build otherwise)``: ``build(clause_answers) -> (ClauseResult, ...)`` for a level
    with these clause ids, straight-line (what :attr:`LevelResult.clauses` would make in a loop; an eligible
    level's clauses carry no date).

    ``constants[i]``, when given, is an answer clause ``i`` gives as this very object (a missing kind of fact:
    no work, no certificate…, whose date is ``None``): its :class:`ClauseResult` is made once, here, and
    shared by every result that has it (~40 % of a batch's clause answers).  Not given: those of the level
    :func:`make_level_function` compiled last with the same clause ids — a builder shares a result only for
    an answer that *is* the constant, so constants of another standard with the same ids share nothing and
    change nothing."""
    n = len(ids)
    if constants is None:
        constants = _CONSTANTS.get(tuple(ids), ())
    namespace = {"new": _new, "CR": ClauseResult, "V": _VERDICT, "fromordinal": date.fromordinal,
                 **{f"I{i}": cid for i, cid in enumerate(ids)}}
    eligible, other = [], []
    for i in range(n):
        constant = constants[i] if i < len(constants) else None
        made = f"new(CR, (I{i}, V[a{i}[0]], a{i}[1], None))"
        dated = f"new(CR, (I{i}, V[a{i}[0]], a{i}[1], None if a{i}[2] is None else fromordinal(a{i}[2])))"
        if constant is not None and constant[2] is None:
            namespace[f"K{i}"] = constant
            namespace[f"C{i}"] = _new(ClauseResult, (ids[i], _VERDICT[constant[0]], constant[1], None))
            made = f"C{i} if a{i} is K{i} else {made}"
            dated = f"C{i} if a{i} is K{i} else {dated}"
        eligible.append(made + ",")
        other.append(dated + ",")
    unpack = f"    {', '.join(f'a{i}' for i in range(n))}, = answers" if n else "    pass"
    source = "\n".join(["def eligible(answers):", unpack, f"    return ({' '.join(eligible)})",
                        "def other(answers):", unpack, f"    return ({' '.join(other)})"])
    exec(compile_source(source, "<clauses>"), namespace)  # noqa: S102 - our own generated source
    return namespace["eligible"], namespace["other"]

