"""Scoring rules compiled from the ``assessment`` section of a standard's rule file (§1.9.2).

The code knows the vocabulary (parts, scale, pass mark, panel scoring, re-check windows); the numbers come
from the rule file.  :func:`scoring_rules` turns the plain dict into a frozen :class:`ScoringRules` with
:class:`~decimal.Decimal` bounds so that no score is ever compared as a binary float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any, Mapping

#: how a panel's mean is cut to the scale's decimals (rule file ``panel_rounding``)
ROUNDING_MODES = {"down": ROUND_DOWN, "half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}
#: how a panel's scores make the part's score (rule file ``panel_score``)
PANEL_METHODS = ("mean",)


class ScoringRuleError(ValueError):
    """The ``assessment`` section cannot be used for scoring; names the setting.  ``str()`` is the English
    message; ``code`` and ``params`` name the kind of mistake, which ``rules check`` words in Chinese
    (:mod:`eligibility_desk.rules_engine.messages`)."""

    def __init__(self, setting: str, reason: str, code: str = "", **params: Any):
        super().__init__(f"assessment.{setting}: {reason}" if setting else reason)
        self.setting = setting
        self.reason = reason
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PartSpec:
    code: str        # e.g. "theory"
    name: str        # 理论知识考试
    name_en: str     # Theory exam

    def label(self, lang: str = "zh") -> str:
        return self.name_en if lang.startswith("en") else self.name


@dataclass(frozen=True)
class ScoringRules:
    standard: str
    reference: str
    parts: Mapping[str, PartSpec]                 # in rule-file order
    parts_by_level: Mapping[str, tuple[str, ...]]
    scale_min: Decimal
    scale_max: Decimal
    decimals: int
    pass_mark: Decimal
    panel_method: str = "mean"
    panel_gap: Decimal | None = None
    panel_rounding: str = ROUND_DOWN
    recheck_request_days: int | None = None       # working days after publication to ask for a re-check
    recheck_answer_days: int | None = None        # working days after the request to answer it
    #: memo of accepted raw values -> Decimal (a one-decimal 0–100 scale has only 1,001 scores)
    score_cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)
    #: memo of (part, value) -> part result; results are immutable, so candidates share them
    result_cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def quantum(self) -> Decimal:
        """The smallest step of the scale: ``Decimal('0.1')`` for one decimal."""
        return Decimal(1).scaleb(-self.decimals)

    def required_parts(self, level: str | int) -> tuple[str, ...]:
        try:
            return self.parts_by_level[str(level)]
        except KeyError:
            raise KeyError(f"{self.standard} has no level {level}") from None

    def part_label(self, part: str, lang: str = "zh") -> str:
        spec = self.parts.get(part)
        return spec.label(lang) if spec else part


def scoring_rules(standard: Any) -> ScoringRules:
    """Compile the scoring rules of a :class:`~eligibility_desk.rules_engine.CompiledStandard` (or its spec)."""
    spec = getattr(standard, "spec", standard)
    section = spec.section("assessment")
    if not section:
        raise ScoringRuleError("", f"standard {spec.code} has no assessment section", "no_section", name="assessment")
    return compile_assessment(section, spec.code)


def compile_assessment(section: Mapping[str, Any], standard: str = "") -> ScoringRules:
    parts = {code: PartSpec(code, str(body.get("name", code)), str(body.get("name_en", body.get("name", code))))
             for code, body in section["parts"].items()}
    by_level = {str(level): tuple(codes or ()) for level, codes in section["parts_by_level"].items()}
    scale = section["scale"]
    decimals = scale.get("decimals", 0)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or decimals < 0:
        raise ScoringRuleError("scale.decimals", f"must be a whole number ≥ 0, got {decimals!r}", "whole_at_least", low=0,
                               value=decimals)
    method = section.get("panel_score", "mean")
    if method not in PANEL_METHODS:
        raise ScoringRuleError("panel_score", f"unknown method {method!r} (known: {', '.join(PANEL_METHODS)})",
                               "unknown_panel_method", value=method, known=", ".join(PANEL_METHODS))
    rounding = section.get("panel_rounding", "down")
    if rounding not in ROUNDING_MODES:
        raise ScoringRuleError("panel_rounding", f"unknown mode {rounding!r} (known: {', '.join(ROUNDING_MODES)})",
                               "unknown_rounding", value=rounding, known=", ".join(ROUNDING_MODES))
    gap = section.get("panel_gap_flag")
    recheck = section.get("recheck") or {}
    return ScoringRules(
        standard=standard,
        reference=str(section.get("reference", "")),
        parts=parts,
        parts_by_level=by_level,
        scale_min=_decimal(scale.get("min"), "scale.min"),
        scale_max=_decimal(scale.get("max"), "scale.max"),
        decimals=decimals,
        pass_mark=_decimal(section["pass_mark"], "pass_mark"),
        panel_method=method,
        panel_gap=_decimal(gap, "panel_gap_flag") if gap is not None else None,
        panel_rounding=ROUNDING_MODES[rounding],
        recheck_request_days=_days(recheck.get("request_window_working_days"), "recheck.request_window_working_days"),
        recheck_answer_days=_days(recheck.get("answer_working_days"), "recheck.answer_working_days"),
    )


def _decimal(value: Any, setting: str) -> Decimal:
    if value is None:
        raise ScoringRuleError(setting, "missing", "missing", key=setting.rsplit(".", 1)[-1])
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ScoringRuleError(setting, f"must be a number, got {value!r}", "not_number", value=value)
    try:
        return Decimal(str(value))
    except ArithmeticError:
        raise ScoringRuleError(setting, f"must be a number, got {value!r}", "not_number", value=value) from None


def _days(value: Any, setting: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ScoringRuleError(setting, f"must be a whole number of working days, got {value!r}", "working_days",
                               value=value)
    return value
