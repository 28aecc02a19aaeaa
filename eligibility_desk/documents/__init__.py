"""Printed documents (reportlab, no Qt): admission slips, sign-in sheets, door lists, score sheets.

The API the GUI and the command line use — every ``render_*`` takes
``(plan, scenario, out_path, options=None, progress=None-op, cancelled=never)`` where ``plan`` and
``scenario`` are the planning command's JSON (dicts or file paths) or ``plan`` is a ready
:class:`PrintBatch`; it writes one A4 PDF atomically and returns a :class:`RenderResult`, or raises
:class:`DocumentInputError` (bad input, naming the field), :class:`RenderCancelled`,
``fonts.FontNotFoundError`` or ``checkcode.SecretError``.  docs/printing.md describes the layouts.
"""

from eligibility_desk.documents.checkcode import SecretError, Verification, load_secret, slip_code, verify_code
from eligibility_desk.documents.drawing import RenderCancelled
from eligibility_desk.documents.fonts import FontLocation, FontNotFoundError, find_cjk_font
from eligibility_desk.documents.inputs import DocumentInputError, PrintBatch
from eligibility_desk.documents.options import DocumentOptions
from eligibility_desk.documents.room_docs import (render_door_lists, render_exam_pack, render_score_sheets,
                                                  render_signin)
from eligibility_desk.documents.slips import RenderResult, load_batch, render_slips

__all__ = [
    "DocumentInputError", "DocumentOptions", "FontLocation", "FontNotFoundError", "PrintBatch", "RenderCancelled",
    "RenderResult", "SecretError", "Verification", "find_cjk_font", "load_batch", "load_secret", "render_door_lists",
    "render_exam_pack", "render_score_sheets", "render_signin", "render_slips", "slip_code", "verify_code",
]
