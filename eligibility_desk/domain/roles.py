"""Roles and the actor who acts (issue 14): Qt-free, no database.

An :class:`Actor` is an authenticated account as the services see it — its name (the one audit rows carry),
the name shown to people, and its roles.  Services check roles with
:func:`eligibility_desk.services.accounts.require`; what each role may do is in docs/accounts.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    ADMIN = "admin"            # 管理员: accounts, check-code keys, centre settings
    CLERK = "clerk"            # 审核员: import, edit applicants, screen, decide
    SUPERVISOR = "supervisor"  # 复核人: review others' decisions, lock, corrections after lock, publication
    PLANNER = "planner"        # 考务: resources, plans, 定稿, printing
    RECORDER = "recorder"      # 录分员: score entry
    VIEWER = "viewer"          # 查看: read only

    def __str__(self) -> str:  # "clerk", not "Role.CLERK", wherever a role is written out
        return self.value


_LABELS = {
    Role.ADMIN: ("管理员", "Administrator"),
    Role.CLERK: ("审核员", "Clerk"),
    Role.SUPERVISOR: ("复核人", "Supervisor"),
    Role.PLANNER: ("考务", "Planner"),
    Role.RECORDER: ("录分员", "Score recorder"),
    Role.VIEWER: ("查看", "Viewer"),
}

#: roles that never see a full 身份证号 (lists and exports mask it) when they are all an actor has
_MASKED_ROLES = frozenset({Role.VIEWER, Role.PLANNER})

#: how many characters of a 身份证号 stay visible at each end (region code; last four)
MASK_KEEP_START = 6
MASK_KEEP_END = 4
MASK_CHAR = "*"


def role_label(role: Role | str, lang: str = "zh") -> str:
    """The role's name for people: 「复核人」, or "Supervisor" for ``lang="en"``."""
    zh, en = _LABELS[Role(role)]
    return en if lang.startswith("en") else zh


def parse_roles(text) -> frozenset[Role]:
    """Roles from ``"clerk,supervisor"`` (or an iterable of names / roles, or Chinese labels).
    :class:`ValueError` naming the unknown ones."""
    if isinstance(text, str):
        parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",")]
    else:
        parts = [str(p.value if isinstance(p, Role) else p).strip() for p in text]
    by_label = {zh: role for role, (zh, _en) in _LABELS.items()}
    roles, unknown = set(), []
    for part in filter(None, parts):
        role = by_label.get(part)
        if role is None:
            try:
                role = Role(part.lower())
            except ValueError:
                unknown.append(part)
                continue
        roles.add(role)
    if unknown:
        raise ValueError("unknown role(s): " + ", ".join(unknown) + "; known: " + ", ".join(r.value for r in Role))
    return frozenset(roles)


@dataclass(frozen=True)
class Actor:
    """Who acts: an authenticated account's name, display name and roles."""

    name: str
    display_name: str
    roles: frozenset[Role]

    def has(self, role: Role | str) -> bool:
        return Role(role) in self.roles

    def __str__(self) -> str:
        return self.name


def sees_id_numbers(actor: Actor | None) -> bool:
    """Whether the actor may see full 身份证号: not when its roles are only viewer and/or planner (or none)."""
    return actor is not None and not actor.roles <= _MASKED_ROLES


def mask_id_number(text: str | None) -> str:
    """``110105********1234``: the first 6 and last 4 characters kept; text too short to keep both ends with
    something hidden between them is masked whole."""
    text = "" if text is None else str(text)
    keep = MASK_KEEP_START + MASK_KEEP_END
    if len(text) <= keep:
        return MASK_CHAR * len(text)
    return text[:MASK_KEEP_START] + MASK_CHAR * (len(text) - keep) + text[-MASK_KEEP_END:]
