"""What 关于 (About) and the window title say about this copy of the program: its version, when it was built,
and the rule versions it screens with.  Qt-free, so the command line or a help page can use it too
(ui/common/window_title.py words it for the title, ui/help_dialogs.py for 帮助 → 关于).

The build date is stamped when the desktop bundle is built (``packaging/build_info.py`` writes
``build_info.json``, which the spec puts beside this module in the bundle).  A source checkout or a wheel has
no such file: :attr:`AboutFacts.build_date` is then ``None`` and the wording says it runs from source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eligibility_desk import __version__

#: written by the bundle build (packaging/build_info.py) and shipped next to this module
BUILD_INFO = Path(__file__).with_name("build_info.json")


@dataclass(frozen=True)
class RuleVersion:
    code: str              # 4-07-02-06
    name: str              # 用户增长运营师
    version: str           # the rule file's version label, e.g. 2025-征求意见稿
    effective_from: date


@dataclass(frozen=True)
class AboutFacts:
    version: str
    build_date: date | None          # None: not a built bundle (a source checkout or a wheel)
    rules_dir: Path | None = None
    rule_versions: tuple[RuleVersion, ...] = ()
    rules_error: str = ""            # why the rule versions could not be read, if they could not
    extra: dict = field(default_factory=dict)   # the rest of build_info.json (platform, python, built_at)


def build_info(path: Path | None = None) -> dict:
    """The bundle's build stamp (``path``, else :data:`BUILD_INFO`), or ``{}`` when there is none (or it
    cannot be read)."""
    try:
        data = json.loads((path or BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def build_date(path: Path | None = None) -> date | None:
    try:
        return date.fromisoformat(str(build_info(path).get("build_date", "")))
    except ValueError:
        return None


def rule_versions(rules_dir: Path | str | None = None) -> tuple[Path, tuple[RuleVersion, ...]]:
    """The rules folder in use (``rules_dir``, else ``$ELIGIBILITY_DESK_RULES``, else the shipped one) and every
    version of every standard in it, oldest first.  Raises the rule library's errors."""
    from eligibility_desk.rules_engine.library import RuleLibrary

    library = RuleLibrary.load(rules_dir)
    versions = tuple(RuleVersion(s.spec.code, s.spec.name, s.spec.version, s.spec.effective_from)
                     for code in library.codes() for s in library.versions(code))
    return Path(library.root), versions


def about_facts(rules_dir: Path | str | None = None, with_rules: bool = True) -> AboutFacts:
    """Everything 关于 shows; a rules folder that cannot be read is reported in ``rules_error``, not raised."""
    info = build_info()
    extra = {k: v for k, v in info.items() if k not in ("version", "build_date")}
    built = build_date()
    if not with_rules:
        return AboutFacts(__version__, built, extra=extra)
    try:
        root, versions = rule_versions(rules_dir)
    except Exception as exc:  # noqa: BLE001 - a broken rule file must not keep 关于 from opening
        return AboutFacts(__version__, built, None, (), str(exc), extra)
    return AboutFacts(__version__, built, root, versions, "", extra)
