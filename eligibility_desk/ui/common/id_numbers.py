"""身份证号 as the window shows it to the account at the desk: whole for the roles that work with it, masked
(``110105********1234``, :func:`~eligibility_desk.domain.roles.mask_id_number`) for an account whose roles are
only 查看 and/or 考务 (:func:`~eligibility_desk.domain.roles.sees_id_numbers`).  Every list, form and preview
that shows a 身份证号 asks here — one policy, not one per view."""

from __future__ import annotations

from eligibility_desk.domain.roles import mask_id_number, sees_id_numbers


def masks_for(actor) -> bool:
    """Whether the window masks 身份证号 for ``actor`` (an account known not to need them)."""
    return actor is not None and not sees_id_numbers(actor)


def shown_id_number(text: str | None, masked: bool) -> str:
    text = text or ""
    return mask_id_number(text) if masked and text else text
