"""Interchange JSON (docs/interchange.md) read for an import: decoded (UTF-8, UTF-8 with a byte-order mark, UTF-16
with one), parsed by orjson nested at most :data:`MAX_JSON_DEPTH` deep, checked for keys given twice in one object
(:mod:`eligibility_desk.domain.interchange_keys`), each record parsed and checked; every problem names the record
(第 N 行 = the N-th applicant) and the field.  No database here: :mod:`.importing` writes what passes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from eligibility_desk.domain.errors import InvalidRecord
from eligibility_desk.domain.validation import check_applicant
from eligibility_desk.services.records.import_rows import ParsedImport
from eligibility_desk.services.summaries import ImportProblem

#: nesting of an interchange JSON file (orjson's own limit; the format needs 4 levels)
MAX_JSON_DEPTH = 1024


def parse_json(path: Path, today: date) -> ParsedImport:
    """Every record of the interchange file ``path`` read and checked, every problem kept (the file is refused
    when there is any).  ``OSError`` for a file that cannot be read, ``ValueError`` (its message in Chinese) for
    one that is no interchange document."""
    from eligibility_desk.domain.interchange import parse_applicant, read_document
    from eligibility_desk.domain.interchange_keys import may_repeat, repeated_keys

    text = _utf8(path.read_bytes())
    document = load_json(text)
    records = read_document(document)
    # a key given twice in one object (the last would silently win): the exact look only when the cheap count
    # says one may be (interchange_keys.py)
    repeats = repeated_keys(text) if may_repeat(text, document) else ()
    del document, text
    parsed = ParsedImport(rows=len(records))
    _repeat_problems(parsed.problems, path.name, records, repeats)
    if not records:  # {"applicants": []}: refused, not "0 imported"
        parsed.problems.append(ImportProblem(path.name, 0, "", "", "no_applicants_json", {"value": path.name}))
    seen: dict[str, int] = {}
    for position, raw in enumerate(records):
        number = position + 1
        try:
            applicant = parse_applicant(raw, position)
            errors = check_applicant(applicant, today)
        except InvalidRecord as exc:
            errors = exc.errors
            applicant = None
        for e in errors:
            parsed.problems.append(ImportProblem(path.name, number, e.field, _json_value(raw, e.field), e.code, e.params))
        if applicant is None or errors:
            continue
        if applicant.id_number in seen:
            parsed.problems.append(ImportProblem(path.name, number, "id_number", applicant.id_number, "duplicate_in_file",
                                                 {"value": applicant.id_number, "other": seen[applicant.id_number]}))
            continue
        seen[applicant.id_number] = number
        parsed.applicants.append(applicant)
        parsed.levels[applicant.id_number] = ()
    return parsed


def _repeat_problems(problems: list, source: str, records: list, repeats) -> None:
    """A problem for each key given twice in one object: naming the applicant (第 N 行 = the N-th record, and
    their ID number where the record gives one) and the field (``work[0].start``), or the file's own key."""
    from eligibility_desk.domain.interchange_keys import field_path
    from eligibility_desk.domain.text_policy import visible

    for path, key, count in repeats:
        if len(path) >= 2 and path[0] == "applicants" and isinstance(path[1], int):
            number, where = path[1] + 1, field_path(path[2:], key)
            record = records[path[1]] if path[1] < len(records) else None
            id_number = record.get("id_number") if isinstance(record, dict) else None
        else:
            number, where, id_number = 0, field_path(path, key), None
        params = {"key": visible(key, 40), "count": count}
        if isinstance(id_number, str) and id_number.strip():
            problems.append(ImportProblem(source, number, where, "", "duplicate_key_of",
                                          {**params, "id_number": visible(id_number.strip(), 40)}))
        else:
            problems.append(ImportProblem(source, number, where, "", "duplicate_key", params))


def _utf8(data: bytes) -> bytes:
    """An interchange file's bytes as UTF-8 JSON text: a UTF-8 byte-order mark dropped, UTF-16 with its mark
    (Windows "Unicode") re-encoded."""
    import codecs

    if data.startswith(codecs.BOM_UTF8):  # Windows Notepad's UTF-8: the mark is not part of the text
        return data[len(codecs.BOM_UTF8):]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # "Unicode" as Windows saves it
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeError as exc:
            raise ValueError(f"不是有效的 UTF-16 文本：{exc}") from None
    return data


def load_json(data: bytes):
    """JSON text (UTF-8: :func:`_utf8`) -> Python, nested at most :data:`MAX_JSON_DEPTH` deep (orjson refuses
    deeper input; the standard library's parser, the fallback, raises RecursionError, caught here)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        try:
            return json.loads(data)
        except RecursionError:
            raise ValueError(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）") from None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if "depth" in str(exc) or "recursion" in str(exc):
            raise ValueError(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）：{exc}") from None
        if "UTF-8" in str(exc):
            raise ValueError(f"JSON 文件应为 UTF-8 编码（GBK 等编码请另存为 UTF-8）：{exc}") from None
        raise ValueError(f"不是有效的 JSON：{exc}") from None


def _json_value(raw, field: str) -> str:
    """The value at ``work[0].end`` in a raw record, for the report ('' if not there)."""
    import re

    node = raw
    for name, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", field):
        if not isinstance(node, dict):
            return ""
        node = node.get(name)
        if index:
            if not isinstance(node, list) or int(index) >= len(node):
                return ""
            node = node[int(index)]
    if node is None or isinstance(node, (dict, list)):
        return ""
    from eligibility_desk.domain.text_policy import visible

    return visible(node)
