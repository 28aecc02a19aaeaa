"""Persistence: SQLAlchemy 2 mappings (``*Row``), Alembic migrations run on open, and Core bulk paths.

Never imports the UI (or anything from ``eligibility_desk.ui``).  The names below are loaded on first use
(PEP 562), so importing a light module such as :mod:`.errors` does not load SQLAlchemy — the window
shows before the database layer is needed.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DB_ENV", "Database", "DatabaseError", "StaleRecordError", "open_database", "resolve_url"]
_FROM = {"DB_ENV": "database", "Database": "database", "resolve_url": "database",
         "DatabaseError": "errors", "StaleRecordError": "errors", "open_database": "opening"}


def __getattr__(name: str) -> Any:
    if name in _FROM:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_FROM[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
