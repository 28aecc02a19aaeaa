"""Font discovery: configured path, environment, system, bundled fallback; CFF fonts refused."""

from __future__ import annotations

import struct

import pytest

from eligibility_desk.documents import fonts
from eligibility_desk.documents.fonts import (BUNDLED_FONT, FontNotFoundError, find_cjk_font, has_truetype_outlines,
                                              parse_font_spec, register_cjk_font)


@pytest.fixture(autouse=True)
def fresh_cache():
    find_cjk_font.cache_clear()
    yield
    find_cjk_font.cache_clear()


def fake_otf(path):
    """An sfnt header with a CFF table: what Noto Sans CJK / Source Han look like to the search."""
    directory = b"CFF " + b"\0" * 12 + b"cmap" + b"\0" * 12
    path.write_bytes(b"OTTO" + struct.pack(">HHHH", 2, 0, 0, 0) + directory)
    return path


def test_the_bundled_fallback_is_a_truetype_collection_with_its_licence():
    assert BUNDLED_FONT.is_file()
    assert has_truetype_outlines(BUNDLED_FONT, 0) and has_truetype_outlines(BUNDLED_FONT, 1)
    assert not has_truetype_outlines(BUNDLED_FONT, 2)  # the collection has two faces
    licence = (BUNDLED_FONT.parent / "wqy-microhei-LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache" in licence and "GPL" in licence


def test_cff_opentype_fonts_are_not_taken(tmp_path):
    otf = fake_otf(tmp_path / "NotoSansCJK.otf")
    assert not has_truetype_outlines(otf)
    with pytest.raises(FontNotFoundError, match="no TrueType outlines"):
        find_cjk_font(str(otf))


def test_a_configured_font_comes_first(tmp_path):
    copy = tmp_path / "centre-font.ttc"
    copy.write_bytes(BUNDLED_FONT.read_bytes())
    location = find_cjk_font(f"{copy}#1")
    assert (location.path, location.index, location.source) == (copy, 1, "configured")
    with pytest.raises(FontNotFoundError, match="does not exist"):
        find_cjk_font(str(tmp_path / "missing.ttf"))


def test_the_environment_comes_before_the_system(monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.FONT_ENV, str(BUNDLED_FONT))
    assert find_cjk_font().source == "env"


def test_the_bundled_font_is_used_when_the_system_has_none(monkeypatch):
    monkeypatch.setattr(fonts, "_system_candidates", lambda: [])
    location = find_cjk_font()
    assert (location.path, location.index, location.source) == (BUNDLED_FONT, 0, "bundled")


def test_system_fonts_without_truetype_outlines_are_skipped(monkeypatch, tmp_path):
    otf = fake_otf(tmp_path / "cff.otf")
    monkeypatch.setattr(fonts, "_system_candidates", lambda: [(otf, 0), (tmp_path / "absent.ttf", 0)])
    assert find_cjk_font().source == "bundled"


def test_parse_font_spec_reads_a_face_index():
    assert parse_font_spec("/f/a.ttc#1") == (parse_font_spec("/f/a.ttc")[0], 1)
    assert parse_font_spec("C:/Fonts/msyh.ttc")[1] == 0


def test_registration_gives_a_reportlab_font_with_chinese():
    from reportlab.pdfbase import pdfmetrics

    name = register_cjk_font()
    assert name == register_cjk_font()  # once per process
    assert pdfmetrics.stringWidth("准考证", name, 10) > 0


def test_a_missing_or_unusable_font_is_a_code_with_parameters_and_an_english_message(tmp_path):
    import pickle

    gone = tmp_path / "gone.ttf"
    with pytest.raises(FontNotFoundError) as missing:
        find_cjk_font(f"{gone}#1")
    assert (missing.value.code, missing.value.params) == (fonts.MISSING, {"path": str(gone), "index": 1,
                                                                          "source": "configured"})
    assert str(missing.value) == f"the configured font {gone} does not exist"
    again = pickle.loads(pickle.dumps(missing.value))          # raised in a render process, shown by the caller
    assert (again.code, again.params, str(again)) == (missing.value.code, missing.value.params, str(missing.value))
    with pytest.raises(FontNotFoundError) as cff:
        find_cjk_font(str(fake_otf(tmp_path / "Noto.otf")))
    assert cff.value.code == fonts.NOT_TRUETYPE and cff.value.params["source"] == "configured"


def test_the_cache_follows_the_file_and_the_environment_without_being_cleared(monkeypatch, tmp_path):
    copy = tmp_path / "centre-font.ttc"
    copy.write_bytes(BUNDLED_FONT.read_bytes())
    assert find_cjk_font(str(copy)).path == copy
    copy.unlink()                                               # deleted after it was found once
    with pytest.raises(FontNotFoundError) as gone:
        find_cjk_font(str(copy))
    assert gone.value.code == fonts.MISSING
    monkeypatch.setenv(fonts.FONT_ENV, f"{BUNDLED_FONT}#1")
    assert (find_cjk_font().source, find_cjk_font().index) == ("env", 1)
    monkeypatch.setenv(fonts.FONT_ENV, str(tmp_path / "nope.ttf"))
    with pytest.raises(FontNotFoundError) as env:
        find_cjk_font()
    assert (env.value.code, env.value.params["source"]) == (fonts.MISSING, "env")


def test_every_character_of_the_documents_fixed_texts_is_in_document_chars():
    """The font check trusts DOCUMENT_CHARS for the labels, headings and footers: every string literal of the
    document modules (docstrings aside) must be in it, or a font lacking one of them would pass."""
    import ast
    from pathlib import Path

    import eligibility_desk.documents as documents

    missing = {}
    for module in sorted(Path(documents.__file__).parent.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                lacking = {ch for ch in node.value if ch.isprintable() and not ch.isspace()} - fonts.DOCUMENT_CHARS
                if lacking:
                    missing[f"{module.name}: {node.value[:30]}"] = "".join(sorted(lacking))
    assert not missing, missing
    assert set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()-./:·–") <= fonts.DOCUMENT_CHARS


def stripped_font(path):
    """A real TrueType file whose character map has none of the documents' characters: reportlab's subset of
    the bundled face (its cmap maps codes 0-31 to the subset's glyphs, not Unicode)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(BUNDLED_FONT), validate=0)
    path.write_bytes(face.makeSubset([ord(ch) for ch in "准考证"]))
    return path


def test_a_configured_font_lacking_characters_is_refused_naming_them(tmp_path, batch_files, run_cli, capsys):
    font = stripped_font(tmp_path / "stripped.ttf")
    assert has_truetype_outlines(font)
    with pytest.raises(FontNotFoundError) as refused:
        find_cjk_font(str(font))
    assert (refused.value.code, refused.value.params["source"]) == (fonts.MISSING_GLYPHS, "configured")
    assert set("准考证0123456789Aa·") <= set(refused.value.params["characters"])
    assert "0–9 A–Z a–z" in str(refused.value)
    out = tmp_path / "s.pdf"
    assert run_cli(["signin", *map(str, batch_files), "--out", str(out), "--font", str(font), "-q"]) == 2
    assert "stripped.ttf" in capsys.readouterr().err and not out.exists()


def test_the_missing_characters_are_described_compactly():
    assert fonts.describe_characters("9876543210ZYXWVUTSRQPONMLKJIHGFEDCBA()·") == "0–9 A–Z ( ) ·"
    assert fonts.describe_characters("ab") == "a b"
    assert fonts.describe_characters("".join(chr(0x4E00 + 2 * i) for i in range(50)), limit=3).endswith(" …")


RARE = "𰻞"   # U+30EDE (CJK extension G): in no font the search knows of


def test_a_name_with_a_character_no_font_has_is_a_named_warning(batch_files, tmp_path, run_cli, capsys):
    from eligibility_desk.documents import DocumentOptions, render_signin, render_slips

    from .pdf_helpers import SECRET, load, page_texts, save

    plan_path, scenario_path = batch_files
    scenario = load(scenario_path)
    scenario["candidates"][1]["name"] = f"李{RARE}{RARE}"
    save(scenario_path, scenario)
    out = tmp_path / "slips.pdf"
    result = render_slips(plan_path, scenario_path, out, DocumentOptions(secret=SECRET))
    assert result.warnings == [(fonts.GLYPHS_MISSING, {"kind": "candidate", "id": "C002", "text": f"李{RARE}{RARE}",
                                                       "characters": RARE, "font": BUNDLED_FONT.name})]
    assert any("张伟" in t and "20253-4-R101-01" in t for t in page_texts(out))   # the rest prints as ever
    assert render_signin(plan_path, scenario_path, tmp_path / "signin.pdf").warnings[0][1]["id"] == "C002"
    assert run_cli(["doorlist", str(plan_path), str(scenario_path), "--out", str(tmp_path / "d.pdf"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "考生 C002" in err and RARE in err and "wqy-microhei.ttc" in err, err


def test_font_coverage_is_read_once_per_font_file(tmp_path):
    copy = tmp_path / "copy.ttc"
    copy.write_bytes(BUNDLED_FONT.read_bytes())
    fonts._coverage.cache_clear()
    first = fonts.coverage(copy)
    assert ord("准") in first and ord("7") in first
    assert fonts.coverage(copy) is first                       # cached …
    copy.write_bytes(BUNDLED_FONT.read_bytes()[:-4] + b"\0\0\0\0\0")
    assert fonts.coverage(copy) is not first                   # … per state of the file


def test_the_bundled_font_has_every_character_of_the_fixed_texts():
    assert fonts.missing_characters(fonts.FontLocation(BUNDLED_FONT, 0), fonts.DOCUMENT_CHARS) == ""
