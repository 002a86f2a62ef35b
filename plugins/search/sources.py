"""Pagefind's source pages, kept between builds of one output folder.

A national index has twenty thousand records; cutting their Thai words and
writing them as pages takes a quarter of a minute, and deleting the pages
afterwards as long again on a slow disk.  An agency's web team changes one
record.  So the pages live in ``.prakat-cache/search-<key>/pages/`` (one
folder per output folder, like the site-input cache), and a build after a
change rewrites only the records the change can reach (inputs.Affected); a
page whose bytes come out the same is not touched, and when no page changed
the previous output's bundle is reused as it is.

Beside the pages, ``state.json`` keeps the dictionary words each record's
cuts used or tried (thaiwords.Segmenter.collecting): the browser's
dictionary is their union, the same words a build of every record ships.

Trust: the state is deleted before the pages are touched and written again
only when the build that used them has replaced the output
(``SourceCache.commit``).  A failed or interrupted build therefore leaves no
state, and the next build writes every page again.  Like every cache here,
it is JSON and an optimisation only: a change to the code that shapes the
records, or deleting the folder, means every page is written again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import orjson

from plugins.agencies.incremental import update_digest
from plugins.agencies.inputs import output_key
from plugins.prakat.pdfcache import CACHE_DIR

STATE_FORMAT = 1
SEARCH_DIR = Path(__file__).resolve().parent
PRAKAT_DIR = SEARCH_DIR.parent / "prakat"


def all_words(used: Mapping[str, list[str]]) -> list[str]:
    """The browser's dictionary: every word some record's cuts used or tried, sorted."""
    return sorted({word for listed in used.values() for word in listed})


def records_version(dictionary_digest: str) -> str:
    """A digest of what shapes a record's page: the code that reads content and builds records, and the dictionary."""
    digest = hashlib.sha256(dictionary_digest.encode() + b"\0")
    update_digest(digest, sorted([*PRAKAT_DIR.glob("*.py"), *SEARCH_DIR.glob("*.py")]))
    return digest.hexdigest()


@dataclass
class SourceCache:
    """The source pages and record words kept for the output folder ``output`` of the project ``root``."""

    folder: Path

    @classmethod
    def for_output(cls, root: Path, output: Path) -> "SourceCache":
        return cls(Path(root) / CACHE_DIR / f"search-{output_key(output)}")

    def usable(self) -> bool:
        """Whether the folder can be kept (a read-only project goes without: the index is then built
        from a temporary folder, as on a first build)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return os.access(self.folder, os.W_OK | os.X_OK)

    @property
    def pages(self) -> Path:
        return self.folder / "pages"

    @property
    def _state(self) -> Path:
        return self.folder / "state.json"

    @property
    def _pending(self) -> Path:
        return self.folder / "state.pending.json"

    def take(self, version: str) -> dict[str, list[str]] | None:
        """The words of each record whose page is on disk, when the pages can be trusted; None otherwise.

        Either way the state is gone afterwards: from here on the pages may change.
        """
        try:
            raw = orjson.loads(self._state.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            raw = None
        for stale in (self._state, self._pending):
            stale.unlink(missing_ok=True)
        if not isinstance(raw, dict) or raw.get("format") != STATE_FORMAT or raw.get("version") != version:
            return None
        words, used = raw.get("words"), raw.get("used")
        if not isinstance(words, list) or not isinstance(used, dict) or not self.pages.is_dir():
            return None
        try:
            return {code: [words[i] for i in indices] for code, indices in used.items()}
        except (IndexError, TypeError):
            return None

    def clear(self) -> None:
        """No pages at all: every record is written again."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.pages.mkdir(parents=True, exist_ok=True)

    def remove(self, url: str) -> None:
        """Delete the page of a record that is no longer in the index."""
        page = self.pages / url.strip("/") / "index.html"
        page.unlink(missing_ok=True)
        try:
            page.parent.rmdir()
        except OSError:
            pass

    def stage(self, version: str, used: dict[str, list[str]]) -> None:
        """Write the state for these pages, to be trusted once the build that made it succeeds (commit)."""
        words = all_words(used)
        position = {word: i for i, word in enumerate(words)}
        document = {"format": STATE_FORMAT, "version": version, "words": words,
                    "used": {code: [position[w] for w in used[code]] for code in sorted(used)}}
        tmp = self._pending.with_name(f"state.{os.getpid()}.tmp")
        tmp.write_bytes(orjson.dumps(document))
        os.replace(tmp, self._pending)

    def commit(self) -> None:
        """The build that staged the state replaced the output: its pages describe the output now."""
        try:
            os.replace(self._pending, self._state)
        except OSError:
            pass  # nothing staged (a build without an index), or a read-only cache: the next build writes all
