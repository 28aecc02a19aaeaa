"""Words for the planner's reason codes, violations and moves — Chinese first, English too.

The core returns codes with parameters; this module, used at the edges (command line, planner view,
workbook export), turns them into sentences such as 「技能考核 缺 2 名考评员」.
"""

from __future__ import annotations

PART_NAMES = {"zh": {"theory": "理论知识考试", "skill": "技能考核", "review": "综合评审"},
              "en": {"theory": "Theory exam", "skill": "Skill assessment", "review": "Comprehensive review"}}
ROLE_NAMES = {"zh": {"invigilator": "监考人员", "examiner": "考评员", "reviewer": "评审委员"},
              "en": {"invigilator": "invigilator(s)", "examiner": "examiner(s)", "reviewer": "reviewer(s)"}}
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
    },
}

_MOVES = {
    "zh": {"candidate": "考生 {id} {part}：{frm} → {to}", "staff": "人员 {id}：{frm} → {to}",
           "session": "场次 {id} 换考场：{frm} → {to}"},
    "en": {"candidate": "candidate {id} {part}: {frm} → {to}", "staff": "staff {id}: {frm} → {to}",
           "session": "session {id} changes room: {frm} → {to}"},
}


def part_name(part: str, lang: str = "zh") -> str:
    return PART_NAMES[_lang(lang)].get(part, part)


def role_name(role: str, lang: str = "zh") -> str:
    return ROLE_NAMES[_lang(lang)].get(role, role)


def kind_name(kind: str, lang: str = "zh") -> str:
    return KIND_NAMES[_lang(lang)].get(kind, kind)


def unplaced_text(u, lang: str = "zh") -> str:
    return _fill(_UNPLACED, u.code, {"part": u.part, **u.params}, lang)


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
