"""Checking an applicant being edited with the same validators the import uses.

The form edits an interchange-shaped dict (strings as typed, enumeration values, flags); this module turns
it into an :class:`~eligibility_desk.domain.Applicant` or a list of field errors (``work[0].end``: code +
parameters), worded in the interface language by :meth:`FieldError.message`.  Dates are read with the
import's :func:`~eligibility_desk.domain.validation.parse_date` (2019-03-01, 2019/3/1, 2019年3月1日 …) and
the whole record is checked with :func:`~eligibility_desk.domain.validation.check_applicant` (ID number
checksum and birth date, required fields, end not before start, no future dates) — the same rules
``Desk.save_applicant`` enforces.
"""

from __future__ import annotations

from dataclasses import replace

from eligibility_desk.domain.applicant import Applicant
from eligibility_desk.domain.errors import FieldError, InvalidRecord
from eligibility_desk.domain.interchange import applicant_to_dict, parse_applicant
from eligibility_desk.domain.validation import Problem, check_applicant, parse_date

DATE_KEYS = ("graduated_on", "start", "end", "obtained_on", "finished_on", "started_on")
RECORD_KINDS = ("education", "work", "certificates", "titles", "training", "apprenticeships")
#: what the form shows for a job whose end the record does not give (interchange: no "end" key)
END_UNKNOWN = "不详"


#: the applicant's own fields the form edits beside the interchange ones; kept in ``Applicant.extra``
EXTRA_KEYS = ("phone",)


def draft_of(applicant: Applicant) -> dict:
    """An applicant as the form's editable dict (dates as ISO text); ``extra`` keeps what the form does not edit
    (so a save from the form never drops it) and the keys of :data:`EXTRA_KEYS` are edited as text."""
    data = applicant_to_dict(applicant)
    data["id_number"] = data.get("id_number") or ""
    data["birth_date"] = data.get("birth_date") or ""
    for kind in ("training", "apprenticeships"):
        data.setdefault(kind, [])
    for record in data["work"]:
        if "end" not in record:
            record["end"] = END_UNKNOWN
    for record in data["training"]:
        record["hours"] = f"{record['hours']:g}"
    extra = dict(applicant.extra or {})
    for key in EXTRA_KEYS:
        data[key] = str(extra.pop(key, "") or "")
    data["extra"] = extra
    for kind, keys in (("education", ("school", "graduated_on")), ("work", ("employer", "start", "end")),
                       ("certificates", ("number", "obtained_on", "standard")), ("titles", ("name", "obtained_on")),
                       ("training", ("finished_on",)), ("apprenticeships", ("finished_on", "started_on"))):
        for record in data[kind]:
            for key in keys:
                record.setdefault(key, "")
                if record[key] is None and key != "end":
                    record[key] = ""
            if kind == "work" and record["end"] is None:
                record["end"] = ""
    return data


def empty_draft() -> dict:
    return {"id": "", "name": "", "id_number": "", "birth_date": "", "phone": "", "extra": {}, "education": [],
            "work": [], "certificates": [], "titles": [], "training": [], "apprenticeships": []}


def _clean(draft: dict, errors: list[FieldError]) -> dict:
    """Typed text stripped; dates read in the forms clerks type (ISO out, problems into ``errors``)."""
    out = {key: (value.strip() if isinstance(value, str) else value) for key, value in draft.items()
           if not isinstance(value, (list, dict))}
    if out.get("birth_date"):
        try:
            born = parse_date(out["birth_date"])
            out["birth_date"] = born.isoformat() if born is not None else None
        except Problem as problem:
            errors.append(FieldError("birth_date", problem.code, problem.params))
            out["birth_date"] = None
    for kind in RECORD_KINDS:
        out[kind] = [{k: (v.strip() if isinstance(v, str) else v) for k, v in record.items()} for record in draft.get(kind, ())]
        for i, record in enumerate(out[kind]):
            if kind == "work" and record.get("end") == END_UNKNOWN:
                del record["end"]  # the end is not known: kept as such (review when it would decide)
            if kind == "training" and isinstance(record.get("hours"), str):
                try:
                    record["hours"] = float(record["hours"]) if record["hours"] else None
                except ValueError:
                    pass  # parse_applicant reports it (hours_range)
            for key in DATE_KEYS:
                if key not in record:
                    continue
                try:
                    value = parse_date(record[key])
                except Problem as problem:
                    errors.append(FieldError(f"{kind}[{i}].{key}", problem.code, problem.params))
                    value = None
                record[key] = value.isoformat() if value is not None else None
    return out


def validate_draft(draft: dict) -> tuple[Applicant | None, list[FieldError]]:
    """The applicant, or ``None`` and every problem (at most one per field, the first found)."""
    errors: list[FieldError] = []
    cleaned = _clean(draft, errors)
    applicant = None
    try:
        applicant = parse_applicant(cleaned)
    except InvalidRecord as exc:
        errors.extend(exc.errors)
        if not cleaned.get("id_number"):  # check_applicant's rule; it cannot run on an unreadable record
            errors.append(FieldError("id_number", "required"))
    if applicant is not None:
        errors.extend(check_applicant(applicant))
        extra = dict(draft.get("extra") or {})
        extra.update({key: cleaned[key] for key in EXTRA_KEYS if cleaned.get(key)})
        applicant = replace(applicant, extra=extra)
    first: dict[str, FieldError] = {}
    for error in errors:
        first.setdefault(error.field, error)
    return (applicant if not first else None), list(first.values())
