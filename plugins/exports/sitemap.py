"""/sitemap.xml: every public HTML page that was built, nothing else.

Written last (Pelican's ``finalized`` signal) by walking the output folder in
sorted order, so it lists exactly the files that exist whichever plugin wrote
them.  A page with a counterpart in the other language carries
``xhtml:link rel="alternate" hreflang`` for both.  Past the protocol's 50,000
addresses per file the pages go into sitemap-1.xml, sitemap-2.xml ... and
sitemap.xml becomes their index.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
EXCLUDED = frozenset({"404.html"})  # the error page is not a page to index


def html_pages(output: Path) -> list[str]:
    """Paths (relative, POSIX) of the built HTML pages, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(output):
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(output).as_posix()
        for name in filenames:
            if name.endswith(".html") and name not in EXCLUDED:
                found.append(name if rel_dir == "." else f"{rel_dir}/{name}")
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
    urlset = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for rel in pages:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = _url(site_url, rel)
        thai, english = _counterpart(rel)
        if thai in existing and english in existing:
            for lang, target in (("th", thai), ("en", english)):
                ET.SubElement(url, "xhtml:link", {"rel": "alternate", "hreflang": lang, "href": _url(site_url, target)})
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap_files(site_url: str, pages: list[str], max_urls: int = MAX_URLS) -> dict[str, bytes]:
    """File name -> bytes: sitemap.xml alone, or an index with its parts."""
    existing = set(pages)
    if len(pages) <= max_urls:
        return {"sitemap.xml": _urlset(site_url, pages, existing)}
    files = {}
    index = ET.Element("sitemapindex", {"xmlns": SITEMAP})
    for number, start in enumerate(range(0, len(pages), max_urls), 1):
        name = f"sitemap-{number}.xml"
        files[name] = _urlset(site_url, pages[start:start + max_urls], existing)
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = f"{site_url}/{name}"
    ET.indent(index)
    files["sitemap.xml"] = ET.tostring(index, encoding="utf-8", xml_declaration=True) + b"\n"
    return files


def write_sitemap(output: Path, site_url: str, max_urls: int = MAX_URLS) -> list[Path]:
    written = []
    for name, content in sitemap_files(site_url.rstrip("/"), html_pages(output), max_urls).items():
        path = output / name
        path.write_bytes(content)
        written.append(path)
    return written
