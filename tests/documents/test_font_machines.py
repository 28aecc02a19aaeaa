"""Every document on the machines people have: only the bundled font; Droid Sans Fallback (Chinese without
digits or letters — on most Debian/Ubuntu desktops through ghostscript) with and without WenQuanYi; and the
same with the bundled font missing.  Each document must carry every digit, letter and name with its font
embedded, or the command must refuse naming the missing characters.  Machines are simulated with private
fontconfig configurations (font_machines.py)."""

from __future__ import annotations

import re

import pytest

from eligibility_desk.documents import DocumentOptions, fonts
from eligibility_desk.documents.fonts import FontNotFoundError
from eligibility_desk.documents.room_docs import render_door_lists, render_score_sheets, render_signin
from eligibility_desk.documents.slips import render_slips

from .font_machines import simulate
from .pdf_helpers import SECRET, fonts_of, load, page_texts

RENDERERS = {"slips": render_slips, "signin": render_signin, "doorlist": render_door_lists,
             "scoresheet": render_score_sheets}
OPTIONS = DocumentOptions(secret=SECRET, id_mask=None)


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def font_names(pdf) -> set[str]:
    """The embedded faces' names without reportlab's subset tag and number (``ABCDEF+Name-0``)."""
    found = fonts_of(pdf)
    assert found and all(info["file"] == "/FontFile2" for info in found.values()), found
    return {re.sub(r"-\d+$", "", name.lstrip("/").split("+", 1)[-1]) for name in found}


def assert_every_text_printed(batch_files, out_dir) -> set[str]:
    """Render each document; every name, admission number, ID number and time is in its text, no character
    came out as a blank (``\\x00``); returns the embedded faces' names."""
    plan, scenario = (load(p) for p in batch_files)
    seated = {seat["candidate"]: seat["admission_no"] for s in plan["sessions"] for seat in s["seats"]}
    people = {c["id"]: c for c in scenario["candidates"] if c["id"] in seated}
    faces = set()
    for kind, render in RENDERERS.items():
        out = out_dir / f"{kind}.pdf"
        render(*batch_files, out, OPTIONS)
        text = flat("".join(page_texts(out)))
        assert "\x00" not in text, kind
        for cid, person in people.items():
            assert person["name"] in text, (kind, person["name"])
            assert seated[cid] in text, (kind, seated[cid])          # digits, capitals, '-'
        assert "09:00" in text and "2025" in text, kind
        if kind == "slips":
            assert all(person["id_number"] in text for person in people.values())   # 'X' in 44010520000215002X
        faces |= font_names(out)
    return faces


def without_bundled_font(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "BUNDLED_FONT", tmp_path / "not-shipped" / "wqy-microhei.ttc")
    fonts.find_cjk_font.cache_clear()


def test_the_bundled_font_prints_everything_on_a_machine_without_fonts(batch_files, tmp_path):
    assert assert_every_text_printed(batch_files, tmp_path) == {"WenQuanYiMicroHei"}
    assert fonts.find_cjk_font().source == "bundled"


def test_droid_and_wenquanyi_machine_prints_everything_with_the_bundled_font(batch_files, tmp_path, monkeypatch):
    simulate(tmp_path / "machine", monkeypatch, "droid", "wqy")
    assert assert_every_text_printed(batch_files, tmp_path) == {"WenQuanYiMicroHei"}
    assert fonts.find_cjk_font().path == fonts.BUNDLED_FONT


def test_droid_only_machine_prints_everything_with_the_bundled_font(batch_files, tmp_path, monkeypatch):
    simulate(tmp_path / "machine", monkeypatch, "droid")
    assert assert_every_text_printed(batch_files, tmp_path) == {"WenQuanYiMicroHei"}


def test_without_the_bundled_font_a_droid_and_wenquanyi_machine_uses_wenquanyi_not_droid(batch_files, tmp_path,
                                                                                        monkeypatch):
    (_droid, wqy) = simulate(tmp_path / "machine", monkeypatch, "droid", "wqy")
    without_bundled_font(monkeypatch, tmp_path)
    location = fonts.find_cjk_font()
    assert (location.path, location.source) == (wqy, "system")
    assert assert_every_text_printed(batch_files, tmp_path) == {"WenQuanYiMicroHei"}


def test_without_the_bundled_font_a_droid_only_machine_refuses_naming_the_missing_characters(
        batch_files, tmp_path, monkeypatch, run_cli, capsys):
    (droid,) = simulate(tmp_path / "machine", monkeypatch, "droid")
    without_bundled_font(monkeypatch, tmp_path)
    for kind, render in RENDERERS.items():
        with pytest.raises(FontNotFoundError) as refused:
            render(*batch_files, tmp_path / f"{kind}.pdf", OPTIONS)
        assert (refused.value.code, refused.value.params["path"]) == (fonts.MISSING_GLYPHS, str(droid))
        assert set("0123456789ABCXYZabcxyz-:·–") <= set(refused.value.params["characters"])
        assert not (tmp_path / f"{kind}.pdf").exists()
    out = tmp_path / "cli.pdf"
    assert run_cli(["slips", *map(str, batch_files), "--out", str(out), "-q"]) == 2
    message = capsys.readouterr().err
    assert "DroidSansFallbackFull.ttf" in message and "0–9 A–Z a–z" in message, message
    assert not out.exists()


def test_a_machine_without_any_font_and_without_the_bundled_one_says_so(batch_files, tmp_path, monkeypatch):
    without_bundled_font(monkeypatch, tmp_path)
    with pytest.raises(FontNotFoundError) as none:
        render_slips(*batch_files, tmp_path / "s.pdf", OPTIONS)
    assert none.value.code == fonts.NONE_FOUND


def test_a_configured_droid_font_is_refused_with_the_missing_characters(batch_files, tmp_path, monkeypatch, run_cli,
                                                                      capsys):
    (droid,) = simulate(tmp_path / "machine", monkeypatch, "droid")
    out = tmp_path / "s.pdf"
    with pytest.raises(FontNotFoundError) as refused:
        render_signin(*batch_files, out, DocumentOptions(font=str(droid)))
    assert refused.value.code == fonts.MISSING_GLYPHS and refused.value.params["source"] == "configured"
    assert set("0123456789") <= set(refused.value.params["characters"])
    monkeypatch.setenv(fonts.FONT_ENV, str(droid))
    assert run_cli(["doorlist", *map(str, batch_files), "--out", str(out), "-q"]) == 2
    assert "$ELIGIBILITY_DESK_FONT" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("bundled", [True, False])
def test_the_results_report_keeps_its_scores_on_a_droid_and_wenquanyi_machine(tmp_path, monkeypatch, bundled):
    """The 成绩 report: on Droid it printed every score and admission number blank."""
    from eligibility_desk.documents.results_pdf import export_results_pdf
    from eligibility_desk.rules_engine import RuleLibrary
    from eligibility_desk.scoring import scoring_rules
    from tests.scoring.result_samples import NAMES, sample_results, sample_stats

    simulate(tmp_path / "machine", monkeypatch, "droid", "wqy")
    if not bundled:
        without_bundled_font(monkeypatch, tmp_path)
    rules = scoring_rules(RuleLibrary.load().get("4-07-02-06"))
    warnings: list = []
    path = export_results_pdf(tmp_path / "results.pdf", sample_results(rules), rules, "成绩 2026-11", NAMES,
                              sample_stats(rules), warnings=warnings)
    first = flat(page_texts(path)[0])
    assert "\x00" not in first and warnings == []
    assert "合格线60分" in first and "A001" in first and "59.9" in first and all(n in first for n in NAMES.values())
    assert font_names(path) == {"WenQuanYiMicroHei"}
