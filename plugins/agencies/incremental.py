"""Incremental builds: render a page only when what it shows has changed.

Every page is rendered from a small view (plain data).  The digest of that
view, together with the ``render key`` (templates, message catalogue,
vocabulary, rendering code, site settings), is the page's input hash.  The
output folder keeps a manifest of input hash per page and of sha256 per
published PDF; the next build compares, and hard-links what is unchanged
from the previous output instead of rendering or copying it again.

The manifest holds only hashes of content, never times or paths of the
machine, so two builds of the same commit write the same manifest.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

MANIFEST_NAME = ".prakat-manifest.json"
MANIFEST_FORMAT = 1
PLUGIN_DIR = Path(__file__).resolve().parent
PRAKAT_DIR = PLUGIN_DIR.parent / "prakat"
RENDERING_CODE = ("i18n.py", "thaidate.py", "vocabulary.py")  # in plugins/prakat
PAGE_CODE = ("generator.py", "views.py", "listings.py")  # in this package: what shapes a page's HTML
RENDER_SETTINGS = ("SITEURL", "SITENAME", "THEME_STATIC_DIR", "PLUGINS")
# The templates this generator renders, with everything they extend, import or include: another
# part of the site editing its own templates must not make every agency page render again.
TEMPLATES = ("base.html", "_agency_macros.html", "_section13.html", "agency.html", "home.html", "browse.html",
             "browse_tree.html", "agency_list.html", "404.html")


@dataclass
class BuildReport:
    """What the agency pages generator did, for the build's summary line and for tests."""

    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    documents_copied: list[str] = field(default_factory=list)
    documents_linked: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return len(self.rendered) + len(self.reused)


@dataclass
class Manifest:
    render_key: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # output path -> input hash
    documents: dict[str, str] = field(default_factory=dict)  # output path -> sha256

    @classmethod
    def load(cls, folder: Path | None, name: str = MANIFEST_NAME) -> "Manifest":
        """The manifest ``name`` of a previous output; an empty one when there is none or it is unreadable."""
        if folder is None:
            return cls()
        try:
            raw = json.loads((Path(folder) / name).read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT:
            return cls()
        pages, documents = raw.get("pages"), raw.get("documents")
        return cls(str(raw.get("render_key", "")),
                   dict(pages) if isinstance(pages, dict) else {},
                   dict(documents) if isinstance(documents, dict) else {})

    def write(self, folder: Path, name: str = MANIFEST_NAME) -> None:
        data = {"format": MANIFEST_FORMAT, "render_key": self.render_key,
                "pages": dict(sorted(self.pages.items())), "documents": dict(sorted(self.documents.items()))}
        (Path(folder) / name).write_text(
            json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":")) + "\n", "utf-8")


def _plain(value: Any) -> Any:
    """JSON form of the views' values: dataclasses by field (in declaration order), dates as ISO text."""
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return value.__dict__
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot hash a {type(value).__name__} in a page view")


def view_payload(view: Mapping[str, Any]) -> bytes:
    """The canonical bytes of a page view: the same view always gives the same bytes."""
    return json.dumps(view, default=_plain, ensure_ascii=False, separators=(",", ":")).encode()


def input_hash(render_key: str, template: str, lang: str, payload: bytes) -> str:
    """The hash of everything one page is rendered from (``payload`` from ``view_payload``)."""
    return hashlib.sha256(f"{render_key}\0{template}\0{lang}\0".encode() + payload).hexdigest()


def update_digest(digest: "hashlib._Hash", paths: Iterable[Path]) -> None:
    """Feed each file's name and bytes to ``digest``: what every cache key over code and templates is made of."""
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")


def link_or_copy(source: str, target: str) -> bool:
    """Hard-link ``source`` to ``target`` (a copy across file systems); False when there is no ``source``."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copyfile(source, target)
        except FileNotFoundError:
            return False
    return True


def render_key(theme: Path, catalogue_digest: str, vocabulary_file: Path, settings: Mapping[str, Any],
               templates: tuple[str, ...] = TEMPLATES, code: tuple[Path, ...] | None = None) -> str:
    """A digest of everything that shapes every page: when it changes, every page is rendered again.

    ``catalogue_digest`` covers the messages these pages use (theme/i18n/site.yaml for the agency
    pages); ``templates`` and ``code`` (the agency pages' own by default) are the other pages' own.
    """
    digest = hashlib.sha256()
    page_code = code if code is not None else tuple(PLUGIN_DIR / name for name in PAGE_CODE)
    sources = [*(Path(theme) / "templates" / name for name in templates), vocabulary_file,
               *page_code, *(PRAKAT_DIR / name for name in RENDERING_CODE)]
    update_digest(digest, sources)
    digest.update(catalogue_digest.encode())
    for name in RENDER_SETTINGS:
        digest.update(f"{name}={settings.get(name)!r}\0".encode())
    return digest.hexdigest()


class PageOutput:
    """Writes pages and PDFs into a fresh output folder, reusing the previous output where it can.

    Paths are plain strings relative to the output folder and each folder is created once: a
    national site links a hundred thousand files, and every system call counts.
    """

    def __init__(self, output: Path, previous: Path | None, old: Manifest, new: Manifest,
                 report: BuildReport) -> None:
        self.output = str(output)
        self.previous = str(previous) if previous else None
        self.old = old
        self.new = new
        self.report = report
        self.reuse_pages = previous is not None and old.render_key == new.render_key
        self._folders: set[str] = set()

    def folder_for(self, path: str) -> str:
        """The absolute path of ``path`` in the new output, its folder created."""
        folder = os.path.dirname(path)
        if folder not in self._folders:
            absolute = os.path.join(self.output, folder)
            try:
                os.mkdir(absolute)  # its parent usually exists already: one system call, not makedirs' two
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(absolute, exist_ok=True)
            while folder and folder not in self._folders:
                self._folders.add(folder)
                folder = os.path.dirname(folder)
        return os.path.join(self.output, path)

    def _link(self, path: str) -> bool:
        """Hard-link ``path`` from the previous output (a copy across file systems); False if it has none."""
        if self.previous is None:
            return False
        return link_or_copy(os.path.join(self.previous, path), self.folder_for(path))

    def reuse_page(self, path: str, digest: str) -> bool:
        """Link ``path`` from the previous output when it was made from exactly these inputs."""
        self.new.pages[path] = digest
        if self.reuse_pages and self.old.pages.get(path) == digest and self._link(path):
            self.report.reused.append(path)
            return True
        return False

    def page(self, path: str, digest: str, write: Callable[[], None]) -> None:
        """Link ``path`` from the previous output when it was made from exactly these inputs, else ``write`` it."""
        if self.reuse_page(path, digest):
            return
        self.make_room(path)
        write()
        self.report.rendered.append(path)

    def reuse_unaffected(self, path: str) -> bool:
        """Link ``path`` with its previous hash, without building its view.

        Only for pages the build has found unaffected by what changed (inputs.affected).
        """
        digest = self.old.pages.get(path) if self.reuse_pages else None
        if digest is None or not self._link(path):
            return False
        self.new.pages[path] = digest
        self.report.reused.append(path)
        return True

    def reuse_document(self, path: str, sha256: str) -> bool:
        """Link a PDF from the previous output, whose copy was checked against this same sha256."""
        self.new.documents[path] = sha256
        if self.old.documents.get(path) == sha256 and self._link(path):
            self.report.documents_linked.append(path)
            return True
        return False

    def make_room(self, path: str) -> str:
        """The absolute path to write ``path`` to, emptied first: a hard link must never be written through."""
        target = self.folder_for(path)
        if os.path.lexists(target):
            os.unlink(target)
        return target
