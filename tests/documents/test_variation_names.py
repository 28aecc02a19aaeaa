"""A name stored with an ideographic variation sequence (葛 + U+E0100, issue 15) prints with its base ideograph:
no missing-glyph warning for the selector (a PDF draws one glyph per character and applies no variation
sequence), and the name is on the slip; a name without one is unchanged."""

from __future__ import annotations

import pytest

from eligibility_desk.documents import DocumentOptions, render_slips, render_signin

from .pdf_helpers import load, page_texts, save


@pytest.mark.parametrize("name", ["葛\U000e0100三", "\U00020000\U000e0100林", "张\ufe00三", "欧阳\U000e01ef娜娜"])
@pytest.mark.parametrize("render", [render_slips, render_signin])
def test_a_variation_sequence_prints_with_its_base_glyph(batch_files, tmp_path, name, render):
    plan, scenario = batch_files
    data = load(scenario)
    data["candidates"][0]["name"] = name
    save(scenario, data)
    out = tmp_path / "out.pdf"
    result = render(plan, scenario, out, DocumentOptions(secret=bytes(32), id_mask=None))
    assert not [w for w in result.warnings if w[0] == "glyphs_missing" and any(
        "\ufe00" <= c <= "\ufe0f" or "\U000e0100" <= c <= "\U000e01ef" for c in w[1].get("characters", ""))]
    base = "".join(c for c in name if not ("\ufe00" <= c <= "\ufe0f" or "\U000e0100" <= c <= "\U000e01ef"))
    if "\U00020000" not in base:      # the bundled font has no extension B: that one prints with a warning
        assert any(base in text for text in page_texts(out))
