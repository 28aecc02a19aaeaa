"""Reading the ``screen`` command's interchange file into records, whole or in two halves.

The whole file: :func:`record_texts` scans it into each record's undecoded text (msgspec ``Raw``), and each
half decodes its own records (:func:`decode_part`); :func:`decode_file` is the plain way for a file those
refuse.

In two halves, without a scan in the parent (:func:`split_file`, :func:`decode_file_half`): the parent only
looks for a likely boundary between two records near the middle of the file (a ``}, {`` followed by the key
the first record begins with); each worker then decodes its own half as a document of its own —
``data[:p + 1] + "]}"`` and ``'{"applicants": [' + data[q:]`` — strictly: the root may hold nothing but
``applicants`` (unknown keys refused) and the key must occur exactly once in the half.  Both halves decoding
so proves the split was a boundary of the ``applicants`` array itself (the text before ``p + 1`` ends at its
depth, outside a string, after a whole record; the text from ``q`` is the rest of that array and the end of
the document): the records are those of the whole file, in order.  If either half is refused, the command
reads the file the whole-file way (same records, same messages).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

import msgspec

from eligibility_desk.domain import interchange_fast
from eligibility_desk.domain.interchange_fast import FastApplicant

_DECODE_ERRORS = (msgspec.ValidationError, msgspec.DecodeError)
#: the document's head up to the first record's first key: ``{"applicants": [{"id":``
_HEAD = re.compile(rb'\s*\{\s*"applicants"\s*:\s*\[\s*\{\s*("[^"\\]{1,64}")\s*:')
_KEY = b'"applicants"'
#: a half's head, before ``data[q:]``
HALF_HEAD = b'{"applicants": ['


class _StrictRaws(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    applicants: list[msgspec.Raw]


class _StrictTyped(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    applicants: list[FastApplicant]


_STRICT_RAWS = msgspec.json.Decoder(_StrictRaws)
_STRICT_TYPED = msgspec.json.Decoder(_StrictTyped)
#: a mapped second half is decoded as the array it is (:func:`_mapped_half`)
_LIST_RAWS = msgspec.json.Decoder(list[msgspec.Raw])
_LIST_TYPED = msgspec.json.Decoder(list[FastApplicant])
#: what the shared decoder checks after its typed decode (domain/interchange_fast.py); without it every
#: half is read through its ``decode_records`` (same records, one more scan)
_SURE = getattr(interchange_fast, "_sure", None)


def record_texts(data: bytes) -> list | None:
    """Each record's JSON text, undecoded (one fast scan), so that each process decodes only its own half;
    ``None`` for a document that is not ``{"applicants": [...]}`` as the fast decoder reads it."""
    document = msgspec.defstruct("Document", [("applicants", list[msgspec.Raw])])
    try:
        return msgspec.json.decode(data, type=document).applicants
    except _DECODE_ERRORS:
        return None


def decode_part(raws: list, start: int, end: int) -> list:
    """Records ``[start, end)`` of :func:`record_texts`, decoded as :func:`decode_file` decodes them (an
    invalid record's error names its place in the whole file, not in the part)."""
    return _decode_raws(raws[start:end], start)


def parse_applicant(record, position: int):
    """The careful parser (domain/interchange.py), imported only when a record needs it: a batch the typed
    decoder is sure of never does."""
    from eligibility_desk.domain.interchange import parse_applicant as parse

    return parse(record, position)


def _decode_raws(raws: list, offset) -> list:
    """``raws`` (records ``offset, offset + 1, …`` of the file) decoded; ``offset`` may be a function giving
    it, asked only if a record is invalid."""
    from eligibility_desk.domain.errors import InvalidRecord
    from eligibility_desk.domain.interchange_fast import decode_records

    import orjson

    try:
        records = decode_records(b'{"applicants": [' + b",".join(raws) + b"]}") if raws else []
    except ValueError:  # text json reads and the fast decoders do not: the plain way, record by record
        offset = offset() if callable(offset) else offset
        records = []
        for i, raw in enumerate(raws):
            try:
                records.append(parse_applicant(json.loads(bytes(raw)), offset + i))
            except InvalidRecord as exc:
                records.append(exc)
        return records
    for i, record in enumerate(records):
        if record.__class__ is InvalidRecord:  # rare: read again, numbered by its place in the file
            if callable(offset):
                offset = offset()
            if not offset:
                break
            try:
                records[i] = parse_applicant(orjson.loads(memoryview(raws[i])), offset + i)
            except InvalidRecord as exc:
                records[i] = exc
    return records


def decode_file(data: bytes, path: str, read_document, error) -> list:
    """Every record of the file, decoded (domain/interchange_fast.py): ready to screen, or an ``InvalidRecord``.
    A file the decoder refuses as a whole is read the plain way, for its message (or its records);
    ``error(message)`` is the exception raised for a file that is not an interchange document."""
    from eligibility_desk.domain.errors import InvalidRecord
    from eligibility_desk.domain.interchange import parse_applicant
    from eligibility_desk.domain.interchange_fast import decode_records

    try:
        return decode_records(data)
    except ValueError:
        pass
    try:
        records = read_document(json.loads(data))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not valid JSON: {exc}") from None
    except ValueError as exc:
        raise error(f"{path}: {exc}") from None
    out = []
    for position, record in enumerate(records):  # JSON that json reads and orjson does not (NaN, …)
        try:
            out.append(parse_applicant(record, position))
        except InvalidRecord as exc:
            out.append(exc)
    return out


def _boundary(head: bytes):
    """The pattern of a boundary between two records of the file whose first bytes are ``head``."""
    found = _HEAD.match(head)
    if found is None:
        return None
    return re.compile(rb"\}\s*,\s*\{\s*" + re.escape(found.group(1)) + rb"\s*:")


def count_records(document) -> int:
    """How many records a (first) half holds."""
    return len(_STRICT_RAWS.decode(document).applicants)


def decode_document(document, offset, once: bool = True) -> list | None:
    """The records of a half (``document``: ``{"applicants": [...]}`` and nothing else), decoded as
    :func:`decode_part` decodes them; ``offset``: how many records come before them in the file, or a
    function giving it (asked only if one is invalid); ``None`` if it is not such a document.

    ``once``: refuse a document with the key more than once (the decoder would keep the last).  The first
    half can go without that scan: it begins with the key (the split's pattern) and ends inside the array
    of the last key it holds — the one the whole file's decoding keeps too, unless the second half names the
    key again, which that half refuses."""
    if once and document.count(_KEY) != 1:
        return None
    return _decode_checked(document, offset, _STRICT_TYPED, _STRICT_RAWS, True)


def _decode_checked(document, offset, typed, raws, root: bool) -> list | None:
    """The records of ``document`` by the decoders ``typed`` and ``raws`` (of ``{"applicants": [...]}`` if
    ``root``, else of the array itself): decoded straight into records when every one is sure to be valid
    (``_sure``), else record by record (:func:`_decode_raws`); ``None`` if the decoders refuse it."""
    try:
        typed = typed.decode(document)
        if root:
            typed = typed.applicants
    except _DECODE_ERRORS:
        typed = None
    if typed is not None and _SURE is not None and all(map(_SURE, typed)):
        return typed  # as decode_records returns them: nothing to number
    try:
        texts = raws.decode(document)
        if root:
            texts = texts.applicants
    except _DECODE_ERRORS:
        return None
    return _decode_raws(texts, offset)


# --- a file on disk: each worker reads its own half ---------------------------------------------------------

_HEAD_BYTES = 4096      # enough for the document's head and the first record's first key
_WINDOW = 1 << 18       # a boundary is looked for in this much of the file from its middle


class FileSplit(NamedTuple):
    path: str
    identity: tuple     # the file's (device, inode, size, mtime_ns) when split: each half checks it
    p: int              # the "}" ending the first half's last record
    q: int              # the "{" starting the second half's first record


def split_file(path: str, smallest: int, share: float = 0.5) -> FileSplit | None:
    """A :class:`FileSplit` of a regular file of at least ``smallest`` bytes, read only at its head and
    around its middle: ``p`` is the ``}`` of a record found from the middle on and ``q`` the ``{`` of the next,
    with only ``,`` and white space between — as far as the bytes show (the halves' decoding checks it,
    :func:`decode_document`); ``None`` if it is smaller or does not look like that.  ``share``: where the
    boundary is looked for from, as a share of the file's bytes (a half: the first of the two)."""
    import os

    try:
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            size = stat.st_size
            if size < smallest or not _is_file(stat.st_mode):
                return None
            boundary = _boundary(fh.read(_HEAD_BYTES))
            if boundary is None:
                return None
            middle = int(size * share)
            window = os.pread(fh.fileno(), _WINDOW, middle)
    except OSError:
        return None
    found = boundary.search(window)
    if found is None:
        return None
    p = middle + found.start()
    q = middle + window.index(b"{", found.start() + 1)
    return FileSplit(path, _identity(stat), p, q)


def read_half(split: FileSplit, second: bool):
    """One half of the split file as a document of its own (read straight into place: no copy), or
    ``None`` if the file is no longer the one that was split (or cannot be read)."""
    import os

    try:
        with open(split.path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            if _identity(stat) != split.identity:
                return None
            if second:
                size = stat.st_size - split.q
                buffer = bytearray(len(HALF_HEAD) + size)
                buffer[:len(HALF_HEAD)] = HALF_HEAD
                view, at = memoryview(buffer)[len(HALF_HEAD):], split.q
            else:
                size = split.p + 1
                buffer = bytearray(size + 2)
                buffer[size:] = b"]}"
                view, at = memoryview(buffer)[:size], 0
            while view:
                got = os.preadv(fh.fileno(), [view], at) if hasattr(os, "preadv") else _pread_into(fh, view, at)
                if got <= 0:
                    return None
                view, at = view[got:], at + got
            if _identity(os.fstat(fh.fileno())) != split.identity:
                return None
    except OSError:
        return None
    return buffer


def decode_file_half(split: FileSplit, second: bool, mapped: bool = False) -> list | None:
    """:func:`decode_document` of one half of the split file (read by :func:`read_half`).

    ``mapped``: the half is decoded from a private copy-on-write map of the file instead (no copy into a
    buffer of its own, :func:`_mapped_half`), where the file allows.  Only for a forked worker: a file cut
    short while it is mapped ends the process that reads it (SIGBUS) — a worker's end the command survives
    (nothing is written until both halves are accepted), the command's own would not be."""
    if mapped:
        found = _mapped_half(split, second)
        if found is not _UNMAPPED:
            return found
    document = read_half(split, second)
    if document is None:
        return None
    return decode_document(document, (lambda: _count_first(split)) if second else 0, second)


_UNMAPPED = object()
_BLANK = frozenset(b" \t\r\n")


def _mapped_half(split: FileSplit, second: bool):
    """:func:`decode_file_half` of a half read where it lies in the file, mapped copy-on-write: the bytes
    either side of the boundary are overwritten in this process's copy (one page copied), so that the half
    is a document there and then.

    * the first half, ``data[:p + 1] + "]}"``: the two bytes after ``p`` (a ``,`` and white space: the file
      has at least two between the records) become ``]}`` — the same document :func:`read_half` makes;
    * the second half: the byte before ``q`` (the ``,`` or white space) becomes ``[``, and what is decoded is
      that array, up to the ``]`` that, with white space, a ``}`` and white space, ends the file — the rest of
      the ``applicants`` array and the end of the document, as ``{"applicants": [ + data[q:]`` with only that
      key shows it (no key can follow the array: the document ends after it).

    The records, or ``None`` (refused, as :func:`decode_document` refuses), or :data:`_UNMAPPED` when the
    file cannot be mapped or read so (the boundary has a single byte between the records, the file is not
    the one split, no ``mmap``): :func:`read_half`'s way then."""
    import mmap
    import os

    try:
        with open(split.path, "rb") as fh:
            if _identity(os.fstat(fh.fileno())) != split.identity:
                return _UNMAPPED
            mapping = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
    except (OSError, ValueError):
        return _UNMAPPED
    p, q = split.p, split.q
    if second:
        end = len(mapping) - 1
        while end > q and mapping[end] in _BLANK:
            end -= 1
        if mapping[end] != 0x7D:  # "}": anything else after the array is the whole-file way's to judge
            return None
        end -= 1
        while end > q and mapping[end] in _BLANK:
            end -= 1
        if mapping[end] != 0x5D:  # "]"
            return None
        mapping[q - 1] = 0x5B  # "["
        view = memoryview(mapping)[q - 1:end + 1]
        records = _decode_checked(view, lambda: _count_first(split), _LIST_TYPED, _LIST_RAWS, False)
    else:
        if q - p < 3:
            return _UNMAPPED
        mapping[p + 1:p + 3] = b"]}"
        view = memoryview(mapping)[:p + 3]
        records = _decode_checked(view, 0, _STRICT_TYPED, _STRICT_RAWS, True)
    del view  # the records hold no reference to the mapping (msgspec copies what it decodes)
    try:
        if _identity(os.stat(split.path)) != split.identity:
            return None
    except OSError:
        return None
    return records


def _count_first(split: FileSplit) -> int:
    """How many records the first half of ``split`` holds (numbering the second's invalid ones)."""
    first = read_half(split, False)
    if first is None:
        raise OSError("the file changed while it was read")
    return count_records(first)


def _pread_into(fh, view, at: int) -> int:  # pragma: no cover - platforms without preadv
    fh.seek(at)
    return fh.readinto(view)


def _identity(stat) -> tuple:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _is_file(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)
