"""The planner's working state and its greedy, slot-by-slot placement of sittings.

A *sitting* is one candidate sitting one part.  Slots are filled in time order (fewest slots used); in
each slot the (part, level) group under most pressure — candidates with more parts left than slots left
first, then the largest group — gets the next session.  A session takes a room of an allowed kind (§1.9.5;
preferred kinds first, the smallest that fits an even share of the group), the candidates (in seeded random order, which
mixes institutions so neighbours can differ), then staff: as many as §1.9.3 asks, who hold the role, are
free and available, are not from a candidate's institution and (examiners) whose credential covers the
level.  If staff run short the session shrinks to what they can cover; if not even the minimum is there the
group waits, with the reason recorded for whoever stays unplaced.

:class:`PlanBuilder` also starts from existing sessions, which is how re-planning places only what changed.
"""

from __future__ import annotations

import math
import random
from typing import Callable, Iterable

from eligibility_desk.planning.plan import Seat, Session, Unplaced
from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.scenario import Room, Scenario, StaffMember
from eligibility_desk.planning.seating import arrange_seats


class PlanningCancelled(Exception):
    pass


class _RoomPool:
    """The free rooms of one slot, in buckets of (preference, usable seats) per part, each bucket in room
    order: choosing a room looks at a handful of buckets, not at every room (50,000-candidate benchmark)."""

    def __init__(self, rooms: list[Room], rank: dict[str, dict[str, int]], usable: dict[str, int],
                 order: dict[str, int]):
        self.taken: set[str] = set()
        self.buckets: dict[str, dict[tuple[int, int], list]] = {}
        for part, allowed in rank.items():
            by: dict[tuple[int, int], list] = {}
            for r in sorted(rooms, key=lambda r: order[r.id]):
                if r.id in allowed and usable[r.id] > 0:
                    by.setdefault((allowed[r.id], usable[r.id]), []).append(r)
            self.buckets[part] = {k: [v, 0] for k, v in by.items()}
        self.order = order

    def fitting(self, part: str, limit: int) -> list[tuple[int, int, int, Room]]:
        """(preference, seats usable up to ``limit``, room order, room) — the first free room of each bucket."""
        out = []
        for (rank, seats), entry in self.buckets.get(part, {}).items():
            rooms, pos = entry
            while pos < len(rooms) and rooms[pos].id in self.taken:
                pos += 1
            entry[1] = pos
            if pos < len(rooms):
                c = min(seats, limit)
                if c > 0:
                    out.append((rank, c, self.order[rooms[pos].id], rooms[pos]))
        return out

    def take(self, room: Room) -> None:
        self.taken.add(room.id)


class PlanBuilder:
    def __init__(self, scenario: Scenario, rules: PlanningRules, rng: random.Random,
                 lost_rooms: Iterable[str] = ()):
        self.scenario = scenario
        self.rules = rules
        self.rng = rng
        self.options = scenario.options
        self.cands = scenario.candidate_map()
        self.slots = scenario.slots
        self.overlaps = [[j for j, other in enumerate(self.slots) if slot.overlaps(other)] for slot in self.slots]
        self._overlap_sets = [frozenset(o) for o in self.overlaps]
        self.lost_rooms = set(lost_rooms)
        # seeded ranks: every random choice below is a tie-break by one of these
        self.cand_rank = {cid: rng.random() for cid in sorted(self.cands)}
        self.staff_rank = {s.id: rng.random() for s in sorted(scenario.staff, key=lambda s: s.id)}
        self.room_order = {r.id: i for i, r in enumerate(scenario.rooms)}
        self._usable = {r.id: self.usable(r) for r in scenario.rooms}
        lengths = sorted(slot.minutes for slot in self.slots)
        self._typical_minutes = lengths[len(lengths) // 2] if lengths else 0   # for estimating demand only
        self.fixed_reserve: dict[str, list[str]] | None = None   # re-planning keeps the reserve rooms it has
        self.cand_busy: dict[str, set[int]] = {}
        self.staff_busy: dict[str, set[int]] = {}
        self.room_busy: dict[str, set[int]] = {}
        self.workload: dict[str, int] = {s.id: 0 for s in scenario.staff}
        self.sessions: list[Session] = []
        self.reserve_rooms: list[tuple[str, str]] = []
        self.placed: set[tuple[str, str]] = set()
        self.sitting_at: dict[tuple[str, str], tuple] = {}     # (candidate, part) -> its session's (start, end)
        self._equipment_names = rules.equipment_names or {}
        # part -> {room id: preference} for the rooms the part may use (kind and equipment, §1.9.5)
        self._room_rank = {part: {r.id: rule.room_kinds.index(r.kind) for r in scenario.rooms
                                  if r.kind in rule.room_kinds and rule.room_allowed(r, self._equipment_names)}
                           for part, rule in rules.parts.items()}
        # (part, level) pairs that assessment.part_order touches (as the later or the earlier part)
        self._order_keys = {(p, level) for level, parts in (rules.order or {}).items()
                            for part, (after, _gap) in parts.items() for p in (part, *after)}
        self.blocked: dict[tuple[str, str], tuple[str, dict]] = {}

    # -- existing sessions (re-planning) -------------------------------------------------------------
    def slot_indices(self, session: Session) -> list[int]:
        return [i for i, slot in enumerate(self.slots) if slot.start < session.end and session.start < slot.end]

    def adopt(self, session: Session) -> None:
        """Take over a session that is already planned: its room, staff and candidates become busy."""
        idx = self.slot_indices(session)
        self.sessions.append(session)
        self.room_busy.setdefault(session.room, set()).update(idx)
        for sid in session.staff:
            self.staff_busy.setdefault(sid, set()).update(idx)
            self.workload[sid] = self.workload.get(sid, 0) + 1
        for cid in session.candidates():
            self.cand_busy.setdefault(cid, set()).update(idx)
            self.placed.add((cid, session.part))
            self.sitting_at[(cid, session.part)] = (session.start, session.end)

    # -- placement -----------------------------------------------------------------------------------
    def place(self, sittings: list[tuple[str, str]], progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> list[Unplaced]:
        remaining: dict[str, int] = {}
        pending: dict[tuple[str, str], set[str]] = {}
        for cid, part in sittings:
            if (cid, part) in self.placed:
                continue
            remaining[cid] = remaining.get(cid, 0) + 1
            pending.setdefault((part, self.cands[cid].level), set()).add(cid)
        self._role_penalty = self._role_pressure(pending)
        self._ordered = bool(self.rules.order)
        self._prerequisite_groups = {(earlier, level) for level, parts in (self.rules.order or {}).items()
                                     for after, _gap in parts.values() for earlier in after}
        for si in range(len(self.slots)):
            if cancelled is not None and cancelled():
                raise PlanningCancelled()
            if any(pending.values()):
                self._fill_slot(si, pending, remaining)
            if progress is not None:
                progress(si + 1, len(self.slots))
        return self._unplaced(pending)

    def _role_pressure(self, pending: dict) -> dict[str, float]:
        demand: dict[str, float] = {}
        for (part, _level), members in pending.items():
            rule = self.rules.part(part)
            demand[rule.role] = demand.get(rule.role, 0.0) + len(members) * self._staff_per_candidate(rule)
        supply = {role: 0 for role in demand}
        for s in self.scenario.staff:
            for role in s.roles:
                supply[role] = supply.get(role, 0) + max(1, len(self.slots))
        return {role: demand.get(role, 0.0) / supply[role] if supply[role] else 0.0 for role in supply}

    def _free(self, busy: dict[str, set[int]], key: str, si: int) -> bool:
        taken = busy.get(key)
        return not taken or taken.isdisjoint(self._overlap_sets[si])

    def _fill_slot(self, si: int, pending: dict, remaining: dict[str, int]) -> None:
        slot = self.slots[si]
        later = sum(1 for j in range(si + 1, len(self.slots)) if j not in self.overlaps[si])
        rooms = [r for r in self.scenario.rooms if r.id not in self.lost_rooms and self._free(self.room_busy, r.id, si)]
        if self.fixed_reserve is not None:
            kept = set(self.fixed_reserve.get(slot.id, ()))
            rooms = [r for r in rooms if r.id not in kept]
        else:
            for room in self._pick_reserve_rooms(rooms):
                rooms.remove(room)
                self.reserve_rooms.append((slot.id, room.id))
        rooms = _RoomPool(rooms, self._room_rank, self._usable, self.room_order)
        staff = [s for s in self.scenario.staff if s.available(slot.start, slot.end) and self._free(self.staff_busy, s.id, si)]
        self._slot_staff = {}
        for role in sorted({r for s in staff for r in s.roles}):
            holders = [s for s in staff if role in s.roles]
            holders.sort(key=lambda s: (sum(self._role_penalty.get(r, 0.0) for r in s.roles if r != role),
                                        self.workload.get(s.id, 0), self.staff_rank[s.id]))
            self._slot_staff[role] = holders
        self._used_staff: set[str] = set()
        self._staff_start: dict[str, int] = {}
        groups = {}
        for key in sorted(pending, key=lambda k: (self.rules.levels.index(k[1]), list(self.rules.parts).index(k[0]))):
            part, level = key
            rule = self.rules.part(part)
            limit = rule.max_candidates_for_minutes(slot.minutes)
            if limit == 0:
                if pending[key]:
                    self.blocked.setdefault(key, ("slot_too_short", {"minutes": rule.min_duration(1)}))
                continue
            busy, here = self.cand_busy.get, self._overlap_sets[si]
            members = [c for c in pending[key] if (b := busy(c)) is None or b.isdisjoint(here)]
            if key in self._order_keys:       # assessment.part_order: earlier parts over, later ones not begun
                members = [c for c in members if self.order_ok(c, part, slot.start, slot.end)]
            if not members:
                continue
            members.sort(key=self.cand_rank.__getitem__)                 # seeded order, then (stable)
            members.sort(key=remaining.__getitem__, reverse=True)        # most parts left first
            groups[key] = {"list": members, "pos": 0, "free": len(members), "limit": limit}
        membership: dict[str, list[tuple[str, str]]] = {}
        for key, group in groups.items():
            for c in group["list"]:
                membership.setdefault(c, []).append(key)
        # spread each role's remaining demand over the slots left: the role furthest behind its share goes next
        slots_left = len(self.slots) - si
        self._target = {}
        for (part, level), members in pending.items():
            rule = self.rules.part(part)
            self._target[rule.role] = self._target.get(rule.role, 0.0) + len(members) * self._staff_per_candidate(rule) / slots_left
        self._used_by_role = {role: 0 for role in self._target}
        while groups:
            for empty in [k for k, g in groups.items() if g["free"] <= 0]:
                del groups[empty]
            if not groups:
                break
            key = max(groups, key=lambda k: self._pressure(k, groups[k], remaining, later))
            group = groups[key]
            group["critical"] = self._pressure(key, group, remaining, later)[0]
            made = self._make_session(si, key, group, rooms, remaining, pending, membership, groups)
            if not made or group["free"] <= 0:
                del groups[key]
        self._merge_small_sessions(si)

    def order_ok(self, cid: str, part: str, start, end) -> bool:
        """assessment.part_order holds if ``cid`` sits ``part`` from ``start`` to ``end``: its earlier parts
        are over (with the gap) and the parts that must follow it are not yet planned before it."""
        cand = self.cands[cid]
        after, gap = self.rules.prerequisites(cand.level, part)
        for earlier in after:
            if earlier in cand.parts:
                at = self.sitting_at.get((cid, earlier))
                if at is None or (start - at[1]).total_seconds() < gap * 60:
                    return False
        for later in cand.parts:
            need, gap = self.rules.prerequisites(cand.level, later)
            if part in need and (cid, later) in self.sitting_at:
                if (self.sitting_at[(cid, later)][0] - end).total_seconds() < gap * 60:
                    return False
        return True

    def _merge_small_sessions(self, si: int) -> None:
        """A room left with 1..merge_tail_max candidates joins another session of the same part and level in
        this slot that has seats to spare and can get any staff the ratio then asks for (§1.9.3)."""
        limit = self.options.merge_tail_max
        here = [s for s in self.sessions if s.slot == self.slots[si].id]
        for small in [s for s in here if 0 < len(s.seats) <= limit]:
            rule = self.rules.part(small.part)
            moving = small.candidates()
            insts = {self.cands[c].institution for c in moving} - {""}
            for other in here:
                if other is small or not other.seats or (other.part, other.level) != (small.part, small.level):
                    continue
                n = len(other.seats) + len(moving)
                if n > self._usable[other.room] or rule.min_duration(n) > self.slots[si].minutes:
                    continue
                if any(self._staff_by_id(x).institution in insts for x in other.staff):
                    continue
                missing = rule.staff_needed(n) - len(other.staff)
                extra = []
                if missing > 0:
                    self._used_staff.difference_update(small.staff)      # the small room's staff may move across
                    self._staff_start.clear()
                    extra = [m.id for m in self._eligible(rule, other.level, other.candidates() + moving)][:missing]
                    self._used_staff.update(small.staff)
                    if len(extra) < missing:
                        continue
                for sid in small.staff:
                    self._used_staff.discard(sid)
                    self._staff_start.clear()
                    self.staff_busy[sid].discard(si)
                    self.workload[sid] -= 1
                for sid in extra:
                    self._used_staff.add(sid)
                    self.staff_busy.setdefault(sid, set()).add(si)
                    self.workload[sid] = self.workload.get(sid, 0) + 1
                other.staff.extend(extra)
                seated = arrange_seats(other.candidates() + moving, lambda c: self.cands[c].institution, self.rng)
                other.seats = [Seat(i + 1, c) for i, c in enumerate(seated)]
                self.room_busy[small.room].discard(si)
                self.sessions.remove(small)
                here.remove(small)
                break

    def _staff_per_candidate(self, rule) -> float:
        if rule.candidates_per_staff:
            return 1.0 / rule.candidates_per_staff
        per_session = max(1, rule.max_candidates_for_minutes(self._typical_minutes))
        return rule.min_staff / per_session

    def _pressure(self, key, group: dict, remaining: dict[str, int], later: int) -> tuple:
        lst, pos = group["list"], group["pos"]
        front = remaining.get(lst[pos], 0) if pos < len(lst) else 0
        role = self.rules.part(key[0]).role
        target = self._target.get(role, 0.0)
        behind = (target - self._used_by_role.get(role, 0)) / target if target else 0.0
        # a part others must follow (theory/skill before a review, assessment.part_order) goes early, so the
        # later part has slots left after it
        return (front > later or key in self._prerequisite_groups, behind, group["free"])

    def _pick_reserve_rooms(self, rooms: list[Room]) -> list[Room]:
        wanted = self.options.reserve_rooms
        if not wanted:
            return []
        versatility = {kind: sum(kind in r.room_kinds for r in self.rules.parts.values()) for kind in self.rules.room_kinds}
        ranked = sorted(rooms, key=lambda r: (-versatility.get(r.kind, 0), -r.capacity, self.room_order[r.id]))
        return ranked[:wanted]

    def usable(self, room: Room) -> int:
        return max(0, room.capacity - self.options.reserve_seats_per_room)

    def _make_session(self, si, key, group, rooms, remaining, pending, membership, groups) -> bool:
        part, level = key
        rule = self.rules.part(part)
        slot = self.slots[si]
        n_total = group["free"]
        if (n_total <= self.options.merge_tail_max and len(pending[key]) > n_total and not group["critical"]):
            return False                     # a handful now, more later: wait and sit them together
        kinds = rule.room_kinds
        limit = group["limit"]
        # (preference, capacity, order, room) for the free rooms this part may use
        fitting = rooms.fitting(part, limit)
        if not fitting:
            self.blocked[key] = ("no_room", {"kinds": list(kinds)})
            return False
        best = max(f[1] for f in fitting)
        target = math.ceil(n_total / math.ceil(n_total / best))
        pick = min(f for f in fitting if f[1] >= target)      # target <= best: some room is roomy enough
        room = pick[3]
        n = min(target, pick[1])
        chosen = self._take(group, n, si)
        staff = self._staff_for(rule, level, chosen, si)
        if staff is None:
            need, found = rule.staff_needed(len(chosen)), self._eligible_count(rule, level, chosen)
            self._give_back(group, chosen)
            chosen, staff = self._retry(group, len(chosen), si, rule, level)
            if staff is None:
                self.blocked[key] = ("staff_short", {"role": rule.role, "missing": max(1, need - found)})
                return False
        rooms.take(room)
        seated = arrange_seats(chosen, lambda c: self.cands[c].institution, self.rng)
        chief = None
        if rule.role == "invigilator":       # one chief invigilator per room (soft): a qualified one if free
            chief = next((sid for sid in staff if self._staff_by_id(sid).chief), staff[0])
        session = Session(id=f"{slot.id}-{room.id}", part=part, level=level, room=room.id, start=slot.start,
                          end=slot.end, staff=list(staff), seats=[Seat(i + 1, c) for i, c in enumerate(seated)],
                          chief=chief, slot=slot.id, reserve_seats=min(self.options.reserve_seats_per_room, room.capacity))
        self.sessions.append(session)
        self.room_busy.setdefault(room.id, set()).add(si)
        self._used_by_role[rule.role] = self._used_by_role.get(rule.role, 0) + len(staff)
        for sid in staff:
            self._used_staff.add(sid)
            self.staff_busy.setdefault(sid, set()).add(si)
            self.workload[sid] = self.workload.get(sid, 0) + 1
        for c in chosen:
            self.cand_busy.setdefault(c, set()).add(si)
            remaining[c] -= 1
            pending[key].discard(c)
            self.placed.add((c, part))
            self.sitting_at[(c, part)] = (session.start, session.end)
            for other in membership.get(c, ()):
                if other != key and other in groups:
                    groups[other]["free"] -= 1
        return True

    def _take(self, group: dict, n: int, si: int) -> list[str]:
        chosen = []
        lst = group["list"]
        while len(chosen) < n and group["pos"] < len(lst):
            c = lst[group["pos"]]
            group["pos"] += 1
            if self._free(self.cand_busy, c, si):
                chosen.append(c)
        group["free"] -= len(chosen)
        return chosen

    def _retry(self, group: dict, n: int, si: int, rule, level: str) -> tuple[list[str], list[str] | None]:
        """Staff ran short: take candidates from the institutions that exclude fewest staff (回避), and
        shrink the session to what the staff found can cover; commit to the group only on success."""
        staff_from = {}
        for s in self._eligible(rule, level, []):
            if s.institution:
                staff_from[s.institution] = staff_from.get(s.institution, 0) + 1
        lst = group["list"]
        buckets: dict[str, list[str]] = {}
        for c in lst[group["pos"]:]:
            if self._free(self.cand_busy, c, si):
                buckets.setdefault(self.cands[c].institution, []).append(c)
        order = sorted(buckets, key=lambda inst: (staff_from.get(inst, 0) if inst else -1, -len(buckets[inst]), inst))
        chosen = [c for inst in order for c in buckets[inst]][:n]
        while chosen:
            staff = self._staff_for(rule, level, chosen, si)
            if staff is not None:
                taken = set(chosen)
                group["list"] = lst[:group["pos"]] + [c for c in lst[group["pos"]:] if c not in taken]
                group["free"] -= len(chosen)
                return chosen, staff
            allowed = rule.max_candidates_for_staff(self._eligible_count(rule, level, chosen))
            if 0 < allowed < len(chosen):
                chosen = chosen[:allowed]          # enough staff for fewer candidates
                continue
            last = self.cands[chosen[-1]].institution
            if not last or all(self.cands[c].institution == last for c in chosen):
                break
            chosen = [c for c in chosen if self.cands[c].institution != last]   # drop the costliest institution
        return [], None

    def _give_back(self, group: dict, chosen: list[str]) -> None:
        """Put candidates back at the front of the group's queue (they were not seated after all)."""
        if not chosen:
            return
        pos = group["pos"]
        group["list"][pos:pos] = chosen
        group["free"] += len(chosen)
        # they were taken from before pos; re-inserting keeps the queue order for the next try

    def _staff_by_id(self, sid: str) -> StaffMember:
        if not hasattr(self, "_staff_index"):
            self._staff_index = self.scenario.staff_map()
        return self._staff_index[sid]

    def _eligible(self, rule, level: str, chosen: list[str]):
        insts = {self.cands[c].institution for c in chosen}
        insts.discard("")
        holders = self._slot_staff.get(rule.role, ())
        used = self._used_staff
        start = self._staff_start.get(rule.role, 0)
        while start < len(holders) and holders[start].id in used:     # the used ones at the front stay used
            start += 1                                                 # (a merge that frees staff resets this)
        self._staff_start[rule.role] = start
        for i in range(start, len(holders)):
            s = holders[i]
            if s.id in used or (s.institution and s.institution in insts):
                continue
            if rule.role == "examiner" and not s.may_examine(self.rules.standard, level):
                continue
            yield s

    def _eligible_count(self, rule, level: str, chosen: list[str]) -> int:
        return sum(1 for _ in self._eligible(rule, level, chosen))

    def _staff_for(self, rule, level: str, chosen: list[str], si: int) -> list[str] | None:
        need = rule.staff_needed(len(chosen))
        picked: list[StaffMember] = []
        chief = None
        for s in self._eligible(rule, level, chosen):
            if len(picked) < need:
                picked.append(s)
            elif rule.role == "invigilator" and s.chief and not any(p.chief for p in picked):
                chief = s
                break
            if len(picked) >= need and (rule.role != "invigilator" or any(p.chief for p in picked)):
                break
        if len(picked) < need:
            return None
        if chief is not None:
            picked[-1] = chief
        return [s.id for s in picked]

    # -- the end -------------------------------------------------------------------------------------
    def _unplaced(self, pending: dict) -> list[Unplaced]:
        out = []
        for (part, level), members in pending.items():
            code, params = self.blocked.get((part, level), ("no_slot", {}))
            for cid in sorted(members, key=lambda c: self.cand_rank[c]):
                out.append(Unplaced(cid, part, code, dict(params)))
        out.sort(key=lambda u: (u.candidate, list(self.rules.parts).index(u.part)))
        return out
