"""Plain data the score service returns, and the wording of the refusals it adds to the scoring package's.

The scoring package words its own codes (``scoring/wording.py``); :func:`error_text` covers those and the
few this layer adds (a plan not final yet, one person as both recorders, a re-check before publication).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: score_store loads SQLAlchemy, which the window need not wait for
    from eligibility_desk.services.scores.score_store import EntryView, SheetInfo


@dataclass(frozen=True)
class RecorderView:
    sheet: SheetInfo
    recorder: int
    entries: dict[int, EntryView]        # this recorder's only, by seat

    def version(self, seat: int) -> int:
        """What to pass as ``expected_version`` when entering ``seat`` (0: nothing entered yet)."""
        entry = self.entries.get(seat)
        return entry.version if entry is not None else 0


@dataclass(frozen=True)
class RecheckInfo:
    id: int
    batch_id: int
    sheet_id: int
    seat: int
    candidate: str
    part: str
    requested_on: date
    deadline: date
    reason: str
    outcome: str | None
    decided_on: date | None
    decided_by: str
    note: str
    version: int

    @property
    def open(self) -> bool:
        return self.outcome is None


@dataclass(frozen=True)
class PublicationInfo:
    id: int
    batch_id: int
    number: int
    published_by: str
    published_at: datetime
    published_on: date
    pass_list: tuple[str, ...]
    results: tuple[dict, ...]
    counts: dict


def recheck_info(row) -> RecheckInfo:
    return RecheckInfo(row.id, row.batch_id, row.sheet_id, row.seat, row.candidate, row.part, row.requested_on,
                       row.deadline, row.reason or "", row.outcome, row.decided_on, row.decided_by or "", row.note or "",
                       row.version_id)


def publication_info(row) -> PublicationInfo:
    return PublicationInfo(row.id, row.batch_id, row.number, row.published_by, row.published_at, row.published_on,
                           tuple(row.pass_list), tuple(row.results), dict(row.counts or {}))


_TEXTS = {
    "plan_not_final": ("批次尚无定稿的编排方案，不能生成成绩登记表", "the batch has no final plan yet: no score sheets can be made"),
    "same_recorder": ("{user} 已作为第 {recorder} 录入人录入本表，两次录入须由不同的人完成",
                      "{user} already entered this sheet as recorder {recorder}: the two entries must be made by different people"),
    "not_published": ("批次成绩尚未公布，不能申请复核", "the batch's results are not published yet: no re-check can be filed"),
    "no_sheets": ("批次尚无成绩登记表", "the batch has no score sheets"),
    "value_required": ("复核结论为更改时须填写新成绩", "a changed re-check outcome needs the new score"),
}


def error_text(error: Any, lang: str = "zh") -> str:
    """A refusal worded for a person: the codes added here, else the scoring package's wording."""
    code = getattr(error, "code", None)
    if code in _TEXTS:
        zh, en = _TEXTS[code]
        try:
            return (en if lang.startswith("en") else zh).format(**getattr(error, "params", {}))
        except (KeyError, IndexError):
            return en if lang.startswith("en") else zh
    if hasattr(error, "message"):
        return error.message(lang)
    return str(error)
