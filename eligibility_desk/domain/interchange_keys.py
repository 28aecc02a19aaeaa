"""Keys given twice in one JSON object (issue 15): refused, not the last one silently kept.

Every JSON reader of the desk (orjson, msgspec, the standard library's) keeps the last of two equal keys in
an object.  In a file the user gives that hides data: ``{"name": "张三", …, "name": "李四"}`` would store 李四.

* :func:`key_count` and :func:`may_repeat` are the cheap signal the interchange import takes on every file: a
  JSON text has exactly one ``:`` outside strings per key, so when the parsed document holds as many keys as
  the text has colons, no key was given twice.  More colons than keys — a key given twice, or a colon inside
  a text (a time, a URL) — sends the file to :func:`repeated_keys`, the exact look.  Counting the colons is a
  ``memchr`` pass (9 ms for 21 MB); counting the keys a walk over the parsed records (docs/records.md).
* :func:`repeated_keys` parses the text again with the standard library, whose ``object_pairs_hook`` sees
  every pair, and names each repeated key by its path (``("applicants", 2, "work", 0, "start")``).
* :func:`strict_pairs` is that hook for the readers of smaller files (plans, scenarios): it raises
  :class:`RepeatedKey` at the first repeat.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

_LIST, _DICT = list, dict


class RepeatedKey(ValueError):
    """A key given twice in one object (raised by :func:`strict_pairs`)."""

    def __init__(self, key: str, count: int = 2):
        super().__init__(f"「{key}」在同一对象中出现了 {count} 次 / the key '{key}' is given {count} times in one object")
        self.key, self.count = key, count


class Repeat(NamedTuple):
    path: tuple          # the object's place: keys and list indexes from the top (("applicants", 2, "work", 0))
    key: str
    count: int


def strict_pairs(pairs: list[tuple[str, Any]]) -> dict:
    """``object_pairs_hook`` for :func:`json.loads`: a dict, or :class:`RepeatedKey` when a key repeats."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: dict[str, int] = {}
        for key, _value in pairs:
            seen[key] = seen.get(key, 0) + 1
        key, count = next((k, n) for k, n in seen.items() if n > 1)
        raise RepeatedKey(key, count)
    return out


def strict_loads(text: str | bytes) -> Any:
    """:func:`json.loads` refusing a key given twice in any object (:class:`RepeatedKey`)."""
    return json.loads(text, object_pairs_hook=strict_pairs)


def _nested_keys(node) -> int:
    """Keys in every object under ``node`` (any shape: the ``extra`` of a record, or a malformed one)."""
    count, stack = 0, [node]
    pop, push = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = item.__class__
        if kind is _DICT:
            count += len(item)
            push(item.values())
        elif kind is _LIST:
            push(item)
    return count


def key_count(document: Any) -> int:
    """How many keys the parsed ``document`` holds in its objects — never more than it holds (so that equal to
    the text's colons means no key repeats), and exactly as many for interchange records: the objects of a
    record's lists are counted at C speed; objects nested inside them are not counted (a file that has them
    gets the exact look)."""
    if document.__class__ is not _DICT:
        return _nested_keys(document)
    count = len(document)
    size = dict.__len__
    for name, records in document.items():
        if name != "applicants" or records.__class__ is not _LIST:
            count += _nested_keys(records)
            continue
        for record in records:
            if record.__class__ is not _DICT:
                count += _nested_keys(record)
                continue
            count += len(record)
            for value in record.values():
                kind = value.__class__
                if kind is _LIST:
                    try:
                        count += sum(map(size, value))
                    except TypeError:   # not every item an object: the objects among them
                        count += sum(len(item) for item in value if item.__class__ is _DICT)
                elif kind is _DICT:
                    count += _nested_keys(value)
    return count


def may_repeat(data: bytes, document: Any) -> bool:
    """Whether a key may be given twice in the JSON text ``data`` (UTF-8) that parsed into ``document``: never
    false when one is."""
    return data.count(b":") != key_count(document)


class _Marked(dict):
    """An object whose pairs held a repeated key: ``repeats`` lists (key, count)."""

    __slots__ = ("repeats",)


def _marking(pairs: list[tuple[str, Any]]) -> dict:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: dict[str, int] = {}
    for key, _value in pairs:
        seen[key] = seen.get(key, 0) + 1
    marked = _Marked(out)
    marked.repeats = [(k, n) for k, n in seen.items() if n > 1]
    return marked


def repeated_keys(data: bytes | str) -> list[Repeat]:
    """Every key given more than once in one object of the JSON text ``data``, with the object's path, in
    document order.  ``ValueError`` for text that is not JSON (or nested too deep for the standard library)."""
    try:
        document = json.loads(data, object_pairs_hook=_marking)
    except RecursionError:
        raise ValueError("JSON 嵌套过深") from None
    out: list[Repeat] = []
    stack: list[tuple[tuple, Any]] = [((), document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if node.__class__ is _Marked:
                out.extend(Repeat(path, key, count) for key, count in node.repeats)
            stack.extend((path + (key,), value) for key, value in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((path + (i,), value) for i, value in reversed(list(enumerate(node))))
    return out


def field_path(path: tuple, key: str) -> str:
    """``("work", 0)`` + ``"start"`` -> ``work[0].start`` (the way record problems name their field)."""
    text = ""
    for part in (*path, key):
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text
