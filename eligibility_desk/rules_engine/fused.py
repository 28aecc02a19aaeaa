"""One generated function per compiled standard (and set of levels) screening an applicant at every level.

``screen_all(facts, applicant_id, as_of) -> [LevelResult, ...]`` is what :meth:`.engine.CompiledStandard.
screen_many` calls per applicant.  Its source is written once, when first asked for, from the compiled
clauses: the facts it reads are loaded into locals once; the common clause kinds are written inline
(:mod:`.inline_clauses`: numbers as literals, specialised for the as-of date, falling back to the clause's
own predicate for rarer answers); values several clauses of several levels read — the work counted since
the certificate of a level, the titles of a grade — are computed once; any other clause is called (its
guard, when it has one, tested inline first).  Each level then combines its clauses' answers exactly as
:func:`.levelgen.make_level_function` does, into the same :class:`LevelResult` (the clause answers kept as
they came, the clause results built on reading by builders registered for the level's clause ids).

The generated code is an implementation detail: the answers are the per-level functions' (and so the
clause predicates') to the byte; tests/rules_engine/test_engine_equivalence.py checks that on many
generated applicants, both ``unknown_occupation`` policies and two dates.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

from eligibility_desk.domain.verdict import LevelResult, Verdict, register_clause_builders
from eligibility_desk.rules_engine.codecache import compile_source
from eligibility_desk.rules_engine.dates import add_years, clerk_due, reaches
from eligibility_desk.rules_engine.facts import lenient_facts, lenient_reading, lenient_since, work_since
from eligibility_desk.rules_engine.levelgen import make_clause_builders, project

_VERDICT = (Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE)


class Generator:
    """Collects the source of one ``screen_all``: the facts loaded (:meth:`load`), constants (:meth:`const`),
    shared values (:meth:`define`) and each clause's lines (:meth:`clause`)."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.loads: list[str] = []
        self.loaded: set[str] = set()
        self.pending: list[str] = []
        self.defined: set[str] = set()
        #: free for the emitters' own bookkeeping (e.g. the certificate table entry defined last)
        self.names: dict[str, str] = {}
        self.count = 0
        #: education and enrolled clauses, judged together in one pass over the records (:meth:`schooling_lines`)
        self.schooling: list = []

    def load(self, slot: str) -> str:
        """``f_<slot>``: the facts' slot as a local, read once at the top (slots every Facts has)."""
        if slot not in self.loaded:
            self.loaded.add(slot)
            self.loads.append(f"f_{slot} = facts.{slot}")
        return f"f_{slot}"

    def const(self, value) -> str:
        name = f"K{self.count}"
        self.count += 1
        self.namespace[name] = value
        return name

    def define(self, key: str, lines: list[str]) -> None:
        """Lines computing a value several clauses read, written once before the first clause that asks."""
        if key not in self.defined:
            self.defined.add(key)
            self.pending += lines

    def clause(self, predicate: Callable, var: str) -> list[str]:
        """Lines assigning ``var`` the answer of ``predicate`` on the as-of date."""
        call = self.const(predicate)
        schooling = getattr(predicate, "schooling", None)
        if schooling is not None and (not self.schooling or schooling.params["majors"] is self.schooling[0].params["majors"]):
            self.schooling.append(schooling)
            return [f"{var} = E{len(self.schooling) - 1}"]
        inline = getattr(predicate, "inline", None)
        guard = getattr(predicate, "guard", None)
        missing = getattr(predicate, "missing", None)
        guarded = bool(guard) and missing[0] == 0 and missing[2] is None
        if inline is not None:
            if not guarded:
                return inline(self, var, call)
            # the predicate's own constant when its guard holds (an ``all`` of missing kinds of fact): the
            # very object, so the clause result made for it at compile time is shared (levelgen)
            return [f"if {guard}: {var} = {self.const(missing)}", "else:",
                    *("    " + line for line in inline(self, var, call))]
        if guarded:
            return [f"{var} = {self.const(missing)} if {guard} else {call}(facts, on)"]
        return [f"{var} = {call}(facts, on)"]


    def schooling_lines(self) -> list[str]:
        """The pass over the education records computing ``E<k>``, each schooling clause's answer (written
        before the first clause; it reads nothing but the records and the date)."""
        if not self.schooling:
            return []
        self.load("edus")
        self.namespace["MAJORS"] = self.schooling[0].params["majors"]
        lines = ["if not f_edus:"]
        lines += [f"    E{k} = {self.const(s.missing)}" for k, s in enumerate(self.schooling)]
        lines.append("else:")
        for k, s in enumerate(self.schooling):
            lines += ["    " + line for line in s.init(self, k)]
        lines.append("    for st, ct, mk, major, grad, ins, asd in f_edus:")
        lines.append("        lm = mk in MAJORS[st] if st in MAJORS else False")
        lines.append("        fys = None")
        for k, s in enumerate(self.schooling):
            lines += ["        " + line for line in s.record(self, k)]
        lines += ["    " + s.final(k) for k, s in enumerate(self.schooling)]
        return lines


def make_screen_all(code: str, version: str, levels: Sequence[tuple[str, Sequence[str], Sequence[Callable]]]):
    """``screen_all(facts, applicant_id, as_of) -> [LevelResult, ...]`` for ``levels`` — ``(level code,
    clause ids, predicates)`` each, in the order the results are wanted."""
    from eligibility_desk.rules_engine.vocabulary import (  # the clauses' own helpers
        _TECHNICIAN, _cert_may_pass, _clerk, _final_year_start, _titles_all)

    namespace = {
        "new": tuple.__new__, "LR": LevelResult, "V": _VERDICT, "ELIG": Verdict.ELIGIBLE, "CODE": code,
        "VERSION": version, "project": project, "fromordinal": date.fromordinal, "reaches": reaches,
        "add_years": add_years, "clerk_due": clerk_due, "clerk": _clerk, "work_since": work_since,
        "titles_all": _titles_all, "NO_WORK": (0, 0, 0, 0), "NO_TITLES": (None, None, None),
        "TECHNICIAN": _TECHNICIAN, "final_year_start": _final_year_start,
        "cert_may_pass": _cert_may_pass, "lenient_facts": lenient_facts, "lenient_since": lenient_since,
        "lenient_reading": lenient_reading,
    }
    gen = Generator(namespace)
    body: list[str] = []
    outputs = []
    for li, (level, ids, predicates) in enumerate(levels):
        n = len(ids)
        if n > 16:
            raise ValueError(f"level {level} has {n} clauses; at most 16 are supported")
        ids = tuple(ids)
        register_clause_builders(ids, *make_clause_builders(ids))
        namespace[f"LEVEL{li}"] = level
        namespace[f"IDS{li}"] = ids
        namespace[f"PASSING{li}"] = tuple(tuple(ids[i] for i in range(n) if mask >> i & 1) for mask in range(1 << n))
        names = [f"r{li}_{i}" for i in range(n)]
        for predicate, name in zip(predicates, names):
            lines = gen.clause(predicate, name)
            body += gen.pending
            gen.pending = []
            body += lines
        answers = "(" + ", ".join(names) + ",)"
        out = f"L{li}"
        outputs.append(out)
        body.append("mask = " + " | ".join(f"({name}[0] >> 1) << {i}" for i, name in enumerate(names)))
        body.append("if mask:")
        body.append(f"    {out} = new(LR, (applicant_id, LEVEL{li}, ELIG, PASSING{li}[mask], None, IDS{li}, {answers}, "
                    f"CODE, VERSION, as_of))")
        body.append("else:")
        tail = ["best = " + " | ".join(f"{name}[0]" for name in names)]
        for predicate, name in zip(predicates, names):
            if not predicate.monotone:
                p = gen.const(predicate)
                tail.append(f"if {name}[2] is not None: {name} = ({name}[0], {name}[1], project({p}, facts, {name}[2]))")
        tail.append(f"w = {names[0]}[2]")
        tail += [f"if {name}[2] is not None and (w is None or {name}[2] < w): w = {name}[2]" for name in names[1:]]
        tail.append(f"{out} = new(LR, (applicant_id, LEVEL{li}, V[best], (), None if w is None else fromordinal(w), "
                    f"IDS{li}, {answers}, CODE, VERSION, as_of))")
        body += ["    " + line for line in tail]
    schooling = gen.schooling_lines()
    source = "\n".join(["def screen_all(facts, applicant_id, as_of):", "    on = facts.as_of",
                        *("    " + line for line in gen.loads), *("    " + line for line in schooling),
                        *("    " + line for line in body),
                        f"    return [{', '.join(outputs)}]"])
    exec(compile_source(source, f"<screen {code} {version}>"), namespace)  # noqa: S102 - our own generated source
    screen_all = namespace["screen_all"]
    screen_all.source = source
    return screen_all
