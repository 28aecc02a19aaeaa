"""Words for the planner's reason codes, violations and moves — Chinese first, English too.

The core returns codes with parameters; this module, used at the edges (command line, planner view,
workbook export), turns them into sentences such as 「技能考核 缺 2 名考评员」.
"""

from __future__ import annotations

PART_NAMES = {"zh": {"theory": "理论知识考试", "skill": "技能考核", "review": "综合评审"},
              "en": {"theory": "Theory exam", "skill": "Skill assessment", "review": "Comprehensive review"}}
ROLE_NAMES = {"zh": {"invigilator": "监考人员", "examiner": "考评员", "reviewer": "评审委员"},
              "en": {"invigilator": "invigilator(s)", "examiner": "examiner(s)", "reviewer": "reviewer(s)"}}
EQUIPMENT_NAMES = {"zh": {"network": "网络环境", "smart_devices": "智能电子设备"},
                   "en": {"network": "a network", "smart_devices": "smart electronic devices"}}
KIND_NAMES = {"zh": {"classroom": "标准教室", "computer_lab": "机房", "worksite": "工作现场"},
              "en": {"classroom": "classroom", "computer_lab": "computer lab", "worksite": "worksite"}}

_UNPLACED = {
    "zh": {
        "staff_short": "{part} 缺 {missing} 名{role}",
        "no_room": "{part} 无可用考场（{kinds}）",
        "no_slot": "{part} 无可用时段",
        "slot_too_short": "{part} 没有足够长的时段（至少 {minutes} 分钟）",
        "room_lost": "{part} 考场不可用，且无处安置",
    },
    "en": {
        "staff_short": "{part}: {missing} {role} short",
        "no_room": "{part}: no free room ({kinds})",
        "no_slot": "{part}: no free slot",
        "slot_too_short": "{part}: no slot long enough (at least {minutes} min)",
        "room_lost": "{part}: room lost and nowhere to move",
    },
}

_VIOLATIONS = {
    "zh": {
        "unknown_room": "考场 {room} 不在资源清单中",
        "unknown_staff": "人员 {staff} 不在资源清单中",
        "unknown_candidate": "考生 {candidate} 不在考生名单中",
        "unknown_part": "未知的评价方式 {part}",
        "level_part": "{level} 级不参加{part}",
        "wrong_level": "考生 {candidate} 申报 {candidate_level} 级，却安排在 {level} 级场次",
        "wrong_part": "考生 {candidate} 不参加{part}",
        "capacity": "座位 {seated} 个，超过考场容量 {capacity}",
        "room_kind": "{part}不能在{kind}进行（可用：{allowed}）",
        "room_equipment": "{part}在{kind}进行须具备{missing}，考场 {room} 未登记",
        "part_order": "考生 {candidate} 的{part}应在{earlier}结束至少 {gap} 分钟之后",
        "staff_too_few": "{part}需 {needed} 名{role}，只安排了 {have} 名",
        "staff_not_odd": "{part}的{role}应为单数，现有 {have} 名",
        "duration": "场次 {minutes} 分钟，少于规定的 {needed} 分钟",
        "candidate_double_booked": "考生 {candidate} 同时安排在 {other} 场次",
        "staff_double_booked": "{staff} 同时安排在 {other} 场次",
        "room_double_booked": "考场 {room} 同时安排了 {other} 场次",
        "staff_unavailable": "{staff} 在该时段不可用",
        "recusal": "回避：{staff} 与考生 {candidates} 同属 {institution}",
        "role": "{staff} 无{role}资格",
        "credential": "{staff} 的考评员证书不覆盖 {occupation} {level} 级",
        "seat_duplicate": "座号 {seat} 重复",
        "admission_no_duplicate": "准考证号 {admission_no} 重复",
        "admission_no_inconsistent": "考生 {candidate} 的准考证号前后不一",
        "sitting_twice": "考生 {candidate} 的{part}安排了两次",
        "sitting_missing": "考生 {candidate} 的{part}既未安排也未列入未安排名单",
        "adjacent_same_institution": "座号 {seats} 相邻且同属 {institution}",
        "no_chief": "考场未指定主监考",
        "reserve_seats_used": "占用了预留座位（容量 {capacity}，预留 {reserve}，已坐 {seated}）",
        "small_room": "仅 {seated} 名考生，可与同场次合并",
        "slot_on_holiday": "{date} 是法定节假日（{holiday}），该日安排了场次",
        "slot_on_weekend": "{date} 是周末（不是调休上班日），该日安排了场次",
    },
    "en": {
        "unknown_room": "room {room} is not among the resources",
        "unknown_staff": "staff {staff} is not among the resources",
        "unknown_candidate": "candidate {candidate} is not in the candidate list",
        "unknown_part": "unknown part {part}",
        "level_part": "level {level} does not sit {part}",
        "wrong_level": "candidate {candidate} applied for level {candidate_level} but sits a level {level} session",
        "wrong_part": "candidate {candidate} does not sit {part}",
        "capacity": "{seated} seats exceed the room capacity {capacity}",
        "room_kind": "{part} cannot be held in a {kind} (allowed: {allowed})",
        "room_equipment": "{part} in a {kind} needs {missing}; room {room} has none recorded",
        "part_order": "candidate {candidate}'s {part} must start at least {gap} min after their {earlier} ends",
        "staff_too_few": "{part} needs {needed} {role}, has {have}",
        "staff_not_odd": "{part} needs an odd number of {role}, has {have}",
        "duration": "session lasts {minutes} min, less than the {needed} min required",
        "candidate_double_booked": "candidate {candidate} is also in session {other} at the same time",
        "staff_double_booked": "{staff} is also in session {other} at the same time",
        "room_double_booked": "room {room} also holds session {other} at the same time",
        "staff_unavailable": "{staff} is not available then",
        "recusal": "recusal: {staff} and candidates {candidates} are both from {institution}",
        "role": "{staff} is not qualified as {role}",
        "credential": "{staff}'s examiner credential does not cover {occupation} level {level}",
        "seat_duplicate": "seat {seat} is used twice",
        "admission_no_duplicate": "admission number {admission_no} is used twice",
        "admission_no_inconsistent": "candidate {candidate} has different admission numbers",
        "sitting_twice": "candidate {candidate} sits {part} twice",
        "sitting_missing": "candidate {candidate}'s {part} is neither planned nor listed as unplaced",
        "adjacent_same_institution": "seats {seats} are adjacent and both from {institution}",
        "no_chief": "no chief invigilator",
        "reserve_seats_used": "reserve seats used (capacity {capacity}, reserve {reserve}, seated {seated})",
        "small_room": "only {seated} candidates; could be merged",
        "slot_on_holiday": "{date} is a statutory holiday ({holiday}) and has sessions",
        "slot_on_weekend": "{date} is a weekend day (not a make-up working day) and has sessions",
    },
}

_MOVES = {
    "zh": {"candidate": "考生 {id} {part}：{frm} → {to}", "staff": "人员 {id}：{frm} → {to}",
           "session": "场次 {id} 换考场：{frm} → {to}"},
    "en": {"candidate": "candidate {id} {part}: {frm} → {to}", "staff": "staff {id}: {frm} → {to}",
           "session": "session {id} changes room: {frm} → {to}"},
}


#: refusals of input (scenario JSON, plan JSON, resources workbook and the 考务资源 dialog): ScenarioError and
#: xlsx_import.CellError codes.  ``value`` is what was given; ``known_*`` lists are codes, worded per language.
_INPUT = {
    "zh": {
        "scenario_not_object": "编排场景应为含 candidates、rooms、staff、slots 的 JSON 对象",
        "plan_not_object": "编排应为含 sessions 列表的 JSON 对象",
        "standard_mismatch": "为 {value}，但载入的是 {standard} 的规则",
        "list_missing": "缺失或不是列表",
        "not_object": "应为对象",
        "not_list": "应为列表",
        "missing": "必填项缺失",
        "not_text": "应为文字，实际为 {value}",
        "time_expected": "应为 2025-10-18T09:00 这样的时间，实际为 {value}",
        "not_a_time": "「{value}」不是 2025-10-18T09:00 这样的时间",
        "level_not_in_standard": "等级「{value}」不在标准 {standard} 中（等级：{levels}）",
        "parts_empty": "至少填写一种评价方式（{known_parts}）",
        "unknown_part": "未知的评价方式「{value}」（可选：{known_parts}）",
        "part_not_for_level": "{level} 级不参加{value}（{reference}：{known_parts}）",
        "part_twice": "{value}列出了两次",
        "unknown_kind": "未知的考场类型「{value}」（可选：{known_kinds}）",
        "not_whole_number": "应为整数，实际为「{value}」",
        "negative": "不能为负数，实际为 {value}",
        "not_count": "应为不小于 0 的整数，实际为「{value}」",
        "roles_empty": "至少填写一个角色（{known_roles}）",
        "unknown_role": "未知的角色「{value}」（可选：{known_roles}）",
        "ends_before_start": "结束时间早于开始时间",
        "ends_before_start_at": "结束时间 {end} 早于开始时间 {start}",
        "levels_not_list": "等级应为列表",
        "duplicate_id": "编号「{value}」重复（另见 {other}）",
        "duplicate_row_id": "编号「{value}」重复（另见第 {other} 行）",
        "bad_pattern": "准考证号格式无效：{detail}",
        "pattern_expected": "应为准考证号格式，如 {{batch}}-{{level}}-{{room:04d}}-{{seat:03d}}",
        "pattern_unknown_field": "准考证号格式中有未知的字段 {{{name}}}（可用：{fields}）",
        "pattern_invalid": "准考证号格式无效：{detail}",
        "pattern_not_unique": "准考证号格式须含 {{room}} 和 {{seat}}（或 {{candidate}}），才能在批次内不重复",
        "admission_clash": "准考证号 {number} 会同时给考生 {first} 和 {second}：格式 {pattern} 在本批次中不能区分每个考生",
        "not_batch_code": "应为批次代码，实际为「{value}」",
        "staff_seats_not_lists": "staff 和 seats 应为列表",
        "seat_not_object": "座位应为 {{\"seat\", \"candidate\", \"admission_no\"}}",
        "missing_sheet": "缺少工作表「{sheet}」",
        "not_boolean": "应为 true 或 false，实际为「{value}」",
        "duplicate_id_number": "身份证号 {value} 同时属于考生 {other} 和 {candidate}：同一人只能有一个考生编号",
        "reserve_not_below_capacity": "每考场预留 {value} 个座位，不小于最大考场 {room} 的容量 {capacity}，无座可排",
        "missing_columns": "缺少必需的列：{columns}",
        "bad_credential": "「{value}」不是有效的考评员证书，应为 职业编码或职业名称:等级，如 {example}（多项用分号分隔）",
        "capacity_too_large": "容量 {value} 超过上限 {limit}",
        "unreadable_workbook": "工作簿已损坏，无法读取（{detail}），未导入任何数据",
        "formula": "是公式「{value}」，请填写值（不导入公式）",
        "control_character": "「{value}」的第 {position} 个字符是控制字符 {char}，不能保存",
        "invisible_character": "「{value}」的第 {position} 个字符是不可见的格式字符 {char}（如双向覆盖、零宽字符），不能保存",
        "too_long": "共 {length} 个字符，超过上限 {limit} 个",
    },
    "en": {
        "scenario_not_object": "a scenario is a JSON object with candidates, rooms, staff and slots",
        "plan_not_object": "a plan is a JSON object with a list of sessions",
        "standard_mismatch": "is {value!r} but the rules loaded are for {standard}",
        "list_missing": "missing or not a list",
        "not_object": "expected an object",
        "not_list": "expected a list",
        "missing": "missing",
        "not_text": "expected text, got {value!r}",
        "time_expected": "expected a time like 2025-10-18T09:00, got {value!r}",
        "not_a_time": "not a time like 2025-10-18T09:00: {value!r}",
        "level_not_in_standard": "level {value!r} is not in standard {standard} (levels: {levels})",
        "parts_empty": "expected a non-empty list such as [\"theory\", \"skill\"]",
        "unknown_part": "unknown part {value!r} (known: {known_parts})",
        "part_not_for_level": "level {level} does not sit {value!r} ({reference}: {known_parts})",
        "part_twice": "{value!r} is listed twice",
        "unknown_kind": "unknown room kind {value!r} (known: {known_kinds})",
        "not_whole_number": "expected a whole number, got {value!r}",
        "negative": "must not be negative, got {value}",
        "not_count": "expected a whole number >= 0, got {value!r}",
        "roles_empty": "expected a non-empty list of {known_roles}",
        "unknown_role": "unknown role {value!r} (known: {known_roles})",
        "ends_before_start": "ends before it starts",
        "ends_before_start_at": "ends ({end}) before it starts ({start})",
        "levels_not_list": "expected a list of levels",
        "duplicate_id": "duplicate id {value!r} (also {other})",
        "duplicate_row_id": "duplicate id {value!r} (also row {other})",
        "bad_pattern": "{detail}",
        "pattern_expected": "expected a pattern such as {{batch}}-{{level}}-{{room:04d}}-{{seat:03d}}",
        "pattern_unknown_field": "unknown field {{{name}}} (fields: {fields})",
        "pattern_invalid": "not a valid pattern: {detail}",
        "pattern_not_unique": "must contain {{room}} and {{seat}} (or {{candidate}}) to be unique within a batch",
        "admission_clash": "admission number {number} would be given to {first} and {second}; the pattern {pattern} is not unique for this batch",
        "not_batch_code": "expected a batch code, got {value!r}",
        "staff_seats_not_lists": "staff and seats must be lists",
        "seat_not_object": "expected {{\"seat\", \"candidate\", \"admission_no\"}}",
        "missing_sheet": "missing sheet '{sheet}'",
        "not_boolean": "expected true or false, got {value!r}",
        "duplicate_id_number": "ID number {value} belongs to both candidate {other} and {candidate}: one person, one candidate id",
        "reserve_not_below_capacity": "{value} reserve seats per room is not below the largest room's ({room}) capacity {capacity}; no seat is left to plan",
        "missing_columns": "missing column(s): {columns}",
        "bad_credential": "{value!r} is not an examiner credential: write occupation code or name:levels, e.g. {example} (several separated by ;)",
        "capacity_too_large": "capacity {value} is over the limit of {limit}",
        "unreadable_workbook": "the workbook is damaged and cannot be read ({detail}); nothing was imported",
        "formula": "holds the formula {value!r}: type the value (formulas are not imported)",
        "control_character": "{value!r}: character {position} is the control character {char}, which cannot be stored",
        "invisible_character": "{value!r}: character {position} is the invisible format character {char} (bidi override, zero width), which cannot be stored",
        "too_long": "{length} characters, more than the limit of {limit}",
    },
}


def input_text(code: str, params: dict, lang: str = "zh") -> str:
    """A refused input value in words: ``input_text("negative", {"value": -3}, "zh")`` → 「不能为负数，实际为 -3」.

    The ``known_*`` lists are codes; Chinese names them as the workbook does (标准教室、机房 …), English keeps
    the codes a scenario file uses.  Part names in ``value`` of ``part_*`` codes are worded too."""
    words = dict(params)
    if _lang(lang) == "zh":
        for key, name in (("known_kinds", kind_name), ("known_roles", role_name), ("known_parts", part_name)):
            if isinstance(words.get(key), (list, tuple)):
                words[key] = [name(str(k), lang) for k in words[key]]
        if code in ("part_not_for_level", "part_twice"):
            words["value"] = part_name(str(words.get("value")), lang)
    return _fill(_INPUT, code, words, lang)


def part_name(part: str, lang: str = "zh") -> str:
    return PART_NAMES[_lang(lang)].get(part, part)


def role_name(role: str, lang: str = "zh") -> str:
    return ROLE_NAMES[_lang(lang)].get(role, role)


def kind_name(kind: str, lang: str = "zh") -> str:
    return KIND_NAMES[_lang(lang)].get(kind, kind)


def unplaced_text(u, lang: str = "zh") -> str:
    if u.code == "scenario_short":
        return f"{part_name(u.part, lang)}{'：' if _lang(lang) == 'zh' else ': '}{shortage_text(u.params, lang)}"
    return _fill(_UNPLACED, u.code, {"part": u.part, **u.params}, lang)


def shortage_text(params: dict, lang: str = "zh") -> str:
    """The whole scenario's shortage: 「考评员共缺 3 名；考场或时段不足 5 人次」."""
    zh = _lang(lang) == "zh"
    bits = []
    for role in ("invigilator", "examiner", "reviewer"):
        count = (params.get("staff") or {}).get(role)
        if count:
            bits.append(f"{role_name(role, lang)}共缺 {count} 名" if zh else f"{count} {role_name(role, lang)} short in all")
    beyond = params.get("beyond_staff")
    if beyond:
        bits.append(f"考场或时段不足，人员充足时仍有 {beyond} 人次无法安排" if zh
                    else f"rooms or time short: {beyond} sitting(s) could not be placed even with enough staff")
    if not bits:
        return "受回避、证书或时段限制无法安排" if zh else "recusal, credentials or times leave no place"
    return ("；" if zh else "; ").join(bits)


def optimality_text(record: dict, unplaced: int, lang: str = "zh") -> str:
    """「最少未安排 30，本方案 30」: the proven minimum beside the plan's own count."""
    info = (record or {}).get("optimality") or {}
    bound = info.get("unplaced_min")
    zh = _lang(lang) == "zh"
    if bound is None:
        return f"最少未安排 未能求证，本方案 {unplaced}" if zh else f"fewest unplaced: not proven; this plan {unplaced}"
    if not info.get("proven", False):
        return f"最少未安排 ≥ {bound}，本方案 {unplaced}" if zh else f"fewest unplaced >= {bound}; this plan {unplaced}"
    return f"最少未安排 {bound}，本方案 {unplaced}" if zh else f"fewest unplaced {bound}; this plan {unplaced}"


def violation_text(v, lang: str = "zh") -> str:
    return _fill(_VIOLATIONS, v.code, v.params, lang)


def move_text(m, lang: str = "zh") -> str:
    none = "—" if _lang(lang) == "zh" else "none"
    frm = m.detail.get("from_room", m.from_session) or none
    to = m.detail.get("to_room", m.to_session) or none
    template = _MOVES[_lang(lang)].get(m.kind, "{id}: {frm} → {to}")
    return template.format(id=m.id, part=part_name(m.part, lang) if m.part else "", frm=frm, to=to)


def _fill(table: dict, code: str, params: dict, lang: str) -> str:
    lang = _lang(lang)
    words = dict(params)
    if "part" in words:
        words["part"] = part_name(str(words["part"]), lang)
    if "role" in words:
        words["role"] = role_name(str(words["role"]), lang)
    if "kind" in words:
        words["kind"] = kind_name(str(words["kind"]), lang)
    if "earlier" in words:
        words["earlier"] = part_name(str(words["earlier"]), lang)
    if isinstance(words.get("missing"), (list, tuple)):
        words["missing"] = [EQUIPMENT_NAMES[lang].get(str(e), str(e)) for e in words["missing"]]
    for key in ("kinds", "allowed"):
        if isinstance(words.get(key), (list, tuple)):
            words[key] = "/".join(kind_name(k, lang) for k in words[key])
    for key, value in list(words.items()):
        if isinstance(value, (list, tuple)):
            words[key] = "、".join(map(str, value)) if lang == "zh" else ", ".join(map(str, value))
    template = table[lang].get(code)
    if template is None:
        return f"{code} {params}" if params else code
    try:
        return template.format(**words)
    except (KeyError, IndexError):
        return f"{code} {params}"


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"
