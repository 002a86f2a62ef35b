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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

MANIFEST_NAME = ".prakat-manifest.json"
MANIFEST_FORMAT = 1
PLUGIN_DIR = Path(__file__).resolve().parent
PRAKAT_DIR = PLUGIN_DIR.parent / "prakat"
RENDERING_CODE = ("i18n.py", "thaidate.py", "vocabulary.py")  # in plugins/prakat, besides this package
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
    def load(cls, folder: Path | None) -> "Manifest":
        """The manifest of a previous output; an empty one when there is none or it is unreadable."""
        if folder is None:
            return cls()
        try:
            raw = json.loads((Path(folder) / MANIFEST_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT:
            return cls()
        pages, documents = raw.get("pages"), raw.get("documents")
        return cls(str(raw.get("render_key", "")),
                   dict(pages) if isinstance(pages, dict) else {},
                   dict(documents) if isinstance(documents, dict) else {})

    def write(self, folder: Path) -> None:
        data = {"format": MANIFEST_FORMAT, "render_key": self.render_key,
                "pages": dict(sorted(self.pages.items())), "documents": dict(sorted(self.documents.items()))}
        (Path(folder) / MANIFEST_NAME).write_text(
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


def render_key(theme: Path, catalogue_digest: str, vocabulary_file: Path, settings: Mapping[str, Any]) -> str:
    """A digest of everything that shapes every page: when it changes, every page is rendered again.

    ``catalogue_digest`` covers the messages these pages use (theme/i18n/site.yaml).
    """
    digest = hashlib.sha256()
    sources = [*(Path(theme) / "templates" / name for name in TEMPLATES), vocabulary_file,
               *sorted(PLUGIN_DIR.glob("*.py")), *(PRAKAT_DIR / name for name in RENDERING_CODE)]
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(catalogue_digest.encode())
    for name in RENDER_SETTINGS:
        digest.update(f"{name}={settings.get(name)!r}\0".encode())
    return digest.hexdigest()


class PageOutput:
    """Writes pages and PDFs into a fresh output folder, reusing the previous output where it can."""

    def __init__(self, output: Path, previous: Path | None, old: Manifest, new: Manifest,
                 report: BuildReport) -> None:
        self.output = Path(output)
        self.previous = Path(previous) if previous else None
        self.old = old
        self.new = new
        self.report = report
        self.reuse_pages = previous is not None and old.render_key == new.render_key

    def reusable_page(self, path: str, digest: str) -> Path | None:
        """The previous output's copy of ``path`` when its inputs were exactly these."""
        self.new.pages[path] = digest
        if not self.reuse_pages or self.old.pages.get(path) != digest or self.previous is None:
            return None
        source = self.previous / path
        return source if source.is_file() else None

    def has_previous(self, path: str) -> bool:
        """True when the previous output holds ``path`` and its manifest says what it was made from."""
        return (self.reuse_pages and self.previous is not None and path in self.old.pages
                and (self.previous / path).is_file())

    def reuse_unaffected(self, path: str) -> None:
        """Link ``path`` from the previous output with its previous hash, without building its view.

        Only for pages the build has found unaffected by what changed (inputs.affected),
        after ``has_previous(path)``.
        """
        assert self.previous is not None
        self.new.pages[path] = self.old.pages[path]
        self.link(self.previous / path, path)
        self.report.reused.append(path)

    def reusable_document(self, path: str, sha256: str) -> Path | None:
        self.new.documents[path] = sha256
        if self.previous is None or self.old.documents.get(path) != sha256:
            return None
        return self.previous / path

    def make_room(self, path: str) -> None:
        """Remove ``path`` before it is written: a hard link must never be written through."""
        target = self.output / path
        if target.exists() or target.is_symlink():
            target.unlink()

    def link(self, source: Path, path: str) -> None:
        target = self.output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            target.write_bytes(source.read_bytes())
