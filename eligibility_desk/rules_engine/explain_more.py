"""Wording of the rarer clause kinds (:mod:`.work_clauses`, :mod:`.person_clauses`), Chinese and English.

Trace shapes::

    ("age", at_least, under, birth_ordinal, ok)          ("age_unknown", at_least, under)
    ("training", level, need_hours, done_hours, unsure_hours, list_title)
    ("apprentice", list_title, occupation, finished_ordinal | None, ok)
    ("own_cert", code, need_name, held_name, obtained, held_years, ok)
    ("own_cert_none" | "own_cert_unsure", code, need_name)
    ("work_x", years, list_title, event | None, since | None, gap | None, figures | None, ok, unsure)
        event: ("education", school_types) | ("cert", level) | ("own_cert", code, name) | ("title", grade)
        figures: ("span", start, end) | ("sum", (y, m, d), periods) | ("run", start, end)
"""

from __future__ import annotations

from eligibility_desk.domain.labels import level_label, school_type_label, title_grade_label
from eligibility_desk.rules_engine.dates import iso, span_ymd


def _en(lang: str) -> bool:
    return lang.startswith("en")


def _ymd(ymd: tuple, lang: str) -> str:
    years, months, days = ymd
    if _en(lang):
        text = " ".join(p for p in (f"{years} y" if years else "", f"{months} m" if months else "", f"{days} d" if days else "") if p)
        return text or "0 days"
    return "".join(p for p in (f"{years}年" if years else "", f"{months}个月" if months else "", f"{days}天" if days else "") if p) or "0天"


def _hours(value) -> str:
    return f"{value:g}"


def age(trace: tuple, lang: str) -> str:
    if trace[0] == "age_unknown":
        _c, low, high = trace
        if _en(lang):
            return "birth date not recorded (no birth_date and no valid ID number) — a clerk must check the age"
        return "未填写出生日期（也无有效身份证号码），需人工核实年龄"
    _c, low, high, birth, ok = trace
    want = []
    if _en(lang):
        if low is not None:
            want.append(f"at least {low}")
        if high is not None:
            want.append(f"under {high}")
        return f"born on {iso(birth)}: {'meets' if ok else 'does not meet'} the age limit ({', '.join(want)})"
    if low is not None:
        want.append(f"年满 {low} 周岁")
    if high is not None:
        want.append(f"未满 {high} 周岁")
    return f"出生日期 {iso(birth)}：{'符合' if ok else '不符合'}年龄要求（{'、'.join(want)}）"


def training(trace: tuple, lang: str) -> str:
    _c, level, need, done, unsure, title = trace
    if _en(lang):
        text = f"formal training for level {level} in {title}: {_hours(done)} of {_hours(need)} hours"
        if unsure:
            text += f" (another {_hours(unsure)} hours with no finish date — a clerk must check)"
        return text
    text = f"{title}等级 {level} 正规培训 {_hours(done)} 学时，规定 {_hours(need)} 学时，{'已达到' if done >= need else '未达到'}"
    if unsure:
        text += f"（另有 {_hours(unsure)} 学时未填写结业日期，需人工核实）"
    return text


def apprentice(trace: tuple, lang: str) -> str:
    _c, title, occupation, finished, ok = trace
    en = _en(lang)
    if not occupation:
        return f"no apprenticeship in {title}" if en else f"无{title}学徒经历"
    if finished is None:
        return f"apprenticeship as {occupation} not yet completed" if en else f"{occupation}学徒尚未期满"
    if en:
        return f"apprenticeship as {occupation} {'completed' if ok else 'completes'} on {iso(finished)}"
    return f"{occupation}学徒{'已于' if ok else '将于'} {iso(finished)} 期满"


def own_cert(trace: tuple, lang: str) -> str:
    code = trace[0]
    en = _en(lang)
    if code == "own_cert_none":
        return f"no {trace[1]} certificate of {trace[2]} or higher" if en else f"未取得 {trace[1]} {trace[2]}（或更高级别）证书"
    if code == "own_cert_unsure":
        if en:
            return f"a {trace[1]} certificate is recorded without a date or with a level not of that standard — a clerk must check"
        return f"持有 {trace[1]} 证书，但取得日期未填写或等级无法识别，需人工核实"
    _c, std, need, held, obtained, held_years, ok = trace
    stands_in = "" if held == need else (f", in place of {need}" if en else f"，代替{need}")
    if not held_years:
        return f"holds {std} {held} ({iso(obtained)}{stands_in})" if en else f"已取得 {std} {held} 证书（{iso(obtained)}{stands_in}）"
    if en:
        return f"{std} {held} ({iso(obtained)}{stands_in}) held {'for at least' if ok else 'for less than'} {held_years} years"
    return f"取得 {std} {held} 证书（{iso(obtained)}{stands_in}）{'已满' if ok else '未满'} {held_years} 年"


def _event(event: tuple, lang: str) -> str:
    kind = event[0]
    en = _en(lang)
    sep = ", " if en else "、"
    if kind == "education":
        names = sep.join(school_type_label(t, lang) for t in event[1])
        return f"graduation ({names})" if en else f"{names}毕业"
    if kind == "cert":
        return f"a certificate of {level_label(event[1], lang)}" if en else f"{level_label(event[1], lang)}证书"
    if kind == "own_cert":
        return f"a {event[1]} {event[2]} certificate" if en else f"{event[1]} {event[2]}证书"
    return title_grade_label(event[1], lang)


def work_x(trace: tuple, lang: str) -> str:
    _c, years, title, event, since, gap, figures, ok, unsure = trace
    en = _en(lang)
    if event is not None and since is None:
        what = _event(event, lang)
        if unsure:
            return (f"{what}: date or match not recorded — a clerk must check" if en
                    else f"{what}：日期或对应关系未填写，需人工核实")
        return f"no {what.removeprefix('a ')}" if en else f"未取得{what}"
    head = ""
    if event is not None:
        head = f"after {_event(event, lang)} ({iso(since)}): " if en else f"取得{_event(event, lang)}（{iso(since)}）后，"
    if figures is None:
        spent = "0 days" if en else "0天"
    elif figures[0] == "sum":
        spent = (f"{_ymd(figures[1], lang)} (sum of {figures[2]} periods, 30 days to a month)" if en
                 else f"{_ymd(figures[1], lang)}（{figures[2]} 段合计，每段按年月日相加，30 天计 1 个月）")
    else:
        start, end = figures[1], figures[2]
        spent = _ymd(span_ymd(start, end), lang)
        if figures[0] == "run":
            spent = (f"{spent} without a break over {gap} days ({iso(start)} to {iso(end - 1)})" if en
                     else f"{spent}（{iso(start)} 至 {iso(end - 1)}，中断不超过 {gap} 天）")
    if en:
        kind = "continuous work" if gap is not None else "work"
        return f"{head}{kind} in {title} {spent}, {'meets' if ok else 'short of'} {years} years"
    kind = "连续从事" if gap is not None else "从事"
    return f"{head}{kind}{title}工作 {spent}，{'已满' if ok else '未满'} {years} 年"


FORMATTERS = {
    "age": age, "age_unknown": age, "training": training, "apprentice": apprentice,
    "own_cert": own_cert, "own_cert_none": own_cert, "own_cert_unsure": own_cert, "work_x": work_x,
}
