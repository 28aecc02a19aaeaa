"""One generated function per compiled standard (and set of levels) screening an applicant at every level.

``screen_all(facts, applicant_id, as_of) -> [LevelResult, ...]`` is what :meth:`.engine.CompiledStandard.
screen_many` calls per applicant.  Its source is written once, when first asked for, from the compiled
clauses: the facts it reads are loaded into locals once; the common clause kinds are written inline
(:mod:`.inline_clauses`: numbers as literals, specialised for the as-of date, falling back to the clause's
own predicate for rarer answers); values several clauses of several levels read — the work counted since
the certificate of a level, the titles of a grade — are computed once; any other clause is called (its
guard, when it has one, tested inline first, reading the facts' locals).  Each level then combines its
clauses' answers as :func:`.levelgen.make_level_function` does, into the same :class:`LevelResult` (the
clause answers kept as they came, the clause results built on reading by builders registered for the level's
clause ids) — the passing clauses and the verdict read from one table indexed by the clauses' verdict codes
(:func:`_verdict_table`) rather than a bit mask worked out clause by clause.

The generated code is an implementation detail: the answers are the per-level functions' (and so the
clause predicates') to the byte; tests/rules_engine/test_engine_equivalence.py checks that on many
generated applicants, both ``unknown_occupation`` policies and two dates.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Sequence

from eligibility_desk.domain.verdict import LevelResult, Verdict, register_clause_builders
from eligibility_desk.rules_engine.codecache import compile_source
from eligibility_desk.rules_engine.dates import add_years, clerk_due, reaches
from eligibility_desk.rules_engine.facts import lenient_facts, lenient_reading, lenient_since, work_since
from eligibility_desk.rules_engine.levelgen import make_clause_builders, project

_VERDICT = (Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE)
#: ``facts.<slot>`` in a clause's guard, for the slots every Facts has that guards read
_GUARD_SLOT = re.compile(r"\bfacts\.(no_work|titles|edus|cert_at_least|cert_exact)\b")
#: levels of at most this many clauses read their verdict from a table indexed by the clauses' verdict codes
#: (:func:`_verdict_table`, 3 ** 7 = 2,187 leaves); longer ones work out a bit mask of the eligible clauses
_TABLED = 7


def _verdict_table(passing: tuple, n: int, key: tuple = ()) -> tuple:
    """Nested tuples indexed by ``n`` clause verdict codes (0 ineligible, 1 review, 2 eligible), one level of
    nesting per clause: ``table[c0][c1]...[cn-1]`` is ``(passing clauses, verdict)`` — ``passing[mask]`` of the
    eligible clauses' bit mask and ``None`` when one is eligible, else ``()`` and the level's verdict (review if
    any clause is, else ineligible).  Indexing a tuple by a small int is the interpreter's cheapest
    subscript: no hashing, no arithmetic per clause."""
    if len(key) == n:
        mask = sum(1 << i for i, code in enumerate(key) if code == 2)
        return (passing[mask], None) if mask else ((), _VERDICT[max(key, default=0)])
    return tuple(_verdict_table(passing, n, key + (code,)) for code in (0, 1, 2))


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
        if guarded:  # the guard reads the facts' locals (one bytecode less per slot read than an attribute)
            guard = _GUARD_SLOT.sub(lambda m: self.load(m.group(1)), guard)
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
        "titles_all": _titles_all, "NO_WORK": (0, 0, 0, 0),
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
        if n <= _TABLED:
            # the clauses' verdict codes as one key: the passing clauses and the level's verdict read from
            # tables (fewer bytecodes than a bit mask worked out clause by clause; the same answers)
            namespace[f"VT{li}"] = _verdict_table(namespace[f"PASSING{li}"], n)
            body.append(f"vpass, vbest = VT{li}" + "".join(f"[{name}[0]]" for name in names))
            body.append("if vpass:")
            passing, verdict, tail = "vpass", "vbest", []
        else:
            body.append("mask = " + " | ".join(f"({name}[0] >> 1) << {i}" for i, name in enumerate(names)))
            body.append("if mask:")
            passing, verdict = f"PASSING{li}[mask]", "V[best]"
            tail = ["best = " + " | ".join(f"{name}[0]" for name in names)]
        body.append(f"    {out} = new(LR, (applicant_id, LEVEL{li}, ELIG, {passing}, None, IDS{li}, {answers}, "
                    f"CODE, VERSION, as_of))")
        body.append("else:")
        for predicate, name in zip(predicates, names):
            if not predicate.monotone:
                p = gen.const(predicate)
                tail.append(f"if {name}[2] is not None: {name} = ({name}[0], {name}[1], project({p}, facts, {name}[2]))")
        tail.append(f"w = {names[0]}[2]")
        tail += [f"if {name}[2] is not None and (w is None or {name}[2] < w): w = {name}[2]" for name in names[1:]]
        tail.append(f"{out} = new(LR, (applicant_id, LEVEL{li}, {verdict}, (), None if w is None else fromordinal(w), "
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
