"""The verdict of a hand edit before it is made: what a drag would break and what it would mend.

The timetable asks this while a candidate or staff member hovers over a session.  The move is made on the
plan with :func:`planning.edits.move_members` (the same edit path a drop takes), the touched sessions are
checked with :meth:`PlanChecker.check_around`, and the sessions are put back exactly — the plan is unchanged
afterwards.  Only the touched sessions and the moved people are checked, so the verdict stays instant on a
50,000-candidate plan.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eligibility_desk.planning import edits
from eligibility_desk.planning.plan import Plan, Violation

#: codes about a session as a whole: a change of who is involved is the same problem, not a new one
SESSION_CODES = frozenset({"staff_too_few", "staff_not_odd", "capacity", "reserve_seats_used", "duration",
                           "no_chief", "room_kind", "room_equipment", "level_part", "unknown_room"})


@dataclass(frozen=True)
class MoveVerdict:
    moved: int                                   # people who would move (0: nothing to do there)
    new: list[Violation] = field(default_factory=list)       # problems the move would make
    mended: list[Violation] = field(default_factory=list)    # problems it would end

    @property
    def hard(self) -> list[Violation]:
        return [v for v in self.new if v.hard]

    @property
    def ok(self) -> bool:
        return self.moved > 0 and not self.hard


def move_verdict(checker, plan: Plan, members: list[dict], target: str, around=None) -> MoveVerdict:
    """What moving ``members`` (``{"kind", "id", "session"}``) into session ``target`` would do to ``plan``.
    ``around``: the sessions the members are in now, when the caller has them indexed (see check_around)."""
    touched = {m.get("session") for m in members} | {target}
    people = {m.get("id") for m in members}
    if around is None:
        around = [s for s in plan.sessions if not people.isdisjoint(s.staff)
                  or not people.isdisjoint(seat.candidate for seat in s.seats)]
    before = checker.check_around(plan, touched, people, around)
    states = edits.session_states(plan, touched)
    try:
        moved = edits.move_members(plan, members, target)
        after = checker.check_around(plan, touched, people, around) if moved else before
    finally:
        edits.restore_sessions(plan, states)
    return MoveVerdict(len(moved), _minus(after, before), _minus(before, after))


def _key(v: Violation) -> tuple:
    if v.code in SESSION_CODES:
        return v.code, v.session
    return v.code, v.session, tuple(sorted(v.people))


def _minus(a: list[Violation], b: list[Violation]) -> list[Violation]:
    """The violations of ``a`` that ``b`` does not have (counted, so two of a kind against one leave one)."""
    left = Counter(_key(v) for v in b)
    out = []
    for v in a:
        k = _key(v)
        if left[k]:
            left[k] -= 1
        else:
            out.append(v)
    return out
