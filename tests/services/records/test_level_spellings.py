"""Level codes as a clerk types them at every entry point: an applicant file's 申报等级 (fast and careful path
alike), a batch's levels given to the desk (the window's dialog and ``import --levels`` go through it),
``screen --level`` and ``import --levels``, and a certificate's level in a record — ``t1``, ``Ｔ１``, `` T1 ``
are the standard's own ``T1``; an unknown one is still refused with the allowed list.  The made-up 1+X-like
standard with letter codes (tests/rules_engine/data/made_up_v3, 茶饮调配 T1–T3) stands for any standard."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from eligibility_desk.cli import main
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.idnumber import make_id_number
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.services.records import import_rows
from eligibility_desk.services.records.desk import Desk
from eligibility_desk.services.records.import_layout import SHEETS
from eligibility_desk.services.records.import_rows import parse_tables
from eligibility_desk.services.records.sheets import Table
from tests.account_helpers import actor
from tests.domain.test_levels import spellings

MADE_UP = Path(__file__).resolve().parents[2] / "rules_engine" / "data" / "made_up_v3"
TEA = "1x-tea-blending"
CODES = ("T1", "T2", "T3")
TODAY = date(2025, 9, 1)


def _applicants_table(cells: list) -> Table:
    layout = next(layout for layout in SHEETS if layout.kind == "applicants")
    rows = [[make_id_number("110108", date(1990, 1, 1 + i % 28), 10 + i), f"考生{i}", "", cell, "", ""]
            for i, cell in enumerate(cells)]
    return Table(layout, layout.name, 1, [c.header for c in layout.columns], [(n, row) for n, row in enumerate(rows, start=2)])


def _parse(cells: list, careful: bool, monkeypatch):
    with monkeypatch.context() as m:
        if careful:
            m.setattr(import_rows, "applicant_reader", lambda *a: None)
        return parse_tables([_applicants_table(cells)], CODES, TODAY)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("careful", [False, True], ids=["fast", "careful"])
def test_an_applicant_files_level_cells_are_the_standards_codes(monkeypatch, seed: int, careful: bool) -> None:
    rng = random.Random(seed)
    cells, wanted = [], []
    for _ in range(30):
        chosen = rng.sample(CODES, rng.randint(1, 3))
        typed = [rng.choice(spellings(code, rng, 3)) for code in chosen]
        cells.append(rng.choice([",", "，", "、", " "]).join(typed))
        wanted.append(tuple(chosen))
    result = _parse(cells, careful, monkeypatch)
    assert not result.problems, [p.describe() for p in result.problems]
    assert [result.levels[a.id_number] for a in result.applicants] == wanted


@pytest.mark.parametrize("careful", [False, True], ids=["fast", "careful"])
def test_an_unknown_level_is_refused_with_the_allowed_list(monkeypatch, careful: bool) -> None:
    result = _parse(["t1", "Ｔ９"], careful, monkeypatch)
    assert [(p.row, p.code, p.params.get("value"), p.params.get("allowed")) for p in result.problems] == \
        [(3, "level_not_in_batch", "Ｔ９", "T1、T2、T3")]


@pytest.fixture
def tea_desk(db_url):
    desk = Desk.open(db_url, actor("测试员"), rules_dir=MADE_UP)
    yield desk
    desk.close()


def test_a_batchs_levels_given_to_the_desk_are_the_standards_codes(tea_desk) -> None:
    batch_id = tea_desk.create_batch("一星二星", TEA, [" t1", "Ｔ２ ", "T2"], date(2025, 9, 1))
    assert tuple(tea_desk.batch(batch_id).levels) == ("T1", "T2")
    with pytest.raises(InvalidRecord) as caught:
        tea_desk.create_batch("四星", TEA, ["t4"], date(2025, 9, 1))
    assert [(e.code, e.params) for e in caught.value.errors] == [("level_not_in_batch", {"value": "t4", "allowed": "T1, T2, T3"})]
    assert tea_desk.batch_problems("一星", TEA, ["ｔ１"], date(2025, 9, 1)) == []


def test_screen_level_option_takes_the_codes_as_typed(tmp_path, capsys) -> None:
    applicants = tmp_path / "a.json"
    applicants.write_text(json.dumps({"applicants": [{"id": "A", "name": "甲", "birth_date": "1990-01-01"}]},
                                     ensure_ascii=False), encoding="utf-8")
    base = ["--rules", str(MADE_UP), "screen", str(applicants), "--standard", TEA, "--as-of", "2025-09-01",
            "--format", "json"]
    assert main([*base, "--level", "t1", "--level", " Ｔ３ "]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["level"] for r in results] == ["T1", "T3"]
    assert main([*base, "--level", "t4"]) == 2
    err = capsys.readouterr().err
    assert "t4" in err and "T1, T2, T3" in err


def test_a_certificates_level_as_typed_counts_as_the_standards_own(tmp_path) -> None:
    standard = RuleLibrary.load(MADE_UP, strict=True).get(TEA, date(2025, 9, 1))
    answers = set()
    for typed in ["T1", "t1", "Ｔ１", " ｔ1 ", "一星", "★"]:
        applicant = parse_applicant({"id": "A", "name": "甲", "birth_date": "1990-01-01", "certificates": [
            {"occupation": "茶饮调配", "level": typed, "obtained_on": "2020-01-01", "standard": TEA}]})
        result = standard.screen(applicant, date(2025, 9, 1), ["T2"])[0]
        answers.add(tuple((c.id, c.verdict.value) for c in result.clauses))
    assert len(answers) == 1, answers
    assert dict(next(iter(answers)))["T2-2"] != "review"  # the certificate was read as T1, not as doubtful


def test_import_levels_option_takes_the_codes_as_typed(tmp_path, capsys) -> None:
    from tests.account_helpers import add_accounts
    from tests.services.helpers import roster, write_workbook

    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    add_accounts(db, "王敏")
    people, _work = roster(2)
    people[0][3], people[1][3] = "ｔ２", " t1 "
    path = tmp_path / "名单.xlsx"
    write_workbook(path, {"考生": people})
    args = ["--db", db, "--rules", str(MADE_UP), "import", str(path), "--batch", "茶", "--standard", TEA,
            "--as-of", "2025-09-01", "--user", "王敏", "--levels"]
    assert main([*args, "t1,Ｔ２, T2"]) == 0, capsys.readouterr().err
    assert "T1,T2" in capsys.readouterr().out
    with Desk.open(db, actor("王敏"), rules_dir=MADE_UP) as desk:
        batch_id = desk.find_batch("茶")
        assert tuple(desk.batch(batch_id).levels) == ("T1", "T2")
        assert {r.levels for r in desk.applicant_rows(batch_id)} == {("T2",), ("T1",)}
    new = [a if a != "茶" else "茶二" for a in args]
    assert main([*new, "t7"]) == 2
    err = capsys.readouterr().err
    assert "t7" in err and "T1, T2, T3" in err
