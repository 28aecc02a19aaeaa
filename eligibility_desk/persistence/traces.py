"""Clause results to and from JSON.  The engine's trace tuples become JSON lists when stored and tuples
again when read, so :func:`eligibility_desk.rules_engine.explain.explain_clause` words them unchanged."""

from __future__ import annotations

from datetime import date

from eligibility_desk.domain.verdict import ClauseResult


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


def clauses_to_json(clauses: tuple[ClauseResult, ...]) -> list[dict]:
    return [{"id": c.id, "verdict": c.verdict.value, "trace": _plain(c.trace),
             "eligible_from": c.eligible_from.isoformat() if c.eligible_from else None} for c in clauses]


def clause_from_json(item: dict) -> tuple[str, str, tuple, date | None]:
    when = item.get("eligible_from")
    return item["id"], item["verdict"], _tuple(item.get("trace") or []), date.fromisoformat(when) if when else None
