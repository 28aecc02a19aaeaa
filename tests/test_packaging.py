"""A wheel, installed like any package (not editable, not run from the checkout), finds the rule files and
the resources it ships: the standard loads and screens, the CJK font and the notice template are there.

The wheel is built from a copy of the checkout and installed into a throw-away virtual environment of its
own, by pip running *for that environment* (``pip --python``): the environment running the tests — the
project's ``.venv`` with its editable install and ``.venv/bin/eligibility-desk`` — is never written to (pip
installing with ``--prefix`` from here used to uninstall the editable install).  The wheel's dependencies are
read from this environment's site-packages, put after the new one's on the path, so no download is needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = [p for folder in ("rules/standards", "rules/lists", "rules/calendar", "resources/fonts", "resources/templates")
           for p in sorted((ROOT / folder).iterdir()) if p.is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # built from a copy: a build in the checkout would leave build/ behind, whose stale files a later wheel
    # would carry
    source = tmp_path_factory.mktemp("source") / "eligibility-desk"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache", "out"))
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    (path,) = out.glob("eligibility_desk-*.whl")
    return path


def _this_environment() -> tuple:
    """Where this environment imports eligibility_desk from, how pip sees it, and its console script."""
    where = subprocess.run([sys.executable, "-c", "import eligibility_desk; print(eligibility_desk.__file__)"],
                           capture_output=True, text=True, cwd="/", env={k: v for k, v in os.environ.items()
                                                                         if k != "PYTHONPATH"}).stdout.strip()
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("eligibility-desk")
        record = (dist.version, str(dist.locate_file("")))
    except PackageNotFoundError:
        record = None
    script = Path(sys.executable).parent / "eligibility-desk"
    return where, record, script.is_file()


@pytest.mark.slow
def test_the_wheel_carries_every_rule_file_and_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {n.split(".data/data/share/eligibility-desk/", 1)[1] for n in names if ".data/data/share/eligibility-desk/" in n}
    assert {p.relative_to(ROOT).as_posix() for p in SHIPPED} <= data
    assert not any(n.startswith(("tests/", "rules/", "resources/")) for n in names)


@pytest.mark.slow
def test_an_installed_wheel_screens_with_its_shipped_rules(wheel, tmp_path):
    here_before = _this_environment()
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # pip acts on the new environment only (--python): what it installs, and what it would uninstall first,
    # is looked up there, not here.  No dependencies: they come from this environment's site-packages.
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                                "--disable-pip-version-check", str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-3000:]
    assert _this_environment() == here_before      # the editable install and its console script are untouched
    deps = [p for p in sys.path if p.endswith("site-packages")]
    script = (
        "import sys; sys.path.extend(%r)\n"
        "from datetime import date\n"
        "import eligibility_desk, eligibility_desk.shipped as s\n"
        "from eligibility_desk.rules_engine import RuleLibrary\n"
        "from eligibility_desk.domain.interchange import parse_applicant\n"
        "from eligibility_desk.documents.fonts import BUNDLED_FONT\n"
        "from eligibility_desk.documents.notice import DEFAULT_NOTICE\n"
        "std = RuleLibrary.load().get('4-07-02-06', date(2025, 9, 1))\n"
        "a = parse_applicant({'id': 'A1', 'name': '张三', 'work': [{'occupation': '电子商务师', 'start': '2019-03-01', 'end': None}]})\n"
        "print(eligibility_desk.__file__); print(s.shipped_dir('rules')); print(BUNDLED_FONT.is_file(), DEFAULT_NOTICE.is_file())\n"
        "print(std.screen(a, date(2025, 9, 1), ['4'])[0].passing_clauses)\n" % deps
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ELIGIBILITY_DESK_RULES")}
    ran = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert ran.returncode == 0, ran.stderr[-3000:]
    module, rules, files, passing = ran.stdout.splitlines()
    assert module.startswith(site), module            # the installed copy, not the checkout
    assert rules == str(env_dir / "share" / "eligibility-desk" / "rules")
    assert files == "True True"
    assert passing == "('4-1',)"                       # §1.9.1 四级 (1): 满 5 年 on 2024-03-01
