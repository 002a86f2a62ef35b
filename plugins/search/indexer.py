"""Writing the Pagefind bundle from search records.

Each record becomes a small HTML file in a temporary folder, at the path of
its agency's Thai page (``agencies/<code>/index.html``, so Pagefind gives it
the page's address), and Pagefind's command-line indexer, the binary that the
pinned ``pagefind[bin]`` package installs, indexes that folder.  The record's
text is the page's ``data-pagefind-body``; its metadata and filters are
``data-pagefind-meta`` and ``data-pagefind-filter`` elements inside a
``data-pagefind-ignore`` block, stored with the page but not read as its text.

Why files and the command line rather than ``pagefind --service`` (what
Pagefind's Python API drives, records sent over a pipe): the service takes
the records one at a time on one thread, and needed 58 s for the national
data set on this 2-core machine; the command line reads the files on every
core and needed 25 s, writing the files included.

Failures come back as :class:`PagefindError` with Pagefind's own message,
never as a traceback; the previous bundle stays in place until the new one is
complete.  The bundle is then made byte-identical for the same records
(bundle.py).
"""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from plugins.prakat.searchrecords import LANGUAGE, SearchRecord

from .bundle import BundleFormatError, normalize

TIMEOUT = 600  # seconds for the whole index; the national one needs a fraction of it


class PagefindError(Exception):
    "The Pagefind indexer could not be started, or it failed on the records or the output folder"


@dataclass(frozen=True)
class IndexResult:
    records: int
    files: int
    bytes: int
    seconds: float


def pagefind_binary() -> Path:
    """The binary that the pinned ``pagefind[bin]`` package installs (or PAGEFIND_BINARY_PATH)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError as err:
        raise PagefindError("the pagefind_bin package is not installed (pip install 'pagefind[bin]')") from err
    try:
        return Path(get_executable())
    except FileNotFoundError as err:
        raise PagefindError(f"the Pagefind binary is missing: {err}") from err


_PAGE_START = f'<!doctype html><html lang="{LANGUAGE}"><meta charset="utf-8"><main data-pagefind-body>'


def source_page(record: SearchRecord) -> str:
    """The HTML Pagefind reads for one record; every value escaped, so content cannot add markup."""
    escape = html.escape
    parts = [_PAGE_START, escape(record.content, quote=False), "<div data-pagefind-ignore>"]
    for name, value in record.meta.items():
        parts.append(f'<span data-pagefind-meta="{escape(name)}">{escape(value, quote=False)}</span>')
    for name, values in record.filters.items():
        for value in values:
            parts.append(f'<span data-pagefind-filter="{escape(name)}">{escape(value, quote=False)}</span>')
    parts.append("</div></main></html>\n")
    return "".join(parts)


def write_sources(records: Sequence[SearchRecord], folder: Path) -> int:
    """One page per record, at its address under ``folder``; how many pages changed."""
    return sum(write_source(record, folder) for record in records)


def write_source(record: SearchRecord, folder: Path) -> bool:
    """The record's page at its address under ``folder``; False when the page was there with these bytes."""
    rel = record.url.strip("/")
    if not rel or rel.startswith(".") or ".." in rel.split("/"):
        raise PagefindError(f"a search record has an address outside the site: {record.url[:100]}")
    page = folder / rel / "index.html"
    data = source_page(record).encode("utf-8")
    try:
        if page.stat().st_size == len(data) and page.read_bytes() == data:
            return False
    except FileNotFoundError:
        page.parent.mkdir(parents=True, exist_ok=True)
    page.write_bytes(data)
    return True


def _environment() -> dict[str, str]:
    """This process's environment without PAGEFIND_* settings, which the indexer would obey."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}


def write_index(records: Sequence[SearchRecord], bundle: Path, *, timeout: float = TIMEOUT) -> IndexResult:
    """Index ``records`` and write Pagefind's bundle to the folder ``bundle``."""
    with tempfile.TemporaryDirectory(prefix="prakat-search-") as source:
        write_sources(records, Path(source))
        return IndexRun(Path(source), len(records), bundle, timeout=timeout).finish()


def _dying_with_this_process(command: list[str]) -> list[str]:
    """``command``, run so that the kernel kills it when the build's process dies (Linux, util-linux's setpriv).

    A build that is killed (not failed: killed) cannot stop its indexer, which
    would go on writing into the unfinished folder that the next build deletes.
    setpriv asks for that before it starts the indexer: no Python code has to run
    between fork and exec, which is unsafe in a process with threads.
    """
    setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    return [setpriv, "--pdeathsig", "KILL", "--", *command] if setpriv else command


class IndexRun:
    """Pagefind indexing a folder of source pages in the background, into a folder beside the bundle.

    Pagefind keeps about one and a third of this machine's two cores busy; the
    build renders its pages on the rest meanwhile.  :meth:`finish` waits for it
    and puts the bundle in place (the previous one stays until then);
    :meth:`cancel` stops it and leaves nothing behind.  Either must be called.
    """

    def __init__(self, source: Path, count: int, bundle: Path, *, timeout: float = TIMEOUT) -> None:
        self.started = time.perf_counter()
        self.count = count
        self.timeout = timeout
        self.bundle = Path(bundle).resolve()
        self.staging = self.bundle.with_name(self.bundle.name + ".partial")
        shutil.rmtree(self.staging, ignore_errors=True)
        binary = pagefind_binary()
        if not os.access(binary, os.X_OK):  # said here: behind setpriv it would be setpriv's failure
            raise PagefindError(f"cannot start {binary}: not found or not executable")
        command = [str(binary), "--site", str(source), "--output-path", str(self.staging),
                   "--force-language", LANGUAGE, "--quiet"]
        # Its messages go to a file, not a pipe nobody reads while the build goes on (a full pipe stalls it).
        self.log = tempfile.TemporaryFile()
        try:
            # The working folder is the source: a pagefind.yml wherever the build was started is not read.
            self.process = subprocess.Popen(_dying_with_this_process(command), cwd=source, env=_environment(),
                                            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        except OSError as err:
            self.log.close()
            raise PagefindError(f"cannot start {binary}: {err.strerror or err}") from err

    def finish(self) -> IndexResult:
        try:
            try:
                status = self.process.wait(timeout=max(0.0, self.timeout - (time.perf_counter() - self.started)))
            except subprocess.TimeoutExpired:
                raise PagefindError(f"Pagefind did not finish in {self.timeout:.0f} s and was stopped") from None
            if status != 0:
                self.log.seek(0)
                output = self.log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                raise PagefindError(f"Pagefind stopped (exit status {status})"
                                    + (f": {' / '.join(output)}" if output else ""))
            if not (self.staging / "pagefind-entry.json").is_file():
                raise PagefindError(f"Pagefind reported success but wrote no index into {self.staging}")
            try:
                normalize(self.staging)
            except (BundleFormatError, OSError, ValueError, KeyError) as err:
                raise PagefindError(f"cannot put Pagefind's filter files in a stable order: {err}") from err
        except BaseException:
            self.cancel()
            raise
        self.log.close()
        shutil.rmtree(self.bundle, ignore_errors=True)
        os.replace(self.staging, self.bundle)
        return described(self.bundle, self.count, time.perf_counter() - self.started)

    def cancel(self) -> None:
        """Stop the indexer if it still runs and remove what it wrote."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def described(bundle: Path, count: int, seconds: float) -> IndexResult:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexResult(records=count, files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds)
