"""The 考生须知 printed on every admission slip, from a template file the centre edits.

Looked for in this order: the path given (``--notice``), ``notice.txt`` in the user's config folder, the
default shipped in ``resources/templates/notice.txt``.  Lines starting with ``#`` are comments; every other
non-blank line is one rule; ``${centre}``, ``${batch}``, ``${occupation}`` and ``${level}`` are filled in.
"""

from __future__ import annotations

from pathlib import Path

from eligibility_desk.shipped import shipped_dir
from string import Template

DEFAULT_NOTICE = shipped_dir("resources") / "templates" / "notice.txt"
NOTICE_FILE_NAME = "notice.txt"


def notice_template_path(configured: Path | str | None = None) -> Path:
    if configured is not None:
        return Path(configured)
    from platformdirs import user_config_dir

    user_copy = Path(user_config_dir("eligibility-desk", appauthor=False)) / NOTICE_FILE_NAME
    return user_copy if user_copy.is_file() else DEFAULT_NOTICE


def read_notice(path: Path | str, **values: str) -> tuple[str, ...]:
    """The rules, one per line; raises ``ValueError`` naming the file when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"notice template {path}: {exc}") from None
    lines = [line.strip() for line in text.splitlines()]
    return tuple(Template(line).safe_substitute(values) for line in lines if line and not line.startswith("#"))
