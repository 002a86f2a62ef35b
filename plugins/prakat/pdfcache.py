"""Reading the PDFs, and their safety results remembered by the bytes' sha256.

Parsing a PDF costs milliseconds; a national data set holds sixty thousand of
them and almost none change between two runs.  A verdict depends only on the
bytes, so it is cached under their sha256 (with the checker's version, so a
stricter checker re-examines everything).  The cache is an optimisation
only: deleting it changes no result.

A whole-tree validation reads every PDF in worker processes while the main
process parses the YAML (:meth:`PdfVerdicts.prefetch`): each worker hashes
its files and examines the ones whose sha256 the cache does not know, so
the two costs overlap on a machine's cores instead of following each other.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .pdffacts import MAX_PDF_BYTES, LfsPointer, PdfProblem, parse_lfs_pointer

CHECKER_VERSION = "1"
CACHE_DIR = ".prakat-cache"
PARALLEL_FROM = 64  # below this, starting worker processes costs more than it saves
PREFETCH_BATCH = 256  # files per task given to a worker

Verdict = list[tuple[str, str]]  # (code, detail) of each problem; empty: a safe PDF


@dataclass(frozen=True)
class PdfFacts:
    """What one read of a PDF file tells."""

    size: int
    sha256: str | None  # None: larger than MAX_PDF_BYTES, so not read
    pointer: LfsPointer | None = None  # the file is a Git LFS pointer, not the PDF


def read_facts(path: str) -> tuple[PdfFacts | None, bytes]:
    """The facts of ``path`` and its bytes (empty unless read); no facts when it cannot be read."""
    try:
        with open(path, "rb") as handle:  # one open per file: sixty thousand PDFs come through here
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_PDF_BYTES:
                return PdfFacts(size, None), b""
            data = handle.read()
    except OSError:
        return None, b""
    return PdfFacts(size, hashlib.sha256(data).hexdigest(), parse_lfs_pointer(data)), data


def _check_bytes(data: bytes) -> Verdict:
    from .pdfcheck import check_pdf  # pypdf loads only when a PDF is examined, not on every run

    return [(p.code, p.detail) for p in check_pdf(data)]


def _check_file(path: str) -> Verdict:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return [("pdf.unreadable", err.strerror or "cannot read")]
    return _check_bytes(data)


_KNOWN: frozenset[str] = frozenset()  # in a prefetching worker: the sha256s the cache already answers


def _remember_known(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def _read_and_check(paths: list[str]) -> list[tuple[PdfFacts | None, Verdict | None]]:
    """In a worker: the facts of each file, and a verdict for each PDF the cache does not know."""
    out: list[tuple[PdfFacts | None, Verdict | None]] = []
    for path in paths:
        facts, data = read_facts(path)
        verdict = None
        if facts is not None and facts.sha256 is not None and facts.pointer is None and facts.sha256 not in _KNOWN:
            verdict = _check_bytes(data)
        out.append((facts, verdict))
    return out


class Prefetch:
    """PDFs being read and checked in worker processes; :meth:`facts` waits for them."""

    def __init__(self, verdicts: "PdfVerdicts", paths: list[str], workers: int) -> None:
        self.verdicts = verdicts
        self.paths = paths
        # Started before the YAML is parsed, so the workers fork from a small process.
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_remember_known,
                                        initargs=(frozenset(verdicts.known),))
        self.batches: list[Future[list[tuple[PdfFacts | None, Verdict | None]]]] = [
            self.pool.submit(_read_and_check, paths[i:i + PREFETCH_BATCH])
            for i in range(0, len(paths), PREFETCH_BATCH)]
        self._facts: dict[str, PdfFacts | None] | None = None

    def facts(self) -> dict[str, PdfFacts | None]:
        """path -> facts of every prefetched file (None: unreadable); new verdicts go into the cache."""
        if self._facts is None:
            found: dict[str, PdfFacts | None] = {}
            try:
                results = [item for batch in self.batches for item in batch.result()]
            except (BrokenProcessPool, OSError):
                results = []  # a worker died (out of memory, killed): the caller reads the files itself
            finally:
                self.pool.shutdown(wait=True, cancel_futures=True)
            for path, (facts, verdict) in zip(self.paths, results):
                found[path] = facts
                if verdict is not None and facts is not None and facts.sha256 is not None:
                    self.verdicts.learn(facts.sha256, verdict)
            self._facts = found
        return self._facts

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _workers() -> int:
    return min(os.cpu_count() or 1, 8)


class PdfVerdicts:
    def __init__(self, root: Path, use_cache: bool = True) -> None:
        self.file = root / CACHE_DIR / f"pdf-v{CHECKER_VERSION}.json"
        self.use_cache = use_cache
        self.known: dict[str, Verdict] = {}
        self.dirty = False
        if use_cache:
            try:
                loaded = json.loads(self.file.read_text("utf-8"))
                self.known = {k: [tuple(p) for p in v] for k, v in loaded.items()}  # type: ignore[misc]
            except (OSError, ValueError, AttributeError, TypeError):
                self.known = {}

    def check_many(self, items: dict[str, Path]) -> None:
        """Examine every (sha256 -> path) not yet known."""
        todo = sorted((sha, str(path)) for sha, path in items.items() if sha not in self.known)
        if not todo:
            return
        workers = _workers()
        if len(todo) >= PARALLEL_FROM and workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(_check_file, [p for _, p in todo], chunksize=64))
        else:
            results = [_check_file(p) for _, p in todo]
        for (sha, _), result in zip(todo, results):
            self.learn(sha, result)

    def learn(self, sha256: str, verdict: Verdict) -> None:
        self.known[sha256] = verdict
        self.dirty = True

    def prefetch(self, paths: Iterable[str]) -> Prefetch | None:
        """Start reading and checking ``paths`` (absolute) in worker processes; None when too few
        to be worth it or on a single core, and the caller reads them as it goes."""
        todo = sorted(set(paths))
        workers = _workers()
        if len(todo) < PARALLEL_FROM or workers < 2:
            return None
        return Prefetch(self, todo, workers)

    def problems(self, sha256: str) -> list[PdfProblem]:
        return [PdfProblem(code, detail) for code, detail in self.known.get(sha256, [])]

    def save(self) -> None:
        if not (self.use_cache and self.dirty):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.known, sort_keys=True), "utf-8")
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only checkout still validates; it only re-checks next time
