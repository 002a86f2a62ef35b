"""/sitemap.xml: every public HTML page that was built, nothing else.

Written last (Pelican's ``finalized`` signal) by walking the output folder in
sorted order, so it lists exactly the files that exist whichever plugin wrote
them (the folders of PDFs and of the search index hold no pages and are not
walked).  The XML is written as text, element by element: a national site
has forty thousand pages, and building them as an ElementTree first took
seconds of every build.  A page with a counterpart in the other language carries
``xhtml:link rel="alternate" hreflang`` for both.  Past the protocol's 50,000
addresses per file the pages go into sitemap-1.xml, sitemap-2.xml ... and
sitemap.xml becomes their index.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import quoteattr
from xml.sax.saxutils import escape as _escape

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
EXCLUDED = frozenset({"404.html"})  # the error page is not a page to index
NO_PAGES = frozenset({"documents", "pagefind"})  # top-level folders of PDFs and of the search index
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def html_pages(output: Path) -> list[str]:
    """Paths (relative, POSIX) of the built HTML pages, sorted."""
    found = []
    top = str(output)
    base = len(top) + 1
    for dirpath, dirnames, filenames in os.walk(top):
        if dirpath == top:
            dirnames[:] = [d for d in dirnames if d not in NO_PAGES]
            prefix = ""
        else:
            prefix = dirpath[base:].replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in filenames if name.endswith(".html") and name not in EXCLUDED)
    return sorted(found)


def page_address(rel: str) -> str:
    """The site path of a built file: folder/index.html is served as folder/."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def _counterpart(rel: str) -> tuple[str, str] | None:
    """(Thai file, English file) of a page, whichever of the two ``rel`` is."""
    return (rel[3:], rel) if rel.startswith("en/") else (rel, f"en/{rel}")


def _url(site_url: str, rel: str) -> str:
    return f"{site_url}/{quote(page_address(rel), safe='/')}"


def _urlset(site_url: str, pages: list[str], existing: set[str]) -> bytes:
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">\n']
    for rel in pages:
        lines.append(f"  <url>\n    <loc>{_escape(_url(site_url, rel))}</loc>\n")
        thai, english = _counterpart(rel)
        if thai in existing and english in existing:
            for lang, target in (("th", thai), ("en", english)):
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                             f"href={quoteattr(_url(site_url, target))} />\n")
        lines.append("  </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def sitemap_files(site_url: str, pages: list[str], max_urls: int = MAX_URLS) -> dict[str, bytes]:
    """File name -> bytes: sitemap.xml alone, or an index with its parts."""
    existing = set(pages)
    if len(pages) <= max_urls:
        return {"sitemap.xml": _urlset(site_url, pages, existing)}
    files = {}
    index = [XML_DECLARATION, f'<sitemapindex xmlns="{SITEMAP}">\n']
    for number, start in enumerate(range(0, len(pages), max_urls), 1):
        name = f"sitemap-{number}.xml"
        files[name] = _urlset(site_url, pages[start:start + max_urls], existing)
        index.append(f"  <sitemap>\n    <loc>{_escape(f'{site_url}/{name}')}</loc>\n  </sitemap>\n")
    index.append("</sitemapindex>\n")
    files["sitemap.xml"] = "".join(index).encode("utf-8")
    return files


def write_sitemap(output: Path, site_url: str, max_urls: int = MAX_URLS) -> list[Path]:
    written = []
    for name, content in sitemap_files(site_url.rstrip("/"), html_pages(output), max_urls).items():
        path = output / name
        path.write_bytes(content)
        written.append(path)
    return written
