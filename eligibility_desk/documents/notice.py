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


def read_notice(path: Path | str, **values: str) -> tuple[str, ...]:
    """The rules, one per line; raises ``ValueError`` naming the file, in Chinese then English, when it cannot
    be read or is no 考生须知: not UTF-8 (with or without BOM) nor GB18030 text (as a Windows editor saves
    it), a control character in it, over :data:`MAX_NOTICE_BYTES`, more than :data:`MAX_RULES` rules or a
    rule longer than :data:`MAX_RULE_CHARS` characters."""
    from eligibility_desk.domain.text_policy import text_problem

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_NOTICE_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"考生须知模板 {path} 无法读取（{exc.strerror or exc}） / notice template {path}: "
                         f"{exc.strerror or exc}") from None
    if len(data) > MAX_NOTICE_BYTES:
        raise ValueError(f"考生须知模板 {path} 超过 {MAX_NOTICE_BYTES // 1024} KB，不像须知 / notice template {path}: "
                         f"over {MAX_NOTICE_BYTES // 1024} KB")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything; the control-character check below refuses junk
        raise ValueError(f"考生须知模板 {path} 不是 UTF-8 或 GB18030 文本 / notice template {path}: not text")
    lines = [line.strip() for line in text.splitlines()]
    rules = [line for line in lines if line and not line.startswith("#")]
    for number, rule in enumerate(rules, start=1):
        problem = text_problem(rule, MAX_RULE_CHARS)
        if problem is not None:
            code, params = problem
            why = (f"第 {number} 条超过 {MAX_RULE_CHARS} 个字符" if code == "too_long"
                   else f"第 {number} 条含控制字符或不可见字符 {params['char']}（不是文本文件？）")
            raise ValueError(f"考生须知模板 {path}：{why} / notice template {path}: rule {number}: {code}")
    if len(rules) > MAX_RULES:
        raise ValueError(f"考生须知模板 {path}：共 {len(rules)} 条，超过 {MAX_RULES} 条 / notice template {path}: "
                         f"more than {MAX_RULES} rules")
    return tuple(Template(line).safe_substitute(values) for line in rules)
