"""The Atom feed read by a real feed parser, and the sitemap checked against the files it lists."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest

from plugins.exports.atom import atom_feed, newest_versions
from plugins.exports.records import ExportData
from plugins.exports.sitemap import html_pages, page_address, sitemap_files, write_sitemap
from plugins.prakat.sitedata import load_site_data
from tests.test_compliance import A, B, C, D, E, F, Builder, V

SITE = "https://prakat.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ExportData:
    b = Builder(tmp_path_factory.mktemp("feed"))
    b.agency(A, name="สำนักงานทดสอบเอ")
    b.agency(B, A, name="กรมทดสอบบี")
    b.agency(C, B)
    b.agency(D, visible=False)
    b.agency(E)
    b.report(A, s10=[V("a10.pdf", "2023-01-01", scope="subordinates"), V("a10-2.pdf", "2024-03-01")],
             s16=[V("a16.pdf", "2023-06-01")])
    b.report(B, s10=[V("b10.pdf", "2024-03-01")], s16=[V("b16-x.pdf", "2025-01-01", status="suspended")])
    b.report(C, s13="complete", s13_versions=[V("c13.pdf", "2024-03-01")])
    b.report(D, s10=[V("hidden.pdf", "2025-06-01")])
    b.report(E, s16=[V("e16.pdf", "2022-01-01")])
    b.compute()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRAKAT_TODAY", "2026-11-25")
        return ExportData.from_site(load_site_data(b.root, SITE))


def test_newest_versions_order_and_what_is_left_out(data: ExportData) -> None:
    got = [(v.date.isoformat(), v.owner, v.section, v.file) for v in newest_versions(data)]  # type: ignore[union-attr]
    assert got == [
        ("2024-03-01", A, "10", "a10-2.pdf"),
        ("2024-03-01", B, "10", "b10.pdf"),
        ("2024-03-01", C, "13", "c13.pdf"),
        ("2023-06-01", A, "16", "a16.pdf"),
        ("2023-01-01", A, "10", "a10.pdf"),
        ("2022-01-01", E, "16", "e16.pdf"),
    ]  # the hidden agency's and the suspended version are not there
    assert [v.file for v in newest_versions(data, limit=2)] == ["a10-2.pdf", "b10.pdf"]


def test_feedparser_reads_a_valid_atom_feed(data: ExportData) -> None:
    raw = atom_feed(data)
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.updated == "2024-03-01T00:00:00Z"  # the newest entry, not the build time
    assert feed.feed.links[0].href == f"{SITE}/feeds/announcements.atom.xml"
    assert len(feed.entries) == 6
    first = feed.entries[0]
    assert first.title == "สำนักงานทดสอบเอ — ประกาศช่องทางอิเล็กทรอนิกส์ (มาตรา 10) (1 มีนาคม 2567)"
    assert first.updated == "2024-03-01T00:00:00Z"
    assert first.id == f"tag:prakat.example,2023:documents/{A}/section10/a10-2.pdf"
    assert first.author == "สำนักงานทดสอบเอ"
    links = {link.rel: link.href for link in first.links}
    assert links == {"alternate": f"{SITE}/documents/{A}/a10-2.pdf", "related": f"{SITE}/agencies/{A}/"}
    for entry in feed.entries:
        for link in entry.links:
            assert link.href.startswith(SITE + "/")
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    assert "หน่วยงานภายใต้สังกัดทุกสาขา" in feed.entries[4].summary  # the announcement for subordinates says so


def test_feed_is_deterministic(data: ExportData) -> None:
    assert atom_feed(data) == atom_feed(data)


def test_empty_feed_is_still_valid(data: ExportData) -> None:
    feed = feedparser.parse(atom_feed(data, limit=0))
    assert feed.bozo == 0 and feed.entries == []
    assert feed.feed.updated == f"{data.as_of.isoformat()}T00:00:00Z"


# --- sitemap on a folder of files ---------------------------------------------------------------

def _touch(root: Path, rel: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<!doctype html>", "utf-8")


def _locs(xml: bytes) -> list[str]:
    return [e.text or "" for e in ET.fromstring(xml).iterfind(".//s:loc", NS)]


def test_sitemap_lists_exactly_the_built_pages(tmp_path: Path) -> None:
    for rel in ("index.html", "404.html", "en/index.html", "agencies/0100000000000/index.html",
                "en/agencies/0100000000000/index.html", "dashboard/index.html", "data/index.html",
                "data/agencies.csv", "theme/css/site.css", "search/index.html", "en/404.html"):
        _touch(tmp_path, rel)
    assert html_pages(tmp_path) == ["agencies/0100000000000/index.html", "dashboard/index.html",
                                    "data/index.html", "en/agencies/0100000000000/index.html",
                                    "en/index.html", "index.html", "search/index.html"]
    write_sitemap(tmp_path, SITE + "/")
    raw = (tmp_path / "sitemap.xml").read_bytes()
    locs = _locs(raw)
    assert locs == [f"{SITE}/agencies/0100000000000/", f"{SITE}/dashboard/", f"{SITE}/data/",
                    f"{SITE}/en/agencies/0100000000000/", f"{SITE}/en/", f"{SITE}/", f"{SITE}/search/"]
    # Pages that exist in both languages name each other.
    root = ET.fromstring(raw)
    home = next(u for u in root.iterfind("s:url", NS) if u.find("s:loc", NS).text == f"{SITE}/")  # type: ignore[union-attr]
    assert {(l.get("hreflang"), l.get("href")) for l in home.iterfind("x:link", NS)} == {
        ("th", f"{SITE}/"), ("en", f"{SITE}/en/")}
    dashboard = next(u for u in root.iterfind("s:url", NS) if u.find("s:loc", NS).text == f"{SITE}/dashboard/")  # type: ignore[union-attr]
    assert dashboard.find("x:link", NS) is None  # no English dashboard was built here


def test_sitemap_splits_past_the_protocol_limit(tmp_path: Path) -> None:
    pages = [f"agencies/{n:013d}/index.html" for n in range(5)]
    files = sitemap_files(SITE, pages, max_urls=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    assert _locs(files["sitemap.xml"]) == [f"{SITE}/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = [loc for n in (1, 2, 3) for loc in _locs(files[f"sitemap-{n}.xml"])]
    assert listed == [f"{SITE}/{page_address(p)}" for p in pages]


# --- the built sample site ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def sample_site(factory: pytest.TempPathFactory) -> Path:
    """The sample content built once per test session (shared by the tests of the built files)."""
    from plugins.sitebuild import run_build

    output = factory.getbasetemp() / "sample-site"
    if not (output / "sitemap.xml").is_file():
        outcome = run_build(ROOT, output, full=True, lang="en")
        assert outcome.code == 0, "the sample site did not build"
    return output


def site_url() -> str:
    from plugins.exports.command import configured_site_url

    return configured_site_url(ROOT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory)


def listed_urls(output: Path) -> list[str]:
    root = ET.fromstring((output / "sitemap.xml").read_bytes())
    if root.tag.endswith("sitemapindex"):
        return [loc for part in _locs((output / "sitemap.xml").read_bytes())
                for loc in _locs((output / part.rsplit("/", 1)[1]).read_bytes())]
    return _locs((output / "sitemap.xml").read_bytes())


def test_built_sitemap_lists_every_page_and_nothing_else(site: Path) -> None:
    base = site_url()
    assert base.startswith("https://")
    urls = listed_urls(site)
    assert len(urls) == len(set(urls))
    files = set()
    for url in urls:
        assert url.startswith(base + "/"), url
        rel = url[len(base) + 1:]
        rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        assert (site / rel).is_file(), url
        files.add(rel)
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert files == built - {"404.html"}
    for page in ("dashboard/index.html", "en/dashboard/index.html", "status/index.html", "data/index.html",
                 "en/status/index.html"):
        assert page in files


def test_built_feed(site: Path) -> None:
    base = site_url()
    feed = feedparser.parse((site / "feeds" / "announcements.atom.xml").read_bytes())
    assert feed.bozo == 0
    assert 0 < len(feed.entries) <= 50
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in feed.entries:
        for link in entry.links:
            assert link.href.startswith(base + "/")
            rel = unquote(link.href[len(base) + 1:])
            assert (site / (rel + "index.html" if rel.endswith("/") else rel)).is_file(), link.href
