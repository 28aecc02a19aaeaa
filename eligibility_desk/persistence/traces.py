"""Clause results from JSON.  The engine's trace tuples are stored as JSON lists (services/screening/batch_screening.py) and
become tuples again when read, so :func:`eligibility_desk.rules_engine.explain.explain_clause` words them unchanged.

A result's clause document is in one of two places: results stored since revision 0008 name a document of
their run in ``screening_trace`` (``trace_id``; their own ``clauses`` is JSON ``null``), older results hold it in
``screening_result.clauses``.  The document is the same either way; :func:`result_clauses` reads both."""

from __future__ import annotations

from datetime import date


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


def clause_from_json(item: dict) -> tuple[str, str, tuple, date | None]:
    when = item.get("eligible_from")
    return item["id"], item["verdict"], _tuple(item.get("trace") or []), date.fromisoformat(when) if when else None


def result_clauses(own: list | None, shared: list | None) -> list[tuple[str, str, tuple, date | None]]:
    """A result's clauses as ``(id, verdict, trace, eligible_from)``: from its run's shared document
    (``screening_trace.clauses``, joined by ``trace_id``) when it has one, else from its own ``clauses``."""
    doc = shared if shared is not None else own
    return [clause_from_json(item) for item in doc or ()]
