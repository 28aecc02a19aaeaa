"""The desktop bundle, built by ``packaging/build.sh`` into a temporary folder and run from there with no
Python environment in sight (PATH=/usr/bin:/bin, no PYTHONPATH, no VIRTUAL_ENV, fresh HOME): it screens,
plans, prints slips whose font is embedded and whose QR codes decode, and opens and closes its window on the
default SQLite database in the user's data folder.  One build (~1 min) serves every test of this module."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from tests.documents.pdf_helpers import decode_qr, fonts_of, page_texts, render_png

ROOT = Path(__file__).resolve().parents[1]
DOCS_DATA = ROOT / "tests" / "documents" / "data"
APPLICANTS = ROOT / "tests" / "data" / "applicants_small.json"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"),
                                                   reason="the smoke test builds the Linux bundle")]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """``dist/eligibility-desk`` built by packaging/build.sh with this interpreter, outside the checkout; or
    the bundle folder named by ``$ELIGIBILITY_DESK_BUNDLE`` (to check one built by hand, e.g. on a fresh clone)."""
    given = os.environ.get("ELIGIBILITY_DESK_BUNDLE")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("bundle")
    # a PyInstaller cache of its own: build.sh's --clean empties it, and other builds on the machine keep theirs
    env = dict(os.environ, BUNDLE_PYTHON=sys.executable, PYINSTALLER_CONFIG_DIR=str(out / "pyinstaller-cache"))
    built = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--distpath", str(out / "dist"),
                            "--workpath", str(out / "work")], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=1200)
    assert built.returncode == 0, (built.stdout + built.stderr)[-4000:]
    folder = out / "dist" / "eligibility-desk"
    assert (folder / "eligibility-desk").is_file()
    return folder


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


def run(bundle: Path, *args: str, cwd: Path, home: Path, extra_env: dict | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """The bundle's executable in a clean environment: only the system's PATH, a home, data and config folders
    of its own, offscreen Qt."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"), **(extra_env or {})}
    return subprocess.run([str(bundle / "eligibility-desk"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def source_cli(argv: list[str], capsys) -> tuple[int, str]:
    """The same command run from the source tree, in this process: what the bundle must print."""
    from eligibility_desk.cli import main

    capsys.readouterr()
    status = main(argv)
    return status, capsys.readouterr().out


def test_the_bundle_screens_like_the_source(bundle, tmp_path, home, capsys, monkeypatch):
    """applicants_small.json has one record in error: both say so (exit 1) and screen the others alike."""
    monkeypatch.delenv("ELIGIBILITY_DESK_RULES", raising=False)
    args = ["screen", str(APPLICANTS), "--standard", "4-07-02-06", "--as-of", "2025-09-01", "--format", "json"]
    ran = run(bundle, *args, cwd=tmp_path, home=home)
    assert "Traceback" not in ran.stderr, ran.stderr[-3000:]
    status, out = source_cli(args, capsys)
    doc = json.loads(ran.stdout)
    assert (ran.returncode, doc) == (status, json.loads(out))
    assert doc["rule_version"] == "2025-征求意见稿"
    assert {"eligible", "ineligible", "error"} <= {r["verdict"] for r in doc["results"]}


def test_a_centres_own_rules_folder_overrides_the_bundled_one(bundle, tmp_path, home):
    own = tmp_path / "centre-rules"
    shutil.copytree(ROOT / "rules" / "standards", own / "standards")
    shutil.copytree(ROOT / "rules" / "lists", own / "lists")
    standard = own / "standards" / "4-07-02-06.yaml"
    text = standard.read_text(encoding="utf-8")
    assert "\n  version: 2025-征求意见稿\n" in text
    standard.write_text(text.replace("\n  version: 2025-征求意见稿\n", "\n  version: 2025-本中心修订\n"), encoding="utf-8")
    args = ["screen", str(APPLICANTS), "--standard", "4-07-02-06", "--as-of", "2025-09-01", "--format", "json"]
    bundled = json.loads(run(bundle, *args, cwd=tmp_path, home=home).stdout)["rule_version"]
    by_env = run(bundle, *args, cwd=tmp_path, home=home, extra_env={"ELIGIBILITY_DESK_RULES": str(own)})
    by_option = run(bundle, "--rules", str(own), *args, cwd=tmp_path, home=home)
    for ran in (by_env, by_option):
        assert ran.returncode in (0, 1) and ran.stdout, ran.stderr[-3000:]     # 1: the file's record in error
        assert (bundled, json.loads(ran.stdout)["rule_version"]) == ("2025-征求意见稿", "2025-本中心修订")


def test_plan_and_slips_from_the_bundle_embed_the_font_and_carry_readable_qr_codes(bundle, tmp_path, home):
    for name in ("scenario.json", "photo_a.jpg", "photo_b.jpg"):
        shutil.copy(DOCS_DATA / name, tmp_path / name)
    planned = run(bundle, "plan", "scenario.json", "--seed", "7", "--format", "json", cwd=tmp_path, home=home)
    # 0: everyone placed; 3: a valid plan with sittings the staff cannot cover (this scenario's panels since the
    # part order and gaps of planning v2) — either way every candidate is seated or named as unplaced
    assert planned.returncode in (0, 3), planned.stderr[-3000:]
    plan = json.loads(planned.stdout)
    seated = {seat["candidate"] for session in plan["sessions"] for seat in session["seats"]}
    scenario = json.loads((tmp_path / "scenario.json").read_text(encoding="utf-8"))
    assert seated | {u["candidate"] for u in plan["unplaced"]} == {c["id"] for c in scenario["candidates"]}
    assert seated and plan["violations"] == []
    (tmp_path / "plan.json").write_text(planned.stdout, encoding="utf-8")

    secret = tmp_path / "centre.key"
    secret.write_text(secrets.token_hex(32) + "\n", encoding="ascii")      # hex, as `keys export` writes
    # a machine with no fonts at all (a fontconfig configuration without font folders): the slips must come
    # out with the font inside the bundle, whatever this machine has installed
    bare = tmp_path / "fonts.conf"
    bare.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f"  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    slips = run(bundle, "slips", "plan.json", "scenario.json", "--out", "slips.pdf", "-q", "--secret-file",
                str(secret), cwd=tmp_path, home=home, extra_env={"FONTCONFIG_FILE": str(bare)})
    assert slips.returncode == 0, slips.stderr[-3000:]
    pdf = tmp_path / "slips.pdf"
    texts = page_texts(pdf)
    assert len(texts) == len(seated)
    assert all(scenario["centre"]["name"] in t for t in texts)
    fonts = fonts_of(pdf)
    assert fonts and all(f["subtype"] == "/TrueType" and f["file"] == "/FontFile2" for f in fonts.values()), fonts
    if shutil.which("fc-list"):   # (without fontconfig the search tries well-known system paths instead)
        assert all("WenQuanYiMicroHei" in name for name in fonts), fonts
    codes = decode_qr(render_png(pdf, 1, tmp_path, dpi=200))
    assert len(codes) == 1
    verified = run(bundle, "verify", codes[0], "--secret-file", str(secret), cwd=tmp_path, home=home)
    assert verified.returncode == 0 and "genuine" in verified.stdout
    numbers = {seat["admission_no"] for session in plan["sessions"] for seat in session["seats"]}
    assert codes[0].rsplit(".", 1)[0] in numbers


def test_a_large_slip_run_uses_worker_processes_of_the_bundle(bundle, tmp_path, home):
    """Above PARALLEL_FROM slips the QR codes come from a spawn pool, which in a bundle re-runs the executable:
    the launcher's freeze_support() must turn those runs into workers (else each prints a usage error)."""
    from eligibility_desk.documents.slips import PARALLEL_FROM

    count = PARALLEL_FROM + 10
    shutil.copy(DOCS_DATA / "photo_b.jpg", tmp_path / "photo_b.jpg")
    scenario = json.loads((DOCS_DATA / "scenario.json").read_text(encoding="utf-8"))
    scenario["candidates"] = [{"id": f"X{i:04d}", "name": f"考生{i}", "level": "4", "photo": "photo_b.jpg"}
                              for i in range(count)]
    plan = json.loads((DOCS_DATA / "plan.json").read_text(encoding="utf-8"))
    plan["sessions"] = [{"part": "theory", "level": "4", "room": "R101", "start": "2025-10-18T09:00",
                         "end": "2025-10-18T10:30", "staff": [],
                         "seats": [{"seat": i + 1, "candidate": f"X{i:04d}", "admission_no": f"B-{i:04d}"}
                                   for i in range(count)]}]
    (tmp_path / "scenario.json").write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    key = tmp_path / "centre.key"
    key.write_text(secrets.token_hex(32), encoding="ascii")
    ran = run(bundle, "slips", "plan.json", "scenario.json", "--out", "many.pdf", "-q", "--workers", "2",
              "--two-per-page", "--secret-file", str(key), cwd=tmp_path, home=home)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert ran.stderr.strip() == ""
    last = (count + 1) // 2
    assert f"{last} pages" in ran.stdout
    codes = decode_qr(render_png(tmp_path / "many.pdf", last, tmp_path, dpi=200))
    assert sorted(c.rsplit(".", 1)[0] for c in codes) == [f"B-{count - 2:04d}", f"B-{count - 1:04d}"]


def _head_revision() -> str:
    from alembic.script import ScriptDirectory

    from eligibility_desk.persistence.migrate import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _revision(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_the_window_opens_on_the_default_database_and_closes_cleanly(bundle, tmp_path, home):
    ran = run(bundle, "--quit-after", "300", cwd=tmp_path, home=home, timeout=180)
    assert ran.returncode == 0, ran.stderr[-3000:]
    db = home / "data" / "eligibility-desk" / "eligibility-desk.sqlite3"
    assert db.is_file() and _revision(db) == _head_revision()     # created and migrated by the bundle's Alembic
    assert f"window open on sqlite:///{db}" in ran.stdout
    built = json.loads((bundle / "_internal" / "eligibility_desk" / "build_info.json").read_text(encoding="utf-8"))
    assert built["version"] == __import__("eligibility_desk").__version__
    today = datetime.now(timezone.utc).date()
    assert date.fromisoformat(built["build_date"]) in (today, date.fromordinal(today.toordinal() - 1))
    # the title shows the version and the build date stamped into this bundle (a checkout says 源代码运行)
    title = f"Eligibility Desk 职业技能等级认定考务桌面 {built['version']}（{built['build_date']} 构建） — sqlite:///{db}"
    assert f"eligibility-desk: title {title}\n" in ran.stdout
    assert "Traceback" not in ran.stderr


def test_db_option_and_environment_variable_choose_the_database(bundle, tmp_path, home):
    chosen = tmp_path / "chosen.sqlite3"
    ran = run(bundle, "--db", str(chosen), "--quit-after", "100", cwd=tmp_path, home=home, timeout=180)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert _revision(chosen) == _head_revision()
    by_env = tmp_path / "by-env.sqlite3"
    env = {"ELIGIBILITY_DESK_DB": str(by_env), "ELIGIBILITY_DESK_PASSWORD": "bundle passphrase"}
    made = run(bundle, "users", "add", "admin", cwd=tmp_path, home=home, extra_env=env)   # argon2 is in the bundle
    assert made.returncode == 0, made.stderr[-3000:]
    ran = run(bundle, "batches", "--user", "admin", cwd=tmp_path, home=home, extra_env=env)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert _revision(by_env) == _head_revision()
    assert not (home / "data" / "eligibility-desk" / "eligibility-desk.sqlite3").exists()


def test_the_bundle_carries_its_files_and_stays_small(bundle):
    internal = bundle / "_internal"
    migrations = Path("eligibility_desk") / "persistence" / "migrations"
    for rel in ("rules/standards", "rules/lists", "resources/fonts/wqy-microhei.ttc", "resources/templates/notice.txt",
                "resources/icons/eligibility-desk.png", migrations / "env.py", migrations / "script.py.mako",
                "eligibility_desk/ui/i18n/eligibility_desk_en.qm", "docs/gui.md"):
        assert (internal / rel).exists(), rel
    versions = {p.name for p in (ROOT / migrations / "versions").glob("*.py")}
    assert versions and versions <= {p.name for p in (internal / migrations / "versions").glob("*.py")}
    assert not (internal / "rules" / "tests").exists()
    # the compiled fast paths the code falls back from silently (slower) when they cannot be imported
    for pattern in ("_rl_accel*.so", "orjson/orjson*.so", "python_calamine/_python_calamine*.so", "yaml/_yaml*.so",
                    "psycopg_binary/pq*.so", "sqlalchemy/**/*.so", "pypdfium2_raw/libpdfium*"):
        assert list(internal.glob(pattern)), pattern
    assert (bundle / "eligibility-desk.desktop").is_file()
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    # the aim was 250 MB; the planner's CP-SAT brings numpy and pandas (~140 MB of the ~330): docs/packaging.md
    assert size < 360 * 1024 * 1024, f"{size / 2**20:.0f} MB"


@pytest.mark.postgres
def test_the_bundle_migrates_and_fills_a_shared_postgresql_database(bundle, tmp_path, home, pg_server_url):
    """psycopg and its binary implementation, and Alembic's PostgreSQL path, are inside the bundle."""
    from sqlalchemy import create_engine, text

    from tests.persistence.db_fixtures import fresh_pg_database

    url, drop = fresh_pg_database(pg_server_url)
    try:
        env = {"ELIGIBILITY_DESK_PASSWORD": "bundle passphrase"}
        made = run(bundle, "--db", url, "users", "add", "admin", "--roles", "clerk", cwd=tmp_path, home=home, extra_env=env)
        assert made.returncode == 0, made.stderr[-3000:]
        made = run(bundle, "--db", url, "demo-batch", "-n", "20", "--user", "admin", cwd=tmp_path, home=home, extra_env=env)
        assert made.returncode == 0, made.stderr[-3000:]
        listed = run(bundle, "batches", "--user", "admin", cwd=tmp_path, home=home,
                     extra_env={"ELIGIBILITY_DESK_DB": url, **env})
        assert listed.returncode == 0, listed.stderr[-3000:]
        engine = create_engine(url)
        try:
            with engine.connect() as c:
                assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head_revision()
                names = c.execute(text("SELECT name FROM batch")).scalars().all()
        finally:
            engine.dispose()
        assert len(names) == 1 and names[0] in listed.stdout
    finally:
        drop()


def test_the_exact_pass_runs_inside_the_bundle(bundle, tmp_path, home):
    """编排's exact pass (CP-SAT, imported on first use) is in the bundle: the 60-candidate, 4-examiner case the
    fast pass leaves 45 sittings of places all but the proven minimum of 30 (tests/planning/test_exact.py)."""
    slots = [{"id": "AM", "start": "2025-10-18T09:00", "end": "2025-10-18T12:00"},
             {"id": "PM", "start": "2025-10-18T14:00", "end": "2025-10-18T17:00"}]
    scenario = {"standard": "4-07-02-06", "batch": "X",
                "candidates": [{"id": f"C{i:02d}", "level": "4", "institution": f"S{i % 4}"} for i in range(60)],
                "rooms": [{"id": "CL1", "kind": "classroom", "capacity": 60}, {"id": "CL2", "kind": "classroom", "capacity": 60},
                          {"id": "WS1", "kind": "worksite", "capacity": 30}, {"id": "WS2", "kind": "worksite", "capacity": 30}],
                "staff": [{"id": f"I{i}", "roles": ["invigilator"]} for i in range(8)]
                + [{"id": f"E{i}", "roles": ["examiner"]} for i in range(4)],
                "slots": slots}
    (tmp_path / "hard.json").write_text(json.dumps(scenario), encoding="utf-8")
    planned = run(bundle, "plan", "hard.json", "--seed", "1", "--format", "json", cwd=tmp_path, home=home)
    assert planned.returncode == 3, planned.stderr[-3000:]        # a valid plan with unplaced sittings
    plan = json.loads(planned.stdout)
    assert len(plan["unplaced"]) == 30

