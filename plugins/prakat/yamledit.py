"""Edit YAML text in place: change one scalar, append to a list, add a key.

A clerk's file is never re-dumped through a serializer.  Each edit finds
where to act from the positions ``yamlpos`` records, changes or inserts the
fewest characters there, and leaves every other byte alone: the byte-order
mark, CRLF line ends, comments, blank lines, key order and quoting.  New text
follows the layout the file already uses (indentation, block or flow lists).

Every edit is then checked by reading the result again: the data must be
exactly the old data with the one intended change.  When it is not (a layout
this module does not understand) the edit is refused with ``EditError``
rather than risk a file that means something else.
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

import yaml

from .messages import render
from .yamlpos import BOM, Mark, YamlDocument, load_yaml

Path_ = tuple[str | int, ...]

# What libyaml counts as a line break (YAML 1.1), so that line numbers agree with yamlpos.
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAK_CHARS = frozenset("\r\n\x85\u2028\u2029")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")
# Numbers under YAML 1.2's core schema, which PyYAML (YAML 1.1) reads as text: quote them for other readers.
_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
                            r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


class EditError(Exception):
    """An edit that cannot be made safely; the message says why in Thai and English."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


@dataclass(frozen=True)
class Note:
    """A scalar written with a trailing comment: ``key: value  # comment``."""

    value: Any
    comment: str


def plain(value: Any) -> Any:
    """The data a value stands for, with every Note taken off."""
    if isinstance(value, Note):
        return plain(value.value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# --- scalars ------------------------------------------------------------------

def _printable(ch: str) -> bool:
    """YAML's c-printable, less the byte-order mark."""
    o = ord(ch)
    return (ch in "\t\n\r\x85" or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF
            or (0xE000 <= o <= 0xFFFD and o != 0xFEFF) or 0x10000 <= o <= 0x10FFFF)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip(" \t") or value[0] in _INDICATORS:
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if any(ch in _BREAK_CHARS or not _printable(ch) for ch in value):
        return False
    if flow and any(ch in _FLOW_INDICATORS for ch in value):
        return False
    if _YAML12_NUMBER.fullmatch(value):
        return False
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False)) in _TEXT_TAGS


def double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch])
        elif ch in _BREAK_CHARS or not _printable(ch):
            o = ord(ch)
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def format_scalar(value: Any, *, flow: bool = False) -> str:
    """A value as YAML text: plain when that reads back as the same text, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value if _plain_ok(value, flow) else double_quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def render_flow(value: Any) -> str:
    value = plain(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{format_scalar(k, flow=True)}: {render_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_flow(v) for v in value) + "]"
    return format_scalar(value, flow=True)


@dataclass(frozen=True)
class Layout:
    """How a file indents: a nested mapping by ``step``, a list's dash by ``dash`` under its key."""

    step: int = 2
    dash: int = 2


def _note(value: Any) -> tuple[Any, str]:
    if isinstance(value, Note):
        return value.value, f"  # {value.comment}"
    return value, ""


def render_entry(key: str, value: Any, col: int, layout: Layout) -> list[str]:
    """``key: value`` in block style at column ``col``, as lines without line ends."""
    pad = " " * col
    value, note = _note(value)
    if isinstance(value, dict) and value:
        lines = [f"{pad}{format_scalar(key)}:{note}"]
        for k, v in value.items():
            lines += render_entry(k, v, col + layout.step, layout)
        return lines
    if isinstance(value, list) and value:
        lines = [f"{pad}{format_scalar(key)}:{note}"]
        for item in value:
            lines += render_item(item, col + layout.dash, col + layout.dash + 2, layout)
        return lines
    text = render_flow(value) if isinstance(value, (dict, list)) else format_scalar(value)
    return [f"{pad}{format_scalar(key)}: {text}{note}"]


def render_item(item: Any, dash_col: int, content_col: int, layout: Layout, *, flow: bool = False) -> list[str]:
    """One list item ``- ...`` with its dash at ``dash_col`` and its content at ``content_col``."""
    lead = " " * dash_col + "-" + " " * (content_col - dash_col - 1)
    item, note = _note(item)
    if isinstance(item, dict) and item and not flow:
        lines: list[str] = []
        for k, v in item.items():
            lines += render_entry(k, v, content_col, layout)
        return [lead + lines[0][content_col:]] + lines[1:]
    text = render_flow(item) if isinstance(item, (dict, list)) else format_scalar(item)
    return [lead + text + note]


# --- the text of a file -------------------------------------------------------

class Source:
    """One YAML file's text with the positions yamlpos found in it."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(BOM)
        doc, problem = load_yaml(raw)
        if problem is not None and problem.code != "yaml.empty":
            message = (render(problem.code, problem.params, "th"), render(problem.code, problem.params, "en"))
            raise EditError(f"บรรทัด {problem.mark.line}: {message[0]}", f"line {problem.mark.line}: {message[1]}")
        self.doc: YamlDocument | None = doc
        self.text = (raw[len(BOM):] if self.bom else raw).decode("utf-8")
        self.starts = [0] + [m.end() for m in BREAK.finditer(self.text)]
        ends = Counter(m.group() for m in BREAK.finditer(self.text) if m.group() in ("\r\n", "\n", "\r"))
        self.newline = ends.most_common(1)[0][0] if ends else "\n"

    @property
    def data(self) -> Any:
        return self.doc.data if self.doc is not None else {}

    def encode(self, text: str) -> bytes:
        return (BOM if self.bom else b"") + text.encode("utf-8")

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line end."""
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return BREAK.sub("", self.text[start:end])

    def offset(self, mark: Mark) -> int:
        return self.starts[mark.line - 1] + mark.column - 1

    def value_mark(self, path: Path_) -> Mark:
        assert self.doc is not None
        return self.doc.values[path]

    def layout(self) -> Layout:
        """The indentation most of the file uses; 2 and 2 when it has none to copy."""
        doc = self.doc
        if doc is None:
            return Layout()
        steps: Counter[int] = Counter()
        dashes: Counter[int] = Counter()
        for path, key_mark in doc.keys.items():
            value = doc.values.get(path)
            if value is None or value.line <= key_mark.line:
                continue  # a flow value or a scalar on the key's own line
            if isinstance(_get(doc.data, path), list):
                dashes[value.column - key_mark.column] += 1
            elif isinstance(_get(doc.data, path), dict):
                steps[value.column - key_mark.column] += 1
        step = next((s for s, _ in steps.most_common() if s > 0), 2)
        dash = next((d for d, _ in dashes.most_common() if d >= 0), 2)
        return Layout(step, dash)


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _kind(line: str) -> str:
    stripped = line.strip(" \t")
    if not stripped:
        return "blank"
    return "comment" if stripped.startswith("#") else "content"


def _is_dash(line: str, col: int) -> bool:
    return line[col:col + 1] == "-" and line[col + 1:col + 2] in ("", " ", "\t")


def last_line_of(src: Source, first: int, col: int, *, item: bool) -> int:
    """The last line of the entry (``item=False``) or list item starting at line ``first``.

    Its lines are those indented deeper than ``col`` (a mapping's keys, a list's
    dashes); comments count when they are indented deeper too, so a comment that
    introduces what follows stays with what follows.
    """
    last = first
    for number in range(first + 1, src.line_count + 1):
        line = src.line(number)
        kind = _kind(line)
        if kind == "blank":
            continue
        if _indent(line) > col:
            last = number
        elif kind == "content" and not item and _indent(line) == col and _is_dash(line, col):
            last = number  # a list written at its key's own indentation
        elif kind == "content":
            break
    return last


def _flow_end(text: str, start: int) -> tuple[int, int]:
    """For the flow collection opening at ``start``: its closing bracket and the last sign before it."""
    depth, i, last, token_start = 0, start, start, True
    while i < len(text):
        ch = text[i]
        if ch in "[{":
            depth, last, token_start = depth + 1, i, True
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i, last
            last, token_start = i, False
        elif ch in ",:":
            last, token_start = i, True
        elif ch == "#" and (i == 0 or text[i - 1] in " \t" or text[i - 1] in _BREAK_CHARS):
            while i + 1 < len(text) and text[i + 1] not in _BREAK_CHARS:
                i += 1
        elif ch in " \t" or ch in _BREAK_CHARS:
            pass
        elif ch in "\"'" and token_start:
            i += 1
            while i < len(text):
                if ch == '"' and text[i] == "\\":
                    i += 1
                elif text[i] == ch:
                    if ch == "'" and text[i + 1:i + 2] == "'":
                        i += 1
                    else:
                        break
                i += 1
            last, token_start = i, False
        else:
            last, token_start = i, False
        i += 1
    raise EditError("วงเล็บของรายการไม่ได้ปิด", "a flow collection is not closed")


# --- edits ----------------------------------------------------------------------

def _cannot(where: str) -> EditError:
    return EditError(
        f"แก้ไขโดยอัตโนมัติไม่ได้ เพราะ {where} เขียนในรูปแบบที่คำสั่งนี้ไม่รองรับ — โปรดแก้ไขไฟล์ด้วยตนเอง",
        f"cannot edit automatically: {where} is written in a form this command does not handle; "
        "please edit the file by hand")


def _verified(src: Source, text: str, expected: Any) -> bytes:
    """The edited file, once reading it back gives exactly the intended data."""
    raw = src.encode(text)
    doc, problem = load_yaml(raw)
    if problem is not None or doc is None or doc.data != plain(expected):
        raise EditError(
            "แก้ไขโดยอัตโนมัติไม่ได้ เพราะผลที่ได้ไม่ตรงกับที่ตั้งใจ (รูปแบบของไฟล์ไม่ใช่แบบที่รองรับ) "
            "— โปรดแก้ไขไฟล์ด้วยตนเอง",
            "cannot edit automatically: the result would not be exactly the intended change "
            "(the file is laid out in a way this command does not handle); please edit the file by hand")
    return raw


def _insert_lines(src: Source, after_line: int, lines: Iterable[str]) -> str:
    """The text with ``lines`` inserted after line ``after_line`` (0: at the top)."""
    nl = src.newline
    block = "".join(line + nl for line in lines)
    if after_line == 0:
        return block + src.text
    if after_line < src.line_count:
        at = src.starts[after_line]
        return src.text[:at] + block + src.text[at:]
    text = src.text
    if text and text[-1] not in _BREAK_CHARS:
        text += nl
    return text + block


def set_scalar(raw: bytes, path: Path_, value: str) -> bytes:
    """Change the text scalar at ``path`` to ``value``, keeping its quoting style."""
    src = Source(raw)
    old = _get(src.data, path) if src.doc and path in src.doc.values else None
    if not isinstance(old, str):
        raise _cannot(".".join(map(str, path)))
    at = src.offset(src.value_mark(path))
    text = src.text
    for quote in ('"', "'", ""):
        token = quote + old + quote
        if text.startswith(token, at):
            if quote == '"':
                new = double_quoted(value)
            elif quote == "'":
                new = "'" + value.replace("'", "''") + "'"
            else:
                new = value if _plain_ok(value, True) else double_quoted(value)
            expected = copy.deepcopy(src.data)
            parent = _get(expected, path[:-1])
            parent[path[-1]] = value
            return _verified(src, text[:at] + new + text[at + len(token):], expected)
    raise _cannot(".".join(map(str, path)))


def append_item(raw: bytes, path: Path_, item: Any) -> bytes:
    """Append ``item`` to the list at ``path``, in the list's own style."""
    src = Source(raw)
    items = _get(src.data, path) if src.doc and path in src.doc.values else None
    if not isinstance(items, list):
        raise _cannot(".".join(map(str, path)))
    expected = copy.deepcopy(src.data)
    _get(expected, path).append(plain(item))
    mark = src.value_mark(path)
    at = src.offset(mark)
    text = src.text
    if text[at] == "[":
        return _verified(src, _append_flow(src, path, at, render_flow(item)), expected)
    last = src.value_mark(path + (len(items) - 1,))
    dash_col = mark.column - 1
    head = src.line(last.line)[:last.column - 1]
    if head.strip() == "-":
        dash_col, content_col = head.index("-"), last.column - 1
    else:
        content_col = dash_col + 2
    as_flow = text[src.offset(last)] == "{"
    lines = render_item(item, dash_col, content_col, src.layout(), flow=as_flow)
    end = last_line_of(src, last.line, dash_col, item=True)
    return _verified(src, _insert_lines(src, end, lines), expected)


def _append_flow(src: Source, path: Path_, at: int, item_text: str) -> str:
    """Insert ``item_text`` as the last entry of the flow collection opening at ``at``."""
    text = src.text
    close, last = _flow_end(text, at)
    if last == at:  # empty: [] or {}
        return text[:at + 1] + item_text + text[close:]
    items = _get(src.data, path)
    first_of_last = src.value_mark(path + (len(items) - 1,)) if isinstance(items, list) else None
    if isinstance(items, dict):
        first_of_last = src.doc.keys[path + (list(items)[-1],)] if src.doc else None
    own_line = (first_of_last is not None and first_of_last.line != _line_at(src, at)
                and not src.line(first_of_last.line)[:first_of_last.column - 1].strip())
    trailing = text[last] == ","
    if not own_line:
        insert = (" " + item_text + ",") if trailing else (", " + item_text)
        return text[:last + 1] + insert + text[last + 1:]
    # One entry a line: the new one goes on a line of its own, after any comment on the last one's line.
    pad = " " * (first_of_last.column - 1)  # type: ignore[union-attr]
    eol = next((i for i in range(last + 1, close) if text[i] in _BREAK_CHARS), close)
    new_line = src.newline + pad + item_text + ("," if trailing else "")
    comma = "" if trailing else ","
    return text[:last + 1] + comma + text[last + 1:eol] + new_line + text[eol:]


def _line_at(src: Source, offset: int) -> int:
    return sum(1 for s in src.starts if s <= offset)


def add_key(raw: bytes, path: Path_, key: str, value: Any, order: tuple[str, ...] = ()) -> bytes:
    """Add ``key: value`` to the mapping at ``path`` (``()``: the top), placed by ``order``.

    The key goes before the first key that ``order`` puts after it, else after
    the mapping's last entry.  A key already there with an empty value is filled in.
    """
    src = Source(raw)
    mapping = _get(src.data, path) if src.doc is None or path in src.doc.values else None
    if not isinstance(mapping, dict) or (key in mapping and mapping[key] is not None):
        raise _cannot(".".join(map(str, path + (key,))))
    expected = copy.deepcopy(src.data)
    _get(expected, path)[key] = plain(value)
    layout = src.layout()
    if src.doc is None:  # nothing but comments yet
        return _verified(src, _insert_lines(src, src.line_count, render_entry(key, value, 0, layout)), expected)
    mark = src.value_mark(path)
    at = src.offset(mark)
    if src.text[at] == "{":
        text = _append_flow(src, path, at, f"{format_scalar(key, flow=True)}: {render_flow(value)}")
        return _verified(src, text, expected)
    col = mark.column - 1
    if key in mapping:  # `key:` with nothing after it
        key_mark = src.doc.keys[path + (key,)]
        rest = src.line(key_mark.line)[key_mark.column - 1 + len(key):].strip()
        if not rest.startswith(":") or rest[1:].strip() and not rest[1:].strip().startswith("#"):
            raise _cannot(key)
        lines = render_entry(key, value, col, layout)[1:]
        return _verified(src, _insert_lines(src, key_mark.line, lines), expected)
    lines = render_entry(key, value, col, layout)
    later = [k for k in mapping if k in order and key in order and order.index(k) > order.index(key)]
    if later:
        before = min(src.doc.keys[path + (k,)].line for k in later)
        if src.line(before)[:col].strip():
            raise _cannot(later[0])
        at_line = _above_comments(src, before, col)
        if at_line > 1 and _kind(src.line(at_line - 1)) == "blank":
            lines.append("")
        return _verified(src, _insert_lines(src, at_line - 1, lines), expected)
    last_key_line = max(src.doc.keys[path + (k,)].line for k in mapping)
    end = last_line_of(src, last_key_line, col, item=False)
    if len(mapping) > 1 and _kind(src.line(_above_comments(src, last_key_line, col) - 1)) == "blank":
        lines.insert(0, "")
    return _verified(src, _insert_lines(src, end, lines), expected)


def _above_comments(src: Source, line: int, col: int) -> int:
    """The first line of the comments right above ``line`` that introduce it (same indentation).

    Comments that run up to the top of the file are the file's header, not the key's.
    """
    first = line
    while first > 1 and _kind(src.line(first - 1)) == "comment" and _indent(src.line(first - 1)) == col:
        first -= 1
    return line if first == 1 and first != line else first


def create(header: Iterable[str], key: str, value: Any, newline: str = "\n") -> bytes:
    """A new YAML file: comment lines, then ``key: value`` in block style."""
    lines = [f"# {h}" if h else "" for h in header] + render_entry(key, value, 0, Layout())
    raw = "".join(line + newline for line in lines).encode("utf-8")
    doc, problem = load_yaml(raw)
    if problem is not None or doc is None or doc.data != {key: plain(value)}:
        raise _cannot(key)
    return raw
