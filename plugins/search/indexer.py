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


def _run_pagefind(binary: Path, source: Path, staging: Path, timeout: float) -> None:
    command = [str(binary), "--site", str(source), "--output-path", str(staging),
               "--force-language", LANGUAGE, "--quiet"]
    try:
        # The working folder is the source: a pagefind.yml wherever the build was started is not read.
        done = subprocess.run(command, cwd=source, env=_environment(), capture_output=True, timeout=timeout,
                              check=False)
    except OSError as err:
        raise PagefindError(f"cannot start {binary}: {err.strerror or err}") from err
    except subprocess.TimeoutExpired:
        raise PagefindError(f"Pagefind did not finish in {timeout:.0f} s and was stopped") from None
    if done.returncode != 0:
        output = (done.stderr + done.stdout).decode("utf-8", "replace").strip().splitlines()[-3:]
        raise PagefindError(f"Pagefind stopped (exit status {done.returncode})"
                            + (f": {' / '.join(output)}" if output else ""))


def write_index(records: Sequence[SearchRecord], bundle: Path, *, timeout: float = TIMEOUT) -> IndexResult:
    """Index ``records`` and write Pagefind's bundle to the folder ``bundle``."""
    with tempfile.TemporaryDirectory(prefix="prakat-search-") as source:
        write_sources(records, Path(source))
        return index_folder(Path(source), len(records), bundle, timeout=timeout)


def index_folder(source: Path, count: int, bundle: Path, *, timeout: float = TIMEOUT) -> IndexResult:
    """Write Pagefind's bundle to the folder ``bundle`` from the ``count`` source pages in ``source``."""
    started = time.perf_counter()
    bundle = Path(bundle).resolve()
    staging = bundle.with_name(bundle.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    binary = pagefind_binary()
    try:
        _run_pagefind(binary, source, staging, timeout)
        if not (staging / "pagefind-entry.json").is_file():
            raise PagefindError(f"Pagefind reported success but wrote no index into {staging}")
        try:
            normalize(staging)
        except (BundleFormatError, OSError, ValueError, KeyError) as err:
            raise PagefindError(f"cannot put Pagefind's filter files in a stable order: {err}") from err
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(bundle, ignore_errors=True)
    os.replace(staging, bundle)
    return described(bundle, count, time.perf_counter() - started)


def described(bundle: Path, count: int, seconds: float) -> IndexResult:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexResult(records=count, files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds)
