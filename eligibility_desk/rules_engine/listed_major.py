"""The ``listed_major`` clause: enrolled in, or graduated from, a major listed for the applicant's own school tier.

1+X certificate standards (rules/standards/1x-*.yaml) give no 申报条件; they list 适用院校专业 by school tier
(中等职业学校, 高等职业学校, 高等职业教育本科学校, 应用型本科学校), often twice — from the original and the new
catalogue of vocational majors.  A centre screens against those lists::

    when:
      listed_major: {otherwise: review}     # 中心决定: whoever is not on a list goes to a clerk

Each education record is judged on its own: its school type must be one ``settings.major_lists_by_school_type``
names (or one of ``school_types``, when given), and its major must be on a list named there for **that**
school type — a 高职 student's major is looked up in the 高职 lists only, never in the 中职 lists.  The record
counts while the student is enrolled (in school, expected graduation date still ahead) or once graduated.
Nothing else makes the clause eligible; a record that is not on a list gives ``otherwise`` (``review`` or
``ineligible``, a required centre decision), and a record a clerk must check anyway (graduation date missing,
still marked in school after the expected date) gives ``review``.

The trace is ``("listed_major", code, school_type, major, graduation, lists)``; :func:`explain_listed_major`
words it in Chinese or English.  The clause is registered in :data:`.compiler.PREDICATES`, the wording in
``explain._FORMATTERS``.
"""

from __future__ import annotations

from typing import Any

from eligibility_desk.domain.applicant import SchoolType
from eligibility_desk.domain.labels import school_type_label
from eligibility_desk.domain.verdict import ELIGIBLE, INELIGIBLE, REVIEW
from eligibility_desk.rules_engine.dates import iso
from eligibility_desk.rules_engine.yamlread import line_of
from eligibility_desk.rules_engine.vocabulary import CompileContext, Predicate, VocabularyError

_SCHOOL_TYPES = tuple(t.value for t in SchoolType)
_OTHERWISE = {"review": REVIEW, "ineligible": INELIGIBLE}
#: which unmet record's trace to show, when none is eligible: the most telling first
_RANK = {"stale": 4, "no_date": 4, "not_graduated": 3, "major": 2, "tier": 1}


def listed_major(raw: Any, ctx: CompileContext) -> Predicate:
    """Compile ``listed_major: {otherwise: review|ineligible, school_types: [...]?}``."""
    if not isinstance(raw, dict):
        raise VocabularyError(f"'listed_major' takes a mapping of parameters (otherwise, school_types), got {raw!r}",
                              code="takes_mapping", params={"name": "listed_major", "known": "otherwise, school_types"})
    unknown = sorted(set(raw) - {"otherwise", "school_types"})
    if unknown:
        raise VocabularyError(f"'listed_major' has no parameter '{unknown[0]}' (it takes: otherwise, school_types)",
                              line_of(raw, unknown[0]), code="no_parameter",
                              params={"name": "listed_major", "key": unknown[0], "known": "otherwise, school_types"})
    otherwise = raw.get("otherwise")
    if otherwise not in _OTHERWISE:
        raise VocabularyError(f"'listed_major.otherwise' must be review or ineligible (a centre decision), got {otherwise!r}",
                              code="otherwise", params={"value": repr(otherwise)})
    listed = ctx.majors_by_school_type
    if not listed:
        raise VocabularyError("'listed_major' needs settings.major_lists_by_school_type (which lists apply to which school type)",
                              code="needs_major_lists", params={"name": "listed_major", "value": "—"})
    types = raw.get("school_types")
    if types is None:
        types = [t for t in _SCHOOL_TYPES if t in listed]
    if isinstance(types, str):
        types = [types]
    if not isinstance(types, list) or not types:
        raise VocabularyError("'listed_major.school_types' must be a list", code="a_list", params={"name": "listed_major.school_types"})
    for school_type in types:
        if school_type not in _SCHOOL_TYPES:
            raise VocabularyError(f"'listed_major.school_types': unknown value '{school_type}' (known: {', '.join(sorted(_SCHOOL_TYPES))})",
                                  code="unknown_value", params={"name": "listed_major.school_types", "value": school_type,
                                                                "known": ", ".join(sorted(_SCHOOL_TYPES))})
        if school_type not in listed:
            raise VocabularyError(f"'listed_major.school_types': settings.major_lists_by_school_type names no list for {school_type}",
                                  code="needs_major_lists", params={"name": "listed_major.school_types", "value": school_type})
    return _compile(tuple(dict.fromkeys(types)), _OTHERWISE[otherwise], listed, ctx.tiers_by_school_type)


def _compile(types: tuple[str, ...], otherwise: int, listed: dict, titles: dict):
    none = otherwise, ("listed_major", "none", None, "", None, types), None

    def fn(facts, on: int):
        best = None
        for school_type, _class, major_key, major, graduation, in_school, _assessed in facts.edus:
            if school_type not in types:
                code = "tier"
            elif major_key not in listed[school_type]:
                code = "major"
            elif graduation is None:
                code = "enrolled" if in_school else "no_date"
            elif in_school:
                code = "enrolled" if graduation > facts.as_of else "stale"
            else:
                code = "graduated" if graduation <= on else "not_graduated"
            if code in ("enrolled", "graduated"):
                return ELIGIBLE, ("listed_major", code, school_type, major, graduation, ()), on
            if best is None or _RANK[code] > _RANK[best[0]]:
                best = code, school_type, major, graduation
        if best is None:
            return none
        code, school_type, major, graduation = best
        verdict = REVIEW if code in ("stale", "no_date") else otherwise
        extra = types if code == "tier" else titles.get(school_type, ())
        # a listed record outside school, graduating later, will count from its graduation date
        when = graduation if code == "not_graduated" else None
        return verdict, ("listed_major", code, school_type, major, graduation, extra), when

    fn.monotone = True  # enrolled, then graduated: still eligible
    return fn


# --- wording ------------------------------------------------------------------------------------------

def explain_listed_major(trace: tuple, lang: str = "zh") -> str:
    _kind, code, school_type, major, graduation, extra = trace
    en = lang.startswith("en")
    sep = "; " if en else "、"
    if code == "none":
        names = sep.join(school_type_label(t, lang) for t in extra)
        if en:
            return f"no schooling recorded at a school tier the standard lists ({names})"
        return f"无本标准所列院校（{names}）的学历记录"
    school = school_type_label(school_type, lang)
    grad = iso(graduation) if graduation is not None else ""
    lists = sep.join(extra)
    if code == "enrolled":
        if en:
            return f"enrolled: {school}, {major} — listed for this school tier"
        return f"在读：{school} {major} 专业，列于本层次适用专业目录"
    if code == "graduated":
        if en:
            return f"graduated from {school}, {major} on {grad} — listed for this school tier"
        return f"已毕业：{school} {major} 专业（{grad}），列于本层次适用专业目录"
    if code == "tier":
        tiers = sep.join(school_type_label(t, lang) for t in extra)
        if en:
            return f"{school}: not a school tier the standard lists ({tiers})"
        return f"{school}：不属本标准所列院校层次（{tiers}）"
    if code == "major":
        if en:
            return f"{school}: major '{major}' is not listed for this school tier ({lists})"
        return f"{school}：专业「{major}」不在本层次适用专业目录（{lists}）中"
    if code == "no_date":
        if en:
            return f"{school}, {major}: graduation date not recorded — a clerk must check"
        return f"{school} {major} 专业：毕业日期未填写，需人工核实"
    if code == "stale":
        if en:
            return f"{school}, {major}: still marked in school although the expected graduation date {grad} has passed — check"
        return f"{school} {major} 专业：标记为在读，但预计毕业日期 {grad} 已过，需核实是否已毕业"
    if en:
        return f"{school}, {major}: not in school and not yet graduated (expected {grad})"
    return f"{school} {major} 专业：非在读，尚未毕业（预计 {grad}）"
