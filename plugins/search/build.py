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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from plugins.prakat.compliance import Compliance
from plugins.prakat.forking import fork_workers, forked_pool
from plugins.prakat.model import SECTIONS, Agency, Model
from plugins.prakat.searchrecords import RecordBuilder
from plugins.prakat.store import ContentStore
from plugins.prakat.thaiwords import MIN_PART, SPLIT_FROM, Segmenter
from plugins.prakat.vocabulary import Label, vocabulary

from .indexer import IndexResult, write_index_with, write_sources
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


def page_texts(model: Model, store: ContentStore, use_cache: bool) -> PdfTexts:
    """The first-page text of every published PDF, read now or taken from the cache."""
    texts = PdfTexts(store.root, use_cache=use_cache)
    texts.prepare(documents_to_read(model, store, texts))
    texts.save()
    return texts


# --- the records written as Pagefind's source pages, on every core ---------------------------
# Cutting Thai words is plain Python, one core's work: a national index's twenty thousand records
# take a quarter of a minute.  Forked workers each take every n-th agency and write its page; the
# pages are the same whoever writes them, and the words each worker's cuts used come back.

PARALLEL_FROM = 2000  # agencies; below this, forking costs more than it saves
_SHARE_JOB: tuple[RecordBuilder, list[Agency], Path] | None = None  # what forked workers inherit


def _write_share(share: tuple[int, int]) -> tuple[int, list[str]]:
    """In a worker: every ``step``-th agency from ``first``, its record written as a page."""
    assert _SHARE_JOB is not None
    builder, agencies, folder = _SHARE_JOB
    first, step = share
    records = [builder.record(agency) for agency in agencies[first::step]]
    write_sources(records, folder)
    return len(records), builder.segmenter.used_words()


def write_record_pages(builder: RecordBuilder, folder: Path) -> int:
    """Every record written into ``folder`` as Pagefind's source pages; how many."""
    global _SHARE_JOB
    agencies = builder.agencies()
    workers = fork_workers(len(agencies), PARALLEL_FROM)
    if workers:
        _SHARE_JOB = (builder, agencies, folder)
        try:
            with forked_pool(workers) as pool:
                shares = list(pool.map(_write_share, [(first, workers) for first in range(workers)]))
        except BrokenProcessPool:
            shares = None  # a worker was killed: do it all here
        finally:
            _SHARE_JOB = None
        if shares is not None:
            for _, words in shares:
                builder.segmenter.learn_used(words)
            return sum(count for count, _ in shares)
    records = [builder.record(agency) for agency in agencies]
    write_sources(records, folder)
    return len(records)


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
    texts = page_texts(model, store, use_cache)
    builder = RecordBuilder(model, compliance, segmenter, lambda version: texts.get(version.sha256))
    index = write_index_with(lambda folder: write_record_pages(builder, folder), Path(output) / BUNDLE_DIR)
    words = write_search_data(segmenter, messages or {}, Path(output) / DATA_PATH)
    return SearchBuild(records=index.records, index=index, dictionary_words=words, pdfs_read=texts.read,
                       seconds=time.perf_counter() - started)
