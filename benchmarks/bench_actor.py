"""The actor a benchmark works as (issue 14: every change needs an account with the role for it), and the same
call on a checkout from before accounts, so before/after runs side by side keep working."""

from __future__ import annotations


def bench_actor(name: str = "bench"):
    """An actor with every role, or ``name`` itself on a checkout without accounts."""
    try:
        from eligibility_desk.domain.roles import Actor, Role
    except ImportError:          # before accounts: services took a name
        return name
    return Actor(name, name, frozenset(Role))


def open_desk(desk_class, url: str, name: str = "bench"):
    """``desk_class.open(url, …)`` acting as :func:`bench_actor`."""
    actor = bench_actor(name)
    return desk_class.open(url, user=actor) if isinstance(actor, str) else desk_class.open(url, actor)
