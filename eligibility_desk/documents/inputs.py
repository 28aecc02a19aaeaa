"""What the documents print, read from the plan JSON and the scenario JSON of the planning command line.

The plan gives sessions (part, level, room, start, end, staff, seats with admission numbers); the scenario
gives names, institutions and optionally ``gender``, ``id_number`` and ``photo`` per candidate (a photo path
is relative to the scenario file).  Optional scenario keys this module adds:

* ``"centre"``: ``"某某职业技能等级认定中心"`` or ``{"name": ..., "venue": ...}`` (考点 printed on slips);
* ``"batch_name"`` or ``"batch": {"name": ...}``: the batch's name printed as 批次 (also ``batch_name`` in the
  plan); without one, a plain ``"batch"`` of the scenario, then of the plan (the planning batch code);
* per room ``"venue"`` (building/site), else the centre's venue, else the centre's name.

Everything is checked; an error names the field (``plan.sessions[3].seats[0].candidate``) and the reason.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from eligibility_desk.documents.options import DocumentOptions
from eligibility_desk.domain.text_policy import base_glyphs

DEFAULT_CENTRE = "职业技能等级认定考点"


class DocumentInputError(ValueError):
    """Bad plan or scenario: ``field`` names where, the message says why."""

    def __init__(self, field_name: str, reason: str):
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    level: str
    institution: str = ""
    gender: str = ""
    id_number: str = ""
    photo: Path | None = None


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    kind: str
    venue: str


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seat:
    seat: int
    candidate: Candidate
    admission_no: str


@dataclass(frozen=True)
class Session:
    part: str
    part_name: str
    level: str
    level_name: str
    room: Room
    start: datetime
    end: datetime
    staff: tuple[Staff, ...]
    seats: tuple[Seat, ...]
    #: the staff role the rule file gives the part (``staffing.<part>.role``: invigilator, examiner, reviewer)
    staff_role: str = ""


@dataclass(frozen=True)
class PrintBatch:
    """One batch ready to print; sessions in print order (room order of the scenario, then start time)."""

    centre: str
    batch: str
    standard: str
    occupation: str
    sessions: tuple[Session, ...]
    rooms: tuple[Room, ...]
    #: the score scale's maximum and the pass line (rule file: assessment.scale, assessment.pass_mark)
    scale_max: float
    pass_mark: float
    candidates: dict[str, Candidate] = field(default_factory=dict)

    def sessions_by_room(self) -> list[tuple[Room, list[Session]]]:
        return [(room, [s for s in self.sessions if s.room.id == room.id]) for room in self.rooms
                if any(s.room.id == room.id for s in self.sessions)]


def load_json(path: Path | str, what: str) -> dict:
    from eligibility_desk.domain.interchange_keys import RepeatedKey, strict_pairs

    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f, object_pairs_hook=strict_pairs)   # a key given twice is refused, not the last kept
    except FileNotFoundError:
        raise DocumentInputError(what, f"file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentInputError(what, f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise DocumentInputError(what, f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RepeatedKey as exc:
        raise DocumentInputError(what, f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise DocumentInputError(what, f"{path} must hold a JSON object")
    return data


def load_batch_files(plan_path: Path | str, scenario_path: Path | str, options: DocumentOptions | None = None) -> PrintBatch:
    plan = load_json(plan_path, "plan")
    scenario = load_json(scenario_path, "scenario")
    return read_batch(plan, scenario, options, base_dir=Path(scenario_path).resolve().parent)


def _text(obj: dict, key: str, where: str, required: bool = True) -> str:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise DocumentInputError(f"{where}.{key}", "is missing")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DocumentInputError(f"{where}.{key}", f"must be text, not {type(value).__name__}")
    return str(value)


def _list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise DocumentInputError(f"{where}.{key}", "must be a list")
    return value


def _objects(obj: dict, key: str, where: str):
    for i, item in enumerate(_list(obj, key, where)):
        if not isinstance(item, dict):
            raise DocumentInputError(f"{where}.{key}[{i}]", "must be an object")
        yield f"{where}.{key}[{i}]", item


def _name_of(value, where: str) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("id")
    if value is None or value == "":
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise DocumentInputError(where, "must be text or an object with a name")
    return str(value)


def _when(session: dict, key: str, where: str) -> datetime:
    text = _text(session, key, where)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise DocumentInputError(f"{where}.{key}", f"'{text}' is not a date and time like 2025-10-18T09:00") from None


def read_batch(plan: dict, scenario: dict, options: DocumentOptions | None = None,
               base_dir: Path | None = None, library=None) -> PrintBatch:
    from eligibility_desk.rules_engine import RuleLibrary

    options = options or DocumentOptions()
    code = _text(scenario, "standard", "scenario")
    try:
        standard = (library or RuleLibrary.load()).get(code)
    except Exception as exc:  # the library says which codes it knows
        raise DocumentInputError("scenario.standard", f"unknown standard '{code}' ({exc})") from None
    assessment = standard.spec.section("assessment")
    parts = assessment["parts"]
    staffing = standard.spec.section("staffing") or {}   # §1.9.3: which role staffs each part

    centre_raw = scenario.get("centre")
    centre = options.centre or _name_of(centre_raw, "scenario.centre") or DEFAULT_CENTRE
    centre_venue = _name_of(centre_raw.get("venue"), "scenario.centre.venue") if isinstance(centre_raw, dict) else ""

    candidates: dict[str, Candidate] = {}
    for where, c in _objects(scenario, "candidates", "scenario"):
        cid = _text(c, "id", where)
        if cid in candidates:
            raise DocumentInputError(f"{where}.id", f"duplicate candidate id '{cid}'")
        photo = _text(c, "photo", where, required=False)
        photo_path = None
        if photo:
            photo_path = Path(photo).expanduser()
            if not photo_path.is_absolute() and base_dir is not None:
                photo_path = base_dir / photo_path
        candidates[cid] = Candidate(cid, base_glyphs(_text(c, "name", where)), _text(c, "level", where, required=False),
                                    _text(c, "institution", where, required=False),
                                    _text(c, "gender", where, required=False),
                                    _text(c, "id_number", where, required=False), photo_path)
    rooms: dict[str, Room] = {}
    for where, r in _objects(scenario, "rooms", "scenario"):
        rid = _text(r, "id", where)
        if rid in rooms:
            raise DocumentInputError(f"{where}.id", f"duplicate room id '{rid}'")
        venue = _text(r, "venue", where, required=False) or centre_venue or centre
        rooms[rid] = Room(rid, _text(r, "name", where, required=False) or rid, _text(r, "kind", where, required=False), venue)
    staff: dict[str, Staff] = {}
    for where, s in _objects(scenario, "staff", "scenario"):
        sid = _text(s, "id", where)
        roles = s.get("roles", [])
        staff[sid] = Staff(sid, _text(s, "name", where), tuple(str(r) for r in roles) if isinstance(roles, list) else ())

    sessions = []
    for where, s in _objects(plan, "sessions", "plan"):
        part = _text(s, "part", where)
        if part not in parts:
            raise DocumentInputError(f"{where}.part", f"'{part}' is not a part of {code} ({', '.join(parts)})")
        level = _text(s, "level", where)
        if standard.spec.declared(level) is None:
            codes = ", ".join(d.code for d in standard.spec.declared_levels)
            raise DocumentInputError(f"{where}.level", f"'{level}' is not a skill level of {code} ({codes})")
        room_id = _text(s, "room", where)
        if room_id not in rooms:
            raise DocumentInputError(f"{where}.room", f"room '{room_id}' is not in the scenario")
        start, end = _when(s, "start", where), _when(s, "end", where)
        if end <= start:
            raise DocumentInputError(f"{where}.end", f"{end:%Y-%m-%d %H:%M} is not after the start")
        crew = []
        for i, sid in enumerate(_list(s, "staff", where)):
            if str(sid) not in staff:
                raise DocumentInputError(f"{where}.staff[{i}]", f"staff member '{sid}' is not in the scenario")
            crew.append(staff[str(sid)])
        seats = []
        for seat_where, seat in _objects(s, "seats", where):
            cid = _text(seat, "candidate", seat_where)
            if cid not in candidates:
                raise DocumentInputError(f"{seat_where}.candidate", f"candidate '{cid}' is not in the scenario")
            number = seat.get("seat")
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                raise DocumentInputError(f"{seat_where}.seat", f"must be a whole number from 1, not {number!r}")
            seats.append(Seat(number, candidates[cid], _text(seat, "admission_no", seat_where)))
        seats.sort(key=lambda x: x.seat)
        role = str((staffing.get(part) or {}).get("role") or "")
        if not role and crew and crew[0].roles:   # a rule pack without §staffing: the staff's own role
            role = crew[0].roles[0]
        sessions.append(Session(part, parts[part]["name"], level, standard.spec.level_name(level), rooms[room_id],
                                start, end, tuple(crew), tuple(seats), role))
    room_order = {rid: i for i, rid in enumerate(rooms)}
    sessions.sort(key=lambda s: (room_order[s.room.id], s.start, s.part))

    # the batch's name, not its code: a name given anywhere wins over the planning batch code ("batch": "20253")
    batch = (options.batch or _text(scenario, "batch_name", "scenario", required=False)
             or (_name_of(scenario["batch"], "scenario.batch") if isinstance(scenario.get("batch"), dict) else "")
             or _text(plan, "batch_name", "plan", required=False)
             or _name_of(scenario.get("batch"), "scenario.batch") or _name_of(plan.get("batch"), "plan.batch"))
    if not batch:
        first = min((s.start for s in sessions), default=None)
        batch = f"{first.year}年{first.month}月批次" if first else "批次"
    used_rooms = tuple(r for r in rooms.values() if any(s.room.id == r.id for s in sessions))
    return PrintBatch(centre, batch, code, standard.spec.name, tuple(sessions), used_rooms,
                      assessment["scale"]["max"], assessment["pass_mark"], candidates)


@dataclass(frozen=True)
class SlipLine:
    """One part a candidate sits: what the slip's timetable prints."""

    part_name: str
    start: datetime
    end: datetime
    venue: str
    room: str
    seat: int
    admission_no: str


@dataclass(frozen=True)
class Slip:
    candidate: Candidate
    admission_no: str
    level_name: str
    lines: tuple[SlipLine, ...]


def slips_of(batch: PrintBatch, only: frozenset[str] | None = None) -> list[Slip]:
    """One slip per seated candidate, in admission-number order.

    A candidate's admission number is the one most of their seats carry (normally all of them carry the
    same); a part seated under another number prints that number in its line.
    """
    lines: dict[str, list[SlipLine]] = {}
    levels: dict[str, str] = {}
    for session in batch.sessions:
        for seat in session.seats:
            cid = seat.candidate.id
            lines.setdefault(cid, []).append(SlipLine(session.part_name, session.start, session.end,
                                                      session.room.venue, session.room.name, seat.seat,
                                                      seat.admission_no))
            levels.setdefault(cid, session.level_name)
    slips, matched = [], set()
    for cid, items in lines.items():
        items.sort(key=lambda line: line.start)
        number = Counter(line.admission_no for line in items).most_common(1)[0][0]
        if only is not None:
            hits = only & ({cid} | {line.admission_no for line in items})
            if not hits:
                continue
            matched |= hits
        slips.append(Slip(batch.candidates[cid], number, levels[cid], tuple(items)))
    if only is not None and only - matched:
        missing = "、".join(sorted(only - matched))
        raise DocumentInputError("only", f"no seated candidate has this id or admission number: {missing}")
    slips.sort(key=lambda s: s.admission_no)
    return slips


def batch_texts(batch: PrintBatch, slips: list[Slip] | None = None, notice: tuple[str, ...] = ()):
    """Every text of the batch a document may draw, as ``((kind, id), text)``: kind ``candidate`` or
    ``staff`` with their id, else ``batch`` with the field.  ``slips`` limits the candidates to those
    printed; the font check (:func:`~.fonts.font_for_texts`) names who a text it cannot draw belongs to."""
    for key, text in (("centre", batch.centre), ("batch", batch.batch), ("occupation", batch.occupation)):
        yield ("batch", key), text
    for room in batch.rooms:
        yield ("batch", f"rooms.{room.id}"), room.name
        yield ("batch", f"rooms.{room.id}.venue"), room.venue
    for line in notice:
        yield ("batch", "notice"), line
    parts = set()
    for session in batch.sessions:
        if (session.part_name, session.level_name) not in parts:
            parts.add((session.part_name, session.level_name))
            yield ("batch", session.part), session.part_name
            yield ("batch", f"level {session.level}"), session.level_name
        for person in session.staff:
            yield ("staff", person.id), person.name
    if slips is not None:
        seated = [(slip.candidate, slip.admission_no) for slip in slips]
    else:
        seated = [(seat.candidate, seat.admission_no) for session in batch.sessions for seat in session.seats]
    for candidate, admission_no in seated:
        owner = ("candidate", candidate.id)
        yield owner, candidate.name
        yield owner, admission_no
        if candidate.institution:
            yield owner, candidate.institution
        if candidate.gender:
            yield owner, candidate.gender
        if candidate.id_number:
            yield owner, candidate.id_number
