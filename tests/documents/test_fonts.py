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
