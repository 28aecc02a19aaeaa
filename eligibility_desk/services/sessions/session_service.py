"""Session planning for a batch in the database: scenario from the records, plan, store, check, re-plan, export.

    sessions = SessionService.from_desk(desk)           # or SessionService(open_database(url), user)
    create_demo_resources(sessions.db, batch_id, user)  # services.demo_resources, for the demo batch
    stored = sessions.plan_batch(batch_id, seed=42, progress=..., cancelled=...)
    sessions.check(stored.id)                           # [] for a clean plan
    sessions.finalise(stored.id, stored.version)        # score sheets are made from a final plan
    sessions.export(batch_id, "plan.json", "scenario.json")   # what `plan` / `slips` read

Candidates are the applications of the batch whose newest screening result is ``eligible`` — or, when a
clerk decided on that result, whose newest decision approved it (a rejection wins over the engine's
``eligible``).  Their level is the application's, their parts come from the rule file
(``assessment.parts_by_level``, §1.9.2), their institution is the school they are still at, else their
current employer, else their latest employer or school (for 回避).  One person sits one level per batch:
if several levels are approved, the highest (smallest number) is planned and the others are listed in the
plan's summary as ``skipped``.  Rooms and staff are the centre's active ones; slots are the batch's.

Every plan made, re-made or edited is stored as a new version (``plan`` rows are appended); the newest is
in force.  Everything returned is plain data (planning dataclasses, JSON dicts, :class:`StoredPlan`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from eligibility_desk.persistence import audit, queries
from eligibility_desk.persistence.errors import StaleRecordError
from eligibility_desk.persistence.models import (
    ApplicantRow, ApplicationRow, BatchRow, EducationRow, ReviewDecisionRow, ScreeningResultRow, WorkPeriodRow, utcnow,
)
from eligibility_desk.persistence.session_models import PlanRow, RoomRow, SlotRow, StaffRow
from eligibility_desk.planning import (
    Candidate, PlanChecker, PlanningOptions, PlanningRules, Scenario, Violation, parse_scenario, plan_from_json,
    plan_sessions, plan_to_json, scenario_to_json,
)
from eligibility_desk.planning.builder import PlanningCancelled
from eligibility_desk.planning.plan import Plan
from eligibility_desk.scoring.workdays import WorkCalendar
from eligibility_desk.services.progress import Cancelled, OperationCancelled, Progress, never_cancelled, no_progress
from eligibility_desk.services.sessions.resources import room_from_row, slot_from_row, staff_from_row
from eligibility_desk.domain.roles import Role
from eligibility_desk.services.accounts import require
from eligibility_desk.services.batch_service import BatchService

DRAFT, FINAL = "draft", "final"


class PlanNotFinal(ValueError):
    """A final plan was needed (e.g. to make score sheets) and there is none, or it has violations."""


@dataclass(frozen=True)
class BatchCandidate:
    """A candidate of a batch as the planner sees them, plus where they come from in the records."""

    candidate: Candidate
    application_id: int
    applicant_pk: int
    id_number: str


@dataclass(frozen=True)
class StoredPlan:
    id: int
    batch_id: int
    number: int                  # 1, 2, … per batch
    status: str                  # draft | final
    kind: str                    # plan | replan | edit
    seed: int | None
    operator: str
    created_at: datetime
    version: int
    summary: dict
    plan_json: dict = field(repr=False)
    scenario_json: dict = field(repr=False)

    @property
    def plan(self) -> Plan:
        return plan_from_json(self.plan_json)

    @property
    def violations(self) -> list[dict]:
        return list(self.plan_json.get("violations") or [])

    @property
    def moves(self) -> list[dict]:
        return list(self.plan_json.get("moves") or [])


def batch_code(batch_id: int, as_of: date) -> str:
    """The short batch code in admission numbers: YYMM of the as-of date and the batch number, e.g. 2509001."""
    return f"{as_of:%y%m}{batch_id:03d}"


def gender_of(id_number: str) -> str:
    """男 / 女 from the ID number (GB 11643, :func:`~eligibility_desk.domain.idnumber.sex_of`), "" if unreadable."""
    from eligibility_desk.domain.idnumber import sex_of

    return {"M": "男", "F": "女"}.get(sex_of(id_number), "")


class SessionService(BatchService):
    def compile_rules(self, standard) -> PlanningRules:
        return PlanningRules.from_standard(standard)

    # --- the scenario -----------------------------------------------------------------------------------
    def candidates(self, batch_id: int) -> tuple[list[BatchCandidate], list[dict]]:
        """The batch's approved candidates, and the applications skipped (another level planned instead)."""
        rules = self.rules_for(batch_id)
        with self.db.reading() as session:
            rows = _approved_applications(session, batch_id)
            pks = sorted({r.applicant_id for r in rows})
            institutions = _institutions(session, pks)
        by_person: dict[int, list] = defaultdict(list)
        for r in rows:
            by_person[r.applicant_id].append(r)
        chosen, skipped = [], []
        for pk in pks:
            apps = sorted(by_person[pk], key=lambda r: (_level_rank(r.level, rules), r.id))
            chosen.append(apps[0])
            skipped.extend({"application": a.id, "applicant": pk, "level": a.level, "code": "another_level",
                            "planned_level": apps[0].level} for a in apps[1:])
        codes = defaultdict(int)
        for r in chosen:
            codes[r.code] += 1
        out = []
        for r in sorted(chosen, key=lambda r: (r.code, r.applicant_id)):
            cid = r.code if codes[r.code] == 1 and r.code else f"{r.code or 'A'}-{r.applicant_id}"
            out.append(BatchCandidate(Candidate(cid, r.name, r.level, institutions.get(r.applicant_id, ""),
                                                tuple(rules.parts_by_level[r.level])),
                                      r.id, r.applicant_id, r.id_number))
        return out, skipped

    def scenario(self, batch_id: int, options: PlanningOptions | None = None) -> tuple[Scenario, dict, list[dict]]:
        """The batch's scenario, its JSON (with the printing extras) and the skipped applications."""
        rules = self.rules_for(batch_id)
        chosen, skipped = self.candidates(batch_id)
        with self.db.reading() as session:
            batch = session.get(BatchRow, batch_id)
            rooms = tuple(room_from_row(r) for r in session.scalars(
                select(RoomRow).where(RoomRow.active.is_(True)).order_by(RoomRow.id)))
            staff = tuple(staff_from_row(r) for r in session.scalars(
                select(StaffRow).where(StaffRow.active.is_(True)).order_by(StaffRow.id)))
            slots = tuple(slot_from_row(r) for r in session.scalars(
                select(SlotRow).where(SlotRow.batch_id == batch_id).order_by(SlotRow.start, SlotRow.end, SlotRow.code)))
            code = batch_code(batch_id, batch.as_of)
        options = options or PlanningOptions(batch=code, operator=self.user)
        data = scenario_to_json(Scenario(rules.standard, tuple(c.candidate for c in chosen), rooms, staff, slots, options))
        extras = {c.candidate.id: c for c in chosen}
        for item in data["candidates"]:
            extra = extras[item["id"]]
            item.update(id_number=extra.id_number, gender=gender_of(extra.id_number),
                        application=extra.application_id, applicant=extra.applicant_pk)
        # parse back: the stored scenario is exactly what the plan / check-plan commands would read
        return parse_scenario(data, rules), data, skipped

    # --- planning ---------------------------------------------------------------------------------------
    def plan_batch(self, batch_id: int, seed: int | None = None, options: PlanningOptions | None = None,
                   progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> StoredPlan:
        """Plan the batch from the records and store the plan as its next version (a draft)."""
        rules = self.rules_for(batch_id)
        scenario, data, skipped = self.scenario(batch_id, options)
        try:
            plan = plan_sessions(scenario, rules, seed=seed, operator=self.user, progress=progress, cancelled=cancelled)
        except PlanningCancelled:
            raise OperationCancelled("planning cancelled; nothing stored") from None
        return self._store(batch_id, "plan", plan, scenario, data, rules, skipped=skipped)

    def replan_batch(self, batch_id: int, lost_rooms=(), seed: int | None = None, expected_number: int | None = None,
                     progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> StoredPlan:
        """Re-plan after a change in the records or resources, moving as little as possible; appends a version.

        ``expected_number`` is the plan version you re-plan from; if someone stored a newer one meanwhile,
        :class:`StaleRecordError` is raised and nothing is stored.
        """
        from eligibility_desk.planning.replan import replan

        previous = self.latest(batch_id)
        if previous is None:
            raise LookupError(f"batch {batch_id} has no plan to re-plan; plan it first")
        if expected_number is not None and previous.number != expected_number:
            raise StaleRecordError("plan", previous.id, expected_number, previous.number)
        rules = self.rules_for(batch_id)
        old = previous.scenario_json.get("options") or {}
        options = PlanningOptions(batch=str(previous.scenario_json.get("batch")), operator=self.user,
                                  admission_pattern=old.get("admission_pattern", PlanningOptions.admission_pattern),
                                  reserve_seats_per_room=int(old.get("reserve_seats_per_room", 0)),
                                  reserve_rooms=int(old.get("reserve_rooms", 0)),
                                  merge_tail_max=int(old.get("merge_tail_max", PlanningOptions.merge_tail_max)))
        scenario, data, skipped = self.scenario(batch_id, options)
        try:
            result = replan(previous.plan, scenario, rules, lost_rooms=tuple(lost_rooms), seed=seed, operator=self.user,
                            progress=progress, cancelled=cancelled)
        except PlanningCancelled:
            raise OperationCancelled("re-planning cancelled; nothing stored") from None
        return self._store(batch_id, "replan", result.plan, scenario, data, rules, moves=result.moves,
                           skipped=skipped, expected_number=previous.number)

    def store_edited(self, batch_id: int, plan_data: dict, expected_number: int) -> StoredPlan:
        """Store a plan edited by hand (plan JSON) against the scenario of the version it was edited from.

        Violations are kept with it (a plan with violations cannot be made final)."""
        previous = self.latest(batch_id)
        if previous is None or previous.number != expected_number:
            raise StaleRecordError("plan", previous.id if previous else None, expected_number,
                                   previous.number if previous else None)
        rules = self.rules_for(batch_id)
        scenario = parse_scenario(previous.scenario_json, rules)
        plan = plan_from_json(plan_data)
        plan.standard = plan.standard or scenario.standard
        plan.batch = plan.batch or scenario.options.batch
        return self._store(batch_id, "edit", plan, scenario, previous.scenario_json, rules,
                           skipped=previous.summary.get("skipped", []), expected_number=expected_number)

    def _store(self, batch_id: int, kind: str, plan: Plan, scenario: Scenario, data: dict, rules: PlanningRules,
               moves=None, skipped=(), expected_number: int | None = None) -> StoredPlan:
        require(self.actor, Role.PLANNER, action="编排考场")
        found = self.checker(scenario, rules).check(plan)
        hard = [v for v in found if v.hard]
        plan_json = plan_to_json(plan, violations=hard, warnings=[v for v in found if not v.hard], moves=moves)
        summary = {"sessions": len(plan.sessions), "seated": sum(len(s.seats) for s in plan.sessions),
                   "candidates": len(scenario.candidates), "unplaced": len(plan.unplaced), "violations": len(hard),
                   "warnings": len(found) - len(hard), "moves": len(moves) if moves is not None else None,
                   "unplaced_min": (plan.record.get("optimality") or {}).get("unplaced_min"),
                   "skipped": list(skipped)}
        with self.db.writing() as session:
            latest = session.scalar(select(func.max(PlanRow.number)).where(PlanRow.batch_id == batch_id)) or 0
            if expected_number is not None and latest != expected_number:
                raise StaleRecordError("plan", None, expected_number, latest)
            row = PlanRow(batch_id=batch_id, number=latest + 1, status=DRAFT, kind=kind, seed=plan.seed,
                          operator=self.user, created_at=utcnow(), plan_json=plan_json, scenario_json=data,
                          summary=summary, note="")
            session.add(row)
            session.flush()
            audit.record(session, self.user, "plan", row.id, kind if kind != "plan" else "create", None,
                         {"batch_id": batch_id, "number": row.number, "seed": plan.seed,
                          **{k: v for k, v in summary.items() if k != "skipped"}})
            return _stored(row)

    # --- stored plans -----------------------------------------------------------------------------------
    def plans(self, batch_id: int) -> list[StoredPlan]:
        with self.db.reading() as session:
            return [_stored(r) for r in session.scalars(
                select(PlanRow).where(PlanRow.batch_id == batch_id).order_by(PlanRow.number))]

    def latest(self, batch_id: int, status: str | None = None) -> StoredPlan | None:
        """The newest stored plan of the batch (the newest ``final`` one with ``status=FINAL``)."""
        with self.db.reading() as session:
            stmt = select(PlanRow).where(PlanRow.batch_id == batch_id)
            if status is not None:
                stmt = stmt.where(PlanRow.status == status)
            row = session.scalar(stmt.order_by(PlanRow.number.desc()).limit(1))
            return _stored(row) if row is not None else None

    def get(self, plan_id: int) -> StoredPlan:
        with self.db.reading() as session:
            row = session.get(PlanRow, plan_id)
            if row is None:
                raise LookupError(f"no plan {plan_id}")
            return _stored(row)

    def check(self, plan_id: int, plan_data: dict | None = None) -> list[Violation]:
        """Check a stored plan — or ``plan_data`` (an edited plan JSON) against the stored plan's scenario —
        with the planner's rules now; hard violations and warnings (``Violation.hard``)."""
        stored = self.get(plan_id)
        rules = self.rules_for(stored.batch_id)
        scenario = parse_scenario(stored.scenario_json, rules)
        plan = plan_from_json(plan_data) if plan_data is not None else stored.plan
        return self.checker(scenario, rules).check(plan)

    def checker(self, scenario: Scenario, rules: PlanningRules) -> PlanChecker:
        """The checker of stored plans: the holiday calendar (read once per rules folder) and the centre's
        weekend setting."""
        from eligibility_desk.services.sessions.plan_settings import weekend_hint

        return PlanChecker(scenario, rules, WorkCalendar.cached(self._rules_dir), weekend_hint(self.db))

    def finalise(self, plan_id: int, expected_version: int | None = None) -> StoredPlan:
        """Declare a plan final (slips are printed, score sheets may be made).  Refused with violations."""
        require(self.actor, Role.PLANNER, action="编排定稿")
        hard = [v for v in self.check(plan_id) if v.hard]
        if hard:
            raise PlanNotFinal(f"plan {plan_id} breaks {len(hard)} hard rule(s) ({hard[0].code}); fix it first")
        with self.db.writing() as session:
            row = session.get(PlanRow, plan_id)
            if expected_version is not None and row.version_id != expected_version:
                raise StaleRecordError("plan", plan_id, expected_version, row.version_id)
            if row.status != FINAL:
                row.status = FINAL
                session.flush()
                audit.record(session, self.user, "plan", plan_id, "finalise", {"status": DRAFT}, {"status": FINAL})
            return _stored(row)

    def export(self, batch_id: int, plan_path: str | Path | None, scenario_path: str | Path | None,
               plan_id: int | None = None) -> StoredPlan:
        """Write the plan JSON and the scenario JSON of the batch's newest plan (or ``plan_id``) — the files
        ``eligibility-desk check-plan`` and the printing commands (``slips`` …) read.

        The scenario holds the candidates' names and 身份证号: an actor who may not see full numbers
        (``domain.roles.sees_id_numbers``) gets them masked, and writing it leaves an audit row."""
        from eligibility_desk.domain.roles import mask_id_number, sees_id_numbers

        stored = self.get(plan_id) if plan_id is not None else self.latest(batch_id)
        if stored is None:
            raise LookupError(f"batch {batch_id} has no stored plan")
        scenario, masked = stored.scenario_json, not sees_id_numbers(self.actor)
        if masked and scenario_path is not None:
            scenario = {**scenario, "candidates": [
                {**c, "id_number": mask_id_number(c["id_number"])} if isinstance(c, dict) and c.get("id_number") else c
                for c in scenario.get("candidates", [])]}
        # both files written whole beside their targets first, then both renamed: a scenario that cannot be
        # written leaves no plan file behind either (nothing is exported by halves)
        parts = []
        try:
            for path, data in ((plan_path, stored.plan_json), (scenario_path, scenario)):
                if path is not None:
                    parts.append((_write_part(Path(path), data), Path(path)))
            for _part, path in parts:       # a rename that would fail, found before the first is done
                if path.is_dir():
                    raise IsADirectoryError(21, "是文件夹，不是文件 / is a folder", str(path))
            for part, path in parts:
                part.replace(path)
        finally:
            for part, _path in parts:
                part.unlink(missing_ok=True)
        if scenario_path is not None:     # names and 身份证号 left the database
            with self.db.writing() as session:
                audit.record(session, self.user, "plan", stored.id, "export", None,
                             {"file": str(scenario_path), "id_numbers_masked": masked})
        return stored


@dataclass(frozen=True)
class ShownPlan:
    """A stored version ready to show and edit: the version, its parsed scenario and rules, and its plan (a
    fresh copy each time — the planner view edits it in place)."""

    stored: StoredPlan
    scenario: Scenario
    rules: PlanningRules
    plan: Plan
    weekend_hint: bool = True         # the centre's setting (plan_settings): warn about weekend sessions
    checked: object = None            # a planning.incremental.IncrementalCheck of ``plan``, when the caller
                                      # made the full check already (the 编排 workspace does, on its worker)


# --- the 编排 workspace's work: module-level ``fn(desk, …, progress, cancelled)`` run on a worker thread, each
# the SessionService call of the same name returning a ShownPlan (the GUI imports them when first used) ------

def shown(sessions: SessionService, stored: StoredPlan) -> ShownPlan:
    from eligibility_desk.services.sessions.plan_settings import weekend_hint

    rules = sessions.rules_for(stored.batch_id)
    return ShownPlan(stored, parse_scenario(stored.scenario_json, rules), rules, stored.plan, weekend_hint(sessions.db))


def latest_shown(desk, batch_id: int) -> ShownPlan | None:
    sessions = SessionService.from_desk(desk)
    stored = sessions.latest(batch_id)
    return shown(sessions, stored) if stored is not None else None


def plan_batch_shown(desk, batch_id: int, seed: int | None, progress: Progress = no_progress,
                     cancelled: Cancelled = never_cancelled) -> ShownPlan:
    sessions = SessionService.from_desk(desk)
    return shown(sessions, sessions.plan_batch(batch_id, seed=seed, progress=progress, cancelled=cancelled))


def replan_batch_shown(desk, batch_id: int, lost_rooms: list[str], expected_number: int,
                       progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> ShownPlan:
    sessions = SessionService.from_desk(desk)
    return shown(sessions, sessions.replan_batch(batch_id, lost_rooms=lost_rooms, expected_number=expected_number,
                                                 progress=progress, cancelled=cancelled))


def store_edited_shown(desk, batch_id: int, plan: Plan, expected_number: int) -> ShownPlan:
    sessions = SessionService.from_desk(desk)
    return shown(sessions, sessions.store_edited(batch_id, plan_to_json(plan), expected_number=expected_number))


def finalise_shown(desk, plan_id: int, expected_version: int) -> ShownPlan:
    sessions = SessionService.from_desk(desk)
    return shown(sessions, sessions.finalise(plan_id, expected_version))


def _stored(row: PlanRow) -> StoredPlan:
    return StoredPlan(row.id, row.batch_id, row.number, row.status, row.kind, row.seed, row.operator, row.created_at,
                      row.version_id, dict(row.summary or {}), row.plan_json, row.scenario_json)


def _write_part(path: Path, data: dict) -> Path:
    """``data`` written whole to ``PATH.part`` (renamed over ``path`` by the caller: a half-written plan must never
    be printed from)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _level_rank(level: str, rules: PlanningRules) -> int:
    """Rank of a level: the highest level (一级, "1") first — ``rules.levels`` runs from 4 to 1."""
    return -rules.levels.index(level) if level in rules.levels else 1


def _approved_applications(session, batch_id: int):
    """Applications of the batch approved for assessment, with the applicant's code, name and ID number."""
    APP, A = ApplicationRow.__table__, ApplicantRow.__table__
    RES, DEC = ScreeningResultRow.__table__, ReviewDecisionRow.__table__
    latest = queries.latest_results(batch_id)
    decided = queries.latest_decisions()
    stmt = (select(APP.c.id, APP.c.applicant_id, APP.c.level, RES.c.verdict, DEC.c.approve,
                   A.c.code, A.c.name, A.c.id_number)
            .select_from(APP)
            .join(A, A.c.id == APP.c.applicant_id)
            .join(latest, latest.c.application_id == APP.c.id)
            .join(RES, RES.c.id == latest.c.result_id)
            .outerjoin(decided, decided.c.result_id == latest.c.result_id)
            .outerjoin(DEC, DEC.c.id == decided.c.decision_id)
            .where(APP.c.batch_id == batch_id))
    return [r for r in session.execute(stmt)
            if (r.approve if r.approve is not None else r.verdict == "eligible")]


def _institutions(session, pks: list[int]) -> dict[int, str]:
    """For 回避: the school a person is still at, else the current employer, else the latest employer or school."""
    EDU, WORK = EducationRow.__table__, WorkPeriodRow.__table__
    schools: dict[int, list] = defaultdict(list)
    jobs: dict[int, list] = defaultdict(list)
    for chunk in range(0, len(pks), 900):   # SQLite's bound-parameter limit
        part = pks[chunk:chunk + 900]
        for r in session.execute(select(EDU.c.applicant_id, EDU.c.school, EDU.c.in_school, EDU.c.graduated_on)
                                 .where(EDU.c.applicant_id.in_(part))):
            if r.school:
                schools[r.applicant_id].append(r)
        for r in session.execute(select(WORK.c.applicant_id, WORK.c.employer, WORK.c.start, WORK.c.end)
                                 .where(WORK.c.applicant_id.in_(part))):
            if r.employer:
                jobs[r.applicant_id].append(r)
    out = {}
    for pk in pks:
        current = [s for s in schools[pk] if s.in_school]
        ongoing = sorted((j for j in jobs[pk] if j.end is None), key=lambda j: j.start)
        ended = sorted((j for j in jobs[pk] if j.end is not None), key=lambda j: j.end)
        past = sorted(schools[pk], key=lambda s: s.graduated_on or date.min)
        pick = (current[-1].school if current else ongoing[-1].employer if ongoing else ended[-1].employer if ended
                else past[-1].school if past else "")
        out[pk] = pick
    return out


__all__ = ["BatchCandidate", "DRAFT", "FINAL", "PlanNotFinal", "SessionService", "StoredPlan", "batch_code",
           "gender_of"]
