"""Clause results from JSON.  The engine's trace tuples are stored as JSON lists (services/screening/batch_screening.py) and
become tuples again when read, so :func:`eligibility_desk.rules_engine.explain.explain_clause` words them unchanged."""

from __future__ import annotations

from datetime import date


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


def clause_from_json(item: dict) -> tuple[str, str, tuple, date | None]:
    when = item.get("eligible_from")
    return item["id"], item["verdict"], _tuple(item.get("trace") or []), date.fromisoformat(when) if when else None
