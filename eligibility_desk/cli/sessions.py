"""Sessions and scores of a batch in the database, for scripting (docs/sessions.md).

    eligibility-desk resources import 考务资源.xlsx --batch "2025秋"      rooms, staff (centre) and slots (batch)
    eligibility-desk resources demo --batch "2025秋"                     demo rooms, staff and two days of slots
    eligibility-desk plan-batch --batch "2025秋" [--seed N] [--final]     plan from the records and store it
    eligibility-desk replan-batch --batch "2025秋" [--lost-room R]…      re-plan after a change; a new version
    eligibility-desk export-plan --batch "2025秋" --plan plan.json --scenario scenario.json [--version N]
    eligibility-desk scores open --batch "2025秋"                        make / list the score sheets
    eligibility-desk scores enter SHEET --recorder 1 3=75.5 4=缺考 "5=违纪 携带手机"
    eligibility-desk scores lock SHEET
    eligibility-desk scores publish --batch "2025秋"
    eligibility-desk calendar add-workdays 2025-09-26 5                 → 2025-10-10 (rules/calendar/)

The database is ``--db URL`` (before the command), else ``$ELIGIBILITY_DESK_DB``, else the default file.
Only the standard library is imported until a handler runs.
"""

from __future__ import annotations

import argparse
import re
import sys

from eligibility_desk.cli import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("calendar", help="working days by China's holiday calendar (rules/calendar/*.yaml)",
                              description="工作日计算：周一至周五，除去法定节假日，加上调休上班日（rules/calendar/ 每年一个文件）。")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = sub.add_parser("add-workdays", help="the date N working days after DATE (last line, ISO)")
    c.add_argument("date", metavar="DATE", help="YYYY-MM-DD (not counted itself)")
    c.add_argument("days", metavar="N", type=int)
    c.set_defaults(handler=run_calendar_add)

    p = subparsers.add_parser("resources", help="rooms, staff and time slots: import from .xlsx or create the demo set",
                              description="考务资源：从 .xlsx 导入考场、人员（全中心）与时段（本批次），或生成示例资源。")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    r = sub.add_parser("import", help="import the sheets 考场 / 人员 / 时段 (all or nothing)")
    r.add_argument("file", metavar="FILE.xlsx")
    _batch_arg(r)
    r.set_defaults(handler=run_resources_import)
    r = sub.add_parser("demo", help="demo rooms, staff and two days of slots for a batch")
    _batch_arg(r)
    r.set_defaults(handler=run_resources_demo)
    r = sub.add_parser("template", help="write the resources workbook template (sheets 考场 / 人员 / 时段)")
    r.add_argument("out", metavar="OUT.xlsx")
    r.add_argument("--standard", metavar="CODE", help="offer this standard's room kinds (default: every kind)")
    from eligibility_desk.cli.output import add_output_options

    add_output_options(r, formats=False)
    r.set_defaults(handler=run_resources_template)

    p = subparsers.add_parser("plan-batch", help="plan a batch's approved candidates and store the plan",
                              description="按标准配比编排本批次审核通过的考生，保存为新的方案版本。")
    _batch_arg(p)
    p.add_argument("--seed", type=int, metavar="N", help="seed of the random seating (default: a new one, recorded)")
    p.add_argument("--final", action="store_true", help="declare the plan final if it has no violations")
    p.set_defaults(handler=run_plan_batch)

    p = subparsers.add_parser("replan-batch", help="re-plan a batch after a change, moving as little as possible",
                              description="情况变化后重新编排（尽量少改动），保存为新的方案版本并列出变动。")
    _batch_arg(p)
    p.add_argument("--lost-room", action="append", default=[], metavar="ROOM", help="a room that can no longer be used")
    p.add_argument("--seed", type=int, metavar="N")
    p.add_argument("--final", action="store_true", help="declare the new plan final if it has no violations")
    p.set_defaults(handler=run_replan_batch)

    p = subparsers.add_parser("export-plan", help="write a stored plan and its scenario as the JSON of `plan` / `slips`",
                              description="导出已保存的编排方案与场景 JSON（供 check-plan、slips 等命令使用）。")
    _batch_arg(p)
    p.add_argument("--plan", metavar="OUT.json", help="where to write the plan JSON")
    p.add_argument("--scenario", metavar="OUT.json", help="where to write the scenario JSON")
    p.add_argument("--version", type=int, metavar="N", help="the plan version (default: the newest)")
    p.set_defaults(handler=run_export_plan)

    p = subparsers.add_parser("scores", help="score sheets of a batch: open, enter, lock, publish",
                              description="成绩：生成成绩登记表、录入（双人）、锁定、公布。")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    s = sub.add_parser("open", help="make the sheets of the final plan (if not made yet) and list them")
    _batch_arg(s)
    s.set_defaults(handler=run_scores_open)
    s = sub.add_parser("enter", help="enter seats as recorder 1 or 2: SEAT=VALUE … (a score, 缺考, 违纪 <note>)")
    s.add_argument("sheet", type=int, metavar="SHEET")
    s.add_argument("--recorder", type=int, choices=(1, 2), required=True)
    s.add_argument("values", nargs="+", metavar="SEAT=VALUE")
    _user(s)
    s.set_defaults(handler=run_scores_enter)
    s = sub.add_parser("lock", help="lock a sheet (refused while entries are missing or differ)")
    s.add_argument("sheet", type=int, metavar="SHEET")
    _user(s)
    s.set_defaults(handler=run_scores_lock)
    s = sub.add_parser("publish", help="publish the batch's results (every sheet locked); prints the pass list")
    _batch_arg(s)
    s.set_defaults(handler=run_scores_publish)


def _user(p: argparse.ArgumentParser) -> None:
    from eligibility_desk.cli.common import add_user_option
    from eligibility_desk.cli.output import add_output_options

    add_user_option(p)
    add_output_options(p)


def _batch_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch", required=True, metavar="NAME_OR_ID")
    _user(p)


def _open(args):
    from eligibility_desk.cli.common import open_desk

    return open_desk(args)


def _batch(desk, name_or_id: str, args=None) -> int:
    from eligibility_desk.cli.common import batch_id

    return batch_id(desk, name_or_id, args=args)


def _resource_text(args, summary) -> str:
    from eligibility_desk.cli.output import say

    s = summary
    return say(args, "考务资源已导入：考场 新建 {rc}、更新 {ru}；人员 新建 {sc}、更新 {su}；时段 新建 {tc}、更新 {tu}；未变 {n}。",
               "Resources imported: rooms {rc} new, {ru} updated; staff {sc} new, {su} updated; "
               "slots {tc} new, {tu} updated; {n} unchanged.",
               rc=s.rooms_created, ru=s.rooms_updated, sc=s.staff_created, su=s.staff_updated,
               tc=s.slots_created, tu=s.slots_updated, n=s.unchanged)


def run_resources_import(args) -> int:
    from eligibility_desk.cli.output import emit, language, say
    from eligibility_desk.planning.xlsx_import import ResourceImportError
    from eligibility_desk.services.records.sheets import WorkbookRefused
    from eligibility_desk.services.sessions.resources import ResourceService
    from eligibility_desk.services.sessions.session_service import SessionService

    with _open(args) as desk:
        batch_id = _batch(desk, args.batch, args)
        rules = SessionService.from_desk(desk).rules_for(batch_id)
        try:
            summary = ResourceService(desk.db, desk.actor, rules).import_xlsx(args.file, batch_id, rules)
        except ResourceImportError as exc:
            for error in exc.errors:
                print(str(error), file=sys.stderr)
            raise CommandError(say(args, "{file}：{n} 处问题，未导入任何数据", "{file}: {n} problem(s); nothing was imported",
                                   file=args.file, n=len(exc.errors)), 1) from None
        except WorkbookRefused as exc:
            raise CommandError(exc.message(language(args)), 2) from None
        except OSError as exc:
            raise CommandError(say(args, "无法读取 {file}：{error}", "cannot read {file}: {error}", file=args.file,
                                   error=exc.strerror or exc)) from None
    emit(args, vars(summary), _resource_text(args, summary))
    return 0


def run_resources_demo(args) -> int:
    from eligibility_desk.cli.output import emit
    from eligibility_desk.services.sessions.demo_resources import create_demo_resources

    with _open(args) as desk:
        summary = create_demo_resources(desk.db, _batch(desk, args.batch, args), desk.actor)
    emit(args, vars(summary), _resource_text(args, summary))
    return 0


def run_resources_template(args) -> int:
    from eligibility_desk.cli.output import say
    from eligibility_desk.planning import load_planning_rules
    from eligibility_desk.planning.xlsx_template import write_resources_template

    try:
        rules = load_planning_rules(args.standard, getattr(args, "rules", None)) if args.standard else None
        path = write_resources_template(args.out, rules)
    except OSError as exc:
        raise CommandError(say(args, "无法写入 {file}：{error}", "cannot write {file}: {error}", file=args.out,
                               error=exc.strerror or exc)) from None
    except (KeyError, LookupError) as exc:
        raise CommandError(say(args, "--standard {code}：{reason}", "--standard {code}: {reason}", code=args.standard,
                               reason=_not_found(exc))) from None
    print(say(args, "考务资源模板已写入：{path}", "Resources template written: {path}", path=path))
    return 0


def _stored_summary(stored) -> dict:
    return {"plan": stored.id, "version": stored.number, "status": stored.status, "kind": stored.kind,
            "seed": stored.seed, **{k: v for k, v in stored.summary.items() if k != "skipped"},
            "skipped": len(stored.summary.get("skipped", [])),
            "unplaced_reasons": [u["reason"] for u in stored.plan_json.get("unplaced", [])][:20],
            "optimality": _optimality(stored),
            "violation_messages": [v["message"] for v in stored.violations][:20],
            "move_messages": [m["message"] for m in stored.moves][:50]}


def _plan_text(args, data: dict) -> str:
    from eligibility_desk.cli.output import language, say

    status = {"draft": ("草稿", "draft"), "final": ("定稿", "final")}.get(data["status"], (data["status"],) * 2)
    lines = [say(args, "方案 #{plan} 第 {version} 版（{status}）：{sessions} 场，已安排 {seated} 个座位，考生 {candidates} 人，"
                       "未安排 {unplaced}，违规 {violations}，提示 {warnings}。",
                 "Plan #{plan} version {version} ({status}): {sessions} sessions, {seated} seats placed, "
                 "{candidates} candidates, {unplaced} unplaced, {violations} violations, {warnings} warnings.",
                 **{**data, "status": status[1 if language(args) == "en" else 0]})]
    if data.get("unplaced"):
        lines.append(data["optimality"])                 # 最少未安排 N，本方案 N
    if data.get("moves") is not None:
        lines.append(say(args, "与上一版相比移动 {moves} 处。", "{moves} change(s) from the previous version.", moves=data["moves"]))
    for title, key in ((("未安排：", "Unplaced:"), "unplaced_reasons"), (("违规：", "Violations:"), "violation_messages"),
                       (("调整：", "Moves:"), "move_messages")):
        if data.get(key):
            lines.append(say(args, *title))
            lines.extend(f"  {text}" for text in data[key])
    return "\n".join(lines)


def _finish(args, service, stored, final: bool) -> int:
    from eligibility_desk.cli.output import emit
    from eligibility_desk.services.sessions.session_service import PlanNotFinal

    if final:
        try:
            stored = service.finalise(stored.id, stored.version)
        except PlanNotFinal as exc:
            emit(args, _stored_summary(stored), _plan_text(args, _stored_summary(stored)))
            raise CommandError(str(exc), 1) from None
    emit(args, _stored_summary(stored), _plan_text(args, _stored_summary(stored)))
    if stored.violations:
        return 1
    return 3 if stored.summary.get("unplaced") else 0       # valid, but sittings are unplaced


def _optimality(stored) -> str:
    from eligibility_desk.planning.wording import optimality_text

    return optimality_text(stored.plan_json.get("record") or {}, stored.summary.get("unplaced", 0))


def run_plan_batch(args) -> int:
    from eligibility_desk.services.sessions.session_service import SessionService

    with _open(args) as desk:
        service = SessionService.from_desk(desk)
        stored = service.plan_batch(_batch(desk, args.batch, args), seed=args.seed)
        return _finish(args, service, stored, args.final)


def run_replan_batch(args) -> int:
    from eligibility_desk.services.sessions.session_service import SessionService

    with _open(args) as desk:
        service = SessionService.from_desk(desk)
        try:
            stored = service.replan_batch(_batch(desk, args.batch, args), lost_rooms=args.lost_room, seed=args.seed)
        except LookupError as exc:
            raise CommandError(_not_found(exc)) from None
        return _finish(args, service, stored, args.final)


def run_export_plan(args) -> int:
    from eligibility_desk.cli.output import language, say
    from eligibility_desk.services.sessions.session_service import SessionService

    if not args.plan and not args.scenario:
        raise CommandError(say(args, "请给出 --plan OUT.json 或 --scenario OUT.json（或两者）",
                               "give --plan OUT.json and/or --scenario OUT.json"))
    with _open(args) as desk:
        service = SessionService.from_desk(desk)
        batch_id = _batch(desk, args.batch, args)
        plan_id = None
        if args.version is not None:
            plan_id = next((p.id for p in service.plans(batch_id) if p.number == args.version), None)
            if plan_id is None:
                raise CommandError(say(args, "--version：批次「{batch}」没有第 {version} 版编排方案",
                                       "--version: batch '{batch}' has no plan version {version}", batch=args.batch,
                                       version=args.version))
        try:
            stored = service.export(batch_id, args.plan, args.scenario, plan_id)
        except LookupError as exc:
            raise CommandError(say(args, "{what}：请先运行 eligibility-desk plan-batch --batch …",
                                   "{what}: run `eligibility-desk plan-batch --batch …` first",
                                   what=_not_found(exc))) from None
        except OSError as exc:
            raise CommandError(say(args, "无法写入：{error}", "cannot write: {error}", error=exc)) from None
    print(say(args, "第 {number} 版编排方案（{status}）：{sessions} 场次，{seated} 人次",
              "plan version {number} ({status}): {sessions} sessions, {seated} seats", number=stored.number,
              status=_STATUS_ZH.get(stored.status, stored.status) if language(args) != "en" else stored.status,
              sessions=stored.summary.get("sessions"), seated=stored.summary.get("seated")),
          file=sys.stderr)
    return 0


#: a plan version's status as the Chinese output names it
_STATUS_ZH = {"draft": "草稿", "final": "定稿"}


def _refused(exc) -> CommandError:
    from eligibility_desk.services.scores.score_views import error_text

    return CommandError(f"{getattr(exc, 'field', '')}: {error_text(exc)}", 1)


def run_scores_open(args) -> int:
    from eligibility_desk.cli.output import emit, language, table
    from eligibility_desk.scoring import SheetError
    from eligibility_desk.services.scores.score_service import ScoreService

    with _open(args) as desk:
        try:
            sheets = ScoreService.from_desk(desk).open_sheets(_batch(desk, args.batch, args))
        except SheetError as exc:
            raise _refused(exc) from None
    data = [{"sheet": s.id, "session": s.session, "room": s.room, "part": s.part, "level": s.level,
             "start": s.start.isoformat(timespec="minutes"), "seats": len(s.lines), "locked": s.locked,
             "version": s.version} for s in sheets]
    en = language(args) == "en"
    headers = (("Sheet", "Session", "Room", "Part", "Level", "Start", "Seats", "Locked") if en else
               ("成绩单", "场次", "考场", "科目", "等级", "开始", "座位", "已锁定"))
    yes = ("yes", "no") if en else ("是", "否")
    emit(args, data, table(headers, [(d["sheet"], d["session"], d["room"], d["part"], d["level"], d["start"].replace("T", " "),
                                      d["seats"], yes[0] if d["locked"] else yes[1]) for d in data]))
    return 0


def _not_found(exc: LookupError) -> str:
    """A lookup the services refused (no such sheet, batch, plan) in Chinese first, then their English."""
    from eligibility_desk.domain.text_policy import visible

    return f"未找到 / not found: {visible(str(exc).strip(chr(39) + chr(34)), 200)}"


def run_scores_enter(args) -> int:
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.scoring import ScoreError
    from eligibility_desk.services.scores.score_service import ScoreService

    values = {}
    for item in args.values:
        seat, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,6}", seat.strip()):   # ASCII digits: a 5,000-digit "seat" is no seat
            from eligibility_desk.domain.text_policy import visible

            raise CommandError(say(args, "{item}：应为 座位=成绩，如 3=75.5 或 4=缺考", "{item}: expected SEAT=VALUE, e.g. 3=75.5 or 4=缺考",
                                   item=visible(item, 60)))
        values[int(seat)] = value
    with _open(args) as desk:
        try:
            service = ScoreService.from_desk(desk)
            # the versions of the cells as this command found them: a cell another desk changes between here
            # and the write is refused ("changed by someone else"), never silently overwritten
            seen = service.recorder_view(args.sheet, args.recorder).entries
            n = service.enter_many(args.sheet, args.recorder, values,
                                   expected_versions={seat: seen[seat].version if seat in seen else 0 for seat in values})
        except ScoreError as exc:        # SheetError is a ScoreError
            raise _refused(exc) from None
        except LookupError as exc:
            raise CommandError(_not_found(exc)) from None
    emit(args, {"sheet": args.sheet, "recorder": args.recorder, "entered": n},
         say(args, "成绩单 {sheet}：第 {recorder} 录入人录入 {n} 个座位。", "Sheet {sheet}: {n} seat(s) entered by recorder {recorder}.",
             sheet=args.sheet, recorder=args.recorder, n=n))
    return 0


def run_scores_lock(args) -> int:
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.scoring import SheetError
    from eligibility_desk.services.scores.score_service import ScoreService

    with _open(args) as desk:
        service = ScoreService.from_desk(desk)
        try:
            info = service.lock(args.sheet)
        except SheetError as exc:
            for m in service.mismatches(args.sheet) if exc.code == "sheet_mismatch" else ():
                print(say(args, "座位 {seat} {candidate}：{first} ≠ {second}", "seat {seat} {candidate}: {first} ≠ {second}",
                          seat=m.seat, candidate=m.candidate, first=m.first, second=m.second), file=sys.stderr)
            raise _refused(exc) from None
        except LookupError as exc:
            raise CommandError(_not_found(exc)) from None
    emit(args, {"sheet": info.id, "locked_by": info.locked_by},
         say(args, "成绩单 {sheet} 已锁定（{by}）。", "Sheet {sheet} locked by {by}.", sheet=info.id, by=info.locked_by))
    return 0


def run_scores_publish(args) -> int:
    from eligibility_desk.cli.output import emit, language, say
    from eligibility_desk.scoring import SheetError
    from eligibility_desk.services.scores.score_service import ScoreService

    with _open(args) as desk:
        try:
            info = ScoreService.from_desk(desk).publish(_batch(desk, args.batch, args))
        except SheetError as exc:
            raise _refused(exc) from None
    data = {"publication": info.number, "counts": info.counts, "pass_list": list(info.pass_list)}
    counts = "，".join(f"{k} {v}" for k, v in info.counts.items()) if language(args) == "zh" else \
        ", ".join(f"{k} {v}" for k, v in info.counts.items())
    text = say(args, "第 {n} 次发布：{counts}。合格名单 {p} 人：", "Publication {n}: {counts}. Pass list ({p}):",
               n=info.number, counts=counts, p=len(info.pass_list))
    emit(args, data, text + "\n" + "\n".join(f"  {entry}" for entry in info.pass_list))
    return 0


def run_calendar_add(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from eligibility_desk.scoring.workdays import CalendarError, WorkCalendar

    try:
        start = date.fromisoformat(args.date)
    except ValueError:
        raise CommandError(f"DATE: 「{args.date}」不是 2025-09-26 这样的日期") from None
    if args.days < 0:
        raise CommandError(f"N: 应为不小于 0 的整数，实际为 {args.days}")
    try:
        calendar = WorkCalendar.load(getattr(args, "rules", None))
    except CalendarError as exc:
        from eligibility_desk.cli.output import language

        raise CommandError(f"rules/calendar: {exc.message(language(args))}") from None
    end = calendar.add(start, args.days)
    missing = sorted({y for y in range(start.year, end.year + 1) if y not in calendar.years})
    if missing:
        print(f"注意：rules/calendar/ 没有 {'、'.join(map(str, missing))} 年的节假日安排，这些年份只跳过周末",
              file=sys.stderr)
    day, skipped = start, []
    while day < end:
        day += timedelta(days=1)
        name = calendar.holiday_name(day) or calendar.workdays.get(day)
        if name:
            skipped.append(f"{day.isoformat()} {name}")
    for line in skipped:
        print(line)
    print(end.isoformat())
    return 0
