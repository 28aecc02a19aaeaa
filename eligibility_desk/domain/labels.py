"""Chinese and English names of the domain's enumerations, for explanations, forms, imports and exports."""

from __future__ import annotations

from eligibility_desk.domain.applicant import LEVEL_NAMES, ClassType, SchoolType, TitleGrade

SCHOOL_TYPE_LABELS = {
    SchoolType.TECHNICIAN_SCHOOL: ("技工学校", "technician school"),
    SchoolType.SENIOR_TECHNICIAN_SCHOOL: ("高级技工学校", "senior technician school"),
    SchoolType.TECHNICIAN_COLLEGE: ("技师学院", "technician college"),
    SchoolType.SECONDARY_VOCATIONAL: ("中等职业学校", "secondary vocational school"),
    SchoolType.HIGHER_VOCATIONAL: ("高等职业学校/专科", "higher vocational college"),
    SchoolType.VOCATIONAL_UNDERGRADUATE: ("职业本科", "vocational undergraduate"),
    SchoolType.UNDERGRADUATE: ("本科", "undergraduate"),
}
CLASS_TYPE_LABELS = {
    ClassType.INTERMEDIATE: ("中级工班", "intermediate class"),
    ClassType.SENIOR: ("高级工班", "senior class"),
    ClassType.PREPARATORY_TECHNICIAN: ("预备技师班", "preparatory technician class"),
    ClassType.TECHNICIAN: ("技师班", "technician class"),
}
TITLE_GRADE_LABELS = {
    TitleGrade.JUNIOR: ("初级职称", "junior title"),
    TitleGrade.INTERMEDIATE: ("中级职称", "intermediate title"),
    TitleGrade.SENIOR: ("高级职称", "senior title"),
}
LEVEL_LABELS_EN = {5: "level 5 (junior worker)", 4: "level 4 (intermediate worker)", 3: "level 3 (senior worker)",
                   2: "level 2 (technician)", 1: "level 1 (senior technician)"}
VERDICT_LABELS = {
    "eligible": ("符合", "eligible"),
    "ineligible": ("不符合", "ineligible"),
    "review": ("待人工审核", "needs review"),
    "error": ("记录有误", "record error"),
}


def _by_value(table: dict) -> dict:
    """Look-ups by the plain string value as well as by the member (str Enums hash by name)."""
    out = dict(table)
    out.update({member.value: pair for member, pair in table.items()})
    return out


_SCHOOL = _by_value(SCHOOL_TYPE_LABELS)
_CLASS = _by_value(CLASS_TYPE_LABELS)
_GRADE = _by_value(TITLE_GRADE_LABELS)
_RANK = {grade.rank: pair for grade, pair in TITLE_GRADE_LABELS.items()}
_LEVEL = {**{k: (v, LEVEL_LABELS_EN[k]) for k, v in LEVEL_NAMES.items()},
          **{str(k): (v, LEVEL_LABELS_EN[k]) for k, v in LEVEL_NAMES.items()}}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang[:2] == "en" else pair[0]


def school_type_label(value: str | SchoolType, lang: str = "zh") -> str:
    return _pick(_SCHOOL[value], lang)


def class_type_label(value: str | ClassType | None, lang: str = "zh") -> str:
    if value is None:
        return "未填写" if lang[:2] != "en" else "not given"
    return _pick(_CLASS[value], lang)


def title_grade_label(value: str | TitleGrade, lang: str = "zh") -> str:
    return _pick(_GRADE[value], lang)


def title_rank_label(rank: int, lang: str = "zh") -> str:
    return _pick(_RANK[rank], lang)


def level_label(level: int | str, lang: str = "zh") -> str:
    """A national skill level's name (五级/初级工 … 一级/高级技师); any other code as written.  A standard's
    own level names come from its rule file (``Standard.level_name``)."""
    pair = _LEVEL.get(level)
    return _pick(pair, lang) if pair is not None else str(level)


def verdict_label(verdict: str, lang: str = "zh") -> str:
    return _pick(VERDICT_LABELS[str(getattr(verdict, "value", verdict))], lang)
