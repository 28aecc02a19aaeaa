"""The public Python API (``rules_engine.api.screen_records``) against its documented slow path.

docs/interchange.md: ``screen_records`` gives, per record in file order, the same level results — verdicts,
passing clauses, eligible_from, every clause's verdict, trace and date — or the same ``InvalidRecord`` (every
problem with its field) as ``domain.interchange.parse_applicant`` + ``CompiledStandard.screen_many``.  Here
both run over many generated interchange records (valid ones of every shape, and broken ones) for every
shipped standard, and each ``.clauses`` is also checked against clause results made one by one from the
engine's raw answers, as docs/architecture.md describes them.  Also here: :class:`Verdict` behaves as a plain
``str`` Enum with the same members would, in every way a caller or a file format can see.
"""

from __future__ import annotations

import copy
import enum
import gc
import json
import pickle
import random
from datetime import date, timedelta

import msgspec
import orjson
import pytest

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.domain.interchange_fast import FastApplicant, decode_records
from eligibility_desk.domain.verdict import ClauseResult, LevelResult, Verdict
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.rules_engine.api import screen_records
from eligibility_desk.rules_engine.levelgen import make_clause_builders

AS_OF = (date(2025, 9, 1), date(2024, 2, 29))
OCCUPATIONS = ["电子商务师", "营销员", "互联网营销师", "用户增长运营师", "会计", "厨师", "网络编辑", "电子 商务师"]
MAJORS = ["电子商务", "市场营销", "机械制造", "网络营销", "会计", "广告学", "数字营销技术应用", "网络营销与直播电商"]
SCHOOLS = ["technician_school", "senior_technician_school", "technician_college", "secondary_vocational",
           "higher_vocational", "vocational_undergraduate", "undergraduate"]
CLASSES = [None, "intermediate", "senior", "preparatory_technician", "technician"]
#: valid 居民身份证号码 (check characters right) and one with a wrong check character
ID_NUMBERS = ["510107199102205658", "11010519491231002X", "510107199102205659"]


@pytest.fixture(scope="module")
def library():
    return RuleLibrary.load()


def _day(rng: random.Random, start: date, days: int) -> str:
    if rng.random() < 0.15:  # month ends and 29 February
        first = date(rng.choice([2012, 2016, 2020, 2023, 2024]), rng.choice([1, 3, 8, 12]), 1)
        return (first - timedelta(days=rng.choice([1, 2]))).isoformat()
    return (start + timedelta(days=rng.randrange(days))).isoformat()


def _record(rng: random.Random, i: int, broken: float = 0.12) -> dict:
    work = []
    for _ in range(rng.randrange(0, 4)):
        start = _day(rng, date(2004, 1, 1), 7800)
        period = {"occupation": rng.choice(OCCUPATIONS), "start": start}
        roll = rng.random()
        if roll < 0.6:
            period["end"] = (date.fromisoformat(start) + timedelta(days=rng.randrange(30, 3000))).isoformat()
        elif roll < 0.85:
            period["end"] = None   # still working
        # else no end key: the end is not known
        if rng.random() < 0.2:
            period["employer"] = "某公司"
        work.append(period)
    certificates = []
    for _ in range(rng.randrange(0, 3)):
        cert = {"occupation": rng.choice(OCCUPATIONS), "level": rng.choice([5, 4, 3, 2, 1])}
        if rng.random() < 0.85:
            cert["obtained_on"] = _day(rng, date(2008, 1, 1), 6500)
        certificates.append(cert)
    titles = [{"grade": rng.choice(["junior", "intermediate", "senior"]),
               "obtained_on": _day(rng, date(2006, 1, 1), 7000),
               "profession_matches": rng.choice([True, True, False, None])} for _ in range(rng.randrange(0, 2))]
    education = []
    for _ in range(rng.randrange(0, 3)):
        school = rng.choice(SCHOOLS)
        in_school = rng.random() < 0.25
        item = {"school_type": school, "major": rng.choice(MAJORS), "in_school": in_school,
                "class_type": rng.choice(CLASSES) if school in SCHOOLS[:3] else None,
                "assessed": rng.random() < 0.3}
        if rng.random() < 0.9:
            item["graduated_on"] = _day(rng, date(2026, 1, 1) if in_school else date(2000, 1, 1), 900 if in_school else 9000)
        education.append(item)
    record = {"id": f"R{i:05d}", "name": f"考生{i}", "education": education, "work": work,
              "certificates": certificates, "titles": titles}
    roll = rng.random()
    if roll < 0.05:
        record["id_number"] = rng.choice(ID_NUMBERS)
    elif roll < 0.07:
        record["birth_date"] = "1990-03-07"  # a rarer fact: the careful path reads the record
    return _broken(rng, record) if rng.random() < broken else record


def _broken(rng: random.Random, record: dict) -> dict:
    """One mistake (or one thing to tidy) somewhere in the record."""
    record = copy.deepcopy(record)
    kind = rng.randrange(9)
    if kind == 0:
        record["id"] = ""
    elif kind == 1:
        record["name"] = 7
    elif kind == 2:
        record["work"].append({"occupation": "营销员", "start": "2020-13-01"})
    elif kind == 3:
        record["work"].append({"occupation": "营销员", "start": "2020-05-01", "end": "2019-05-01"})
    elif kind == 4:
        record["certificates"].append({"occupation": "营销员", "level": 6, "obtained_on": "2020-01-01"})
    elif kind == 5:
        record["education"].append({"school_type": "university", "major": "会计"})
    elif kind == 6:
        record["work"].append({"occupation": " 营销员 ", "start": "2015-05-01", "end": None})  # spaces to strip
    elif kind == 7:
        record["titles"].append({"grade": "junior"})
    else:
        record["education"].append({"school_type": "secondary_vocational", "major": "  "})
    return record


def _records(seed: int, n: int) -> list:
    rng = random.Random(seed)
    records: list = [_record(rng, i) for i in range(n)]
    records.insert(n // 3, "not an object")
    records.insert(n // 2, {"id": "NO-NAME"})
    return records


def _slow(standard, records: list, as_of: date, levels=None) -> list:
    """The documented way: every record through parse_applicant, the valid ones through screen_many."""
    parsed = []
    for position, record in enumerate(records):
        try:
            parsed.append(parse_applicant(record, position))
        except InvalidRecord as exc:
            parsed.append(exc)
    screened = iter(standard.screen_many([p for p in parsed if not isinstance(p, InvalidRecord)], as_of, levels))
    return [p if isinstance(p, InvalidRecord) else next(screened) for p in parsed]


def _one_by_one(result: LevelResult) -> tuple:
    """``result.clauses`` made in a plain loop from the engine's answers ``(code, trace, eligible_from
    ordinal)``: an eligible level's clauses carry no date."""
    eligible = result.verdict is Verdict.ELIGIBLE
    return tuple(ClauseResult(cid, Verdict.from_code(code), trace,
                              None if eligible or when is None else date.fromordinal(when))
                 for cid, (code, trace, when) in zip(result.clause_ids, result.clause_answers))


def _assert_same(fast: list, slow: list) -> int:
    assert len(fast) == len(slow)
    compared = 0
    for got, want in zip(fast, slow):
        if isinstance(want, InvalidRecord):
            assert isinstance(got, InvalidRecord), (got, want)
            assert (got.record_id, got.errors, str(got)) == (want.record_id, want.errors, str(want))
            continue
        assert got == want  # every field, the raw answers included
        for result, reference in zip(got, want):
            clauses = result.clauses
            assert type(clauses) is tuple and all(type(c) is ClauseResult for c in clauses)
            assert clauses == reference.clauses == _one_by_one(result)
            assert [c.verdict.value for c in clauses] == [Verdict.from_code(a[0])._value_ for a in result.clause_answers]
            assert result.clauses == clauses  # read again: the same
            compared += len(clauses)
    return compared


@pytest.mark.parametrize("as_of", AS_OF)
def test_api_gives_the_slow_paths_results_for_every_standard(library, as_of):
    records = _records(seed=as_of.toordinal(), n=700)
    text = json.dumps({"applicants": records}, ensure_ascii=False).encode()
    invalid = 0
    for code in library.codes():
        standard = library.get(code, as_of)
        fast = screen_records(standard, text, as_of)
        slow = _slow(standard, records, as_of)
        assert _assert_same(fast, slow) > 700
        invalid = sum(isinstance(o, InvalidRecord) for o in fast)
    assert 40 < invalid < 200  # the broken records are there, and most records are not


def test_api_with_chosen_levels_and_text_input(library):
    as_of = AS_OF[0]
    records = _records(seed=5, n=300)
    standard = library.get("4-07-02-06", as_of)
    text = json.dumps({"applicants": records}, ensure_ascii=False)
    for levels in (["4"], [3, 1], ["2", "4", "3"]):
        fast = screen_records(standard, text, as_of, levels)
        assert _assert_same(fast, _slow(standard, records, as_of, levels)) > 0
        assert [r.level for r in next(o for o in fast if not isinstance(o, InvalidRecord))] == [str(x) for x in levels]


def test_a_clean_document_takes_the_typed_path_and_still_agrees(library):
    """No record to send to the careful parser: the whole document is decoded in one call into the typed
    records, and the answers are still the slow path's."""
    as_of = AS_OF[0]
    rng = random.Random(11)
    records = [_record(rng, i, broken=0) for i in range(1500)]
    records = [r for r in records if "birth_date" not in r and "id_number" not in r]
    text = orjson.dumps({"applicants": records})
    assert all(type(a) is FastApplicant for a in decode_records(text))
    standard = library.get("4-07-02-06", as_of)
    fast = screen_records(standard, text, as_of)
    assert _assert_same(fast, _slow(standard, records, as_of)) > 5000


def test_results_rebuilt_without_the_generated_builders_agree(library):
    """A result whose ``clause_ids`` is not the compiled level's own tuple (one rebuilt, e.g. unpickled)
    builds its clauses with the plain loop: the same clause results."""
    as_of = AS_OF[1]
    records = [r for r in _records(seed=3, n=400)]
    standard = library.get("4-07-02-06", as_of)
    for outcome in screen_records(standard, json.dumps({"applicants": records}), as_of):
        if isinstance(outcome, InvalidRecord):
            continue
        for result in outcome:
            rebuilt = result._replace(clause_ids=tuple(list(result.clause_ids)))
            assert rebuilt.clause_ids is not result.clause_ids
            assert rebuilt.clauses == result.clauses == _one_by_one(result)
            again = pickle.loads(pickle.dumps(result))
            assert again == result and again.clauses == result.clauses


class _PlainVerdict(str, enum.Enum):
    """What :class:`Verdict` would be with Enum's own ``value``."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    REVIEW = "review"
    ERROR = "error"


def _behaviour(member) -> list:
    cls = type(member)
    out = [member.value, type(member.value), member.name, member._value_, str(member).replace(cls.__name__, "V"),
           repr(member).replace(cls.__name__, "V"), format(member).replace(cls.__name__, "V"),
           f"{member:>30}".strip().replace(cls.__name__, "V"), len(f"{member:>30}"), "%s" % member.value, member == member.value,
           member.value == member, member == member.name, hash(member) == hash(member.value),
           hash(member) == hash(member.name),
           cls(member.value) is member, cls[member.name] is member, cls(member) is member,
           [pickle.loads(pickle.dumps(member, p)) is member for p in range(pickle.HIGHEST_PROTOCOL + 1)],
           copy.copy(member) is member, copy.deepcopy(member) is member,
           json.dumps(member), json.dumps({member: [member]}), orjson.dumps(member), orjson.dumps({"v": member}),
           msgspec.json.encode(member), msgspec.json.decode(msgspec.json.encode(member), type=cls) is member,
           msgspec.msgpack.decode(msgspec.msgpack.encode(member), type=cls) is member,
           isinstance(member, str), member in {member.value}, {member.value: 1}.get(member), member.upper(),
           member + "!", len(member), member < "m", sorted([member, "m"])[0] == min(member.value, "m"),
           list(cls).index(member), member in cls, member.value in cls._value2member_map_]
    for attempt in (lambda: setattr(member, "value", "x"), lambda: delattr(member, "value")):
        with pytest.raises(AttributeError):
            attempt()
    return out


def test_verdict_behaves_as_a_plain_str_enum():
    assert [m.name for m in Verdict] == [m.name for m in _PlainVerdict]
    for member, plain in zip(Verdict, _PlainVerdict):
        assert _behaviour(member) == _behaviour(plain)
        assert type(member.value) is str and member.value == plain.value
    assert len(Verdict) == 4 and list(Verdict.__members__) == list(_PlainVerdict.__members__)
    assert [Verdict.from_code(c) for c in (0, 1, 2)] == [Verdict.INELIGIBLE, Verdict.REVIEW, Verdict.ELIGIBLE]
    for wrong in ("Eligible", "nope", 1, None):
        with pytest.raises(ValueError):
            Verdict(wrong)
    # as a value in a msgspec-typed struct and in a pickled result
    decoded = msgspec.json.decode(b'{"v": "review"}', type=dict[str, Verdict])
    assert decoded["v"] is Verdict.REVIEW
    result = ClauseResult("4-1", Verdict.REVIEW, ("work", 5), None)
    assert pickle.loads(pickle.dumps(result)) == result and pickle.loads(pickle.dumps(result)).verdict is Verdict.REVIEW


def test_the_gc_is_left_as_it_was(library):
    """screen_records pauses the cyclic GC while it decodes and screens, and leaves it as it found it — on,
    off, or with objects the program keeps frozen — also when the text is not an interchange document."""
    standard = library.get("4-07-02-06", AS_OF[0])
    text = json.dumps({"applicants": _records(seed=9, n=50)})
    assert gc.isenabled()
    screen_records(standard, text, AS_OF[0])
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(ValueError):
        screen_records(standard, b'{"people": []}', AS_OF[0])
    assert gc.isenabled()
    gc.disable()
    try:
        screen_records(standard, text, AS_OF[0])
        assert not gc.isenabled()
    finally:
        gc.enable()
    kept = [[i] for i in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        screen_records(standard, text, AS_OF[0])
        assert gc.get_freeze_count() == frozen and gc.isenabled()
    finally:
        gc.unfreeze()
    assert kept


def test_clause_builders_share_the_constant_answers_clause_results(library):
    """A missing kind of fact answers with the clause's constant: its ClauseResult is made once and shared,
    also by builders made later for the same clause ids without the constants named (as another generated
    screening function makes them), and equals the one made afresh."""
    as_of = AS_OF[0]
    standard = library.get("4-07-02-06", as_of)
    results = [r for o in screen_records(standard, json.dumps({"applicants": _records(seed=21, n=300)}), as_of)
               if not isinstance(o, InvalidRecord) for r in o]
    shared = 0
    for level in standard.levels.values():
        ids = tuple(c.spec.id for c in level.clauses)
        constants = [getattr(c.predicate, "missing", None) for c in level.clauses]
        eligible, other = make_clause_builders(ids)  # constants from the compiled level
        for result in results:
            if result.level != level.spec.level:
                continue
            build = eligible if result.verdict is Verdict.ELIGIBLE else other
            first, again = build(result.clause_answers), build(result.clause_answers)
            assert first == again == result.clauses == _one_by_one(result)
            for i, answer in enumerate(result.clause_answers):
                if answer is constants[i]:
                    assert first[i] is again[i] and result.clauses[i] is result.clauses[i]
                    shared += 1
    assert shared > 300
