"""Applicant records on the command line: batches, import, template, screen-batch, decide, export.

    eligibility-desk template 考生导入模板.xlsx
    eligibility-desk import applicants.xlsx --batch "2025秋" --standard 4-07-02-06 --levels 4,3 --as-of 2025-09-01
    eligibility-desk screen-batch --batch "2025秋"
    eligibility-desk decide 42 approve --reason "职称与专业对应，已核验原件" --user 王敏
    eligibility-desk export --batch "2025秋" 审核结果.xlsx

The database is ``--db URL`` (before the command), else ``$ELIGIBILITY_DESK_DB``, else the SQLite file in
the user data folder.  Only the standard library is imported until a handler runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from eligibility_desk.cli import CommandError
from eligibility_desk.cli.output import add_output_options, emit, language, print_problems, rules_refusal, say, table, wants_json


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("template", help="write the Excel template for importing applicants",
                              description="生成考生导入模板（考生 / 学历 / 工作经历 / 证书 / 职称，含下拉列表）。")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--standard", metavar="CODE", help="offer this standard's levels in the 申报等级 drop-down")
    add_output_options(p, formats=False)
    p.set_defaults(handler=run_template)

    p = subparsers.add_parser("import", help="import applicants (.xlsx, .csv, interchange .json) into a batch",
                              description="导入考生到考试批次：任何一行有误则全部不导入，并列出全部问题。")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--batch", required=True, metavar="NAME_OR_ID", help="the batch (created if --standard is given and it does not exist)")
    p.add_argument("--standard", metavar="CODE", help="to create the batch: standard code, e.g. 4-07-02-06")
    p.add_argument("--levels", metavar="L,L", help="to create the batch: levels, e.g. 4,3 (default: all of the standard's)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="to create the batch: the date eligibility is judged on")
    p.add_argument("--window", metavar="START,END", help="to create the batch: application window YYYY-MM-DD,YYYY-MM-DD")
    p.add_argument("--report", metavar="OUT.xlsx", help="where to write the problem report (default: beside FILE)")
    p.add_argument("--all-problems", action="store_true",
                   help="print every problem of a refused file (default: the first 200, then where the full list is)")
    _user(p)
    p.set_defaults(handler=run_import)

    p = subparsers.add_parser("batches", help="list the batches with their counts", description="列出考试批次及统计。")
    _user(p)
    p.set_defaults(handler=run_batches)

    p = subparsers.add_parser("screen-batch", help="screen every application of a batch and store the results",
                              description="审核批次内全部申报（各等级），保存结果及规则版本；再次审核保留历史。")
    p.add_argument("--batch", required=True, metavar="NAME_OR_ID")
    _user(p)
    p.set_defaults(handler=run_screen_batch)

    p = subparsers.add_parser("decide", help="approve or reject a screening result, with a reason",
                              description="人工审核决定：同意（approve）或不同意（reject），须填写理由。")
    p.add_argument("result_id", type=int, metavar="RESULT_ID")
    p.add_argument("decision", choices=("approve", "reject"))
    p.add_argument("--reason", required=True)
    p.add_argument("--expect-version", type=int, default=0, metavar="N",
                   help="decisions you saw on this result (default 0: undecided); refused when another desk decided meanwhile")
    _user(p)
    p.set_defaults(handler=run_decide)

    p = subparsers.add_parser("review-queue", help="list a batch's undecided review results",
                              description="列出批次中待人工审核（尚无决定）的结果。")
    p.add_argument("--batch", required=True, metavar="NAME_OR_ID")
    from eligibility_desk.cli.common import add_user_option
    add_user_option(p)
    add_output_options(p, formats=False)
    p.set_defaults(handler=run_review_queue)

    p = subparsers.add_parser("export", help="export a batch's verdicts, clauses, explanations and decisions to .xlsx",
                              description="导出批次审核结果（结论、条款、说明、人工决定、理由、规则版本）。")
    p.add_argument("--batch", required=True, metavar="NAME_OR_ID")
    p.add_argument("out", metavar="OUT.xlsx")
    from eligibility_desk.cli.common import add_user_option
    add_user_option(p)
    add_output_options(p, formats=False)
    p.set_defaults(handler=run_export)

    p = subparsers.add_parser("demo-batch", help="create a demo batch of generated applicants, screened",
                              description="生成示例批次（随机但可重复的考生），并完成审核。")
    p.add_argument("-n", type=int, default=300)
    p.add_argument("--seed", type=int, default=20250901)
    _user(p)
    p.set_defaults(handler=run_demo)


def _user(p: argparse.ArgumentParser) -> None:
    from eligibility_desk.cli.common import add_user_option
    add_user_option(p)
    add_output_options(p)


def _date(text: str, option: str, args=None) -> date:
    from eligibility_desk.domain.validation import Problem, parse_date

    try:
        value = parse_date(text)
    except Problem:
        value = None
    if value is None:
        raise CommandError(say(args, "{option}：「{text}」不是日期（应为 YYYY-MM-DD）", "{option}: not a date: {text}",
                               option=option, text=text))
    return value


def _open(args):
    from eligibility_desk.cli.common import open_desk

    return open_desk(args)


def _batch(desk, name_or_id: str, args=None) -> int:
    from eligibility_desk.cli.common import batch_id

    return batch_id(desk, name_or_id, args=args)


def _progress(label: str):
    if not sys.stderr.isatty():
        return lambda done, total: None
    def show(done: int, total: int) -> None:
        print(f"\r{label} {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)
    return show


def _invalid(exc, args=None) -> CommandError:
    return CommandError("; ".join(e.describe(language(args)) for e in exc.errors))


def run_template(args) -> int:
    from eligibility_desk.services.records.template import write_template

    levels = None
    if getattr(args, "standard", None):
        from eligibility_desk.rules_engine import NoRuleVersionError, RuleLibrary

        try:
            spec = RuleLibrary.load(getattr(args, "rules", None)).get(args.standard).spec
        except NoRuleVersionError as exc:
            raise CommandError(rules_refusal(exc, args)) from None
        levels = [d.code for d in spec.declared_levels]
    path = write_template(args.out, levels)
    print(say(args, "模板已写入：{path}", "Template written: {path}", path=path))
    return 0


def run_import(args) -> int:
    from eligibility_desk.domain.errors import InvalidRecord
    from eligibility_desk.rules_engine import NoRuleVersionError
    from eligibility_desk.services.records.importing import ImportFormatError

    from eligibility_desk.services.records.importing import NewBatch

    with _open(args) as desk:
        batch_id = desk.find_batch(args.batch)
        created = batch_id is None
        target = batch_id
        if created:
            if not args.standard or not args.as_of:
                raise CommandError(say(args, "没有批次「{batch}」：要新建，请给出 --standard 和 --as-of",
                                       "no batch '{batch}': give --standard and --as-of to create it", batch=args.batch))
            as_of = _date(args.as_of, "--as-of", args)
            try:
                standard = desk.library.get(args.standard, as_of)
            except NoRuleVersionError as exc:
                raise CommandError(rules_refusal(exc, args)) from None
            from eligibility_desk.domain.levels import canonical_levels  # t1, Ｔ１ -> the standard's T1

            levels = list(canonical_levels(args.levels.split(","), standard.levels)) if args.levels else list(standard.levels)
            start = end = None
            if args.window:
                parts = args.window.split(",")
                if len(parts) != 2:
                    raise CommandError(say(args, "--window：应为 开始日期,结束日期", "--window: expected START,END"))
                start, end = _date(parts[0], "--window", args), _date(parts[1], "--window", args)
            problems = desk.batch_problems(args.batch.strip(), args.standard, levels, as_of, start, end)
            if problems:
                raise _invalid(InvalidRecord(args.batch, problems), args)
            # created in the import's own transaction: a refused or killed import leaves no batch behind
            target = NewBatch(args.batch.strip(), args.standard, levels, as_of, start, end)
        try:
            report = desk.import_file(args.file, target, _progress(say(args, "导入", "import")), report_path=args.report)
        except (ImportFormatError, OSError) as exc:
            raise CommandError(str(exc)) from None
        except InvalidRecord as exc:      # the batch's name was taken meanwhile by another desk
            raise _invalid(exc, args) from None
        batch_id = report.batch_id if report.ok else batch_id
        if created and report.ok and not wants_json(args):
            print(say(args, "已创建批次「{batch}」（#{id}）：{standard}，等级 {levels}，基准日 {as_of}",
                      "Batch '{batch}' (#{id}) created: {standard}, levels {levels}, as of {as_of}",
                      batch=args.batch, id=batch_id, standard=args.standard, levels=",".join(levels), as_of=as_of))
    lang = language(args)
    if not report.ok:
        print(say(args, "导入失败：发现 {n} 个问题，未写入任何数据。", "Import refused: {n} problem(s); nothing was written.",
                  n=len(report.problems)), file=sys.stderr)
        print_problems(args, (problem.describe(lang) for problem in report.problems), len(report.problems),
                       report.problem_report)
        if report.problem_report:
            print(say(args, "问题报告（错误单元格已标红）：{path}", "Problem report (bad cells marked in red): {path}",
                      path=report.problem_report), file=sys.stderr)
        return 1
    data = {"batch": batch_id, "created_batch": created, "read": report.applicants_read, "created": report.created,
            "updated": report.updated, "unchanged": report.unchanged, "applications_added": report.applications_added,
            "seconds": round(report.seconds, 3)}
    emit(args, data, say(args, "导入完成：读取 {read} 人，新建 {created} 人，更新 {updated} 人（库中已有，按身份证号码匹配），"
                               "未变 {unchanged} 人；新增申报 {applications_added} 条（{seconds:.1f} 秒）",
                         "Imported: {read} read, {created} new, {updated} updated (already on file, matched by ID number), "
                         "{unchanged} unchanged; {applications_added} application(s) added ({seconds:.1f} s)", **data))
    return 0


def run_batches(args) -> int:
    with _open(args) as desk:
        batches = desk.batches()
    data = [{"id": b.id, "name": b.name, "standard": b.standard, "levels": list(b.levels), "as_of": str(b.as_of),
             "applicants": b.applicants, "applications": b.applications, "eligible": b.counts.eligible,
             "ineligible": b.counts.ineligible, "review": b.counts.review, "unscreened": b.counts.unscreened,
             "decided": b.decided, "review_pending": b.review_pending} for b in batches]
    if not batches:
        emit(args, data, say(args, "尚无考试批次。", "No batch yet."))
        return 0
    headers = (("#", "Batch", "Standard", "Levels", "As of", "Applicants", "Applications", "Eligible", "Ineligible",
                "Review", "Unscreened", "Decided", "Pending") if language(args) == "en" else
               ("#", "批次", "标准", "等级", "基准日", "考生", "申报", "符合", "不符合", "待审核", "未审核", "已决定", "待决定"))
    emit(args, data, table(headers, [(d["id"], d["name"], d["standard"], ",".join(d["levels"]), d["as_of"], d["applicants"],
                                      d["applications"], d["eligible"], d["ineligible"], d["review"], d["unscreened"],
                                      d["decided"], d["review_pending"]) for d in data]))
    return 0


def run_screen_batch(args) -> int:
    with _open(args) as desk:
        batch_id = _batch(desk, args.batch, args)
        summary = desk.screen_batch(batch_id, _progress(say(args, "审核", "screening")))
    c = summary.counts
    data = {"batch": batch_id, "run": summary.run_id, "standard": summary.standard, "rule_version": summary.rule_version,
            "as_of": str(summary.as_of), "seconds": round(summary.seconds, 3), "eligible": c.eligible,
            "ineligible": c.ineligible, "review": c.review, "error": c.error, "total": c.total}
    emit(args, data, say(args, "批次 #{batch} 审核完成（第 {run} 次审核，{standard} 规则版本 {rule_version}，基准日 {as_of}，{seconds:.1f} 秒）\n"
                               "  符合 {eligible}\n  不符合 {ineligible}\n  待人工审核 {review}\n  记录有误 {error}\n  合计 {total}",
                         "Batch #{batch} screened (run {run}, {standard} rules {rule_version}, as of {as_of}, {seconds:.1f} s)\n"
                         "  eligible {eligible}\n  ineligible {ineligible}\n  review {review}\n  error {error}\n  total {total}",
                         **data))
    return 0


def run_decide(args) -> int:
    from eligibility_desk.domain.errors import InvalidRecord

    with _open(args) as desk:
        try:
            decision_id = desk.decide(args.result_id, args.decision == "approve", args.reason,
                                      expected_version=args.expect_version)
        except InvalidRecord as exc:
            raise _invalid(exc, args) from None
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        result = desk.result(args.result_id)
    data = {"decision": decision_id, "result": result.id, "level": result.level, "engine_verdict": result.verdict,
            "approve": args.decision == "approve", "reason": args.reason.strip(), "user": result.decision.user}
    word = say(args, "同意", "approved") if data["approve"] else say(args, "不同意", "rejected")
    emit(args, data, say(args, "已记录决定 #{decision}：结果 #{result}（等级 {level}，系统结论 {engine_verdict}）{word}，理由：{reason}（{user}）",
                         "Decision #{decision} recorded: result #{result} (level {level}, engine verdict {engine_verdict}) "
                         "{word}, reason: {reason} ({user})", word=word, **data))
    return 0


def run_review_queue(args) -> int:
    from eligibility_desk.rules_engine.explain import explain_clause

    with _open(args) as desk:
        batch_id = _batch(desk, args.batch, args)
        for result_id in desk.review_queue(batch_id):
            result = desk.result(result_id)
            applicant, _version = desk.load_applicant(result.applicant_pk)
            reasons = "；".join(f"{c.id} {explain_clause(result.clause_result(c.id), language(args))}"
                               for c in result.clauses if c.verdict == "review")
            print(f"{result.id}\t{applicant.id}\t{applicant.name}\t{say(args, '等级', 'level')} {result.level}\t{reasons}")
    return 0


def run_export(args) -> int:
    with _open(args) as desk:
        batch_id = _batch(desk, args.batch, args)
        summary = desk.export_batch(batch_id, args.out, _progress(say(args, "导出", "export")), lang=language(args))
    print(say(args, "已导出 {rows} 条申报到 {path}", "Exported {rows} application(s) to {path}", rows=summary.rows,
              path=summary.path))
    return 0


def run_demo(args) -> int:
    with _open(args) as desk:
        batch_id = desk.create_demo_batch(args.n, args.seed)
        info = desk.batch(batch_id)
    data = {"batch": batch_id, "name": info.name, "applicants": info.applicants, "applications": info.applications,
            "eligible": info.counts.eligible, "ineligible": info.counts.ineligible, "review": info.counts.review}
    emit(args, data, say(args, "示例批次 #{batch}「{name}」：{applicants} 人，{applications} 条申报（符合 {eligible}，不符合 {ineligible}，待审核 {review}）",
                         "Demo batch #{batch} '{name}': {applicants} applicants, {applications} applications "
                         "({eligible} eligible, {ineligible} ineligible, {review} review)", **data))
    return 0
