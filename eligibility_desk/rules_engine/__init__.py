"""Loading, checking and compiling rule files; screening applicants; explaining verdicts."""

from eligibility_desk.rules_engine.engine import CompiledStandard
from eligibility_desk.rules_engine.errors import NoRuleVersionError, RuleFileError
from eligibility_desk.rules_engine.library import RuleLibrary, default_rules_dir
from eligibility_desk.rules_engine.model import Standard

__all__ = ["CompiledStandard", "NoRuleVersionError", "RuleFileError", "RuleLibrary", "Standard", "default_rules_dir"]
