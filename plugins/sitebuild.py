"""Build the public site, and serve it while editing.

``build_site`` is what ``build.py build`` runs:

1. validate the content (everything with ``full``; otherwise what changed
   since the last good build, see plugins/agencies/inputs.py); on errors,
   print them and stop before touching the output;
2. run Pelican with pelicanconf.py into a fresh sibling folder
   ``<output>.new-<pid>``; unchanged pages and PDFs are hard-linked from the
   current output (plugins/agencies/incremental.py);
3. swap: the current output becomes ``<output>.old-<pid>``, the new folder
   takes its name, the old one is deleted.  A failed or interrupted build
   leaves the current output as it was; a build interrupted inside the swap
   is repaired by the next one.

``serve_site`` builds, serves the output on 127.0.0.1 and rebuilds (in a
child process, so changed plugin code is picked up) when content/, theme/,
schemas/ or plugins/ change; a failed rebuild keeps the last good site.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

CODE_ROOT = Path(__file__).resolve().parents[1]
if str(CODE_ROOT) not in sys.path:
    sys.path.insert(0, str(CODE_ROOT))

from plugins.agencies.generator import AFFECTED, BUILD_REPORT, DOCUMENT_SIZES, PREVIOUS_OUTPUT  # noqa: E402
from plugins.agencies.incremental import BuildReport  # noqa: E402
from plugins.agencies.inputs import (  # noqa: E402
    InputCache, affected, changed_paths, code_version, load_inputs, scan_stamps)
from plugins.prakat import reporters  # noqa: E402
from plugins.prakat.compliance import compute  # noqa: E402
from plugins.prakat.i18n import clear_cache  # noqa: E402
from plugins.prakat.sitedata import CONTEXT_KEY, SiteData  # noqa: E402
from plugins.prakat.validate import today, validate  # noqa: E402
from plugins.prakat.store import ContentStore, gc_paused  # noqa: E402
from plugins.search.build import cancel_pending  # noqa: E402
from plugins.search.generator import SEARCH_SOURCES  # noqa: E402
from plugins.search.sources import SourceCache  # noqa: E402

SETTINGS_FILE = CODE_ROOT / "pelicanconf.py"
WATCHED = ("content", "theme", "schemas", "plugins", "pelicanconf.py")


def _say(lang: str, th: str, en: str) -> str:
    return th if lang == "th" else en


@dataclass
class BuildOutcome:
    code: int  # the exit code
    report: BuildReport | None = None
    pages: int = 0
    seconds: float = 0.0
    validated: list[str] | None = None  # the paths validated; None when everything was
    affected: frozenset[str] | None = None  # the agencies whose pages were looked at again; None: all


# --- the folders ------------------------------------------------------------------

def _sibling(output: Path, kind: str, pid: int | None = None) -> Path:
    return output.with_name(f"{output.name}.{kind}-{os.getpid() if pid is None else pid}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(output: Path) -> None:
    """Tidy what an interrupted build left: its unfinished folder, or a swap cut in half."""
    for leftover in sorted(output.parent.glob(f"{output.name}.*-*")):
        kind, _, pid = leftover.name[len(output.name) + 1:].partition("-")
        if kind not in ("new", "old") or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not output.exists():
            os.rename(leftover, output)  # the swap stopped between its two renames: put the old site back
        else:
            shutil.rmtree(leftover, ignore_errors=True)


BACKGROUND_DELETE_FROM = 5000  # files: deleting a national site's old copy takes a minute; nobody need wait


# The deleter first renames the folder after itself (<output>.old-<its pid>): a later build then sees a
# live process's folder and leaves it alone instead of deleting it a second time.
_DELETER = ("import os, shutil, sys; old = sys.argv[1]; mine = old.rsplit('-', 1)[0] + f'-{os.getpid()}'; "
            "os.rename(old, mine); shutil.rmtree(mine, ignore_errors=True)")


def _discard(folder: Path, background: bool) -> None:
    if not background:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([sys.executable, "-c", _DELETER, str(folder)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _swap(new: Path, output: Path, large: bool = False) -> None:
    """The new folder takes the output's name; the old one is deleted (in the background when ``large``)."""
    backup = _sibling(output, "old")
    if output.exists():
        os.rename(output, backup)
    os.rename(new, output)
    if backup.exists():
        _discard(backup, large)


# --- Pelican ---------------------------------------------------------------------

class _Collect(logging.Handler):
    """Keeps Pelican's warnings and errors for the summary instead of printing them as they come."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextlib.contextmanager
def _quiet_pelican() -> Iterator[_Collect]:
    from pelican.log import console

    logger = logging.getLogger("pelican")
    handler = _Collect()
    saved = (logger.level, logger.propagate, console.quiet)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    console.quiet = True
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        console.quiet = saved[2]


def _settings(root: Path, target: Path, theme: Path | None) -> dict:
    from pelican.settings import read_settings

    override = {"PATH": str(root / "content"), "OUTPUT_PATH": str(target), "PRAKAT_ROOT": str(root)}
    if theme is not None:
        override["THEME"] = str(theme)
    return read_settings(str(SETTINGS_FILE), override=override)


def _run_pelican(settings: dict, previous: Path | None, data: SiteData, report: BuildReport,
                 sizes: dict[str, int]) -> int:
    """Run Pelican with ``settings``; the number of pages written or reused."""
    from pelican import Pelican, signals

    target = settings["OUTPUT_PATH"]
    settings[PREVIOUS_OUTPUT] = str(previous) if previous else None
    settings[BUILD_REPORT] = report
    settings[DOCUMENT_SIZES] = sizes
    settings[CONTEXT_KEY] = data  # one model for every plugin: Pelican copies settings into its context
    written: set[str] = set()

    def count(path: str, context: object = None) -> None:
        written.add(os.path.relpath(path, target))

    signals.content_written.connect(count)
    try:
        Pelican(settings).run()
    finally:
        signals.content_written.disconnect(count)
    if not report.rendered and not report.reused:
        raise RuntimeError("the agency pages plugin (plugins.agencies) did not run; see the messages above")
    return len(written | set(report.reused))


def _document_sizes(stamps: dict[str, tuple[int, int]]) -> dict[str, int]:
    prefix = "content/documents/"
    return {rel[len(prefix):]: size for rel, (size, _) in stamps.items() if rel.startswith(prefix) and size >= 0}


def _failed(err: BaseException, log: list[str], lang: str) -> None:
    from plugins.agencies.documents import DocumentRefused

    detail = err.message(lang) if isinstance(err, DocumentRefused) else f"{type(err).__name__}: {err}"
    for line in log[-10:]:
        print(line, file=sys.stderr)
    print(_say(lang, f"สร้างเว็บไซต์ไม่สำเร็จ: {detail}\nเว็บไซต์เดิมยังคงอยู่",
               f"The site could not be built: {detail}\nThe previous site is unchanged."), file=sys.stderr)


def run_build(root: Path, output: Path, full: bool = False, lang: str = "th",
              theme: Path | None = None) -> BuildOutcome:
    """Validate, build into a fresh folder and swap it in; what happened, for the caller to report.

    ``theme`` replaces pelicanconf's THEME (tests build with a deliberately broken copy).
    """
    started = time.monotonic()
    root, output = Path(root).resolve(), Path(output).resolve()
    _recover(output)
    version = code_version()
    stamps = scan_stamps(root)
    cache = None if full or not output.is_dir() else InputCache.load(root, output, version)
    changed = changed_paths(cache.stamps, stamps) if cache else None
    store = ContentStore(root)
    if cache is not None and changed is not None:
        store.suggest_referrers(cache.referrer_candidates(changed))
    result = validate(root, changed, store=store)
    if result.errors:
        print(reporters.text(result.findings, lang), file=sys.stderr)
        print(_say(lang, "ไม่ได้สร้างเว็บไซต์: พบข้อผิดพลาดในเนื้อหา เว็บไซต์เดิมยังคงอยู่",
                   "The site was not built: the content has errors. The previous site is unchanged."),
              file=sys.stderr)
        return BuildOutcome(1, validated=changed)
    clear_cache()
    model, history, saved = load_inputs(root, result.store, stamps, cache, changed or [])
    saved.version = version
    target = _sibling(output, "new")
    shutil.rmtree(target, ignore_errors=True)
    settings = _settings(root, target, theme)
    reach = affected(model, changed or [], cache, saved.history or {}) if cache else None
    settings[AFFECTED] = reach
    sources = SourceCache.for_output(root, output)
    settings[SEARCH_SOURCES] = sources if sources.usable() else None
    with gc_paused():  # long-lived, like the model (see gc_paused)
        compliance = compute(model)
    data = SiteData(root=root, store=result.store, model=model, compliance=compliance, history=history,
                    today=today(), site_url=str(settings.get("SITEURL", "")).rstrip("/"))
    previous = output if not full and output.is_dir() else None
    report = BuildReport()
    with _quiet_pelican() as log:
        try:
            pages = _run_pelican(settings, previous, data, report, _document_sizes(stamps))
            target.mkdir(parents=True, exist_ok=True)
            _swap(target, output, large=report.pages + len(report.documents_linked) >= BACKGROUND_DELETE_FROM)
        except BaseException as err:
            cancel_pending()  # an indexer still writing into the folder about to be deleted
            shutil.rmtree(target, ignore_errors=True)
            if not isinstance(err, Exception):
                raise  # an interrupt: the old site is untouched, stop now
            _failed(err, log.messages, lang)
            return BuildOutcome(1, report, validated=changed)
    sources.commit()  # the kept search pages now describe the output
    if cache is None or changed or saved.history is not cache.history or not output.is_dir():
        saved.save(root, output)  # unchanged content and commit: the cache on disk still says it all
    return BuildOutcome(0, report, pages, time.monotonic() - started, changed, reach.agencies if reach else None)


def build_site(root: Path, output: Path, full: bool = False, lang: str = "th") -> int:
    """Validate and build the site into ``output``; the exit code (0 built, 1 refused or failed)."""
    outcome = run_build(root, output, full=full, lang=lang)
    if outcome.code == 0:
        shown = os.path.relpath(output) if not os.path.relpath(output).startswith("..") else str(output)
        print(_say(lang, f"สร้างเว็บไซต์แล้ว: {outcome.pages:,} หน้า ใน {outcome.seconds:.1f} วินาที → {shown}/",
                   f"Built the site: {outcome.pages:,} pages in {outcome.seconds:.1f} s → {shown}/"))
    return outcome.code


# --- serving ---------------------------------------------------------------------

class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files with the types a browser needs, and the site's own /404.html for what is missing."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8", ".json": "application/json",
        ".csv": "text/csv; charset=utf-8", ".xml": "application/xml", ".pdf": "application/pdf",
        ".svg": "image/svg+xml", ".woff2": "font/woff2", ".wasm": "application/wasm",
    }

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # a quiet terminal: the build's own lines matter more


def make_server(output: Path, port: int) -> ThreadingHTTPServer:
    """A threaded server of ``output`` on 127.0.0.1 (port 0 picks a free one)."""
    handler = partial(SiteRequestHandler, directory=str(output))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def _build_in_child(root: Path, output: Path, lang: str) -> int:
    """A build in a fresh interpreter, so that edited plugin code takes effect."""
    command = [sys.executable, "-m", "plugins.sitebuild", "build", str(root), str(output), "--lang", lang]
    return subprocess.run(command, cwd=CODE_ROOT, check=False).returncode


def _stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and a plain ``kill`` (SIGTERM) both stop the server cleanly.

    A program started in the background by a script inherits SIGINT as ignored,
    and Python then leaves it ignored: such a server could only be killed hard.
    """
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, interrupt)


def serve_site(root: Path, output: Path, port: int = 8000, lang: str = "th") -> int:
    """Build, serve on 127.0.0.1:``port`` and rebuild on change until interrupted."""
    from watchfiles import watch

    if threading.current_thread() is threading.main_thread():  # where Python lets signals be handled
        _stop_on_signals()
    root, output = Path(root).resolve(), Path(output).resolve()
    try:  # claim the port first: a busy port should not cost a build to find out
        server = make_server(output, port)
    except OSError as err:
        print(_say(lang, f"เปิดเว็บไซต์ที่พอร์ต {port} ไม่ได้ ({err.strerror}) — ลองใช้ --port อื่น",
                   f"Cannot serve on port {port} ({err.strerror}); try another --port."), file=sys.stderr)
        return 1
    if _build_in_child(root, output, lang) != 0 and not output.is_dir():
        server.server_close()
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(_say(lang, f"เปิดเว็บไซต์ที่ http://127.0.0.1:{server.server_port}/ (กด Ctrl+C เพื่อหยุด)",
               f"Serving http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)"), flush=True)
    watched = [p for p in {root / "content", *(CODE_ROOT / name for name in WATCHED)} if p.exists()]
    try:
        for changes in watch(*watched, watch_filter=lambda _, path: "__pycache__" not in path
                             and not path.endswith((".pyc", ".tmp"))):
            print(_say(lang, f"พบการเปลี่ยนแปลง {len(changes)} ไฟล์ กำลังสร้างใหม่…",
                       f"{len(changes)} file(s) changed, rebuilding…"), flush=True)
            if _build_in_child(root, output, lang) != 0:
                print(_say(lang, "สร้างใหม่ไม่สำเร็จ ยังคงเปิดเว็บไซต์ฉบับก่อนหน้า",
                           "The rebuild failed; still serving the previous site."), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plugins.sitebuild", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["build", "serve"])
    parser.add_argument("root", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--lang", choices=["th", "en"], default="th")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve_site(args.root, args.output, args.port, args.lang)
    return build_site(args.root, args.output, full=args.full, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())
