"""Shared test set-up.

Qt aborts when there is neither a display nor a platform plugin chosen: default to ``offscreen`` before
anything imports PySide6.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# --- database fixtures for the records tests (issue 7): db_url on SQLite and a throwaway PostgreSQL ---
pytest_plugins = ("tests.persistence.db_fixtures",)
