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


#: a 考生须知 is a few hundred characters; a larger file is not one (it would fill every slip's page)
MAX_NOTICE_BYTES = 64 * 1024
#: at most this many rules, each at most this many characters, are printed
MAX_RULES, MAX_RULE_CHARS = 40, 300


class NoticeError(ValueError):
    """A 考生须知 template that cannot be used: ``code`` (``unreadable``, ``too_big``, ``not_text``, ``rule_too_long``,
    ``bad_character``, ``too_many_rules``) with ``params`` (``path``, and ``detail`` / ``rule`` / ``char`` /
    ``limit``); worded at the edge (``cli.documents.document_error``), ``str()`` is English."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(f"notice template {params.get('path')}: {code} "
                         + ", ".join(f"{k}={v}" for k, v in params.items() if k != "path"))


def read_notice(path: Path | str, **values: str) -> tuple[str, ...]:
    """The rules, one per line; raises :class:`NoticeError` (a ``ValueError``) when the file cannot be read or
    is no 考生须知: not UTF-8 (with or without BOM) nor GB18030 text (as a Windows editor saves it), a control
    or invisible character in a rule, over :data:`MAX_NOTICE_BYTES`, more than :data:`MAX_RULES` rules or a
    rule longer than :data:`MAX_RULE_CHARS` characters."""
    from eligibility_desk.domain.text_policy import text_problem

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_NOTICE_BYTES + 1)
    except OSError as exc:
        raise NoticeError("unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
    if len(data) > MAX_NOTICE_BYTES:
        raise NoticeError("too_big", path=str(path), limit=MAX_NOTICE_BYTES // 1024)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything; the character check below refuses junk
        raise NoticeError("not_text", path=str(path))
    lines = [line.strip() for line in text.splitlines()]
    rules = [line for line in lines if line and not line.startswith("#")]
    for number, rule in enumerate(rules, start=1):
        problem = text_problem(rule, MAX_RULE_CHARS)
        if problem is not None:
            code, params = problem
            if code == "too_long":
                raise NoticeError("rule_too_long", path=str(path), rule=number, limit=MAX_RULE_CHARS)
            raise NoticeError("bad_character", path=str(path), rule=number, char=params["char"])
    if len(rules) > MAX_RULES:
        raise NoticeError("too_many_rules", path=str(path), limit=MAX_RULES)
    return tuple(Template(line).safe_substitute(values) for line in rules)
