"""The text policy (domain/text_policy.py, issue 15): every character of a refused kind is refused, whatever
its block — checked over every code point of each kind, not a sample — and the readers' byte search
(``suspect_utf8``), which sends a file to the careful path, finds every character the careful check refuses
beyond ``str.isprintable`` (else the fast paths, which test isprintable only, would let it through)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility_desk.domain.text_policy import MAX_MARKS, ascii_digits, suspect_utf8, text_problem, visible

ALL = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
HIDDEN = ["\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", *map(chr, range(0x180B, 0x1810)), "\u3164", "\uffa0",
          *map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0100, 0xE01F0))]
NONCHARACTERS = [*map(chr, range(0xFDD0, 0xFDF0)), *(chr(plane * 0x10000 + low) for plane in range(17)
                                                     for low in (0xFFFE, 0xFFFF))]
#: beyond isprintable: what the fast paths would not see
BEYOND_PRINTABLE = ("invisible_character", "not_a_character", "too_many_marks")


@pytest.mark.parametrize("kind,chars", [
    ("Cc", [c for c in ALL if unicodedata.category(c) == "Cc" and c not in " "]),
    ("Cf", [c for c in ALL if unicodedata.category(c) == "Cf"]),
    ("Zl/Zp", ["\u2028", "\u2029"]),
    ("hidden", HIDDEN),
    ("noncharacters", NONCHARACTERS),
])
def test_every_character_of_a_refused_kind_is_refused_where_it_stands(kind, chars):
    for char in chars:   # after a Latin letter: a variation selector directly after an ideograph is a name's
        found = text_problem(f"A{char}三", 50)
        assert found is not None and found[1]["position"] == 2, (kind, f"U+{ord(char):04X}", found)
        assert f"<U+{ord(char):04X}>" in visible(f"A{char}三")


SELECTORS = [*map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0100, 0xE01F0))]
IDEOGRAPHS = ["葛", "一", "鿿", "㐀", "䶿", "豈", "舘", "𠀀", "𪛟",
              "𫝀", "𰀀", "𱍊"]


@pytest.mark.parametrize("selector", SELECTORS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_variation_selector_directly_after_an_ideograph_is_a_name(selector):
    """Ideographic variation sequences — the variant glyph of a rare surname — are accepted after every kind of
    CJK ideograph, at the start, inside or at the end of a name, and kept as typed; a selector anywhere else
    (alone, after a Latin letter, kana, a space, punctuation or another selector) is refused where it stands."""
    for ideograph in IDEOGRAPHS:
        for text in (f"{ideograph}{selector}", f"张{ideograph}{selector}三", f"{ideograph}{selector}{ideograph}{selector}"):
            assert text_problem(text, 50) is None, (text, ideograph)
    for text, position in [(selector, 1), (f"A{selector}", 2), (f"張あ{selector}", 3), (f"张 {selector}", 3),
                           (f"张、{selector}", 3), (f"张{selector}{selector}", 3), (f"张{selector}︀", 3),
                           (f"{selector}张", 1), (f"张々{selector}", 3)]:
        found = text_problem(text, 50)
        assert found is not None and found[0] == "invisible_character" and found[1]["position"] == position, text


def test_every_character_the_careful_check_refuses_beyond_isprintable_is_found_in_its_bytes():
    missed = [f"U+{ord(c):04X}" for c in ALL
              if c.isprintable() and text_problem(f"张{c}三", 50) is not None
              and not suspect_utf8(f"张{c}三".encode())]
    assert missed == []
    # and every mark of the stacking blocks, so that a stack of them reaches the careful check
    marks = [c for c in ALL if 0x300 <= ord(c) <= 0x36F or 0x1AB0 <= ord(c) <= 0x1AFF or 0x1DC0 <= ord(c) <= 0x1DFF
             or 0x20D0 <= ord(c) <= 0x20FF or 0xFE20 <= ord(c) <= 0xFE2F]
    assert [c for c in marks if not suspect_utf8(("e" + c * (MAX_MARKS + 1)).encode())] == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["张", "（", "）", "、", "—", "a", " ", "\u3164", "\ufe0f", "\u0301",
                                        "\ufffe", "\U0001fffe", "\U00020000", "\u20d0", "\uffa0", "ｓ", "\u2003"]),
               max_size=12))
def test_the_byte_search_finds_whatever_the_check_refuses_beyond_isprintable(text):
    found = text_problem(text, 100)
    if found is not None and found[0] in BEYOND_PRINTABLE:
        assert suspect_utf8(text.encode())


@pytest.mark.parametrize("marks,refused", [(MAX_MARKS, False), (MAX_MARKS + 1, True), (1000, True)])
def test_combining_marks_beyond_four_in_a_row_are_refused(marks, refused):
    found = text_problem("e" + "\u0301" * marks, 2000)
    assert (found is not None and found[0] == "too_many_marks") is refused
    assert text_problem("Nguyễn Văn", 50) is None  # precomposed and single accents are names


@pytest.mark.parametrize("text", ["张三", "欧阳娜娜", "阿卜杜热合曼·买买提", "José Nguyễn", "张\ue000三", "李𠀀"])
def test_ordinary_names_private_use_and_extension_characters_are_accepted(text):
    assert text_problem(text, 50) is None


def test_full_width_digits_are_folded_only_where_asked():
    assert ascii_digits("１１０１０５１９９００３０７１２３Ｘ") == "11010519900307123X"
    assert ascii_digits("２０１９－０３－０１") == "2019-03-01"
    assert ascii_digits("张三") == "张三"


@pytest.mark.parametrize("value", [1.1010519900307123e17, 110105199003071232.0, "1.10105E+17", "1.10105199003071E+17",
                                   "110105199003071232#"])
def test_an_id_number_stored_as_a_number_is_refused_as_such_not_by_its_check_character(value):
    from eligibility_desk.domain.validation import Problem, parse_id_number

    with pytest.raises(Problem) as refused:
        parse_id_number(value)
    assert refused.value.code == "id_number_as_number"


def test_an_id_number_in_full_width_digits_is_the_same_person():
    from eligibility_desk.domain.idnumber import id_number_problem, make_id_number
    from eligibility_desk.domain.validation import parse_id_number
    from datetime import date

    number = make_id_number("110105", date(1990, 3, 7), 123)
    wide = number.translate({c: c + 0xFEE0 for c in range(48, 58)})
    assert parse_id_number(wide) == number
    assert id_number_problem(wide) == ("id_chars", {})  # stored only as folded ASCII


@pytest.mark.parametrize("value,expected", [("２０１９－０３－０１", "2019-03-01"), ("2019年3月1日", "2019-03-01")])
def test_dates_in_full_width_are_read(value, expected):
    from eligibility_desk.domain.validation import parse_date

    assert parse_date(value).isoformat() == expected


@pytest.mark.parametrize("value", ["٢٠١٩-٠٣-٠١", "२०१९-०३-०१"])
def test_digits_of_other_scripts_are_not_a_date(value):
    from eligibility_desk.domain.validation import Problem, parse_date

    with pytest.raises(Problem):
        parse_date(value)


def test_a_time_in_a_date_column_says_it_is_a_time():
    from datetime import time

    from eligibility_desk.domain.validation import Problem, parse_date

    with pytest.raises(Problem) as refused:
        parse_date(time(0, 0))
    assert "是时间" in refused.value.params["value"]
