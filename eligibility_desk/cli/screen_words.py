"""The ``screen`` command's wording of the common clause answers, one flat function per trace kind and language.

:func:`eligibility_desk.rules_engine.explain.explain_answer` is the wording: this module says the same
sentences for the kinds a batch is made of (work, work after a certificate or title, schooling, certificates,
titles, doubtful work, and ``all``/``any`` of them) without its chain of calls — dispatch, the language tested
in every function, the date and length helpers one call each — and with the pieces a batch repeats
remembered by plain integer keys (a date's text by its ordinal, a length's by its months and days).  Any
other kind, and any language but ``zh``/``en``, is worded by ``explain_answer`` itself.

Each kind's function is a closure over the run's memos (read as local names, no attribute look-ups) and
does its date and length look-ups inline: a batch of 25,000 applicants has ~40,000 distinct answers to word,
most of them carrying the applicant's own dates, so the cost of one sentence is the cost of the command's
wording (round six: 2.4 → ~1.2 µs a sentence, docs/benchmarks.md).

The sentences must stay the general wording's to the character: ``tests/cli/test_screen_words.py`` compares the
two on every clause answer of many generated applicants, every shipped standard, all levels, Chinese and
English.  A change of wording in :mod:`~eligibility_desk.rules_engine.explain` is made here too (the test
fails until it is).
"""

from __future__ import annotations

from datetime import date

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
    found = kind_wording(lang)
    if found is None:
        return lambda trace, when: general.explain_answer(trace, when, lang)
    _kinds, words, met = found

    def answer(trace: tuple, when: int | None) -> str:
        text = words(trace)
        return text if when is None else text + met(when)

    return answer


def kind_wording(lang: str):
    """``(kinds, words, met)`` for ``zh`` and ``en`` (``None`` for any other language): ``kinds`` maps a
    trace kind to its function ``(trace) -> str``; ``words(trace)`` is any trace's sentence (its kind's
    function, else the general wording); ``met(ordinal)`` the suffix of a clause that would be met on that
    date.  Fresh memos per call (one per run of the command)."""
    if lang not in ("zh", "en"):
        return None
    return _build(lang == "en")


def span_wording(en: bool):
    """``text(years, months, days)``: what :func:`~eligibility_desk.rules_engine.explain.ymd_text` says of
    that length (``"4年8个月"``, ``"4 y 8 m"``, ``"0天"``) — from tables of each part's text made here, two
    look-ups and a concatenation where the general wording builds, filters and joins a list per length (a
    batch's half has ~9,000 distinct lengths: round nine, docs/benchmarks.md).  Beyond the tables (99 years,
    a negative part) it asks the general wording."""
    lang = "en" if en else "zh"
    if en:
        years = [""] + [f"{y} y" for y in range(1, 100)]
        months = [""] + [f"{m} m" for m in range(1, 12)]
        days = [""] + [f"{d} d" for d in range(1, 32)]
        rest = [f"{m} {d}" if m and d else m or d for m in months for d in days]
    else:
        years = [""] + [f"{y}年" for y in range(1, 100)]
        months = [""] + [f"{m}个月" for m in range(1, 12)]
        days = [""] + [f"{d}天" for d in range(1, 32)]
        rest = [m + d for m in months for d in days]
    zero = "0 days" if en else "0天"
    ymd_text = general.ymd_text

    if en:
        def text(y: int, m: int, d: int) -> str:
            if 0 <= y < 100 and 0 <= m < 12 and 0 <= d < 32:
                head, tail = years[y], rest[m * 32 + d]
                if head:
                    return f"{head} {tail}" if tail else head
                return tail or zero
            return ymd_text((y, m, d), lang)
    else:
        def text(y: int, m: int, d: int) -> str:
            if 0 <= y < 100 and 0 <= m < 12 and 0 <= d < 32:
                return (years[y] + rest[m * 32 + d]) or zero
            return ymd_text((y, m, d), lang)

    return text


def _build(en: bool):
    lang = "en" if en else "zh"
    # ordinal -> "YYYY-MM-DD": the run's own memo, filled by one C call per new date (the general wording's
    # `iso` is two Python calls and a size check more)
    dates: dict[int, str] = {}
    fromordinal = date.fromordinal

    def new_iso(ordinal: int) -> str:
        text = dates[ordinal] = fromordinal(ordinal).isoformat()
        return text

    span_text = span_wording(en)
    spans: dict[int, str] = {}       # months * 64 + days -> "4年8个月"
    ymds: dict[tuple, str] = {}      # (y, m, d) -> "4年8个月"
    levels: dict = {}                # level code -> its name
    schools: dict[tuple, str] = {}
    general_words = general._explain
    zero = "0 days" if en else "0天"
    kinds: dict = {}
    get_kind = kinds.get

    def new_span(months: int, days: int) -> str:
        text = spans[months * 64 + days] = span_text(months // 12, months % 12, days)
        return text

    def ymd(value: tuple) -> str:
        text = ymds.get(value)
        if text is None:
            text = ymds[value] = span_text(*value)
        return text

    def spent(total: int, end: int, extra: tuple) -> str:
        """The work counted (``_spent``): the clerk's sum of several periods, else one length."""
        if extra:
            n = extra[1] if len(extra) > 1 else None
            if en:
                return f"{ymd(extra[0])} (sum of {n or 'several'} periods, 30 days to a month)"
            return f"{ymd(extra[0])}（{n or '多'} 段合计，每段按年月日相加，30 天计 1 个月）"
        if total <= 0:
            return zero
        months, days = months_and_days(end - total, end)
        return spans.get(months * 64 + days) or new_span(months, days)

    def level(value) -> str:
        text = levels.get(value)
        if text is None:
            text = levels[value] = level_label(value, lang)
        return text

    def school(school_type, class_type, major) -> str:
        key = (school_type, class_type, major)
        text = schools.get(key)
        if text is None:
            text = schools[key] = general._school(school_type, class_type, major, lang)
        return text

    def words(trace: tuple) -> str:
        format_ = get_kind(trace[0])
        return format_(trace) if format_ is not None else general_words(trace, lang)

    if en:
        def met(when: int) -> str:
            return f" (would be met on {dates.get(when) or new_iso(when)})"
    else:
        def met(when: int) -> str:
            return f"（预计 {dates.get(when) or new_iso(when)} 起符合）"

    # -- the kinds, in both languages ----------------------------------------------------------------------

    def all_(trace: tuple) -> str:
        return ("; " if en else "；").join(map(words, trace[1]))

    def any_(trace: tuple) -> str:
        return (" — or — " if en else "；或 ").join(map(words, trace[1]))

    def edu_or_enrolled_none(trace: tuple, label=school_type_label) -> str:
        names = (", " if en else "、").join(label(v, lang) for v in trace[1])
        if trace[0] == "edu_none":
            return (f"no schooling of the kinds this clause names ({names})" if en
                    else f"无本条所列院校（{names}）的学历")
        return f"not enrolled at {names}" if en else f"非{names}在读学生"

    def enrolled(trace: tuple) -> str:
        if trace[0] == "enrolled_none":
            return edu_or_enrolled_none(trace)
        return general._enrolled(trace, lang)

    def doubt(trace: tuple) -> str:
        _code, doubts, inner = trace
        parts = []
        for reason, occupation, start in doubts:
            day = dates.get(start) or new_iso(start)
            if reason == "end":
                parts.append(f"{occupation} from {day}: end date not recorded" if en
                             else f"{occupation}（{day} 起）未填写结束日期")
            else:
                parts.append(f"{occupation}: not on the standard's occupation lists" if en
                             else f"{occupation}：不在本标准的职业目录中")
        if en:
            return f"would be met counting {'; '.join(parts)} — a clerk must decide ({words(inner)})"
        return f"若计入{'；'.join(parts)}，则符合本条，需人工认定（{words(inner)}）"

    if en:
        def work(trace: tuple) -> str:
            _code, years, total, end, first, ok = trace[:6]
            if total <= 0:
                return f"no related work recorded, short of {years} years"
            if len(trace) > 6:
                done = spent(total, end, trace[6:])
            else:
                months, days = months_and_days(end - total, end)
                done = spans.get(months * 64 + days) or new_span(months, days)
            return (f"cumulative related work {done}, {'meets' if ok else 'short of'} {years} years "
                    f"(since {dates.get(first) or new_iso(first)})")

        def work_after(trace: tuple) -> str:
            _code, kind, need, held, obtained, years, total, end, ok = trace[:9]
            done = spent(total, end, trace[9:]) if total > 0 else "0 days"
            day = dates.get(obtained) or new_iso(obtained)
            if kind == "cert":
                what = (f"certificate {level(held)} ({day}, in place of {level(need)})" if held != need
                        else f"certificate {level(held)} ({day})")
            else:
                what = f"{title_rank_label(held, 'en')} ({day})"
            text = f"after {what}: related work {done}, {'meets' if ok else 'short of'} {years} years"
            if kind == "title_unknown":
                text += "; whether the title matches the profession is not recorded" + (" — a clerk must decide" if ok else "")
            return text

        def cert(trace: tuple) -> str:
            _code, need, held, obtained, held_years, ok = trace
            extra = f", in place of {level(need)}" if held != need else ""
            what = f"certificate {level(held)} ({dates.get(obtained) or new_iso(obtained)}{extra})"
            if not held_years:
                return f"holds {what}"
            return f"{what} held {'for at least' if ok else 'for less than'} {held_years} years"

        def no_cert(trace: tuple) -> str:
            return f"no certificate of {level(trace[1])} in this or a related occupation"

        def no_title(trace: tuple) -> str:
            return f"no {title_grade_label(trace[1], 'en')}"

        def title_mismatch(trace: tuple) -> str:
            return f"the {title_rank_label(trace[2], 'en')} ({dates.get(trace[3]) or new_iso(trace[3])}) does not match the profession"

        def title(trace: tuple) -> str:
            _c, _grade, held, obtained, matches = trace
            return (f"holds {title_rank_label(held, 'en')} ({dates.get(obtained) or new_iso(obtained)})"
                    + ("" if matches else "; profession match not recorded — a clerk must decide"))

        def edu(trace: tuple) -> str:
            if trace[0] == "edu_none":
                return edu_or_enrolled_none(trace)
            _c, code, school_type, class_type, major, graduation, window, extra = trace
            if code == "graduated":
                grad = (dates.get(graduation) or new_iso(graduation)) if graduation is not None else ""
                return f"graduated from {school(school_type, class_type, major)} on {grad}"
            if code == "major":
                return f"major '{major}' is not on the related-majors list ({'; '.join(extra) or 'none'})"
            if code == "type":
                return (f"{school(school_type, class_type, major)}: not a school this clause names "
                        f"({', '.join(school_type_label(v, 'en') for v in extra)})")
            return general._edu(trace, "en")
    else:
        def work(trace: tuple) -> str:
            _code, years, total, end, first, ok = trace[:6]
            if total <= 0:
                return f"无本职业或相关职业工作经历，未满 {years} 年"
            if len(trace) > 6:
                done = spent(total, end, trace[6:])
            else:
                months, days = months_and_days(end - total, end)
                done = spans.get(months * 64 + days) or new_span(months, days)
            return f"累计相关工作 {done}，{'已满' if ok else '未满'} {years} 年（自 {dates.get(first) or new_iso(first)} 起）"

        def work_after(trace: tuple) -> str:
            _code, kind, need, held, obtained, years, total, end, ok = trace[:9]
            done = spent(total, end, trace[9:]) if total > 0 else "0天"
            day = dates.get(obtained) or new_iso(obtained)
            if kind == "cert":
                extra = f"，代替{level(need)}" if held != need else ""
                return f"取得{level(held)}证书（{day}{extra}）后累计相关工作 {done}，{'已满' if ok else '未满'} {years} 年"
            name = title_rank_label(held, "zh")
            if kind == "title_unknown":
                return (f"取得{name}（{day}）后累计相关工作 {done}，{'已满' if ok else '未满'} {years} 年"
                        f"；职称与本职业专业是否对应未确认{'，需人工审核' if ok else ''}")
            if kind == "title":
                return f"取得{name}（{day}，专业对应）后累计相关工作 {done}，{'已满' if ok else '未满'} {years} 年"
            return f"取得{name}（{day}）后累计相关工作 {done}，{'已满' if ok else '未满'} {years} 年"

        def cert(trace: tuple) -> str:
            _code, need, held, obtained, held_years, ok = trace
            extra = f"，代替{level(need)}" if held != need else ""
            what = f"{level(held)}证书（{dates.get(obtained) or new_iso(obtained)}{extra}）"
            if not held_years:
                return f"已取得{what}"
            return f"取得{what}{'已满' if ok else '未满'} {held_years} 年"

        def no_cert(trace: tuple) -> str:
            return f"未取得本职业或相关职业{level(trace[1])}证书"

        def no_title(trace: tuple) -> str:
            return f"未取得{title_grade_label(trace[1], 'zh')}"

        def title_mismatch(trace: tuple) -> str:
            return f"所持{title_rank_label(trace[2], 'zh')}（{dates.get(trace[3]) or new_iso(trace[3])}）与本职业专业不对应"

        def title(trace: tuple) -> str:
            _c, _grade, held, obtained, matches = trace
            return (f"已取得{title_rank_label(held, 'zh')}（{dates.get(obtained) or new_iso(obtained)}）"
                    + ("，专业对应" if matches else "，专业对应关系未确认，需人工审核"))

        def edu(trace: tuple) -> str:
            if trace[0] == "edu_none":
                return edu_or_enrolled_none(trace)
            _c, code, school_type, class_type, major, graduation, window, extra = trace
            if code == "graduated":
                grad = (dates.get(graduation) or new_iso(graduation)) if graduation is not None else ""
                return f"已取得{school(school_type, class_type, major)}毕业证书（{grad}）"
            if code == "major":
                return f"专业「{major}」不在相关专业目录（{'、'.join(extra) or '无'}）中"
            if code == "type":
                return (f"{school(school_type, class_type, major)}：不属本条所列院校"
                        f"（{'、'.join(school_type_label(v, 'zh') for v in extra)}）")
            return general._edu(trace, "zh")

    kinds.update({
        "all": all_, "any": any_, "work": work, "work_after": work_after, "cert": cert, "no_cert": no_cert,
        "no_title": no_title, "title_mismatch": title_mismatch, "title": title, "doubt": doubt,
        "edu": edu, "edu_none": edu, "enrolled": enrolled, "enrolled_none": enrolled,
    })
    return kinds, words, met
