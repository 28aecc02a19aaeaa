"""Eligibility Desk: screening, planning, printing and scoring for vocational skill-assessment centres.

The package is layered; imports point down only::

    ui -> services -> (rules_engine, planning, scoring, documents, persistence) -> domain

Everything below ``ui`` is free of Qt, so a test or the command line can drive it without a display.
"""

__version__ = "0.1.0"
