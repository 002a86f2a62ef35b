"""Safe YAML loading that remembers where every key and value came from.

PyYAML's loaders hand back plain data and forget positions; reporting
``file:line:col`` for an agency clerk needs them.  So this module builds the
data itself from libyaml's event stream (one pass, C parser), keeping a side
table of positions keyed by the value's path.  While it walks it refuses what
Prakat never accepts: duplicate keys (PyYAML silently keeps the last), explicit
tags, anchors and aliases.  Dates are kept as their source text so the schema,
not the YAML resolver, decides what a date is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Iterator, NamedTuple

import yaml

MAX_YAML_BYTES = 1024 * 1024
BOM = b"\xef\xbb\xbf"

Path_ = tuple[str | int, ...]

_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_SEQUENCE = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MAPPING = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
# YAML 1.1's implicit types by a plain scalar's first character, as the safe loader resolves them.
_IMPLICIT: dict[str | None, list[tuple[str, Any]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_WILDCARD = tuple(_IMPLICIT.get(None, ()))
_BY_FIRST = {first: tuple(found) + _WILDCARD for first, found in _IMPLICIT.items() if first is not None}


_RESOLVED: dict[str, str] = {}  # short plain scalars seen before (keys, true, false...): their tag
_RESOLVED_MAX = 4096


def _resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar: what ``yaml.resolver.Resolver.resolve`` answers."""
    known = _RESOLVED.get(value)
    if known is not None:
        return known
    tag = _STR
    for candidate, regexp in _BY_FIRST.get(value[:1], _WILDCARD):
        if regexp.match(value):
            tag = candidate
            break
    if len(value) <= 16 and len(_RESOLVED) < _RESOLVED_MAX:
        _RESOLVED[value] = tag
    return tag


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, resolving tags the same way at a fraction of the cost.

    The composer asks for a tag once per node, two million times on a national
    data set, and PyYAML's general resolver (path resolvers, per-call list
    building) was a quarter of the parse.  The safe loader has no path
    resolvers, so descending and ascending have nothing to track.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _resolve_plain(value) if implicit[0] else _STR
        return _SEQUENCE if kind is yaml.SequenceNode else _MAPPING


class Mark(NamedTuple):
    """A 1-based line and column.

    A named tuple, not a dataclass: a national data set makes a million of
    them, and a frozen dataclass takes several times longer to create.
    """

    line: int
    column: int


@dataclass(frozen=True)
class LoadProblem:
    """Something that stops a YAML file from being read as data."""

    code: str
    mark: Mark
    params: dict[str, str] = field(default_factory=dict)


class YamlDocument:
    """One file's data, and where each key and value of it was written.

    Positions are needed only to report a finding, and almost every record has
    none; so a document parsed by the fast path keeps its text and works its
    positions out when first asked (building them for every value of a national
    data set was a third of its parse).
    """

    __slots__ = ("data", "_values", "_keys", "_text", "_start")

    def __init__(self, data: Any, values: dict[Path_, Mark] | None = None,
                 keys: dict[Path_, Mark] | None = None, *, text: str | None = None,
                 start: Mark | None = None) -> None:
        self.data = data
        self._values = values
        self._keys = keys
        self._text = text
        self._start = start  # where the document's value starts, known without locating

    def _located(self) -> tuple[dict[Path_, Mark], dict[Path_, Mark]]:
        """(values, keys), worked out from the kept text the first time they are asked for."""
        if self._values is None or self._keys is None:
            located = _build_from_nodes(self._text or "")  # the text of a document _build composed
            self._values, self._keys, self._text = located.values, located.keys, None
        return self._values, self._keys

    @property
    def values(self) -> dict[Path_, Mark]:
        """Where each value starts, by its path (``()`` is the whole document)."""
        return self._located()[0]

    @property
    def keys(self) -> dict[Path_, Mark]:
        """Where each mapping key starts, by the path of its value."""
        return self._located()[1]

    def place(self, path: Path_) -> "Place":
        """The position of the value at ``path``, looked up only when its line or column is read."""
        return Place(self, path)

    def where(self, path: Path_, *, key: bool = False) -> Mark:
        """The position of ``path``; the nearest known ancestor when it has none.

        A missing key has no position of its own, so it is reported where its
        mapping starts, which is where a clerk would add it.
        """
        if (self._values is None and self._start is not None and path and isinstance(self.data, dict)
                and path[0] not in self.data):
            return self._start  # a missing top-level key (a common finding) needs no locating
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        probe = tuple(path)
        while probe:
            probe = probe[:-1]
            if probe in self.values:
                return self.values[probe]
        return Mark(1, 1)


class Place:
    """A value's position (a Mark's line and column), worked out when first read: a check can name
    where a finding would be before it knows whether there is one, without locating every record."""

    __slots__ = ("doc", "path")

    def __init__(self, doc: YamlDocument, path: Path_) -> None:
        self.doc, self.path = doc, path

    @property
    def line(self) -> int:
        return self.doc.where(self.path).line

    @property
    def column(self) -> int:
        return self.doc.where(self.path).column


class _Refused(Exception):
    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


@cache
def _constructor() -> yaml.constructor.SafeConstructor:
    return yaml.constructor.SafeConstructor()


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar as YAML 1.1 core types, except timestamps stay text."""
    if event.style:  # quoted or block scalars are always strings ("" or None is plain)
        return event.value
    return _scalar_value(_resolve_plain(event.value) if event.implicit[0] else _STR, event.value)


def _scalar_value(tag: str, value: str) -> Any:
    """A plain scalar resolved to ``tag``, built as YAML 1.1 core types; timestamps stay text."""
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    node = yaml.ScalarNode(tag, value)
    ctor = _constructor()
    if tag == "tag:yaml.org,2002:bool":
        return ctor.construct_yaml_bool(node)
    if tag == "tag:yaml.org,2002:int":
        return ctor.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:float":
        return ctor.construct_yaml_float(node)
    return value


class _Builder:
    """Turns one document's events into data plus position tables."""

    def __init__(self, events: Iterator[Any]) -> None:
        self.events = events
        self.values: dict[Path_, Mark] = {}
        self.keys: dict[Path_, Mark] = {}

    def _next(self) -> Any:
        return next(self.events)

    def _refuse_decorations(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            raise _Refused(LoadProblem("yaml.anchor", _mark(event), {"name": str(event.anchor)}))
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise _Refused(LoadProblem("yaml.tag", _mark(event), {"tag": str(tag)}))

    def node(self, event: Any, path: Path_) -> Any:
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(LoadProblem("yaml.alias", _mark(event), {"name": str(event.anchor)}))
        self._refuse_decorations(event)
        self.values[path] = _mark(event)
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while True:
                child = self._next()
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(child, path + (len(items),)))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            while True:
                key_event = self._next()
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                if isinstance(key_event, yaml.AliasEvent):
                    raise _Refused(LoadProblem("yaml.alias", _mark(key_event), {"name": str(key_event.anchor)}))
                self._refuse_decorations(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise _Refused(LoadProblem("yaml.complex_key", _mark(key_event)))
                key = str(_scalar(key_event))
                key_mark = _mark(key_event)
                if key in mapping:
                    first = self.keys[path + (key,)]
                    raise _Refused(LoadProblem(
                        "yaml.duplicate_key", key_mark, {"key": key, "first_line": str(first.line)}))
                self.keys[path + (key,)] = key_mark
                mapping[key] = self.node(self._next(), path + (key,))
        raise _Refused(LoadProblem("yaml.syntax", _mark(event), {"detail": type(event).__name__}))


def _decode(raw: bytes) -> str:
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    return raw.decode("utf-8")


def _position_of_byte(raw: bytes, offset: int) -> Mark:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return Mark(line, column)


def load_yaml(raw: bytes) -> tuple[YamlDocument | None, LoadProblem | None]:
    """Parse one YAML file's bytes. Exactly one of the two results is set.

    Never raises: every way a file can be unreadable becomes a LoadProblem.
    """
    if len(raw) > MAX_YAML_BYTES:
        return None, LoadProblem("yaml.too_large", Mark(1, 1), {"size": str(len(raw))})
    try:
        text = _decode(raw)
    except UnicodeDecodeError as err:
        body_offset = len(BOM) if raw.startswith(BOM) else 0
        return None, LoadProblem("yaml.encoding", _position_of_byte(raw, err.start + body_offset))
    if "\x00" in text:
        return None, LoadProblem("yaml.encoding", _position_of_byte(raw, raw.index(b"\x00")))
    try:
        return _build(text), None
    except _Refused as refused:
        return None, refused.problem
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        return None, LoadProblem("yaml.syntax", where, {"detail": str(err.problem or err.context or "")})
    except yaml.YAMLError as err:
        return None, LoadProblem("yaml.syntax", Mark(1, 1), {"detail": str(err).splitlines()[0] if str(err) else ""})
    except RecursionError:
        return None, LoadProblem("yaml.syntax", Mark(1, 1), {"detail": "nested too deeply"})


def _composable(text: str) -> bool:
    """Whether libyaml may compose the text in C, several times faster than walking its events:
    tags, anchors and aliases, which must be refused where they stand, all need one of these."""
    return "!" not in text and "&" not in text and "*" not in text


def _build(text: str) -> YamlDocument:
    """The document; its positions are worked out only if a finding needs one (``YamlDocument``)."""
    if not _composable(text):
        return _build_from_events(text)
    try:
        root = _compose(text)
        start = Mark(root.start_mark.line + 1, root.start_mark.column + 1)
        return YamlDocument(_node_data(root), text=text, start=start)
    except _Refused:
        return _build_from_nodes(text)  # the positioned walk says exactly where and why


def _node_data(node: yaml.Node) -> Any:
    """The data of a composed document, without positions; refuses as ``_node_value`` does,
    with a rough position (the caller then asks ``_node_value`` for the exact one)."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if node.style else _scalar_value(node.tag, node.value)
    if kind is yaml.SequenceNode:
        return [_node_data(child) for child in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode:
            raise _Refused(LoadProblem("yaml.complex_key", Mark(1, 1)))
        key = str(key_node.value if key_node.style else _scalar_value(key_node.tag, key_node.value))
        if key in mapping:
            raise _Refused(LoadProblem("yaml.duplicate_key", Mark(1, 1)))
        mapping[key] = _node_data(value_node)
    return mapping


def _node_value(node: yaml.Node, path: Path_, values: dict[Path_, Mark], keys: dict[Path_, Mark]) -> Any:
    values[path] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style:
            return node.value
        return _scalar_value(node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(child, path + (i,), values, keys) for i, child in enumerate(node.value)]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(LoadProblem("yaml.complex_key", key_mark))
        key = str(key_node.value if key_node.style else _scalar_value(key_node.tag, key_node.value))
        if key in mapping:
            first = keys[path + (key,)]
            raise _Refused(LoadProblem("yaml.duplicate_key", key_mark, {"key": key, "first_line": str(first.line)}))
        keys[path + (key,)] = key_mark
        mapping[key] = _node_value(value_node, path + (key,), values, keys)
    return mapping


def _compose(text: str) -> yaml.Node:
    loader = _Loader(text)
    try:
        if not loader.check_node():
            raise _Refused(LoadProblem("yaml.empty", Mark(1, 1)))
        root = loader.get_node()
        following = loader.peek_event()
        if not isinstance(following, yaml.StreamEndEvent):
            raise _Refused(LoadProblem("yaml.multiple_documents", _mark(following)))
    finally:
        loader.dispose()
    return root


def _build_from_nodes(text: str) -> YamlDocument:
    values: dict[Path_, Mark] = {}
    keys: dict[Path_, Mark] = {}
    data = _node_value(_compose(text), (), values, keys)
    return YamlDocument(data, values, keys)


def _build_from_events(text: str) -> YamlDocument:
    events = iter(yaml.parse(text, Loader=_Loader))
    builder = _Builder(events)
    data: Any = None
    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(LoadProblem("yaml.multiple_documents", _mark(event)))
            data = builder.node(next(events), ())
    if documents == 0:
        raise _Refused(LoadProblem("yaml.empty", Mark(1, 1)))
    return YamlDocument(data, builder.values, builder.keys)
