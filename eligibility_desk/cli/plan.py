"""``eligibility-desk plan``, ``check-plan`` and ``replan`` — session planning on plain JSON (docs/planning.md).

    eligibility-desk plan SCENARIO.json [--format json|table] [--seed N] [--xlsx OUT.xlsx]
    eligibility-desk check-plan PLAN.json SCENARIO.json          exit 1 if the plan breaks a hard rule,
                                                                 3 if it is valid but leaves sittings unplaced
    eligibility-desk replan PLAN.json SCENARIO.json [--seed N]   re-plan after a change; lists what moved

Exit status of all three: 0 a valid plan that places every sitting; 1 a hard violation; 3 valid but with
unplaced sittings (the output gives the proven minimum: 「最少未安排 N，本方案 N」); 2 bad input.

Only the standard library is imported here; the planner is loaded inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import sys

from eligibility_desk.cli import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("plan", help="plan assessment sessions (rooms, seats, staff) from a scenario JSON",
                              description="按标准配比编排考场、座位、监考与考评人员（场景 JSON）。"
                                          "退出码：0 全部安排且无违规；1 有违规；3 无违规但有未安排（附最少未安排数）；2 输入错误。")
    p.add_argument("scenario", metavar="SCENARIO.json", help="scenario: standard, candidates, rooms, staff, slots ('-' for stdin)")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--seed", type=int, metavar="N", help="seed of the random seating (default: a new one, recorded in the plan)")
    p.add_argument("--operator", metavar="NAME", default="", help="who plans (kept in the plan's record)")
    p.add_argument("--time", metavar="YYYY-MM-DDTHH:MM", help="time kept in the record (default: now)")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the plan as a workbook (one sheet per slot)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of reasons and messages")
    p.add_argument("--work-limit", type=float, default=None, metavar="W",
                   help="work each solve of the exact pass may do when the fast pass leaves sittings unplaced, in "
                        "OR-Tools deterministic seconds (default 5); the same plan on any machine")
    p.add_argument("--time-limit", type=float, default=None, metavar="S",
                   help="wall-clock seconds after which a solve stops whatever its work (default 120): a safety "
                        "net, an answer it cuts short may differ between machines")
    p.add_argument("--no-exact", action="store_true", help="fast pass only: no proof of the fewest unplaced")
    p.set_defaults(handler=run_plan)

    c = subparsers.add_parser("check-plan", help="check a plan (possibly edited by hand) against the rules",
                              description="按同一套规则检查编排结果；有违规时退出码为 1，无违规但有未安排考生时为 3。")
    c.add_argument("plan", metavar="PLAN.json")
    c.add_argument("scenario", metavar="SCENARIO.json")
    c.add_argument("--format", choices=("json", "table"), default="json")
    c.add_argument("--lang", choices=("zh", "en"), default="zh")
    c.set_defaults(handler=run_check)

    r = subparsers.add_parser("replan", help="re-plan after a change (walk-in, sick staff, lost room), moving as little as possible",
                              description="情况变化后重新编排（临时加入考生、人员缺席、考场不可用），尽量少改动并列出全部变动。")
    r.add_argument("plan", metavar="PLAN.json", help="the plan in force")
    r.add_argument("scenario", metavar="SCENARIO.json", help="the scenario as it is now")
    r.add_argument("--lost-room", action="append", default=[], metavar="ROOM", help="a room that can no longer be used (repeatable)")
    r.add_argument("--seed", type=int, metavar="N")
    r.add_argument("--format", choices=("json", "table"), default="json")
    r.add_argument("--lang", choices=("zh", "en"), default="zh")
    r.set_defaults(handler=run_replan)


#: the two files the commands read, named in each language
_FILES = {"scenario": ("编排场景", "scenario"), "plan": ("编排方案", "plan")}


def _refused(args, what: str, path: str, exc) -> CommandError:
    """A scenario's or plan's ``ScenarioError`` (field, code, parameters) worded in the command's language:
    「编排场景 s.json：rooms[0].kind：未知的考场类型…」 / "scenario s.json: rooms[0].kind: unknown room kind …"."""
    from eligibility_desk.cli.output import language
    from eligibility_desk.domain.text_policy import visible

    zh, en = _FILES[what]
    lang = language(args)
    path = _visible(path)
    field = visible(exc.field, 120)
    reason = exc.message(lang)
    if lang == "en":
        return CommandError(f"{en} {path}: {field}: {reason}" if field else f"{en} {path}: {reason}")
    return CommandError(f"{zh} {path}：{field}：{reason}" if field else f"{zh} {path}：{reason}")


def _load_json(args, path: str, what: str):
    from eligibility_desk.cli.output import say
    from eligibility_desk.domain.interchange_keys import RepeatedKey, strict_pairs

    zh, en = _FILES[what]
    try:
        if path == "-":
            return json.load(sys.stdin, object_pairs_hook=strict_pairs)
        with open(path, "rb") as fh:
            return json.loads(fh.read(), object_pairs_hook=strict_pairs)   # a key given twice: refused
    except OSError as exc:
        raise CommandError(say(args, "无法读取{name_zh} {path}：{reason}", "cannot read {name_en} {path}: {reason}",
                               name_zh=zh, name_en=en, path=_visible(path), reason=exc.strerror or exc)) from None
    except RepeatedKey as exc:
        raise CommandError(say(args, "{name_zh} {path}：「{key}」在同一对象中出现了 {count} 次",
                               "{name_en} {path}: the key '{key}' is given {count} times in one object",
                               name_zh=zh, name_en=en, path=_visible(path), key=exc.key, count=exc.count)) from None
    except json.JSONDecodeError as exc:
        raise CommandError(say(args, "{name_zh} {path} 不是有效的 JSON（第 {line} 行第 {column} 列：{msg}）",
                               "{name_en} {path} is not valid JSON: {detail}", name_zh=zh, name_en=en, path=_visible(path),
                               line=exc.lineno, column=exc.colno, msg=exc.msg, detail=exc)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CommandError(say(args, "{name_zh} {path} 不是有效的 JSON（{detail}）", "{name_en} {path} is not valid JSON: {detail}",
                               name_zh=zh, name_en=en, path=_visible(path), detail=exc)) from None


def _load_scenario(args, path: str):
    from eligibility_desk.cli.output import rules_refusal, say
    from eligibility_desk.planning import PlanningRules, ScenarioError, parse_scenario
    from eligibility_desk.planning.rules import PlanningRulesError
    from eligibility_desk.rules_engine import NoRuleVersionError, RuleFileError, RuleLibrary

    data = _load_json(args, path, "scenario")
    code = data.get("standard") if isinstance(data, dict) else None
    if not code:
        raise CommandError(say(args, "编排场景 {path}：standard：必填项缺失（应为标准代码，如 \"4-07-02-06\"）",
                               "scenario {path}: standard: missing (e.g. \"4-07-02-06\")", path=_visible(path)))
    try:
        rules = PlanningRules.from_standard(RuleLibrary.load(getattr(args, "rules", None)).get(str(code)))
    except (RuleFileError, NoRuleVersionError) as exc:
        raise CommandError(rules_refusal(exc, args)) from None
    except PlanningRulesError as exc:
        raise CommandError(say(args, "标准 {code} 的规则不能用于编排：{reason}", "{reason}", code=code,
                               reason=rules_refusal(exc, args))) from None
    try:
        return parse_scenario(data, rules), rules
    except ScenarioError as exc:
        raise _refused(args, "scenario", path, exc) from None


def _visible(path: str) -> str:
    """A file name as a refusal shows it: control and invisible characters made visible, at most 200."""
    from eligibility_desk.domain.text_policy import visible

    return visible(path, 200)


def _calendar(args):
    """rules/calendar/*.yaml: sessions on statutory holidays are warned about."""
    from eligibility_desk.scoring.workdays import CalendarError, WorkCalendar

    try:
        return WorkCalendar.load(getattr(args, "rules", None))
    except CalendarError as exc:
        from eligibility_desk.cli.output import say

        raise CommandError(say(args, "rules/calendar：工作日历文件有误：{zh}", "rules/calendar: {en}",
                               zh=exc.message("zh"), en=exc.message("en"))) from None


def _load_plan(args, path: str):
    from eligibility_desk.planning import ScenarioError, plan_from_json

    try:
        return plan_from_json(_load_json(args, path, "plan"))
    except ScenarioError as exc:
        raise _refused(args, "plan", path, exc) from None


def run_plan(args: argparse.Namespace) -> int:
    from datetime import datetime

    from eligibility_desk.cli.output import say
    from eligibility_desk.planning import PlanChecker, plan_sessions
    from eligibility_desk.planning.planner import AdmissionNumberClash

    scenario, rules = _load_scenario(args, args.scenario)
    now = None
    if args.time:
        try:
            now = datetime.fromisoformat(args.time)
        except ValueError:
            raise CommandError(say(args, "--time：「{time}」不是 2025-10-18T08:00 这样的时间",
                                   "--time: not a time like 2025-10-18T08:00: {time}", time=args.time)) from None
    try:
        extra = {name: value for name, value in (("work_limit", args.work_limit), ("time_limit", args.time_limit))
                 if value is not None}
        plan = plan_sessions(scenario, rules, seed=args.seed, operator=args.operator, now=now,
                             exact=not args.no_exact, **extra)
    except AdmissionNumberClash as exc:
        raise _refused(args, "scenario", args.scenario, exc) from None
    found = PlanChecker(scenario, rules, _calendar(args)).check(plan)
    if args.xlsx:
        from eligibility_desk.planning.xlsx_export import write_plan_xlsx
        try:
            write_plan_xlsx(plan, scenario, rules, args.xlsx, lang=args.lang)
        except OSError as exc:
            raise CommandError(say(args, "无法写入 {path}：{reason}", "cannot write {path}: {reason}", path=args.xlsx,
                                   reason=exc.strerror or exc)) from None
    _emit(args, plan, scenario, found)
    return exit_status(plan, found)


def exit_status(plan, found) -> int:
    """0 complete and valid; 1 a hard violation; 3 valid but with unplaced sittings."""
    if any(v.hard for v in found):
        return 1
    return 3 if plan.unplaced else 0


def run_check(args: argparse.Namespace) -> int:
    from eligibility_desk.planning import PlanChecker

    scenario, rules = _load_scenario(args, args.scenario)
    plan = _load_plan(args, args.plan)
    found = PlanChecker(scenario, rules, _calendar(args)).check(plan)
    hard = [v for v in found if v.hard]
    from eligibility_desk.planning.wording import optimality_text, unplaced_text

    bound = optimality_text(plan.record, len(plan.unplaced), args.lang)
    if args.format == "json":
        from eligibility_desk.planning.plan import violation_json
        _print_json({"violations": [violation_json(v, args.lang) for v in hard],
                     "warnings": [violation_json(v, args.lang) for v in found if not v.hard],
                     "unplaced": [{"candidate": u.candidate, "part": u.part, "reason": unplaced_text(u, args.lang)}
                                  for u in plan.unplaced],
                     "optimality": bound})
    else:
        _print_violations(found, args.lang)
        for u in plan.unplaced:
            print(f"{'未安排' if args.lang != 'en' else 'unplaced'}\t{u.candidate}\t{unplaced_text(u, args.lang)}")
        if args.lang == "en":
            print(f"{len(hard)} violation(s), {len(found) - len(hard)} warning(s), {len(plan.unplaced)} unplaced; {bound}")
        else:
            print(f"违规 {len(hard)} 处，提示 {len(found) - len(hard)} 处，未安排 {len(plan.unplaced)}；{bound}")
    return exit_status(plan, found)


def run_replan(args: argparse.Namespace) -> int:
    from eligibility_desk.planning import PlanChecker
    from eligibility_desk.planning.replan import replan

    scenario, rules = _load_scenario(args, args.scenario)
    previous = _load_plan(args, args.plan)
    result = replan(previous, scenario, rules, lost_rooms=args.lost_room, seed=args.seed)
    found = PlanChecker(scenario, rules, _calendar(args)).check(result.plan)
    _emit(args, result.plan, scenario, found, moves=result.moves)
    return exit_status(result.plan, found)


def _emit(args, plan, scenario, found, moves=None) -> None:
    from eligibility_desk.planning import plan_to_json

    hard = [v for v in found if v.hard]
    soft = [v for v in found if not v.hard]
    if args.format == "json":
        _print_json(plan_to_json(plan, violations=hard, warnings=soft, moves=moves, lang=args.lang))
    else:
        _print_table(plan, scenario, found, moves, args.lang)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _print_table(plan, scenario, found, moves, lang: str) -> None:
    from eligibility_desk.planning import wording

    rooms = scenario.room_map()
    zh = lang != "en"
    head = ("考场号", "时间", "考场", "科目", "等级", "人数", "工作人员") if zh else ("no", "time", "room", "part", "level", "seated", "staff")
    print("\t".join(head))
    for s in plan.sessions:
        room = rooms[s.room].name if s.room in rooms else s.room
        when = f"{s.start:%m-%d %H:%M}-{s.end:%H:%M}"
        staff = ",".join(("*" + x) if x == s.chief else x for x in s.staff)
        print("\t".join([str(s.number), when, room, wording.part_name(s.part, lang), s.level, str(len(s.seats)), staff]))
    seated = sum(len(s.seats) for s in plan.sessions)
    bound = wording.optimality_text(plan.record, len(plan.unplaced), lang)
    print(f"{len(plan.sessions)} 场次，{seated} 人次，未安排 {len(plan.unplaced)}（{bound}）；随机种子 {plan.seed}" if zh else
          f"{len(plan.sessions)} sessions, {seated} seats, {len(plan.unplaced)} unplaced ({bound}); seed {plan.seed}")
    for u in plan.unplaced:
        print(f"{'未安排' if zh else 'unplaced'}\t{u.candidate}\t{wording.unplaced_text(u, lang)}")
    for m in moves or ():
        print(f"{'变动' if zh else 'moved'}\t{wording.move_text(m, lang)}")
    _print_violations(found, lang)


def _print_violations(found, lang: str) -> None:
    from eligibility_desk.planning import wording

    for v in found:
        label = ("违规" if v.hard else "提示") if lang != "en" else ("violation" if v.hard else "warning")
        print(f"{label}\t{v.code}\t{v.rule}\t{v.session or '-'}\t{','.join(v.people)}\t{wording.violation_text(v, lang)}")
