"""The ``screen`` command's fast JSON output (cli/screen_json.py) and the remembered wording behind it:
the same bytes json's encoder writes for each result, worded as the uncached path words it."""

from __future__ import annotations

import json
import os
import random
from datetime import date, timedelta

import pytest

from eligibility_desk.cli.screen import _error_result
from eligibility_desk.cli.screen_input import decode_part as _decode_part
from eligibility_desk.cli.screen_input import record_texts as _record_texts
from eligibility_desk.cli.screen_json import ResultWriter
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary, explain

from tests.cli.test_screen_command import ROOT, run, write

AS_OF = date(2025, 9, 1)
OCCUPATIONS = ["电子商务师", "营销员", "互联网营销师", "用户增长运营师", "会计", "厨师", "网络 编辑"]
MAJORS = ["电子商务", "市场营销", "机械制造", "网络营销", "数字经济", "会计", "网络营销与直播电商"]
SCHOOLS = ["technician_school", "senior_technician_school", "technician_college", "secondary_vocational",
           "higher_vocational", "vocational_undergraduate", "undergraduate"]


def _day(rng: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=rng.randrange((end - start).days))).isoformat()


def people(n: int, seed: int) -> list[dict]:
    """Varied applicants: ongoing, ended and unknown-end work, certificates (some undated), titles, schools
    finished or in progress, birth dates, 1+X certificates — every clause kind the shipped rules word."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        work = []
        for _ in range(rng.randrange(0, 4)):
            job = {"occupation": rng.choice(OCCUPATIONS), "start": _day(rng, date(2005, 1, 1), date(2022, 1, 1))}
            kind = rng.random()
            if kind < 0.5:
                job["end"] = _day(rng, date.fromisoformat(job["start"]) + timedelta(days=1), date(2025, 8, 1))
            elif kind < 0.8:
                job["end"] = None
            work.append(job)  # else: no "end" key — end unknown
        certificates = []
        for _ in range(rng.randrange(0, 3)):
            cert = {"occupation": rng.choice(OCCUPATIONS), "level": rng.randrange(1, 6)}
            if rng.random() < 0.9:
                cert["obtained_on"] = _day(rng, date(2008, 1, 1), date(2025, 6, 1))
            certificates.append(cert)
        titles = [{"grade": rng.choice(["junior", "intermediate", "senior"]),
                   "obtained_on": _day(rng, date(2008, 1, 1), date(2025, 6, 1)),
                   "profession_matches": rng.choice([True, False, None])} for _ in range(rng.randrange(0, 2))]
        education = []
        for _ in range(rng.randrange(0, 3)):
            school = rng.choice(SCHOOLS)
            item = {"school_type": school, "major": rng.choice(MAJORS),
                    "graduated_on": _day(rng, date(2005, 1, 1), date(2027, 7, 1)),
                    "in_school": rng.random() < 0.3, "assessed": rng.random() < 0.5,
                    "class_type": rng.choice([None, "intermediate", "senior", "preparatory_technician", "technician"])
                    if school in SCHOOLS[:3] else None}
            education.append(item)
        person = {"id": f"P{i:05d}", "name": "考生", "work": work, "certificates": certificates, "titles": titles,
                  "education": education}
        if rng.random() < 0.3:
            person["birth_date"] = _day(rng, date(1960, 1, 1), date(2008, 1, 1))
        out.append(person)
    return out


def _clear_wording_memos() -> None:
    for name in ("_MEMO", "_ISO", "_YMD", "_SCHOOLS"):
        getattr(explain, name).clear()


def uncached(clause, lang: str) -> str:
    """The wording with every memo emptied first: what the first sight of a clause result gives."""
    _clear_wording_memos()
    return explain.explain_clause(clause, lang)


def plain_line(result, texts: dict, lang: str) -> bytes:
    """One result through json's encoder, built by hand from the public attributes."""
    doc = {
        "applicant": result.applicant_id,
        "level": result.level,
        "verdict": result.verdict.value,
        "passing_clauses": list(result.passing_clauses),
        "eligible_from": result.eligible_from.isoformat() if result.eligible_from else None,
        "clauses": [{"id": c.id, "verdict": c.verdict.value, "text": texts[c.id], "explanation": uncached(c, lang)}
                    for c in result.clauses],
    }
    return json.JSONEncoder(ensure_ascii=False).encode(doc).encode()


@pytest.fixture(scope="module")
def library():
    return RuleLibrary.load(ROOT / "rules")


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])  # fr: the general wording's own choice, through explain_answer
@pytest.mark.parametrize("code", ["4-07-02-06", "530054"])
def test_remembered_fragments_are_the_bytes_json_writes_for_the_uncached_wording(library, code, lang):
    standard = library.get(code, AS_OF)
    texts = {c.id: c.text for level in standard.spec.levels for c in level.clauses}
    results = [r for p in people(400, seed=7) for r in standard.screen(parse_applicant(p), AS_OF)]
    # twice over, so that the second pass is served from the writer's memo
    writer = ResultWriter(texts, lang)
    first: list[bytes] = []
    again: list[bytes] = []
    _clear_wording_memos()
    writer.write(results, first)
    writer.write(results, again)
    assert writer.fragments() < sum(len(r.clauses) for r in results)  # some clause results did repeat
    expected = b"".join(b",\n" + plain_line(r, texts, lang) for r in results)
    assert b"".join(first) == expected
    assert b"".join(again) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fragments_from_the_engines_answers_are_the_bytes_of_the_clause_results(library, lang):
    """The writer words each clause from the result's ``clause_answers`` (no ClauseResult): for 3,000
    generated applicants at every level, in one writer (its memos warm, repeats served from them), every
    line is json's encoding of ``.clauses`` worded uncached — eligible levels (no dates on their clauses)
    and the others (dates where a clause would be met) alike."""
    standard = library.get("4-07-02-06", AS_OF)
    texts = {c.id: c.text for level in standard.spec.levels for c in level.clauses}
    results = [r for p in people(3000, seed=17) for r in standard.screen(parse_applicant(p), AS_OF)]
    assert {r.verdict.value for r in results} == {"eligible", "ineligible", "review"}
    assert any(c.eligible_from is not None for r in results for c in r.clauses)
    writer = ResultWriter(texts, lang)
    out: list[bytes] = []
    _clear_wording_memos()
    writer.write(results, out)
    assert writer.fragments() < sum(len(r.clauses) for r in results) * 0.9
    expected = b"".join(b",\n" + plain_line(r, texts, lang) for r in results)
    assert out == [expected]
    # the same as pieces (what the second worker keeps), and through the plain loop alone (no branch per
    # number of clauses: levels of 3 to 6 clauses here) and with a branch for one clause only
    for unrolled in (0, 1, 8):
        pieces: list[bytes] = []
        ResultWriter(texts, lang, unrolled=unrolled).write(results, pieces, joined=False)
        assert len(pieces) > len(results) and b"".join(pieces) == expected


def test_the_remembered_wording_is_the_uncached_wording_for_many_clause_results(library):
    """explain_clause with warm memos (dates, lengths, schools, child traces) against a cold call, for
    every clause result of 1,500 generated applicants at every level of every shipped standard."""
    checked = 0
    for standard in library.all_versions():
        results = [r for p in people(1500 if standard.code == "4-07-02-06" else 200, seed=11)
                   for r in standard.screen(parse_applicant(p), AS_OF)]
        clauses = list(dict.fromkeys(c for r in results for c in r.clauses))
        _clear_wording_memos()  # warm: both languages through the same memos, interleaved
        warm = {(c, lang): explain.explain_clause(c, lang) for c in clauses for lang in ("zh", "en")}
        assert all(explain.explain_clause(c, lang) == text for (c, lang), text in warm.items())
        sample = clauses if len(clauses) < 600 else random.Random(3).sample(clauses, 600)
        for clause in sample:
            for lang in ("zh", "en"):
                assert warm[(clause, lang)] == uncached(clause, lang)
                checked += 1
    assert checked > 2000


def test_error_results_are_written_as_json_writes_them():
    with pytest.raises(InvalidRecord) as caught:
        parse_applicant({"id": "引号\"\t\u2028", "name": "王五", "work": [{"occupation": "营销员", "start": "2021-13-01"}]})
    exc = caught.value
    for lang in ("zh", "en"):
        results = [_error_result(exc, "4", lang), _error_result(exc, "3", lang)]
        lines = [b",\n" + json.dumps(r, ensure_ascii=False).encode() for r in results]
        out: list[bytes] = []
        ResultWriter({}, lang).write(results, out)
        assert out == [b"".join(lines)]  # one call, one byte string
        pieces: list[bytes] = []
        ResultWriter({}, lang).write(results, pieces, joined=False)
        assert pieces == lines  # or its pieces: here, a line each
        assert json.loads(out[0][2:len(lines[0])])["verdict"] == "error"


def test_a_part_decodes_its_records_and_numbers_invalid_ones_by_their_place_in_the_file():
    records = [{"id": f"P{i}", "name": "考生"} for i in range(10)]
    records[7] = "not an object"
    records[8] = {"name": "无编号"}
    data = json.dumps({"applicants": records}, ensure_ascii=False).encode()
    raws = _record_texts(data)
    whole = _decode_part(raws, 0, 10)
    part = _decode_part(raws, 5, 10)
    assert [type(r) for r in part] == [type(r) for r in whole[5:]]
    assert isinstance(part[2], InvalidRecord) and part[2].record_id == "#8"
    assert [e.field for e in part[2].errors] == ["applicants[7]"]
    assert part[3].record_id == whole[8].record_id == "#9"
    assert _record_texts(b'{"people": []}') is None and _record_texts(b"not json") is None


def _expected_document(path, lang: str, levels=None) -> tuple[dict, int]:
    """What the command must print, built the plain way in this process."""
    library = RuleLibrary.load(ROOT / "rules")
    standard = library.get("4-07-02-06", AS_OF)
    texts = {c.id: c.text for level in standard.spec.levels for c in level.clauses}
    records = json.loads(open(path, encoding="utf-8").read())["applicants"]
    results = []
    errors = 0
    for position, record in enumerate(records):
        try:
            applicant = parse_applicant(record, position)
        except InvalidRecord as exc:
            errors += 1
            results.extend(_error_result(exc, level, lang) for level in (levels or standard.levels))
            continue
        for r in standard.screen(applicant, AS_OF, levels):
            results.append(json.loads(plain_line(r, texts, lang)))
    return ({"standard": standard.code, "rule_version": standard.version, "as_of": AS_OF.isoformat(),
             "results": results}, errors)


@pytest.mark.parametrize("lang,levels", [("zh", ["4"]), ("en", None)])
def test_the_command_in_two_processes_prints_what_the_plain_path_gives(tmp_path, lang, levels):
    """Above a few thousand records the second half is decoded, screened and worded in a forked child;
    invalid records in both halves keep their place and their error."""
    applicants = people(4400, seed=5)
    applicants[100] = {"id": "BAD1", "name": "坏", "work": [{"occupation": "营销员", "start": "2021-13-01"}]}
    applicants[3000] = "not an object"
    applicants[3001] = {"name": "无编号"}
    applicants[4000] = {**applicants[4000], "id": "引号\"与\\反斜杠\t"}
    path = write(tmp_path, applicants)
    args = ["screen", path, "--standard", "4-07-02-06", "--as-of", AS_OF.isoformat(), "--lang", lang]
    for level in levels or ():
        args += ["--level", level]
    proc = run(*args)
    expected, errors = _expected_document(path, lang, levels)
    assert errors == 3 and proc.returncode == 1
    assert json.loads(proc.stdout) == expected
    # the layout is json.dumps' own: one result a line, ", " and ": " separators
    lines = proc.stdout.split("\n")
    assert lines[0].startswith('{"standard": "4-07-02-06", "rule_version": ') and lines[0].endswith('"results": [')
    assert lines[1] == json.dumps(expected["results"][0], ensure_ascii=False) + ","
    assert lines[-2:] == ["]}", ""]


def test_the_table_words_every_clause_as_the_uncached_path(tmp_path):
    applicants = people(60, seed=9)
    path = write(tmp_path, applicants)
    proc = run("screen", path, "--standard", "4-07-02-06", "--as-of", AS_OF.isoformat(), "--level", "3",
               "--format", "table")
    assert proc.returncode == 0, proc.stderr
    standard = RuleLibrary.load(ROOT / "rules").get("4-07-02-06", AS_OF)
    marks = {"eligible": "✓", "ineligible": "✗", "review": "?"}
    expected = [f"    {marks[c.verdict.value]} {c.id}  {uncached(c, 'zh')}"
                for p in applicants for r in standard.screen(parse_applicant(p), AS_OF, ["3"]) for c in r.clauses]
    shown = [line for line in proc.stdout.split("\n") if line.startswith("    ")]
    assert shown == expected


def _numbers(start: int, end: int) -> bytes:
    return "".join(f"{i}、" for i in range(start, end)).encode()


def _emit_numbers(start: int, end: int, emit) -> int:
    """Hands its numbers over a hundred at a time, as the command hands over its lines."""
    for at in range(start, end, 100):
        emit([f"{i}、".encode() for i in range(at, min(at + 100, end))])
    return end - start


def test_write_in_two_writes_both_halves_to_the_shared_output_in_order(tmp_path):
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    path = tmp_path / "out.txt"
    parent = os.getpid()
    workers = tmp_path / "workers"
    workers.mkdir()

    def work(start, end, emit):
        (workers / f"{os.getpid()}-{start}").touch()
        return _emit_numbers(start, end, emit)

    for make_emit in (lambda out: chunk_writer(out), lambda out: (lambda chunks: (out.write(b"".join(chunks)), out.flush()))):
        for child in workers.iterdir():
            child.unlink()
        with open(path, "wb") as out:
            assert write_in_two(10_000, work, make_emit(out)) == 10_000
        assert path.read_bytes() == _numbers(0, 10_000)
        made = sorted(p.name.split("-") for p in workers.iterdir())
        # two forked workers, one half each; this process did none of the work
        assert sorted(start for _pid, start in made) == ["0", "5000"] and str(parent) not in {pid for pid, _ in made}
        assert len({pid for pid, _ in made}) == 2
    for child in workers.iterdir():
        child.unlink()
    with open(path, "wb") as out:  # a small job: no worker
        assert write_in_two(10, work, chunk_writer(out)) == 10
    assert path.read_bytes() == _numbers(0, 10)
    assert [p.name for p in workers.iterdir()] == [f"{parent}-0"]


def test_the_second_worker_writes_each_chunk_it_was_handed_joined(tmp_path):
    """write_in_two's second worker hands each chunk to ``emit`` as one byte string — its pieces joined (the
    kernel's cost per piece made writev of the pieces ~1.5x dearer), kept ones once the first part is out and
    the later ones as they come — in order; the first worker's go out as they were handed over."""
    from eligibility_desk.cli.common import write_in_two

    path = tmp_path / "out.txt"
    calls = tmp_path / "calls"
    calls.mkdir()
    with open(path, "wb") as out:
        def emit(chunks):
            with open(calls / str(os.getpid()), "a", encoding="ascii") as fh:
                fh.write(f"{len(chunks)}\n")
            out.write(b"".join(chunks))
            out.flush()

        assert write_in_two(10_000, _emit_numbers, emit) == 10_000
    assert path.read_bytes() == _numbers(0, 10_000)
    handed = sorted(tuple(f.read_text(encoding="ascii").split()) for f in calls.iterdir())
    assert handed == [("1",) * 50, ("100",) * 50]  # the second's 50 chunks joined; the first's as handed over


@pytest.mark.parametrize("failing", [5000, 0])
def test_write_in_two_does_a_half_itself_when_its_worker_fails_before_writing(tmp_path, failing):
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    parent = os.getpid()

    def work(start, end, emit):
        if os.getpid() != parent and start == failing:
            raise MemoryError("the worker runs out")
        return _emit_numbers(start, end, emit)

    path = tmp_path / "out.txt"
    with open(path, "wb") as out:
        assert write_in_two(9_000, work, chunk_writer(out)) == 9_000
    assert path.read_bytes() == _numbers(0, 9_000)


def test_write_in_two_says_so_when_the_first_worker_fails_after_writing(tmp_path):
    from eligibility_desk.cli import CommandError
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    parent = os.getpid()

    def work(start, end, emit):
        if os.getpid() != parent and start == 0:
            emit([b"half-way"])
            raise MemoryError("the worker runs out")
        return _emit_numbers(start, end, emit)

    path = tmp_path / "out.txt"
    with open(path, "wb") as out, pytest.raises(CommandError) as raised:
        write_in_two(9_000, work, chunk_writer(out))
    assert raised.value.status == 1 and "incomplete" in str(raised.value)
    assert path.read_bytes() == b"half-way"  # the second half was not written after it


def _second_half_that_waits(path, parent, then=None):
    """``work`` for write_in_two(9_000): the second half hands over its first hundred numbers, waits (up to
    10 s) until the first half is out in ``path``, hands over the next hundred and then nothing, again and again,
    until those are out too — as they are, with the kept ones, if the second worker writes as soon as it is told
    the first part is out — notes in its own output whether its first numbers were out within the 10 s
    (``"[early]"`` or ``"[late]"``), and goes on (or calls ``then()``)."""
    import time

    first_size = len(_numbers(0, 4500))

    def work(start, end, emit):
        if os.getpid() == parent or start == 0:
            return _emit_numbers(start, end, emit)
        emit([f"{i}、".encode() for i in range(start, start + 100)])
        deadline = time.monotonic() + 10
        while os.path.getsize(path) < first_size and time.monotonic() < deadline:
            time.sleep(0.01)
        emit([f"{i}、".encode() for i in range(start + 100, start + 200)])
        # The parent tells this worker "go" only once it has seen the first worker finish, which under load can
        # come well after the first half's bytes are in the file: keep handing over nothing (which looks at the
        # go signal, as every hand-over does) until what was kept is out, or 10 s pass.
        while os.path.getsize(path) <= first_size and time.monotonic() < deadline:
            emit([])
            time.sleep(0.01)
        early = os.path.getsize(path) > first_size
        emit([b"[early]" if early else b"[late]"])
        if then is not None:
            then()
        return 200 + _emit_numbers(start + 200, end, emit)

    return work


@pytest.mark.parametrize("reap", [True, False])
def test_write_in_two_the_second_half_is_written_as_made_once_the_first_is_out(tmp_path, reap):
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    path = tmp_path / "out.txt"
    with open(path, "wb") as out:
        assert write_in_two(9_000, _second_half_that_waits(path, os.getpid()), chunk_writer(out), reap=reap) == 9_000
    assert path.read_bytes() == _numbers(0, 4700) + b"[early]" + _numbers(4700, 9_000)


def test_write_in_two_says_so_when_the_second_worker_fails_after_writing(tmp_path):
    from eligibility_desk.cli import CommandError
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    def fail():
        raise MemoryError("the worker runs out")

    path = tmp_path / "out.txt"
    with open(path, "wb") as out, pytest.raises(CommandError) as raised:
        write_in_two(9_000, _second_half_that_waits(path, os.getpid(), fail), chunk_writer(out))
    assert raised.value.status == 1 and "incomplete" in str(raised.value)
    assert path.read_bytes() == _numbers(0, 4700) + b"[early]"  # what it wrote before it failed, nothing after


def test_write_in_two_ends_quietly_when_the_output_closes(tmp_path):
    from eligibility_desk.cli.common import chunk_writer, write_in_two

    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write fails (SIGPIPE is ignored by Python)
    with os.fdopen(write_end, "wb") as out, pytest.raises(BrokenPipeError):
        write_in_two(9_000, _emit_numbers, chunk_writer(out))


def test_the_standard_alone_is_the_one_the_whole_folder_gives(library):
    """The command reads only the rule files that bear on its standard; what it compiles screens exactly as
    the whole library's version does, for every shipped standard."""
    from eligibility_desk.rules_engine.library import standard_alone

    applicants = [parse_applicant(p) for p in people(300, seed=13)]
    for code in library.codes():
        alone = standard_alone(str(ROOT / "rules"), code, AS_OF)
        whole = library.get(code, AS_OF)
        assert alone is not None and alone.spec == whole.spec
        assert [alone.screen(a, AS_OF) for a in applicants] == [whole.screen(a, AS_OF) for a in applicants]


def test_a_rule_file_with_a_mistake_is_left_to_the_whole_folder_load(tmp_path):
    import shutil

    from eligibility_desk.rules_engine.library import standard_alone

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "standards" / "broken.yaml").write_text("standard: {code: 0-00}\nwhn: 1\n", encoding="utf-8")
    assert standard_alone(str(rules), "4-07-02-06", AS_OF) is not None  # another standard's mistake
    (rules / "standards" / "broken.yaml").write_text("standard: {code: 4-07-02-06}\nwhn: 1\n", encoding="utf-8")
    assert standard_alone(str(rules), "4-07-02-06", AS_OF) is None  # a mistake in a file of this code
    assert standard_alone(str(rules), "9-99", AS_OF) is None
    proc = run("--rules", str(rules), "screen", write(tmp_path, [{"id": "A1", "name": "张三"}]), "--standard",
               "4-07-02-06", "--as-of", AS_OF.isoformat(), "--level", "4")
    assert proc.returncode == 0 and json.loads(proc.stdout)["results"][0]["verdict"] == "ineligible"
    proc = run("--rules", str(rules), "screen", write(tmp_path, []), "--standard", "9-99")
    assert proc.returncode == 2 and "没有标准 9-99 的规则文件" in proc.stderr
    assert "；1 个规则文件无法载入，例如 " in proc.stderr and "broken.yaml：第 1 行" in proc.stderr  # several mistakes, one file


def test_a_text_only_standard_output_gets_the_same_document(tmp_path, monkeypatch):
    """An embedding program's stdout without a binary buffer (io.StringIO): the same text, one process."""
    import io

    from eligibility_desk.cli import main

    path = write(tmp_path, people(4100, seed=17))
    args = ["screen", path, "--standard", "4-07-02-06", "--as-of", AS_OF.isoformat(), "--level", "4"]
    import gc

    text = io.StringIO()
    monkeypatch.setattr("sys.stdout", text)
    assert gc.isenabled()
    try:
        assert main(["--rules", str(ROOT / "rules"), *args]) == 0
        assert gc.isenabled()  # called in this process (not as the program): the collector given back
    finally:
        gc.enable()
    monkeypatch.undo()
    assert text.getvalue() == run(*args).stdout


def test_a_part_the_fast_decoder_refuses_is_read_record_by_record(monkeypatch):
    """Text json reads and the fast decoders refuse (their ValueError): the plain reading, same records."""
    import eligibility_desk.domain.interchange_fast as fast

    records = [{"id": "A", "name": "张三"}, {"id": "B", "name": "李四", "work": [{"occupation": "营销员", "start": "2021-13-01"}]},
               "not an object"]
    raws = _record_texts(json.dumps({"applicants": records}, ensure_ascii=False).encode())
    plain = _decode_part(raws, 1, 3)

    def refuse(data):
        raise ValueError("not for the fast decoder")

    monkeypatch.setattr(fast, "decode_records", refuse)
    again = _decode_part(raws, 1, 3)
    assert [type(r).__name__ for r in again] == ["InvalidRecord", "InvalidRecord"]
    assert [(r.record_id, [e.field for e in r.errors]) for r in again] == \
        [(r.record_id, [e.field for e in r.errors]) for r in plain] == [("B", ["work[0].start"]), ("#3", ["applicants[2]"])]


@pytest.mark.parametrize("unrolled", [0, 8])
def test_a_result_without_clauses_is_written_as_json_writes_it(unrolled):
    from eligibility_desk.cli.screen import result_to_dict
    from eligibility_desk.domain.verdict import LevelResult, Verdict

    results = [LevelResult(f"P{i}", "4", verdict, (), AS_OF if verdict is Verdict.REVIEW else None, (), (),
                           "x", "1", AS_OF) for i, verdict in enumerate((Verdict.ELIGIBLE, Verdict.REVIEW))]
    for joined in (True, False):
        out: list[bytes] = []
        ResultWriter({}, "zh", unrolled=unrolled).write(results, out, joined)
        assert b"".join(out) == b"".join(
            b",\n" + json.dumps(result_to_dict(r, {}, "zh"), ensure_ascii=False).encode() for r in results)
