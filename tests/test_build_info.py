"""What the bundle build stamps (packaging/build_info.py) and how 关于 reads it (eligibility_desk/about.py):
version and build date, the Windows version resource, the rule versions — quick, without building."""

from __future__ import annotations

import shutil
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from eligibility_desk import __version__, about

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import build_info  # noqa: E402  (packaging/build_info.py)


def test_the_package_version_is_pyprojects():
    assert build_info.project_version() == __version__


def test_a_stamped_build_date_is_read_back_and_a_checkout_has_none(tmp_path):
    stamp = build_info.write_build_info(tmp_path / "build_info.json", "9.8.7",
                                        datetime(2026, 3, 4, 23, 59, tzinfo=timezone.utc))
    assert about.build_date(stamp) == date(2026, 3, 4)
    assert about.build_info(stamp)["version"] == "9.8.7"
    assert about.build_date(tmp_path / "none.json") is None
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    assert about.build_date(tmp_path / "bad.json") is None and about.build_info(tmp_path / "bad.json") == {}
    # this checkout is not a bundle: nothing was stamped beside the module
    assert not about.BUILD_INFO.exists() and about.about_facts(with_rules=False).build_date is None


@pytest.mark.parametrize("version, numbers", [("0.1.0", (0, 1, 0, 0)), ("2.10", (2, 10, 0, 0)),
                                              ("1.2.3rc1", (1, 2, 3, 0)), ("1.2.3.4.5", (1, 2, 3, 4))])
def test_windows_gets_four_version_numbers(version, numbers):
    assert build_info.version_tuple(version) == numbers


def test_the_windows_version_file_is_the_expression_pyinstaller_reads(tmp_path):
    """PyInstaller evaluates the file with its VSVersionInfo classes in scope (on Windows, where pefile is);
    here recording stand-ins take their place."""
    class Node:
        def __init__(self, *args, **kwargs):
            self.args, self.kwargs = args, kwargs

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo", "VarStruct")
    scope = {name: type(name, (Node,), {}) for name in names}
    path = build_info.write_version_file(tmp_path / "version_info.txt", "1.2.3", year=2026)
    info = eval(path.read_text(encoding="utf-8"), scope)  # noqa: S307 - our own generated file
    assert type(info).__name__ == "VSVersionInfo"
    assert info.kwargs["ffi"].kwargs["filevers"] == (1, 2, 3, 0) == info.kwargs["ffi"].kwargs["prodvers"]
    string_file, var_file = info.kwargs["kids"]
    (table,) = string_file.args[0]
    strings = dict(s.args for s in table.args[1])
    assert strings["ProductVersion"] == "1.2.3" and strings["OriginalFilename"] == "eligibility-desk.exe"
    assert "职业技能等级认定考务桌面" in strings["FileDescription"] and "2026" in strings["LegalCopyright"]
    assert table.args[0] == "080404b0" and var_file.args[0][0].args == ("Translation", [0x0804, 1200])


def test_about_lists_the_rule_versions_of_the_folder_in_use(tmp_path):
    facts = about.about_facts()
    assert facts.version == __version__ and not facts.rules_error
    assert facts.rules_dir == ROOT / "rules"
    versions = [(r.code, r.version) for r in facts.rule_versions]
    assert ("4-07-02-06", "2025-征求意见稿") in versions and len(versions) == len(set(versions)) >= 7  # and the six 1+X
    own = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "lists", own / "lists")
    shutil.copytree(ROOT / "rules" / "standards", own / "standards")
    standard = own / "standards" / "4-07-02-06.yaml"
    standard.write_text(standard.read_text(encoding="utf-8").replace("version: 2025-征求意见稿", "version: 本中心版"),
                        encoding="utf-8")
    assert [r.version for r in about.about_facts(own).rule_versions if r.code == "4-07-02-06"] == ["本中心版"]


def test_an_unreadable_rules_folder_is_reported_not_raised(tmp_path):
    facts = about.about_facts(tmp_path / "nowhere")
    assert facts.rule_versions == () and "standards" in facts.rules_error
