"""Who the window's tests work as: an account with every role unless a test says otherwise — the services
check roles (issue 14), so a desk opened with a bare name (no roles) may only read."""

from __future__ import annotations

from eligibility_desk.domain.roles import Actor, Role


def every_role(name: str, display_name: str | None = None) -> Actor:
    return Actor(name, display_name or name, frozenset(Role))


def with_roles(name: str, *roles: Role) -> Actor:
    return Actor(name, name, frozenset(roles))
