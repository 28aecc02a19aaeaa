"""``eligibility-desk slips|signin|doorlist|scoresheet|exam-pack PLAN.json SCENARIO.json --out FILE.pdf``
and ``eligibility-desk verify CODE``.

Check codes use the centre's key in the database (``--db``; :mod:`eligibility_desk.services.printing.keys`)
unless ``--secret-file`` or ``$ELIGIBILITY_DESK_SLIP_SECRET`` gives one (hexadecimal, >= 16 bytes).
``verify`` exits 0 for a genuine code, 1 for a forged or malformed one, 2 when it cannot check (no key in the
database, a bad key file, a database that cannot be opened).

Only the standard library is imported here; reportlab and the documents package load in the handlers.
"""

from __future__ import annotations

import argparse
import sys
import time

from eligibility_desk.services.printing.batch_documents import DOCUMENTS  # the documents' table (stdlib-only module)

#: command names that differ from the document kind in DOCUMENTS
COMMAND_NAMES = {"pack": "exam-pack"}
#: kind -> what the command prints (its help, after the document's Chinese name)
DESCRIPTIONS = {
    "slips": "admission slips (one PDF, one or two per A4 page)",
    "signin": "sign-in sheets, one per room and session",
    "doorlist": "door lists, one per room and session",
    "scoresheet": "score sheets, one per room and part",
    "pack": "exam-day pack: per room its door lists, sign-in and score sheets",
}

#: warning codes -> wording (Chinese first, English after)
WARNINGS = {
    "photo_unreadable": "照片{reason_zh}，已印占位框 / photo {reason_en}, placeholder printed: 考生 candidate "
                        "{candidate}: {path}",
    "glyphs_missing": "打印字体 {font} 缺字「{characters}」，{who_zh}「{text}」印不全 / the font {font} lacks "
                      "{characters}: {who_en} '{text}' prints incomplete",
}
#: photo_unreadable reasons -> (Chinese, English)
PHOTO_REASONS = {
    "missing": ("文件不存在", "file missing"),
    "unreadable": ("无法读取", "unreadable"),
    "not_image": ("不是图片文件", "not an image file"),
    "damaged": ("文件已损坏", "damaged"),
}
#: glyphs_missing kinds -> (Chinese, English) of whose text it is
OWNERS = {"candidate": ("考生 {id}", "candidate {id}"), "staff": ("工作人员 {id}", "staff member {id}"),
          "batch": ("{id}", "{id}")}


def warning_text(code: str, params: dict) -> str:
    """One warning of a render, worded (Chinese / English); an unknown code shows its code and parameters.
    Texts from the data (names, paths) are shown with control and invisible characters made visible."""
    from eligibility_desk.documents.fonts import describe_characters
    from eligibility_desk.domain.text_policy import visible

    params = {k: visible(v, 120) if isinstance(v, str) and k != "characters" else v for k, v in params.items()}
    if code == "photo_unreadable":
        zh, en = PHOTO_REASONS.get(params.get("reason", ""), ("无法读取", "unreadable"))
        return WARNINGS[code].format(reason_zh=zh, reason_en=en, **params)
    if code == "glyphs_missing":
        zh, en = OWNERS.get(params.get("kind", ""), OWNERS["batch"])
        return WARNINGS[code].format(who_zh=zh.format(**params), who_en=en.format(**params),
                                     **{**params, "characters": visible(describe_characters(params["characters"]), 120)})
    return f"{code} " + ", ".join(f"{k}={v}" for k, v in params.items())


SECRET_HELP = ("check-code key file instead of the database's key: hexadecimal (as `keys export` writes), "
               "at least 16 bytes; $ELIGIBILITY_DESK_SLIP_SECRET may hold the key itself, same encoding")
#: notices from printing -> wording
NOTICES = {
    "key_created": ("已为本考点生成准考证校验码密钥（指纹 {fingerprint}），保存在数据库中；连接同一数据库的各台电脑共用此密钥，"
                    "无需复制文件。/ Created the centre's check-code key (fingerprint {fingerprint}) in the database; "
                    "every desk on this database shares it."),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    for kind, (_render, title) in DOCUMENTS.items():
        name = COMMAND_NAMES.get(kind, kind)
        help_text = f"{title}: {DESCRIPTIONS.get(kind, kind)}"
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        p.add_argument("plan", metavar="PLAN.json", help="plan from `eligibility-desk plan`")
        p.add_argument("scenario", metavar="SCENARIO.json", help="scenario with candidates, rooms and staff")
        p.add_argument("--out", "-o", required=True, metavar="FILE.pdf", help="PDF to write (replaced atomically)")
        p.add_argument("--centre", help="centre (考点) name printed on the documents; default: scenario 'centre'")
        p.add_argument("--batch", help="batch (批次) name; default: scenario or plan 'batch'")
        p.add_argument("--font", metavar="PATH[#INDEX]",
                       help="CJK TrueType font to embed (default: $ELIGIBILITY_DESK_FONT, system, bundled)")
        p.add_argument("--full-id", action="store_true", help="print ID numbers in full (default: middle masked)")
        p.add_argument("--id-keep", metavar="START,END", default="6,4",
                       help="ID digits left visible at the start and the end (default 6,4)")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
        if kind == "slips":
            p.add_argument("--two-per-page", action="store_true", help="two A5 slips on each A4 page")
            p.add_argument("--reprint", action="store_true", help="mark every slip 补打 (reprint)")
            p.add_argument("--only", action="append", metavar="ID[,ID...]",
                           help="print only these candidates (ids or admission numbers); repeatable")
            p.add_argument("--notice", metavar="FILE", help="考生须知 template (default: user config, then shipped)")
            p.add_argument("--secret-file", metavar="FILE", help=SECRET_HELP)
            from eligibility_desk.cli.common import add_user_option
            add_user_option(p)   # only when the database's key is used (no --secret-file): a planner
            p.add_argument("--workers", type=int, metavar="N", help="processes to use (default: every core)")
        p.set_defaults(handler=_render_command, renderer=name, kind=kind)

    v = subparsers.add_parser("verify", help="tell a genuine admission-slip code from a forged one, offline",
                              description="Verify the code under a slip's QR code (ADMISSION_NO.CHECK) with the "
                                          "centre's keys in the database (the current key and rotated-out keys "
                                          "still within their date). Exit 0 genuine, 1 forged or malformed, "
                                          "2 cannot check (no key, bad key file, no database).")
    v.add_argument("code", metavar="CODE", help="what the QR code holds, e.g. 20253-4-R101-01.7QK2M9D4XA")
    v.add_argument("--secret-file", metavar="FILE", help=SECRET_HELP)
    v.set_defaults(handler=_verify_command)


def _id_mask(args) -> tuple[int, int] | None:
    from eligibility_desk.cli import CommandError
    from eligibility_desk.cli.output import say

    if args.full_id:
        return None
    try:
        start, end = (int(x) for x in args.id_keep.split(","))
    except ValueError:
        raise CommandError(say(args, "--id-keep：「{value}」不是 前几位,后几位（如 6,4）",
                               "--id-keep: '{value}' is not START,END (e.g. 6,4)", value=args.id_keep)) from None
    if start < 0 or end < 0:
        raise CommandError(say(args, "--id-keep：位数不能为负", "--id-keep: numbers must not be negative"))
    return start, end


def _render_command(args: argparse.Namespace) -> int:
    import importlib
    from pathlib import Path

    from eligibility_desk.cli import CommandError
    from eligibility_desk.documents import DocumentInputError, DocumentOptions
    from eligibility_desk.documents.checkcode import SecretError
    from eligibility_desk.documents.fonts import FontNotFoundError

    extra = {}
    notices: list = []
    opened: list = []        # the database a slips key comes from, closed once printed
    id_mask = _id_mask(args)
    if args.kind == "slips":
        only = frozenset(x.strip() for arg in args.only or () for x in arg.split(",") if x.strip()) or None
        if args.workers is not None and args.workers < 1:
            from eligibility_desk.cli.output import say

            raise CommandError(say(args, "--workers 至少为 1", "--workers must be at least 1"))
        extra = dict(two_per_page=args.two_per_page, reprint=args.reprint, only=only,
                     notice_template=Path(args.notice) if args.notice else None, workers=args.workers)
    render = getattr(importlib.import_module("eligibility_desk.documents"), DOCUMENTS[args.kind][0])
    bar = ProgressBar(args.renderer, enabled=not args.quiet)
    try:
        if args.kind == "slips":
            extra["secret"] = signing_secret(args, notices, opened)
        options = DocumentOptions(centre=args.centre, batch=args.batch, font=args.font, id_mask=id_mask, **extra)
        result = render(args.plan, args.scenario, args.out, options, progress=bar)
    except (DocumentInputError, FontNotFoundError, SecretError, ValueError) as exc:  # ValueError: the notice template
        raise CommandError(document_error(exc)) from None
    finally:
        bar.close()
        for database in opened:
            database.close()
    for code, params in result.warnings:
        print("warning: " + warning_text(code, params), file=sys.stderr)
    print_notices(notices)
    unit = {"slips": "slips", "pack": "room documents"}.get(args.kind, "sessions")
    print(f"{result.path}: {result.pages} pages, {result.items} {unit}")
    return 0


def open_database_for(args):
    """The database of ``--db`` (migrated), or a CommandError (exit 2) saying why it cannot be opened."""
    from eligibility_desk.cli import CommandError
    from eligibility_desk.persistence.errors import DatabaseError
    from eligibility_desk.persistence.opening import open_database

    try:
        return open_database(getattr(args, "db", None))
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None


#: font refusals in Chinese (documents.fonts words them in English only: its literals are drawn texts)
FONT_ERRORS = {
    "missing": "{what}{path} 不存在",
    "not_truetype": "{what}{path}（第 {index} 款）不是 TrueType 轮廓字体（Noto Sans CJK、思源黑体等无法嵌入 PDF），请选择 .ttf/.ttc 字体",
    "not_embeddable": "无法嵌入字体 {path}：文件无法读取或已损坏",
    "no_chinese": "字体 {path} 不含汉字，印不出中文",
    "none_found": "本机找不到可嵌入的中文 TrueType 字体，附带的 {path} 也不在；请把环境变量 ELIGIBILITY_DESK_FONT 设为一个 .ttf/.ttc 文件",
    "missing_glyphs": "{what}{path}（第 {index} 款）缺少文档要印的字符：{shown}；请用 --font 或 ELIGIBILITY_DESK_FONT "
                      "指定含这些字符的字体（如附带的文泉驿微米黑）",
}
FONT_SOURCES = {"configured": "指定的字体 ", "env": "$ELIGIBILITY_DESK_FONT 的字体 ", "system": "系统字体 ",
                "bundled": "附带的字体 "}
#: 考生须知 template refusals (documents.notice.NoticeError codes)
NOTICE_ERRORS = {
    "unreadable": "考生须知模板 {path} 无法读取（{detail}）",
    "too_big": "考生须知模板 {path} 超过 {limit} KB，不像须知",
    "not_text": "考生须知模板 {path} 不是 UTF-8 或 GB18030 文本",
    "rule_too_long": "考生须知模板 {path}：第 {rule} 条超过 {limit} 个字符",
    "bad_character": "考生须知模板 {path}：第 {rule} 条含控制字符或不可见字符 {char}（不是文本文件？）",
    "too_many_rules": "考生须知模板 {path}：超过 {limit} 条",
}


def document_error(exc: BaseException) -> str:
    """A refusal of the documents package in Chinese first (then the English it gave): the font, the key,
    the plan or scenario, the notice template."""
    from eligibility_desk.documents import DocumentInputError
    from eligibility_desk.documents.checkcode import SecretError
    from eligibility_desk.documents.fonts import FontNotFoundError, describe_characters
    from eligibility_desk.documents.notice import NoticeError
    from eligibility_desk.domain.text_policy import visible

    text = visible(str(exc), 400)
    if isinstance(exc, FontNotFoundError) and exc.code in FONT_ERRORS:
        params = {"index": 0, "detail": "", **exc.params}
        zh = FONT_ERRORS[exc.code].format(what=FONT_SOURCES.get(params.get("source", ""), "字体 "),
                                          shown=describe_characters(params.get("characters", "")), **params)
        return f"{visible(zh, 400)} / {text}"
    if isinstance(exc, NoticeError) and exc.code in NOTICE_ERRORS:
        params = {k: visible(v, 200) if isinstance(v, str) else v for k, v in exc.params.items()}
        return f"{NOTICE_ERRORS[exc.code].format(**params)} / {text}"
    if isinstance(exc, SecretError):
        return f"准考证校验码密钥无法使用 / the check-code key cannot be used: {text}"
    if isinstance(exc, DocumentInputError):
        return f"编排方案或考生数据有误 / the plan or scenario is wrong: {text}"
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return text
    return f"无法打印 / cannot print: {text}"


def signing_secret(args, notices: list, opened: list):
    """The key slips are printed with: ``--secret-file`` / the environment (read now: a bad file is refused
    before anything is written), else a function giving the database's — the database opened and the account
    signed in now, the key created (with a notice) only when the renderer calls it, once its own checks have
    passed, so a refused print leaves no key behind.  ``opened`` gets the database, for the caller to close."""
    from eligibility_desk.cli import CommandError
    from eligibility_desk.cli.common import sign_in
    from eligibility_desk.documents.checkcode import SecretError, override_secret
    from eligibility_desk.domain.roles import Role
    from eligibility_desk.services.accounts import require
    from eligibility_desk.services.printing.keys import database_key

    try:
        given = override_secret(args.secret_file)
    except SecretError as exc:
        raise CommandError(document_error(exc)) from None
    if given is not None:
        return given
    opened.append(open_database_for(args))
    actor = require(sign_in(args, opened[-1]), Role.PLANNER, action="用数据库密钥打印准考证")

    def created_now() -> bytes:
        key = database_key(opened[0], actor.name, create=True)
        if key.created:
            notices.append(("key_created", {"fingerprint": key.fingerprint}))
        return key.secret
    return created_now


def print_notices(notices: list) -> None:
    for code, params in notices:
        print(NOTICES.get(code, code + " {}").format(**params), file=sys.stderr)


def _verify_command(args: argparse.Namespace) -> int:
    from eligibility_desk.cli import CommandError
    from eligibility_desk.documents.checkcode import SecretError, verify_code
    from eligibility_desk.services.printing.keys import checking_keys

    opened = []

    def db():
        opened.append(open_database_for(args))
        return opened[-1]

    try:
        keys = checking_keys(db, args.secret_file)
    except SecretError as exc:
        raise CommandError(f"无法验证 cannot check: {exc}", status=2) from None
    finally:
        for database in opened:
            database.close()
    result = verify_code(args.code, keys)
    if result.genuine:
        print(f"真实 genuine: 准考证号 admission no. {result.admission_no}")
        return 0
    if result.reason == "malformed":
        print("格式不对 malformed: expected ADMISSION_NO.CHECK (10-character check)", file=sys.stderr)
    else:
        print(f"伪造或校验码错误 FORGED: the check code does not match admission no. {result.admission_no}",
              file=sys.stderr)
    return 1


class ProgressBar:
    """``slips [#########-----------]  45%  4500/10000`` on stderr, redrawn at most every 0.1 s."""

    def __init__(self, label: str, enabled: bool = True, width: int = 30, stream=None):
        self.label, self.enabled, self.width = label, enabled, width
        self.stream = stream or sys.stderr
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {fraction:4.0%} {done}/{total}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
