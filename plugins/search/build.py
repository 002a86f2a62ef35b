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
import shutil
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from plugins.agencies.incremental import link_or_copy
from plugins.prakat.compliance import Compliance
from plugins.prakat.forking import fork_workers, forked_pool
from plugins.prakat.model import SECTIONS, Agency, Model
from plugins.prakat.searchrecords import RecordBuilder, agency_url
from plugins.prakat.store import ContentStore
from plugins.prakat.thaiwords import MIN_PART, SPLIT_FROM, Segmenter
from plugins.prakat.vocabulary import Label, vocabulary

from .indexer import IndexResult, IndexRun, described, write_source
from .pdftext import PdfTexts
from .sources import SourceCache, all_words, records_version

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
# pages are the same whoever writes them, and the words each record's cuts used come back.

PARALLEL_FROM = 2000  # agencies; below this, forking costs more than it saves
_SHARE_JOB: tuple[RecordBuilder, list[Agency], Path] | None = None  # what forked workers inherit


@dataclass
class Written:
    """Pages written: the dictionary words of each record, and how many pages changed on disk."""

    words: dict[str, list[str]]
    changed: int


def _write_pages(builder: RecordBuilder, agencies: list[Agency], folder: Path) -> Written:
    words: dict[str, list[str]] = {}
    changed = 0
    for agency in agencies:
        record, used = builder.record_with_words(agency)
        changed += write_source(record, folder)
        words[agency.code] = used
    return Written(words, changed)


def _write_share(share: tuple[int, int]) -> Written:
    """In a worker: every ``step``-th agency from ``first``, its record written as a page."""
    assert _SHARE_JOB is not None
    builder, agencies, folder = _SHARE_JOB
    first, step = share
    return _write_pages(builder, agencies[first::step], folder)


def write_record_pages(builder: RecordBuilder, folder: Path, agencies: list[Agency] | None = None) -> Written:
    """The records of ``agencies`` (every one by default) written into ``folder`` as Pagefind's source pages."""
    global _SHARE_JOB
    agencies = builder.agencies() if agencies is None else agencies
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
            words = {code: used for share in shares for code, used in share.words.items()}
            return Written({code: words[code] for code in sorted(words)}, sum(s.changed for s in shares))
    return _write_pages(builder, agencies, folder)


# The dictionary travels as one ASCII string: each Thai letter (U+0E01-U+0E4F) shifted down to
# 0x31-0x7F, one byte instead of UTF-8's three, words separated by spaces.
WORDS_SHIFT = 0x0E00 - 0x30


def encode_words(words: list[str]) -> str:
    return " ".join("".join(chr(ord(ch) - WORDS_SHIFT) for ch in word) for word in words)


def decode_words(encoded: str) -> list[str]:
    return ["".join(chr(ord(ch) + WORDS_SHIFT) for ch in word) for word in encoded.split(" ") if word]


def _labels(table: Mapping[str, Label]) -> dict[str, dict[str, str]]:
    return {key: {"th": label.th, "en": label.en} for key, label in table.items()}


def search_data(words: list[str], messages: Mapping[str, tuple[str, str]]) -> dict[str, object]:
    """What search.js loads: its dictionary (``words``, sorted), and the words a result is shown with."""
    vocab = vocabulary()
    return {
        "format": DATA_FORMAT,
        "segmenter": {"split_from": SPLIT_FROM, "min_part": MIN_PART, "words": encode_words(words)},
        "labels": {"types": _labels(vocab.types), "provinces": _labels(vocab.provinces)},
        "messages": {key: {"th": th, "en": en} for key, (th, en) in sorted(messages.items())
                     if key.startswith(MESSAGE_PREFIX)},
    }


def write_search_data(words: list[str], messages: Mapping[str, tuple[str, str]], path: Path) -> int:
    document = search_data(words, messages)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return len(words)


def build_search(model: Model, compliance: Mapping[str, Compliance], store: ContentStore, output: Path,
                 *, messages: Mapping[str, tuple[str, str]] | None = None, use_cache: bool = True,
                 sources: SourceCache | None = None, previous: Path | None = None,
                 affected: frozenset[str] | None = None) -> SearchBuild:
    """Write the Pagefind bundle and the browser's search data into ``output`` (see ``start_search``)."""
    return start_search(model, compliance, store, output, messages=messages, use_cache=use_cache,
                        sources=sources, previous=previous, affected=affected).finish()


def start_search(model: Model, compliance: Mapping[str, Compliance], store: ContentStore, output: Path,
                 *, messages: Mapping[str, tuple[str, str]] | None = None, use_cache: bool = True,
                 sources: SourceCache | None = None, previous: Path | None = None,
                 affected: frozenset[str] | None = None) -> "PendingSearch":
    """Write the source pages and start Pagefind on them; the returned build's ``finish`` completes it.

    ``messages`` maps catalogue keys to their (Thai, English) text; the search.* ones are shipped.
    With ``sources`` the source pages are kept there between builds; with ``previous`` (the output
    this build replaces) and ``affected`` (the agencies the changes since then can reach) too, only
    those agencies' records are made again, and an index none of whose pages changed is reused.
    """
    started = time.perf_counter()
    segmenter = Segmenter()
    texts = page_texts(model, store, use_cache)
    builder = RecordBuilder(model, compliance, segmenter, lambda version: texts.get(version.sha256))
    bundle = Path(output) / BUNDLE_DIR
    pending = PendingSearch(Path(output), dict(messages or {}), texts.read, started)
    if sources is None:
        pending.folder = folder = tempfile.TemporaryDirectory(prefix="prakat-search-")
        try:
            written = write_record_pages(builder, Path(folder.name))
            pending.words = all_words(written.words)
            pending.begin(IndexRun(Path(folder.name), len(written.words), bundle))
        except BaseException:
            pending.cancel()
            raise
        return pending
    version = records_version(segmenter.dictionary.digest)
    kept = sources.take(version)
    reuse = previous is not None and affected is not None and kept is not None
    update = _update_pages(builder, sources, kept if reuse else None, affected)
    pending.words = all_words(update.words)
    sources.stage(version, update.words)
    old_bundle = Path(previous) / BUNDLE_DIR if previous is not None else None
    if reuse and not update.changed and old_bundle is not None and (old_bundle / "pagefind-entry.json").is_file():
        pending.index = _reuse_bundle(old_bundle, bundle, len(update.words))
    else:
        pending.begin(IndexRun(sources.pages, len(update.words), bundle))
    return pending


class PendingSearch:
    """A search build whose index Pagefind may still be writing.

    Every pending build of this process is known to :func:`cancel_pending`, which
    a failed site build calls: the indexer must not go on writing into a folder
    that is being deleted.
    """

    def __init__(self, output: Path, messages: dict[str, tuple[str, str]], pdfs_read: int, started: float) -> None:
        self.output = output
        self.messages = messages
        self.pdfs_read = pdfs_read
        self.started = started
        self.words: list[str] = []
        self.index: IndexResult | None = None
        self.run: IndexRun | None = None
        self.folder: tempfile.TemporaryDirectory[str] | None = None  # the source pages, when not kept

    def begin(self, run: IndexRun) -> None:
        self.run = run
        _PENDING.add(self)

    def finish(self) -> SearchBuild:
        """Wait for the index, then write the browser's search data beside it."""
        try:
            if self.run is not None:
                self.index = self.run.finish()
        finally:
            self._done()
        assert self.index is not None
        count = write_search_data(self.words, self.messages, self.output / DATA_PATH)
        return SearchBuild(records=self.index.records, index=self.index, dictionary_words=count,
                           pdfs_read=self.pdfs_read, seconds=time.perf_counter() - self.started)

    def cancel(self) -> None:
        """Stop the indexer and remove what it wrote."""
        try:
            if self.run is not None:
                self.run.cancel()
        finally:
            self._done()

    def _done(self) -> None:
        _PENDING.discard(self)
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


_PENDING: set[PendingSearch] = set()


def cancel_pending() -> None:
    """Stop every search build this process started and has not finished (a site build failed)."""
    for pending in list(_PENDING):
        pending.cancel()


def _update_pages(builder: RecordBuilder, sources: SourceCache, kept: dict[str, list[str]] | None,
                  affected: frozenset[str] | None) -> Written:
    """Bring the kept source pages in step with the model: every record when nothing can be trusted,
    else the records the changes reach, the new ones, and the removal of those no longer indexed."""
    agencies = builder.agencies()
    if kept is None or affected is None:
        sources.clear()
        return write_record_pages(builder, sources.pages)
    now = {agency.code for agency in agencies}
    gone = sorted(code for code in kept if code not in now)
    for code in gone:
        sources.remove(agency_url(code))
        del kept[code]
    todo = [agency for agency in agencies if agency.code in affected or agency.code not in kept]
    written = write_record_pages(builder, sources.pages, todo)
    kept.update(written.words)
    return Written({code: kept[code] for code in sorted(kept)}, written.changed + len(gone))


def _reuse_bundle(old: Path, bundle: Path, count: int) -> IndexResult:
    """The previous output's bundle, linked (or copied) into this output: the same pages make the same index."""
    started = time.perf_counter()
    shutil.rmtree(bundle, ignore_errors=True)
    shutil.copytree(old, bundle, copy_function=link_or_copy)
    return described(bundle, count, time.perf_counter() - started)
