"""The wording of rule-file mistakes: Chinese first, English second.

The loader, the section checks, the clause compiler and — under ``rules check`` — the planner's and the
score sheets' readers (``planning/rules.py``, ``scoring/rules.py``) give each mistake a ``code`` and
``params`` (:class:`.errors.RuleFileError`); this module words it for a person.  English is the message the
error was raised with (what ``str()`` gives, and what logs and tests read); Chinese comes from :data:`ZH`
(YAML's own complaints from ``_YAML``), and a mistake whose code has no Chinese wording yet keeps its English
message inside the Chinese line (tests/cli/test_rules_words.py looks for one).  :func:`merged` says a wrong
name used in several places once, with its places.  ``rules test``'s wording is in :mod:`.case_messages`.
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
    "wrong_type": "类型不对，应为{expected}",
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
    # what the planner's and the score sheets' own readers refuse (rules check: planning/rules.py, scoring/rules.py)
    "no_section": "规则文件没有 '{name}' 一节",
    "part_needs": "考核部分 '{part}' 没有 {section}.{part}（每个考核部分都要在 staffing、durations、venues 中各有一项）",
    "missing_role": "缺少 'role'（应为 {known} 之一）",
    "unknown_role": "未知的人员角色 {value}（可用：{known}）",
    "level_without_parts": "等级 {level} 没有列出考核部分",
    "equipment_map": "应把考核部分对应到 {{场地类型: [设备]}}",
    "equipment_kinds": "应把考核部分 '{part}' 的场地类型（{known}）对应到设备列表",
    "part_order_map": "应把等级对应到考核部分",
    "part_order_level": "'{level}' 不是本标准的等级（{known}）",
    "part_not_at_level": "{value} 不是等级 {level} 的考核部分（{known}）",
    "part_order_after": "'after' 应列出等级 {level} 的其他考核部分（{known}），不能含 '{part}' 本身",
    "whole_at_least": "应为不小于 {low} 的整数，实际是 {value}",
    "unknown_panel_method": "未知的考评组计分方法 {value}（可用：{known}）",
    "unknown_rounding": "未知的取舍方式 {value}（可用：{known}）",
    "not_number": "应为数，实际是 {value}",
    "working_days": "应为工作日天数（不小于 0 的整数），实际是 {value}",
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

#: the value types a key may hold (``wrong_type``: the loader names Python's types)
_TYPES = {"str": "文字", "int": "整数", "float": "小数", "date": "日期", "dict": "映射", "list": "列表",
          "bool": "true/false", "NoneType": "空值（null）", "LineList": "列表", "LineDict": "映射"}

_MISPLACED_VALUE = "此处不能写「键: 值」（冒号后的值位置不对：缩进不齐，或冒号该加引号？）"
#: what YAML (libyaml, or PyYAML's own reader) says of text it cannot read, in Chinese; a message it may
#: give that is not here is shown as it says it, after 「YAML 读取器：」
_YAML = {
    "mapping values are not allowed in this context": _MISPLACED_VALUE,
    "mapping values are not allowed here": _MISPLACED_VALUE,
    "did not find expected key": "此处应是一个键（缩进不齐，或上一行的值没写完？）",
    "did not find expected node content": "此处缺少值（是否多了或少了括号、逗号？）",
    "did not find expected ',' or ']'": "列表 [ … ] 缺少逗号或右括号 ]",
    "did not find expected ',' or '}'": "映射 { … } 缺少逗号或右括号 }",
    "did not find expected '-' indicator": "列表项应以「- 」开头（缩进不齐？）",
    "did not find expected <document start>": "此处应是文档的开头",
    "did not find expected comment or line break": "值后面多了内容（应换行或写 # 注释）",
    "found character that cannot start any token": "有一个字符不能出现在这里（制表符？请用空格缩进）",
    "found a tab character that violates indentation": "用了制表符缩进（请用空格）",
    "found a tab character where an indentation space is expected": "用了制表符缩进（请用空格）",
    "found unexpected end of stream": "文件在引号或括号闭合之前就结束了",
    "found unexpected ':'": "此处有一个多余的冒号（含冒号的文字请加引号）",
    "found undefined tag handle": "使用了未定义的标签（!…）",
    "found unknown escape character": "双引号文字中有未知的转义字符（\\…）",
    "found unexpected document indicator": "文字中出现了文档分隔符（--- 或 ...）",
    "found unexpected document separator": "文字中出现了文档分隔符（--- 或 ...）",
    "could not find expected ':'": "缺少冒号（键: 值）",
    "block sequence entries are not allowed in this context": "此处不能写列表项「- 」（缩进不齐？）",
    "block mapping entries are not allowed in this context": "此处不能写「键: 值」（缩进不齐？）",
    "sequence entries are not allowed here": "此处不能写列表项「- 」（缩进不齐？）",
    "mapping keys are not allowed here": "此处不能写键（缩进不齐？）",
    "found duplicate key": "同一映射中有重复的键",
    "found unhashable key": "键不能是列表或映射",
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档（去掉多余的 ---）",
    "but found another document": "一个文件只能有一个 YAML 文档（去掉多余的 ---）",
    "found duplicate anchor; first occurrence": "同一个锚点（&名称）定义了两次",
    "found undefined alias": "别名（*名称）没有对应的锚点（&名称）",
    "control characters are not allowed": "文件中有控制字符",
    "found an incorrect leading UTF-8 octet": "不是 UTF-8 文本",
    "found an incorrect trailing UTF-8 octet": "不是 UTF-8 文本",
    "invalid leading UTF-8 octet": "不是 UTF-8 文本",
    "invalid trailing UTF-8 octet": "不是 UTF-8 文本",
    "while scanning a simple key": "一个键没有写完（缺少冒号？）",
    "while scanning a quoted scalar": "引号没有闭合",
    "while scanning a double-quoted scalar": "双引号没有闭合",
    "while scanning a block scalar": "多行文字（| 或 >）写法有误",
    "while parsing a flow sequence": "列表 [ … ] 没有闭合",
    "while parsing a flow mapping": "映射 { … } 没有闭合",
    "while parsing a block mapping": "映射的写法有误（缩进不齐？）",
    "while parsing a block collection": "列表的写法有误（缩进不齐？）",
    "while parsing a node": "此处的值写法有误",
}


def _type_words(expected: str) -> str:
    return "或".join(_TYPES.get(name, name) for name in str(expected).split(" or "))


def _yaml_words(detail: str) -> str:
    detail = str(detail).strip()
    for english, chinese in _YAML.items():
        if detail.startswith(english):
            return chinese
    return f"YAML 读取器：{detail}"


#: params worded before they fill a template (code -> param -> wording)
_PARAMS = {"wrong_type": {"expected": _type_words, "got": _type_words}, "yaml": {"detail": _yaml_words}}


def _where_zh(where: str) -> str:
    return _WHERE.sub(lambda m: "条款 " if m.group(1) == "clause" else "等级 ", where)


def reason_text(problem: RuleFileError, lang: str = "zh") -> str:
    """What is wrong (without the file, line and field), in ``lang``."""
    if lang[:2] == "en":
        return problem.message
    template = ZH.get(problem.code)
    if template is None:
        return problem.message
    params = dict(problem.params)
    for name, words in _PARAMS.get(problem.code, {}).items():
        if name in params:
            params[name] = words(params[name])
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        return problem.message
    if problem.code == "wrong_type" and "got" in params:
        text += f"，实际是{params['got']}"
    return text


def problem_text(problem: RuleFileError, lang: str = "zh", also: Iterable[RuleFileError] = ()) -> str:
    """One mistake as one line: file, line, field and what is wrong (``lang`` zh, or en: ``str(problem)``);
    ``also``: the other places the same wrong name is used (:func:`merged`), listed after it."""
    also = list(also)
    if lang[:2] == "en":
        text = str(problem)
        if also:
            text += f"; the same name is also used at {len(also)} other place(s): " + ", ".join(
                f"line {p.line} {p.where}" if p.line else p.where for p in also)
        return text
    head = f"{problem.path}：第 {problem.line} 行" if problem.line else problem.path
    where = _where_zh(problem.where)
    text = f"{head}：{where}：{reason_text(problem, lang)}" if where else f"{head}：{reason_text(problem, lang)}"
    if also:
        text += f"；同一名称另有 {len(also)} 处：" + "、".join(
            f"第 {p.line} 行 {_where_zh(p.where)}" if p.line else _where_zh(p.where) for p in also)
    return text


def refusal_text(exc: BaseException, lang: str = "zh") -> str:
    """A rule file that cannot be used (:class:`RuleFileError`: file, line, field — :func:`problem_text`), no
    version of a standard to use (:class:`.errors.NoRuleVersionError`, its ``message(lang)``) or a section the
    planner's or the score sheets' reader refuses (:func:`reader_text`) in ``lang``; anything else as ``str()``
    gives it."""
    if isinstance(exc, RuleFileError):
        return problem_text(exc, lang)
    message = getattr(exc, "message", None)
    if callable(message):
        return message(lang)
    if getattr(exc, "code", "") and isinstance(getattr(exc, "params", None), dict) and (
            hasattr(exc, "setting") or hasattr(exc, "field")):      # a planner's or score sheets' reader's
        return reader_text(exc, lang)
    return str(exc)


def reader_text(exc: BaseException, lang: str = "zh") -> str:
    """A refusal of the planner's reader (``planning.rules.PlanningRulesError``: ``field``) or the score sheets'
    (``scoring.rules.ScoringRuleError``: ``setting`` under ``assessment``), with its ``code`` and ``params``:
    「staffing.theory.role：未知的人员角色 boss（…）」; English is the message it was raised with.  A code
    without Chinese wording keeps that English message after the field."""
    if lang[:2] == "en":
        return str(exc)
    setting = getattr(exc, "setting", None)
    where = (f"assessment.{setting}" if setting else "assessment") if setting is not None else getattr(exc, "field", "")
    if getattr(exc, "code", "") == "no_section":
        where = ""
    problem = RuleFileError("", where, getattr(exc, "reason", None) or str(exc), code=exc.code, params=exc.params)
    text = reason_text(problem, lang)
    return f"{where}：{text}" if where else text


def no_version_text(kind: str, params: dict) -> str:
    """A :class:`.errors.NoRuleVersionError` in Chinese: no rule file for the standard (and why, when rule files
    could not be loaded), no version of that name, or none in force on the as-of date."""
    code = params.get("code", "")
    if kind == "no_version":
        return f"标准 {code} 没有版本「{params['version']}」（已有版本：{'、'.join(params['versions'])}）"
    if kind == "not_in_force":
        return f"标准 {code} 在 {params['as_of']} 没有生效的版本（最早的版本自 {params['first']} 起生效）"
    text = f"没有标准 {code} 的规则文件（已有：{'、'.join(params.get('known') or ()) or '无'}）"
    problems = params.get("problems") or ()
    if problems:
        text += f"；{len({p.path for p in problems})} 个规则文件无法载入，例如 {problem_text(problems[0], 'zh')}"
    return text


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


#: mistakes naming something defined in one place and used in others (a part, a list, a majors tier, a
#: level code, a room kind): when one name is wrong at several uses, :func:`merged` says it once
_NAMED = frozenset({"unknown_part", "unknown_list", "broken_list", "unknown_tier", "level_not_declared",
                    "unknown_room_kind", "not_on_scale", "no_standard", "occupation_list", "unknown_school_type",
                    "part_not_at_level"})


def merged(problems: Iterable[RuleFileError]) -> list[tuple[RuleFileError, list[RuleFileError]]]:
    """:func:`grouped`, with each wrong name said once: ``(first use, the other uses)`` — the same kind of
    mistake about the same name in the same file (a renamed part used by four sections, a level code by
    four tables); every other mistake stands alone, ``(problem, [])``."""
    out: list[tuple[RuleFileError, list[RuleFileError]]] = []
    first: dict[tuple, list[RuleFileError]] = {}
    for problem in grouped(problems):
        if problem.code in _NAMED:
            key = (problem.path, problem.code, repr(sorted((k, str(v)) for k, v in problem.params.items())))
            if key in first:
                first[key].append(problem)
                continue
            first[key] = []
            out.append((problem, first[key]))
        else:
            out.append((problem, []))
    return out
