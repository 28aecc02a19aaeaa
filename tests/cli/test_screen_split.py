"""The ``screen`` command's halves decoded by their own workers (cli/screen_input.py: split_file,
decode_file_half) and the gated hand-shake that lets nothing out until both halves are accepted
(cli/common.py: write_in_two(gated=True))."""

from __future__ import annotations

import io
import json
import os
from datetime import date

import pytest

from eligibility_desk.cli import screen_input
from eligibility_desk.cli.common import chunk_writer, write_in_two
from eligibility_desk.domain.errors import InvalidRecord

from tests.cli.test_screen_command import ROOT, run, write
from tests.cli.test_screen_json import _emit_numbers, _numbers, people

AS_OF = date(2025, 9, 1)


def _same(a: list, b: list) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, InvalidRecord) or isinstance(y, InvalidRecord):
            if type(x) is not type(y) or x.record_id != y.record_id:
                return False
            if [(e.field, e.code) for e in x.errors] != [(e.field, e.code) for e in y.errors]:
                return False
        elif x != y:
            return False
    return True


def _with_invalid(n: int, seed: int) -> list:
    applicants = people(n, seed)
    applicants[10] = {"id": "BAD1", "name": "坏", "work": [{"occupation": "营销员", "start": "2021-13-01"}]}
    applicants[n - 40] = "not an object"
    applicants[n - 39] = {"name": "无编号"}
    applicants[n - 20] = {**applicants[n - 20], "id": "引号\"与\\反斜杠\t"}
    return applicants


def _on_file(tmp_path, data: bytes, name: str = "applicants.json"):
    """``data`` written to a file of its own: its path."""
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _split(tmp_path, data: bytes, name: str = "applicants.json"):
    """The command's split of ``data`` as a file (:func:`screen_input.split_file`, any size)."""
    return screen_input.split_file(_on_file(tmp_path, data, name), 0)


def _halves(split, mapped: bool = False) -> tuple:
    return (screen_input.decode_file_half(split, False, mapped=mapped),
            screen_input.decode_file_half(split, True, mapped=mapped))


def _is_boundary(data: bytes, split) -> bool:
    """``split`` is a ``}`` found from the middle on and the ``{`` after it, only ``,`` and white space between."""
    p, q = split.p, split.q
    return (p >= len(data) // 2 and data[p:p + 1] == b"}" and data[q:q + 1] == b"{"
            and data[p + 1:q].strip(b", \t\r\n") == b"" and data[p + 1:q].count(b",") == 1)


@pytest.mark.parametrize("mapped", [False, True])
@pytest.mark.parametrize("indent", [None, 2])
def test_the_two_halves_are_the_whole_files_records_numbered_by_their_place(tmp_path, indent, mapped):
    data = json.dumps({"applicants": _with_invalid(1200, seed=3)}, ensure_ascii=False, indent=indent).encode()
    split = _split(tmp_path, data)
    assert split is not None
    if mapped:  # read where they lie in the file (a worker's way), not copied
        assert all(screen_input._mapped_half(split, second) is not screen_input._UNMAPPED for second in (0, 1))
    first, second = _halves(split, mapped)
    raws = screen_input.record_texts(data)
    whole = screen_input.decode_part(raws, 0, len(raws))
    assert first and second and _same(first + second, whole)
    bad = [r for r in second if isinstance(r, InvalidRecord)]
    assert [r.record_id for r in bad] == ["#1161", "#1162", "引号\"与\\反斜杠\t"][: len(bad)] and len(bad) >= 2
    assert [e.field for e in bad[0].errors] == ["applicants[1160]"]


@pytest.mark.parametrize("mapped", [False, True])
def test_a_split_that_is_not_between_two_records_of_the_array_is_refused(tmp_path, mapped):
    records = [{"id": f"P{i}", "name": "考生", "notes": [{"id": 1}, {"id": 2}]} for i in range(50)]
    data = json.dumps({"applicants": records}, ensure_ascii=False).encode()
    inside = data.index(b'}, {"id": 2', len(data) // 2)  # between two objects of a record's own list
    path = _on_file(tmp_path, data)
    split = screen_input.FileSplit(path, screen_input._identity(os.stat(path)), inside, inside + 3)
    assert data[split.q:split.q + 1] == b"{"
    assert screen_input.decode_file_half(split, False, mapped=mapped) is None
    assert screen_input.decode_file_half(split, True, mapped=mapped) is None
    # a key after the array, or "applicants" again after the split: the second half refuses (the whole-file
    # way decides)
    for text, cut in (('{"applicants": [%s, %s], "x": 1}', 25), ('{"applicants": [%s], "applicants": [%s]}', 40)):
        doc = (text % (json.dumps(records[:cut]).strip("[]"), json.dumps(records[cut:]).strip("[]"))).encode()
        split = _split(tmp_path, doc, f"cut{cut}.json")
        assert split is not None
        assert screen_input.decode_file_half(split, True, mapped=mapped) is None
    # "applicants" twice, split in the second (the one the whole file's decoding keeps): both halves accepted,
    # and they hold the second array's records, as the whole-file way does
    doc = ('{"applicants": [%s], "applicants": [%s]}' % (json.dumps(records[:5]).strip("[]"),
                                                        json.dumps(records[5:]).strip("[]"))).encode()
    halves = _halves(_split(tmp_path, doc, "twice.json"), mapped)
    raws = screen_input.record_texts(doc)
    assert len(raws) == 45 and _same(halves[0] + halves[1], screen_input.decode_part(raws, 0, 45))
    assert _split(tmp_path, b'{"x": 1, "applicants": [{"id": "A"}, {"id": "B"}]}', "x.json") is None
    assert _split(tmp_path, b'{"applicants": []}', "empty.json") is None


def _in_process(args: list[str], monkeypatch) -> str:
    """The command in this process on a text-only stdout: one process, the whole-file way (no split)."""
    import gc

    from eligibility_desk.cli import main

    text = io.StringIO()
    monkeypatch.setattr("sys.stdout", text)
    try:
        main(["--rules", str(ROOT / "rules"), *args])
    finally:
        gc.enable()
        monkeypatch.undo()
    return text.getvalue()


@pytest.mark.parametrize("shape", ["plain", "key after", "twice", "nested first key"])
def test_the_command_prints_what_the_whole_file_way_prints(tmp_path, monkeypatch, shape):
    """Large enough to be split: halves accepted, or refused and read the whole-file way — the same output
    as one process reading the whole file, the same exit status."""
    applicants = _with_invalid(3000, seed=11)
    path = tmp_path / "applicants.json"
    if shape == "plain":
        text = json.dumps({"applicants": applicants}, ensure_ascii=False)
    elif shape == "key after":
        text = json.dumps({"applicants": applicants, "note": "x"}, ensure_ascii=False)
    elif shape == "twice":
        text = ('{"applicants": ' + json.dumps(applicants[:1000], ensure_ascii=False) + ', "applicants": '
                + json.dumps(applicants[1000:], ensure_ascii=False) + "}")
    else:  # records begin with "name"; each also lists objects beginning with "name" (unknown: ignored)
        reordered = [{"name": "考生", **a, "extra": [{"name": "甲"}, {"name": "乙"}] * 3} if isinstance(a, dict) else a
                     for a in applicants]
        text = json.dumps({"applicants": reordered}, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) >= 1 << 20  # above _SPLIT_BYTES: the halves are tried
    args = ["screen", str(path), "--standard", "4-07-02-06", "--as-of", AS_OF.isoformat(), "--level", "4"]
    proc = run(*args)
    assert proc.stdout == _in_process(args, monkeypatch)
    ids = [r["applicant"] for r in json.loads(proc.stdout)["results"]]
    assert len(ids) == (2000 if shape == "twice" else 3000)
    assert proc.returncode == 1


def _gated(refuse: set, fail_before: set = frozenset(), fail_after_accept: set = frozenset()):
    parent = os.getpid()

    def work(start, end, emit, accept):
        here = os.getpid() == parent
        if not here and start in fail_before:
            raise MemoryError("the worker runs out before it knows")
        accept(start not in refuse)
        if not here and start in fail_after_accept:
            raise MemoryError("the worker runs out before it writes")
        return _emit_numbers(start, end, emit)

    return work


def test_gated_halves_write_once_both_accept(tmp_path):
    path = tmp_path / "out.txt"
    for kwargs in ({}, {"fail_after_accept": {0}}, {"fail_after_accept": {4500}}):
        with open(path, "wb") as out:
            assert write_in_two(9_000, _gated(set(), **kwargs), chunk_writer(out), gated=True) == 9_000
        assert path.read_bytes() == _numbers(0, 9_000)


@pytest.mark.parametrize("refuse,fail_before", [({0}, set()), ({4500}, set()), ({0, 4500}, set()),
                                                (set(), {0}), (set(), {4500})])
def test_a_refused_or_failed_half_means_nothing_is_written(tmp_path, refuse, fail_before):
    path = tmp_path / "out.txt"
    with open(path, "wb") as out:
        assert write_in_two(9_000, _gated(refuse, fail_before), chunk_writer(out), gated=True) is None
    assert path.read_bytes() == b""


def test_gated_is_never_done_in_one_process(tmp_path):
    with open(tmp_path / "out.txt", "wb") as out:
        assert write_in_two(10, _gated(set()), chunk_writer(out), gated=True) is None
    assert (tmp_path / "out.txt").read_bytes() == b""


def test_each_half_of_a_file_is_read_from_the_file_itself(tmp_path):
    """The parent reads only the file's head and a window at its middle; each half is read and decoded on
    its own (the second numbering its invalid records after counting the first's)."""
    path = tmp_path / "applicants.json"
    path.write_text(json.dumps({"applicants": _with_invalid(1500, seed=7)}, ensure_ascii=False), encoding="utf-8")
    data = path.read_bytes()
    assert screen_input.split_file(str(path), len(data) + 1) is None  # below the size: the whole-file way
    split = screen_input.split_file(str(path), 1000)
    assert split is not None and _is_boundary(data, split)
    raws = screen_input.record_texts(data)
    whole = screen_input.decode_part(raws, 0, len(raws))
    halves = screen_input.decode_file_half(split, False), screen_input.decode_file_half(split, True)
    assert _same(halves[0] + halves[1], whole)
    assert bytes(screen_input.read_half(split, True)) == b'{"applicants": [' + data[split.q:]
    assert bytes(screen_input.read_half(split, False)) == data[:split.p + 1] + b"]}"
    # the file changed after it was split: neither half is read (the whole-file way reads it again)
    path.write_bytes(data.replace(b'"P00001"', b'"Q00001"'))
    os.utime(path, ns=(1, 1))
    assert screen_input.read_half(split, False) is None and screen_input.decode_file_half(split, True) is None
    assert screen_input.split_file(str(tmp_path / "missing.json"), 1000) is None
    assert screen_input.split_file(str(tmp_path), 0) is None  # not a regular file


def test_a_mapped_half_is_the_copied_half_and_leaves_the_file_as_it_was(tmp_path):
    """A worker decodes its half where it lies in the file (a copy-on-write map, the bytes either side of the
    boundary overwritten in its own copy only): the same records as the half read into a buffer; a
    boundary with one byte between the records maps the second half only; what is not ``] }`` after the
    array is refused (the whole-file way decides); a file changed since the split is not read."""
    applicants = _with_invalid(1500, seed=5)
    for name, text in (("spaced.json", json.dumps({"applicants": applicants}, ensure_ascii=False) + "\n"),
                       ("compact.json", json.dumps({"applicants": applicants}, ensure_ascii=False, separators=(",", ":"))),
                       ("indented.json", json.dumps({"applicants": applicants}, ensure_ascii=False, indent=1))):
        data = text.encode()
        split = _split(tmp_path, data, name)
        assert split is not None
        mapped = [screen_input._mapped_half(split, second) for second in (False, True)]
        copied = _halves(split)
        assert mapped[1] is not screen_input._UNMAPPED and _same(mapped[1], copied[1])
        if name == "compact.json":  # "},{": no room for "]}" after the first half's last record
            assert mapped[0] is screen_input._UNMAPPED
        else:
            assert _same(mapped[0], copied[0])
        assert _same(_halves(split, True)[0] + _halves(split, True)[1], copied[0] + copied[1])
        assert (tmp_path / name).read_bytes() == data  # the overwritten bytes were the process's own copy
    records = json.dumps(applicants[:40], ensure_ascii=False)[1:-1]
    for tail in ('], "x": 1}', "]} x", "]]", "]"):
        split = _split(tmp_path, ('{"applicants": [' + records + tail).encode(), "tail.json")
        assert screen_input._mapped_half(split, True) is None
    split = _split(tmp_path, ('{"applicants": [' + records + "]}").encode(), "tail.json")
    assert len(screen_input._mapped_half(split, True)) > 0
    (tmp_path / "tail.json").write_text('{"applicants": []}')
    assert screen_input._mapped_half(split, True) is screen_input._UNMAPPED
    assert screen_input.decode_file_half(split, True, mapped=True) is None


def test_standard_input_is_read_whole(tmp_path):
    applicants = _with_invalid(3000, seed=19)
    text = json.dumps({"applicants": applicants}, ensure_ascii=False)
    args = ["screen", "-", "--standard", "4-07-02-06", "--as-of", AS_OF.isoformat(), "--level", "4"]
    piped = run(*args, stdin=text)
    path = write(tmp_path, applicants)
    from_file = run(*[path if a == "-" else a for a in args])
    assert piped.returncode == from_file.returncode == 1 and piped.stdout == from_file.stdout
