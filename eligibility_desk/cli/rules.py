"""``eligibility-desk standards`` (every standard of the rules folder) and ``eligibility-desk rules check|test``.

* ``standards [--format json|table]``: code, name, version, effective date and declared levels of every
  loaded version; a file that could not be loaded is reported on stderr (exit 2 if any).
* ``rules check [DIR]``: every mistake of every file (not only the first of each), one a line with file, line
  and field, grouped by file and in file order, then their count; exit 2 on any, or when the folder holds no
  standard file.
* ``rules test [DIR]``: runs the cases in ``DIR/tests`` against ``DIR``; exit 1 if a case fails, 2 if a rule
  file, a case file or a case cannot be used (each is reported and the others still run) or there is no case.

Mistakes, failed cases and the summaries are worded in Chinese, or in English with ``--lang en`` (default:
$ELIGIBILITY_DESK_LANG, else zh; :mod:`eligibility_desk.rules_engine.messages`, ``.case_messages``).  A failed
case: 「不通过：file：第 N 行：用例「name」」, then what differed (expected vs got, per clause).  One wrong name used
in several places (a renamed part, list or level code) is one line naming every place.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("standards", help="list the standards of the rules folder (json or table)")
    p.add_argument("--format", choices=("json", "table"), default="table")
    _lang_option(p)
    p.set_defaults(handler=run_standards)

    rules = subparsers.add_parser("rules", help="check rule files or run their test cases")
    sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="print every mistake in the rule files (exit 2 if any)")
    check.add_argument("dir", nargs="?", help="rules folder (default: --rules, then the bundled one)")
    _lang_option(check)
    check.set_defaults(handler=run_check)
    test = sub.add_parser("test", help="run the rule test cases of DIR/tests")
    test.add_argument("dir", nargs="?", help="rules folder (default: --rules, then the bundled one)")
    _lang_option(test)
    test.set_defaults(handler=run_test)


def _lang_option(p) -> None:
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the messages (default: $ELIGIBILITY_DESK_LANG, else zh)")


def _library(args: argparse.Namespace, folder=None, thorough: bool = False):
    from eligibility_desk.cli import CommandError
    from eligibility_desk.rules_engine import RuleFileError, RuleLibrary

    try:
        return RuleLibrary.load(folder or getattr(args, "rules", None), thorough=thorough)
    except RuleFileError as exc:
        from eligibility_desk.cli.output import rules_refusal

        raise CommandError(rules_refusal(exc, args)) from None


def _report(problems, args: argparse.Namespace) -> None:
    """Each mistake on its own line, grouped by file, in the chosen language; one name wrong at several
    places (a renamed part, list or level code) on one line naming every place."""
    from eligibility_desk.cli.output import language
    from eligibility_desk.rules_engine.messages import merged, problem_text

    lang = language(args)
    for problem, also in merged(problems):
        print(problem_text(problem, lang, also), file=sys.stderr)


def run_standards(args: argparse.Namespace) -> int:
    library = _library(args)
    rows = [{"code": s.spec.code, "name": s.spec.name, "version": s.spec.version,
             "effective_from": s.spec.effective_from.isoformat(),
             "levels": [{"code": d.code, "name": d.name} for d in s.spec.declared_levels]}
            for s in library.all_versions()]
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        print("代码\t名称\t版本\t生效日期\t等级（代码 名称，由低到高）")
        for row in rows:
            levels = "、".join(f"{lv['code']} {lv['name']}" if lv["code"] != lv["name"] else lv["name"] for lv in row["levels"])
            print(f"{row['code']}\t{row['name']}\t{row['version']}\t{row['effective_from']}\t{levels}")
    _report(library.problems, args)
    return 2 if library.problems else 0


def run_check(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.output import language, say
    from eligibility_desk.rules_engine.messages import summary_text

    library = _library(args, args.dir, thorough=True)
    _report(library.problems, args)
    if library.problems:
        print(summary_text(library.problems, language(args)), file=sys.stderr)
        return 2
    versions = library.all_versions()
    if not versions:
        print(say(args, "{root}：没有标准文件（standards/*.yaml）可检查", "{root}: no standard files (standards/*.yaml) to check",
                  root=library.root), file=sys.stderr)
        return 2
    print(say(args, "正确：{n} 个标准版本，{m} 个名单", "ok: {n} standard version(s), {m} list(s)",
              n=len(versions), m=len(library.lists)))
    return 0


def run_test(args: argparse.Namespace) -> int:
    from pathlib import Path

    from eligibility_desk.rules_engine.cases import case_problem, read_cases, run_case

    library = _library(args, args.dir)
    _report(library.problems, args)
    folder = Path(library.root) / "tests"
    cases, problems = read_cases(folder) if folder.is_dir() else ([], [])
    failed = 0
    runnable = []
    for case in cases:
        problem = case_problem(library, case)
        if problem is not None:
            problems.append(problem)
        else:
            runnable.append(case)
    _report(problems, args)
    from eligibility_desk.cli.output import language, say
    from eligibility_desk.rules_engine.case_messages import case_failure_lines, cases_summary

    lang = language(args)
    for case in runnable:
        outcome = run_case(library, case)
        if not outcome.passed:
            failed += 1
            for line in case_failure_lines(case, outcome, lang):
                print(line, file=sys.stderr)
    print(cases_summary(len(runnable) - failed, failed, len(problems), len(runnable), folder, lang))
    if not folder.is_dir() or not cases and not problems:
        print(say(args, "没有测试用例：{folder} 中没有 *.yaml 用例文件（见 docs/rules.md，Test cases）",
                  "no test cases: {folder} holds no *.yaml case files (see docs/rules.md, Test cases)", folder=folder),
              file=sys.stderr)
        return 2
    if library.problems or problems:
        return 2
    return 1 if failed else 0
