"""The editable columns of an applicant's sub-records (education, work, certificates, titles).

Each column names its key in the interchange record (docs/interchange.md) — the shape the validators read —
its header (a Chinese source string translated by Qt) and, for enumerations, the allowed values.
Choice labels come from :mod:`eligibility_desk.domain.labels` in the interface language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from eligibility_desk.domain.applicant import ClassType, SchoolType, TitleGrade
from eligibility_desk.domain.labels import class_type_label, level_label, school_type_label, title_grade_label

CONTEXT = "RecordColumns"


@dataclass(frozen=True)
class Choice:
    value: Any
    label: Callable[[str], str]   # lang -> label


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str                      # Chinese source string; translate with QCoreApplication.translate(CONTEXT, ...)
    kind: str = "text"               # text | date | choice
    choices: tuple[Choice, ...] = ()
    default: Any = ""

    def label_of(self, value: Any, lang: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label(lang)
        return "" if value is None else str(value)


def _yes_no(lang: str, yes: bool) -> str:
    return ("yes" if yes else "no") if lang.startswith("en") else ("是" if yes else "否")


_BOOL = (Choice(False, lambda lang: _yes_no(lang, False)), Choice(True, lambda lang: _yes_no(lang, True)))
_UNKNOWN = Choice(None, lambda lang: "unknown" if lang.startswith("en") else "未确认")
_NONE = Choice(None, lambda lang: "—")
#: level words of the 1+X certificates (a certificate with a 证书标准代码 uses its standard's own levels)
_OWN_LEVEL_WORDS = ("初级", "中级", "高级")

COLUMNS: dict[str, tuple[ColumnSpec, ...]] = {
    "education": (
        ColumnSpec("school_type", QT_TRANSLATE_NOOP("RecordColumns", "学校类型"), "choice",
                   tuple(Choice(t.value, lambda lang, t=t: school_type_label(t, lang)) for t in SchoolType),
                   SchoolType.SECONDARY_VOCATIONAL.value),
        ColumnSpec("school", QT_TRANSLATE_NOOP("RecordColumns", "学校")),
        ColumnSpec("major", QT_TRANSLATE_NOOP("RecordColumns", "专业")),
        ColumnSpec("graduated_on", QT_TRANSLATE_NOOP("RecordColumns", "毕业（预计）日期"), "date"),
        ColumnSpec("in_school", QT_TRANSLATE_NOOP("RecordColumns", "在读"), "choice", _BOOL, False),
        ColumnSpec("class_type", QT_TRANSLATE_NOOP("RecordColumns", "班级类型"), "choice",
                   (_NONE, *(Choice(c.value, lambda lang, c=c: class_type_label(c, lang)) for c in ClassType)), None),
        ColumnSpec("assessed", QT_TRANSLATE_NOOP("RecordColumns", "经评估论证"), "choice", _BOOL, False),
    ),
    "work": (
        ColumnSpec("occupation", QT_TRANSLATE_NOOP("RecordColumns", "职业（工种）")),
        ColumnSpec("employer", QT_TRANSLATE_NOOP("RecordColumns", "工作单位")),
        ColumnSpec("start", QT_TRANSLATE_NOOP("RecordColumns", "开始日期"), "date"),
        ColumnSpec("end", QT_TRANSLATE_NOOP("RecordColumns", "结束日期（空为至今）"), "date", default=None),
    ),
    "certificates": (
        ColumnSpec("occupation", QT_TRANSLATE_NOOP("RecordColumns", "职业（工种）")),
        ColumnSpec("level", QT_TRANSLATE_NOOP("RecordColumns", "等级"), "choice",
                   (*(Choice(n, lambda lang, n=n: level_label(n, lang)) for n in (5, 4, 3, 2, 1)),
                    *(Choice(word, lambda lang, word=word: word) for word in _OWN_LEVEL_WORDS)), 5),
        ColumnSpec("obtained_on", QT_TRANSLATE_NOOP("RecordColumns", "发证日期"), "date"),
        ColumnSpec("number", QT_TRANSLATE_NOOP("RecordColumns", "证书编号")),
        ColumnSpec("standard", QT_TRANSLATE_NOOP("RecordColumns", "证书标准代码（1+X）")),
    ),
    "titles": (
        ColumnSpec("grade", QT_TRANSLATE_NOOP("RecordColumns", "职称级别"), "choice",
                   tuple(Choice(g.value, lambda lang, g=g: title_grade_label(g, lang)) for g in TitleGrade),
                   TitleGrade.JUNIOR.value),
        ColumnSpec("name", QT_TRANSLATE_NOOP("RecordColumns", "职称名称")),
        ColumnSpec("obtained_on", QT_TRANSLATE_NOOP("RecordColumns", "取得日期"), "date"),
        ColumnSpec("profession_matches", QT_TRANSLATE_NOOP("RecordColumns", "专业对应"), "choice", (*_BOOL, _UNKNOWN), None),
    ),
    "training": (
        ColumnSpec("occupation", QT_TRANSLATE_NOOP("RecordColumns", "培训职业（工种）")),
        ColumnSpec("level", QT_TRANSLATE_NOOP("RecordColumns", "培训等级")),
        ColumnSpec("hours", QT_TRANSLATE_NOOP("RecordColumns", "学时")),
        ColumnSpec("finished_on", QT_TRANSLATE_NOOP("RecordColumns", "结业日期"), "date"),
    ),
    "apprenticeships": (
        ColumnSpec("occupation", QT_TRANSLATE_NOOP("RecordColumns", "学徒职业（工种）")),
        ColumnSpec("started_on", QT_TRANSLATE_NOOP("RecordColumns", "开始日期"), "date"),
        ColumnSpec("finished_on", QT_TRANSLATE_NOOP("RecordColumns", "期满日期（空为未满）"), "date"),
    ),
}
KINDS = tuple(COLUMNS)
KIND_TITLES = {
    "education": QT_TRANSLATE_NOOP("RecordColumns", "学历"),
    "work": QT_TRANSLATE_NOOP("RecordColumns", "工作经历"),
    "certificates": QT_TRANSLATE_NOOP("RecordColumns", "证书"),
    "titles": QT_TRANSLATE_NOOP("RecordColumns", "职称"),
    "training": QT_TRANSLATE_NOOP("RecordColumns", "培训"),
    "apprenticeships": QT_TRANSLATE_NOOP("RecordColumns", "学徒"),
}


def empty_record(kind: str) -> dict:
    return {column.key: column.default for column in COLUMNS[kind]}
