"""The PyYAML side of :mod:`.yamlread`: its loader (libyaml's C parser when present) reading mappings and
sequences as :class:`~.yamlread.LineDict` / :class:`~.yamlread.LineList`, refusing a key written twice, a date
that does not exist, an alias that refers back to its anchor and aliases that spell out to a huge document.
Imported only when a rule file is parsed (:func:`.loader.read_yaml`)."""

from __future__ import annotations

from typing import Any

import yaml
import yaml.reader
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode

from eligibility_desk.rules_engine.yamlread import LineDict, LineList, YamlProblem

try:  # libyaml's C parser is ~10x faster; PyYAML wheels ship it
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):
    pass


def _map(loader: _Loader, node: MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.lines = {}
    yield data
    seen: dict[Any, int] = {}
    for key_node, _value in node.value:  # the mapping's own keys, before any << merge
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(None, None, f"a key must be a plain value, got {type(key).__name__}", key_node.start_mark) from None
        if key in seen:
            raise ConstructorError(None, None, f"key '{key}' is written twice in this mapping (first on line {seen[key]})",
                                   key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
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
        raise ConstructorError(None, None, f"'{node.value}' is not a real date ({exc})", node.start_mark) from None


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
            raise YamlProblem(node.start_mark.line + 1, "an alias (*name) refers back to the anchor (&name) that contains it")
        if isinstance(node, (MappingNode, SequenceNode)):
            on_path.add(id(node))
            stack.append((node, 1))
            children = [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else node.value
            for child in children:
                if id(child) in on_path:
                    raise YamlProblem(child.start_mark.line + 1,
                                      "an alias (*name) refers back to the anchor (&name) that contains it")
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
                                                        f"{MAX_EXPANDED:,} values — write the values out instead")
        size[id(node)] = total


def load_yaml_text(text: str) -> Any:
    """Parse one YAML document with line tracking; :class:`YamlProblem` on any mistake."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _check_acyclic(node):
            _check_size(node)
        return loader.construct_document(node)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a NUL, a control character)
        # libyaml counts its position in bytes, PyYAML's own reader in characters: find the character itself
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, found) + 1 if found >= 0 else None
        raise YamlProblem(line, f"not valid YAML: character U+{exc.character:04X} is not allowed in a YAML file"
                               if isinstance(exc.character, int) else f"not valid YAML: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        raise YamlProblem(mark.line + 1 if mark is not None else None, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(None, "not valid YAML: nested too deeply") from None
    finally:
        loader.dispose()
