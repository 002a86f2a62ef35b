"""Making Pagefind's bundle byte-identical from one build to the next.

Pagefind 1.5 writes the values of each filter in the order of a hash map
whose seed changes with every run of the binary, so the same records give
differently ordered filter files, hence different file names, a different
metadata file and a different ``pagefind-entry.json``.  Everything else it
writes (fragments, index chunks, its JavaScript and WebAssembly) is already
a function of the input.

:func:`normalize` puts each filter's values in sorted order and the filters
themselves in name order, then renames the rewritten files after their new
contents, as Pagefind does.  It also gives the fragments short sequential
names (see :func:`_short_fragment_names`).  The files are Pagefind's own format: gzip
around the signature ``pagefind_dcd`` and a CBOR document.  The small CBOR
reader and writer here cover what those files contain (integers, strings,
arrays, maps) and refuse anything else, so a format change in a future
Pagefind fails loudly instead of producing a broken index.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class BundleFormatError(Exception):
    "A Pagefind file does not have the shape this module knows"


# --- a minimal CBOR codec ------------------------------------------------------------

def _decode(data: bytes, pos: int) -> tuple[Any, int]:
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise BundleFormatError(f"unsupported CBOR item 0x{initial:02x} at byte {pos - 1}")
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major in (2, 3):
        raw = data[pos:pos + value]
        if len(raw) != value:
            raise BundleFormatError("truncated CBOR string")
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, pos = _decode(data, pos)
            pairs[key], pos = _decode(data, pos)
        return pairs, pos
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], pos
    raise BundleFormatError(f"unsupported CBOR major type {major} at byte {pos - 1}")


def cbor_loads(data: bytes) -> Any:
    value, end = _decode(data, 0)
    if end != len(data):
        raise BundleFormatError(f"{len(data) - end} bytes after the CBOR document")
    return value


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise BundleFormatError(f"integer too large for CBOR: {value}")


def cbor_dumps(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_dumps(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(cbor_dumps(k) + cbor_dumps(v) for k, v in value.items())
    raise BundleFormatError(f"cannot write {type(value).__name__} as CBOR")


# --- Pagefind's files ------------------------------------------------------------------

def read_document(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}: no Pagefind signature")
    return cbor_loads(raw[len(SIGNATURE):])


def encode_document(value: Any) -> bytes:
    # mtime=0 and no file name: the gzip header carries nothing from the build.
    return gzip.compress(SIGNATURE + cbor_dumps(value), compresslevel=9, mtime=0)


def _name(language: str, content: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(content).hexdigest()[:length]}"


def _sorted_filter(document: Any, path: Path) -> Any:
    # [filter name, [[value, [page numbers]], ...]]
    if not (isinstance(document, list) and len(document) == 2 and isinstance(document[1], list)
            and all(isinstance(e, list) and e and isinstance(e[0], str) for e in document[1])):
        raise BundleFormatError(f"{path.name}: not a filter chunk")
    return [document[0], sorted(document[1], key=lambda entry: entry[0])]


def _short_fragment_names(bundle: Path, meta: Any) -> None:
    """Move fragments to ``fragment/<build>/<n>.pf_fragment``: shorter names, a smaller metadata file.

    The metadata file lists every page by its fragment's name, and the browser
    downloads it before the first search: with 20,000 agencies, Pagefind's
    random-looking names cost 140 KB there, sequential ones 85 KB.  ``<build>``
    is a hash of every fragment, so a changed fragment never reuses an address
    a browser may have cached.
    """
    pages = meta[1]
    if not (isinstance(pages, list) and all(isinstance(p, list) and p and isinstance(p[0], str) for p in pages)):
        raise BundleFormatError("the metadata file's page list has an unknown shape")
    folder = bundle / "fragment"
    sources = [folder / f"{page[0]}.pf_fragment" for page in pages]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    build = digest.hexdigest()[:8]
    (folder / build).mkdir(exist_ok=True)
    for number, (page, source) in enumerate(zip(pages, sources)):
        page[0] = f"{build}/{number:x}"
        source.rename(folder / f"{page[0]}.pf_fragment")


def normalize(bundle: Path) -> int:
    """Rewrite the filter chunks and metadata of every language in ``bundle``; returns files rewritten."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    rewritten = 0
    for language, info in sorted(entry.get("languages", {}).items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_document(meta_path)
        # [version, pages, index chunks, filters [[name, hash], ...], sorts, meta fields]
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
            raise BundleFormatError(f"{meta_path.name}: not a Pagefind metadata file")
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            content = encode_document(_sorted_filter(read_document(old_path), old_path))
            new_hash = _name(language, content, len(old_hash) - len(language) - 1)
            new_path = old_path.with_name(f"{new_hash}.pf_filter")
            old_path.unlink()
            new_path.write_bytes(content)
            filters.append([name, new_hash])
            rewritten += 1
        meta[3] = sorted(filters, key=lambda pair: pair[0])
        _short_fragment_names(bundle, meta)
        content = encode_document(meta)
        new_hash = _name(language, content, len(info["hash"]) - len(language) - 1)
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(content)
        info["hash"] = new_hash
        rewritten += 1
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return rewritten
