"""The ``screen`` command's rule files parsed once and kept (cli/screen_rules.py: KeptRules): used only for
exactly the files it was parsed from, by the code that parsed it; the same answers either way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.cli import screen_rules
from eligibility_desk.cli.screen_rules import KeptRules, cache_folder
from eligibility_desk.rules_engine import library as rule_library
from eligibility_desk.rules_engine.library import standard_alone

from tests.cli.test_screen_json import people

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2025, 9, 1)
CODE = "4-07-02-06"


def _verdicts(standard) -> list:
    """Every result of 300 generated applicants at every level, as comparable values."""
    from eligibility_desk.domain.interchange_fast import decode_records
    import json

    records = decode_records(json.dumps({"applicants": people(300, 7)}, ensure_ascii=False).encode())
    return [(r.applicant_id, r.level, r.verdict, r.passing_clauses, r.eligible_from, r.clause_answers)
            for per in standard.screen_many(records, AS_OF) for r in per]


def _no_parsing(monkeypatch):
    """Parsing a rule file fails from now on: whatever loads now was kept."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a rule file was parsed")

    monkeypatch.setattr(rule_library, "load_standard", refuse)
    monkeypatch.setattr(rule_library, "load_list", refuse)


def test_a_kept_parse_gives_the_same_standard_without_parsing(tmp_path, monkeypatch):
    keep = KeptRules(tmp_path / "kept")
    parsed = standard_alone(None, CODE, AS_OF, keep=keep)
    assert len(list((tmp_path / "kept").glob("*.pickle"))) == 1
    _no_parsing(monkeypatch)
    kept = standard_alone(None, CODE, AS_OF, keep=KeptRules(tmp_path / "kept"))
    assert kept is not None and (kept.code, kept.version, list(kept.levels)) == (parsed.code, parsed.version, list(parsed.levels))
    assert _verdicts(kept) == _verdicts(parsed)
    if os.name == "posix":
        assert (tmp_path / "kept").stat().st_mode & 0o777 == 0o700
        assert all(p.stat().st_mode & 0o777 == 0o600 for p in (tmp_path / "kept").iterdir())


def test_a_changed_rule_file_is_parsed_again(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    keep = tmp_path / "kept"
    before = standard_alone(rules, CODE, AS_OF, keep=KeptRules(keep))
    path = rules / "standards" / f"{CODE}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "满 5 年" in text
    path.write_text(text.replace("满 5 年", "满 6 年", 1), encoding="utf-8")
    parsed = []
    real = rule_library.load_standard
    monkeypatch.setattr(rule_library, "load_standard", lambda *a: parsed.append(a) or real(*a))
    after = standard_alone(rules, CODE, AS_OF, keep=KeptRules(keep))
    assert parsed  # not the kept parse of the old text
    assert after is not None and after.spec != before.spec
    assert len(list(keep.glob("*.pickle"))) == 2
    # and a list: parsed again too
    listed = next(Path(name) for name, _text in _read_for(CODE, rules) if Path(name).parent.name == "lists")
    listed.write_text(listed.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    lists_parsed = []
    real_list = rule_library.load_list
    monkeypatch.setattr(rule_library, "load_list", lambda *a: lists_parsed.append(a) or real_list(*a))
    assert standard_alone(rules, CODE, AS_OF, keep=KeptRules(keep)) is not None
    assert lists_parsed


def test_a_kept_parse_of_other_code_or_a_broken_file_is_not_used(tmp_path, monkeypatch):
    keep = tmp_path / "kept"
    standard_alone(None, CODE, AS_OF, keep=KeptRules(keep))
    kept_file, = keep.glob("*.pickle")
    other = KeptRules(keep)
    other._code = ("another version of the code",)
    read = _read_for(CODE)
    assert KeptRules(keep).load(read) is not None
    assert other.load(read) is None
    kept_file.write_bytes(b"not a pickle at all")
    assert KeptRules(keep).load(read) is None
    assert standard_alone(None, CODE, AS_OF, keep=KeptRules(keep)) is not None  # parsed, and kept again
    assert KeptRules(keep).load(read) is not None


def _read_for(code: str, root=None) -> list:
    """What standard_alone reads for ``code`` (its ``read`` argument to keep.load), caught on the way."""
    seen = []

    class Spy:
        def load(self, read):
            seen.append(read)
            return None

        def save(self, read, parsed):
            pass

    standard_alone(root, code, AS_OF, keep=Spy())
    return seen[0]


def test_the_cache_folder_is_the_users_or_none(monkeypatch, tmp_path):
    monkeypatch.setenv("ELIGIBILITY_DESK_CACHE", str(tmp_path / "c"))
    assert cache_folder() == tmp_path / "c"
    monkeypatch.setenv("ELIGIBILITY_DESK_CACHE", "")
    assert cache_folder() is None
    keep = KeptRules(None)
    assert standard_alone(None, CODE, AS_OF, keep=keep) is not None  # nothing kept, nothing read
    monkeypatch.delenv("ELIGIBILITY_DESK_CACHE")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache_folder() == tmp_path / "xdg" / "eligibility-desk" / "rules"


def test_nothing_is_kept_when_the_folder_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    assert standard_alone(None, CODE, AS_OF, keep=KeptRules(blocker / "kept")) is not None
    assert blocker.read_text() == "in the way"


def test_at_most_keep_parses_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(screen_rules, "KEEP", 2)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "standards" / f"{CODE}.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(text + f"\n# edit {n}\n", encoding="utf-8")
        assert standard_alone(rules, CODE, AS_OF, keep=KeptRules(tmp_path / "kept")) is not None
    assert len(list((tmp_path / "kept").glob("*.pickle"))) == 2


def test_the_command_with_its_rules_kept_prints_the_same_and_parses_nothing_nor_imports_yaml(tmp_path):
    data = tmp_path / "applicants.json"
    import json

    data.write_text(json.dumps({"applicants": people(400, 3)}, ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    args = [sys.executable, "-c",
            "import sys\nfrom eligibility_desk.rules_engine import library\ncalls = []\nreal = library.load_standard\n"
            "library.load_standard = lambda *a: calls.append(a) or real(*a)\nfrom eligibility_desk.cli import main\n"
            "try:\n    status = main(sys.argv[1:])\nfinally:\n    sys.stderr.write('parsed' if calls else 'kept')\n"
            "    sys.stderr.write(' yaml' if 'yaml' in sys.modules else ' no yaml')\n"
            "sys.exit(status)",
            "screen", str(data), "--standard", CODE, "--as-of", AS_OF.isoformat()]
    outputs = []
    for cache in ("", str(tmp_path / "kept"), str(tmp_path / "kept")):
        env["ELIGIBILITY_DESK_CACHE"] = cache
        proc = subprocess.run(args, env=env, capture_output=True, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        outputs.append((proc.stdout, proc.stderr.decode()))
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    # the third read its rules kept, and PyYAML is imported only to parse (rules_engine/yamlparse.py)
    assert [stderr for _out, stderr in outputs] == ["parsed yaml", "parsed yaml", "kept no yaml"]


def test_in_a_bundle_the_executable_tells_the_code_apart(tmp_path, monkeypatch):
    executable = tmp_path / "eligibility-desk"
    executable.write_bytes(b"one build")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    first = KeptRules(tmp_path / "kept")._fingerprint()
    assert str(executable) in repr(first)
    executable.write_bytes(b"another build, longer")
    assert KeptRules(tmp_path / "kept")._fingerprint() != first


def test_the_engines_compiled_code_is_kept_beside_the_parse_and_used_for_the_same_source(tmp_path, monkeypatch):
    from eligibility_desk.rules_engine import codecache

    keep = KeptRules(tmp_path / "kept")
    first = standard_alone(None, CODE, AS_OF, keep=keep)
    first.screen_function(["4"])
    keep.keep_compiled()
    assert codecache.kept() is None  # no longer keeping in this process
    code_file, = (tmp_path / "kept").glob("*.code")
    compiled = []
    real = compile
    monkeypatch.setattr(codecache, "compile", lambda *a: compiled.append(a) or real(*a), raising=False)
    keep = KeptRules(tmp_path / "kept")
    again = standard_alone(None, CODE, AS_OF, keep=keep)
    again.screen_function(["4"])
    try:
        assert compiled == []  # every generated source was compiled before: its code object taken
        assert _verdicts(again) == _verdicts(first)
    finally:
        keep.keep_compiled()
    # another source (another level's code) is compiled, and kept with the rest
    keep = KeptRules(tmp_path / "kept")
    standard_alone(None, CODE, AS_OF, keep=keep).screen_function(["3"])
    keep.keep_compiled()
    assert compiled
    code_file.write_bytes(b"\x00 not marshal")
    keep = KeptRules(tmp_path / "kept")
    assert standard_alone(None, CODE, AS_OF, keep=keep) is not None  # compiled as before
    keep.keep_compiled()
    assert codecache.compile_source("x = 1", "<t>").co_filename == "<t>"


def test_kept_code_that_is_not_code_is_not_used(tmp_path, monkeypatch):
    import marshal

    from eligibility_desk.rules_engine import codecache

    keep = KeptRules(tmp_path / "kept")
    standard_alone(None, CODE, AS_OF, keep=keep).screen_function(["4"])
    keep.keep_compiled()
    code_file, = (tmp_path / "kept").glob("*.code")
    form, version, codes = marshal.loads(code_file.read_bytes())
    code_file.write_bytes(marshal.dumps((form, version, {key: "raise SystemExit('not code')" for key in codes})))
    keep = KeptRules(tmp_path / "kept")
    try:
        again = standard_alone(None, CODE, AS_OF, keep=keep)
        again.screen_function(["4"])
        assert again is not None and _verdicts(again)
        assert all(type(code).__name__ == "code" for code in codecache.kept().values())
    finally:
        keep.keep_compiled()
