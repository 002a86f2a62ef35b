"""Everything /search/ needs, written into the site's output folder.

* ``pagefind/``: Pagefind's bundle (its JavaScript, WebAssembly and index) built
  from one record per visible agency (plugins.prakat.searchrecords);
* ``search/search-data.json``: the part of the Thai dictionary that the
  index's words were cut with, and the two numbers of the second pass, so
  that the browser cuts a query exactly as the build cut the text
  (theme/static/search.js); with the labels a result shows (types,
  provinces) and the search.* messages, in Thai and English.

Plain Python: the Pelican generator (generator.py) and the benchmark call it.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from plugins.prakat.compliance import Compliance
from plugins.prakat.model import SECTIONS, Model
from plugins.prakat.searchrecords import SearchRecord, build_records
from plugins.prakat.store import ContentStore
from plugins.prakat.thaiwords import MIN_PART, SPLIT_FROM, Segmenter
from plugins.prakat.vocabulary import Label, vocabulary

from .indexer import IndexResult, write_index
from .pdftext import PdfTexts

BUNDLE_DIR = "pagefind"
DATA_PATH = "search/search-data.json"
DATA_FORMAT = 1
MESSAGE_PREFIX = "search."


@dataclass(frozen=True)
class SearchBuild:
    records: int
    index: IndexResult
    dictionary_words: int
    pdfs_read: int
    seconds: float


def documents_to_read(model: Model, store: ContentStore, texts: PdfTexts) -> dict[str, Path]:
    """sha256 -> path of each published PDF of each visible agency, when its text is not known yet."""
    files: dict[str, Path] = {}
    for agency in model.visible():
        for section in SECTIONS:
            for version in agency.published(section):
                if version.sha256 and version.file and not texts.has(version.sha256):
                    files.setdefault(version.sha256, store.root / store.document_rel(version.owner, version.file))
    return files


def search_records(model: Model, compliance: Mapping[str, Compliance], store: ContentStore,
                   segmenter: Segmenter, *, use_cache: bool = True) -> tuple[list[SearchRecord], int]:
    """The records, with each published PDF's first page read (or taken from the cache)."""
    texts = PdfTexts(store.root, use_cache=use_cache)
    texts.prepare(documents_to_read(model, store, texts))
    texts.save()
    records = build_records(model, compliance, segmenter, lambda version: texts.get(version.sha256))
    return records, texts.read


# The dictionary travels as one ASCII string: each Thai letter (U+0E01-U+0E4F) shifted down to
# 0x31-0x7F, one byte instead of UTF-8's three, words separated by spaces.
WORDS_SHIFT = 0x0E00 - 0x30


def encode_words(words: list[str]) -> str:
    return " ".join("".join(chr(ord(ch) - WORDS_SHIFT) for ch in word) for word in words)


def decode_words(encoded: str) -> list[str]:
    return ["".join(chr(ord(ch) + WORDS_SHIFT) for ch in word) for word in encoded.split(" ") if word]


def _labels(table: Mapping[str, Label]) -> dict[str, dict[str, str]]:
    return {key: {"th": label.th, "en": label.en} for key, label in table.items()}


def search_data(segmenter: Segmenter, messages: Mapping[str, tuple[str, str]]) -> dict[str, object]:
    """What search.js loads: its dictionary, and the words a result is shown with."""
    vocab = vocabulary()
    return {
        "format": DATA_FORMAT,
        "segmenter": {"split_from": SPLIT_FROM, "min_part": MIN_PART, "words": encode_words(segmenter.used_words())},
        "labels": {"types": _labels(vocab.types), "provinces": _labels(vocab.provinces)},
        "messages": {key: {"th": th, "en": en} for key, (th, en) in sorted(messages.items())
                     if key.startswith(MESSAGE_PREFIX)},
    }


def write_search_data(segmenter: Segmenter, messages: Mapping[str, tuple[str, str]], path: Path) -> int:
    document = search_data(segmenter, messages)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return len(segmenter.used_words())


def build_search(model: Model, compliance: Mapping[str, Compliance], store: ContentStore, output: Path,
                 *, messages: Mapping[str, tuple[str, str]] | None = None, use_cache: bool = True) -> SearchBuild:
    """Write the Pagefind bundle and the browser's search data into ``output``.

    ``messages`` maps catalogue keys to their (Thai, English) text; the search.* ones are shipped.
    """
    started = time.perf_counter()
    segmenter = Segmenter()
    records, pdfs_read = search_records(model, compliance, store, segmenter, use_cache=use_cache)
    index = write_index(records, Path(output) / BUNDLE_DIR)
    words = write_search_data(segmenter, messages or {}, Path(output) / DATA_PATH)
    return SearchBuild(records=len(records), index=index, dictionary_words=words, pdfs_read=pdfs_read,
                       seconds=time.perf_counter() - started)
