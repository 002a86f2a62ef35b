"""PDF safety results, remembered by the bytes' sha256.

Parsing a PDF costs milliseconds; a national data set holds sixty thousand of
them and almost none change between two runs.  A verdict depends only on the
bytes, so it is cached under their sha256 (with the checker's version, so a
stricter checker re-examines everything).  New files are checked on every
core.  The cache is an optimisation only: deleting it changes no result.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .pdffacts import PdfProblem

CHECKER_VERSION = "1"
CACHE_DIR = ".prakat-cache"
PARALLEL_FROM = 64  # below this, starting worker processes costs more than it saves


def _check_file(path: str) -> list[tuple[str, str]]:
    from .pdfcheck import check_pdf  # pypdf loads only when a PDF is examined, not on every run

    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return [("pdf.unreadable", err.strerror or "cannot read")]
    return [(p.code, p.detail) for p in check_pdf(data)]


class PdfVerdicts:
    def __init__(self, root: Path, use_cache: bool = True) -> None:
        self.file = root / CACHE_DIR / f"pdf-v{CHECKER_VERSION}.json"
        self.use_cache = use_cache
        self.known: dict[str, list[tuple[str, str]]] = {}
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
        workers = min(os.cpu_count() or 1, 8)
        if len(todo) >= PARALLEL_FROM and workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(_check_file, [p for _, p in todo], chunksize=64))
        else:
            results = [_check_file(p) for _, p in todo]
        for (sha, _), result in zip(todo, results):
            self.known[sha] = result
        self.dirty = True

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
