"""From the exact model to plans and back: the fast pass's plan as the search's starting point (a hint for
every variable it fixes) and a solution turned into sessions (:mod:`.exact` explains the model)."""

from __future__ import annotations

from eligibility_desk.planning.plan import Seat, Session
from eligibility_desk.planning.scenario import StaffMember
from eligibility_desk.planning.seating import arrange_seats


def add_hint(model, m, hint: list[Session], o, n, z, q, halves, recusal) -> None:
    """Start the search from a known plan (the fast pass's): every variable it fixes is hinted."""
    slot_index = {slot.id: i for i, slot in enumerate(model.slots)}
    key_of = {(s.slot, s.room, s.part, s.level, s.window): s.key for s in model.sessions}
    counts_z: dict[tuple[int, int], int] = {}
    counts_q: dict[tuple[int, int], int] = {}
    seated: dict[int, int] = {}
    placed: dict[tuple[str, str], int] = {}
    for session in hint:
        i = slot_index.get(session.slot)
        if i is None:
            continue
        key = key_of.get((i, session.room, session.part, session.level, (model.slots[i].start, model.slots[i].end)))
        if key is None:
            continue
        seated[key] = len(session.seats)
        for sid in session.staff:
            t = model.type_of.get(sid)
            if t is not None:
                counts_z[(t, key)] = counts_z.get((t, key), 0) + 1
        for seat in session.seats:
            c = model.class_of.get(seat.candidate)
            if c is not None:
                counts_q[(c, key)] = counts_q.get((c, key), 0) + 1
                placed[(seat.candidate, session.part)] = i
    staffed: dict[int, int] = {}
    for (t, key), count in counts_z.items():
        staffed[key] = staffed.get(key, 0) + count
    for s in model.sessions:
        opened = 1 if seated.get(s.key) else 0
        m.AddHint(o[s.key], opened)
        m.AddHint(n[s.key], seated.get(s.key, 0))
        if s.key in halves:
            m.AddHint(halves[s.key], max(0, (staffed.get(s.key, 0) - opened) // 2))
    insts_in: dict[int, set[str]] = {}
    for (c, key), count in counts_q.items():
        insts_in.setdefault(key, set()).add(model.classes[c][0][2])
    for (key, inst), v in recusal.items():
        m.AddHint(v, 1 if inst in insts_in.get(key, ()) else 0)
    for (t, key), v in z.items():
        m.AddHint(v, counts_z.get((t, key), 0))
    for (c, key), v in q.items():
        m.AddHint(v, counts_q.get((c, key), 0))
    for c, ((_level, parts, _inst), ids) in enumerate(model.classes):
        tally: dict[tuple, int] = {}
        for cid in ids:
            combo = tuple(placed.get((cid, part)) for part in parts)
            tally[combo] = tally.get(combo, 0) + 1
        for combo, v in model._x[c]:
            m.AddHint(v, tally.get(combo, 0))


def realise(model, solver, rng) -> tuple[list[Session], list[tuple[str, str]]]:
    cands = model.scenario.candidate_map()
    seats: dict[int, list[str]] = {}
    unplaced: list[tuple[str, str]] = []
    for c, ((level, parts, _inst), ids) in enumerate(model.classes):
        left = {s.key: solver.Value(model._q[(c, s.key)]) for s in model.sessions if (c, s.key) in model._q}
        queue = list(ids)
        for combo, v in model._x[c]:
            for _ in range(solver.Value(v)):
                cid = queue.pop(0)
                for part, i in zip(parts, combo):
                    if i is None:
                        unplaced.append((cid, part))
                        continue
                    key = next(s.key for s in model.sessions
                               if s.slot == i and s.part == part and s.level == level and left.get(s.key, 0) > 0)
                    left[key] -= 1
                    seats.setdefault(key, []).append(cid)
    staff_busy: dict[str, list[int]] = {}
    workload: dict[str, int] = {}
    out: list[Session] = []
    opened = sorted((s for s in model.sessions if seats.get(s.key)),
                    key=lambda s: (model.slots[s.slot].start, s.window[0], s.room))
    for s in opened:
        rule = model.rules.part(s.part)
        who = seats[s.key]
        staff: list[StaffMember] = []
        for t, (_key, members) in enumerate(model.types):
            count = solver.Value(model._z[(t, s.key)]) if (t, s.key) in model._z else 0
            if not count:
                continue
            free = [mm for mm in members
                    if not any(model.slots[j].overlaps(model.slots[s.slot]) for j in staff_busy.get(mm.id, ()))]
            free.sort(key=lambda mm: (not (rule.role == "invigilator" and mm.chief), workload.get(mm.id, 0),
                                      model.staff_rank[mm.id]))
            staff.extend(free[:count])
        staff.sort(key=lambda mm: (not (rule.role == "invigilator" and mm.chief), workload.get(mm.id, 0),
                                   model.staff_rank[mm.id]))
        staff = staff[:rule.staff_needed(len(who))]           # §1.9.3: as many as needed, odd if asked
        for mm in staff:
            staff_busy.setdefault(mm.id, []).append(s.slot)
            workload[mm.id] = workload.get(mm.id, 0) + 1
        slot = model.slots[s.slot]
        start, end = s.window
        seated = arrange_seats(who, lambda cid: cands[cid].institution, rng)
        chief = None
        if rule.role == "invigilator" and staff:
            chief = next((mm.id for mm in staff if mm.chief), staff[0].id)
        out.append(Session(id=f"{slot.id}-{s.room}", part=s.part, level=s.level, room=s.room, start=start, end=end,
                           staff=[mm.id for mm in staff], seats=[Seat(k + 1, cid) for k, cid in enumerate(seated)],
                           chief=chief, slot=slot.id,
                           reserve_seats=min(model.scenario.options.reserve_seats_per_room,
                                             model.scenario.room_map()[s.room].capacity)))
    return out, unplaced
