"""What printing keeps in the database, on the command line (standard library only at import time):

* ``eligibility-desk print-batch BATCH DOCUMENT --out FILE.pdf`` — a batch's document from its stored plan,
  with the centre's name and venue, the batch's name, the stored photos and the centre's check-code key;
* ``eligibility-desk photos import BATCH FOLDER`` — a folder of photos named by 身份证号码 or 考生编号;
* ``eligibility-desk keys show|create|rotate|export`` — the centre's check-code key;
* ``eligibility-desk centre show|set`` — the centre's name and default venue, and a batch's own.
"""

from __future__ import annotations

import argparse
import sys

from eligibility_desk.cli import CommandError
from eligibility_desk.services.printing.batch_documents import DOCUMENTS

#: the DOCUMENT argument of print-batch -> document kind
PRINT_NAMES = {"slips": "slips", "signin": "signin", "doorlist": "doorlist", "scoresheet": "scoresheet",
               "exam-pack": "pack"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "print-batch", help="print a batch's document from its stored plan (names, photos, key from the database)",
        description="打印批次文件：用数据库中该批次的定稿（否则最新草稿）编排，考点/场地/批次名称、考生照片和本考点的"
                    "校验码密钥都取自数据库。Print one document of a batch from the database.")
    p.add_argument("batch", metavar="BATCH", help="batch name or number")
    p.add_argument("document", choices=list(PRINT_NAMES), help="which document")
    p.add_argument("--out", "-o", required=True, metavar="FILE.pdf", help="PDF to write (replaced atomically)")
    p.add_argument("--two-per-page", action="store_true", help="slips: two A5 slips on each A4 page")
    p.add_argument("--reprint", action="store_true", help="slips: mark every slip 补打 (reprint)")
    p.add_argument("--full-id", action="store_true", help="print ID numbers in full (default: middle masked)")
    p.add_argument("--font", metavar="PATH[#INDEX]", help="CJK TrueType font to embed")
    p.add_argument("--secret-file", metavar="FILE", help="slips: check-code key file instead of the database's "
                                                          "(hexadecimal, >= 16 bytes)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    _user(p)
    p.set_defaults(handler=run_print_batch)

    p = subparsers.add_parser("photos", help="applicants' ID photos in the database",
                              description="考生照片：导入照片文件夹（文件名为身份证号码或考生编号）。")
    sub = p.add_subparsers(dest="photos_command", metavar="ACTION", required=True)
    s = sub.add_parser("import", help="import a folder of photos named by ID number or applicant code",
                       description="导入照片文件夹：文件名为身份证号码或考生编号（如 110105199003071239.jpg、A001.png）。"
                                   "照片摆正（EXIF 方向）、缩至 358×441 后存入数据库；坏文件逐个列出，其余照常导入。"
                                   "Exit 0 when every file was imported, 1 when some were refused (listed).")
    s.add_argument("batch", metavar="BATCH", help="batch name or number (its applicants are matched)")
    s.add_argument("folder", metavar="FOLDER", help="the folder of photos (not searched recursively)")
    _user(s)
    s.set_defaults(handler=run_photos_import)

    p = subparsers.add_parser("keys", help="the centre's check-code key (one per database, shared by every desk)",
                              description="本考点的准考证校验码密钥：保存在数据库中，连接同一数据库的各台电脑共用。")
    sub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    s = sub.add_parser("show", help="list the keys by fingerprint (never the key itself)")
    _user(s)
    s.set_defaults(handler=run_keys_show)
    s = sub.add_parser("create", help="create the centre's key now (slips printed first create it too)")
    _user(s)
    s.set_defaults(handler=run_keys_create)
    s = sub.add_parser("rotate", help="make a new key; the old one still verifies codes until a date",
                       description="换新密钥：此后打印的准考证用新密钥；旧密钥打印的准考证在 --keep-old-until 当天及以前"
                                   "仍可验证（不给日期则立即失效）。")
    s.add_argument("--keep-old-until", metavar="DATE", help="last day old codes still verify (e.g. 2026-12-31)")
    _user(s)
    s.set_defaults(handler=run_keys_rotate)
    s = sub.add_parser("export", help="write the current key to a file (hexadecimal) for a desk without the database",
                       description="把当前密钥写入文件（十六进制，仅本人可读），供不连数据库的验证电脑用 --secret-file。")
    s.add_argument("--out", "-o", required=True, metavar="FILE", help="the key file to write (not replaced)")
    _user(s)
    s.set_defaults(handler=run_keys_export)

    p = subparsers.add_parser("centre", help="the centre's name and default venue, and a batch's own",
                              description="考点设置：考点名称与默认考试地点（全部电脑共用）；可为某批次另设。")
    sub = p.add_subparsers(dest="centre_command", metavar="ACTION", required=True)
    s = sub.add_parser("show", help="show the settings (and a batch's own with --batch)")
    s.add_argument("--batch", metavar="BATCH", help="also show this batch's own name and venue")
    _user(s)
    s.set_defaults(handler=run_centre_show)
    s = sub.add_parser("set", help="set the centre's name / default venue, or a batch's own with --batch")
    s.add_argument("--name", help="考点 / centre name printed on the documents")
    s.add_argument("--venue", help="default venue (building, site) printed as 考点 where a room has none")
    s.add_argument("--batch", metavar="BATCH", help="set this batch's own values instead ('' follows the centre)")
    _user(s)
    s.set_defaults(handler=run_centre_set)


def _user(p: argparse.ArgumentParser) -> None:
    from eligibility_desk.cli.common import add_user_option
    add_user_option(p)


def _desk(args):
    from eligibility_desk.cli.common import open_desk

    return open_desk(args)


def _batch(desk, name: str, args=None) -> int:
    from eligibility_desk.cli.common import batch_id

    return batch_id(desk, name, args=args)


def run_print_batch(args) -> int:
    from eligibility_desk.cli.documents import ProgressBar, print_notices, warning_text
    from eligibility_desk.documents import DocumentInputError, DocumentOptions
    from eligibility_desk.documents.checkcode import SecretError
    from eligibility_desk.documents.fonts import FontNotFoundError
    from eligibility_desk.services.printing.batch_documents import print_document

    kind = PRINT_NAMES[args.document]
    notices: list = []
    with _desk(args) as desk:
        batch = _batch(desk, args.batch, args)
        options = DocumentOptions(font=args.font, id_mask=None if args.full_id else (6, 4),
                                  two_per_page=args.two_per_page, reprint=args.reprint)
        bar = ProgressBar(args.document, enabled=not args.quiet)
        try:
            result = print_document(desk, batch, kind, args.out, options, bar, lambda: False, notices,
                                    secret_file=args.secret_file)
        except LookupError:
            raise CommandError(f"批次「{args.batch}」还没有编排方案（请先 eligibility-desk plan-batch） / batch "
                               f"'{args.batch}' has no plan yet (see `eligibility-desk plan-batch`)") from None
        except (DocumentInputError, FontNotFoundError, SecretError, ValueError) as exc:
            from eligibility_desk.cli.documents import document_error

            raise CommandError(document_error(exc)) from None
        finally:
            bar.close()
    for code, params in result.warnings:   # worded as the documents commands word them (one place)
        print("warning: " + warning_text(code, params), file=sys.stderr)
    print_notices(notices)
    print(f"{result.path}: {result.pages} pages, {result.items} {DOCUMENTS[kind][1]}")
    return 0


def run_photos_import(args) -> int:
    from eligibility_desk.services.printing.photos import import_photo_folder

    with _desk(args) as desk:
        batch = _batch(desk, args.batch, args)
        try:
            report = import_photo_folder(desk.db, batch, args.folder, desk.actor)
        except OSError as exc:
            from eligibility_desk.domain.text_policy import visible

            raise CommandError(f"{visible(args.folder, 200)}：无法读取照片文件夹（{exc.strerror or exc}）") from None
    print(f"照片 photos: {report.files} 个文件 files, 新增 {report.imported} imported, 更换 {report.replaced} replaced, "
          f"相同 {report.unchanged} unchanged, 未导入 {len(report.problems)} refused ({report.seconds:.1f} s)")
    for problem in report.problems:
        print(f"未导入 refused: {problem.describe('zh')} / {problem.message('en')}", file=sys.stderr)
    return 1 if report.problems else 0


def run_keys_show(args) -> int:
    from datetime import date

    from eligibility_desk.services.printing.keys import key_list

    with _desk(args) as desk:
        keys = key_list(desk.db)
    if not keys:
        print("本数据库还没有校验码密钥（首次打印准考证时生成）。/ No check-code key yet (made when slips are first printed).")
        return 0
    today = date.today()
    for k in keys:
        state = ("当前 current" if k.current else
                 f"旧密钥，验证至 {k.valid_until} old, verifies until {k.valid_until}" if k.verifies_on(today) else
                 "已停用 retired")
        print(f"{k.fingerprint}  {state}  created {k.created_at:%Y-%m-%d %H:%M} UTC by {k.created_by or '?'}")
    return 0


def run_keys_create(args) -> int:
    from eligibility_desk.cli.documents import print_notices
    from eligibility_desk.services.printing.keys import database_key

    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import require

    with _desk(args) as desk:
        require(desk.actor, Role.ADMIN, action="新建校验码密钥")
        key = database_key(desk.db, desk.user, create=True)
    if key.created:
        print_notices([("key_created", {"fingerprint": key.fingerprint})])
    else:
        print(f"本数据库已有校验码密钥（指纹 {key.fingerprint}），未新建。/ The database already has a key ({key.fingerprint}).")
    return 0


def run_keys_rotate(args) -> int:
    from eligibility_desk.cli.records import _date
    from eligibility_desk.services.printing.keys import rotate_key

    until = _date(args.keep_old_until, "--keep-old-until") if args.keep_old_until else None
    with _desk(args) as desk:
        try:
            info = rotate_key(desk.db, desk.actor, until)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    old = (f"旧密钥打印的准考证验证至 {until}（含当天）。/ Codes of the old key verify until {until}." if until else
           "旧密钥已立即停用。/ The old key no longer verifies.")
    print(f"新密钥 new key {info.fingerprint} 已启用 is current. {old}")
    return 0


def run_keys_export(args) -> int:
    from eligibility_desk.documents.checkcode import write_secret_file
    from eligibility_desk.services.printing.keys import NoKeyError, database_key

    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import require

    with _desk(args) as desk:
        require(desk.actor, Role.ADMIN, action="导出校验码密钥")
        try:
            key = database_key(desk.db, "", create=False)
        except NoKeyError as exc:
            raise CommandError(str(exc)) from None
        # the file first, the audit row once it is written: a file that exists or cannot be written leaves no
        # row saying the key left the database (issue 15); a failed audit write takes the file back
        try:
            path = write_secret_file(args.out, key.secret)
        except FileExistsError:
            raise CommandError(f"{args.out}：文件已存在，未覆盖 / exists: not replaced") from None
        except OSError as exc:
            raise CommandError(f"{args.out}：无法写入 / cannot be written: {exc.strerror or exc}") from None
        try:
            desk.record_export("check_key", None, str(path), "export", fingerprint=key.fingerprint)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    print(f"{path}: key {key.fingerprint} (hexadecimal; use with --secret-file; keep it private)")
    return 0


def run_centre_show(args) -> int:
    from eligibility_desk.services.printing.centre import batch_place, centre_settings

    with _desk(args) as desk:
        settings = centre_settings(desk.db)
        print(f"考点名称 centre: {settings.name or '（未设置 not set）'}")
        print(f"默认考试地点 default venue: {settings.venue or '（未设置 not set）'}")
        if args.batch:
            name, venue = batch_place(desk.db, _batch(desk, args.batch, args))
            print(f"批次 {args.batch}: 考点 {name or '（同上 as the centre）'}，地点 venue {venue or '（同上 as the centre）'}")
    return 0


def run_centre_set(args) -> int:
    from eligibility_desk.services.printing.centre import (CentreSettings, batch_place, centre_settings,
                                                           save_centre_settings, set_batch_place)

    if args.name is None and args.venue is None:
        from eligibility_desk.cli.output import say

        raise CommandError(say(args, "请给出 --name 或 --venue（或两者）", "give --name and/or --venue"))
    with _desk(args) as desk:
        try:
            if args.batch:
                batch = _batch(desk, args.batch, args)
                name, venue = batch_place(desk.db, batch)
                set_batch_place(desk.db, desk.actor, batch, name if args.name is None else args.name,
                                venue if args.venue is None else args.venue)
            else:
                old = centre_settings(desk.db)
                save_centre_settings(desk.db, desk.actor, CentreSettings(
                    old.name if args.name is None else args.name, old.venue if args.venue is None else args.venue))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    return run_centre_show(args)
