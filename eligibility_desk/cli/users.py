"""``eligibility-desk users …``: accounts and roles (issue 14; docs/accounts.md).

    eligibility-desk users add wangmin --display 王敏 --roles clerk          # first on an empty database: the admin
    eligibility-desk users add wangmin --display 王敏 --os-login             # … choosing "this computer's login"
    eligibility-desk users add lisi --display 李四 --roles recorder --user wangmin
    eligibility-desk users list --user wangmin
    eligibility-desk users passwd lisi --user wangmin                      # own: old password; admin: a reset
    eligibility-desk users roles lisi recorder,supervisor --user wangmin
    eligibility-desk users disable|enable|unlock lisi --user wangmin

The acting account signs in like every database command (``--user`` and ``$ELIGIBILITY_DESK_PASSWORD`` or a
prompt).  A new password comes from ``$ELIGIBILITY_DESK_NEW_PASSWORD`` or is typed twice at a prompt.
"""

from __future__ import annotations

import argparse

from eligibility_desk.cli import CommandError


def register(subparsers) -> None:
    from eligibility_desk.cli.common import add_user_option
    from eligibility_desk.cli.output import add_output_options

    p = subparsers.add_parser("users", help="accounts and roles: add, list, passwd, roles, disable, enable, unlock",
                              description="账户与角色（管理员）。空数据库上的第一个 users add 创建管理员账户。")
    sub = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    s = sub.add_parser("add", help="add an account (on an empty database: the first administrator)")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--display", metavar="TEXT", default="", help="the name shown to people (default: NAME)")
    s.add_argument("--roles", metavar="ROLES", default="",
                   help="comma-separated: admin, clerk, supervisor, planner, recorder, viewer")
    s.add_argument("--os-login", action="store_true",
                   help="first run only: this computer's login name is the account (no passwords; one-desk centres)")
    s.set_defaults(handler=run_add)

    s = sub.add_parser("list", help="the accounts, their roles and state, and the login mode")
    s.set_defaults(handler=run_list)

    s = sub.add_parser("passwd", help="change your password, or (admin) reset another account's")
    s.add_argument("name", metavar="NAME")
    s.set_defaults(handler=run_passwd)

    s = sub.add_parser("roles", help="set an account's roles (replaces them)")
    s.add_argument("name", metavar="NAME")
    s.add_argument("roles", metavar="ROLES")
    s.set_defaults(handler=run_roles)

    for action, text in (("disable", "stop an account signing in (its audit rows stay)"),
                         ("enable", "let a disabled account sign in again"),
                         ("unlock", "lift a lockout after wrong passwords")):
        s = sub.add_parser(action, help=text)
        s.add_argument("name", metavar="NAME")
        s.set_defaults(handler=run_simple, users_action=action)

    s = sub.add_parser("recover", help="break-glass: make NAME an administrator with a new password (audited; "
                                       "for a centre whose only administrator forgot it)")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    s.set_defaults(handler=run_recover)

    for s in sub.choices.values():
        if s.get_default("handler") is not run_recover:
            add_user_option(s)
        add_output_options(s)


def _roles(text: str):
    from eligibility_desk.domain.roles import parse_roles

    try:
        return parse_roles(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def _role_words(roles) -> dict[str, str]:
    """``roles`` (Chinese labels) and ``roles_en`` (role names) for a summary sentence."""
    from eligibility_desk.domain.roles import role_label

    ordered = sorted(roles)
    return {"roles": "、".join(role_label(r) for r in ordered), "roles_en": ", ".join(r.value for r in ordered)}


def _new_password(name: str) -> str:
    from eligibility_desk.cli.common import NEW_PASSWORD_ENV, read_password

    return read_password(f"账户 {name} 的新密码 new password: ", env=NEW_PASSWORD_ENV, confirm=True)


def _signed_in(args):
    """(database, accounts service, actor)."""
    from eligibility_desk.cli.common import open_db, sign_in
    from eligibility_desk.services.accounts import AccountService

    db = open_db(args)
    try:
        return db, AccountService(db), sign_in(args, db)
    except BaseException:
        db.close()
        raise


def run_add(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.common import PASSWORD_ENV, open_db, read_password
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.services.accounts import AccountService, login_mode_label

    roles = _roles(args.roles)
    db = open_db(args)
    try:
        accounts = AccountService(db)
        if not accounts.has_accounts():       # first run: this account is the administrator
            password = None if args.os_login else read_password(
                f"管理员账户 {args.name} 的密码 password: ", env=PASSWORD_ENV, confirm=True)
            actor = accounts.create_first_admin(args.name, args.display, password, args.os_login, roles)
            mode = accounts.login_mode()
            text = say(args, "已创建管理员账户 {name}（角色：{roles}）；登录方式：{mode}。",
                       "Created the administrator {name} (roles: {roles_en}); sign-in: {mode_en}.",
                       name=actor.name, **_role_words(actor.roles),
                       mode=login_mode_label(mode), mode_en=login_mode_label(mode, "en"))
            emit(args, {"name": actor.name, "roles": sorted(r.value for r in actor.roles), "login_mode": mode,
                        "first_admin": True}, text)
            return 0
        if args.os_login:
            raise CommandError("--os-login 只能在第一次创建账户时选择 (the login mode is chosen once, at first run)")
    finally:
        db.close()
    db, accounts, actor = _signed_in(args)
    try:
        if not roles:
            raise CommandError("需要 --roles (at least one role)")
        from eligibility_desk.services.accounts import PASSWORD_MODE, require
        from eligibility_desk.domain.roles import Role

        require(actor, Role.ADMIN, action="添加账户")
        password = _new_password(args.name) if accounts.login_mode() == PASSWORD_MODE else None
        added = accounts.add_account(actor, args.name, args.display, roles, password)
    finally:
        db.close()
    emit(args, {"name": added.name, "roles": sorted(r.value for r in added.roles)},
         say(args, "已添加账户 {name}（角色：{roles}）。", "Added account {name} (roles: {roles_en}).", name=added.name,
             **_role_words(added.roles)))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.output import emit, language, say
    from eligibility_desk.domain.roles import role_label
    from eligibility_desk.persistence.models import utcnow
    from eligibility_desk.services.accounts import login_mode_label

    db, accounts, actor = _signed_in(args)
    try:
        mode = accounts.login_mode()
        rows = accounts.list_accounts(actor)
    finally:
        db.close()
    lang = language(args)
    now = utcnow()
    lines = [say(args, "登录方式：{mode}", "Sign-in: {mode}", mode=login_mode_label(mode, lang))]
    for info in rows:
        state = []
        if not info.active:
            state.append(say(args, "已停用", "disabled"))
        if info.locked_until is not None and info.locked_until > now:
            state.append(say(args, "锁定至 {t} UTC", "locked until {t} UTC", t=f"{info.locked_until:%H:%M}"))
        roles = ("、" if lang == "zh" else ", ").join(role_label(r, lang) for r in sorted(info.roles))
        lines.append(f"{info.name}\t{info.display_name}\t{roles}\t{' '.join(state)}".rstrip())
    data = {"login_mode": mode, "accounts": [
        {"name": i.name, "display_name": i.display_name, "roles": sorted(r.value for r in i.roles),
         "active": i.active, "locked_until": i.locked_until.isoformat() if i.locked_until else None}
        for i in rows]}
    emit(args, data, "\n".join(lines))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.common import PASSWORD_ENV, read_password
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.services.accounts import OS_MODE

    db, accounts, actor = _signed_in(args)
    try:
        own = actor.name == args.name
        old = None
        if own and accounts.login_mode() != OS_MODE:   # signed in with it just now: the same password
            old = read_password(f"账户 {actor.name} 的密码 password: ", env=PASSWORD_ENV)
        accounts.change_password(actor, args.name, old, _new_password(args.name))
    finally:
        db.close()
    emit(args, {"name": args.name, "changed": True},
         say(args, "已更改账户 {name} 的密码。", "The password of {name} was changed.", name=args.name))
    return 0


def run_roles(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.output import emit, say

    roles = _roles(args.roles)
    db, accounts, actor = _signed_in(args)
    try:
        changed = accounts.set_roles(actor, args.name, roles)
    finally:
        db.close()
    emit(args, {"name": changed.name, "roles": sorted(r.value for r in changed.roles)},
         say(args, "账户 {name} 的角色：{roles}", "Roles of {name}: {roles_en}", name=changed.name,
             **_role_words(changed.roles)))
    return 0


def run_simple(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.output import emit, say

    db, accounts, actor = _signed_in(args)
    try:
        if args.users_action == "unlock":
            accounts.unlock(actor, args.name)
        else:
            accounts.set_active(actor, args.name, args.users_action == "enable")
    finally:
        db.close()
    zh = {"disable": "已停用", "enable": "已启用", "unlock": "已解锁"}[args.users_action]
    en = {"disable": "disabled", "enable": "enabled", "unlock": "unlocked"}[args.users_action]
    emit(args, {"name": args.name, "action": args.users_action},
         say(args, "账户 {name} {done}。", "Account {name} {done_en}.", name=args.name, done=zh, done_en=en))
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """No account signs in (the one who could is locked out); the audit row names this computer's login."""
    import sys

    from eligibility_desk.cli.common import open_db
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.services.accounts import OS_MODE, AccountService, recover_admin
    from eligibility_desk.services.records.desk import login_name

    db = open_db(args)
    try:
        if not args.yes:
            if not sys.stdin.isatty():
                raise CommandError(say(args, "需要确认：请在终端中运行，或加 --yes。", "confirmation needed: run in a terminal or add --yes."))
            question = say(args, "将把账户 {name} 设为管理员并重设其密码（记入审计，操作者：本机登录名 {me}）。输入 yes 确认：",
                           "Make {name} an administrator with a new password (audited as {me})? Type yes to confirm: ",
                           name=args.name, me=login_name())
            if input(question).strip().lower() not in ("yes", "y", "是"):
                raise CommandError(say(args, "已取消。", "cancelled."), 1)
        password = None if AccountService(db).login_mode() == OS_MODE else _new_password(args.name)
        actor = recover_admin(db, args.name, password, login_name())
    finally:
        db.close()
    emit(args, {"name": actor.name, "recovered": True},
         say(args, "账户 {name} 已恢复为管理员（审计记录：recover）。", "{name} is an administrator again (audited: recover).",
             name=actor.name))
    return 0
