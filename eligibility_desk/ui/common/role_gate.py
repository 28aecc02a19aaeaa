"""What the logged-in account's roles allow, as the window shows it: an action or button the account may not
use is disabled and its tooltip / status tip names the missing role — the same words the services use when
they refuse (:class:`~eligibility_desk.services.accounts.PermissionDenied`), since the services check anyway.

The roles each window action needs are listed here, once (docs/accounts.md has the table the services follow).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eligibility_desk.domain.roles import Role, role_label

#: window action / workspace button → the roles that may use it (any one of them)
NEEDS: dict[str, tuple[Role, ...]] = {
    # 审核: import, edit applicants, screen, decide
    "import": (Role.CLERK,), "new_batch": (Role.CLERK,), "new_applicant": (Role.CLERK,), "save": (Role.CLERK,),
    "screen": (Role.CLERK,), "import_photos": (Role.CLERK,), "decide": (Role.CLERK, Role.SUPERVISOR),
    # 编排 and 打印
    "resources": (Role.PLANNER,), "plan": (Role.PLANNER,), "print": (Role.PLANNER,),
    # 成绩: entry by recorders; lock, corrections after the lock and publication by supervisors
    "enter_scores": (Role.RECORDER,), "import_scores": (Role.RECORDER,), "lock": (Role.SUPERVISOR,),
    "correct": (Role.SUPERVISOR,), "publish": (Role.SUPERVISOR,), "request_recheck": (Role.CLERK, Role.SUPERVISOR),
}


def missing(actor, key: str, lang: str = "zh") -> str:
    """'' when ``actor`` may do ``key``; else the reason, naming the role(s) it lacks."""
    roles = NEEDS.get(key, ())
    if not roles or (actor is not None and any(actor.has(r) for r in roles)):
        return ""
    names = QCoreApplication.translate("RoleGate", "或").join(f"“{role_label(r, lang)}”" for r in roles)
    if actor is None:
        return QCoreApplication.translate("RoleGate", "尚未登录")
    return QCoreApplication.translate("RoleGate", "此操作需要{roles}角色，当前账户 {name} 没有").format(
        roles=names, name=actor.name)


def allows(actor, key: str) -> bool:
    return not missing(actor, key)


def gate(widget, actor, key: str, tip: str = "", lang: str = "zh") -> bool:
    """Enable ``widget`` (a button or action) only when ``actor`` may do ``key``; its tooltip says why not.
    Returns whether it is allowed (the caller may still disable it for other reasons)."""
    reason = missing(actor, key, lang)
    base = tip or (widget.text() if hasattr(widget, "text") else "")
    text = base if not reason else (f"{base} — {reason}" if base else reason)
    widget.setToolTip(text)
    if hasattr(widget, "setStatusTip"):
        widget.setStatusTip(text)
    if reason:
        widget.setEnabled(False)
    return not reason
