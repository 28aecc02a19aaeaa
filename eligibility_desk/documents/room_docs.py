"""Rendering room documents to PDF: sign-in sheets, door lists, score sheets and the exam-day pack.

Each ``render_*`` has the signature of :func:`~eligibility_desk.documents.slips.render_slips`:
``(plan, scenario, out_path, options=None, progress=..., cancelled=...) -> RenderResult``; ``plan`` may
also be a ready :class:`PrintBatch` (then ``scenario`` is ignored).  Sessions come in print order: rooms
in the scenario's order, then by start time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from eligibility_desk.documents.drawing import (Cancelled, Progress, RenderCancelled, atomic_output,
                                                never_cancelled, new_canvas, no_progress)
from eligibility_desk.documents.inputs import PrintBatch, Session, batch_texts
from eligibility_desk.documents.options import DocumentOptions
from eligibility_desk.documents.slips import RenderResult, load_batch

#: (canvas, font, batch, session, options) -> pages drawn
SessionDrawer = Callable[..., int]


def _signin(c, font, batch, session, options):
    from eligibility_desk.documents.sheets import draw_signin
    return draw_signin(c, font, batch, session, options.id_mask)


def _door(c, font, batch, session, options):
    from eligibility_desk.documents.sheets import draw_door_list
    return draw_door_list(c, font, batch, session)


def _scores(c, font, batch, session, options):
    from eligibility_desk.documents.sheets import draw_score_sheet
    return draw_score_sheet(c, font, batch, session, batch.scale_max, batch.pass_mark)


def _render(title: str, steps_of: Callable[[PrintBatch], list[tuple[SessionDrawer, Session]]], plan, scenario,
            out_path, options: DocumentOptions | None, progress: Progress, cancelled: Cancelled) -> RenderResult:
    from eligibility_desk.documents.fonts import font_for_texts

    options = options or DocumentOptions()
    batch = plan if isinstance(plan, PrintBatch) else load_batch(plan, scenario, options)
    choice = font_for_texts(options.font, batch_texts(batch))   # refused, or warned about, before drawing
    font = choice.name
    steps = steps_of(batch)
    pages = 0
    with atomic_output(out_path) as tmp:
        c = new_canvas(tmp, f"{batch.occupation} {title} {batch.batch}", font)
        for done, (draw, session) in enumerate(steps):
            if cancelled():
                raise RenderCancelled()
            progress(done, len(steps))
            pages += draw(c, font, batch, session, options)
        if not steps:
            c.setFont(font, 12)
            c.drawString(72, 770, "计划中没有考场。")
            c.showPage()
            pages = 1
        c.save()
    progress(len(steps), len(steps))
    return RenderResult(Path(out_path), pages, len(steps), list(choice.warnings))


def render_signin(plan, scenario, out_path: Path | str, options: DocumentOptions | None = None,
                  progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> RenderResult:
    """考生签到表: one per session (room and time)."""
    return _render("签到表", lambda b: [(_signin, s) for s in b.sessions], plan, scenario, out_path, options,
                   progress, cancelled)


def render_door_lists(plan, scenario, out_path: Path | str, options: DocumentOptions | None = None,
                      progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> RenderResult:
    """考场门贴: one per session."""
    return _render("考场门贴", lambda b: [(_door, s) for s in b.sessions], plan, scenario, out_path, options,
                   progress, cancelled)


def render_score_sheets(plan, scenario, out_path: Path | str, options: DocumentOptions | None = None,
                        progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> RenderResult:
    """成绩登记表: one per room and part (session)."""
    return _render("成绩登记表", lambda b: [(_scores, s) for s in b.sessions], plan, scenario, out_path, options,
                   progress, cancelled)


def exam_pack_steps(batch: PrintBatch) -> list[tuple[SessionDrawer, Session]]:
    """Per room in print order: its door lists, then its sign-in sheets, then its score sheets."""
    steps = []
    for _room, sessions in batch.sessions_by_room():
        for drawer in (_door, _signin, _scores):
            steps.extend((drawer, s) for s in sessions)
    return steps


def render_exam_pack(plan, scenario, out_path: Path | str, options: DocumentOptions | None = None,
                     progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> RenderResult:
    """考务袋: everything a room needs on the day, room after room, in one PDF."""
    return _render("考务资料", exam_pack_steps, plan, scenario, out_path, options, progress, cancelled)
