"""Words shared by the account dialogs: role names, a refusal as text, the password strength hint."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eligibility_desk.domain.roles import Role, role_label

#: the roles in the order the dialogs list them
ROLES = (Role.ADMIN, Role.CLERK, Role.SUPERVISOR, Role.PLANNER, Role.RECORDER, Role.VIEWER)


def roles_text(roles, lang: str = "zh") -> str:
    """``管理员、审核员`` in the dialogs' order; ``（无角色）`` when there is none."""
    names = [role_label(role, lang) for role in ROLES if role in set(roles)]
    return ("、" if not lang.startswith("en") else ", ").join(names) if names else QCoreApplication.translate("AccountTexts", "（无角色）")


def error_text(exc: BaseException, lang: str = "zh") -> str:
    """What a refusal says: the services' own words (PermissionDenied, AuthenticationFailed, AccountError),
    never a traceback."""
    from eligibility_desk.ui.common.refusal_text import refusal_text

    return refusal_text(exc, lang)


def strength_hint(password: str) -> tuple[int, str]:
    """(0 weak … 2 strong, the hint shown under the password): length and the kinds of characters used.  Only
    a hint — the account service decides what it accepts."""
    from eligibility_desk.services.accounts import MIN_PASSWORD_LENGTH

    kinds = sum(any(test(c) for c in password) for test in (str.islower, str.isupper, str.isdigit,
                                                            lambda c: not c.isalnum()))
    if len(password) < MIN_PASSWORD_LENGTH:
        return 0, QCoreApplication.translate("AccountTexts", "太短：至少 {n} 个字符").format(n=MIN_PASSWORD_LENGTH)
    if kinds < 2:
        return 0, QCoreApplication.translate("AccountTexts", "弱：请混用字母、数字或符号")
    if len(password) < 12 or kinds < 3:
        return 1, QCoreApplication.translate("AccountTexts", "中：再长一些（12 个字符以上）或多用一种字符会更安全")
    return 2, QCoreApplication.translate("AccountTexts", "强")
