"""Shared test set-up.

Qt aborts when there is neither a display nor a platform plugin chosen: default to ``offscreen`` before
anything imports PySide6.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
