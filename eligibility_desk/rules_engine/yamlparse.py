"""Parsing rule YAML so that every mistake can name its line (PyYAML: imported only by a parse).

PyYAML's safe loader (libyaml's C parser when present) with three changes:

* mappings and sequences are read as :class:`LineDict` / :class:`LineList`, which remember the line of the
  mapping and of each key (item), so the loader can say ``line 42: clause 4-1: unknown key 'whn'``;
* a key written twice in one mapping is refused (PyYAML keeps the last one silently) and an unquoted date
  that does not exist (``2020-13-01``) is refused with its line, instead of escaping as a traceback — both
  without stopping the reading (:func:`read_yaml_text` returns them beside the document, the first value of
  the key and the date's text as :class:`BadDate` in place), so the loader can name every mistake of a file;
* an anchor whose alias refers back to itself (``&a [*a]``) is refused (the whole document: it has no shape);
* aliases that spell out to a huge document ("billion laughs") are refused before anything walks them.

The containers and :class:`YamlProblem` are :mod:`.yamlread`'s, which the engine imports without PyYAML;
problems are raised as :class:`YamlProblem` (``line``, ``message``); :mod:`.loader` adds the file.
"""

from __future__ import annotations

from typing import Any

import yaml
import yaml.reader
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode

from eligibility_desk.rules_engine.yamlread import BadDate, LineDict, LineList, YamlProblem

try:  # libyaml's C parser is ~10x faster; PyYAML wheels ship it
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):
    def __init__(self, stream):
        super().__init__(stream)
        #: mistakes that leave the rest of the document readable (a key written twice, a date that does not exist)
        self.soft: list[YamlProblem] = []


def _map(loader: _Loader, node: MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.lines = {}
    yield data
    seen: dict[Any, int] = {}
    twice: set[int] = set()
    for key_node, _value in node.value:  # the mapping's own keys, before any << merge
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(None, None, f"a key must be a plain value, got {type(key).__name__}", key_node.start_mark) from None
        if key in seen:
            twice.add(id(key_node))
            loader.soft.append(YamlProblem(key_node.start_mark.line + 1,
                                           f"key '{key}' is written twice in this mapping (first on line {seen[key]})",
                                           "key_twice", {"key": key, "first": seen[key]}))
            continue
        seen[key] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        if id(key_node) in twice:
            continue  # the first one counts; the second is reported
        key = loader.construct_object(key_node, deep=True)
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines.setdefault(key, key_node.start_mark.line + 1)


def _seq(loader: _Loader, node: SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


def _timestamp(loader: _Loader, node: Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        loader.soft.append(YamlProblem(node.start_mark.line + 1, f"'{node.value}' is not a real date ({exc})",
                                       "not_real_date", {"value": node.value}))
        return BadDate(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _check_acyclic(root: Node) -> bool:
    """Refuse an alias that refers to a node containing it (``&a [*a]``, ``&m {k: *m}``); return whether
    any node is reached twice (an alias: only then can the document spell out to more than it shows)."""
    on_path: set[int] = set()
    done: set[int] = set()
    shared = False
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, state = stack.pop()
        if state == 1:
            on_path.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in done:
            shared = True
            continue
        if id(node) in on_path:
            raise YamlProblem(node.start_mark.line + 1, "an alias (*name) refers back to the anchor (&name) that contains it",
                              "alias_cycle")
        if isinstance(node, (MappingNode, SequenceNode)):
            on_path.add(id(node))
            stack.append((node, 1))
            children = [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else node.value
            for child in children:
                if id(child) in on_path:
                    raise YamlProblem(child.start_mark.line + 1,
                                      "an alias (*name) refers back to the anchor (&name) that contains it", "alias_cycle")
                stack.append((child, 0))
    return shared


#: the most values a document may hold once its aliases are spelled out: a rule file holds a few thousand;
#: a "billion laughs" (aliases of aliases of aliases …) would hold billions, and walking it would never end
MAX_EXPANDED = 200_000


def _check_size(root: Node) -> None:
    """Refuse a document whose aliases, spelled out, make more than :data:`MAX_EXPANDED` values (each node's
    expanded size is counted once, so this costs one pass over the document as written)."""
    size: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in size:
            continue
        children = ([n for pair in node.value for n in pair] if isinstance(node, MappingNode)
                    else node.value if isinstance(node, SequenceNode) else ())
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in size)
            continue
        total = 1 + sum(size[id(child)] for child in children)
        if total > MAX_EXPANDED:
            raise YamlProblem(node.start_mark.line + 1, f"aliases (*name) here repeat the document to more than "
                                                        f"{MAX_EXPANDED:,} values — write the values out instead",
                              "too_many_values", {"limit": f"{MAX_EXPANDED:,}"})
        size[id(node)] = total


def load_yaml_text(text: str) -> Any:
    """Parse one YAML document with line tracking; :class:`YamlProblem` on any mistake (the first)."""
    doc, soft = read_yaml_text(text)
    if soft:
        raise soft[0]
    return doc


def read_yaml_text(text: str) -> tuple[Any, list[YamlProblem]]:
    """Parse one YAML document with line tracking: the document and the mistakes that leave the rest of it
    readable (in document order); :class:`YamlProblem` when it cannot be read at all."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if _check_acyclic(node):
            _check_size(node)
        doc = loader.construct_document(node)
        return doc, sorted(loader.soft, key=lambda p: p.line or 0)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a NUL, a control character)
        # libyaml counts its position in bytes, PyYAML's own reader in characters: find the character itself
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, found) + 1 if found >= 0 else None
        raise YamlProblem(line, f"not valid YAML: character U+{exc.character:04X} is not allowed in a YAML file"
                               if isinstance(exc.character, int) else f"not valid YAML: {exc}",
                          "bad_char" if isinstance(exc.character, int) else "yaml",
                          {"char": f"{exc.character:04X}"} if isinstance(exc.character, int) else {"detail": str(exc)},
                          where=where_broken(text[:found], cut=True) if found >= 0 else "") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        raise YamlProblem(mark.line + 1 if mark is not None else None, f"not valid YAML: {problem}",
                          params={"detail": problem}, where=where_broken(text)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"not valid YAML: {exc}", params={"detail": str(exc)}) from None
    except RecursionError:
        raise YamlProblem(None, "not valid YAML: nested too deeply", "nested") from None
    finally:
        loader.dispose()


#: the longest text before a character YAML does not allow that :func:`where_broken` reads again for its key path
#: (a rule file is ~20 KB; the limit is 5 MB)
_LONGEST_CUT = 512 * 1024

#: the longest key path :func:`where_broken` gives (a key is a word or two in a rule file; a broken file may
#: make a whole paragraph one key)
_LONGEST_WHERE = 200


def where_broken(text: str, cut: bool = False) -> str:
    """The key path (``levels[0].clauses[2].when``) of the value the reader was inside when ``text`` stopped
    being YAML — or, with ``cut``, where ``text`` (the part of a file before a character YAML does not allow)
    ends: its events are read again up to there, keeping the open mappings' keys and the open lists' indexes.
    ``""`` at the top of the document, or when the place is where a key belongs at the top.  Only called for a
    file that cannot be read (it parses the text a second time)."""
    stack: list[list] = []   # ["map", key, in_value] or ["seq", index]

    def begin() -> None:        # a node starts inside the innermost open collection
        if stack and stack[-1][0] == "seq":
            stack[-1][1] += 1

    def done(scalar: Any = None, is_scalar: bool = False) -> None:   # a node ended inside the innermost one
        if stack and stack[-1][0] == "map":
            top = stack[-1]
            if top[2]:
                top[2] = False                          # its value: the next node is a key
            else:
                top[1] = scalar if is_scalar else "?"   # its key (a list or mapping as a key: unnamed)
                top[2] = True

    if cut and len(text) > _LONGEST_CUT:
        return ""   # PyYAML's own parser reads ~1 MB/s: a huge file with a bad character is named by its line
    # the cut text by PyYAML's own parser, whose marks count characters (libyaml's count bytes)
    events = yaml.parse(text, Loader=yaml.SafeLoader if cut else _Base)
    try:
        for event in events:
            if cut and event.start_mark.index >= len(text):
                break
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                begin()
                if cut and event.end_mark.index >= len(text) and stack and stack[-1][0] == "map" and stack[-1][2]:
                    break   # the value the cut falls in
                done(getattr(event, "value", None), True)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                begin()
                stack.append(["map", None, False] if isinstance(event, yaml.MappingStartEvent) else ["seq", -1])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                if stack:
                    stack.pop()
                done()
        else:
            return ""   # it reads to its end: no place to name
    except (yaml.YAMLError, RecursionError):
        pass
    parts: list[str] = []
    for frame in stack:
        if frame[0] == "seq":
            if frame[1] < 0:
                break
            parts.append(f"[{frame[1]}]")
        else:
            if not frame[2]:
                break   # between a value and the next key: the place is this mapping itself
            parts.append(("." if parts else "") + str(frame[1]))
    return "".join(parts)[:_LONGEST_WHERE]
