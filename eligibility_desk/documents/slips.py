"""Rendering admission slips into one PDF: the pure, long-running function the CLI and the GUI call.

``render_slips(plan, scenario, out_path, options, progress, cancelled)`` reads the plan and scenario
(dicts, or paths to the JSON files), draws every slip and writes ``out_path`` atomically: a cancelled or
failed run leaves no file behind and an existing file untouched.

Speed (benchmarks/slips.py, docs/benchmarks.md): the shared layer of a slip is one PDF form; text is
written as cached content-stream operators; QR codes are vector runs with a fixed mask, encoded by worker
processes while this one draws; photos are embedded once per distinct content.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from eligibility_desk.documents.drawing import (PAGE_H, PAGE_W, Cancelled, Progress, RenderCancelled,
                                                atomic_output, never_cancelled, new_canvas, no_progress)
from eligibility_desk.documents.fonts import FontLocation
from eligibility_desk.documents.inputs import PrintBatch, Slip, batch_texts, load_batch_files, read_batch, slips_of
from eligibility_desk.documents.options import DocumentOptions, mask_id_number

#: below this many slips one process is quicker than starting a pool
PARALLEL_FROM = 600


@dataclass
class RenderResult:
    """What was written; ``warnings`` are (code, params) pairs worded at the edge (CLI, GUI):
    ``photo_unreadable`` (candidate, path, reason: missing / unreadable / not_image / damaged) and
    ``glyphs_missing`` (see :data:`~.fonts.GLYPHS_MISSING`).  ``notice_size``: the smallest size (pt) the
    考生须知 was set in on any slip (None: no slip, or no notice)."""

    path: Path
    pages: int
    items: int
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    notice_size: float | None = None


@dataclass(frozen=True)
class _Job:
    """Everything needed to draw a run of slips."""

    slips: tuple[Slip, ...]
    codes: tuple[str, ...]
    photos: tuple[str | None, ...]
    id_texts: tuple[str, ...]
    centre: str
    occupation: str
    batch: str
    notice: tuple[str, ...]
    font: FontLocation
    two_per_page: bool
    reprint: bool


def load_batch(plan, scenario, options: DocumentOptions) -> PrintBatch:
    """``plan``/``scenario`` as dicts or JSON file paths; photo paths are relative to the scenario file."""
    if isinstance(plan, (str, Path)) and isinstance(scenario, (str, Path)):
        return load_batch_files(plan, scenario, options)
    if isinstance(plan, (str, Path)) or isinstance(scenario, (str, Path)):
        from eligibility_desk.documents.inputs import load_json

        base = Path(scenario).resolve().parent if isinstance(scenario, (str, Path)) else None
        plan = load_json(plan, "plan") if isinstance(plan, (str, Path)) else plan
        scenario = load_json(scenario, "scenario") if isinstance(scenario, (str, Path)) else scenario
        return read_batch(plan, scenario, options, base_dir=base)
    return read_batch(plan, scenario, options)


def render_slips(plan, scenario, out_path: Path | str, options: DocumentOptions | None = None,
                 progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> RenderResult:
    options = options or DocumentOptions()
    batch = plan if isinstance(plan, PrintBatch) else load_batch(plan, scenario, options)
    return render_batch_slips(batch, out_path, options, progress, cancelled)


def render_batch_slips(batch: PrintBatch, out_path: Path | str, options: DocumentOptions,
                       progress: Progress = no_progress, cancelled: Cancelled = never_cancelled) -> RenderResult:
    from eligibility_desk.documents.checkcode import load_secret, slip_code
    from eligibility_desk.documents.fonts import font_for_texts
    from eligibility_desk.documents.notice import notice_template_path, read_notice

    slips = slips_of(batch, options.only)
    levels = "、".join(sorted({s.level_name for s in slips}))
    notice = read_notice(notice_template_path(options.notice_template), centre=batch.centre, batch=batch.batch,
                         occupation=batch.occupation, level=levels)
    # every text checked against the font before drawing: refused, or warned about per candidate
    font = font_for_texts(options.font, batch_texts(batch, slips, notice))
    warnings: list[tuple[str, dict]] = list(font.warnings)
    photos = _photo_files(slips, warnings)
    workers = options.workers or os.cpu_count() or 1
    sizes: list[float] = []
    with atomic_output(out_path) as tmp:
        # the key last, once every check has passed and the output can be written: a refusal (a font without
        # the names' characters, an unwritable folder) leaves no key created behind (issue 15)
        secret = options.secret
        secret = load_secret(create=True) if secret is None else secret() if callable(secret) else secret
        job = _Job(tuple(slips), tuple(slip_code(s.admission_no, secret) for s in slips), tuple(photos),
                   tuple(mask_id_number(s.candidate.id_number, options.id_mask) for s in slips),
                   batch.centre, batch.occupation, batch.batch, notice, font.location, options.two_per_page,
                   options.reprint)
        pages = draw_slips(job, tmp, progress, cancelled, workers=workers, warnings=warnings, notice_sizes=sizes)
    return RenderResult(Path(out_path), pages, len(slips), warnings, min(sizes, default=None))


def _photo_files(slips: list[Slip], warnings: list) -> list[str | None]:
    """Each slip's photo file; files with the same content map to one path so the PDF embeds it once."""
    by_digest: dict[bytes, str] = {}
    by_path: dict[Path, str | None] = {}
    out = []
    for slip in slips:
        path = slip.candidate.photo
        if path is None:
            out.append(None)
            continue
        if path not in by_path:
            try:
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
            except OSError as exc:
                reason = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
                warnings.append(("photo_unreadable", {"candidate": slip.candidate.id, "path": str(path),
                                                      "reason": reason}))
                by_path[path] = None
            else:
                by_path[path] = by_digest.setdefault(digest, str(path))
        out.append(by_path[path])
    return out


def draw_slips(job: _Job, path: Path | str, progress: Progress = no_progress,
               cancelled: Cancelled = never_cancelled, workers: int = 1, report_every: int = 50,
               warnings: list | None = None, notice_sizes: list | None = None) -> int:
    """Draw every slip of ``job`` into ``path``; returns the page count.  ``notice_sizes`` gets the size the
    考生须知 was set in on each shared layer (one per timetable length).

    With ``workers`` > 1 and a large job, QR codes are encoded by ``workers - 1`` other processes while
    this one draws (encoding is nearly half the work; the drawing must stay in one process because the
    font subset and the shared images belong to one PDF).
    """
    from eligibility_desk.documents.fonts import register_font

    font = register_font(job.font)
    c = new_canvas(path, f"{job.occupation} 准考证 {job.batch}", font)
    writer = _SlipWriter(c, job, font, warnings if warnings is not None else [],
                         notice_sizes if notice_sizes is not None else [])
    total = len(job.slips)
    with qr_codes(job.codes, workers) as qrs:
        for i, qr in enumerate(qrs):
            if i % report_every == 0:
                if cancelled():
                    raise RenderCancelled()
                progress(i, total)
            writer.draw(i, qr)
    if not total:
        c.setFont(font, 12)
        c.drawString(72, PAGE_H - 72, "没有需要打印的准考证。")
        c.showPage()
        writer.pages = 1
    c.save()
    progress(total, total)
    return writer.pages


class _SlipWriter:
    """Places slips on pages: one or two per A4 page, the shared layer defined once per timetable size."""

    def __init__(self, c, job: _Job, font: str, warnings: list, notice_sizes: list):
        from eligibility_desk.documents.slip import geometry

        self.c, self.job, self.font, self.warnings = c, job, font, warnings
        self.notice_sizes = notice_sizes
        self.g = geometry(job.two_per_page)
        self.left = (PAGE_W - self.g.w) / 2
        if job.two_per_page:
            self.bottoms = [PAGE_H / 2 + (PAGE_H / 2 - self.g.h) / 2, (PAGE_H / 2 - self.g.h) / 2]
        else:
            self.bottoms = [(PAGE_H - self.g.h) / 2]
        self.forms: dict[int, str] = {}
        self.pages = 0

    def draw(self, i: int, qr: tuple[int, str]) -> None:
        from eligibility_desk.documents.slip import draw_slip, draw_slip_form

        c, job, slip = self.c, self.job, self.job.slips[i]
        rows = len(slip.lines)
        if rows not in self.forms:
            self.forms[rows] = f"slip{rows}"
            size = draw_slip_form(c, self.forms[rows], self.g, self.font, job.centre, job.occupation, job.batch,
                                  job.notice, rows)
            if size is not None:
                self.notice_sizes.append(size)
        slot = i % len(self.bottoms)
        c.saveState()
        c.translate(self.left, self.bottoms[slot])
        photo_error = draw_slip(c, self.forms[rows], self.g, self.font, slip, job.codes[i], qr, job.id_texts[i],
                                job.photos[i], job.reprint)
        if photo_error:
            self.warnings.append(("photo_unreadable", {"candidate": slip.candidate.id, "path": job.photos[i],
                                                       "reason": photo_error}))
        c.restoreState()
        if job.two_per_page and slot == 0:
            _cut_line(c)
        if slot == len(self.bottoms) - 1 or i == len(job.slips) - 1:
            c.showPage()
            self.pages += 1


@contextmanager
def qr_codes(codes: tuple[str, ...], workers: int, chunk: int = 250) -> Iterator[Iterator[tuple[int, str]]]:
    """The QR runs of ``codes`` in order: encoded here, or by a process pool for large jobs."""
    from eligibility_desk.documents.qr import qr_runs, qr_runs_many

    if workers <= 1 or len(codes) < PARALLEL_FROM:
        yield (qr_runs(code) for code in codes)
        return
    # "spawn" everywhere: safe from a GUI thread, and the only choice on Windows.  Like any spawn pool it
    # needs the caller's main script to be import-safe (``if __name__ == "__main__":``); if the pool
    # breaks, the codes left are encoded here.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, workers - 1), mp_context=ctx) as pool:
        futures = []
        try:
            futures = [pool.submit(qr_runs_many, list(codes[i:i + chunk])) for i in range(0, len(codes), chunk)]
        except (BrokenProcessPool, OSError, RuntimeError):
            pass
        try:
            yield _in_order(futures, codes)
        finally:
            for future in futures:
                future.cancel()


def _in_order(futures, codes: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    from eligibility_desk.documents.qr import qr_runs

    done = 0
    try:
        for future in futures:
            for runs in future.result():
                yield runs
                done += 1
    except (BrokenProcessPool, OSError, RuntimeError):
        pass
    for code in codes[done:]:
        yield qr_runs(code)


def _cut_line(c) -> None:
    c.saveState()
    c.setDash(4, 3)
    c.setLineWidth(0.4)
    c.setStrokeColorRGB(0.5, 0.5, 0.5)
    c.line(20, PAGE_H / 2, PAGE_W - 20, PAGE_H / 2)
    c.restoreState()
