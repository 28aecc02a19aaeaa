"""``eligibility-desk results SCORES.json --standard CODE [--as-of DATE] [--lang zh|en]``

Reads ``{"scores": [{"candidate", "level", "<part>": score|null, ..., "absent": [parts],
"disqualified": [parts or {"part", "note"}]}]}`` and prints ``{"results": [{"candidate", "level",
"parts": {"<part>": {"score", "passed"}}, "outcome": "pass|fail|incomplete", "reasons": [...]}]}``.

Parts are the ones the candidate's level requires (rule file ``assessment.parts_by_level``).  ``passed`` is
``null`` for a part with no score yet.  Each reason is ``{"code", "part", ...parameters, "message"}``.
Any invalid score stops the run before anything is printed: every problem goes to standard error as
``candidate field: reason`` and the exit status is 1.  A file that is not a scores file at all (not JSON,
not UTF-8/UTF-16/GB18030, over :data:`MAX_FILE_BYTES`, nested too deep, a key given twice at the top) is a
usage error (exit 2) with a Chinese message naming the file and, for JSON, the line and column.
"""

from __future__ import annotations

import argparse
import json
import sys

from eligibility_desk.cli import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("results", help="pass/fail results from part scores (JSON)",
                              description="按标准的合格线（§1.9.2）由各项成绩得出考生结论。")
    p.add_argument("file", metavar="SCORES.json", help="{\"scores\": [...]} ('-' for standard input)")
    p.add_argument("--standard", required=True, metavar="CODE", help="occupational standard code, e.g. 4-07-02-06")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="pick the rule version in force on this date (default: newest)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default zh)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from eligibility_desk.rules_engine import NoRuleVersionError, RuleFileError, RuleLibrary
    from eligibility_desk.scoring import evaluate_many, scoring_rules
    from eligibility_desk.scoring.records import parse_score_records
    from eligibility_desk.scoring.rules import ScoringRuleError

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        from eligibility_desk.cli.output import say

        raise CommandError(say(args, "--as-of：不是日期（应为 YYYY-MM-DD）：{value}", "--as-of: not a date (YYYY-MM-DD): {value}",
                               value=args.as_of)) from None
    try:
        standard = RuleLibrary.load(getattr(args, "rules", None)).get(args.standard, as_of)
        rules = scoring_rules(standard)
    except (RuleFileError, NoRuleVersionError) as exc:
        from eligibility_desk.cli.output import rules_refusal

        raise CommandError(rules_refusal(exc, args)) from None
    except ScoringRuleError as exc:
        from eligibility_desk.cli.output import rules_refusal, say

        raise CommandError(say(args, "标准 {code} 的规则不能用于计算成绩：{reason}",
                               "standard {code} has no usable scoring rules: {reason}", code=args.standard,
                               reason=rules_refusal(exc, args))) from None

    parsed, invalid = parse_score_records(_read_scores(args.file, args), rules)
    if invalid:
        problems = [line for exc in invalid for line in exc.describe(args.lang)]
        head = (f"{args.file}: {len(problems)} invalid score(s); nothing was computed" if args.lang == "en"
                else f"{args.file}：{len(problems)} 处成绩有误，未计算结果")
        raise CommandError("\n  ".join([head, *problems]), status=1)

    results = evaluate_many([(r.candidate, r.level, r.values) for r in parsed], rules)
    write_results(sys.stdout, results, rules, args.lang)
    return 0


def write_results(out, results, rules, lang: str = "zh") -> None:
    """``{"results": [...]}`` with one result per line: valid JSON, readable, and written by the C encoder."""
    memo: dict = {}
    out.write('{"results": [')
    separator = "\n "
    for result in results:
        out.write(separator)
        out.write(json.dumps(result_to_dict(result, rules, lang, memo), ensure_ascii=False))
        separator = ",\n "
    out.write("\n]}\n")


def result_to_dict(result, rules, lang: str = "zh", memo: dict | None = None) -> dict:
    """One result in the command's shape; ``memo`` shares the dicts of equal parts and reasons."""
    memo = {} if memo is None else memo
    parts = {}
    for part, p in result.parts.items():
        shown = memo.get(p)
        if shown is None:
            shown = memo[p] = {"score": _number(p.score), "passed": p.passed}
        parts[part] = shown
    reasons = []
    for reason in result.reasons:
        shown = memo.get(reason)
        if shown is None:
            shown = memo[reason] = _reason_to_dict(reason, rules, lang)
        reasons.append(shown)
    return {"candidate": result.candidate, "level": result.level, "parts": parts, "outcome": result.outcome,
            "reasons": reasons}


def _number(value):
    from eligibility_desk.scoring.values import json_number

    return json_number(value)


def _reason_to_dict(reason, rules, lang: str) -> dict:
    from decimal import Decimal

    from eligibility_desk.scoring.values import json_number

    out = {"code": reason.code}
    for key, value in reason.params:
        out[key] = json_number(value) if isinstance(value, Decimal) else value
    out["message"] = reason.text(lang, rules)
    return out


#: the largest scores file read (bytes): 100,000 candidates take ~10 MB; JSON held in memory takes ~10x its size
MAX_FILE_BYTES = 200 * 1024 * 1024


def _read_scores(path: str, args=None) -> list:
    """The file's ``scores`` list, numbers read as :class:`~decimal.Decimal` (a float would make
    ``59.99999999999999999`` the score 60.0, which passes; as a decimal it is refused for its decimals).
    Objects that repeat a key are marked (:func:`~eligibility_desk.scoring.records.object_pairs`)."""
    from decimal import Decimal

    from eligibility_desk.cli.output import say
    from eligibility_desk.domain.text_policy import visible
    from eligibility_desk.scoring.records import KeyedTwice, object_pairs

    name = visible(path, 200)

    def refused(zh: str, en: str, **params) -> CommandError:
        return CommandError(say(args, "{name}：" + zh, "{name}: " + en, name=name, **params))

    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise refused("无法读取（{reason}）", "cannot be read ({reason})", reason=exc.strerror or exc) from None
    if len(data) > MAX_FILE_BYTES:
        raise refused("文件超过 {mb} MB，不是成绩文件（未读取）", "larger than {mb} MB: not a scores file (not read)",
                      mb=MAX_FILE_BYTES // (1024 * 1024))
    text = _decode(data, refused)
    try:
        found = json.loads(text, parse_float=Decimal, parse_int=Decimal, object_pairs_hook=object_pairs)
    except RecursionError:
        raise refused("JSON 嵌套过深，不是成绩文件", "JSON nested too deep: not a scores file") from None
    except MemoryError:
        raise refused("文件过大，内存不足以读取", "too large to read in the memory available") from None
    except json.JSONDecodeError as exc:
        raise refused("不是有效的 JSON（第 {line} 行第 {column} 列：{msg}）", "not valid JSON (line {line} column {column}: {msg})",
                      line=exc.lineno, column=exc.colno, msg=exc.msg) from None
    except ValueError as exc:   # e.g. a number too long to convert
        raise refused("不是有效的 JSON（{detail}）", "not valid JSON ({detail})", detail=visible(str(exc), 120)) from None
    if not isinstance(found, dict) or not isinstance(found.get("scores"), list):
        raise refused("应为对象 {{\"scores\": [...]}}，成绩放在 scores 列表中",
                      "expected an object {{\"scores\": [...]}} with the scores in the list scores")
    if type(found) is KeyedTwice and "scores" in found.twice:
        raise refused("「scores」出现了两次，不知用哪一个", "'scores' is given twice: which one is meant is unclear")
    return found["scores"]


def _decode(data: bytes, refused) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16/32 (as JSON allows, by BOM or zero bytes), else
    GB18030 — the encodings the applicant import reads."""
    encoding = json.detect_encoding(data)
    tried = [encoding] if encoding.startswith(("utf-16", "utf-32")) else ["utf-8-sig", "gb18030"]
    for encoding in tried:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text.lstrip("\ufeff")
    raise refused("不是 UTF-8、UTF-16 或 GB18030 编码的文本，不是成绩文件",
                  "not text in UTF-8, UTF-16 or GB18030: not a scores file")
