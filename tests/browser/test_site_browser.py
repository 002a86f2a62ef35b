"""The public site in a real browser: navigation, downloads, languages, accessibility, small screens."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from plugins.prakat.model import build_model
from plugins.prakat.store import ContentStore

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DGA = "0111013900000"
TOP = "0100000000000"
SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in SERIOUS]


def test_from_home_through_browse_to_an_agency_and_its_current_pdf(page, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="หน่วยงาน").click()
    assert page.url == base_url + "/browse/"
    page.locator("#hierarchy").get_by_role("link", name="หน่วยงานในสังกัด").first.click()
    assert page.url == f"{base_url}/browse/{TOP}/"
    page.locator("#below-0101000000000 > summary").click()  # open a <details>: no script involved
    page.get_by_role("link", name="สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)").click()
    assert page.url == f"{base_url}/agencies/{DGA}/"
    assert page.locator("h1").inner_text() == "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)"
    current = build_model(ContentStore(site)).agencies[DGA].current("10")
    link = page.locator("#s10 .document-title a").first
    with page.expect_download() as download:
        link.click(modifiers=["Alt"])  # Alt-click: download rather than open in a viewer
    data = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == current.sha256


def test_switching_language_and_back(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/agencies/{DGA}/")
    assert page.locator("html").get_attribute("lang") == "th"
    page.locator("a.lang-switch").click()
    assert page.url == f"{base_url}/en/agencies/{DGA}/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Digital Government Development Agency" in page.locator("h1").inner_text()
    assert "November 2023" in page.locator("#s10").inner_text() or "2025" in page.locator("#s10").inner_text()
    page.locator("a.lang-switch").click()
    assert page.url == f"{base_url}/agencies/{DGA}/"
    assert "2568" in page.locator("#s10").inner_text()  # Buddhist era on the Thai page


def test_a_suspended_version_is_not_there(page, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    agency = build_model(ContentStore(site)).agencies[DGA]
    suspended = [v for v in agency.versions["10"] if v.status == "suspended"]
    assert suspended
    response = page.request.get(f"{base_url}/{suspended[0].document_path}")
    assert response.status == 404
    assert "ไม่พบหน้านี้" in response.text()
    published = page.request.get(f"{base_url}/{agency.current('10').document_path}")
    assert published.status == 200 and published.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize("path", ["/", "/en/", "/browse/", f"/browse/{TOP}/", f"/agencies/{DGA}/",
                                  f"/en/agencies/{DGA}/", "/browse/province/96/", "/404.html"])
def test_no_serious_accessibility_violations(page, base_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + path)
    assert axe_violations(page) == []


def test_the_dashboard_has_no_serious_accessibility_violations(page, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    if not (site / "output" / "dashboard" / "index.html").exists():
        pytest.skip("the build has no /dashboard/ yet")
    page.goto(base_url + "/dashboard/")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/browse/", f"/browse/{TOP}/", f"/agencies/{DGA}/", f"/en/agencies/{DGA}/",
                                  "/browse/type/government_agency/"])
def test_nothing_scrolls_sideways_at_320_pixels(page, base_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(base_url + path)
    page.locator("details").evaluate_all("nodes => nodes.forEach(n => n.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_an_agency_page(page, base_url: str, artifacts: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/agencies/{DGA}/")
    target = artifacts / f"agency-{DGA}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


def test_a_printed_agency_page_has_no_navigation_and_shows_where_links_go(page, base_url: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/agencies/{DGA}/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-search").is_visible()
    after = page.locator("#s10 .document-title a").first.evaluate(
        "a => getComputedStyle(a, '::after').content")
    assert f"/documents/{DGA}/" in after
    page.pdf(path=str(artifacts / f"agency-{DGA}-print.pdf"))


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/agencies/{DGA}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
