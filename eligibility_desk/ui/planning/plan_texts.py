"""The words of a stored plan in the 编排 workspace: the 定稿 question, a re-plan's moves and the unplaced
sittings' reasons (the core words them: :mod:`eligibility_desk.planning.wording`).

Functions, not a Qt class; the strings are in the workspace's translation context ("PlanningWorkspace")."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from eligibility_desk.planning import wording


def finalise_question(shown, lang: str) -> str:
    """定稿 asks first, naming what the plan leaves out: the unplaced sittings, the warnings and the
    candidates who get no 准考证 (seated nowhere)."""
    stored, scenario, plan = shown.stored, shown.scenario, shown.plan
    names = {c.id: c.name for c in scenario.candidates}

    def who(cid: str) -> str:
        name = names.get(cid, "")
        return f"{name}（{cid}）" if name and name != cid else cid

    lines = [QCoreApplication.translate("PlanningWorkspace", "将第 {n} 版编排定稿？定稿后按此打印准考证、门贴和签到表。").format(
        n=stored.number)]
    unplaced = stored.plan_json.get("unplaced") or []
    if unplaced:
        lines.append(QCoreApplication.translate("PlanningWorkspace", "未安排 {n} 人次：").format(n=len(unplaced)))
        lines += [f"  {who(str(u.get('candidate')))} {unplaced_text(u, lang)}" for u in unplaced[:8]]
        if len(unplaced) > 8:
            lines.append(QCoreApplication.translate("PlanningWorkspace", "  …等共 {n} 人次").format(n=len(unplaced)))
    else:
        lines.append(QCoreApplication.translate("PlanningWorkspace", "全部考生均已安排。"))
    bound = (stored.plan_json.get("record") or {}).get("optimality")
    if unplaced and bound:
        lines.append(wording.optimality_text(stored.plan_json.get("record"), len(unplaced), lang))
    warnings = stored.plan_json.get("warnings") or []
    lines.append(QCoreApplication.translate("PlanningWorkspace", "违规 0 处，提示 {n} 处。").format(n=len(warnings)))
    missing = plan.without_seat([c.id for c in scenario.candidates])
    if missing:
        listed = "、".join(who(cid) for cid in missing[:8]) + ("…" if len(missing) > 8 else "")
        lines.append(QCoreApplication.translate("PlanningWorkspace", "{n} 名考生没有任何场次，不会打印准考证：{who}").format(
            n=len(missing), who=listed))
    return "\n".join(lines)


def move_text(move: dict, lang: str) -> str:
    """A move of the stored plan JSON, worded by the core in the interface language."""
    return wording.move_text(SimpleNamespace(kind=move.get("kind"), id=move.get("id"), part=move.get("part"),
                                             from_session=move.get("from"), to_session=move.get("to"),
                                             detail=move.get("detail") or {}), lang)


def unplaced_text(item: dict, lang: str) -> str:
    """An unplaced sitting's reason from the stored plan JSON (its code and parameters; an old plan's text)."""
    if not item.get("code"):
        return str(item.get("reason") or "")
    return wording.unplaced_text(SimpleNamespace(code=item["code"], part=item.get("part"),
                                                 params=item.get("params") or {}), lang)
