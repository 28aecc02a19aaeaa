"""Interchange documents decoded straight into records the engine screens (docs/interchange.md).

:func:`decode_records` reads ``{"applicants": [...]}`` with msgspec's typed decoder: each record goes from its
JSON bytes into the typed structs below in one C call — types checked, ``YYYY-MM-DD`` dates read, enum values looked up, levels range-checked — and the structs are
screened as they are: they carry the attributes the engine reads from an :class:`Applicant` and its records,
with the same values :func:`eligibility_desk.domain.interchange.parse_applicant` would give them.  What is
left to Python per record is what types cannot say (texts the engine reads have nothing to strip, an ID
number's check digit, a class type only at a technician school, an end before its start).

A record this path is not sure of — a wrong type, a missing or blank field, a text with spaces to strip, a
rarer fact (birth date, training, apprenticeships, a 1+X certificate), an ID number with a problem — is
handed, as parsed JSON, to :func:`parse_applicant`, which reads it carefully and raises every problem with its
field, as it always did.  tests/domain/test_interchange_fast.py screens records both ways and compares.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

import msgspec
import orjson

from eligibility_desk.domain.applicant import ClassType, SchoolType, TitleGrade
from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.idnumber import id_number_problem

if TYPE_CHECKING:
    from eligibility_desk.domain.applicant import Applicant
# the careful parser (domain/interchange.py: parse_applicant, read_document, and with them the text policy) is
# imported where a record or a document needs it: a batch the typed decoder is sure of never does (the
# ``screen`` command's start, docs/benchmarks.md round nine)

UNSET = msgspec.UNSET
#: a text the engine reads (id, occupation, major, ID number): :func:`_sure` checks it is one the parser keeps
#: as it is (not empty, nothing for ``str.strip`` to remove) — in Python, 6x cheaper than a ``Meta`` pattern
Text = str
#: a required text the engine does not read (a name): the parser's fast path takes any non-empty text
Given = Annotated[str, msgspec.Meta(min_length=1)]
#: an optional text the engine does not read (employer, school, number, a title's name)
OptionalText = str | None
Level = Annotated[int, msgspec.Meta(ge=1, le=5)]  # a national level (domain.applicant.VALID_LEVELS)


class FastEducation(msgspec.Struct, gc=False, frozen=True):
    school_type: SchoolType
    major: Text
    graduated_on: date | None = None
    in_school: bool = False
    class_type: ClassType | None = None
    assessed: bool = False
    school: OptionalText = ""


class FastWork(msgspec.Struct, gc=False, frozen=True, rename={"given_end": "end"}):
    occupation: Text
    start: date
    given_end: date | None | msgspec.UnsetType = UNSET  # absent: the end is not known; null: still working
    employer: OptionalText = ""

    @property
    def end(self) -> date | None:
        end = self.given_end
        return None if end is UNSET else end

    @property
    def end_known(self) -> bool:
        return self.given_end is not UNSET


class FastCertificate(msgspec.Struct, gc=False, frozen=True):
    occupation: Text
    level: Level
    obtained_on: date | None = None
    number: OptionalText = ""
    standard: Literal[""] = ""  # a 1+X certificate (a standard's own levels): the careful path reads it


class FastTitle(msgspec.Struct, gc=False, frozen=True):
    grade: TitleGrade
    obtained_on: date
    profession_matches: bool | None = None
    name: OptionalText = ""


class FastApplicant(msgspec.Struct, gc=False, frozen=True,
                    rename={"given_birth_date": "birth_date", "given_training": "training",
                            "given_apprenticeships": "apprenticeships"}):
    """An applicant as the engine reads it.  Not a domain :class:`Applicant`: it never leaves the screening
    (results name it by ``id``)."""

    id: Text
    name: Given
    id_number: Text | None = None
    education: tuple[FastEducation, ...] = ()
    work: tuple[FastWork, ...] = ()
    certificates: tuple[FastCertificate, ...] = ()
    titles: tuple[FastTitle, ...] = ()
    # present at all: the careful path reads the record
    given_birth_date: Any = UNSET
    given_training: Any = UNSET
    given_apprenticeships: Any = UNSET

    birth_date: ClassVar[None] = None
    training: ClassVar[tuple] = ()
    apprenticeships: ClassVar[tuple] = ()
    extra: ClassVar[dict] = {}


class _Document(msgspec.Struct, gc=False):
    applicants: list[msgspec.Raw]


class _TypedDocument(msgspec.Struct, gc=False):
    applicants: list[FastApplicant]


_DOCUMENT = msgspec.json.Decoder(_Document)
_TYPED_DOCUMENT = msgspec.json.Decoder(_TypedDocument)
_RECORD = msgspec.json.Decoder(FastApplicant)
_DECODE_ERRORS = (msgspec.ValidationError, msgspec.DecodeError)
#: the values of ``SchoolType.is_technician_institution``'s members: a member's ``_value_`` in a set of str
#: is a C-level test, where the property hashes the member with Enum's Python-level ``__hash__``
_TECHNICIAN_VALUES = frozenset(t._value_ for t in SchoolType if t.is_technician_institution)


def _sure(record: FastApplicant) -> bool:
    """What the types cannot say, checked as :func:`parse_applicant` checks it."""
    if (record.given_birth_date is not UNSET or record.given_training is not UNSET
            or record.given_apprenticeships is not UNSET):
        return False
    text = record.id
    if not text or text.strip() != text:
        return False
    text = record.id_number
    if text is not None and (not text or text.strip() != text or id_number_problem(text)):
        return False
    for item in record.education:
        text = item.major
        if not text or text.strip() != text:
            return False
        if item.class_type is not None and item.school_type._value_ not in _TECHNICIAN_VALUES:
            return False
    for item in record.work:
        text = item.occupation
        if not text or text.strip() != text:
            return False
        end = item.given_end
        if end is not None and end is not UNSET and end < item.start:
            return False
    for item in record.certificates:
        text = item.occupation
        if not text or text.strip() != text:
            return False
    return True


def decode_records(data: bytes | str) -> list[FastApplicant | Applicant | InvalidRecord]:
    """Every record of an interchange document (JSON text), in order: a :class:`FastApplicant` (or, for a
    record the careful parser read, an :class:`Applicant`) ready to screen, or the :class:`InvalidRecord`
    :func:`parse_applicant` raises for it.  ``ValueError`` if the text is not an interchange document (the
    message :func:`read_document` gives; orjson's for text that is not JSON).

    The whole document is first decoded in one call; if that fails, or a record is not sure, it is decoded
    again record by record, so that each record's problems are its own."""
    try:
        typed = _TYPED_DOCUMENT.decode(data).applicants
    except _DECODE_ERRORS:
        typed = None
    if typed is not None:
        for record in typed:
            if not _sure(record):
                break
        else:
            return typed
    try:
        raws = _DOCUMENT.decode(data).applicants
    except _DECODE_ERRORS:
        from eligibility_desk.domain.interchange import read_document

        records = read_document(orjson.loads(data))
        return [_careful(record, i) for i, record in enumerate(records)]
    out: list[FastApplicant | Applicant | InvalidRecord] = []
    append = out.append
    decode = _RECORD.decode
    for i, raw in enumerate(raws):
        try:
            record = decode(raw)
        except _DECODE_ERRORS:
            append(_careful(orjson.loads(memoryview(raw)), i))
            continue
        append(record if _sure(record) else _careful(orjson.loads(memoryview(raw)), i))
    return out


def _careful(record: Any, position: int) -> Applicant | InvalidRecord:
    from eligibility_desk.domain.interchange import parse_applicant

    try:
        return parse_applicant(record, position)
    except InvalidRecord as exc:
        return exc
