"""Reading 适用院校专业 straight from the seed texts, for checking the 1+X packs' major lists against them.

Written apart from the rule files on purpose: the lists in ``rules/lists/1x-*.yaml`` were typed from the
seeds, and this reads the seeds again by other means (all white space dropped, tier headings found by a
pattern, a trailing 「（参照……）」 removed by counting brackets), so that a typo, a dropped or an extra major in
a list shows up as a difference.

The seeds are not part of the repository: in CI a copy of ``shared/`` sits beside the clone
(``<repo>/../shared/seeds``); ``ELIGIBILITY_DESK_SEEDS`` names another folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_ENV = "ELIGIBILITY_DESK_SEEDS"

#: the seeds' names for the school tiers -> the rule files' school types (longest names first)
TIER_NAMES = {
    "高等职业教育本科学校": "vocational_undergraduate",
    "应用型本科学校": "undergraduate",
    "应用型本科": "undergraduate",
    "中等职业学校": "secondary_vocational",
    "高等职业学校": "higher_vocational",
    "中职": "secondary_vocational",
    "高职": "higher_vocational",
}
_TIER_HEADING = re.compile("(" + "|".join(TIER_NAMES) + ")[:：]")
_EDITIONS = {"original": "参照原版专业目录", "new": "参照新版职业教育专业目录"}


@dataclass(frozen=True)
class SeedPack:
    code: str
    seed: str          # file name prefix in the seeds folder
    annex: str | None  # the heading that starts the standard inside the seed (003 holds three annexes)
    section: str       # the heading of the majors section
    next_section: str  # the heading after it


PACKS = (
    SeedPack("1x-financial-digital-marketing", "000", None, "4 适用院校专业", "5 面向职业岗位"),
    SeedPack("530054", "001", None, "4 适用院校专业", "5 面向职业岗位"),
    SeedPack("530053", "004", None, "4 适用院校专业", "5 面向职业岗位"),
    SeedPack("1x-online-store-operation", "003", "附件1 网店运营推广", "5 面向院校专业领域", "6 职业技能等级标准"),
    SeedPack("1x-data-marketing", "003", "附件 2 数据营销", "4 适用院校专业", "5 面向职业岗位"),
    SeedPack("1x-social-ecommerce-operation", "003", "附件 3 社交电商运营", "4 适用院校专业", "5 面向职业岗位"),
)


def seeds_dir() -> Path | None:
    env = os.environ.get(SEEDS_ENV)
    folder = Path(env) if env else REPO_ROOT.parent / "shared" / "seeds"
    return folder if folder.is_dir() else None


@pytest.fixture(scope="module")
def seeds() -> Path:
    """The seed texts' folder (a fixture: import it into a test module); the test is skipped where they are not."""
    folder = seeds_dir()
    if folder is None:
        pytest.skip(f"the seed texts are not here (../shared/seeds beside the repository, or ${SEEDS_ENV})")
    return folder


def seed_text(folder: Path, prefix: str) -> str:
    (path,) = sorted(folder.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def _heading(text: str, heading: str, start: int = 0, whole_line: bool = True) -> int:
    """Where the line after a heading (optionally with markdown #'s) starts, at or after ``start``."""
    words = r"\s*".join(re.escape(word) for word in heading.split())
    pattern = re.compile(r"^#*\s*" + words + (r"\s*$" if whole_line else r".*$"), re.M)
    found = pattern.search(text, start)
    if found is None:
        raise LookupError(f"heading {heading!r} not found")
    return found.end()


def _strip_reference(body: str) -> str:
    """Drop a trailing bracketed note such as 「（参照普通高等学校……目录（截至2019年））」, nested brackets included."""
    while body.endswith(("）", ")")):
        depth = 0
        for i in range(len(body) - 1, -1, -1):
            depth += body[i] in "）)"
            depth -= body[i] in "（("
            if depth == 0:
                body = body[:i]
                break
        else:
            break
    return body


def _majors(body: str) -> list[str]:
    body = _strip_reference(body.rstrip("。."))
    body = _strip_reference(body.rstrip("。."))
    for tail in ("等专业", "等"):
        if body.endswith(tail):
            body = body[: -len(tail)]
            break
    return body.split("、")


def _by_tier(block: str) -> dict[str, list[str]]:
    flat = re.sub(r"\s+", "", block)
    marks = list(_TIER_HEADING.finditer(flat))
    out: dict[str, list[str]] = {}
    for mark, after in zip(marks, marks[1:] + [None]):
        body = flat[mark.end(): after.start() if after is not None else len(flat)]
        out[TIER_NAMES[mark.group(1)]] = _majors(body)
    return out


def seed_majors(folder: Path, pack: SeedPack) -> dict[tuple[str, str], list[str]]:
    """``{(school type, edition): [major, …]}`` as the seed writes them; edition is ``original``, ``new``,
    or ``""`` for a seed that does not split its lists by catalogue edition."""
    text = seed_text(folder, pack.seed)
    start = _heading(text, pack.annex, whole_line=False) if pack.annex else 0
    begin = _heading(text, pack.section, start)
    end = text.rfind("\n", 0, text.index(pack.next_section, begin))  # the start of its line
    section = text[begin:end]
    starts = {edition: section.find(words) for edition, words in _EDITIONS.items()}
    if all(at < 0 for at in starts.values()):
        return {(tier, ""): majors for tier, majors in _by_tier(section).items()}
    out = {}
    for edition, at in starts.items():
        at = section.index("\n", at)  # the rest of the heading line is not a list
        # up to the start of the other edition's heading line, if it comes later
        others = [section.rfind("\n", 0, other) for other in starts.values() if other > at]
        block = section[at: min(others) if others else len(section)]
        for tier, majors in _by_tier(block).items():
            out[(tier, edition)] = majors
    return out
