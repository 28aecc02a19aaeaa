"""A refusal from the services as the window says it: the exception's own words in the interface language
(``message(lang)``: PermissionDenied naming the missing role, AuthenticationFailed, AccountError, InvalidRecord,
StaleRecordError …), else its text — never a traceback."""

from __future__ import annotations


def refusal_text(exc: BaseException, lang: str = "zh") -> str:
    message = getattr(exc, "message", None)
    if callable(message):
        try:
            return str(message(lang))
        except TypeError:       # a message() that takes no language
            return str(message())
    text = str(exc).strip()
    return text or exc.__class__.__name__


def permission_denied() -> type:
    """:class:`~eligibility_desk.services.accounts.PermissionDenied`, imported when first needed (the window is
    built before the database layer loads): ``except (ScoreError, permission_denied()) as exc:``."""
    from eligibility_desk.services.accounts import PermissionDenied

    return PermissionDenied
