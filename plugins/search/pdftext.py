"""The text of each published PDF's first page, remembered by the file's sha256.

Reading a PDF's text costs milliseconds; a national data set holds sixty
thousand of them and almost none change between two builds.  The text
depends only on the bytes, so it is cached in ``.prakat-cache/`` under the
sha256 the report records (validation has checked it against the bytes),
with the extractor's version, so a change here re-reads everything.  The
cache is an optimisation only: deleting it changes no result.
"""
from __future__ import annotations

import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Mapping

from pypdf import PdfReader

from plugins.prakat.pdfcache import CACHE_DIR
from plugins.prakat.pdffacts import keep_pypdf_quiet

keep_pypdf_quiet()

EXTRACTOR_VERSION = "1"
TEXT_LIMIT = 2000  # characters kept of a first page: the heading and opening of an announcement
PARALLEL_FROM = 64  # below this, starting worker processes costs more than it saves

_THAI = "\u0e01-\u0e5b"
_THAI_LINE_BREAK = re.compile(f"(?<=[{_THAI}])[ \\t]*\\n[ \\t]*(?=[{_THAI}])")
_SPACES = re.compile(r"\s+")


def clean(text: str, limit: int = TEXT_LIMIT) -> str:
    """Extracted text as one line: a Thai line wrap joins without a space (Thai has none between words)."""
    text = _THAI_LINE_BREAK.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > limit // 2 else limit]


def first_page_text(path: str) -> str:
    """The cleaned text layer of the first page, "" when it has none or cannot be read."""
    try:
        reader = PdfReader(path)
        if not reader.pages:
            return ""
        return clean(reader.pages[0].extract_text() or "")
    except Exception:  # noqa: BLE001 - any failure inside pypdf means "no usable text layer"
        # Validation has already accepted the file as a readable PDF; a content stream
        # that pypdf cannot turn into text leaves the document findable by its title.
        return ""


class PdfTexts:
    """First-page texts by sha256, read from and saved to ``<root>/.prakat-cache/``."""

    def __init__(self, root: Path, use_cache: bool = True) -> None:
        self.file = Path(root) / CACHE_DIR / f"pdftext-v{EXTRACTOR_VERSION}-{TEXT_LIMIT}.json"
        self.use_cache = use_cache
        self.known: dict[str, str] = {}
        self.dirty = False
        self.read = 0  # PDFs read in this run, for reports and tests
        if use_cache:
            try:
                loaded = json.loads(self.file.read_text("utf-8"))
                if isinstance(loaded, dict):
                    self.known = {k: v for k, v in loaded.items() if isinstance(v, str)}
            except (OSError, ValueError):
                self.known = {}

    def prepare(self, items: Mapping[str, Path]) -> None:
        """Read every (sha256 -> path) not known yet, on every core when there are many."""
        todo = sorted((sha, str(path)) for sha, path in items.items() if sha not in self.known)
        if not todo:
            return
        workers = min(os.cpu_count() or 1, 8)
        paths = [p for _, p in todo]
        if len(todo) >= PARALLEL_FROM and workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                texts = list(pool.map(first_page_text, paths, chunksize=64))
        else:
            texts = [first_page_text(p) for p in paths]
        for (sha, _), text in zip(todo, texts):
            self.known[sha] = text
        self.read += len(todo)
        self.dirty = True

    def has(self, sha256: str) -> bool:
        return sha256 in self.known

    def get(self, sha256: str) -> str:
        return self.known.get(sha256, "")

    def save(self) -> None:
        if not (self.use_cache and self.dirty):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.known, sort_keys=True, ensure_ascii=False), "utf-8")
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only checkout still builds; it only re-reads next time
