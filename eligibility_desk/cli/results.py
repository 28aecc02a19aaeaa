"""``eligibility-desk results SCORES.json --standard CODE [--as-of DATE] [--lang zh|en]``

Reads ``{"scores": [{"candidate", "level", "<part>": score|null, ..., "absent": [parts],
"disqualified": [parts or {"part", "note"}]}]}`` and prints ``{"results": [{"candidate", "level",
"parts": {"<part>": {"score", "passed"}}, "outcome": "pass|fail|incomplete", "reasons": [...]}]}``.

Parts are the ones the candidate's level requires (rule file ``assessment.parts_by_level``).  ``passed`` is
``null`` for a part with no score yet.  Each reason is ``{"code", "part", ...parameters, "message"}``.
Any invalid score stops the run before anything is printed: every problem goes to standard error as
``candidate field: reason`` and the exit status is 1.
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
        raise CommandError(f"--as-of: not a date (YYYY-MM-DD): {args.as_of}") from None
    try:
        standard = RuleLibrary.load(getattr(args, "rules", None)).get(args.standard, as_of)
        rules = scoring_rules(standard)
    except (RuleFileError, NoRuleVersionError, ScoringRuleError) as exc:
        raise CommandError(str(exc)) from None

    parsed, invalid = parse_score_records(_read_scores(args.file), rules)
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


def _read_scores(path: str) -> list:
    """The file's ``scores`` list, numbers read as :class:`~decimal.Decimal` (a float would make
    ``59.99999999999999999`` the score 60.0, which passes; as a decimal it is refused for its decimals)."""
    from decimal import Decimal

    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
    try:
        data = json.loads(data, parse_float=Decimal, parse_int=Decimal)
    except RecursionError:
        raise CommandError(f"{path}：JSON 嵌套过深，不是成绩文件") from None
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise CommandError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("scores"), list):
        raise CommandError(f"{path}: expected an object {{\"scores\": [...]}}")
    return data["scores"]
