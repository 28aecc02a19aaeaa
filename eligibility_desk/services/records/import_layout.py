"""The import workbook's layout: one sheet per kind of record, Chinese headers, keyed by ID number.

Shared by the template writer, the importer and the problem report, so the three always agree.
A header may carry a trailing ``*`` (required) or a note in brackets; both are ignored when matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eligibility_desk.domain import validation as v


@dataclass(frozen=True)
class Column:
    key: str                 # interchange field name (or "levels" / "id_number")
    header: str              # Chinese header as written in the template
    required: bool = False
    kind: str = "text"       # text, date, level, levels, school_type, class_type, grade, bool, bool3, id
    choices: tuple[str, ...] = ()
    width: int = 14
    note: str = ""


@dataclass(frozen=True)
class SheetLayout:
    kind: str                # applicants, education, work, certificates, titles
    name: str                # sheet name: 考生 / 学历 / 工作经历 / 证书 / 职称
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


ID = Column("id_number", "身份证号码", True, "id", width=22, note="18 位，末位可为 X；请设为文本格式")

APPLICANTS = SheetLayout("applicants", "考生", (
    ID,
    Column("name", "姓名", True, width=10),
    Column("id", "考生编号", False, width=12, note="学校或机构自编号；空则用身份证号码"),
    Column("levels", "申报等级", False, "levels", v.LEVEL_CHOICES, width=10, note="如 4 或 4,3；空则按批次全部等级"),
    Column("phone", "联系电话", False, width=14),
    Column("photo", "照片", False, width=24, note="照片文件名（JPEG 或 PNG），相对于本表格所在的文件夹，如 110105199003071239.jpg"),
    Column("birth_date", "出生日期", False, "date", width=12, note="空则按身份证号码"),
))
EDUCATION = SheetLayout("education", "学历", (
    ID,
    Column("school_type", "院校类型", True, "school_type", v.SCHOOL_TYPE_CHOICES, width=16),
    Column("school", "院校名称", False, width=20),
    Column("major", "专业", True, width=16),
    Column("class_type", "班级类型", False, "class_type", v.CLASS_TYPE_CHOICES, width=12, note="仅技工院校"),
    Column("graduated_on", "毕业日期", False, "date", width=12, note="在读则填预计毕业日期"),
    Column("in_school", "是否在读", False, "bool", v.YES_NO_CHOICES, width=10),
    Column("assessed", "是否经评估论证", False, "bool", v.YES_NO_CHOICES, width=14),
))
WORK = SheetLayout("work", "工作经历", (
    ID,
    Column("occupation", "职业（工种）", True, width=16),
    Column("employer", "工作单位", False, width=20),
    Column("start", "开始日期", True, "date", width=12),
    Column("end", "结束日期", False, "end_date", width=12, note="空表示至今；不详填「不详」"),
))
CERTIFICATES = SheetLayout("certificates", "证书", (
    ID,
    Column("occupation", "职业（工种）", True, width=16),
    Column("level", "等级", True, "cert_level", (*v.LEVEL_CHOICES, "初级", "中级", "高级"), width=8,
           note="5 五级/初级工 … 1 一级/高级技师；1+X 证书填 初级/中级/高级"),
    Column("obtained_on", "取得日期", False, "date", width=12, note="不详可空（需要时转人工审核）"),
    Column("number", "证书编号", False, width=20),
    Column("standard", "证书标准代码", False, width=16, note="仅 1+X 等自有等级的证书：填其标准代码"),
))
TITLES = SheetLayout("titles", "职称", (
    ID,
    Column("grade", "职称级别", True, "grade", v.TITLE_GRADE_CHOICES, width=10),
    Column("name", "职称名称", False, width=16),
    Column("obtained_on", "取得日期", True, "date", width=12),
    Column("profession_matches", "专业是否对应", False, "bool3", v.YES_NO_UNKNOWN_CHOICES, width=12,
           note="未知则转人工审核"),
))

TRAINING = SheetLayout("training", "培训", (
    ID,
    Column("occupation", "培训职业（工种）", True, width=16),
    Column("level", "培训等级", True, width=10, note="标准的等级代码或名称，如 4 或 四级/中级工"),
    Column("hours", "学时", True, "hours", width=8),
    Column("finished_on", "结业日期", False, "date", width=12, note="不详可空（需要时转人工审核）"),
))
APPRENTICESHIPS = SheetLayout("apprenticeships", "学徒", (
    ID,
    Column("occupation", "学徒职业（工种）", True, width=16),
    Column("started_on", "开始日期", False, "date", width=12),
    Column("finished_on", "期满日期", False, "date", width=12, note="空表示尚未期满"),
))

SHEETS = (APPLICANTS, EDUCATION, WORK, CERTIFICATES, TITLES, TRAINING, APPRENTICESHIPS)
BY_NAME = {s.name: s for s in SHEETS}
BY_KIND = {s.kind: s for s in SHEETS}


def header_key(text) -> str:
    """A header cell as matched: without ``*``, brackets' notes after the name, spaces; full-width folded."""
    import unicodedata

    s = unicodedata.normalize("NFKC", str(text or "")).strip()
    s = s.rstrip("*").strip()
    s = re.sub(r"\s+", "", s)
    s = s.replace("(", "（").replace(")", "）")
    return s


def find_layout(name: str) -> SheetLayout | None:
    return BY_NAME.get(header_key(name))
