"""The wording of rule-file mistakes: Chinese first, English second.

The loader, the section checks and the clause compiler give each mistake a ``code`` and ``params``
(:class:`.errors.RuleFileError`); this module words it for a person.  English is the message the error was
raised with (what ``str()`` gives, and what logs and tests read); Chinese comes from :data:`ZH`, and a
mistake whose code has no Chinese wording yet keeps its English message inside the Chinese line.
"""

from __future__ import annotations

import re
from typing import Iterable

from eligibility_desk.rules_engine.errors import RuleFileError

ZH: dict[str, str] = {
    # the file as a whole
    "too_large": "文件大小 {size} MB，规则文件最大 {limit} MB（是否选错了文件？）",
    "unreadable": "无法读取：{detail}",
    "not_utf8": "不是 UTF-8 文本（是否保存成了 GBK/ANSI？请另存为 UTF-8）",
    "empty": "文件是空的：规则文件应是一个 YAML 映射（见 docs/rules.md）",
    "only_comments": "文件只有注释：规则文件应是一个 YAML 映射（见 docs/rules.md）",
    "yaml": "不是有效的 YAML：{detail}",
    "bad_char": "不是有效的 YAML：YAML 文件中不允许字符 U+{char}",
    "alias_cycle": "别名（*名称）引用了包含它自身的锚点（&名称）",
    "too_many_values": "此处的别名（*名称）把文档展开到 {limit} 个值以上——请直接写出这些值",
    "nested": "嵌套太深，无法读取",
    "not_a_standard": "标准文件应是含 standard、lists、settings、levels 的映射",
    "not_a_list": "参考名单文件应是含 id、title、items 的映射",
    # values YAML could not take
    "key_twice": "键 '{key}' 在同一映射中写了两次（第一次在第 {first} 行）",
    "not_real_date": "'{value}' 不是真实存在的日期",
    # keys and values
    "unknown_key": "未知的键 '{key}'（此处可用：{known}）",
    "missing": "缺少 '{key}'",
    "wrong_type": "类型不对，应为 {expected}",
    "not_mapping": "应为映射（键: 值）",
    "not_text": "应为一行文字，不能是列表或映射",
    "not_words": "应为词语列表",
    "bad_date": "不是日期（应为 YYYY-MM-DD）：{value}",
    # levels
    "level_shape": "每个等级应是含 code 和 name 的映射，例如 {{code: \"4\", name: 四级/中级工}}",
    "level_empty": "等级的 code 和 name 不能为空",
    "level_twice": "等级代码 '{level}' 声明了两次",
    "no_levels": "标准至少要有一个等级",
    "level_entry_shape": "每个等级应是含 level 和 clauses 的映射",
    "level_not_declared": "等级代码 '{level}' 未在 standard.levels 中声明（已声明：{known}）",
    "level_defined_twice": "等级 {level} 定义了两次",
    "level_name_differs": "'{name}' 与 standard.levels 中声明的名称（'{declared}'）不同",
    # clauses
    "clause_shape": "每个条款应是含 id、text、when 的映射",
    "clause_id": "条款 id 应为 '{level}-序号'（标准在等级 {level} 内的编号）",
    "clause_id_twice": "条款 id 用了两次",
    "no_clauses": "每个等级至少要有一个条款",
    "clause": "条件写法有误：{detail}",
    "takes_mapping": "'{name}' 的参数应写成映射（{known}）",
    "no_parameter": "'{name}' 没有参数 '{key}'（可用：{known}）",
    "needs": "'{name}' 缺少参数 '{key}'",
    "years": "'{name}' 应为 0–60 的整年数，实际是 {value}",
    "national_level": "'{name}' 应为国家职业技能等级 1–5，实际是 {value}",
    "bool": "'{name}' 应为 true 或 false，实际是 {value}",
    "unknown_value": "'{name}'：未知的值 '{value}'（可用：{known}）",
    "one_predicate": "每个条件应是只含一个谓词的映射，实际是 {value}",
    "unknown_predicate": "未知的谓词 {value}（可用：{known}）",
    "combinator_list": "'{name}' 后应是非空的条件列表",
    "needs_major_lists": "'{name}' 需要 settings.major_lists_by_school_type 为这些院校类型指定专业名单：{value}",
    "no_occupations": "'{name}' 计算本职业或相关职业（lists.occupations）的工作或证书，但本标准没有写 lists.occupations",
    "age_bounds": "'age' 需要 at_least（年满 N 周岁）或 under（未满 M 周岁）",
    "training_hours": "'training' 没有写 hours，training_hours 一节也没有等级 {level} 的学时",
    "work_after": "'work.after' 应为 education、certificate、title 之一（实际：{value}）",
    "continuous": "'work.continuous' 应写成 {{max_gap_days: N}}（不算中断的最长间隔天数）",
    "too_deep": "'{name}' 嵌套超过 {limit} 层",
    "otherwise": "'listed_major.otherwise' 应为 review 或 ineligible（中心决定），实际是 {value}",
    "one_of": "'{name}' 应为 {known} 之一，实际是 {value}",
    "a_list": "'{name}' 应为列表",
    "occupation_list": "'{name}' 应写 lists.occupation_lists 中的名单名（可用：{known}），实际是 {value}",
    "word_or_code": "'{name}' 应为词语或代码，实际是 {value}",
    "hours": "'{name}' 应为学时数，实际是 {value}",
    "no_standard": "'{name}'：没有载入标准 '{value}'（已载入：{known}；this 表示本标准）",
    "not_on_scale": "'{name}'：'{value}' 不是 {code} 的等级（{known}）",
    # settings and lists
    "unknown_setting": "未知的设置 '{key}'（可用：{known}）",
    "bad_months": "应为 1–60 的整月数，实际是 {value}",
    "not_bool": "应为 true 或 false",
    "not_policy": "应为 ineligible 或 review，实际是 {value}",
    "school_type_map": "应把院校类型对应到专业名单",
    "unknown_school_type": "未知的院校类型 '{value}'（可用：{known}）",
    "tiers_shape": "应写一个专业名单或名单列表",
    "unknown_tier": "未知的专业名单 '{value}'（lists.majors 中有：{known}）",
    "list_ref": "应写参考名单的 id",
    "list_map": "应把名称对应到名单 id",
    "broken_list": "名单 '{value}' 在 {other} 中，该文件有错误（见该文件的提示）",
    "unknown_list": "未知的名单 '{value}'（rules/lists 中没有这个 id 的文件）",
    "empty_list": "名单至少要有一个名称",
    "bad_name": "应为非空的名称，实际是 {value}",
    "list_id_twice": "名单 id '{value}' 也被 {other} 使用",
    # the planning and scoring sections
    "number_range": "应为 {low}–{high} 的数，实际是 {value}",
    "whole_range": "应为 {low}–{high} 的整数，实际是 {value}",
    "unknown_part": "未知的考核部分 '{value}'（本标准的部分：{known}）",
    "no_parts": "没有列出任何考核部分",
    "name": "应为名称",
    "parts_list": "应为考核部分的列表",
    "word": "应为一个词，实际是 {value}",
    "room_kinds": "应为场地类型的列表（{known}）",
    "unknown_room_kind": "未知的场地类型 '{value}'（可用：{known}）",
    "scale_order": "最低分 {low} 应小于最高分 {high}",
    "equipment_unused": "设备 '{value}' 未在 venues.equipment 中使用（已用：{known}）",
    "weights_map": "应把每一项对应到一个数",
    "weights_sum": "权重合计 {total}，不是 100",
    # rule test cases (rules test)
    "case_file": "用例文件应是含 standard 和 cases 的映射",
    "case_standard": "应为标准代码",
    "case_shape": "每个用例应是映射",
    "case_date": "应为日期 YYYY-MM-DD，实际是 {value}",
    "case_applicant": "应为映射（交换格式的申请人，见 docs/interchange.md）",
    "case_level": "应为等级代码，实际是 {value}",
    "case_verdict": "应为 eligible、ineligible、review 之一，实际是 {value}",
    "case_passing": "应为条款 id 的列表",
    "case_clauses": "应把条款 id 对应到结论",
    "case_explain": "应把条款 id 对应到解释中的词句",
    "case_clause_verdict": "条款 {clause}：应为 eligible、ineligible、review 之一，实际是 {value}",
    "case_eligible_from": "应为日期 YYYY-MM-DD 或 null，实际是 {value}",
    "case_no_standard": "规则文件夹中没有标准 '{value}'（已有：{known}）",
    # the folder
    "no_folder": "没有这个文件夹（规则文件夹内有 standards/ 和 lists/）",
    "file_in_folder": "是一个文件，不是规则文件夹（包含它的规则文件夹是 {folder}）",
    "a_file": "是一个文件，不是规则文件夹（规则文件夹内有 standards/ 和 lists/）",
    "sub_folder": "是 {name}/ 子文件夹；规则文件夹是 {folder}",
    "not_rules_folder": "不是规则文件夹（其中没有 standards/ 子文件夹；见 docs/rules.md）",
    "two_in_force": "{code} 有两个版本自 {date} 起施行（另一个：{other}）；本文件跳过",
    "version_twice": "{code} 的版本 '{version}' 也是 {other} 的版本；本文件跳过",
}

_WHERE = re.compile(r"^(clause|level) ")


def _where_zh(where: str) -> str:
    return _WHERE.sub(lambda m: "条款 " if m.group(1) == "clause" else "等级 ", where)


def reason_text(problem: RuleFileError, lang: str = "zh") -> str:
    """What is wrong (without the file, line and field), in ``lang``."""
    if lang[:2] == "en":
        return problem.message
    template = ZH.get(problem.code)
    if template is None:
        return problem.message
    try:
        return template.format(**problem.params)
    except (KeyError, IndexError, ValueError):
        return problem.message


def problem_text(problem: RuleFileError, lang: str = "zh") -> str:
    """One mistake as one line: file, line, field and what is wrong (``lang`` zh, or en: ``str(problem)``)."""
    if lang[:2] == "en":
        return str(problem)
    head = f"{problem.path}：第 {problem.line} 行" if problem.line else problem.path
    where = _where_zh(problem.where)
    return f"{head}：{where}：{reason_text(problem, lang)}" if where else f"{head}：{reason_text(problem, lang)}"


def summary_text(problems: Iterable[RuleFileError], lang: str = "zh") -> str:
    """The count at the end of ``rules check``: mistakes and files."""
    problems = list(problems)
    files = len({p.path for p in problems})
    if lang[:2] == "en":
        return f"{len(problems)} mistake(s) in {files} file(s)"
    return f"共 {len(problems)} 处错误，涉及 {files} 个文件"


def grouped(problems: Iterable[RuleFileError]) -> list[RuleFileError]:
    """The mistakes grouped by file (files in the order first named), each file's in line order."""
    order: dict[str, list[RuleFileError]] = {}
    for problem in problems:
        order.setdefault(problem.path, []).append(problem)
    return [p for found in order.values() for p in sorted(found, key=lambda p: (p.line is None, p.line or 0))]
