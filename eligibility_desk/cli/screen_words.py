"""The ``screen`` command's wording of the common clause answers, one flat function per trace kind and language.

:func:`eligibility_desk.rules_engine.explain.explain_answer` is the wording: this module says the same
sentences for the kinds a batch is made of (work, work after a certificate or title, schooling, certificates,
titles, doubtful work, and ``all``/``any`` of them) without its chain of calls — dispatch, the language tested
in every function, the date and length helpers one call each — and with the pieces a batch repeats
remembered by plain integer keys (a date's text by its ordinal, a length's by its months and days).  Any
other kind, and any language but ``zh``/``en``, is worded by ``explain_answer`` itself.

The sentences must stay the general wording's to the character: ``tests/cli/test_screen_words.py`` compares the
two on every clause answer of many generated applicants, every shipped standard, all levels, Chinese and
English.  A change of wording in :mod:`~eligibility_desk.rules_engine.explain` is made here too (the test
fails until it is).
"""

from __future__ import annotations

from eligibility_desk.domain.labels import (
    level_label,
    school_type_label,
    title_grade_label,
    title_rank_label,
)
from eligibility_desk.rules_engine import explain as general
from eligibility_desk.rules_engine.dates import months_and_days


def answer_wording(lang: str):
    """``words(trace, eligible_from_ordinal | None) -> str``: what ``explain_answer`` says, in ``lang``."""
    if lang == "zh":
        return _Wording(False).answer
    if lang == "en":
        return _Wording(True).answer
    return lambda trace, when: general.explain_answer(trace, when, lang)


class _Wording:
    """The flat formatters of one language, with their memos (one per run of the command)."""

    def __init__(self, en: bool):
        self.en = en
        self.lang = "en" if en else "zh"
        self._dates = general._ISO        # ordinal -> "YYYY-MM-DD" (the general wording's memo, shared)
        self._spans: dict[int, str] = {}  # months * 64 + days -> "4年8个月"
        self._ymds: dict[tuple, str] = {}  # (y, m, d) -> "4年8个月"
        self._levels = {}                 # level code -> its name
        self._schools: dict[tuple, str] = {}
        kinds = _EN if en else _ZH
        self._kinds = {code: getattr(self, name) for code, name in kinds.items()}
        self._met = " (would be met on {})" if en else "（预计 {} 起符合）"
        self._general = general._explain
        self._zero = "0 days" if en else "0天"

    # -- shared pieces -------------------------------------------------------------------------------------

    def iso(self, ordinal: int) -> str:
        text = self._dates.get(ordinal)
        return text if text is not None else general.iso(ordinal)

    def ymd(self, ymd: tuple) -> str:
        text = self._ymds.get(ymd)
        if text is None:
            text = self._ymds[ymd] = general.ymd_text(ymd, self.lang)
        return text

    def span(self, start: int, end: int) -> str:
        """The length from ``start`` to ``end`` as years, months and days (``duration``'s text)."""
        months, days = months_and_days(start, end)
        key = months * 64 + days
        text = self._spans.get(key)
        if text is None:
            text = self._spans[key] = general.ymd_text((months // 12, months % 12, days), self.lang)
        return text

    def spent(self, total: int, end: int, extra: tuple) -> str:
        if extra:
            n = extra[1] if len(extra) > 1 else None
            if self.en:
                return f"{self.ymd(extra[0])} (sum of {n or 'several'} periods, 30 days to a month)"
            return f"{self.ymd(extra[0])}（{n or '多'} 段合计，每段按年月日相加，30 天计 1 个月）"
        if total <= 0:
            return self._zero
        return self.span(end - total, end)

    def level(self, value) -> str:
        text = self._levels.get(value)
        if text is None:
            text = self._levels[value] = level_label(value, self.lang)
        return text

    def school(self, school_type, class_type, major) -> str:
        key = (school_type, class_type, major)
        text = self._schools.get(key)
        if text is None:
            text = self._schools[key] = general._school(school_type, class_type, major, self.lang)
        return text

    # -- the answer ----------------------------------------------------------------------------------------

    def answer(self, trace: tuple, when: int | None) -> str:
        text = self.words(trace)
        if when is not None:
            text += self._met.format(self.iso(when))
        return text

    def words(self, trace: tuple) -> str:
        format_ = self._kinds.get(trace[0])
        return format_(trace) if format_ is not None else self._general(trace, self.lang)

    # -- Chinese -------------------------------------------------------------------------------------------

    def zh_all(self, trace: tuple) -> str:
        return "；".join(map(self.words, trace[1]))

    def zh_any(self, trace: tuple) -> str:
        return "；或 ".join(map(self.words, trace[1]))

    def zh_work(self, trace: tuple) -> str:
        _code, years, total, end, first, ok = trace[:6]
        if total <= 0:
            return f"无本职业或相关职业工作经历，未满 {years} 年"
        return f"累计相关工作 {self.spent(total, end, trace[6:])}，{'已满' if ok else '未满'} {years} 年（自 {self.iso(first)} 起）"

    def zh_work_after(self, trace: tuple) -> str:
        _code, kind, need, held, obtained, years, total, end, ok = trace[:9]
        spent = self.spent(total, end, trace[9:]) if total > 0 else "0天"
        if kind == "cert":
            extra = f"，代替{self.level(need)}" if held != need else ""
            return f"取得{self.level(held)}证书（{self.iso(obtained)}{extra}）后累计相关工作 {spent}，{'已满' if ok else '未满'} {years} 年"
        name = title_rank_label(held, "zh")
        if kind == "title_unknown":
            return (f"取得{name}（{self.iso(obtained)}）后累计相关工作 {spent}，{'已满' if ok else '未满'} {years} 年"
                    f"；职称与本职业专业是否对应未确认{'，需人工审核' if ok else ''}")
        text = f"取得{name}（{self.iso(obtained)}）后累计相关工作 {spent}，{'已满' if ok else '未满'} {years} 年"
        if kind == "title":
            text = text.replace("）后", "，专业对应）后", 1)
        return text

    def zh_cert(self, trace: tuple) -> str:
        _code, need, held, obtained, held_years, ok = trace
        extra = f"，代替{self.level(need)}" if held != need else ""
        what = f"{self.level(held)}证书（{self.iso(obtained)}{extra}）"
        if not held_years:
            return f"已取得{what}"
        return f"取得{what}{'已满' if ok else '未满'} {held_years} 年"

    def zh_no_cert(self, trace: tuple) -> str:
        return f"未取得本职业或相关职业{self.level(trace[1])}证书"

    def zh_no_title(self, trace: tuple) -> str:
        return f"未取得{title_grade_label(trace[1], 'zh')}"

    def zh_title_mismatch(self, trace: tuple) -> str:
        return f"所持{title_rank_label(trace[2], 'zh')}（{self.iso(trace[3])}）与本职业专业不对应"

    def zh_title(self, trace: tuple) -> str:
        _c, _grade, held, obtained, matches = trace
        return (f"已取得{title_rank_label(held, 'zh')}（{self.iso(obtained)}）"
                + ("，专业对应" if matches else "，专业对应关系未确认，需人工审核"))

    def zh_doubt(self, trace: tuple) -> str:
        _code, doubts, inner = trace
        parts = []
        for reason, occupation, start in doubts:
            if reason == "end":
                parts.append(f"{occupation}（{self.iso(start)} 起）未填写结束日期")
            else:
                parts.append(f"{occupation}：不在本标准的职业目录中")
        return f"若计入{'；'.join(parts)}，则符合本条，需人工认定（{self.words(inner)}）"

    def zh_edu(self, trace: tuple) -> str:
        if trace[0] == "edu_none":
            return f"无本条所列院校（{'、'.join(school_type_label(v, 'zh') for v in trace[1])}）的学历"
        _c, code, school_type, class_type, major, graduation, window, extra = trace
        school = self.school(school_type, class_type, major)
        grad = self.iso(graduation) if graduation is not None else ""
        if code == "graduated":
            return f"已取得{school}毕业证书（{grad}）"
        if code == "type":
            return f"{school}：不属本条所列院校（{'、'.join(school_type_label(v, 'zh') for v in extra)}）"
        if code == "major":
            return f"专业「{major}」不在相关专业目录（{'、'.join(extra) or '无'}）中"
        return general._edu(trace, "zh")

    def zh_enrolled(self, trace: tuple) -> str:
        if trace[0] == "enrolled_none":
            return f"非{'、'.join(school_type_label(v, 'zh') for v in trace[1])}在读学生"
        return general._enrolled(trace, "zh")

    # -- English -------------------------------------------------------------------------------------------

    def en_all(self, trace: tuple) -> str:
        return "; ".join(map(self.words, trace[1]))

    def en_any(self, trace: tuple) -> str:
        return " — or — ".join(map(self.words, trace[1]))

    def en_work(self, trace: tuple) -> str:
        _code, years, total, end, first, ok = trace[:6]
        if total <= 0:
            return f"no related work recorded, short of {years} years"
        return (f"cumulative related work {self.spent(total, end, trace[6:])}, {'meets' if ok else 'short of'} "
                f"{years} years (since {self.iso(first)})")

    def en_work_after(self, trace: tuple) -> str:
        _code, kind, need, held, obtained, years, total, end, ok = trace[:9]
        spent = self.spent(total, end, trace[9:]) if total > 0 else "0 days"
        if kind == "cert":
            extra = f", in place of {self.level(need)}" if held != need else ""
            what = f"certificate {self.level(held)} ({self.iso(obtained)}{extra})"
        else:
            what = f"{title_rank_label(held, 'en')} ({self.iso(obtained)})"
        text = f"after {what}: related work {spent}, {'meets' if ok else 'short of'} {years} years"
        if kind == "title_unknown":
            text += "; whether the title matches the profession is not recorded" + (" — a clerk must decide" if ok else "")
        return text

    def en_cert(self, trace: tuple) -> str:
        _code, need, held, obtained, held_years, ok = trace
        extra = f", in place of {self.level(need)}" if held != need else ""
        what = f"certificate {self.level(held)} ({self.iso(obtained)}{extra})"
        if not held_years:
            return f"holds {what}"
        return f"{what} held {'for at least' if ok else 'for less than'} {held_years} years"

    def en_no_cert(self, trace: tuple) -> str:
        return f"no certificate of {self.level(trace[1])} in this or a related occupation"

    def en_no_title(self, trace: tuple) -> str:
        return f"no {title_grade_label(trace[1], 'en')}"

    def en_title_mismatch(self, trace: tuple) -> str:
        return f"the {title_rank_label(trace[2], 'en')} ({self.iso(trace[3])}) does not match the profession"

    def en_title(self, trace: tuple) -> str:
        _c, _grade, held, obtained, matches = trace
        return (f"holds {title_rank_label(held, 'en')} ({self.iso(obtained)})"
                + ("" if matches else "; profession match not recorded — a clerk must decide"))

    def en_doubt(self, trace: tuple) -> str:
        _code, doubts, inner = trace
        parts = []
        for reason, occupation, start in doubts:
            if reason == "end":
                parts.append(f"{occupation} from {self.iso(start)}: end date not recorded")
            else:
                parts.append(f"{occupation}: not on the standard's occupation lists")
        return f"would be met counting {'; '.join(parts)} — a clerk must decide ({self.words(inner)})"

    def en_edu(self, trace: tuple) -> str:
        if trace[0] == "edu_none":
            return f"no schooling of the kinds this clause names ({', '.join(school_type_label(v, 'en') for v in trace[1])})"
        _c, code, school_type, class_type, major, graduation, window, extra = trace
        school = self.school(school_type, class_type, major)
        grad = self.iso(graduation) if graduation is not None else ""
        if code == "graduated":
            return f"graduated from {school} on {grad}"
        if code == "type":
            return f"{school}: not a school this clause names ({', '.join(school_type_label(v, 'en') for v in extra)})"
        if code == "major":
            return f"major '{major}' is not on the related-majors list ({'; '.join(extra) or 'none'})"
        return general._edu(trace, "en")

    def en_enrolled(self, trace: tuple) -> str:
        if trace[0] == "enrolled_none":
            return f"not enrolled at {', '.join(school_type_label(v, 'en') for v in trace[1])}"
        return general._enrolled(trace, "en")


def _kinds(prefix: str) -> dict[str, str]:
    """Trace kind -> the method that words it."""
    return {
        "all": f"{prefix}_all", "any": f"{prefix}_any", "work": f"{prefix}_work",
        "work_after": f"{prefix}_work_after", "cert": f"{prefix}_cert", "no_cert": f"{prefix}_no_cert",
        "no_title": f"{prefix}_no_title", "title_mismatch": f"{prefix}_title_mismatch", "title": f"{prefix}_title",
        "doubt": f"{prefix}_doubt", "edu": f"{prefix}_edu", "edu_none": f"{prefix}_edu",
        "enrolled": f"{prefix}_enrolled", "enrolled_none": f"{prefix}_enrolled",
    }


_ZH = _kinds("zh")
_EN = _kinds("en")
