"""``IncrementalCheck``: the verdicts of :meth:`PlanChecker.check` kept up to date after hand edits by
re-evaluating only what an edit can touch.

A hand edit (:mod:`.edits`) changes the staff, seats and chief of a few sessions — never a session's room,
part, level or time.  So after an edit of sessions ``T``:

* the own rules of the sessions in ``T`` (room, capacity, duration, staff, seats) are checked again;
* the cross-session rules are evaluated again for the people in ``T`` before or after the edit only —
  their double bookings, parts placed twice or missing, part order, admission numbers — each person from
  all the sessions they are in (an index person → seats, kept up to date);
* the small-room warnings of the groups (part, level, time) of ``T``;
* room double bookings and the day-level warnings (holidays, weekends) cannot change: they are kept.

Every verdict is kept with the position the full check would give it (the session's index in the plan, the
seat's index in the session, a person's first seat …), so :meth:`violations` is the full check's list,
same violations in the same order — ``tests/planning/test_incremental.py`` edits at random and compares.
:meth:`rebuild` is the full check (a new plan, or when in doubt).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

from eligibility_desk.planning.checker import PlanChecker
from eligibility_desk.planning.plan import Plan, Violation


class IncrementalCheck:
    def __init__(self, checker: PlanChecker, plan: Plan | None = None, progress=None):
        self.checker = checker
        self.plan = None
        if plan is not None:
            self.rebuild(plan, progress)

    # --- the full check -----------------------------------------------------------------------------
    def rebuild(self, plan: Plan, progress=None) -> None:
        """Evaluate everything afresh (a new plan; after a change of resources; when in doubt).
        ``progress(done, total)``: told after each of the five stages."""
        ck = self.checker
        step = progress or (lambda _done, _total: None)
        self.plan = plan
        sessions = plan.sessions
        self._index_of: dict[str, list[int]] = defaultdict(list)      # session id -> its indexes
        for i, s in enumerate(sessions):
            self._index_of[s.id].append(i)
        self._seats: list[tuple] = [()] * len(sessions)                # as indexed: (candidate, admission_no)
        self._staff: list[tuple] = [()] * len(sessions)                # as indexed: staff, each once
        self._cand_at: dict[str, list[tuple[int, int]]] = defaultdict(list)      # candidate -> (session, seat)
        self._staff_at: dict[str, list[tuple[int, int]]] = defaultdict(list)     # staff -> (session, place)
        self._number_at: dict[str, list[tuple[int, int, str]]] = defaultdict(list)   # admission no -> seats
        for i, s in enumerate(sessions):
            self._index_session(i, s)
        step(1, 5)
        self._own = {i: found for i, s in enumerate(sessions) if (found := ck.check_session(s))}
        self._listed = {(u.candidate, u.part) for u in plan.unplaced}
        self._scenario_order = {c.id: n for n, c in enumerate(ck.scenario.candidates)}
        self._cand_v: dict[str, dict] = {}          # candidate -> its person-level verdicts by kind
        self._staff_v: dict[str, list] = {}
        self._number_v: dict[str, list] = {}
        step(2, 5)
        for cid in dict.fromkeys(chain(self._cand_at, self._scenario_order)):
            self._candidate(cid)
        step(3, 5)
        for sid in self._staff_at:
            self._staff_member(sid)
        for number in self._number_at:
            self._number(number)
        step(4, 5)
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i, s in enumerate(sessions):
            groups[(s.part, s.level, s.start, s.end)].append(i)
        self._group_of = {i: members[0] for members in groups.values() for i in members}
        self._groups = {members[0]: members for members in groups.values()}
        self._small = {}
        for first in self._groups:
            self._small_group(first)
        rooms = ck._double_bookings([_RoomOnly(s) for s in sessions])
        self._rooms = [v for v in rooms if v.code == "room_double_booked"]
        self._days = ck._holidays(sessions)
        step(5, 5)

    def adopt(self, plan: Plan) -> None:
        """Go on with ``plan``, a plan with the same sessions in the same order as the one checked (the
        original of the copy a full check ran on, off the GUI thread); then :meth:`update` what differs."""
        self.plan = plan

    def refresh_days(self) -> None:
        """Evaluate the day-level warnings again (the checker's ``weekend_hint`` or calendar changed)."""
        self._days = self.checker._holidays(self.plan.sessions)

    # --- an edit ------------------------------------------------------------------------------------
    def update(self, session_ids) -> None:
        """The sessions named were edited (staff, seats, chief): evaluate again what that can change."""
        ck, sessions = self.checker, self.plan.sessions
        touched = sorted({i for sid in session_ids for i in self._index_of.get(sid, ())})
        cands, staff, numbers = set(), set(), set()
        for i in touched:                                  # who was there (as indexed) …
            cands.update(c for c, _n in self._seats[i])
            numbers.update(n for _c, n in self._seats[i] if n)
            staff.update(self._staff[i])
            for c, _n in self._seats[i]:
                self._cand_at[c] = [p for p in self._cand_at[c] if p[0] != i]
            for n in {n for _c, n in self._seats[i] if n}:
                self._number_at[n] = [p for p in self._number_at[n] if p[0] != i]
            for sid in self._staff[i]:
                self._staff_at[sid] = [p for p in self._staff_at[sid] if p[0] != i]
        for i in touched:                                  # … and who is there now
            s = sessions[i]
            self._index_session(i, s)
            cands.update(c for c, _n in self._seats[i])
            numbers.update(n for _c, n in self._seats[i] if n)
            staff.update(self._staff[i])
            found = ck.check_session(s)
            if found:
                self._own[i] = found
            else:
                self._own.pop(i, None)
        for cid in cands:
            self._candidate(cid)
        for sid in staff:
            self._staff_member(sid)
        for number in numbers:
            self._number(number)
        for first in {self._group_of[i] for i in touched}:
            self._small_group(first)

    # --- the verdicts -------------------------------------------------------------------------------
    def violations(self) -> list[Violation]:
        """What :meth:`PlanChecker.check` would return now: hard ones first, each in the full check's order."""
        cand_at, staff_at = self._cand_at, self._staff_at
        found: list[Violation] = []
        for i in sorted(self._own):
            found.extend(self._own[i])
        booked = [(cand_at[c][0], v) for c, kinds in self._cand_v.items() if (v := kinds.get("booked"))]
        found.extend(chain.from_iterable(v for _pos, v in sorted(booked, key=_first)))
        booked = [(staff_at[sid][0], v) for sid, v in self._staff_v.items()]
        found.extend(chain.from_iterable(v for _pos, v in sorted(booked, key=_first)))
        found.extend(self._rooms)
        twice = [item for kinds in self._cand_v.values() for item in kinds.get("twice", ())]
        found.extend(v for _pos, v in sorted(twice, key=_first))
        order = self._scenario_order
        missing = [(order[c], kinds["missing"]) for c, kinds in self._cand_v.items() if kinds.get("missing")]
        found.extend(chain.from_iterable(v for _pos, v in sorted(missing, key=_first)))
        after = [item for kinds in self._cand_v.values() for item in kinds.get("order", ())]
        found.extend(v for *_pos, v in sorted(after, key=lambda x: x[:2]))
        numbers = [item for kinds in self._cand_v.values() for item in kinds.get("number", ())]
        numbers.extend(chain.from_iterable(self._number_v.values()))
        found.extend(v for *_pos, v in sorted(numbers, key=lambda x: x[:2]))
        for first in sorted(self._small):
            found.extend(self._small[first])
        found.extend(self._days)
        return [v for v in found if v.hard] + [v for v in found if not v.hard]

    # --- bookkeeping --------------------------------------------------------------------------------
    def _index_session(self, i: int, s) -> None:
        self._seats[i] = tuple((seat.candidate, seat.admission_no) for seat in s.seats)
        self._staff[i] = tuple(dict.fromkeys(s.staff))
        for j, (c, n) in enumerate(self._seats[i]):
            _insert(self._cand_at[c], (i, j))
            if n:
                _insert(self._number_at[n], (i, j, c))
        for k, sid in enumerate(self._staff[i]):
            _insert(self._staff_at[sid], (i, k))

    def _candidate(self, cid: str) -> None:
        """One candidate's verdicts across sessions, each with the position the full check emits it at."""
        ck, sessions = self.checker, self.plan.sessions
        at = self._cand_at.get(cid) or []
        if not at:
            self._cand_at.pop(cid, None)
        kinds: dict = {}
        mine = [sessions[i] for i, _j in at]
        booked = _sweep(ck, "candidate_double_booked", "candidate", cid, mine)
        if booked:
            kinds["booked"] = booked
        seen: dict[str, object] = {}
        twice = []
        for (i, j), s in zip(at, mine):
            if s.part in seen:
                twice.append(((i, j), ck._v("sitting_twice", s, [cid], candidate=cid, part=s.part,
                                            other=seen[s.part][0].id)))
            else:
                seen[s.part] = (s, (i, j))
        seen_session = {part: s for part, (s, _pos) in seen.items()}
        if twice:
            kinds["twice"] = twice
        c = ck.cands.get(cid)
        if c is not None and cid in self._scenario_order:
            missing = [ck._v("sitting_missing", None, [cid], candidate=cid, part=part) for part in c.parts
                       if part not in seen_session and (cid, part) not in self._listed]
            if missing:
                kinds["missing"] = missing
        if c is not None and ck.rules.order:
            after = []
            for part, (s, pos) in seen.items():
                earlier_parts, gap = ck.rules.prerequisites(c.level, part)
                for n, earlier in enumerate(earlier_parts):
                    if earlier not in c.parts:
                        continue
                    before = seen_session.get(earlier)
                    if before is not None and (s.start - before.end).total_seconds() < gap * 60:
                        after.append((pos, n, ck._v("part_order", s, [cid], candidate=cid, part=part,
                                                    earlier=earlier, gap=gap, other=before.id)))
            if after:
                kinds["order"] = after
        first, inconsistent = None, []
        for i, j in at:
            number = self._seats[i][j][1]
            if not number:
                continue
            if first is None:
                first = number
            elif number != first:
                inconsistent.append(((i, j), 1, ck._v("admission_no_inconsistent", sessions[i], [cid], candidate=cid)))
        if inconsistent:
            kinds["number"] = inconsistent
        if kinds:
            self._cand_v[cid] = kinds
        else:
            self._cand_v.pop(cid, None)

    def _staff_member(self, sid: str) -> None:
        at = self._staff_at.get(sid) or []
        if not at:
            self._staff_at.pop(sid, None)
        booked = _sweep(self.checker, "staff_double_booked", "staff", sid, [self.plan.sessions[i] for i, _k in at])
        if booked:
            self._staff_v[sid] = booked
        else:
            self._staff_v.pop(sid, None)

    def _number(self, number: str) -> None:
        """admission_no_duplicate: every seat of ``number`` after its first owner's, held by someone else."""
        at = self._number_at.get(number) or []
        if not at:
            self._number_at.pop(number, None)
        found = []
        owner = at[0][2] if at else None
        for i, j, cid in at[1:]:
            if cid != owner:
                found.append(((i, j), 0, self.checker._v("admission_no_duplicate", self.plan.sessions[i],
                                                         [owner, cid], admission_no=number)))
        if found:
            self._number_v[number] = found
        else:
            self._number_v.pop(number, None)

    def _small_group(self, first: int) -> None:
        sessions = self.plan.sessions
        found = self.checker._small_rooms([sessions[i] for i in self._groups[first]])
        if found:
            self._small[first] = found
        else:
            self._small.pop(first, None)


def working_copy(plan: Plan) -> Plan:
    """A copy a worker thread may check while the original is edited (each session's staff and seats copied;
    seats and the rest are immutable or never edited by hand).  Its sessions are in the same order, so the
    check made on it can :meth:`IncrementalCheck.adopt` the original."""
    from copy import copy

    twin = copy(plan)
    twin.sessions = []
    for s in plan.sessions:
        c = copy(s)
        c.staff, c.seats = list(s.staff), list(s.seats)
        twin.sessions.append(c)
    twin.unplaced = list(plan.unplaced)
    return twin


class _RoomOnly:
    """A session seen by the room double-booking rule alone (no seats, no staff): rooms and times never
    change in a hand edit, so those verdicts are worked out once."""

    __slots__ = ("id", "room", "start", "end", "seats", "staff")

    def __init__(self, s):
        self.id, self.room, self.start, self.end, self.seats, self.staff = s.id, s.room, s.start, s.end, (), ()


def _first(item):
    return item[0]


def _insert(positions: list, item: tuple) -> None:
    """Keep ``positions`` in plan order (a moved seat lands at the end of another session)."""
    if not positions or positions[-1] <= item:
        positions.append(item)
    else:
        positions.append(item)
        positions.sort()


def _sweep(ck: PlanChecker, code: str, key: str, who: str, booked: list) -> list[Violation]:
    """One person's double bookings exactly as :meth:`PlanChecker._double_bookings` finds them."""
    if len(booked) < 2:
        return []
    out = []
    booked = sorted(booked, key=lambda s: (s.start, s.end))
    latest = booked[0]
    for s in booked[1:]:
        if s.start < latest.end:
            out.append(ck._v(code, s, [who], **{key: who, "other": latest.id}))
        if s.end > latest.end:
            latest = s
    return out
