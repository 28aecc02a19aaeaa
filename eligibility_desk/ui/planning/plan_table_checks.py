"""The verdicts of :class:`~eligibility_desk.ui.planning.plan_table_model.PlanTableModel`: the re-check after an
edit (incremental), the problems of a row, a session or a person, a drag's verdict before the drop, and the full
check off the GUI thread.

A mixin of the model (not a Qt class of its own), only to keep the model's modules small by concern; it has no
strings of its own.
"""

from __future__ import annotations

from eligibility_desk.planning.incremental import IncrementalCheck, working_copy
from eligibility_desk.planning.preview import MoveVerdict, move_verdict

#: warnings about a whole day (a holiday or a weekend not made up): shown on every session of that day
DAY_CODES = ("slot_on_holiday", "slot_on_weekend")
OP_FULL_CHECK = "plan_full_check"


class PlanTableChecks:
    def _recheck(self, touched=None) -> None:
        """The verdicts after an edit of the sessions ``touched`` (ids): only what the edit can change is
        evaluated again (:class:`IncrementalCheck`; the same list a full check gives)."""
        if touched is not None:
            self.live.update(touched)
            if self._full_check is not None:
                self._full_check[1].update(touched)
        self.violations = self.live.violations()
        problems: dict[tuple[str, str], list] = {}
        for v in self.violations:
            if v.code in DAY_CODES:
                if self._days is None:         # a session's day never changes in an edit: worked out once
                    self._days = {}
                    for s in self.plan.sessions:
                        self._days.setdefault(s.start.date().isoformat(), []).append(s.id)
                for sid in self._days.get(v.params.get("date"), [v.session]):
                    problems.setdefault((sid, "*"), []).append(v)
                continue
            targets = v.people or ("*",)
            for person in targets:
                problems.setdefault((v.session, person), []).append(v)
        self._problems = problems

    def _emit_counts(self) -> None:
        hard = sum(1 for v in self.violations if v.hard)
        self.violationsChanged.emit(hard, len(self.violations) - hard)

    def hard_count(self) -> int:
        return sum(1 for v in self.violations if v.hard)

    def session_problems(self, session_id: str) -> list:
        """Every violation and warning about session ``session_id`` (its own and its people's)."""
        return [v for (sid, _person), found in self._problems.items() if sid == session_id for v in found]

    def problems_by_session(self) -> dict[str, list]:
        """session id -> its violations and warnings (each once), for the timetable's blocks."""
        out: dict[str, list] = {}
        for (sid, _person), found in self._problems.items():
            bucket = out.setdefault(sid, [])
            bucket.extend(v for v in found if not any(v is w for w in bucket))
        return out

    def person_problems(self, session_id: str, person: str) -> list:
        """The violations and warnings naming ``person`` in session ``session_id``."""
        return list(self._problems.get((session_id, person), []))

    def verdict(self, members: list[dict], target: str) -> MoveVerdict:
        """What moving ``members`` into session ``target`` would break and mend (nothing is changed)."""
        if self._sessions_of is None:
            index: dict[str, list] = {}
            for s, _kind, person, _seat in self._rows:
                index.setdefault(person, []).append(s)
            self._sessions_of = index
        around = {id(s): s for m in members for s in self._sessions_of.get(m.get("id"), ())}
        return move_verdict(self.checker, self.plan, members, target, list(around.values()))

    # --- the full check ----------------------------------------------------------------------------
    def recheck_all(self) -> None:
        """Check the whole plan again — off the GUI thread when the model has a runner; the list stays usable
        and edits made meanwhile are undoable as ever (they are applied to the full check's result when it
        arrives).  Without a runner it runs at once."""
        if self.plan is None:
            return
        if self.runner is None:
            self.live.rebuild(self.plan)
            self._publish()
            return
        if self._full_check is not None:
            return                                    # one is running: it sees this plan's state or newer
        plan, checker = working_copy(self.plan), self.checker
        self._full_check = (self._generation, set())
        generation = self._generation

        def work(progress, cancelled):
            return IncrementalCheck(checker, plan, progress)

        self.runner.run(OP_FULL_CHECK, work, show_progress=False,
                        on_done=lambda live: self._full_check_done(generation, live),
                        on_failed=lambda _exc: self._full_check_ended(generation),
                        on_cancelled=lambda: self._full_check_ended(generation))

    def full_check_running(self) -> bool:
        return self._full_check is not None

    def _full_check_progressed(self, name: str, done: int, total: int) -> None:
        if name == OP_FULL_CHECK and self._full_check is not None:
            self.fullCheckProgress.emit(done, total)

    def _full_check_done(self, generation: int, live: IncrementalCheck) -> None:
        if generation != self._generation or self._full_check is None:
            return                                    # another plan was set meanwhile
        edited = self._full_check[1]
        live.adopt(self.plan)                         # the live plan (same sessions, same order) …
        live.update(edited)                           # … and the edits made while it ran
        live.refresh_days()                           # (the weekend setting may have changed too)
        self.live = live
        self._full_check_ended(generation)
        self._publish()

    def _full_check_ended(self, generation: int) -> None:
        if generation == self._generation:
            self._full_check = None
        self.fullCheckProgress.emit(0, 0)

    def _publish(self) -> None:
        """Show the verdicts of ``self.live`` (after a full check or a change of setting)."""
        self.beginResetModel()
        self._recheck()
        self.endResetModel()
        self._emit_counts()

    def set_weekend_hint(self, on: bool) -> None:
        """Follow the centre's weekend setting: only the day-level warnings are evaluated again."""
        if self.checker.weekend_hint == bool(on):
            return
        self.checker.weekend_hint = bool(on)
        if self.live is not None:
            self.live.refresh_days()
            self._publish()
