"""The ``screen`` command's flat wording (cli/screen_words.py) says what the general wording says
(rules_engine/explain.py: explain_answer), for every clause answer of many generated applicants."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility_desk.cli.screen_words import answer_wording
from eligibility_desk.domain.interchange import parse_applicant
from eligibility_desk.rules_engine import RuleLibrary, explain

from tests.cli.test_screen_command import ROOT
from tests.cli.test_screen_json import people

AS_OF = date(2025, 9, 1)
D1, D2, D3 = date(2019, 3, 1).toordinal(), date(2021, 1, 31).toordinal(), date(2024, 2, 29).toordinal()

#: traces the generated applicants may not reach: every branch of the flat formatters
HAND_MADE = [
    ("work", 5, 0, D3, D1, False),
    ("work", 5, D3 - D1, D3, D1, True),
    ("work", 5, 2000, D3, D1, True, (5, 1, 3)),
    ("work", 5, 2000, D3, D1, False, (4, 11, 29), 0),
    ("work", 3, 1200, D3, D2, True, (3, 0, 0), 2),
    # lengths beyond the flat wording's tables (99 years) and every part empty
    ("work", 5, 40_000, D3, D1, True),
    ("work", 5, 2000, D3, D1, True, (104, 0, 7), 3),
    ("work", 5, 2000, D3, D1, False, (0, 0, 0), 2),
    ("work", 5, 2000, D3, D1, False, (0, 11, 0), 2),
    ("work", 5, 2000, D3, D1, False, (0, 0, 30), 2),
    ("work_after", "cert", 3, 3, D1, 2, 0, 0, False),
    ("work_after", "cert", 4, 3, D1, 2, 900, D3, True),
    ("work_after", "cert", 4, 3, D1, 2, 900, D3, True, (2, 5, 1), 2),
    ("work_after", "title", "junior", 1, D2, 1, 400, D3, True),
    ("work_after", "title", "intermediate", 2, D2, 1, 0, 0, False),
    ("work_after", "title_unknown", "junior", 1, D2, 1, 400, D3, True),
    ("work_after", "title_unknown", "junior", 1, D2, 1, 400, D3, False, (1, 1, 1)),
    ("work_after", "other", "junior", 3, D2, 1, 400, D3, False),
    ("cert", 4, 4, D1, 0, True),
    ("cert", 4, 3, D1, 2, True),
    ("cert", 4, 2, D1, 3, False),
    ("cert", "4", "3", D1, 3, False),
    ("no_cert", 3), ("no_cert", "4"), ("no_cert", 9),
    ("no_title", "senior"), ("title_mismatch", "junior", 2, D1), ("title", "senior", 3, D2, True),
    ("title", "senior", 3, D2, False),
    ("doubt", (("occupation", "厨师", D1), ("end", "营销员", D2)), ("work", 5, 1900, D3, D1, True)),
    ("doubt", (("end", "营销员", D2),), ("work_after", "cert", 4, 3, D1, 2, 900, D3, True)),
    ("edu_none", ("technician_school", "undergraduate")),
    ("edu", "graduated", "technician_college", "senior", "电子商务", D2, 12, ()),
    ("edu", "graduated", "undergraduate", None, "", D2, 12, ()),
    ("edu", "type", "higher_vocational", None, "广告学", D2, 12, ("technician_school", "technician_college")),
    ("edu", "major", "higher_vocational", None, "广告学", D2, 12, ("中等及以上职业学校 相关专业", "高等职业学校 相关专业")),
    ("edu", "major", "higher_vocational", None, "广告学", D2, 12, ()),
    ("edu", "final_year", "technician_college", "senior", "电子商务", D3, 12, ()),
    ("edu", "no_date", "secondary_vocational", None, "会计", None, 12, ()),
    ("edu", "class", "technician_college", "intermediate", "市场营销", D2, 12, ("senior", "technician")),
    ("enrolled_none", ("technician_college", "secondary_vocational")),
    ("enrolled", "ok", "technician_college", "senior", "电子商务", D3),
    ("enrolled", "stale", "technician_college", None, "电子商务", D1),
    ("all", (("no_cert", 3), ("enrolled_none", ("technician_college",)))),
    ("any", (("no_title", "junior"), ("work", 5, 0, D3, D1, False), ("all", (("no_cert", 2), ("no_title", "senior"))))),
    ("age", 18, None, D1, True),
]


def _general(trace: tuple, when, lang: str) -> str:
    return explain.explain_answer(trace, when, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hand_made_traces_are_worded_as_the_general_wording_words_them(lang):
    words = answer_wording(lang)
    for trace in HAND_MADE:
        for when in (None, D3):
            assert words(trace, when) == _general(trace, when, lang), trace
    # and a second time, from the memos
    for trace in HAND_MADE:
        assert words(trace, D2) == _general(trace, D2, lang), trace


def test_every_clause_answer_of_every_shipped_standard_is_worded_as_the_general_wording():
    """Every shipped standard, all its levels, 1,500 generated applicants, both languages through the same
    memos in turn (a memo mixing the languages would show here)."""
    library = RuleLibrary.load(ROOT / "rules")
    applicants = [parse_applicant(p) for p in people(1500, seed=23)]
    words = {"zh": answer_wording("zh"), "en": answer_wording("en")}
    seen = 0
    kinds = set()
    for code in library.codes():
        standard = library.get(code, AS_OF)
        for applicant in applicants:
            for result in standard.screen(applicant, AS_OF):
                eligible = result.verdict.value == "eligible"
                for answer in result.clause_answers:
                    when = None if eligible else answer[2]
                    kinds.add(answer[1][0])
                    for lang in ("zh", "en"):
                        assert words[lang](answer[1], when) == _general(answer[1], when, lang), (code, answer)
                    seen += 1
    assert seen > 50_000
    assert {"work", "work_after", "edu", "no_cert", "doubt", "all"} <= kinds  # the kinds the flat path words


def test_any_other_language_is_the_general_wording():
    words = answer_wording("fr")
    trace = ("work", 5, 2000, D3, D1, True)
    assert words(trace, D2) == _general(trace, D2, "fr")
