"""Hand edits of a plan — what the planner view does when someone drags a person to another session.

Qt-free so they can be tested and re-used (an undo stack, a service).  They change the plan and nothing
else; the caller runs :class:`~eligibility_desk.planning.PlanChecker` afterwards.
"""

from __future__ import annotations

from eligibility_desk.planning.plan import Plan, Seat

#: what a hand edit can change in one session: (staff, seats, chief) — copies, so later edits leave them alone
SessionState = tuple[tuple[str, ...], tuple[Seat, ...], str | None]


class EditError(ValueError):
    pass


def move_candidate(plan: Plan, candidate: str, from_session: str, to_session: str) -> int:
    """Move a candidate's seat to the end of another session; returns the new seat number.

    The candidate keeps their admission number (it is already printed on the slip).
    """
    sessions = plan.session_map()
    source, target = _pair(sessions, from_session, to_session)
    seat = next((s for s in source.seats if s.candidate == candidate), None)
    if seat is None:
        raise EditError(f"candidate {candidate} has no seat in session {from_session}")
    if source is target:
        return seat.seat
    source.seats = [s for s in source.seats if s.candidate != candidate]
    number = target.next_seat()
    target.seats.append(Seat(number, candidate, seat.admission_no))
    return number


def move_staff(plan: Plan, staff: str, from_session: str, to_session: str) -> None:
    """Move a staff member from one session to another (a chief who leaves is no longer chief)."""
    sessions = plan.session_map()
    source, target = _pair(sessions, from_session, to_session)
    if staff not in source.staff:
        raise EditError(f"staff {staff} is not in session {from_session}")
    if source is target:
        return
    source.staff = [x for x in source.staff if x != staff]
    if source.chief == staff:
        source.chief = None
    if staff not in target.staff:
        target.staff.append(staff)


def move_members(plan: Plan, members: list[dict], to_session: str) -> list[dict]:
    """Move each ``{"kind": "candidate"|"staff", "id", "session"}`` into ``to_session``; returns the ones moved.

    Members already there, or no longer where the caller saw them, are skipped (a drag of several rows).
    """
    moved = []
    for m in members:
        if m.get("session") == to_session:
            continue
        try:
            if m.get("kind") == "candidate":
                move_candidate(plan, m["id"], m["session"], to_session)
            else:
                move_staff(plan, m["id"], m["session"], to_session)
        except (EditError, KeyError):
            continue
        moved.append(m)
    return moved


def session_states(plan: Plan, session_ids) -> dict[str, SessionState]:
    """The editable part of the named sessions, to put back with :func:`restore_sessions` (undo / redo)."""
    sessions = plan.session_map()
    return {sid: (tuple(sessions[sid].staff), tuple(sessions[sid].seats), sessions[sid].chief)
            for sid in session_ids if sid in sessions}


def restore_sessions(plan: Plan, states: dict[str, SessionState]) -> None:
    """Put the sessions back exactly as :func:`session_states` saw them (seat numbers, order, chief)."""
    sessions = plan.session_map()
    for sid, (staff, seats, chief) in states.items():
        session = sessions[sid]
        session.staff, session.seats, session.chief = list(staff), list(seats), chief


def _pair(sessions: dict, from_session: str, to_session: str):
    missing = [sid for sid in (from_session, to_session) if sid not in sessions]
    if missing:
        raise EditError(f"no session {missing[0]}")
    return sessions[from_session], sessions[to_session]
