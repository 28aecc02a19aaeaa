"""The refusals of :mod:`eligibility_desk.services.accounts` (issue 14), each with a Chinese ``str()`` and
``.message(lang)``: :class:`PermissionDenied` (a missing role, or a duty the separation of duties forbids),
:class:`AuthenticationFailed` (sign-in refused), :class:`AccountError` (an account request that cannot be done).
Import them from :mod:`.accounts`; they live here to keep that module small."""

from __future__ import annotations

from typing import Iterable

from eligibility_desk.domain.roles import Actor, Role, role_label

#: wrong passwords in a row that lock an account (for services.accounts.LOCKOUT_MINUTES); the messages quote it
LOCKOUT_FAILURES = 5
#: the shortest password accepted (a passphrase is better; nothing else is imposed)
MIN_PASSWORD_LENGTH = 8
#: the login modes (docs/accounts.md): every account has a password / this computer's login is the account
PASSWORD_MODE = "password"
OS_MODE = "os"


def _roles_text(roles: Iterable[Role], lang: str) -> str:
    labels = [role_label(r, lang) for r in roles]
    if lang.startswith("en"):
        return " or ".join(f'"{label}"' for label in labels)
    return "或".join(f"“{label}”" for label in labels)


class PermissionDenied(Exception):
    """The actor lacks the role an action needs, or the action is one the separation of duties forbids it
    (``reason``: ``"own_decision"``, ``"own_score"``, …).  ``str()`` is the Chinese message."""

    _REASONS = {
        "own_decision": ("复核人不能复核自己作出的决定：审核结果 #{result} 的当前决定由账户 {user} 作出，须由另一位复核人复核",
                         "a supervisor cannot review their own decision: the current decision on result #{result} was "
                         "made by {user}; another supervisor must review it"),
        "own_score": ("不能更正自己录入的成绩：成绩表 #{sheet} 座号 {seat} 的成绩由账户 {user} 录入，须由另一位复核人更正",
                      "you cannot correct a score you entered: sheet #{sheet} seat {seat} was entered by {user}; "
                      "another supervisor must correct it"),
        "same_account": ("两次录入须由两个不同的账户完成：账户 {user} 已作为第 {recorder} 录入人录入本表",
                         "the two entries must come from two different accounts: {user} already entered this sheet "
                         "as recorder {recorder}"),
        "last_admin": ("不能停用或撤销最后一位管理员（账户 {user}）：请先为另一账户授予“管理员”角色",
                       "cannot disable or demote the last administrator ({user}): give another account the "
                       "administrator role first"),
        "not_signed_in": ("尚未登录：请先以账户登录后再{action}", "not signed in: sign in with an account to {action}"),
    }

    def __init__(self, actor: Actor | None, roles: Iterable[Role] = (), action: str = "", reason: str | None = None,
                 **params):
        self.actor = actor
        self.roles = tuple(Role(r) for r in roles)
        self.action = action
        self.reason = reason
        self.params = params
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        en = lang.startswith("en")
        name = self.actor.name if self.actor is not None else ""
        if self.reason is not None:
            template = self._REASONS[self.reason][1 if en else 0]
            return template.format(**{"user": name, "action": self.action, "subject": "", **self.params})
        if en:
            doing = f" ({self.action})" if self.action else ""
            return f"this action{doing} needs the {_roles_text(self.roles, 'en')} role; account {name} does not have it"
        doing = f"（{self.action}）" if self.action else ""
        return f"此操作{doing}需要{_roles_text(self.roles, 'zh')}角色，当前账户 {name} 没有"


class AuthenticationFailed(Exception):
    """Sign-in refused.  ``code``: ``"bad"`` (unknown name or wrong password — one message for both), ``"locked"``
    (``minutes`` left), ``"disabled"``, ``"no_accounts"``, ``"wrong_mode"``.  ``str()`` is the Chinese message."""

    _TEXT = {
        "bad": ("账户名或密码不正确", "wrong account name or password"),
        "locked": ("账户 {name} 因连续 {failures} 次密码错误已被锁定，请约 {minutes} 分钟后再试，或请管理员解锁",
                   "account {name} is locked after {failures} wrong passwords; try again in about {minutes} "
                   "minute(s) or ask an administrator to unlock it"),
        "disabled": ("账户 {name} 已停用，请联系管理员", "account {name} is disabled; ask an administrator"),
        "no_accounts": ("数据库中还没有账户：请先创建第一个管理员账户（eligibility-desk users add）",
                        "the database has no accounts yet: create the first administrator (eligibility-desk users add)"),
        "wrong_mode": ("本中心的登录方式为“{mode}”，不能以这种方式登录", "this centre signs in by {mode}, not this way"),
    }

    def __init__(self, code: str = "bad", **params):
        self.code = code
        self.params = params
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        en = lang.startswith("en")
        params = dict(self.params)
        if "mode" in params:
            params["mode"] = login_mode_label(params["mode"], lang)
        return self._TEXT[self.code][1 if en else 0].format(failures=LOCKOUT_FAILURES, **params)


class AccountError(ValueError):
    """An account request that cannot be done as asked (bad name, duplicate, short password, unknown account, …).
    ``str()`` is the Chinese message."""

    _TEXT = {
        "name_required": ("账户名不能为空，且不能含空白或控制字符", "the account name is required and may not contain spaces"),
        "duplicate": ("账户 {name} 已存在", "account {name} already exists"),
        "unknown": ("没有账户 {name}", "there is no account {name}"),
        "password_short": ("密码至少需要 {min} 个字符", "the password needs at least {min} characters"),
        "password_required": ("本中心以密码登录：新账户须设置密码", "this centre signs in with passwords: the account needs one"),
        "old_password": ("原密码不正确", "the old password is wrong"),
        "roles_required": ("至少需要一个角色", "at least one role is needed"),
        "already_set_up": ("数据库已有账户：第一个管理员只能在空数据库上创建", "the database already has accounts"),
        "bad_mode": ("未知的登录方式 {mode}", "unknown login mode {mode}"),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        return self._TEXT[self.code][1 if lang.startswith("en") else 0].format(min=MIN_PASSWORD_LENGTH, **self.params)


def login_mode_label(mode: str, lang: str = "zh") -> str:
    labels = {PASSWORD_MODE: ("账户密码", "account and password"), OS_MODE: ("本机登录名即账户", "this computer's login")}
    zh, en = labels.get(mode, (mode, mode))
    return en if lang.startswith("en") else zh
