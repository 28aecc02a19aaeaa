"""Printed documents (reportlab, no Qt): admission slips, sign-in sheets, door lists, score sheets.

The GUI and the command line call these pure functions; each reads the plan and the scenario, takes
``progress(done, total)`` and ``cancelled()`` callables and writes one A4 PDF atomically.
"""

from eligibility_desk.documents.drawing import RenderCancelled
from eligibility_desk.documents.inputs import DocumentInputError, PrintBatch
from eligibility_desk.documents.options import DocumentOptions
from eligibility_desk.documents.slips import RenderResult, load_batch, render_slips

__all__ = ["DocumentInputError", "DocumentOptions", "PrintBatch", "RenderCancelled", "RenderResult",
           "load_batch", "render_slips"]
