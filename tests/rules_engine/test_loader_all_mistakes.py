"""``rules check`` names every independent mistake of a file, not only the first: generated files with N
one-line mistakes (unknown keys, dates that do not exist, undeclared level codes, unknown lists, clauses of
the wrong shape — :func:`tests.rules_engine.rule_mutations.independent_mistakes`) give exactly those N
messages, with their lines, in file order; the other standards still load; the command prints one line per
mistake, grouped by file, and the count, Chinese first."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from eligibility_desk.rules_engine import RuleLibrary
from tests.rules_engine.rule_mutations import independent_mistakes, mistake_sites

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rules"
TARGETS = ("standards/4-07-02-06.yaml", "standards/1x-530054.yaml", "standards/1x-social-ecommerce-operation.yaml")
ALL = set(RuleLibrary.load(SHIPPED).codes())


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("all-mistakes") / "rules"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("calendar", "tests"))
    return root


def _load_with(folder: Path, path: Path, text: str, original: str) -> RuleLibrary:
    """The library of ``folder`` loaded with ``path`` holding ``text``; ``original`` written back after (the
    folder is the module's)."""
    path.write_text(text, encoding="utf-8")
    try:
        return RuleLibrary.load(folder)
    finally:
        path.write_text(original, encoding="utf-8")


def test_the_generator_has_every_kind_of_mistake_to_choose_from() -> None:
    kinds = {kind for target in TARGETS for _i, kind, _new in mistake_sites((SHIPPED / target).read_text(encoding="utf-8"))}
    assert kinds == {"unknown key", "bad date", "bad level code", "unknown list", "clause shape"}


@pytest.mark.parametrize("seed", range(30))
def test_a_file_with_n_independent_mistakes_gives_exactly_those_n_messages(folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    target = TARGETS[seed % len(TARGETS)]
    path = folder / target
    original = (SHIPPED / target).read_text(encoding="utf-8")
    wanted = rng.randint(1, 12)
    text, expected = independent_mistakes(original, wanted, rng)
    assert len(expected) == wanted or len(expected) >= 3, expected
    library = _load_with(folder, path, text, original)
    named = [p for p in library.problems if p.path == str(path)]
    assert [p.path for p in library.problems] == [str(path)] * len(named), "only the mutated file has mistakes"
    assert [p.line for p in named] == [line for line, _kind in expected], (
        "\n".join(map(str, named)) + f"\nexpected lines: {expected}")
    for problem, (_line, kind) in zip(named, expected):
        assert str(problem).startswith(f"{path}: line {problem.line}: {problem.where}: ") and problem.where, problem
        if kind == "bad level code":
            assert "is not declared in standard.levels" in problem.message, problem
        elif kind == "unknown list":
            assert "unknown list" in problem.message, problem
        elif kind == "bad date":
            assert "is not a real date" in problem.message, problem
    # the file is skipped, every other standard still loads
    mutated_code = next(s.code for s in RuleLibrary.load(SHIPPED).all_versions() if Path(s.spec.path).name == path.name)
    assert set(library.codes()) == ALL - {mutated_code}


@pytest.mark.parametrize("seed", [3, 11])
def test_rules_check_prints_one_line_per_mistake_grouped_by_file_and_the_count(folder: Path, seed: int, capsys) -> None:
    rng = random.Random(seed)
    originals = {}
    expected: dict[Path, list[int]] = {}
    for target in TARGETS[:2]:
        path = folder / target
        originals[path] = path.read_text(encoding="utf-8")
        text, found = independent_mistakes(originals[path], rng.randint(2, 8), rng)
        path.write_text(text, encoding="utf-8")
        expected[path] = [line for line, _kind in found]
    try:
        assert main(["rules", "check", str(folder)]) == 2
        zh = capsys.readouterr().err.strip().split("\n")
        assert main(["rules", "check", str(folder), "--lang", "en"]) == 2
        en = capsys.readouterr().err.strip().split("\n")
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    total = sum(map(len, expected.values()))
    assert zh[-1] == f"共 {total} 处错误，涉及 2 个文件"
    assert en[-1] == f"{total} mistake(s) in 2 file(s)"
    assert len(zh) == len(en) == total + 1
    want = [(str(path), line) for path in sorted(expected) for line in expected[path]]
    got_zh = [re.match(r"^(.*?)：第 (\d+) 行：", line).groups() for line in zh[:-1]]
    got_en = [re.match(r"^(.*?): line (\d+): ", line).groups() for line in en[:-1]]
    assert [(p, int(n)) for p, n in got_zh] == want
    assert [(p, int(n)) for p, n in got_en] == want
    assert "Traceback" not in "\n".join(zh + en)


def test_a_reference_list_names_each_bad_item_and_each_unknown_key(folder: Path) -> None:
    path = folder / "lists" / "related-occupations-4-07-02-06.yaml"
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    items = [i for i, line in enumerate(lines) if re.match(r"^\s+- \S", line)]
    bad = sorted(random.Random(7).sample(items, 4))
    for i in bad:
        lines[i] = re.sub(r"- .*$", '- ""', lines[i])
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[title] = lines[title].replace("title:", "titel:")
    library = _load_with(folder, path, "\n".join(lines), original)
    named = [p for p in library.problems if p.path == str(path)]
    assert [p.line for p in named] == sorted([title + 1] + [i + 1 for i in bad])
    assert "unknown key 'titel'" in named[[p.line for p in named].index(title + 1)].message
    # the standard naming the list is skipped, and told why: the list's file has mistakes (not "no such list")
    standard = [p for p in library.problems if p.path.endswith("standards/4-07-02-06.yaml")]
    assert [(p.code, p.params.get("other")) for p in standard] == [("broken_list", str(path))], standard


@pytest.mark.parametrize("content,phrase", [
    ("standard: [\n", "not valid YAML"),
    ("a: &x [*x]\nb: 1\nc: 2\n", "refers back to the anchor"),
    ("- 1\n- 2\n", "a rule file must be a mapping"),
])
def test_a_mistake_that_leaves_nothing_to_check_is_the_files_only_message(folder: Path, content: str, phrase: str) -> None:
    path = folder / TARGETS[0]
    original = path.read_text(encoding="utf-8")
    library = _load_with(folder, path, content, original)
    named = [p for p in library.problems if p.path == str(path)]
    assert len(named) == 1 and phrase in named[0].message, named


def test_every_mistake_of_the_generated_mutations_is_worded_in_chinese(folder: Path) -> None:
    """Each key: value line of a national standard, a 1+X pack and a list deleted, renamed, made a list or a
    mapping, written twice, its numbers and dates spoilt (rule_mutations.key_line_mutations): every message has
    a Chinese wording of its own (not the English reason inside a Chinese line)."""
    from eligibility_desk.rules_engine.messages import ZH, problem_text
    from tests.rules_engine.rule_mutations import key_line_mutations

    untranslated = []
    for target in (TARGETS[0], TARGETS[1], "lists/related-occupations-4-07-02-06.yaml"):
        path = folder / target
        original = path.read_text(encoding="utf-8")
        try:
            for line, kind, text in key_line_mutations(original, per_key=1):
                path.write_text(text, encoding="utf-8")
                for problem in RuleLibrary.load(folder).problems:
                    if problem.code not in ZH or problem.code == "clause":
                        untranslated.append(f"{target} line {line} {kind}: {problem}")
                    else:
                        assert problem.message not in problem_text(problem, "zh")
        finally:
            path.write_text(original, encoding="utf-8")
    assert not untranslated, "\n".join(untranslated[:20])


@pytest.mark.parametrize("old,new,phrase", [
    ('- {code: "3", name: 三级/高级工, name_en: level 3 (senior worker)}', '- {name: 三级/高级工, name_en: level 3 (senior worker)}',
     "missing 'code'"),
    ('- {code: "3", name: 三级/高级工, name_en: level 3 (senior worker)}', '- {code: "3", name_en: level 3 (senior worker)}',
     "missing 'name'"),
    ('- {code: "3", name: 三级/高级工, name_en: level 3 (senior worker)}', '- {code: "3", name: 三级/高级工, aliases: {a: 1}}',
     "must be a list of words"),
])
def test_a_wrong_declared_level_is_one_message_not_one_per_use_of_its_code(folder: Path, old: str, new: str, phrase: str) -> None:
    """Level 3 is used by its level entry, its clauses and four sections: a mistake in its declaration is said
    once, there, and not again wherever "3" is used."""
    path = folder / TARGETS[0]
    original = path.read_text(encoding="utf-8")
    assert old in original
    line = original[: original.index(old)].count("\n") + 1
    library = _load_with(folder, path, original.replace(old, new, 1), original)
    named = [p for p in library.problems if p.path == str(path)]
    assert [(p.line, phrase in p.message) for p in named] == [(line, True)], named


def test_rule_cases_take_a_level_as_typed_and_their_mistakes_are_worded_in_chinese(tmp_path: Path, capsys) -> None:
    root = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent / "data" / "made_up_v3", root)
    (root / "tests" / "typed.yaml").write_text(
        "standard: 1x-tea-blending\ncases:\n"
        "  - {name: typed, as_of: 2025-09-01, applicant: {}, level: ' ｔ１', verdict: ineligible}\n", encoding="utf-8")
    assert main(["rules", "test", str(root)]) == 0, capsys.readouterr()
    (root / "tests" / "broken.yaml").write_text(
        "standard: 9-00-00-00\ncases:\n  - {name: x, as_of: 2025-09-01, applicant: {}, level: 4, verdict: eligible}\n"
        "  - {name: y, as_of: \"2025-13-01\", applicant: {}, level: 4, verdict: eligible}\n", encoding="utf-8")
    assert main(["rules", "test", str(root)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"broken\.yaml：第 4 行：cases\[1\]\.as_of：应为日期 YYYY-MM-DD，实际是 '2025-13-01'", err), err
    assert re.search(r"broken\.yaml：第 3 行：standard：规则文件夹中没有标准 '9-00-00-00'", err), err


#: one mistake that other parts of the file depend on: (target, line's text, its replacement)
_ONE_MISTAKE = [
    (TARGETS[0], "standard:", "standrd:"),
    (TARGETS[0], "lists:", "lits:"),
    (TARGETS[0], "settings:", "setings:"),
    (TARGETS[0], "  majors:", "  majrs:"),
    (TARGETS[0], "  occupations: related-occupations-4-07-02-06", "  ocupations: related-occupations-4-07-02-06"),
    (TARGETS[0], "  pass_mark: 60", "  pass_mrk: 60"),
    (TARGETS[0], "    theory: {name: 理论知识考试, name_en: Theory exam}", "    theory: {k: {name: 理论知识考试}}"),
    (TARGETS[0], "        text: 累计从事本职业或相关职业工作满 5 年。", "        text: [累计从事本职业或相关职业工作满 5 年。]"),
    (TARGETS[1], "    secondary_original: 1x-530054-majors-secondary-original", "    secondary_original: [1x-530054-majors-secondary-original]"),
]


@pytest.mark.parametrize("target,old,new", _ONE_MISTAKE, ids=lambda v: str(v)[:30])
def test_a_mistake_others_depend_on_is_one_message(folder: Path, target: str, old: str, new: str) -> None:
    """A section, list or key other parts need, misspelt or of the wrong shape: its own message only, not one
    more for everything that reads it."""
    path = folder / target
    original = path.read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(old)}", original, re.MULTILINE)
    assert found, old
    line = original[: found.start()].count("\n") + 1
    library = _load_with(folder, path, original[: found.start()] + new + original[found.start() + len(old):], original)
    named = [p for p in library.problems if p.path == str(path)]
    assert [p.line for p in named] == [line], "\n".join(map(str, named))
