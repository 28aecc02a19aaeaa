"""The results report (docs/scoring.md): a real PDF with the CJK font embedded, statistics with histograms
(§1.9.2: bins at or above the pass mark 60 green, below red), every result and the pass list on its own page."""

from __future__ import annotations

import shutil

import pytest

from eligibility_desk.documents.fonts import FontNotFoundError
from eligibility_desk.documents.results_pdf import export_results_pdf
from eligibility_desk.rules_engine import RuleLibrary
from eligibility_desk.scoring import scoring_rules
from tests.scoring.result_samples import NAMES, sample_results, sample_stats

from .pdf_helpers import fonts_of, page_texts, render_png

TITLE = "用户增长运营师 2026-11 批次 成绩"


@pytest.fixture(scope="module")
def rules():
    return scoring_rules(RuleLibrary.load().get("4-07-02-06"))


@pytest.fixture
def report(tmp_path, rules):
    return export_results_pdf(tmp_path / "results.pdf", sample_results(rules), rules, TITLE, NAMES, sample_stats(rules))


def test_report_has_the_statistics_the_results_and_the_pass_list_on_its_own_page(report):
    texts = page_texts(report)
    assert len(texts) == 2
    first, last = texts
    assert TITLE in first and "成绩统计" in first and "合格线 60 分" in first
    assert all(name in first for name in NAMES.values()) and "不合格" in first and "缺考" in first
    assert "合格人员名单" in last and "A002" in last and "A004" in last
    assert "A001" not in last and "A003" not in last          # 59.9 fails (§1.9.2), absent fails


def test_the_cjk_font_is_embedded_as_a_truetype_subset(report):
    fonts = fonts_of(report)
    assert fonts and all(info["file"] == "/FontFile2" for info in fonts.values()), fonts
    assert not any("Helvetica" in name or "STSong" in name for name in fonts)


def test_english_report(tmp_path, rules):
    path = export_results_pdf(tmp_path / "en.pdf", sample_results(rules), rules, "Results", NAMES, sample_stats(rules),
                              lang="en")
    first, last = page_texts(path)
    assert "Statistics" in first and "pass mark 60" in first and "Pass list" in last and "张三" in first


def test_a_bad_font_names_the_file_and_leaves_the_old_report_alone(tmp_path, rules):
    path = tmp_path / "results.pdf"
    path.write_bytes(b"%PDF-old")
    missing = tmp_path / "nope.ttf"
    with pytest.raises(FontNotFoundError, match="nope.ttf"):
        export_results_pdf(path, sample_results(rules), rules, TITLE, NAMES, font_spec=str(missing))
    assert path.read_bytes() == b"%PDF-old" and sorted(p.name for p in tmp_path.iterdir()) == ["results.pdf"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed")
def test_the_histograms_render_green_at_or_above_the_pass_mark_and_red_below(report, tmp_path):
    from PIL import Image

    png = render_png(report, 1, tmp_path, dpi=60)
    image = Image.open(png).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}

    def near(target):
        return any(all(abs(a - b) <= 12 for a, b in zip(colour, target)) for colour in colours)

    assert near((0x3A, 0x8F, 0x5C)) and near((0xC0, 0x50, 0x4D))
    dark = sum(count for count, (r, g, b) in image.getcolors(maxcolors=1 << 20) if r + g + b < 200)
    assert dark > 500                                         # text was drawn, not an empty page
