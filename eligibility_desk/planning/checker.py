"""``PlanChecker``: the planner's rules applied to any plan — the planner's own or one edited by hand.

Each violation carries a code, the rule it enforces (a clause of the standard such as §1.9.3, or the
centre's 考务 rule), the session, the people involved and parameters for the wording.  Hard rules make a
plan invalid; soft ones (``hard=False``: adjacent seats from one institution, no chief invigilator, reserve
seats used, a room of 1–3 that could be merged) are reported as warnings.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from eligibility_desk.planning.plan import Plan, Session, Violation
from eligibility_desk.planning.rules import PlanningRules
from eligibility_desk.planning.scenario import Scenario
from eligibility_desk.planning.seating import adjacent_same

#: which rule each code enforces: a rule-file section (its clause is quoted) or a centre rule
RULE_OF = {
    "unknown_part": "assessment", "level_part": "assessment", "wrong_level": "assessment", "wrong_part": "assessment",
    "staff_too_few": "staffing", "staff_not_odd": "staffing", "duration": "durations", "room_kind": "venues",
    "room_equipment": "venues", "part_order": "assessment",
    "capacity": "考务·考场容量", "unknown_room": "考务·资源", "unknown_staff": "考务·资源", "unknown_candidate": "考务·资源",
    "candidate_double_booked": "考务·同一时间只在一处", "staff_double_booked": "考务·同一时间只在一处",
    "room_double_booked": "考务·同一时间只在一处", "staff_unavailable": "考务·人员时间",
    "recusal": "考务·回避", "role": "考务·人员资格", "credential": "考务·考评员证书",
    "seat_duplicate": "考务·座号", "admission_no_duplicate": "考务·准考证号", "admission_no_inconsistent": "考务·准考证号",
    "sitting_twice": "考务·编排完整", "sitting_missing": "考务·编排完整",
    "adjacent_same_institution": "考务·座位间隔", "no_chief": "考务·主监考", "reserve_seats_used": "考务·预留座位",
    "small_room": "考务·合并小考场", "slot_on_holiday": "考务·法定节假日",
    "slot_on_weekend": "考务·休息日",
}


class PlanChecker:
    def __init__(self, scenario: Scenario, rules: PlanningRules, calendar=None, weekend_hint: bool = True):
        """``calendar``: a :class:`~eligibility_desk.scoring.workdays.WorkCalendar`; with one, a session on a
        statutory holiday (``slot_on_holiday``) or on a weekend that is not a make-up working day
        (``slot_on_weekend``) is a warning.  ``weekend_hint``: the centre's setting — False for a centre that
        examines at weekends: no ``slot_on_weekend`` (holidays are still warned about)."""
        self.scenario = scenario
        self.rules = rules
        self.calendar = calendar
        self.weekend_hint = weekend_hint
        self.cands = scenario.candidate_map()
        self.rooms = scenario.room_map()
        self.staff = scenario.staff_map()

    def check(self, plan: Plan, session_cache: dict | None = None) -> list[Violation]:
        """Every violation, hard ones first, in session order.

        ``session_cache``: a dict the caller keeps between checks of one plan, holding each session's own
        violations (:meth:`check_session` depends on nothing else); the caller drops the entries of the
        sessions it edits (``forget_sessions``).  The planner view re-checks after every drag this way."""
        found: list[Violation] = []
        for session in plan.sessions:
            if session_cache is None:
                found.extend(self.check_session(session))
                continue
            own = session_cache.get(id(session))
            if own is None:
                own = session_cache[id(session)] = (session, self.check_session(session))
            found.extend(own[1])
        found.extend(self._double_bookings(plan.sessions))
        found.extend(self._completeness(plan))
        found.extend(self._part_order(plan.sessions))
        found.extend(self._admission_numbers(plan.sessions))
        found.extend(self._small_rooms(plan.sessions))
        found.extend(self._holidays(plan.sessions))
        return [v for v in found if v.hard] + [v for v in found if not v.hard]

    @staticmethod
    def forget_sessions(session_cache: dict, session_ids) -> None:
        """Drop the cached own violations of the sessions named (they were edited)."""
        ids = set(session_ids)
        for key in [k for k, (session, _found) in session_cache.items() if session.id in ids]:
            del session_cache[key]

    def violations(self, plan: Plan) -> list[Violation]:
        return [v for v in self.check(plan) if v.hard]

    def check_around(self, plan: Plan, session_ids, people=(), around=None) -> list[Violation]:
        """What a hand edit of ``session_ids`` moving ``people`` can break or mend, without checking the whole
        plan: those sessions' own rules, and the double bookings, part order and completeness of the people
        moved (a drag's live verdict on a 50,000-candidate plan).  Day-level warnings (holidays) are left out:
        an edit moves people, not sessions.  ``around``: the sessions the people are in, if the caller keeps an
        index (else the plan is scanned for them)."""
        ids, people = set(session_ids), set(people)
        found = [v for s in plan.sessions if s.id in ids for v in self.check_session(s)]
        if around is None:
            around = [s for s in plan.sessions if not people.isdisjoint(s.staff)
                      or not people.isdisjoint(seat.candidate for seat in s.seats)]
        known = {id(s) for s in around}
        theirs = [s for s in plan.sessions if id(s) in known or s.id in ids]      # in plan order, as check() sees them
        found.extend(v for v in self._double_bookings(theirs) if people.intersection(v.people))
        found.extend(v for v in self._part_order(theirs) if people.intersection(v.people))
        seen: dict[tuple[str, str], Session] = {}
        for s in theirs:
            for seat in s.seats:
                if seat.candidate not in people:
                    continue
                key = (seat.candidate, s.part)
                if key in seen:
                    found.append(self._v("sitting_twice", s, [seat.candidate], candidate=seat.candidate,
                                         part=s.part, other=seen[key].id))
                else:
                    seen[key] = s
        listed = {(u.candidate, u.part) for u in plan.unplaced if u.candidate in people}
        for cid in sorted(people):
            c = self.cands.get(cid)
            for part in c.parts if c is not None else ():
                if (cid, part) not in seen and (cid, part) not in listed:
                    found.append(self._v("sitting_missing", None, [cid], candidate=cid, part=part))
        return found

    def _v(self, code: str, session: Session | None, people: Iterable[str] = (), hard: bool = True, **params) -> Violation:
        rule = RULE_OF.get(code, code)
        if rule in self.rules.references:
            rule = self.rules.reference(rule)
        return Violation(code, rule, session.id if session else None, tuple(people), params, hard)

    # -- one session ---------------------------------------------------------------------------------
    def check_session(self, s: Session) -> list[Violation]:
        out: list[Violation] = []
        rule = self.rules.parts.get(s.part)
        if rule is None:
            return [self._v("unknown_part", s, part=s.part)]
        if s.part not in self.rules.parts_by_level.get(s.level, ()):
            out.append(self._v("level_part", s, level=s.level, part=s.part))
        n = len(s.seats)
        room = self.rooms.get(s.room)
        if room is None:
            out.append(self._v("unknown_room", s, room=s.room))
        else:
            if room.kind not in rule.room_kinds:
                out.append(self._v("room_kind", s, part=s.part, kind=room.kind, allowed=list(rule.room_kinds)))
            else:
                missing = rule.missing_equipment(room, self.rules.equipment_names or {})
                if missing:
                    out.append(self._v("room_equipment", s, part=s.part, kind=room.kind, room=room.id,
                                       missing=missing))
            if n > room.capacity:
                out.append(self._v("capacity", s, capacity=room.capacity, seated=n))
            else:
                reserve = self.scenario.options.reserve_seats_per_room
                if reserve and n > room.capacity - reserve:
                    out.append(self._v("reserve_seats_used", s, hard=False, capacity=room.capacity, reserve=reserve, seated=n))
        minutes = int((s.end - s.start).total_seconds() // 60)
        if minutes < rule.min_duration(n):
            out.append(self._v("duration", s, minutes=minutes, needed=rule.min_duration(n)))
        out.extend(self._staff_rules(s, rule, n))
        out.extend(self._candidate_rules(s))
        return out

    def _staff_rules(self, s: Session, rule, n: int) -> list[Violation]:
        out = []
        qualified = []
        insts = defaultdict(list)
        for seat in s.seats:
            c = self.cands.get(seat.candidate)
            if c is not None and c.institution:
                insts[c.institution].append(c.id)
        for sid in dict.fromkeys(s.staff):
            member = self.staff.get(sid)
            if member is None:
                out.append(self._v("unknown_staff", s, [sid], staff=sid))
                continue
            if rule.role not in member.roles:
                out.append(self._v("role", s, [sid], staff=sid, role=rule.role))
            else:
                qualified.append(sid)
            if not member.available(s.start, s.end):
                out.append(self._v("staff_unavailable", s, [sid], staff=sid))
            if rule.role == "examiner" and not member.may_examine(self.rules.standard, s.level):
                out.append(self._v("credential", s, [sid], staff=sid, occupation=self.rules.standard, level=s.level))
            if member.institution and member.institution in insts:
                same = insts[member.institution]
                out.append(self._v("recusal", s, [sid, *same], staff=sid, institution=member.institution, candidates=same))
        have = len(qualified)
        floor = rule.min_staff
        if rule.candidates_per_staff:
            floor = max(floor, -(-n // rule.candidates_per_staff))
        if have < floor:
            out.append(self._v("staff_too_few", s, qualified, part=s.part, role=rule.role, needed=rule.staff_needed(n), have=have))
        elif rule.odd_staff and have % 2 == 0:
            out.append(self._v("staff_not_odd", s, qualified, part=s.part, role=rule.role, have=have))
        if rule.role == "invigilator" and (not s.chief or s.chief not in s.staff):
            out.append(self._v("no_chief", s, qualified, hard=False))
        return out

    def _candidate_rules(self, s: Session) -> list[Violation]:
        out = []
        numbers = defaultdict(list)
        for seat in s.seats:
            numbers[seat.seat].append(seat.candidate)
            c = self.cands.get(seat.candidate)
            if c is None:
                out.append(self._v("unknown_candidate", s, [seat.candidate], candidate=seat.candidate))
                continue
            if c.level != s.level:
                out.append(self._v("wrong_level", s, [c.id], candidate=c.id, candidate_level=c.level, level=s.level))
            if s.part not in c.parts:
                out.append(self._v("wrong_part", s, [c.id], candidate=c.id, part=s.part))
        for number, who in numbers.items():
            if len(who) > 1:
                out.append(self._v("seat_duplicate", s, who, seat=number))
        inst = lambda cid: self.cands[cid].institution if cid in self.cands else ""  # noqa: E731
        for a, b, institution in adjacent_same([(seat.seat, seat.candidate) for seat in s.seats], inst):
            pair = [seat.candidate for seat in s.seats if seat.seat in (a, b)]
            out.append(self._v("adjacent_same_institution", s, pair, hard=False, seats=[a, b], institution=institution))
        return out

    # -- across sessions -----------------------------------------------------------------------------
    def _double_bookings(self, sessions: list[Session]) -> list[Violation]:
        out = []
        by_candidate, by_staff, by_room = defaultdict(list), defaultdict(list), defaultdict(list)
        for s in sessions:
            for seat in s.seats:
                by_candidate[seat.candidate].append(s)
            for sid in dict.fromkeys(s.staff):
                by_staff[sid].append(s)
            by_room[s.room].append(s)
        for code, key, table in (("candidate_double_booked", "candidate", by_candidate),
                                 ("staff_double_booked", "staff", by_staff), ("room_double_booked", "room", by_room)):
            for who, booked in table.items():
                if len(booked) < 2:
                    continue
                booked = sorted(booked, key=lambda s: (s.start, s.end))
                latest = booked[0]
                for s in booked[1:]:
                    if s.start < latest.end:
                        people = [] if key == "room" else [who]
                        out.append(self._v(code, s, people, **{key: who, "other": latest.id}))
                    if s.end > latest.end:
                        latest = s
        return out

    def _completeness(self, plan: Plan) -> list[Violation]:
        out = []
        seen: dict[tuple[str, str], Session] = {}
        for s in plan.sessions:
            for seat in s.seats:
                key = (seat.candidate, s.part)
                if key in seen:
                    out.append(self._v("sitting_twice", s, [seat.candidate], candidate=seat.candidate, part=s.part, other=seen[key].id))
                else:
                    seen[key] = s
        listed = {(u.candidate, u.part) for u in plan.unplaced}
        for c in self.scenario.candidates:
            for part in c.parts:
                if (c.id, part) not in seen and (c.id, part) not in listed:
                    out.append(self._v("sitting_missing", None, [c.id], candidate=c.id, part=part))
        return out

    def _part_order(self, sessions: list[Session]) -> list[Violation]:
        """assessment.part_order: a part (综合评审) starts at least the gap after the candidate's earlier parts end."""
        if not self.rules.order:
            return []
        out = []
        where: dict[tuple[str, str], Session] = {}
        for s in sessions:
            for seat in s.seats:
                where.setdefault((seat.candidate, s.part), s)
        for (cid, part), s in where.items():
            c = self.cands.get(cid)
            if c is None:
                continue
            after, gap = self.rules.prerequisites(c.level, part)
            for earlier in after:
                if earlier not in c.parts:
                    continue
                before = where.get((cid, earlier))          # an earlier part not planned is reported as unplaced
                if before is not None and (s.start - before.end).total_seconds() < gap * 60:
                    out.append(self._v("part_order", s, [cid], candidate=cid, part=part, earlier=earlier,
                                       gap=gap, other=before.id))
        return out

    def _admission_numbers(self, sessions: list[Session]) -> list[Violation]:
        out = []
        owners: dict[str, str] = {}
        numbers: dict[str, str] = {}
        for s in sessions:
            for seat in s.seats:
                if not seat.admission_no:
                    continue
                owner = owners.setdefault(seat.admission_no, seat.candidate)
                if owner != seat.candidate:
                    out.append(self._v("admission_no_duplicate", s, [owner, seat.candidate], admission_no=seat.admission_no))
                first = numbers.setdefault(seat.candidate, seat.admission_no)
                if first != seat.admission_no:
                    out.append(self._v("admission_no_inconsistent", s, [seat.candidate], candidate=seat.candidate))
        return out

    def _holidays(self, sessions: list[Session]) -> list[Violation]:
        """A warning per day off that has sessions — a statutory holiday, or a weekend that is not a make-up
        working day (调休) unless the centre turned that hint off — on the first of its sessions: the centre may
        examine then, but should know."""
        if self.calendar is None:
            return []
        out = []
        seen = set()
        for s in sessions:
            day = s.start.date()
            if day in seen:
                continue
            seen.add(day)
            name = self.calendar.holiday_name(day)
            if name:
                out.append(self._v("slot_on_holiday", s, hard=False, date=day.isoformat(), holiday=name))
            elif self.weekend_hint and not self.calendar.is_working_day(day):
                out.append(self._v("slot_on_weekend", s, hard=False, date=day.isoformat()))
        return out

    def _small_rooms(self, sessions: list[Session]) -> list[Violation]:
        limit = self.scenario.options.merge_tail_max
        out = []
        groups = defaultdict(list)
        for s in sessions:
            groups[(s.part, s.level, s.start, s.end)].append(s)
        for group in groups.values():
            if len(group) < 2:
                continue
            for s in group:
                n = len(s.seats)
                if not 0 < n <= limit:
                    continue
                rule = self.rules.parts.get(s.part)
                for other in group:
                    room = self.rooms.get(other.room)
                    spare = room.capacity - self.scenario.options.reserve_seats_per_room - len(other.seats) if room else 0
                    minutes = (other.end - other.start).total_seconds() // 60
                    if rule is not None and rule.min_duration(len(other.seats) + n) > minutes:
                        continue                  # §1.9.4 (review: minutes per candidate) would not hold merged
                    if other is not s and spare >= n:
                        out.append(self._v("small_room", s, s.candidates(), hard=False, seated=n, into=other.id))
                        break
        return out
