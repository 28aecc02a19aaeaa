"""The exact pass: the fewest unplaced sittings any plan can reach, proven with a CP-SAT model (OR-Tools).

The greedy builder is fast and usually places everyone; when it leaves sittings unplaced, this pass builds
an integer model of the whole scenario and either finds a plan with fewer unplaced sittings or proves that
none exists.  Its optimum is the bound reported with every plan ("最少未安排 N，本方案 N").

The model counts interchangeable things instead of naming them, which keeps it small and loses nothing:

* **candidates** of one class — same level, same parts, same institution — are interchangeable; a class
  chooses *itineraries* (a slot or "unplaced" for each part, parts in non-overlapping slots, ordered parts
  after their earlier ones with the gap of ``assessment.part_order``) and ``x[class, itinerary]`` counts
  how many of its members follow each;
* **staff** of one type — same roles, institution, credential cover and availability — are
  interchangeable; ``z[type, session]`` counts how many of a type serve a session, and at every moment
  (each maximal set of overlapping slots) a type serves at most as many sessions as it has members;
* a **session** is a room in a slot for one part and level, in a *window* of the slot: the whole slot, or
  a stretch of it between staff members' unavailabilities (an examiner away for the slot's last minute can
  still serve a 90-minute session from its start).  A room holds one session at a time; its seats, the
  part's minutes (§1.9.4) and its staff (§1.9.3: minimum, ratio, odd) bound the candidates; 回避 forbids a
  staff type from a session that seats a candidate of its institution.

Every solution of the model is turned into a plan (candidates of a class take its itineraries in seeded
order; staff of a type are given out in slot order, which interval graphs allow), and every valid plan in
which sessions occupy whole slots or such windows is a solution, so the model's optimum is the minimum.
A second solve with *virtual* staff (unlimited, always free, from no institution) says how many staff of
each role the whole scenario is short ("考评员共缺 3 名") and how many sittings no amount of staff would
place (rooms and time).

A model too large for the time allowed is not built; the plan then reports that the bound is unproven.

Each solve is bounded by *work*, not by the clock: OR-Tools' deterministic time (``max_deterministic_time``,
``work_limit``), with one worker and the plan's seed, so the same scenario and seed give the same plan and the
same bound on a quiet desktop and on a machine busy with other work.  A wall-clock ceiling (``time_limit``)
is kept only as a safety net against a solve that is far slower than its work count says; a solve it stops is
reported (``ExactResult.stopped == "wall_clock"``), since only then could the answer depend on the machine.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import datetime

from eligibility_desk.planning.exact_plan import add_hint, realise
from eligibility_desk.planning.plan import Session
from eligibility_desk.planning.rules import ROLES, PlanningRules
from eligibility_desk.planning.scenario import Scenario, StaffMember

#: a model with more variables than this is not built (its solve would not finish in a planner's patience)
MAX_VARIABLES = 250_000
#: itineraries per candidate class beyond which the model is not built
MAX_ITINERARIES = 5_000
#: staff windows per slot kept (the longest), so a slot with many partial absences stays small
MAX_WINDOWS = 8
#: work units (OR-Tools' deterministic time, about a second each on a quiet desktop) each solve may use
WORK_LIMIT = 5.0
#: wall-clock seconds after which a solve is stopped whatever its work count: a safety net only
TIME_CEILING = 120.0


@dataclass
class ExactResult:
    status: str                                   # optimal | feasible | too_large | no_solution
    lower_bound: int | None = None                # proven: no valid plan leaves fewer unplaced
    best: int | None = None                       # unplaced sittings in ``sessions``
    sessions: list[Session] | None = None
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    shortage: dict[str, int] = field(default_factory=dict)   # role -> staff short, whole scenario
    beyond_staff: int | None = None               # sittings no amount of staff would place (rooms, time)
    work: float = 0.0                             # deterministic time used by all solves (same on any machine)
    stopped: str | None = None                    # "work_limit" | "wall_clock" when a solve stopped unfinished


@dataclass
class _Session:
    key: int
    slot: int
    room: str
    part: str
    level: str
    window: tuple[datetime, datetime]
    cap: int


class ExactModel:
    def __init__(self, scenario: Scenario, rules: PlanningRules, *, reserve: dict[str, set[str]] | None = None,
                 lost_rooms=(), cand_rank: dict[str, float] | None = None, staff_rank: dict[str, float] | None = None):
        self.scenario = scenario
        self.rules = rules
        self.slots = list(scenario.slots)
        self.reserve = reserve or {}
        self.lost = set(lost_rooms)
        self.cand_rank = cand_rank or {c.id: i for i, c in enumerate(scenario.candidates)}
        self.staff_rank = staff_rank or {s.id: i for i, s in enumerate(scenario.staff)}
        self.work = 0.0                           # deterministic time of the solves so far
        self.stopped: str | None = None           # which limit stopped an unfinished solve
        self.cliques = self._cliques()
        self.windows = [self._windows(i) for i in range(len(self.slots))]
        self.types = self._staff_types()
        self.classes = self._classes()
        self.sessions = self._sessions()

    # -- the pieces ----------------------------------------------------------------------------------
    def _cliques(self) -> list[list[int]]:
        """Maximal sets of slots that overlap at one moment (intervals: those containing a slot's start)."""
        found = []
        for slot in self.slots:
            members = [j for j, other in enumerate(self.slots) if other.start <= slot.start < other.end]
            if not any(set(members) <= set(f) for f in found):
                found = [f for f in found if not set(f) < set(members)] + [members]
        return found

    def _windows(self, i: int) -> list[tuple[datetime, datetime]]:
        slot = self.slots[i]
        starts, ends = {slot.start}, {slot.end}
        for member in self.scenario.staff:
            for gap in member.unavailable:
                if slot.start < gap.end < slot.end:
                    starts.add(gap.end)
                if slot.start < gap.start < slot.end:
                    ends.add(gap.start)
        windows = [(a, b) for a in sorted(starts) for b in sorted(ends) if a < b]
        windows.sort(key=lambda w: (-(w[1] - w[0]), w[0]))
        return windows[:MAX_WINDOWS]

    def _staff_types(self) -> list[tuple[tuple, list[StaffMember]]]:
        groups: dict[tuple, list[StaffMember]] = {}
        for m in self.scenario.staff:
            cover = tuple(level for level in self.rules.levels if m.may_examine(self.rules.standard, level))
            avail = tuple(m.available(a, b) for ws in self.windows for a, b in ws)
            groups.setdefault((tuple(sorted(m.roles)), m.institution, cover, avail), []).append(m)
        out = []
        self.type_of: dict[str, int] = {}
        for key, members in groups.items():
            members.sort(key=lambda m: self.staff_rank[m.id])
            for m in members:
                self.type_of[m.id] = len(out)
            out.append((key, members))
        return out

    def _classes(self) -> list[tuple[tuple, list[str]]]:
        groups: dict[tuple, list[str]] = {}
        for c in self.scenario.candidates:
            groups.setdefault((c.level, c.parts, c.institution), []).append(c.id)
        out = [(key, sorted(ids, key=lambda cid: self.cand_rank[cid])) for key, ids in groups.items()]
        self.class_of = {cid: c for c, (_key, ids) in enumerate(out) for cid in ids}
        return out

    def _sessions(self) -> list[_Session]:
        levels_for = {}
        for (level, parts, _inst), _ids in self.classes:
            for part in parts:
                levels_for.setdefault(part, set()).add(level)
        names = self.rules.equipment_names or {}
        usable = lambda r: max(0, r.capacity - self.scenario.options.reserve_seats_per_room)  # noqa: E731
        out = []
        for i, slot in enumerate(self.slots):
            kept = self.reserve.get(slot.id, set())
            for room in self.scenario.rooms:
                if room.id in self.lost or room.id in kept or usable(room) <= 0:
                    continue
                for part, rule in self.rules.parts.items():
                    if part not in levels_for or not rule.room_allowed(room, names):
                        continue
                    for window in self.windows[i]:
                        minutes = int((window[1] - window[0]).total_seconds() // 60)
                        cap = min(usable(room), rule.max_candidates_for_minutes(minutes))
                        if cap <= 0:
                            continue
                        for level in sorted(levels_for[part], key=self.rules.levels.index):
                            out.append(_Session(len(out), i, room.id, part, level, window, cap))
        return out

    def _itineraries(self, level: str, parts: tuple[str, ...]) -> list[tuple]:
        options = []
        for part in parts:
            rule = self.rules.part(part)
            fits = [i for i, ws in enumerate(self.windows)
                    if any(rule.max_candidates_for_minutes(int((b - a).total_seconds() // 60)) > 0 for a, b in ws)]
            options.append([None, *fits])
        size = 1
        for o in options:
            size *= len(o)
        if size > MAX_ITINERARIES:
            return []
        out = []
        for combo in itertools.product(*options):
            used = [i for i in combo if i is not None]
            if any(self.slots[a].overlaps(self.slots[b]) for a, b in itertools.combinations(used, 2)):
                continue
            if self._ordered(level, parts, combo):
                out.append(combo)
        return out

    def _ordered(self, level: str, parts: tuple[str, ...], combo: tuple) -> bool:
        at = dict(zip(parts, combo))
        for part, i in at.items():
            if i is None:
                continue
            after, gap = self.rules.prerequisites(level, part)
            for earlier in after:
                if earlier not in at:
                    continue
                j = at[earlier]
                if j is None or (self.slots[i].start - self.slots[j].end).total_seconds() < gap * 60:
                    return False
        return True

    # -- the model -----------------------------------------------------------------------------------
    def size(self) -> int:
        per_session = sum(1 for _ in self.types) + len(self.classes)
        return len(self.sessions) * (3 + per_session // max(1, len(self.rules.parts)))

    def solve(self, *, work_limit: float = WORK_LIMIT, time_limit: float = TIME_CEILING, virtual: bool = False,
              cap_unplaced: int | None = None, seed: int = 0, hint: list[Session] | None = None, cancelled=None):
        from ortools.sat.python import cp_model

        m = cp_model.CpModel()
        sessions = self.sessions
        o = [m.NewBoolVar("") for _ in sessions]
        n = [m.NewIntVar(0, s.cap, "") for s in sessions]
        by_room_clique: dict[tuple[str, int], list] = {}
        slot_cliques = [[k for k, cl in enumerate(self.cliques) if i in cl] for i in range(len(self.slots))]
        for s in sessions:
            m.Add(n[s.key] <= s.cap * o[s.key])
            m.Add(n[s.key] >= o[s.key])
            for k in slot_cliques[s.slot]:
                by_room_clique.setdefault((s.room, k), []).append(o[s.key])
        for group in by_room_clique.values():
            if len(group) > 1:
                m.Add(sum(group) <= 1)

        # staff: real types, and (virtual) one unlimited type per role
        window_index = {(i, w): idx for idx, (i, w) in enumerate((i, w) for i, ws in enumerate(self.windows) for w in ws)}
        z: dict[tuple[int, int], object] = {}
        per_type_clique: dict[tuple[int, int], list] = {}
        staff_in: dict[int, list] = {s.key: [] for s in sessions}
        inst_staff: dict[tuple[int, str], list] = {}
        for t, ((roles, inst, cover, avail), members) in enumerate(self.types):
            for s in sessions:
                rule = self.rules.part(s.part)
                if rule.role not in roles or not avail[window_index[(s.slot, s.window)]]:
                    continue
                if rule.role == "examiner" and s.level not in cover:
                    continue
                v = m.NewIntVar(0, len(members), "")
                z[(t, s.key)] = v
                staff_in[s.key].append(v)
                for k in slot_cliques[s.slot]:
                    per_type_clique.setdefault((t, k), []).append(v)
                if inst:
                    inst_staff.setdefault((s.key, inst), []).append((v, len(members)))
        for (t, _k), vs in per_type_clique.items():
            m.Add(sum(vs) <= len(self.types[t][1]))
        virtual_count: dict[str, object] = {}
        virtual_in: list = []
        if virtual:
            bound = len(self.scenario.candidates) + 3 * len(sessions)
            for role in ROLES:
                virtual_count[role] = m.NewIntVar(0, bound, f"virtual_{role}")
            per_role_clique: dict[tuple[str, int], list] = {}
            for s in sessions:
                role = self.rules.part(s.part).role
                v = m.NewIntVar(0, bound, "")
                staff_in[s.key].append(v)
                virtual_in.append(v)
                for k in slot_cliques[s.slot]:
                    per_role_clique.setdefault((role, k), []).append(v)
            for (role, _k), vs in per_role_clique.items():
                m.Add(sum(vs) <= virtual_count[role])
        halves: dict[int, object] = {}
        for s in sessions:
            rule = self.rules.part(s.part)
            y = sum(staff_in[s.key]) if staff_in[s.key] else 0
            if not staff_in[s.key]:
                m.Add(o[s.key] == 0)
                continue
            m.Add(y >= rule.min_staff * o[s.key])
            if rule.candidates_per_staff:
                m.Add(rule.candidates_per_staff * y >= n[s.key])
            if rule.odd_staff:
                half = m.NewIntVar(0, len(self.scenario.staff) + 3 * len(sessions) + len(self.scenario.candidates), "")
                m.Add(y == 2 * half + o[s.key])
                halves[s.key] = half

        # candidates: classes follow itineraries; q links them to sessions
        unplaced_terms = []
        self._x: list[list[tuple[tuple, object]]] = []
        q: dict[tuple[int, int], object] = {}
        at: dict[tuple[int, str, str], list[_Session]] = {}
        for s in sessions:
            at.setdefault((s.slot, s.part, s.level), []).append(s)
        recusal: dict[tuple[int, str], object] = {}
        for c, ((level, parts, inst), ids) in enumerate(self.classes):
            routes = self._itineraries(level, parts)
            if not routes:
                raise _TooLarge()
            xs = []
            for combo in routes:
                v = m.NewIntVar(0, len(ids), "")
                xs.append((combo, v))
                missing = sum(1 for i in combo if i is None)
                if missing:
                    unplaced_terms.append(missing * v)
            m.Add(sum(v for _c, v in xs) == len(ids))
            self._x.append(xs)
            for p_index, part in enumerate(parts):
                for i in range(len(self.slots)):
                    seats = []
                    for s in at.get((i, part, level), ()):
                        v = m.NewIntVar(0, min(len(ids), s.cap), "")
                        q[(c, s.key)] = v
                        seats.append(v)
                        if inst and (s.key, inst) in inst_staff:      # 回避: these staff or these candidates
                            h = recusal.get((s.key, inst))
                            if h is None:
                                h = recusal[(s.key, inst)] = m.NewBoolVar("")
                                for sv, count in inst_staff[(s.key, inst)]:
                                    m.Add(sv <= count * (1 - h))
                            m.Add(v <= s.cap * h)
                    routed = [v for combo, v in xs if combo[p_index] == i]
                    if seats or routed:
                        m.Add(sum(seats) == sum(routed))
        in_session: dict[int, list] = {}
        for (c, key), v in q.items():
            in_session.setdefault(key, []).append(v)
        for s in sessions:
            m.Add(n[s.key] == sum(in_session.get(s.key, [])))
        unplaced = sum(unplaced_terms) if unplaced_terms else 0
        if hint is not None:
            add_hint(self, m, hint, o, n, z, q, halves, recusal)
            for v in virtual_in:
                m.AddHint(v, 0)
            for v in virtual_count.values():
                m.AddHint(v, 0)
        if cap_unplaced is not None and virtual:
            m.Add(unplaced <= cap_unplaced)
            m.Minimize(sum(virtual_count.values()))
        else:
            m.Minimize(unplaced)
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = work_limit     # the limit: the same answer on any machine
        solver.parameters.max_time_in_seconds = time_limit        # a safety net only
        solver.parameters.num_workers = 1                         # one worker searches in a fixed order
        solver.parameters.random_seed = seed % (2**31)
        if cancelled is not None:                 # the search logs now and then: stop it when cancelled
            solver.parameters.log_search_progress = True
            solver.parameters.log_to_stdout = False
            solver.log_callback = lambda _line: solver.StopSearch() if cancelled() else None
        status = solver.Solve(m)
        if cancelled is not None and cancelled():
            from eligibility_desk.planning.builder import PlanningCancelled
            raise PlanningCancelled()
        self._m, self._solver, self._o, self._n, self._z, self._q = m, solver, o, n, z, q
        self._virtual = virtual_count
        self._note(status, solver, work_limit)
        return status, solver, unplaced

    def _note(self, status, solver, work_limit: float) -> None:
        """Add up the work done, and say which limit stopped a solve that did not finish."""
        from ortools.sat.python import cp_model

        response = solver.response_proto
        self.work += response.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            return
        by_work = response.deterministic_time >= work_limit * 0.999
        if not by_work or self.stopped is None:
            self.stopped = "work_limit" if by_work else "wall_clock"


class _TooLarge(Exception):
    pass


def solve_exactly(scenario: Scenario, rules: PlanningRules, rng, *, reserve=None, lost_rooms=(),
                  cand_rank=None, staff_rank=None, work_limit: float = WORK_LIMIT, time_limit: float = TIME_CEILING,
                  seed: int = 0, shortage: bool = True, hint: list[Session] | None = None,
                  cancelled=None) -> ExactResult:
    """The fewest unplaced sittings (proven when ``status == "optimal"``), a plan reaching it, and the whole
    scenario's staff shortage.  Each solve may use ``work_limit`` units of deterministic time (``time_limit``
    wall-clock seconds at most, a safety net)."""
    from ortools.sat.python import cp_model

    began = time.perf_counter()
    try:
        model = ExactModel(scenario, rules, reserve=reserve, lost_rooms=lost_rooms, cand_rank=cand_rank,
                           staff_rank=staff_rank)
        if model.size() > MAX_VARIABLES:
            raise _TooLarge()
        limits = {"work_limit": work_limit, "time_limit": time_limit}
        status, solver, _obj = model.solve(**limits, seed=seed, hint=hint, cancelled=cancelled)
    except _TooLarge:
        return ExactResult("too_large", seconds=time.perf_counter() - began)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult("no_solution", seconds=time.perf_counter() - began, work=model.work,
                           stopped=model.stopped)
    best = round(solver.ObjectiveValue())
    bound = best if status == cp_model.OPTIMAL else max(0, int(-(-solver.BestObjectiveBound() // 1)))
    sessions, unplaced = realise(model, solver, rng)
    result = ExactResult("optimal" if status == cp_model.OPTIMAL else "feasible", bound, best, sessions, unplaced)
    if shortage and best > 0:
        result.shortage, result.beyond_staff = _shortage(model, limits, seed, hint, cancelled)
    result.seconds = time.perf_counter() - began
    result.work, result.stopped = model.work, model.stopped
    return result


def _shortage(model: ExactModel, limits: dict, seed: int, hint=None, cancelled=None) -> tuple[dict[str, int], int | None]:
    """Add unlimited virtual staff: the sittings still unplaced need rooms or time; then the fewest virtual
    staff per role that reach that is the whole scenario's shortage."""
    from ortools.sat.python import cp_model

    status, solver, _u = model.solve(**limits, virtual=True, seed=seed, hint=hint, cancelled=cancelled)
    if status != cp_model.OPTIMAL:
        return {}, None
    floor = round(solver.ObjectiveValue())
    status, solver, _u = model.solve(**limits, virtual=True, cap_unplaced=floor, seed=seed, hint=hint,
                                     cancelled=cancelled)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}, floor
    short = {role: solver.Value(v) for role, v in model._virtual.items() if solver.Value(v) > 0}
    return short, floor
