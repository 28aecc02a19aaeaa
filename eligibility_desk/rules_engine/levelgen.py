"""Generating one straight-line Python function per level of a compiled standard.

The clause closures (:mod:`.vocabulary`) are called one after the other with no loop, and when any clause
is eligible — the common case — the result is built at once: the passing clauses come from a table indexed
by the bit mask of eligible clauses.  A level that is not eligible goes through :func:`finish_not_eligible`,
which also works out ``eligible_from``.  The source is generated once, when the rule file is loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, ClauseResult, LevelResult, Verdict

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


def finish_not_eligible(facts, applicant_id: str, as_of: date, level: str, code: str, version: str,
                        ids: Sequence[str], predicates: Sequence[Callable], outcomes: Sequence[tuple]) -> LevelResult:
    best = INELIGIBLE
    earliest = None
    clauses = []
    for cid, predicate, (verdict, trace, when) in zip(ids, predicates, outcomes):
        if verdict > best:
            best = verdict
        if when is not None and not predicate.monotone:
            when = project(predicate, facts, when)
        if when is not None and (earliest is None or when < earliest):
            earliest = when
        clauses.append(_new(ClauseResult, (cid, _VERDICT[verdict], trace, None if when is None else date.fromordinal(when))))
    return _new(LevelResult, (applicant_id, level, _VERDICT[best], (), None if earliest is None else date.fromordinal(earliest),
                              tuple(clauses), code, version, as_of))


def make_level_function(level: str, code: str, version: str, ids: Sequence[str], predicates: Sequence[Callable]):
    """``screen(facts, applicant_id, as_of) -> LevelResult`` for one level's clauses."""
    n = len(ids)
    if n > 16:
        raise ValueError(f"level {level} has {n} clauses; at most 16 are supported")
    namespace = {
        "new": _new, "CR": ClauseResult, "LR": LevelResult, "V": _VERDICT, "ELIG": Verdict.ELIGIBLE,
        "LEVEL": level, "CODE": code, "VERSION": version, "IDS": tuple(ids), "PREDS": tuple(predicates),
        "PASSING": tuple(tuple(ids[i] for i in range(n) if mask >> i & 1) for mask in range(1 << n)),
        "finish": finish_not_eligible,
    }
    for i, (cid, predicate) in enumerate(zip(ids, predicates)):
        namespace[f"p{i}"] = predicate
        namespace[f"ID{i}"] = cid
    body = ["def screen(facts, applicant_id, as_of):", "    on = facts.as_of"]
    body += [f"    v{i}, t{i}, w{i} = p{i}(facts, on)" for i in range(n)]
    body.append("    mask = " + " | ".join(f"(v{i} >> 1) << {i}" for i in range(n)))
    body.append("    if mask:")
    clauses = ", ".join(f"new(CR, (ID{i}, V[v{i}], t{i}, None))" for i in range(n))
    body.append(f"        return new(LR, (applicant_id, LEVEL, ELIG, PASSING[mask], None, ({clauses},), CODE, VERSION, as_of))")
    outcomes = ", ".join(f"(v{i}, t{i}, w{i})" for i in range(n))
    body.append(f"    return finish(facts, applicant_id, as_of, LEVEL, CODE, VERSION, IDS, PREDS, ({outcomes},))")
    exec(compile("\n".join(body), f"<level {code} {level}>", "exec"), namespace)  # noqa: S102 - our own generated source
    return namespace["screen"]
