"""Inline forms of the common work, certificate and title clauses, for the generated screening code.

:mod:`.fused` writes one Python function per compiled standard that screens an applicant at every level asked for;
a clause whose predicate carries an ``inline`` emitter (set by :mod:`.vocabulary`) is written into it as source,
specialised for the as-of date (``on == facts.as_of``: the sums :func:`.facts.build_facts` made are read
directly), with its numbers as literals. Each emitter covers the common answers, the second look at doubtful work
— what :func:`.vocabulary._doubtful` gets from the clause's closure on the lenient facts, read instead from the
lenient reading beside the facts (:func:`.facts.lenient_reading`, :func:`.facts.lenient_since`: numbers, no
lenient facts built; only a certificate's second look where a certificate of another occupation comes in tests
:func:`.vocabulary._cert_may_pass` and reads the lenient facts themselves) — and calls the predicate itself
(``{call}(facts, on)``) for the rarer answers — a title whose profession match is unknown beside one that matches
— so the closure stays the one complete statement of the clause; tests/rules_engine/test_engine_equivalence.py
compares the two on many generated applicants. Education and enrolled clauses are judged together
(:class:`Schooling`).

An emitter is ``emit(gen, var, call) -> [source line, ...]`` assigning ``var`` the clause's answer
``(verdict, trace, eligible_from)``; ``gen`` (:class:`.fused.Generator`) names constants and defines values
several clauses share (the work counted since a certificate, the titles of a grade) once, before the first
clause that reads them.  Available names in the generated code: ``facts``, ``on`` and the locals
``f_<slot>`` of :meth:`.fused.Generator.load`.
"""

from __future__ import annotations

from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE
from eligibility_desk.rules_engine.dates import year_span_bounds

E, I = ELIGIBLE, INELIGIBLE


def _met(total: str, end: str, years: int, shortest: int, longest: int) -> str:
    """满 N 年 for one stretch of ``total`` days ending at ``end`` (vocabulary: the year_span_bounds test)."""
    return f"{total} >= {longest} or ({total} >= {shortest} and reaches({end} - {total}, {years}, {end}))"


def _lenient_look(var: str, since: str, head: str, years: int, shortest: int, longest: int, need: int) -> list[str]:
    """The second look of a clause counting work since a date (a certificate's, a title's): review, with the
    lenient answer's trace, if the lenient reading of the work since ``since`` meets ``years`` — read from the
    facts' lenient periods (:func:`.facts.lenient_since`, once per date for every clause asking), which is
    what :func:`.vocabulary._doubtful` gets from the clause's closure on :func:`.facts.lenient_facts`
    (``_work`` / the clerk's sum of several periods)."""
    return [
        f"lw = lenient_since(facts, {since})",
        "if lw[3] <= 1:",
        f"    if {_met('lw[0]', 'lw[1]', years, shortest, longest)}:",
        f"        {var} = (1, ('doubt', f_doubt, {head}lw[0], lw[1], True)), {var}[2])",
        f"elif lw[4] >= {need}: {var} = (1, ('doubt', f_doubt, {head}lw[0], lw[1], True, lw[5])), {var}[2])",
    ]


def _lenient_facts_look(var: str, since: str, head: str, years: int, shortest: int, longest: int) -> list[str]:
    """The same on the lenient facts ``lf`` themselves, for a certificate's second look when they hold other
    certificate tables (a certificate of another occupation comes in: ``facts.lsame`` false)."""
    return [
        f"lw = work_since(lf, {since}, on)",
        "if lw[3] <= 1:",
        f"    if {_met('lw[0]', 'lw[1]', years, shortest, longest)}:",
        f"        {var} = (1, ('doubt', f_doubt, {head}lw[0], lw[1], True)), {var}[2])",
        "else:",
        f"    ok, ymd, due = clerk(lf, {since}, on, {years})",
        f"    if ok: {var} = (1, ('doubt', f_doubt, {head}lw[0], lw[1], True, ymd)), {var}[2])",
    ]


def related_work(years: int, shortest: int, longest: int, need: int, missing: tuple):
    def emit(gen, var: str, call: str) -> list[str]:
        gen.load("work_all")
        gen.define("work_all", ["wa_total, wa_end, wa_first, wa_n = f_work_all"])
        gen.load("no_work"), gen.load("ongoing"), gen.load("doubt"), gen.load("clerk_all")
        m = gen.const(missing)
        # the second look (vocabulary._doubtful with this clause on the lenient facts, which have no doubt
        # of their own): review, with the lenient answer's trace, if it passes — read from the lenient reading
        # beside the facts (lenient_reading: lwork_all and lclerk_all are lenient_facts' work_all and
        # clerk_all); the days counted + doubt_reach bound what it can reach (vocabulary._doubtful)
        second = [
            "            lt, le, l1, ln = facts.lwork_all or lenient_reading(facts)",
            "            if ln <= 1:",
            f"                if {_met('lt', 'le', years, shortest, longest)}:",
            f"                    {var} = (1, ('doubt', f_doubt, ('work', {years}, lt, le, l1, True)), {var}[2])",
            f"            elif facts.lclerk_all[0] >= {need}:",
            f"                {var} = (1, ('doubt', f_doubt, ('work', {years}, lt, le, l1, True, facts.lclerk_all[3], ln)), {var}[2])",
        ]
        return [
            f"if f_no_work: {var} = {m}",
            "elif wa_n <= 1:",
            f"    if {_met('wa_total', 'wa_end', years, shortest, longest)}:",
            f"        {var} = ({E}, ('work', {years}, wa_total, wa_end, wa_first, True), on)",
            "    else:",
            f"        {var} = ({I}, ('work', {years}, wa_total, wa_end, wa_first, False), "
            f"add_years(on - wa_total, {years}) if f_ongoing else None)",
            f"        if f_doubt is not None and wa_total + facts.doubt_reach >= {need}:",
            *second,
            "else:",
            f"    if f_clerk_all[0] >= {need}:",
            f"        {var} = ({E}, ('work', {years}, wa_total, wa_end, wa_first, True, f_clerk_all[3], wa_n), on)",
            "    else:",
            f"        {var} = ({I}, ('work', {years}, wa_total, wa_end, wa_first, False, f_clerk_all[3], wa_n), "
            f"clerk_due(f_clerk_all[1], f_clerk_all[2], {years}, on + 1) if f_ongoing and f_clerk_all[2] else None)",
            f"        if f_doubt is not None and wa_total + facts.doubt_reach >= {need}:",
            *second,
        ]
    return emit


def certificate(level: int, held_years: int, table: str, missing: tuple, undated: tuple):
    def emit(gen, var: str, call: str) -> list[str]:
        t = gen.load(table)
        m, u = gen.const(missing), gen.const(undated)
        lines = [f"c = {t}[{level}]", f"if c is None: {var} = {m}", f"elif c[1] is None: {var} = {u}"]
        if not held_years:
            return lines + [f"else: {var} = ({E}, ('cert', {level}, c[0], c[1], 0, True), on)"]
        longest = year_span_bounds(held_years)[1]
        return lines + [
            # held for more days than N years ever span: held N years (no anniversary to work out)
            f"elif on - c[1] >= {longest}: {var} = ({E}, ('cert', {level}, c[0], c[1], {held_years}, True), on)",
            "else:",
            f"    due = add_years(c[1], {held_years})",
            f"    {var} = ({E}, ('cert', {level}, c[0], c[1], {held_years}, True), on) if due <= on else "
            f"({I}, ('cert', {level}, c[0], c[1], {held_years}, False), due)",
        ]
    return emit


def work_after_certificate(level: int, years: int, shortest: int, longest: int, table: str, missing: tuple,
                           undated: tuple, higher: bool, need: int):
    def emit(gen, var: str, call: str) -> list[str]:
        t = gen.load(table)
        gen.load("spans"), gen.load("no_work"), gen.load("ongoing"), gen.load("doubt")
        key = f"{table}{level}"
        # the certificate and the work counted since it, once for every clause asking (several levels do);
        # the same certificate as the level asked before (the earliest of L or higher often is): the same work
        if key not in gen.defined:
            previous = gen.names.get(table)
            same = f"w_{previous} if c_{key} is c_{previous} else " if previous else ""
            gen.names[table] = key
            gen.define(key, [f"c_{key} = {t}[{level}]",
                             f"w_{key} = {same}None if c_{key} is None or c_{key}[1] is None else "
                             f"(NO_WORK if not f_spans else work_since(facts, c_{key}[1], on))"])
        m, u = gen.const(missing), gen.const(undated)
        head = f"('work_after', 'cert', {level}, c[0], c[1], {years}, w[0], w[1], "
        # the second look.  The lenient facts hold the same certificate tables (facts.lsame): the same
        # certificate, and the lenient work since it read from the facts' lenient periods, unless the days
        # counted since it plus every doubtful day (doubt_reach) cannot reach the years.  Otherwise (a
        # certificate of another occupation comes in), when the test before it lets it pass
        # (vocabulary._cert_may_pass): the lenient facts' certificate of the level (it may be an earlier one,
        # of another occupation) and the work since it
        second = ["if f_doubt is not None:",
                  "    if facts.lsame:",
                  f"        if w[0] + facts.doubt_reach >= {need}:",
                  *("            " + line for line in _lenient_look(
                      var, "c[1]", f"('work_after', 'cert', {level}, c[0], c[1], {years}, ", years, shortest,
                      longest, need)),
                  f"    elif cert_may_pass(facts, {level}, {higher}, c[1], w[0], w[3], {need}):",
                  "        lf = facts.lenient or lenient_facts(facts)",
                  f"        lc = lf.{table}[{level}]",
                  "        if lc is not None and lc[1] is not None:",
                  *("            " + line for line in _lenient_facts_look(
                      var, "lc[1]", f"('work_after', 'cert', {level}, lc[0], lc[1], {years}, ", years, shortest,
                      longest))]
        return [
            f"c = c_{key}",
            f"w = w_{key}",
            f"if c is None: {var} = {m}",
            f"elif w is None: {var} = {u} if not f_no_work else {m}",
            "elif w[3] <= 1:",
            f"    if {_met('w[0]', 'w[1]', years, shortest, longest)}:",
            f"        {var} = ({E}, {head}True), on)",
            "    else:",
            f"        {var} = ({I}, {head}False), add_years(on - w[0], {years}) if f_ongoing else None)",
            *("        " + line for line in second),
            "else:",
            f"    ok, ymd, due = clerk(facts, c[1], on, {years})",
            f"    if ok: {var} = ({E}, {head}True, ymd), on)",
            "    else:",
            f"        {var} = ({I}, {head}False, ymd), due)",
            *("        " + line for line in second),
        ]
    return emit


def work_after_title(grade: str, rank: int, higher: bool, years: int, shortest: int, longest: int, missing: tuple,
                     need: int):
    def emit(gen, var: str, call: str) -> list[str]:
        gen.load("titles"), gen.load("ongoing"), gen.load("doubt")
        key = f"t{rank}{'h' if higher else ''}"
        # the earliest matching, unknown-match and mismatched title of the grade, once for every clause asking
        # and the work counted since the matching one
        # (every grade's in one pass over the titles, once per applicant)
        every = f"tt{'h' if higher else ''}"
        # only for an applicant with titles: the clause reads these names only then (its first line answers
        # the constant without titles), so an applicant without any (about half) skips them in one test
        gen.define(f"titles{higher}", [f"if f_titles: {every} = titles_all(facts, {higher})"])
        gen.define(key, ["if f_titles:",
                         f"    {key}m, {key}u, {key}x = {every}[{rank}]",
                         f"    {key}w = None if {key}m is None else work_since(facts, {key}m[1], on)",
                         f"    {key}uw = None if {key}u is None or {key}m is not None else "
                         f"work_since(facts, {key}u[1], on)"])
        m = gen.const(missing)
        head = f"('work_after', 'title', {grade!r}, {key}m[0], {key}m[1], {years}, w[0], w[1], "
        # the second look, unless the days counted since the title plus every doubtful day (doubt_reach)
        # cannot reach the years: the same title (titles do not depend on the occupation lists) and the
        # lenient work since it, read from the facts' lenient periods
        second = [f"if f_doubt is not None and w[0] + facts.doubt_reach >= {need}:",
                  *("    " + line for line in _lenient_look(
                      var, f"{key}m[1]", f"('work_after', 'title', {grade!r}, {key}m[0], {key}m[1], {years}, ",
                      years, shortest, longest, need))]
        return [
            f"if not f_titles: {var} = {m}",
            # a title whose profession match is unknown and none that matches: review if the work since it
            # meets the years (a clerk checks the match), ineligible otherwise; with a matching one too, the closure
            f"elif {key}u is not None:",
            f"    if {key}m is None:",
            f"        w = {key}uw",
            "        if w[3] <= 1:",
            f"            ok = True if {_met('w[0]', 'w[1]', years, shortest, longest)} else False",
            f"            {var} = (1 if ok else {I}, ('work_after', 'title_unknown', {grade!r}, {key}u[0], {key}u[1], "
            f"{years}, w[0], w[1], ok), None)",
            "        else:",
            f"            ok, ymd, due = clerk(facts, {key}u[1], on, {years})",
            f"            {var} = (1 if ok else {I}, ('work_after', 'title_unknown', {grade!r}, {key}u[0], {key}u[1], "
            f"{years}, w[0], w[1], ok, ymd), None)",
            f"    else: {var} = {call}(facts, on)",
            f"elif {key}m is not None:",
            f"    w = {key}w",
            "    if w[3] <= 1:",
            f"        if {_met('w[0]', 'w[1]', years, shortest, longest)}:",
            f"            {var} = ({E}, {head}True), on)",
            "        else:",
            f"            {var} = ({I}, {head}False), add_years(on - w[0], {years}) if f_ongoing else None)",
            *("            " + line for line in second),
            "    else:",  # several periods since the title: the clerk's sum (vocabulary._clerk)
            f"        ok, ymd, due = clerk(facts, {key}m[1], on, {years})",
            f"        if ok: {var} = ({E}, {head}True, ymd), on)",
            "        else:",
            f"            {var} = ({I}, {head}False, ymd), due)",
            *("            " + line for line in second),
            f"elif {key}x is not None: {var} = ({I}, ('title_mismatch', {grade!r}, {key}x[0], {key}x[1]), None)",
            f"else: {var} = {m}",
        ]
    return emit


def combination(kind: str, children: list):
    """``all`` / ``any``: the children written inline one after the other, then combined as
    :func:`.vocabulary._combination` does (``all`` the lowest verdict and the latest date, never if one
    child never holds; ``any`` the highest verdict and the earliest date)."""
    better = "<" if kind == "all" else ">"

    def emit(gen, var: str, call: str) -> list[str]:
        lines: list[str] = []
        names = [f"{var}_{i}" for i in range(len(children))]
        for child, name in zip(children, names):
            lines += gen.clause(child, name)
        first, rest = names[0], names[1:]
        lines.append(f"v = {first}[0]")
        lines += [f"if {n}[0] {better} v: v = {n}[0]" for n in rest]
        lines.append(f"trace = ({kind!r}, (" + "".join(f"{n}[1], " for n in names) + "))")
        lines.append(f"if v == {E}: {var} = ({E}, trace, on)")
        lines.append("else:")
        lines.append(f"    w = {first}[2]")
        for n in rest:
            if kind == "all":
                lines.append(f"    if w is not None: w = None if {n}[2] is None else ({n}[2] if {n}[2] > w else w)")
            else:
                lines.append(f"    if {n}[2] is not None and (w is None or {n}[2] < w): w = {n}[2]")
        lines.append(f"    {var} = (v, trace, w)")
        return lines
    return emit


# --- schooling: every education and enrolled clause of the standard in one pass over the records ----------
#
# Each clause judges the records in turn (the first eligible one decides; otherwise the best verdict's trace
# and the earliest date a record proposes).  The generated code walks the records once for all of them:
# per clause ``d<k>`` (the deciding answer, once found), ``b<k>`` (the best so far), ``e<k>`` (the earliest
# date); a record's listed-major test and final-year start are worked out once for every clause.  Written
# from :func:`.vocabulary.education` and :func:`.vocabulary.enrolled` on the as-of date (``on``), where
# "graduation <= on" already means "by the as-of date".


class Schooling:
    """How one education or enrolled clause judges a record, as source lines over the loop's variables
    ``st, ct, mk, major, grad, ins, asd`` (school type, class type, normalized major, major, graduation,
    in school, assessed), ``lm`` (the major is on a list for the school type) and ``fys`` (the final-year
    start, ``None`` until asked)."""

    def __init__(self, kind: str, params: dict, missing: tuple):
        self.kind = kind
        self.params = params
        self.missing = missing

    def init(self, gen, k: int) -> list[str]:
        if self.kind == "enrolled":
            return [f"d{k} = None", f"b{k} = {gen.const(self.missing)}"]
        return [f"d{k} = b{k} = e{k} = None"]

    def final(self, k: int) -> str:
        if self.kind == "enrolled":
            return f"E{k} = d{k} if d{k} is not None else b{k}"
        return f"E{k} = d{k} if d{k} is not None else (b{k}[0], b{k}[1], e{k})"

    def record(self, gen, k: int) -> list[str]:
        return self._enrolled(gen, k) if self.kind == "enrolled" else self._education(gen, k)

    def _enrolled(self, gen, k: int) -> list[str]:
        p = self.params
        types = gen.const(p["types"])
        base = "st, ct, major, grad"
        lines = [f"if d{k} is None and st in {types} and ins:"]
        if p["classes"] is None:
            lines += ["    if grad is not None and grad <= on:",
                      f"        if b{k}[0] == {I}: b{k} = (1, ('enrolled', 'stale', {base}), None)",
                      f"    else: d{k} = ({E}, ('enrolled', 'ok', {base}), on)"]
            return lines
        classes = gen.const(p["classes"])
        lines += ["    if grad is not None and grad <= on:",
                  f"        if b{k}[0] == {I} and (st not in TECHNICIAN or ct is None or ct in {classes}):",
                  f"            b{k} = (1, ('enrolled', 'stale', {base}), None)",
                  f"    elif st in TECHNICIAN and ct is None: b{k} = (1, ('enrolled', 'class_unknown', {base}), None)",
                  f"    elif st in TECHNICIAN and ct not in {classes}:",
                  f"        if b{k}[0] == {I}: b{k} = ({I}, ('enrolled', 'class', {base}), None)",
                  f"    else: d{k} = ({E}, ('enrolled', 'ok', {base}), on)"]
        return lines

    def _education(self, gen, k: int) -> list[str]:
        p = self.params
        types, window = gen.const(p["types"]), p["window"]
        fig = f"st, ct, major, grad, {window}"
        lines = [f"if d{k} is None:", "    when = None",
                 f"    if st not in {types}: res = ({I}, ('edu', 'type', {fig}, {gen.const(p['ordered_types'])}))",
                 "    else:", "        verdict = 2", "        problem = res = None"]
        body = []
        if p["classes"] is not None:
            body += ["if st in TECHNICIAN:",
                     "    if ct is None: verdict, problem = 1, 'class_unknown'",
                     f"    elif ct not in {gen.const(p['classes'])}: "
                     f"res = ({I}, ('edu', 'class', {fig}, {gen.const(p['ordered_classes'])}))"]
        if p["related"]:
            body.append("if res is None and not lm:")
            if p["unlisted"] == I:
                body.append(f"    res = ({I}, ('edu', 'major', {fig}, {gen.const(p['tiers'])}.get(st, ())))")
            else:
                body.append("    verdict, problem = 1, problem or 'major_unlisted'")
        body.append("if res is None:")
        chain = "if"
        if p["assessed"]:
            body.append(f"    if not asd: res = ({I}, ('edu', 'assessed', {fig}, ()))")
            chain = "elif"
        body += [f"    {chain} grad is None: res = (1, ('edu', 'no_date', {fig}, ()))",
                 "    elif grad <= on:",
                 f"        if ins: res = (1, ('edu', 'stale', {fig}, ()))",
                 "        else: status = 'graduated'"]
        if p["final_counts"]:
            body += ["    elif ins:",
                     f"        if fys is None: fys = final_year_start(grad, {window})",
                     "        if fys <= on: status = 'final_year'",
                     "        else:",
                     f"            res = ({I}, ('edu', 'not_final_year', {fig}, ()))",
                     "            if verdict == 2: when = fys"]
        body += ["    else:",
                 f"        res = ({I}, ('edu', 'not_graduated', {fig}, ()))",
                 "        if verdict == 2: when = grad",
                 "    if res is None:",
                 f"        if verdict == 2: d{k} = ({E}, ('edu', status, {fig}, ()), on)",
                 f"        else: res = (verdict, ('edu', problem, {fig}, ()))"]
        lines += ["        " + line for line in body]
        lines += [f"    if d{k} is None:",
                  f"        if b{k} is None or res[0] > b{k}[0]: b{k} = res",
                  f"        if when is not None and (e{k} is None or when < e{k}): e{k} = when"]
        return lines
