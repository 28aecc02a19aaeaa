"""Seeded synthetic scenarios for tests, the benchmark and the demo — a pure function of its arguments.

Proportions (documented so a failing benchmark can be reasoned about): rooms are 45% classrooms
(30 or 45 seats), 35% worksites (15 or 25 places), 20% computer labs (30 or 40); staff are 65% the centre's
own, the rest from the candidates' institutions; every staff member holds one to three roles; a fifth are
chief invigilators; some examiners have a recorded credential; one in twenty is away for one slot; the first six are
the centre's own and can review.
Slots run 09:00–12:00 and 14:00–17:30, day after day.  Candidates come from ~1 institution per 150, at the
given levels (weights 45/35/20 for three levels), and one in five sits only one part (a resit).
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

#: (kind, share, capacities)
ROOM_MIX = (("classroom", 0.45, (30, 45)), ("worksite", 0.35, (15, 25)), ("computer_lab", 0.20, (30, 40)))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰萍红文博宇浩然欣怡子涵梓轩思远"


def generate_scenario(candidates: int = 200, *, rooms: int | None = None, staff: int | None = None,
                      slots: int | None = None, levels: tuple[str, ...] = ("4", "3", "2"), seed: int = 0,
                      standard: str = "4-07-02-06", parts_by_level: dict | None = None,
                      first_day: datetime = datetime(2025, 10, 18), batch: str = "2025B1") -> dict:
    """A scenario as the JSON of ``eligibility-desk plan`` (parse it with ``parse_scenario``)."""
    rng = random.Random(seed)
    parts_by_level = parts_by_level or {"4": ["theory", "skill"], "3": ["theory", "skill"],
                                        "2": ["theory", "skill", "review"], "1": ["theory", "skill", "review"]}
    rooms = rooms if rooms is not None else max(6, math.ceil(candidates / 33))
    staff = staff if staff is not None else 16 + math.ceil(candidates / 16.7)
    slots = slots if slots is not None else 6
    n_inst = max(6, candidates // 150)
    institutions = [f"INST{i:03d}" for i in range(n_inst)]
    inst_weights = [1.0 / (1 + i % 7) for i in range(n_inst)]
    level_weights = _level_weights(len(levels))

    cands = []
    for i in range(candidates):
        level = rng.choices(levels, level_weights)[0]
        parts = list(parts_by_level[level])
        if len(parts) > 1 and rng.random() < 0.2:
            parts.pop(rng.randrange(len(parts)))
        cands.append({"id": f"C{i:05d}", "name": _name(rng), "level": level,
                      "institution": rng.choices(institutions, inst_weights)[0], "parts": parts})

    room_list = []
    for i in range(rooms):
        kind, _share, caps = ROOM_MIX[_pick_kind(i, rooms)]
        room_list.append({"id": f"R{i:03d}", "name": f"{i // 100 + 1}号楼{i % 100 + 101}室", "kind": kind,
                          "capacity": rng.choice(caps), "equipment": ["computers", "network"] if kind == "computer_lab" else []})

    slot_list = []
    for i in range(slots):
        day = first_day + timedelta(days=i // 2)
        start, end = ((9, 0), (12, 0)) if i % 2 == 0 else ((14, 0), (17, 30))
        slot_list.append({"id": f"T{i + 1}", "start": day.replace(hour=start[0], minute=start[1]).strftime("%Y-%m-%dT%H:%M"),
                          "end": day.replace(hour=end[0], minute=end[1]).strftime("%Y-%m-%dT%H:%M")})

    staff_list = []
    for i in range(staff):
        roles = [r for r, p in (("invigilator", 0.5), ("examiner", 0.75), ("reviewer", 0.3)) if rng.random() < p]
        if not roles:
            roles = [rng.choice(("invigilator", "examiner"))]
        institution = rng.choice(institutions) if rng.random() < 0.35 else ""
        if i < 6:                      # a core of the centre's own reviewers, so small batches can hold a review
            roles, institution = sorted({*roles, "reviewer"}), ""
        member = {"id": f"P{i:04d}", "name": _name(rng), "roles": roles, "institution": institution}
        if "invigilator" in roles and rng.random() < 0.2:
            member["chief"] = True
        if "examiner" in roles and rng.random() < 0.3:
            member["credentials"] = [{"occupation": standard, "levels": sorted(rng.sample(list(levels), min(2, len(levels))))}]
        if slot_list and rng.random() < 0.05:
            away = rng.choice(slot_list)
            member["unavailable"] = [{"start": away["start"], "end": away["end"]}]
        staff_list.append(member)

    return {"standard": standard, "batch": batch, "candidates": cands, "rooms": room_list,
            "staff": staff_list, "slots": slot_list}


def _level_weights(n: int) -> list[float]:
    return {1: [1.0], 2: [0.6, 0.4], 3: [0.45, 0.35, 0.2]}.get(n, [1.0] * n)


def _pick_kind(i: int, total: int) -> int:
    """Rooms take kinds in the mix's proportions, spread evenly through the list."""
    point = (i + 0.5) / total
    edge = 0.0
    for k, (_kind, share, _caps) in enumerate(ROOM_MIX):
        edge += share
        if point < edge:
            return k
    return len(ROOM_MIX) - 1


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
