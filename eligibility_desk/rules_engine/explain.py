"""Turning trace records into sentences, in Chinese (default) or English.

The engine records each condition as a compact tuple ``(code, *figures)``; this module is the only place
that words them, and it runs only when a result is shown or exported.  Example::

    ("work", 5, 1702, end, start, False)  ->  "累计相关工作 4年8个月，未满 5 年（自 2021-01-01 起）"
"""

from __future__ import annotations

from eligibility_desk.domain.labels import (
    class_type_label,
    level_label,
    school_type_label,
    title_grade_label,
    title_rank_label,
)
from eligibility_desk.domain.verdict import ClauseResult
from eligibility_desk.rules_engine import explain_more
from eligibility_desk.rules_engine.dates import iso as _plain_iso
from eligibility_desk.rules_engine.dates import span_ymd
from eligibility_desk.rules_engine.listed_major import explain_listed_major

# The wording runs once per distinct trace (explain's memo) — for a batch of 50,000 applicants that is
# still ~90,000 sentences — so the common kinds below test the language once, and reuse the pieces a batch
# repeats: dates as text, lengths as text.

_ISO: dict[int, str] = {}
_YMD: dict[tuple, str] = {}


def iso(ordinal: int) -> str:
    """``YYYY-MM-DD`` of a date ordinal (remembered: a batch repeats the same dates)."""
    text = _ISO.get(ordinal)
    if text is None:
        if len(_ISO) > 100_000:
            _ISO.clear()
        text = _ISO[ordinal] = _plain_iso(ordinal)
    return text


def _en(lang: str) -> bool:
    return lang.startswith("en")


def duration(total_days: int, end: int, lang: str = "zh") -> str:
    """A number of work days laid end to end up to ``end``, as years, months and days."""
    if total_days <= 0:
        return "0 days" if lang.startswith("en") else "0天"
    return ymd_text(span_ymd(end - total_days, end), lang)


def ymd_text(ymd: tuple, lang: str = "zh") -> str:
    """``(years, months, days)`` as "4年8个月" / "4 y 8 m" (remembered per distinct length)."""
    key = (ymd, lang)
    text = _YMD.get(key)
    if text is None:
        years, months, days = ymd
        if lang.startswith("en"):
            parts = [f"{years} y" if years else "", f"{months} m" if months else "", f"{days} d" if days else ""]
            text = " ".join(p for p in parts if p) or "0 days"
        else:
            parts = [f"{years}年" if years else "", f"{months}个月" if months else "", f"{days}天" if days else ""]
            text = "".join(p for p in parts if p) or "0天"
        if len(_YMD) > 100_000:
            _YMD.clear()
        _YMD[key] = text
    return text


def _spent(total: int, end: int, extra: tuple, lang: str) -> str:
    """The work counted: one period as its length; several as the clerk's sum (each period in years,
    months and days, 30 days to a month), saying so."""
    if extra:
        ymd = extra[0]
        n = extra[1] if len(extra) > 1 else None
        if lang.startswith("en"):
            return f"{ymd_text(ymd, lang)} (sum of {n or 'several'} periods, 30 days to a month)"
        return f"{ymd_text(ymd, lang)}（{n or '多'} 段合计，每段按年月日相加，30 天计 1 个月）"
    return duration(total, end, lang)


def _work(trace: tuple, lang: str) -> str:
    _code, years, total, end, first, ok = trace[:6]
    en = lang.startswith("en")
    if total <= 0:
        return f"no related work recorded, short of {years} years" if en else f"无本职业或相关职业工作经历，未满 {years} 年"
    spent = _spent(total, end, trace[6:], lang)
    if en:
        return f"cumulative related work {spent}, {'meets' if ok else 'short of'} {years} years (since {iso(first)})"
    return f"累计相关工作 {spent}，{'已满' if ok else '未满'} {years} 年（自 {iso(first)} 起）"


def _held(kind: str, need, held, obtained: int, lang: str) -> str:
    en = lang.startswith("en")
    if kind == "cert":
        name = level_label(held, lang)
        stands_in = held != need
        if en:
            extra = f", in place of {level_label(need, lang)}" if stands_in else ""
            return f"certificate {name} ({iso(obtained)}{extra})"
        extra = f"，代替{level_label(need, lang)}" if stands_in else ""
        return f"{name}证书（{iso(obtained)}{extra}）"
    name = title_rank_label(held, lang)
    if en:
        return f"{name} ({iso(obtained)})"
    return f"{name}（{iso(obtained)}）"


def _work_after(trace: tuple, lang: str) -> str:
    _code, kind, need, held, obtained, years, total, end, ok = trace[:9]
    en = lang.startswith("en")
    spent = _spent(total, end, trace[9:], lang) if total > 0 else ("0 days" if en else "0天")
    what = _held("cert" if kind == "cert" else "title", need, held, obtained, lang)
    if en:
        text = f"after {what}: related work {spent}, {'meets' if ok else 'short of'} {years} years"
        if kind == "title_unknown":
            text += "; whether the title matches the profession is not recorded" + (" — a clerk must decide" if ok else "")
        return text
    text = f"取得{what}后累计相关工作 {spent}，{'已满' if ok else '未满'} {years} 年"
    if kind == "title_unknown":
        text += "；职称与本职业专业是否对应未确认" + ("，需人工审核" if ok else "")
    elif kind == "title":
        text = text.replace("）后", "，专业对应）后", 1)
    return text


def _cert(trace: tuple, lang: str) -> str:
    _code, need, held, obtained, held_years, ok = trace
    what = _held("cert", need, held, obtained, lang)
    if not held_years:
        return f"holds {what}" if _en(lang) else f"已取得{what}"
    if _en(lang):
        return f"{what} held {'for at least' if ok else 'for less than'} {held_years} years"
    return f"取得{what}{'已满' if ok else '未满'} {held_years} 年"


def _cert_undated(trace: tuple, lang: str) -> str:
    level = trace[1]
    if _en(lang):
        return f"a certificate of {level_label(level, lang)} is recorded without its date — a clerk must check"
    return f"持有{level_label(level, lang)}证书，但未填写取得日期，需人工核实"


def _doubt(trace: tuple, lang: str) -> str:
    """Work left out as doubtful would meet the clause: a clerk decides."""
    _code, doubts, inner = trace
    en = _en(lang)
    parts = []
    for reason, occupation, start in doubts:
        if reason == "end":
            parts.append(f"{occupation} from {iso(start)}: end date not recorded" if en else f"{occupation}（{iso(start)} 起）未填写结束日期")
        else:
            parts.append(f"{occupation}: not on the standard's occupation lists" if en else f"{occupation}：不在本标准的职业目录中")
    sep = "; " if en else "；"
    if en:
        return f"would be met counting {sep.join(parts)} — a clerk must decide ({explain(inner, lang)})"
    return f"若计入{sep.join(parts)}，则符合本条，需人工认定（{explain(inner, lang)}）"


def _stale_after(trace: tuple, lang: str) -> str:
    """Work after graduation counted from a record still marked in school after its expected date: the
    education clause's review reason, then what this clause would find counting from that date (met: a clerk
    decides; not met: the clause fails either way)."""
    _code, stale, inner = trace
    grad = iso(stale[5])
    met = inner[7]  # the work_x trace counted from that date: met or not
    if _en(lang):
        if met:
            return (f"{_edu(stale, lang)}; had they graduated on {grad}, this clause (work after graduation) would be "
                    f"met — a clerk must check ({explain(inner, lang)})")
        return (f"{_edu(stale, lang)}; even had they graduated on {grad}, this clause (work after graduation) would "
                f"not be met ({explain(inner, lang)})")
    if met:
        return f"{_edu(stale, lang)}；若已于 {grad} 毕业，则符合本条（毕业后工作年限），需人工核实（{explain(inner, lang)}）"
    return f"{_edu(stale, lang)}；即使已于 {grad} 毕业，本条（毕业后工作年限）仍不符合（{explain(inner, lang)}）"


def _no_cert(trace: tuple, lang: str) -> str:
    level = trace[1]
    if _en(lang):
        return f"no certificate of {level_label(level, lang)} in this or a related occupation"
    return f"未取得本职业或相关职业{level_label(level, lang)}证书"


def _cert_list(trace: tuple, lang: str) -> str:
    """``("cert_list", list_title, cert trace)``: a national certificate of one occupation list (本职业 L 级证书)."""
    _code, title, inner = trace
    if inner[0] == "no_cert":
        level = level_label(inner[1], lang)
        return f"no certificate of {level} in {title}" if _en(lang) else f"未取得{title}{level}证书"
    return f"{explain(inner, lang)} ({title})" if _en(lang) else f"{explain(inner, lang)}（{title}）"


def _title(trace: tuple, lang: str) -> str:
    code = trace[0]
    if code == "no_title":
        return f"no {title_grade_label(trace[1], lang)}" if _en(lang) else f"未取得{title_grade_label(trace[1], lang)}"
    if code == "title_mismatch":
        _c, _grade, held, obtained = trace
        if _en(lang):
            return f"the {title_rank_label(held, lang)} ({iso(obtained)}) does not match the profession"
        return f"所持{title_rank_label(held, lang)}（{iso(obtained)}）与本职业专业不对应"
    _c, _grade, held, obtained, matches = trace
    if _en(lang):
        return f"holds {title_rank_label(held, lang)} ({iso(obtained)})" + ("" if matches else "; profession match not recorded — a clerk must decide")
    return f"已取得{title_rank_label(held, lang)}（{iso(obtained)}）" + ("，专业对应" if matches else "，专业对应关系未确认，需人工审核")


_SCHOOLS: dict[tuple, str] = {}


def _school(school_type: str, class_type, major: str, lang: str) -> str:
    key = (school_type, class_type, major, lang)
    text = _SCHOOLS.get(key)
    if text is None:
        parts = [school_type_label(school_type, lang)]
        if class_type:
            parts.append(class_type_label(class_type, lang))
        if major:
            parts.append(major if _en(lang) else f"{major} 专业")
        text = " ".join(parts)
        if len(_SCHOOLS) > 100_000:
            _SCHOOLS.clear()
        _SCHOOLS[key] = text
    return text


def _names(values, label, lang: str) -> str:
    return (", " if _en(lang) else "、").join(label(v, lang) for v in values)


def _edu(trace: tuple, lang: str) -> str:
    en = lang.startswith("en")
    if trace[0] == "edu_none":
        if en:
            return f"no schooling of the kinds this clause names ({_names(trace[1], school_type_label, lang)})"
        return f"无本条所列院校（{_names(trace[1], school_type_label, lang)}）的学历"
    _c, code, school_type, class_type, major, graduation, window, extra = trace
    school = _school(school_type, class_type, major, lang)
    grad = iso(graduation) if graduation is not None else ""
    if code == "graduated":
        return f"graduated from {school} on {grad}" if en else f"已取得{school}毕业证书（{grad}）"
    if code == "final_year":
        if en:
            return f"final-year student: {school}, expected to graduate on {grad} (within {window} months)"
        return f"在读应届毕业生：{school}，预计 {grad} 毕业（基准日后 {window} 个月内）"
    if code == "type":
        if en:
            return f"{school}: not a school this clause names ({_names(extra, school_type_label, lang)})"
        return f"{school}：不属本条所列院校（{_names(extra, school_type_label, lang)}）"
    if code == "class":
        if en:
            return f"{school}: class type not accepted (needs {_names(extra, class_type_label, lang)})"
        return f"{school}：班级类型不符合（需{_names(extra, class_type_label, lang)}）"
    if code == "class_unknown":
        return f"{school}: class type not recorded — a clerk must check" if en else f"{school}：班级类型未填写，需人工核实"
    if code == "major":
        lists = ("; ".join(extra) if en else "、".join(extra)) or ("none" if en else "无")
        if en:
            return f"major '{major}' is not on the related-majors list ({lists})"
        return f"专业「{major}」不在相关专业目录（{lists}）中"
    if code == "major_unlisted":
        return f"major '{major}' is not listed — a clerk must decide" if en else f"专业「{major}」不在相关专业目录中，需人工认定"
    if code == "assessed":
        return f"{school}: programme not assessed (经评估论证)" if en else f"{school}：所学专业未经评估论证"
    if code == "no_date":
        return f"{school}: graduation date not recorded — a clerk must check" if en else f"{school}：毕业（预计毕业）日期未填写，需人工核实"
    if code == "stale":
        if en:
            return f"{school}: still marked in school although the expected graduation date {grad} has passed — check"
        return f"{school}：标记为在读，但预计毕业日期 {grad} 已过，需核实是否已毕业"
    if code == "not_final_year":
        if en:
            return f"{school}: expected to graduate on {grad}, more than {window} months ahead — not yet a final-year student"
        return f"{school}：预计 {grad} 毕业，距基准日超过 {window} 个月，尚不属应届毕业生"
    if code == "not_graduated":
        return f"{school}: not yet graduated (expected {grad}); this clause needs a graduate" if en else f"{school}：尚未毕业（预计 {grad}），本条要求已毕业"
    return code


def _enrolled(trace: tuple, lang: str) -> str:
    en = _en(lang)
    if trace[0] == "enrolled_none":
        names = _names(trace[1], school_type_label, lang)
        return f"not enrolled at {names}" if en else f"非{names}在读学生"
    _c, code, school_type, class_type, major, graduation = trace
    school = _school(school_type, class_type, major, lang)
    grad = iso(graduation) if graduation is not None else ""
    if code == "ok":
        return f"enrolled: {school} (expected to graduate on {grad})" if en else f"在读：{school}（预计 {grad} 毕业）"
    if code == "class_unknown":
        return f"enrolled at {school}, class type not recorded — a clerk must check" if en else f"在读：{school}，班级类型未填写，需人工核实"
    if code == "stale":
        if en:
            return f"{school}: still marked in school although the expected graduation date {grad} has passed — check"
        return f"{school}：标记为在读，但预计毕业日期 {grad} 已过，需核实是否仍在读"
    return f"enrolled at {school}: class type not accepted" if en else f"在读：{school}，班级类型不符合本条"


_FORMATTERS = {
    "work": _work,
    "work_after": _work_after,
    "cert": _cert,
    "no_cert": _no_cert,
    "cert_list": _cert_list,
    "cert_undated": _cert_undated,
    "doubt": _doubt,
    "stale_after": _stale_after,
    "no_title": _title,
    "title_mismatch": _title,
    "title": _title,
    "edu": _edu,
    "edu_none": _edu,
    "enrolled": _enrolled,
    "enrolled_none": _enrolled,
    **explain_more.FORMATTERS,
    "listed_major": explain_listed_major,
}


_MEMO: dict[tuple, str] = {}


def explain(trace: tuple, lang: str = "zh") -> str:
    """One trace record (and its children) as a sentence.  Memoised: a batch repeats the same traces
    (「未取得……证书」, the same school and major) many times."""
    key = (trace, lang)
    text = _MEMO.get(key)
    if text is None:
        if len(_MEMO) > 200_000:
            _MEMO.clear()
        text = _MEMO[key] = _explain(trace, lang)
    return text


def _explain(trace: tuple, lang: str) -> str:
    code = trace[0]
    if code == "all":
        return ("; " if _en(lang) else "；").join(explain(child, lang) for child in trace[1])
    if code == "any":
        return (" — or — " if _en(lang) else "；或 ").join(explain(child, lang) for child in trace[1])
    return _FORMATTERS[code](trace, lang)


def explain_clause(result: ClauseResult, lang: str = "zh") -> str:
    text = _explain(result.trace, lang)
    if result.eligible_from is not None:
        text += _would_be_met(result.eligible_from.isoformat(), lang)
    return text


def explain_answer(trace: tuple, eligible_from: int | None, lang: str = "zh") -> str:
    """:func:`explain_clause` of a clause result given as its trace and the ordinal of the date it would be
    met on (``None``: no date shown) — the engine's answer as it stands, without a ClauseResult."""
    text = _explain(trace, lang)
    if eligible_from is not None:
        text += _would_be_met(iso(eligible_from), lang)
    return text


def _would_be_met(when: str, lang: str) -> str:
    return f" (would be met on {when})" if _en(lang) else f"（预计 {when} 起符合）"
