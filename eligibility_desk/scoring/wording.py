"""Chinese and English wording of the scoring reason codes — used only at the edge (CLI, GUI, exports)."""

from __future__ import annotations

from typing import Any, Mapping

_TEXTS = {
    # refused values (field errors)
    "not_a_number": ("「{value}」不是分数", "'{value}' is not a score"),
    "score_required": ("未填写分数", "no score entered"),
    "out_of_range": ("分数 {value} 超出 {min}–{max} 分", "score {value} is outside {min}–{max}"),
    "too_many_decimals": ("分数 {value} 超过 {decimals} 位小数（不作四舍五入）",
                          "score {value} has more than {decimals} decimal(s) (scores are never rounded)"),
    "note_required": ("违纪须填写说明", "a disqualification needs a note"),
    "unknown_key": ("未知的字段「{key}」，可用：{allowed}", "unknown key '{key}', allowed: {allowed}"),
    "unknown_part": ("未知的考核项目「{part}」，可选：{allowed}", "unknown part '{part}', allowed: {allowed}"),
    "unknown_level": ("未知等级「{level}」，可选：{allowed}", "unknown level '{level}', allowed: {allowed}"),
    "part_not_required": ("{level} 级不考{part_name}，却填了成绩", "level {level} has no {part_name_en} part, yet a score was given"),
    "score_and_mark": ("{part_name}同时有分数和{mark}标记", "{part_name_en} has both a score and the mark '{mark}'"),
    "absent_and_disqualified": ("{part_name}不能同时为缺考和违纪", "{part_name_en} cannot be both absent and disqualified"),
    "required": ("必填项缺失", "required field is missing"),
    "not_list": ("应为列表", "must be a list"),
    "not_object": ("应为对象", "must be an object"),
    "not_text": ("应为文字，实际为 {value}", "must be text, got {value}"),
    "duplicate": ("重复：{value}", "duplicate: {value}"),
    "formula": ("是公式「{value}」：请填写分数本身（公式不导入）", "holds the formula '{value}': type the score itself (formulas are not imported)"),
    "error_cell": ("是错误值 {value}，不是分数", "holds the error {value}, not a score"),
    "duplicate_key": ("字段「{key}」出现了两次（不取其中任何一个）", "the key '{key}' is given twice (neither is used)"),
    "control_character": ("第 {position} 个字符是控制字符 {char}，不能保存", "character {position} is the control character {char}, which cannot be stored"),
    "invisible_character": ("第 {position} 个字符是不可见的格式字符 {char}（如双向覆盖、零宽字符），不能保存",
                            "character {position} is the invisible format character {char} (bidi override, zero width), which cannot be stored"),
    "too_long": ("共 {length} 个字符，超过上限 {limit} 个", "{length} characters, more than the limit of {limit}"),
    # outcome reasons
    "part_failed": ("{part_name} {score} 分，低于合格线 {pass_mark} 分", "{part_name_en}: {score}, below the pass mark {pass_mark}"),
    "part_absent": ("{part_name} 缺考", "{part_name_en}: absent"),
    "part_disqualified": ("{part_name} 违纪：{note}", "{part_name_en}: disqualified ({note})"),
    "part_missing": ("{part_name} 尚无成绩", "{part_name_en}: no score yet"),
    "panel_incomplete": ("考评组尚有 {missing} 人未评分", "{missing} panel member(s) have not scored yet"),
    "panel_gap": ("考评员分差 {spread} 分，超过 {gap} 分，须考评组长复核",
                  "examiners differ by {spread}, more than {gap}: the panel leader must review"),
    # sheets, corrections, re-checks, publication
    "sheet_incomplete": ("尚有 {count} 个座位未录完两遍", "{count} seat(s) are not entered twice yet"),
    "sheet_mismatch": ("两次录入有 {count} 处不一致", "{count} mismatch(es) between the two entries"),
    "sheet_locked": ("成绩单已锁定，只能经更正程序修改", "the sheet is locked: change it through a correction"),
    "sheet_not_locked": ("成绩单尚未锁定", "the sheet is not locked yet"),
    "reason_required": ("更正须填写理由", "a correction needs a reason"),
    "no_change": ("更正前后相同", "the correction changes nothing"),
    "unknown_seat": ("座位 {seat} 不在本成绩单上", "seat {seat} is not on this sheet"),
    "unknown_recorder": ("录入人须为第 1 或第 2 录入人", "the recorder must be recorder 1 or 2"),
    "unknown_examiner": ("{examiner} 不是本考评组成员", "{examiner} is not a member of this panel"),
    "recheck_window_closed": ("复核申请期限已于 {deadline} 截止", "the re-check window closed on {deadline}"),
    "recheck_closed": ("复核已办结", "the re-check is already closed"),
    "unknown_outcome": ("未知的复核结论「{value}」", "unknown re-check outcome '{value}'"),
    "batch_has_open_sheets": ("尚有 {count} 张成绩单未锁定", "{count} sheet(s) are not locked yet"),
}


def reason_text(code: str, params: Mapping[str, Any] | None = None, lang: str = "zh") -> str:
    zh, en = _TEXTS.get(code, (code, code))
    template = en if lang.startswith("en") else zh
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return template


def known_codes() -> frozenset[str]:
    return frozenset(_TEXTS)


OUTCOME_LABELS = {"pass": ("合格", "pass"), "fail": ("不合格", "fail"), "incomplete": ("成绩不全", "incomplete")}
MARK_LABELS = {"absent": ("缺考", "absent"), "disqualified": ("违纪", "disqualified")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


def outcome_label(outcome: str, lang: str = "zh") -> str:
    return _pick(OUTCOME_LABELS[outcome], lang)


def mark_label(mark: Any, lang: str = "zh") -> str:
    return _pick(MARK_LABELS[str(getattr(mark, "value", mark))], lang)


def part_cell(part_result: Any, lang: str = "zh"):
    """What a part's cell shows in exports: the score (float), 缺考, 违纪, or ``None``."""
    if part_result is None:
        return None
    if part_result.mark is not None:
        return mark_label(part_result.mark, lang)
    return None if part_result.score is None else float(part_result.score)


def group_label(key: tuple, rules: Any, lang: str = "zh") -> str:
    """A statistics group's key in words: parts by name, levels as 「4 级」 / "level 4"."""
    words = []
    for item in key:
        if item in rules.parts:
            words.append(rules.part_label(item, lang))
        elif item in rules.parts_by_level:
            words.append(f"level {item}" if lang.startswith("en") else f"{item} 级")
        else:
            words.append(str(item))
    return " / ".join(words) or ("All" if lang.startswith("en") else "全部")
