"""Checking an applicant being edited with the same validators the import uses.

The form edits an interchange-shaped dict (strings as typed, enumeration values, flags); this module turns
it into an :class:`~eligibility_desk.domain.Applicant` or a list of field errors (``work[0].end``: code +
parameters), worded in the interface language by :meth:`FieldError.message`.
"""

from __future__ import annotations

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.domain.interchange import applicant_to_dict, parse_applicant


def draft_of(applicant: Applicant) -> dict:
    """An applicant as the form's editable dict (dates as ISO text)."""
    data = applicant_to_dict(applicant)
    data["id_number"] = data.get("id_number") or ""
    for kind, keys in (("education", ("school", "graduated_on")), ("work", ("employer", "start", "end")),
                       ("certificates", ("number", "obtained_on")), ("titles", ("name", "obtained_on"))):
        for record in data[kind]:
            for key in keys:
                record.setdefault(key, "")
                if record[key] is None and key != "end":
                    record[key] = ""
            if kind == "work" and record["end"] is None:
                record["end"] = ""
    return data


def empty_draft() -> dict:
    return {"id": "", "name": "", "id_number": "", "education": [], "work": [], "certificates": [], "titles": []}


def _clean(draft: dict) -> dict:
    """Typed text stripped; empty optional dates as null."""
    out = {key: (value.strip() if isinstance(value, str) else value) for key, value in draft.items()
           if not isinstance(value, list)}
    for kind in ("education", "work", "certificates", "titles"):
        out[kind] = [{k: (v.strip() if isinstance(v, str) else v) for k, v in record.items()} for record in draft[kind]]
        for record in out[kind]:
            for key in ("graduated_on", "end", "start", "obtained_on"):
                if record.get(key) == "":
                    record[key] = None
    return out


def validate_draft(draft: dict) -> tuple[Applicant | None, list[FieldError]]:
    try:
        return parse_applicant(_clean(draft)), []
    except InvalidRecord as exc:
        return None, list(exc.errors)
