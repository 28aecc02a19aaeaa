"""``eligibility-desk audit verify``: walk the audit chain and report the first broken link.

Exit status: 0 the chain is whole, 1 it is broken (the row and why are named), 2 the database cannot be read.
"""

from __future__ import annotations

import argparse

from eligibility_desk.cli import CommandError
from eligibility_desk.cli.output import add_output_options, emit, say

_REASONS = {
    "changed": ("内容与其哈希不符（该行被改动过）", "its content no longer matches its hash (the row was changed)"),
    "relinked": ("与前一行的链接不符（前一行被改动或替换过）", "its link to the row before does not match (that row was changed or replaced)"),
    "missing": ("链中缺少这一位置（有记录被删除）", "this place in the chain is missing (a row was deleted)"),
    "unsealed": ("有一行不在链中（被直接插入数据库）", "a row is outside the chain (inserted into the database directly)"),
    "applicant_changed": ("导入时建立的考生数据与该行记录的摘要不符（考生数据被绕过本系统改动或删除）",
                          "the applicant it created by import no longer matches the digest it records (changed or "
                          "deleted outside the desk)"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("audit", help="the audit trail: verify its hash chain",
                              description="审计记录：校验哈希链，报告第一处断裂。")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    v = sub.add_parser("verify", help="recompute every audit row's hash; exit 1 at the first broken link")
    from eligibility_desk.cli.common import add_user_option
    add_user_option(v)
    add_output_options(v)
    v.set_defaults(handler=run_verify)


def run_verify(args) -> int:
    from eligibility_desk.cli.common import open_desk
    from eligibility_desk.persistence.audit import verify
    from eligibility_desk.persistence.errors import DatabaseError

    with open_desk(args) as desk:
        try:
            with desk.db.reading() as session:
                report = verify(session)
        except DatabaseError as exc:
            raise CommandError(str(exc)) from None
    data = {"ok": report.ok, "rows": report.rows, "broken_seq": report.broken_seq, "audit_id": report.audit_id,
            "reason": report.reason or None}
    if report.ok:
        emit(args, data, say(args, "审计链完整：已校验 {rows} 行。", "The audit chain is whole: {rows} rows checked.",
                             rows=report.rows))
        return 0
    zh, en = _REASONS[report.reason]
    emit(args, data, say(args, "审计链断裂：链中第 {seq} 位（审计记录 #{id}）{why_zh}；此前 {rows} 行完整。",
                         "The audit chain is broken at place {seq} (audit row #{id}): {why_en}; the {rows} rows before it are whole.",
                         seq=report.broken_seq, id=report.audit_id, why_zh=zh, why_en=en, rows=report.rows))
    return 1
