"""The loader against hostile rule files: every mutation of the shipped files and every odd file is refused
as one message naming the file and the line (and the field) — never a traceback, a hang or a memory blow-up —
and the other standards still load, list and screen.

* Generated: every ``key: value`` line of three shipped files (a national standard with every optional
  section, a 1+X pack, a reference list) deleted, renamed, turned into a list or a mapping, written twice,
  and its numbers and dates replaced by text, negative, zero, huge, fractional, null, true, or dates that do
  not exist (:mod:`tests.rules_engine.rule_mutations`).
* Written out: tabs, a UTF-8 BOM (accepted), GBK bytes, a 0-byte file, a binary file, only comments, YAML tags,
  a NUL, anchors that refer to themselves or spell out to billions of values, a 50 MB file, a level code
  that is not declared, two files for one standard, case files naming a standard or level that does not
  exist.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from eligibility_desk.rules_engine import RuleFileError, RuleLibrary
from eligibility_desk.rules_engine.library import compile_standard
from eligibility_desk.rules_engine.loader import load_standard
from eligibility_desk.rules_engine.sections import check_with_readers
from tests.rules_engine.rule_mutations import billion_laughs_when, key_line_mutations

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rules"
ALL = set(RuleLibrary.load(SHIPPED).codes())
NATIONAL = "standards/4-07-02-06.yaml"
PACK = "standards/1x-530054.yaml"
LIST = "lists/related-occupations-4-07-02-06.yaml"
OTHER = "standards/1x-financial-digital-marketing.yaml"
#: standard code -> its file name
SCALES = {s.code: s for s in RuleLibrary.load(SHIPPED).all_versions()}
CODES = {code: Path(s.spec.path).name for code, s in SCALES.items()}
#: the standards a broken file may take with it (the standard itself; a list: the standards naming it)
DEPENDS = {NATIONAL: {"4-07-02-06"}, PACK: {"530054"}, LIST: {"4-07-02-06"}}


@pytest.fixture()
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("calendar"))
    return root


def _library_problems(root: Path, target: str) -> tuple[RuleLibrary, list[RuleFileError]]:
    library = RuleLibrary.load(root)  # anything but a RuleFileError here is a traceback a user would see
    present = {path.name for path in (root / "standards").glob("*.yaml")}
    expected = {code for code, name in CODES.items() if name in present} - DEPENDS[target]
    assert expected <= set(library.codes()), "a broken file stopped other standards from loading"
    return library, library.problems


# --- generated mutations -----------------------------------------------------------------------------------

#: kinds that can never be right wherever they are done
ALWAYS_WRONG = ("rename", "to-list", "to-map", "twice", "to-scalar")


def _problems_of(rules: Path, target: str, lists: dict) -> list[RuleFileError]:
    """The problems the library reports for the folder after ``target`` was mutated: a standard is read and
    compiled alone, against the lists read once (what :meth:`RuleLibrary.load` does for each file); a list
    by loading the folder again."""
    if target == LIST:
        return _library_problems(rules, target)[1]
    try:
        spec = load_standard(rules / target, lists)[0]
        check_with_readers(spec.sections, {d.code for d in spec.declared_levels}, spec.path)
        compile_standard(spec, {code: s.spec.declared_levels for code, s in SCALES.items()})
    except RuleFileError as exc:
        return [exc]
    return []


@pytest.mark.parametrize("target", [NATIONAL, PACK, LIST])
def test_every_key_mutation_is_a_named_problem_or_a_valid_file(tmp_path: Path, target: str) -> None:
    rules = tmp_path / "rules"  # the mutated file, its lists and one other standard that must still load
    shutil.copytree(SHIPPED / "lists", rules / "lists")
    (rules / "standards").mkdir()
    for name in (NATIONAL, PACK, OTHER):
        shutil.copy(SHIPPED / name, rules / name)
    lists = RuleLibrary.load(rules).lists
    path = rules / target
    original = path.read_text(encoding="utf-8")
    mutations = list(key_line_mutations(original, per_key=1))
    assert len(mutations) > 15
    wrong = []
    for line, kind, text in mutations:
        path.write_text(text, encoding="utf-8")
        try:
            problems = _problems_of(rules, target, lists)
        except Exception as exc:  # noqa: BLE001 - collected, so one run names every mutation that fails
            wrong.append(f"line {line} {kind}: {type(exc).__name__}: {exc}")
            continue
        finally:
            path.write_text(original, encoding="utf-8")
        for problem in problems:
            if problem.line is None:
                wrong.append(f"line {line} {kind}: no line in {problem}")
            if not str(problem).startswith(f"{problem.path}: line {problem.line}: "):
                wrong.append(f"line {line} {kind}: message does not begin with file and line: {problem}")
        if kind.split(" ")[0] in ALWAYS_WRONG and not problems:
            wrong.append(f"line {line} {kind}: accepted")
        elif problems and not any(Path(p.path).name in (path.name, "4-07-02-06.yaml") for p in problems):
            wrong.append(f"line {line} {kind}: no problem names {path.name}: {problems}")
        elif problems and kind in ALWAYS_WRONG and target != LIST:
            named = [p for p in problems if Path(p.path).name == path.name]
            # near the line changed, or where the renamed thing is used ("unknown part 'theory'")
            if named and abs(named[0].line - line) > 3 and kind not in ("to-scalar", "rename"):
                wrong.append(f"line {line} {kind}: named line {named[0].line}: {named[0]}")
    assert not wrong, "\n".join(wrong[:40])


@pytest.mark.parametrize("value", ["-1", "99999999999", "2.5", '"5"', "true", "null", "[5]", "{n: 5}"])
def test_a_clause_number_that_is_not_a_whole_number_of_years_is_refused(rules: Path, value: str) -> None:
    path = rules / NATIONAL
    text = path.read_text(encoding="utf-8")
    old = "related_work: {years: 5}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, f"related_work: {{years: {value}}}", 1), encoding="utf-8")
    _library, problems = _library_problems(rules, NATIONAL)
    assert [(Path(p.path).name, p.line, p.where) for p in problems] == [("4-07-02-06.yaml", line, "clause 4-1")]
    assert "years" in problems[0].message


# --- whole files -----------------------------------------------------------------------------------------------

def _pack_text() -> str:
    return (SHIPPED / PACK).read_text(encoding="utf-8")


def _at(fragment: str) -> int:
    """The line of ``fragment`` in the shipped pack file."""
    text = _pack_text()
    assert fragment in text, fragment
    return text[: text.index(fragment)].count("\n") + 1


HOSTILE = {
    # name: (bytes of the pack file, expected line or None for "any line", phrase of the message)
    "tabs": (_pack_text().replace("\n  code:", "\n\tcode:", 1).encode(), _at("  code:"), "not valid YAML"),
    "gbk": (_pack_text().encode("gbk"), 1, "is not UTF-8 text"),
    "empty": (b"", 1, "is empty"),
    "only comments": (b"# 1\n# 2\n", 1, "holds only comments"),
    "binary": (bytes(range(256)) * 8, 2, "is not UTF-8 text"),
    "NUL": (_pack_text().replace("name: 数字营销技术应用", "name: 数字\x00营销").encode(), _at("name: 数字营销技术应用"), "U+0000"),
    "python tag": (_pack_text().replace("name: 数字营销技术应用", "name: !!python/object/apply:os.system [echo]").encode(),
                   _at("name: 数字营销技术应用"), "could not determine a constructor"),
    "binary tag": (_pack_text().replace("name: 数字营销技术应用", "name: !!binary aGVsbG8=").encode(), _at("name: 数字营销技术应用"),
                   "standard.name"),
    "unquoted date that does not exist": (_pack_text().replace("effective_from: 2021-12-01", "effective_from: 2021-02-30").encode(),
                                          _at("effective_from:"), "not a real date"),
    "date out of range": (_pack_text().replace("effective_from: 2021-12-01", "effective_from: 0000-01-01").encode(),
                          _at("effective_from:"), "not a real date"),
    "self-referring anchor": (_pack_text().replace("listed_major: {otherwise: review}", "all: &me [{any: *me}]", 1).encode(),
                              None, "refers back to the anchor"),
    "unknown clause kind": (_pack_text().replace("listed_major: {otherwise: review}", "listed_majr: {otherwise: review}", 1).encode(),
                            _at("listed_major:"), "unknown predicate 'listed_majr'"),
    "unknown list name": (_pack_text().replace("secondary_original: 1x-530054-majors-secondary-original",
                                               "secondary_original: no-such-list", 1).encode(), _at("secondary_original:"),
                          "unknown list 'no-such-list'"),
    "unknown majors tier": (_pack_text().replace("secondary_vocational: [secondary_original, secondary_new]",
                                                 "secondary_vocational: [secondary_original, secondary_nwe]", 1).encode(),
                            _at("secondary_vocational: [secondary_original"), "unknown majors list 'secondary_nwe'"),
    "level code not declared": (_pack_text().replace("  - level: 高级", "  - level: 特级", 1).encode(), _at("  - level: 高级"),
                                "not declared"),
    "key twice deep inside": (_pack_text().replace("listed_major: {otherwise: review}", "listed_major: {otherwise: review, otherwise: ineligible}", 1).encode(),
                              _at("listed_major:"), "written twice"),
    "multi-document": ((_pack_text() + "\n---\n" + _pack_text()).encode(), None, "not valid YAML"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_named_with_its_line_and_the_others_still_load(rules: Path, name: str, capsys) -> None:
    content, line, phrase = HOSTILE[name]
    path = rules / PACK
    path.write_bytes(content)
    assert main(["rules", "check", str(rules), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    found = re.search(rf"^{re.escape(str(path))}: line (\d+): .*{re.escape(phrase)}", err, re.MULTILINE)
    assert found, err
    if line is not None:
        assert int(found.group(1)) == line, err
    # standards: every other standard listed, the broken file reported, exit 2
    assert main(["--rules", str(rules), "standards", "--format", "json"]) == 2
    out = capsys.readouterr()
    assert {row["code"] for row in json.loads(out.out)} == ALL - {"530054"}
    assert str(path) in out.err
    # rules test: the broken standard's cases cannot run (its standard is missing), the others still do
    assert main(["rules", "test", str(rules)]) == 2
    out = capsys.readouterr()
    passed = int(re.match(r"通过 (\d+) 个，不通过 0 个", out.out).group(1))
    assert passed > 100


def test_what_the_planner_cannot_use_is_named_by_rules_check_with_its_line(rules: Path, capsys) -> None:
    path = rules / NATIONAL
    text = path.read_text(encoding="utf-8")
    block = "  review:\n    role: reviewer\n"
    assert block in text
    path.write_text(text.replace(block, "  review:\n    role: proctor\n", 1), encoding="utf-8")
    line = text[: text.index(block)].count("\n") + 2
    assert main(["rules", "check", str(rules), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{path}: line {line}: staffing.review.role: must be one of invigilator, examiner, reviewer, not 'proctor'" in err, err
    assert main(["rules", "check", str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{path}：第 {line} 行：staffing.review.role：未知的人员角色 'proctor'（可用：invigilator, examiner, reviewer）" in err, err


def test_a_utf8_bom_is_accepted(rules: Path, capsys) -> None:
    path = rules / PACK
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["rules", "check", str(rules)]) == 0, capsys.readouterr().err


def test_two_files_for_one_standard_version_are_refused(rules: Path, capsys) -> None:
    text = _pack_text()
    copy = rules / "standards" / "1x-530054-copy.yaml"
    copy.write_text(text, encoding="utf-8")  # the same code and date
    assert main(["rules", "check", str(rules), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"1x-530054\.yaml: line {_at('effective_from:')}: standard\.effective_from: 530054 has two versions "
                     rf"in force from 2021-12-01 \({re.escape(str(copy))}\); this file is skipped", err), err
    copy.write_text(text.replace("effective_from: 2021-12-01", "effective_from: 2022-12-01"), encoding="utf-8")
    assert main(["rules", "check", str(rules), "--lang", "en"]) == 2  # the same code and version, another date
    err = capsys.readouterr().err
    assert re.search(rf"1x-530054\.yaml: line {_at('version:')}: standard\.version: 530054 version '2021-2\.0' is also "
                     rf"the version of {re.escape(str(copy))}", err), err
    assert main(["--rules", str(rules), "standards", "--format", "json"]) == 2
    rows = [row for row in json.loads(capsys.readouterr().out) if row["code"] == "530054"]
    assert [row["effective_from"] for row in rows] == ["2022-12-01"]


def _run_bounded(*args: str) -> subprocess.CompletedProcess:
    """The command as its own process with 1.5 GB of address space and a minute: a blow-up fails, not hangs."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20,) * 2);"
            "from eligibility_desk.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_billion_laughs_and_a_50_mb_file_are_refused_quickly(rules: Path) -> None:
    pack = rules / PACK
    text = _pack_text()
    old = "listed_major: {otherwise: review}   # 目录外 —— 中心决定：人工审核"
    line = text[: text.index(old)].count("\n") + 1
    pack.write_text(text.replace(old, f"all: [{{any: [{billion_laughs_when(30)}]}}]", 1), encoding="utf-8")
    big = rules / "lists" / "big.yaml"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write("id: big\ntitle: 大\nitems:\n")
        fh.write("  - 某职业名称甲乙丙\n" * 2_500_000)
    proc = _run_bounded("rules", "check", str(rules), "--lang", "en")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{pack}: line {line}: aliases (*name) here repeat the document to more than 200,000 values" in proc.stderr
    assert re.search(rf"{re.escape(str(big))}: line 1: is \d+\.\d MB; a rule file may be at most 5 MB", proc.stderr)


def test_all_and_any_nested_too_deep_are_refused(rules: Path, capsys) -> None:
    pack = rules / PACK
    deep = "{listed_major: {otherwise: review}}"
    for _ in range(40):
        deep = f"{{all: [{deep}]}}"
    pack.write_text(_pack_text().replace("listed_major: {otherwise: review}", deep[1:-1], 1), encoding="utf-8")
    assert main(["rules", "check", str(rules), "--lang", "en"]) == 2
    assert "nested more than 12 deep" in capsys.readouterr().err


# --- case files and screening with a broken file beside ---------------------------------------------------------

def test_broken_case_files_are_reported_and_the_other_cases_still_run(rules: Path, capsys) -> None:
    folder = rules / "tests" / "bad"
    folder.mkdir()
    (folder / "no-standard.yaml").write_text(
        "standard: 9-00-00-00\ncases:\n  - {name: x, as_of: 2025-09-01, applicant: {}, level: 4, verdict: eligible}\n",
        encoding="utf-8")
    (folder / "no-level.yaml").write_text(
        "standard: 4-07-02-06\ncases:\n  - name: x\n    as_of: 2025-09-01\n    applicant: {}\n    level: 9\n    verdict: eligible\n",
        encoding="utf-8")
    (folder / "shapes.yaml").write_text(
        "standard: 4-07-02-06\ncases:\n"
        "  - {name: a, as_of: \"2025-13-01\", applicant: {}, level: 4, verdict: eligible}\n"
        "  - {name: b, as_of: 2025-09-01, applicant: [1], level: 4, verdict: eligible}\n"
        "  - {name: c, as_of: 2025-09-01, applicant: {}, level: 4, verdict: maybe}\n"
        "  - {name: d, as_of: 2025-09-01, applicant: {}, level: 4, verdict: ineligible, clauses: [4-1]}\n"
        "  - {name: e, as_of: 2025-09-01, applicant: {}, level: 4, verdict: ineligible}\n", encoding="utf-8")
    (folder / "not-yaml.yaml").write_bytes(b"standard: [\n")
    assert main(["rules", "test", str(rules), "--lang", "en"]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    for expected in (r"no-standard\.yaml: line 3: standard: no standard '9-00-00-00'",
                     r"no-level\.yaml: line 6: case 'x'\.level: level '9' is not a level of 4-07-02-06",
                     r"shapes\.yaml: line 3: cases\[0\]\.as_of: must be a date",
                     r"shapes\.yaml: line 4: cases\[1\]\.applicant: must be a mapping",
                     r"shapes\.yaml: line 5: cases\[2\]\.verdict: must be one of eligible, ineligible, review",
                     r"shapes\.yaml: line 6: cases\[3\]\.clauses: must map clause ids to verdicts",
                     r"not-yaml\.yaml: line 2: standard: not valid YAML"):
        assert re.search(expected, out.err), (expected, out.err)
    shipped = sum(1 for _ in (SHIPPED / "tests").rglob("*.yaml"))
    assert shipped and re.match(r"(\d+) passed, 0 failed, 7 broken", out.out), out.out  # case e ran and passed


def test_screen_with_a_broken_standard_in_the_folder_still_screens_the_good_ones(rules: Path, tmp_path: Path) -> None:
    (rules / PACK).write_text(_pack_text().replace("effective_from: 2021-12-01", "effective_from: 2021-13-01"), encoding="utf-8")
    applicants = tmp_path / "a.json"
    applicants.write_text(json.dumps({"applicants": [
        {"id": "A", "name": "甲", "work": [{"occupation": "电子商务师", "start": "2015-01-01", "end": None}]}]},
        ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "eligibility_desk", "--rules", str(rules), "screen", str(applicants),
                           "--standard", "4-07-02-06", "--as-of", "2025-09-01", "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    assert {(r["level"], r["verdict"]) for r in results} >= {("4", "eligible"), ("3", "eligible")}
    assert "Traceback" not in proc.stderr
