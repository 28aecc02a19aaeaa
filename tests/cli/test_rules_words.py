"""What ``rules check`` and ``rules test`` say, as a centre's staff read it: Chinese first (English with
``--lang en``), every mistake naming its file, line and field.

The mistakes are generated from the shipped rule files (tests/rules_engine/rule_mutations.py): each
``key: value`` line of a national standard (every planning and scoring section), a 1+X pack and a reference
list deleted, renamed, made a list or a mapping, written twice, its numbers and dates spoilt, and the names
it refers to (parts, lists, roles, tiers, predicates) renamed — then ``rules check`` runs on the copy.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from tests.rules_engine.rule_mutations import key_line_mutations, reference_mutations

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rules"
#: a national standard (every planning and scoring section), a 1+X pack and a list; every shipped rule file
#: with WORDS_ALL_RULE_FILES=1 (~2,200 mutations, a minute or two: run it when the loader or a reader changes)
TARGETS = ("standards/4-07-02-06.yaml", "standards/1x-530054.yaml", "lists/related-occupations-4-07-02-06.yaml")
if os.environ.get("WORDS_ALL_RULE_FILES"):
    TARGETS = tuple(sorted(p.relative_to(SHIPPED).as_posix() for p in SHIPPED.glob("[sl]*/*.yaml")))
#: kinds of mutation that always make a mistake (a key the place does not know, a key written twice, a date
#: that does not exist); the others may leave a valid file (an optional key deleted, another good number)
ALWAYS_WRONG = ("rename", "twice", "date 2020-02-30", "date 0000-01-01", 'date "2020-13-01"')


def _mutations() -> list[tuple[str, int, str, str]]:
    out = []
    for target in TARGETS:
        text = (SHIPPED / target).read_text(encoding="utf-8")
        for line, kind, mutated in [*key_line_mutations(text, per_key=1, by_section=True), *reference_mutations(text)]:
            out.append((target, line, kind, mutated))
    return out


MUTATIONS = _mutations()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("words") / "rules"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("calendar", "tests"))
    return root


def _check(folder: Path, target: str, text: str, capsys, *extra: str) -> tuple[int, str, str]:
    path = folder / target
    original = path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    try:
        capsys.readouterr()
        code = main(["rules", "check", str(folder), *extra])
        out = capsys.readouterr()
    finally:
        path.write_text(original, encoding="utf-8")
    return code, out.out, out.err


_QUOTED = re.compile(r"'[\[{][^\n]*?[\]}]'|'[^'\n]*'|\"[^\"\n]*\"|「[^」\n]*」")
_ENGLISH = re.compile(r"[A-Za-z]+(?: [A-Za-z]+){2,}")


def _english_in(text: str) -> str | None:
    """An English phrase (three words or more) outside quoted values, or None."""
    found = _ENGLISH.search(_QUOTED.sub("", text))
    return found.group(0) if found else None


def test_the_mutation_set_is_generated_from_the_shipped_files_and_covers_every_section() -> None:
    national = [line for target, line, _kind, _text in MUTATIONS if target == TARGETS[0]]
    text = (SHIPPED / TARGETS[0]).read_text(encoding="utf-8").split("\n")
    sections = {re.match(r"^(\w+):", text[i]).group(1) for i in range(len(text)) if re.match(r"^\w+:", text[i])}
    assert {"assessment", "staffing", "durations", "venues", "weights"} <= sections
    for section in sections:  # each top-level section has mutated lines inside it
        start = next(i for i, row in enumerate(text) if row.startswith(f"{section}:")) + 1
        end = next((i for i in range(start, len(text)) if re.match(r"^\w", text[i])), len(text))
        assert any(start < line <= end for line in national), section
    assert len(MUTATIONS) > 300


@pytest.mark.parametrize("target,line,kind,text", MUTATIONS, ids=[f"{t.split('/')[-1]}:{n}:{k}" for t, n, k, _ in MUTATIONS])
def test_every_rules_check_line_is_chinese_first_and_names_file_and_line(folder: Path, capsys, target, line, kind, text) -> None:
    code, out, err = _check(folder, target, text, capsys)
    assert "Traceback" not in err
    if code == 0:  # a mutation that leaves a valid file (another good number, an optional key deleted)
        assert kind not in ALWAYS_WRONG, (kind, out)
        assert not err and out.startswith("正确："), (out, err)
        return
    assert code == 2, (code, out, err)
    lines = err.rstrip("\n").split("\n")
    assert re.fullmatch(r"共 \d+ 处错误，涉及 \d+ 个文件", lines[-1]), err
    assert len(lines) >= 2, err
    prefix = re.compile(rf"^{re.escape(str(folder))}/(standards|lists)/[^/：]+\.yaml：第 (\d+) 行：")
    for message in lines[:-1]:
        found = prefix.match(message)
        assert found, f"no file and line: {message}"
        rest = message[found.end():]
        assert len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"条款|等级|第 \d+ 行", "", _QUOTED.sub("", rest)))) >= 2, message
        assert _english_in(rest) is None, f"English in the Chinese line ({_english_in(rest)!r}): {message}"


def test_the_same_mistakes_read_in_english_with_lang_en(folder: Path, capsys) -> None:
    """The English lines are the same mistakes, one for one, each with its file and line."""
    target, line, kind, text = next(m for m in MUTATIONS if m[0] == TARGETS[0] and m[2] == "unknown reference"
                                     and "role:" in m[3].split("\n")[m[1] - 1])
    code, _out, zh = _check(folder, target, text, capsys)
    code_en, _out, en = _check(folder, target, text, capsys, "--lang", "en")
    assert code == code_en == 2
    zh_lines, en_lines = zh.strip().split("\n"), en.strip().split("\n")
    assert len(zh_lines) == len(en_lines) == 2
    assert re.search(rf"：第 {line} 行：staffing\.\w+\.role：未知的人员角色 '\w+_x'（可用：", zh_lines[0]), zh
    assert re.search(rf": line {line}: staffing\.\w+\.role: .*must be one of", en_lines[0]), en
    assert en_lines[-1] == "1 mistake(s) in 1 file(s)"


@pytest.mark.parametrize("part", ["theory", "skill", "review"])
def test_a_renamed_part_is_said_once_with_every_place_that_uses_it(folder: Path, capsys, part: str) -> None:
    """A part of assessment.parts renamed: staffing, durations, venues, weights and parts_by_level still name
    the old one — one line for the name, listing each place with its line (every one naming the old name)."""
    original = (SHIPPED / TARGETS[0]).read_text(encoding="utf-8")
    found = re.search(rf"^    {part}: \{{name:", original, re.MULTILINE)
    assert found, part
    text = original[: found.start()] + f"    {part}_renamed: {{name:" + original[found.end():]
    code, _out, err = _check(folder, TARGETS[0], text, capsys)
    assert code == 2
    lines = err.strip().split("\n")
    named = [message for message in lines if f"'{part}'" in message]
    assert len(named) == 1, err
    message = named[0]
    places = [int(n) for n in re.findall(r"第 (\d+) 行", message)]
    total = int(re.search(r"共 (\d+) 处错误", lines[-1]).group(1))
    assert len(places) == total >= 4, err  # every use is named, and counted
    rows = original.split("\n")
    assert all(re.search(rf"\b{part}\b", rows[n - 1]) for n in places), [rows[n - 1] for n in places]
    assert f"同一名称另有 {total - 1} 处：" in message
    _code, _out, en = _check(folder, TARGETS[0], text, capsys, "--lang", "en")
    assert f"the same name is also used at {total - 1} other place(s): line " in en


# --- the field of a YAML syntax error and of a missing id ------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old,new,field", [
    # a flow mapping left open in a clause's condition: the key whose value it is
    ("related_work: {years: 5}", "related_work: {years: 5", "levels[0].clauses[0].when.related_work"),
    # a flow list left open in a clause's text: the key, and the item the reader was at
    ("text: 累计从事本职业或相关职业工作满 5 年。", "text: [累计, 5 年", "levels[0].clauses[0].text[1]"),
    # a character YAML does not allow, inside the standard's name
    ("name: 用户增长运营师", "name: \"用户增长\x01运营师\"", "standard.name"),
])
def test_a_yaml_syntax_error_names_the_key_whose_value_it_is_in(folder: Path, capsys, old, new, field) -> None:
    original = (SHIPPED / TARGETS[0]).read_text(encoding="utf-8")
    assert original.count(old) >= 1, old
    text = original.replace(old, new, 1)
    code, _out, err = _check(folder, TARGETS[0], text, capsys)
    assert code == 2
    near = _line_of(original, old)
    found = re.search(r"：第 (\d+) 行：(\S+?)：不是有效的 YAML：", err)
    assert found and found.group(2) == field and near <= int(found.group(1)) <= near + 1, err
    code, _out, en = _check(folder, TARGETS[0], text, capsys, "--lang", "en")
    assert code == 2 and re.search(rf": line \d+: {re.escape(field)}: not valid YAML: ", en), en


def test_a_syntax_error_where_a_key_belongs_at_the_top_names_no_field(folder: Path, capsys) -> None:
    """Between the top-level keys the reader is in no value: file and line only (no made-up field)."""
    target = TARGETS[2]
    original = (SHIPPED / target).read_text(encoding="utf-8")
    text = original.replace("\nitems:", "\n#items:", 1)     # the names left hanging under title/reference
    code, _out, err = _check(folder, target, text, capsys)
    assert code == 2 and re.search(r"\.yaml：第 \d+ 行：不是有效的 YAML：", err), err


@pytest.mark.parametrize("key", ["id", "items"])
def test_a_reference_list_without_its_id_or_items_names_the_key(folder: Path, capsys, key) -> None:
    target = TARGETS[2]
    original = (SHIPPED / target).read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{key}:.*\n" + (r"(  - .*\n)*" if key == "items" else ""), "", original, count=1)
    assert text != original
    code, _out, err = _check(folder, target, text, capsys)
    assert code == 2 and re.search(rf"{re.escape(target.split('/')[-1])}：第 \d+ 行：{key}：缺少 '{key}'", err), err
    code, _out, en = _check(folder, target, text, capsys, "--lang", "en")
    assert code == 2 and re.search(rf": line \d+: {key}: missing '{key}'", en), en


def test_a_clause_without_an_id_names_its_list_and_index(folder: Path, capsys) -> None:
    original = (SHIPPED / TARGETS[0]).read_text(encoding="utf-8")
    second = re.findall(r"(?m)^      - id: (4-\d+)$", original)[1]
    text = original.replace(f"      - id: {second}\n        text:", "      - text:", 1)
    assert text != original
    code, _out, err = _check(folder, TARGETS[0], text, capsys)
    line = _line_of(original, f"- id: {second}")
    assert code == 2 and f"：第 {line} 行：等级 4 clauses[1]：缺少 'id'" in err, err


# --- rules test --------------------------------------------------------------------------------------------


def _first_case(code: str) -> tuple[Path, int, str, str, str]:
    """(case file, line of its first case, name, level, verdict) read from a shipped case file's text."""
    path = sorted((SHIPPED / "tests" / code).glob("*.yaml"))[0]
    rows = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, row in enumerate(rows) if re.match(r"^  - name: ", row))
    name = rows[start].split("name: ", 1)[1].strip()
    block = rows[start: next((i for i in range(start + 1, len(rows)) if re.match(r"^  - ", rows[i])), len(rows))]
    level = next(re.search(r"level: \"?([^\"\s]+)", r).group(1) for r in block if re.match(r"^    level:", r))
    verdict = next(r.split("verdict: ", 1)[1].split()[0] for r in block if re.match(r"^    verdict:", r))
    return path, start + 1, name, level, verdict


@pytest.mark.parametrize("code", sorted(p.name for p in (SHIPPED / "tests").iterdir()))
def test_a_failed_case_names_its_file_line_name_and_the_verdicts_in_chinese(tmp_path: Path, capsys, code: str) -> None:
    root = tmp_path / "rules"
    shutil.copytree(SHIPPED, root)
    shipped, line, name, level, verdict = _first_case(code)
    path = root / shipped.relative_to(SHIPPED)
    wrong = next(v for v in ("eligible", "ineligible", "review") if v != verdict)
    rows = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i in range(line - 1, len(rows)) if re.match(r"^    verdict:", rows[i]))
    rows[at] = rows[at].replace(f"verdict: {verdict}", f"verdict: {wrong}", 1)
    path.write_text("\n".join(rows), encoding="utf-8")
    capsys.readouterr()
    assert main(["rules", "test", str(root)]) == 1
    out = capsys.readouterr()
    err = out.err.split("\n")
    head = f"不通过：{path}：第 {line} 行：用例「{name}」"
    assert head in err, out.err
    i = err.index(head)
    assert re.fullmatch(rf"    等级 {re.escape(level)} 的结论：应为 {wrong}（[^）]+），实际是 {verdict}（[^）]+）", err[i + 1], re.IGNORECASE), err[i + 1]
    clause_lines = [row for row in err[i + 2:] if row.startswith("      ")]
    assert clause_lines and all(re.match(r"      \S+-\d+ (eligible|ineligible|review)（[^）]+）：\S", row) for row in clause_lines)
    assert re.fullmatch(r"通过 \d+ 个，不通过 1 个（.+ 中共 \d+ 个可运行的用例）\n", out.out), out.out
    assert _english_in("\n".join(err[i: i + 2])) is None
    # in English
    assert main(["rules", "test", str(root), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert f"FAIL {path}:{line}: {name}" in out.err
    assert re.search(rf"    level {re.escape(level)}: verdict {verdict}, expected {wrong}", out.err, re.IGNORECASE), out.err
    assert re.fullmatch(r"\d+ passed, 1 failed \(\d+ case\(s\) in .+\)\n", out.out), out.out


def test_each_kind_of_difference_is_worded(tmp_path: Path, capsys) -> None:
    """Passing clauses, a clause's verdict, eligible_from and a phrase of the explanation that differ: each a
    Chinese line saying what was expected and what came."""
    root = tmp_path / "rules"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("tests"))
    (root / "tests").mkdir()
    (root / "tests" / "differ.yaml").write_text(
        "standard: 4-07-02-06\ncases:\n"
        "  - name: 五项都不对\n    as_of: 2025-09-01\n    applicant: {}\n    level: 4\n    verdict: ineligible\n"
        "    passing: [4-1]\n    clauses: {4-1: eligible, 4-9: eligible}\n    eligible_from: 2030-01-01\n"
        "    explain: {4-1: 已满 5 年}\n", encoding="utf-8")
    assert main(["rules", "test", str(root)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"differ\.yaml：第 3 行：用例「五项都不对」", err), err
    assert "    等级 4 的满足条款：应为 [4-1]，实际是 []" in err
    assert re.search(r"    条款 4-1：应为 eligible（[^）]+），实际是 ineligible（[^）]+）\n      4-1 ineligible", err), err
    assert re.search(r"    等级 4 没有条款 4-9（该等级的条款：4-1, 4-2, 4-3\b", err), err
    assert "    等级 4 的最早符合日期（eligible_from）：应为 2030-01-01，实际是 null（不会符合）" in err
    assert re.search(r"    条款 4-1：解释中没有「已满 5 年」（解释是「[^」]+」）", err), err
    assert _english_in(err) is None, err


def test_the_planner_and_the_score_sheets_readers_each_name_their_mistake(folder: Path, capsys) -> None:
    """Both readers run on their own: a panel method the score sheets do not know and a staff role the planner
    does not know are two lines, each at its own line (found from the file's text, not written here)."""
    original = (SHIPPED / TARGETS[0]).read_text(encoding="utf-8")
    method = re.search(r"^  panel_score: (\w+)", original, re.MULTILINE)
    role = re.search(r"^    role: (\w+)", original, re.MULTILINE)
    text = (original[: method.start(1)] + "median" + original[method.end(1): role.start(1)] + "proctor"
            + original[role.end(1):])
    code, _out, err = _check(folder, TARGETS[0], text, capsys)
    assert code == 2
    lines = err.strip().split("\n")
    at = [original[: m.start()].count("\n") + 1 for m in (method, role)]
    assert re.search(rf"：第 {at[0]} 行：assessment\.panel_score：未知的考评组计分方法 'median'（可用：", lines[0]), err
    assert re.search(rf"：第 {at[1]} 行：staffing\.\w+\.role：未知的人员角色 'proctor'（可用：", lines[1]), err
    assert lines[2] == "共 2 处错误，涉及 1 个文件"
