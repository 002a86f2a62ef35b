"""How long the search index of a national data set takes, what it weighs, and what a first search costs.

    python -m bench.generate /tmp/prakat-bench --agencies 20000 --versions 60000 --seed 1 --git
    python -m bench.bench_search /tmp/prakat-bench [--runs 3] [--query สถิติ]

The model is loaded once (that cost belongs to the whole build, not to search).
The first pages of the current PDFs are read into .prakat-cache/ if they are
not there yet (reported apart: a one-time cost).  Then, ``--runs`` times:
records with Thai words separated, Pagefind's bundle and the browser's search
data, written to a temporary folder (plugins.search.build.build_search); the
median is the figure, with its CPU time beside it (CPU time is what the
machine's other work cannot inflate as much).  Peak memory: the Python heap
the build adds over the loaded model (tracemalloc, on a separate run) and
the Pagefind process's peak resident memory (the kernel's accounting).

The peer, run the same number of times in the same script: Pagefind indexing
the same records' raw text, without Thai word breaking, the least a Pagefind
index of this data could cost.  The ratio says what word breaking adds.

The first search: the Thai /search/ page is rendered over the first run's
output and served on 127.0.0.1, twice: by a plain static server (files as
they are, like the browser tests) and with HTML, CSS, JavaScript and JSON
gzip-compressed on the way (as static hosts serve them; Pagefind's own
files are compressed already).  Headless Chromium loads the page, focuses
the box and types ``--query``; every response's transferred size (headers
and body, as the browser counts them) is summed until the results are shown.
Targets: index under 60 s, first search under 300 KB.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.agencies.assets import minify_folder  # noqa: E402
from plugins.prakat.i18n import JINJA_FILTERS, JINJA_GLOBALS, load_catalogue  # noqa: E402
from plugins.prakat.searchrecords import build_records  # noqa: E402
from plugins.prakat.sitedata import SiteData, load_site_data  # noqa: E402
from plugins.prakat.thaiwords import Segmenter  # noqa: E402
from plugins.search.build import DATA_PATH, build_search, documents_to_read  # noqa: E402
from plugins.search.indexer import write_index  # noqa: E402
from plugins.search.pdftext import PdfTexts  # noqa: E402
from plugins.search.view import search_page  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_FIRST_SEARCH = 300 * 1024
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # this process and its finished children (Pagefind)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(work) -> tuple[Timing, object]:
    start, cpu = time.perf_counter(), _cpu()
    result = work()
    return Timing(time.perf_counter() - start, _cpu() - cpu), result


class RawText(Segmenter):
    """The peer's 'segmenter': text as written, nothing inside words."""

    def spaced(self, text: str, separator: str = "") -> str:
        return text

    def inner_words(self, text: str) -> list[str]:
        return []


def messages() -> dict[str, tuple[str, str]]:
    catalogue = load_catalogue(ROOT / "theme" / "i18n")
    return {key: (m.th, m.en) for key, m in catalogue.messages.items()}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def ours(site: SiteData, out: Path) -> Timing:
    shutil.rmtree(out, ignore_errors=True)
    timing, _ = timed(lambda: build_search(site.model, site.compliance, site.store, out, messages=messages()))
    return timing


def peer(site: SiteData, texts: PdfTexts, out: Path) -> Timing:
    shutil.rmtree(out, ignore_errors=True)

    def work() -> None:
        records = build_records(site.model, site.compliance, RawText(), lambda v: texts.get(v.sha256))
        write_index([replace(r, meta={k: v for k, v in r.meta.items() if k != "k"}) for r in records],
                    out / "pagefind")

    timing, _ = timed(work)
    return timing


def python_peak(site: SiteData, out: Path) -> float:
    """MiB of Python heap one build adds at its peak (a separate, slower run)."""
    tracemalloc.start()
    build_search(site.model, site.compliance, site.store, out, messages=messages())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def render_search_page(site: SiteData, out: Path) -> None:
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(JINJA_GLOBALS)
    env.filters.update(JINJA_FILTERS)
    html = env.get_template("search.html").render(
        lang="th", page_path="search/", search=search_page(site.model, site.compliance),
        THEME=str(ROOT / "theme"), SITEURL="")
    (out / "search").mkdir(parents=True, exist_ok=True)
    (out / "search" / "index.html").write_text(html, "utf-8")
    shutil.copytree(ROOT / "theme" / "static", out / "theme", dirs_exist_ok=True)
    minify_folder(out / "theme")  # as the build serves them (plugins.agencies.assets)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _Gzip(_Quiet):
    """Text files gzip-compressed on the way out, as static hosts serve them.

    Pagefind's own files (.pf_*, .pagefind) are compressed already and go as they are.
    """

    TEXT = (".html", ".js", ".css", ".json", ".svg")

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def first_search(out: Path, query: str, compress: bool = False) -> tuple[int, list[tuple[str, int]], int]:
    """Bytes transferred to open /search/ and see the results of ``query``; the files; the results shown."""
    from playwright.sync_api import sync_playwright

    handler = _Gzip if compress else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen: list[tuple[str, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})

            def finished(request) -> None:
                sizes = request.sizes()
                seen.append((request.url.split(f":{server.server_port}", 1)[-1],
                             sizes["responseHeadersSize"] + sizes["responseBodySize"]))

            page.on("requestfinished", finished)
            page.goto(f"http://127.0.0.1:{server.server_port}/search/")
            box = page.locator("#search-q")
            box.click()
            box.press_sequentially(query, delay=30)
            page.wait_for_selector(".search-result", timeout=60_000)
            page.wait_for_load_state("networkidle")
            shown = page.locator(".search-result").count()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sum(size for _, size in seen), seen, shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path, nargs="?", default=Path("/tmp/prakat-bench"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="สถิติ", help="typed into the search box for the first-search bytes")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-search measurement")
    args = parser.parse_args(argv)
    if not (args.root / "content" / "agencies").is_dir():
        parser.error(f"{args.root} has no content/agencies: run python -m bench.generate first")

    timing, site = timed(lambda: load_site_data(args.root, "https://prakat.invalid"))
    print(f"model loaded (not part of search): {timing.wall:.1f} s, {len(site.model.agencies):,} agencies")

    texts = PdfTexts(args.root)
    todo = documents_to_read(site.model, site.store, texts)
    if todo:
        timing, _ = timed(lambda: (texts.prepare(todo), texts.save()))
        print(f"first pages read into .prakat-cache (once): {len(todo):,} PDFs in {timing.wall:.1f} s")

    with tempfile.TemporaryDirectory(prefix="prakat-bench-search-") as tmp:
        work = Path(tmp)
        runs = [ours(site, work / f"ours-{i}") for i in range(args.runs)]
        peers = [peer(site, texts, work / f"peer-{i}") for i in range(args.runs)]
        children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        heap = python_peak(site, work / "heap")
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        peer_wall = statistics.median(r.wall for r in peers)
        peer_cpu = statistics.median(r.cpu for r in peers)
        size, peer_size = folder_bytes(work / "ours-0" / "pagefind"), folder_bytes(work / "peer-0" / "pagefind")
        words = (work / "ours-0" / DATA_PATH).stat().st_size
        print(f"search index: median {wall:.1f} s wall, {cpu:.1f} s CPU over {args.runs} runs "
              f"({', '.join(f'{r.wall:.1f}' for r in runs)}); target {TARGET_SECONDS:.0f} s: "
              f"{'met' if wall < TARGET_SECONDS else 'NOT met'}")
        print(f"peer (raw text, no Thai breaking): median {peer_wall:.1f} s wall, {peer_cpu:.1f} s CPU; "
              f"ratio {wall / peer_wall:.2f}x wall, {cpu / peer_cpu:.2f}x CPU")
        print(f"bundle: {size / 2**20:.1f} MiB (peer {peer_size / 2**20:.1f} MiB, ratio {size / peer_size:.2f}x); "
              f"search data {words / 1024:.1f} KiB")
        print(f"peak memory: Python heap +{heap:.0f} MiB over the loaded model; "
              f"Pagefind process {children_peak:.0f} MiB resident")
        if not args.no_browser:
            render_search_page(site, work / "ours-0")
            for compress in (False, True):
                total, files, shown = first_search(work / "ours-0", args.query, compress)
                how = "text gzip-compressed by the server" if compress else "files served as they are"
                print(f"first search for {args.query!r} ({how}): {total / 1024:.1f} KiB transferred in "
                      f"{len(files)} responses, {shown} results shown; target {TARGET_FIRST_SEARCH // 1024} KiB: "
                      f"{'met' if total < TARGET_FIRST_SEARCH else 'NOT met'}")
                for url, nbytes in sorted(files, key=lambda f: -f[1]):
                    if nbytes >= 1024:
                        print(f"    {nbytes / 1024:8.1f} KiB  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
