"""Backup and restore on the command line (issue 14; docs/accounts.md, Backups).

    eligibility-desk backup [--out FILE]      # SQLite: online backup; PostgreSQL: pg_dump --format=custom
    eligibility-desk restore FILE [--yes]     # refuses a backup from a newer app; asks before overwriting
"""

from __future__ import annotations

import argparse
import sys

from eligibility_desk.cli import CommandError


def register(subparsers) -> None:
    from eligibility_desk.cli.output import add_output_options

    p = subparsers.add_parser("backup", help="back up the whole database to a file",
                              description="备份整个数据库（SQLite：在线备份；PostgreSQL：pg_dump）。")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: backups/ in the user data folder)")
    from eligibility_desk.cli.common import add_user_option
    add_user_option(p)
    add_output_options(p)
    p.set_defaults(handler=run_backup)

    p = subparsers.add_parser("restore", help="replace the database with a backup (asks first)",
                              description="用备份文件替换当前数据库的全部内容（先确认；较新版本程序的备份会被拒绝）。")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    from eligibility_desk.cli.common import add_user_option
    add_user_option(p)
    add_output_options(p)
    p.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.common import open_desk
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.persistence.backup import BackupError, backup, default_name
    from eligibility_desk.services.backups import backup_folder

    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import require

    with open_desk(args) as desk:
        require(desk.actor, Role.ADMIN, action="备份数据库")
        out = args.out or backup_folder() / default_name(desk.db)
        try:
            path = backup(desk.db, out)
        except BackupError as exc:
            raise CommandError(str(exc), 1) from None
        desk.record_export("database", None, str(path), "backup")
    emit(args, {"backup": str(path)}, say(args, "已备份到：{path}", "Backed up to: {path}", path=path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from eligibility_desk.cli.output import emit, say
    from eligibility_desk.persistence.backup import BackupError, check_restorable, restore
    from eligibility_desk.persistence.migrate import alembic_config, known_revisions

    from eligibility_desk.cli.common import open_db, sign_in
    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import AccountService, require
    from eligibility_desk.services.records.desk import Desk

    db = open_db(args)
    try:
        # a database with accounts: an administrator restores it; an empty (new, wiped) one has nobody to ask
        actor = require(sign_in(args, db), Role.ADMIN, action="恢复数据库") if AccountService(db).has_accounts() else None
    except BaseException:
        db.close()
        raise
    with Desk(db, actor) as desk:
        try:
            revision = check_restorable(desk.db, args.file, known_revisions(alembic_config(desk.db)))
        except BackupError as exc:
            raise CommandError(str(exc), 1) from None
        if not args.yes:
            question = say(args, "将用备份 {file}（数据库版本 {rev}）替换 {url} 的全部内容。输入 yes 确认：",
                           "Replace everything in {url} with the backup {file} (schema {rev})? Type yes to confirm: ",
                           file=args.file, rev=revision, url=desk.url)
            if not sys.stdin.isatty():
                raise CommandError(say(args, "需要确认：请在终端中运行，或加 --yes。", "confirmation needed: run in a terminal or add --yes."))
            if input(question).strip().lower() not in ("yes", "y", "是"):
                raise CommandError(say(args, "已取消，数据库未改动。", "cancelled; the database is unchanged."), 1)
        try:
            saved = restore(desk.db, args.file)
        except BackupError as exc:
            raise CommandError(str(exc), 1) from None
    data = {"restored": args.file, "revision": revision, "previous_copy": str(saved) if saved else None}
    emit(args, data, say(args, "已从 {restored} 恢复。", "Restored from {restored}.", **data)
         + (say(args, "（恢复前的数据库已另存为 {p}）", " (the database before it was saved as {p})", p=saved) if saved else ""))
    return 0
