"""Wording of :class:`~eligibility_desk.documents.fonts.FontNotFoundError` for 打印 and the 成绩 PDF export: the
code and parameters the documents raise, said in the window's language and pointing at 设置 → 打印字体 when the
font came from that setting (e.g. the file chosen there was deleted later)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from eligibility_desk.documents import fonts

CONTEXT = "FontErrors"


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def font_error_text(exc: fonts.FontNotFoundError) -> str:
    """「打印字体文件不存在：/x/y.ttf（请在 设置 → 打印字体 中重新选择）」 and the like."""
    params = exc.params
    templates = {
        fonts.MISSING: _tr("打印字体文件不存在：{path}"),
        fonts.NOT_TRUETYPE: _tr("打印字体「{name}」第 {index} 款不是 TrueType 轮廓（如 Noto Sans CJK、思源黑体），无法嵌入 PDF"),
        fonts.NOT_EMBEDDABLE: _tr("打印字体文件无法读取：{path}（{detail}）"),
        fonts.NO_CHINESE: _tr("打印字体「{name}」不含汉字，印不出中文"),
        fonts.NONE_FOUND: _tr("找不到可嵌入的中文字体（系统中没有，附带的 {path} 也不在）"),
        fonts.MISSING_GLYPHS: _tr("打印字体「{name}」缺少文档要印的字符：{characters}（缺了它们，数字、字母或姓名会印成空白）"),
    }
    text = templates.get(exc.code, "{detail}").format(
        path=params.get("path", ""), name=Path(params.get("path", "")).name, index=params.get("index", 0),
        detail=params.get("detail", str(exc)), characters=fonts.describe_characters(params.get("characters", "")))
    hint = {
        "configured": _tr("（请在 设置 → 打印字体 中重新选择）"),
        "env": _tr("（来自环境变量 {env}：请改正它，或在 设置 → 打印字体 中另选字体）").format(env=fonts.FONT_ENV),
    }.get(params.get("source", ""), _tr("（请在 设置 → 打印字体 中选择字体文件）"))
    return text + hint
