"""Compiling a clause's ``when:`` tree: every predicate of the vocabulary (:mod:`.vocabulary`,
:mod:`.work_clauses`, :mod:`.person_clauses`) and the combinators ``all`` / ``any``."""

from __future__ import annotations

from typing import Any, Callable

from eligibility_desk.rules_engine import person_clauses, vocabulary, work_clauses
from eligibility_desk.rules_engine.listed_major import listed_major
from eligibility_desk.rules_engine.vocabulary import COMBINATORS, CompileContext, Predicate, VocabularyError, VocabularyErrors
from eligibility_desk.rules_engine.yamlread import line_of


def _certificate(raw: Any, ctx: CompileContext) -> Predicate:
    """``certificate``: a national level (``level: 4``), or a level of a standard's own scale
    (``standard: this, level: 初级``); a national one optionally of a named occupation list
    (``occupations: this_occupation``: 取得本职业 L 级证书)."""
    if isinstance(raw, dict) and raw.get("standard") is not None:
        return person_clauses.own_certificate(raw, ctx)
    if isinstance(raw, dict) and "occupations" in raw:
        return _listed_certificate(raw, ctx)
    return vocabulary.certificate(raw, ctx)


def _listed_certificate(raw: dict, ctx: CompileContext) -> Predicate:
    """A national certificate whose occupation must be on the list ``occupations`` names (the main list
    when it names none): the plain clause asked of the facts of that list's occupations."""
    key, names, title = person_clauses.occupation_list(ctx, "certificate", raw["occupations"])
    inner = vocabulary.certificate({k: v for k, v in raw.items() if k != "occupations"}, ctx)
    if key == "":
        return inner

    def fn(facts, on: int):
        verdict, trace, when = inner(work_clauses.list_facts(facts, key, names), on)
        return verdict, ("cert_list", title, trace), when
    return vocabulary._marked(fn, monotone=True)


PREDICATES: dict[str, Callable[[Any, CompileContext], Predicate]] = {
    **vocabulary.PREDICATES,
    "certificate": _certificate,
    **work_clauses.PREDICATES,
    **person_clauses.PREDICATES,
    "listed_major": listed_major,  # 1+X packs: 适用院校专业 of the applicant's own school tier
}


#: the predicates that read the main occupation list unless they name another (``occupations:``) or a
#: standard's own certificates (``standard:``)
_MAIN_LIST_KINDS = frozenset({"related_work", "work_after_certificate", "work_after_title", "certificate", "work",
                              "training", "apprenticeship"})

#: how deep ``all`` / ``any`` may nest: a standard's text nests two or three deep
MAX_DEPTH = 12


def compile_logic(node: Any, ctx: CompileContext, depth: int = 0) -> Predicate:
    """Compile one ``when:`` mapping (a single predicate or combinator) into a closure."""
    try:
        return _compile_logic(node, ctx, depth)
    except VocabularyError as exc:
        if exc.line is None:
            exc.line = line_of(node)
        raise


def _compile_logic(node: Any, ctx: CompileContext, depth: int) -> Predicate:
    if not isinstance(node, dict) or len(node) != 1:
        shown = repr(node) if len(repr(node)) <= 80 else repr(node)[:77] + "…"
        raise VocabularyError(f"each condition must be a mapping with exactly one predicate, got {shown}",
                              code="one_predicate", params={"value": shown})
    (name, body), = node.items()
    if name in COMBINATORS:
        if not isinstance(body, list) or not body:
            raise VocabularyError(f"'{name}' takes a non-empty list of conditions", code="combinator_list", params={"name": name})
        if depth >= MAX_DEPTH:
            raise VocabularyError(f"'{name}' is nested more than {MAX_DEPTH} deep", code="too_deep",
                                  params={"name": name, "limit": MAX_DEPTH})
        children, wrong = [], []
        for child in body:  # every condition checked: each wrong one is its own message
            try:
                children.append(compile_logic(child, ctx, depth + 1))
            except VocabularyError as exc:
                wrong.extend(getattr(exc, "each", None) or [exc])
        if wrong:
            raise VocabularyErrors(wrong)
        return COMBINATORS[name](children)
    if name in _MAIN_LIST_KINDS and not (isinstance(body, dict) and (body.get("occupations") or body.get("standard"))) \
            and not ctx.occupation_lists.get("", ("", frozenset()))[1]:
        raise VocabularyError(f"'{name}' counts work or certificates of lists.occupations (本职业或相关职业), but the "
                              "standard names no occupations list", code="no_occupations", params={"name": name})
    if name not in PREDICATES:
        known = ", ".join(sorted([*PREDICATES, *COMBINATORS]))
        shown = repr(name) if len(repr(name)) <= 60 else repr(name)[:57] + "…"
        raise VocabularyError(f"unknown predicate {shown} (known: {known})", code="unknown_predicate",
                              params={"value": shown, "known": known})
    return PREDICATES[name](body, ctx)
