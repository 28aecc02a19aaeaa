"""The wording of ``rules test``'s answers: a failed case (what differed: expected vs got) and the summary,
Chinese first, English with ``--lang en`` — like :mod:`.messages` for rule-file mistakes.  The cases
module (:mod:`.cases`) gives each difference a code and parameters (:class:`.cases.CaseDifference`).
"""

from __future__ import annotations

from eligibility_desk.rules_engine.messages import refusal_text


def _verdict(value: str, lang: str) -> str:
    """``eligible（符合）``: the word the case file uses, then what it means (zh); the word alone (en)."""
    from eligibility_desk.domain.labels import verdict_label

    return value if lang[:2] == "en" else f"{value}（{verdict_label(value, 'zh')}）"


def _clause_lines(results, lang: str) -> list[str]:
    """One line per clause result: its id, verdict and explanation."""
    from eligibility_desk.rules_engine.explain import explain_clause

    return [f"      {c.id} {_verdict(c.verdict.value, lang)}：{explain_clause(c, 'zh')}" if lang[:2] != "en"
            else f"      {c.id} {c.verdict.value}: {explain_clause(c, 'en')}" for c in results]


def _dated(value, lang: str) -> str:
    if value is None:
        return "null" if lang[:2] == "en" else "null（不会符合）"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def difference_lines(difference, lang: str = "zh") -> list[str]:
    """What differed in one case (:class:`.cases.CaseDifference`), as lines indented under its FAIL line:
    the expected and the actual answer, and for a verdict each clause's result and explanation."""
    p = difference.params
    en = lang[:2] == "en"
    code = difference.code
    if code == "case_verdict":
        head = (f"    level {p['level']}: verdict {p['got']}, expected {p['expected']}" if en else
                f"    等级 {p['level']} 的结论：应为 {_verdict(p['expected'], lang)}，实际是 {_verdict(p['got'], lang)}")
        return [head] + _clause_lines(p["clauses"], lang)
    if code == "case_passing":
        got, expected = (f"[{', '.join(p[key])}]" for key in ("got", "expected"))
        return [f"    level {p['level']}: passing clauses {got}, expected {expected}" if en else
                f"    等级 {p['level']} 的满足条款：应为 {expected}，实际是 {got}"]
    if code == "case_no_clause":
        known = ", ".join(p["known"]) or ("none" if en else "无")
        return [f"    level {p['level']} has no clause {p['clause']} (its clauses: {known})" if en else
                f"    等级 {p['level']} 没有条款 {p['clause']}（该等级的条款：{known}）"]
    if code == "case_clause":
        head = (f"    clause {p['clause']} is {p['got']}, expected {p['expected']}" if en else
                f"    条款 {p['clause']}：应为 {_verdict(p['expected'], lang)}，实际是 {_verdict(p['got'], lang)}")
        return [head] + _clause_lines((p["result"],), lang)
    if code == "case_eligible_from":
        got, expected = _dated(p["got"], lang), _dated(p["expected"], lang)
        return [f"    level {p['level']}: eligible_from {got}, expected {expected}" if en else
                f"    等级 {p['level']} 的最早符合日期（eligible_from）：应为 {expected}，实际是 {got}"]
    if code == "case_explain":
        return [f"    clause {p['clause']}: '{p['phrase']}' is not in the explanation '{p['text']}'" if en else
                f"    条款 {p['clause']}：解释中没有「{p['phrase']}」（解释是「{p['text'] or '（无此条款）'}」）"]
    if code == "case_applicant_invalid":
        return [f"    applicant: {e.describe('en')}" if en else f"    申请人记录有误：{e.describe('zh')}"
                for e in p["errors"]]
    error = p.get("error")  # a rule file or a version the case cannot use: worded in the language asked
    detail = refusal_text(error, lang) if error is not None else p.get("detail", "")
    return [f"    cannot screen: {detail}" if en else f"    无法筛查：{detail}"]


def case_failure_lines(case, outcome, lang: str = "zh") -> list[str]:
    """A failed case: a line naming its file, line and name, then what differed (:func:`difference_lines`)."""
    en = lang[:2] == "en"
    if en:
        where = f"{case.path}:{case.line}" if case.line else case.path
        head = f"FAIL {where}: {case.name}"
    else:
        where = f"{case.path}：第 {case.line} 行" if case.line else case.path
        head = f"不通过：{where}：用例「{case.name}」"
    return [head] + [line for difference in outcome.problems for line in difference_lines(difference, lang)]


def cases_summary(passed: int, failed: int, broken: int, ran: int, folder, lang: str = "zh") -> str:
    """The last line of ``rules test``."""
    if lang[:2] == "en":
        extra = f", {broken} broken case file(s) or case(s)" if broken else ""
        return f"{passed} passed, {failed} failed{extra} ({ran} case(s) in {folder})"
    extra = f"，{broken} 个用例文件或用例无法使用" if broken else ""
    return f"通过 {passed} 个，不通过 {failed} 个{extra}（{folder} 中共 {ran} 个可运行的用例）"
