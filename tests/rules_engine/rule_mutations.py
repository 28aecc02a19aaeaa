"""Mutations of rule files for the loader's hostility tests (tests/rules_engine/test_loader_hostility.py) and
the wording of ``rules check`` (tests/cli/test_rules_words.py).

:func:`key_line_mutations` walks a rule file's ``key: value`` lines and yields, for each, the file with that
key deleted, renamed, its value wrapped in a list or a mapping, the line written twice, and — for numbers and
dates — the value replaced by text, negative, zero, huge, fractional, null or true numbers, and dates that do
not exist or are out of range.  They are text edits, so every mutation keeps the rest of the file (and its
line numbers) as it was."""

from __future__ import annotations

import re
from typing import Iterator

KEY = re.compile(r"^(?P<ind>\s*(?:- )?)(?P<key>[A-Za-z_\"0-9][^:#{}\[\]]*?):(?P<sep>\s*)(?P<val>[^#]*?)(?P<com>\s*#.*)?$")
NUMBERS = ('"{v}"', "-1", "0", "99999999999", "2.5", "null", "true")
DATES = ("2020-02-30", "0000-01-01", '"2020-13-01"', "2020-1-1", "20200101")


def key_line_mutations(text: str, per_key: int = 2, by_section: bool = False) -> Iterator[tuple[int, str, str]]:
    """``(line, kind, mutated text)`` for the ``key: value`` lines of ``text`` (1-based lines): the first
    ``per_key`` lines of each key at each indentation (the weights of level 3 are mutated like level 4's) —
    in each top-level section on its own with ``by_section``."""
    lines = text.split("\n")
    seen: dict[tuple[str, ...], int] = {}
    section = ""
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = KEY.match(line)
        if not m:
            continue
        ind, key, val = m["ind"], m["key"], m["val"].strip()
        section = key if not ind else section
        shape = (section if by_section else "", ind, key.strip('"') if not key.strip('"').isdigit() else "<level>")
        seen[shape] = seen.get(shape, 0) + 1
        if seen[shape] > per_key:
            continue

        def sub(new: str) -> str:
            return "\n".join(lines[:i] + [new] + lines[i + 1:])
        yield i + 1, "rename", sub(f"{ind}{key}_x:{m['sep']}{m['val']}")
        if not val:
            yield i + 1, "to-scalar", sub(f"{ind}{key}: 7")
            continue
        yield i + 1, "delete", "\n".join(lines[:i] + lines[i + 1:])
        yield i + 1, "to-list", sub(f"{ind}{key}: [{val}]")
        yield i + 1, "to-map", sub(f"{ind}{key}: {{k: {val}}}")
        if "- " not in ind:
            yield i + 1, "twice", "\n".join(lines[:i + 1] + [f"{ind}{key}: {val}"] + lines[i + 1:])
        if re.fullmatch(r"-?\d+(\.\d+)?", val):
            for new in NUMBERS:
                yield i + 1, f"number {new.format(v=val)}", sub(f"{ind}{key}: {new.format(v=val)}")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", val):
            for new in DATES:
                yield i + 1, f"date {new}", sub(f"{ind}{key}: {new}")


def reference_mutations(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, kind, mutated text)``: on each ``key: value`` line, the first word of the value that is not
    itself a key renamed (``theory`` -> ``theory_x``: a part, list, role, tier, school type or predicate
    the file does not know) and the first key inside a flow mapping renamed (``{min_x: 0, …}``)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = KEY.match(line)
        if not m or not m["val"].strip():
            continue
        start = m.start("val")
        for kind, pattern in (("unknown reference", r"(?<![\w.-])([A-Za-z_][\w-]*)(?!\s*:)"),
                              ("unknown inner key", r"([A-Za-z_][\w-]*)(?=\s*:)")):
            word = re.search(pattern, m["val"])
            if word:
                end = start + word.end(1)
                yield i + 1, kind, "\n".join(lines[:i] + [line[:end] + "_x" + line[end:]] + lines[i + 1:])


def billion_laughs_when(depth: int = 30) -> str:
    """A ``when:`` value (flow style, one line) whose aliases spell out to ``2**depth`` predicates: each level
    defines an anchor in its first item and repeats it in its second."""
    text = "&w0 {related_work: {years: 5}}"
    for d in range(1, depth + 1):
        text = f"&w{d} {{all: [{text}, *w{d - 1}]}}"
    return text


# --- several independent mistakes in one file ---------------------------------------------------------------

#: (kind, pattern of a line, its replacement): each edit makes exactly one mistake, on that line, that no
#: other edit of this table hides or repeats (a level's code is the exception: its clauses go with it, so
#: :func:`independent_mistakes` picks nothing else inside that level)
_ONE_LINE_MISTAKES: tuple[tuple[str, str, str], ...] = (
    # unknown keys: a declared level, a level's reference, a clause's text, the head's source
    ("unknown key", r'^(\s+- \{code: "\w+", name: [^}]*)\}\s*$', r"\1, colour: red}"),
    ("unknown key", r"^(\s{4})reference:(.*)$", r"\1referense:\2"),
    ("unknown key", r"^(\s{8})text:(.*)$", r"\1txt:\2"),
    ("unknown key", r"^(\s{2})source:(.*)$", r"\1sourse:\2"),
    # dates that do not exist, unquoted (YAML reads them as dates)
    ("bad date", r"^(\s{2}effective_from:) \d{4}-\d\d-\d\d\s*$", r"\1 2024-02-30"),
    ("bad date", r"^(\s{8}text:) .*$", r"\1 2021-13-01"),
    # level codes the standard does not declare
    # (NEW: a code no standard declares, a different one each time: two in one mapping are not one key twice)
    ("bad level code", r"^(\s{2}- level:) \S+\s*$", r"\1 NEW"),
    ("bad level code", r'^(\s{4})"\w+"(: \[.*\])\s*$', r'\1"NEW"\2'),                       # parts_by_level
    ("bad level code", r'^(\s{2})"\w+"(: \d+)\s*$', r'\1"NEW"\2'),                           # training_hours
    ("bad level code", r'^(\s{4})"\w+"(: \{[^:]+: \d+,.*\})\s*$', r'\1"NEW"\2'),             # weights
    # lists the folder does not have
    ("unknown list", r"^(\s{2}occupations: )(\S+)(.*)$", r"\1\2-nowhere\3"),
    ("unknown list", r"^(\s{4}\w+: )(related-majors-\S+|1x-\S+-majors-\S+)(.*)$", r"\1\2-nowhere\3"),
    # clauses of the wrong shape
    ("clause shape", r"^(.*related_work: \{years: )\d+\}(.*)$", r"\1-1}\2"),
    ("clause shape", r"^(.*work_after_certificate: \{level: )\d(, years: \d+\}.*)$", r"\g<1>9\2"),
    ("clause shape", r"^(.*work_after_title: \{grade: )\w+(, years: \d+\}.*)$", r"\1chief\2"),
    ("clause shape", r"^(\s+(?:- )?)certificate(: \{level: \d\}.*)$", r"\1certificat\2"),
    ("clause shape", r"^(\s+related_major:) (true|false)\s*$", r"\1 maybe"),
    ("clause shape", r"^(\s+listed_major: \{otherwise: )review(\}.*)$", r"\1perhaps\2"),
)


def _blocks(lines: list[str]) -> dict[int, tuple[int, int]]:
    """For each ``  - level:`` line (0-based), the lines of its block (up to the next level or section)."""
    starts = [i for i, line in enumerate(lines) if re.match(r"^\s{2}- level:", line)]
    out = {}
    for start in starts:
        end = start + 1
        while end < len(lines) and not re.match(r"^(\s{2}- level:|\S)", lines[end]):
            end += 1
        out[start] = (start, end)
    return out


def _predicate_group(lines: list[str], i: int) -> int:
    """The line of the predicate a parameter line belongs to (``related_major:`` under ``education:``)."""
    if re.match(r"^\s+related_major:", lines[i]):
        j = i
        while j > 0 and not re.search(r"\b(education|enrolled):\s*$", lines[j]):
            j -= 1
        return j
    return i


def mistake_sites(text: str) -> list[tuple[int, str, str]]:
    """Every ``(line index, kind, new line)`` of :data:`_ONE_LINE_MISTAKES` that applies to ``text``."""
    lines = text.split("\n")
    sites = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        for kind, pattern, replacement in _ONE_LINE_MISTAKES:
            if re.match(pattern, line):
                sites.append((i, kind, re.sub(pattern, replacement, line, count=1)))
    return sites


def independent_mistakes(text: str, count: int, rng) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with ``count`` (or as many as fit) independent one-line mistakes chosen by ``rng``, and their
    ``(1-based line, kind)``, in file order: at most one per line and per predicate, and nothing inside a
    level whose code is made wrong (its clauses are skipped with it)."""
    lines = text.split("\n")
    blocks = _blocks(lines)
    sites = mistake_sites(text)
    rng.shuffle(sites)
    chosen: dict[int, tuple[str, str]] = {}
    taken_groups: set[int] = set()
    closed: list[tuple[int, int]] = []
    for i, kind, new in sites:
        if len(chosen) >= count:
            break
        group = _predicate_group(lines, i)
        if i in chosen or group in taken_groups or any(a <= i < b for a, b in closed):
            continue
        if i in blocks:
            a, b = blocks[i]
            if any(a <= j < b for j in chosen):
                continue
            closed.append((a, b))
        chosen[i] = (kind, new)
        taken_groups.add(group)
    for n, (i, (_kind, new)) in enumerate(sorted(chosen.items())):
        lines[i] = new.replace("NEW", f"{70 + n}")
    return "\n".join(lines), sorted((i + 1, kind) for i, (kind, _new) in chosen.items())
