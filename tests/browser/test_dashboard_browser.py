"""The dashboard and the status pages in a real browser (Chromium through Playwright).

The sample site is built once and served on 127.0.0.1.  The status filters
are clicked and must narrow the rows to exactly what compliance.csv says;
without JavaScript the whole list must still show; axe-core must find no
serious or critical accessibility violation; the dashboard is photographed
at phone and desktop widths into tests/artifacts/.
"""
from __future__ import annotations

import csv
import functools
import http.server
import io
import threading
from pathlib import Path
from typing import Iterator

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_feeds import sample_site

    return sample_site(tmp_path_factory)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1") else None)
    yield page
    context.close()
    assert outside == [], "the page asked another site for something"


def compliance(site: Path) -> list[dict[str, str]]:
    text = (site / "data" / "compliance.csv").read_text("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def visible_codes(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "#status-table tbody tr", "rows => rows.filter(r => !r.hidden && r.offsetParent !== null).map(r => r.id.slice(2))")


# --- filters ---------------------------------------------------------------------------------------

def test_status_filters_narrow_the_rows(page, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    table = compliance(site)
    page.goto(f"{base_url}/status/")
    form = page.locator("#status-filters")
    assert form.is_visible()
    assert sorted(visible_codes(page)) == sorted(r["code"] for r in table)

    page.select_option("select[name=compliance]", "not_met_16")
    expected = sorted(r["code"] for r in table if r["section16"] == "not_met")
    assert 0 < len(expected) < len(table)
    assert sorted(visible_codes(page)) == expected
    assert f"{len(expected)}" in page.locator(".filter-count").inner_text()
    assert "compliance=not_met_16" in page.url  # the filtered view can be shared

    # A ministry on top narrows further; its departments are the only ones offered.
    top = next(r["top_level"] for r in table if r["section16"] == "not_met" and r["top_level"] != r["code"])
    page.select_option("select[name=ministry]", top)
    expected = sorted(r["code"] for r in table if r["section16"] == "not_met" and r["top_level"] == top)
    assert sorted(visible_codes(page)) == expected
    offered = page.eval_on_selector_all("select[name=department] option", "os => os.filter(o => !o.disabled && o.value).map(o => o.dataset.top)")
    assert offered and set(offered) == {top}

    # Type and province combine with the rest; a combination with no match says so.
    page.select_option("select[name=compliance]", "")
    row = next(r for r in table if r["top_level"] == top and r["province"])
    page.select_option("select[name=province]", row["province"])
    expected = sorted(r["code"] for r in table if r["top_level"] == top and r["province"] == row["province"])
    assert sorted(visible_codes(page)) == expected

    page.click("#status-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#status-table tbody tr:not([hidden])').length > 1")
    assert len(visible_codes(page)) == len(table)


def test_filters_named_in_the_address_apply_on_load(page, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    table = compliance(site)
    page.goto(f"{base_url}/en/status/?compliance=not_met_10")
    expected = sorted(r["code"] for r in table if r["section10"] == "not_met")
    assert sorted(visible_codes(page)) == expected
    assert page.locator("select[name=compliance]").input_value() == "not_met_10"


def test_department_filter_on_a_ministry_page(page, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    table = compliance(site)
    counts: dict[str, int] = {}
    for r in table:
        counts[r["top_level"]] = counts.get(r["top_level"], 0) + 1
    top = max(counts, key=lambda k: (counts[k], k))
    page.goto(f"{base_url}/status/{top}/")
    codes = visible_codes(page)
    assert sorted(codes) == sorted(r["code"] for r in table if r["top_level"] == top)
    department = page.eval_on_selector_all("select[name=department] option", "os => os.map(o => o.value).filter(Boolean)")[0]
    page.select_option("select[name=department]", department)
    shown = visible_codes(page)
    assert department in shown and 0 < len(shown) < len(codes)
    shown_departments = page.eval_on_selector_all(
        "#status-table tbody tr:not([hidden])", "rows => [...new Set(rows.map(r => r.dataset.dept))]")
    assert shown_departments == [department]


def test_without_javascript_the_whole_list_shows(browser, base_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/status/")
    assert not page.locator("#status-filters").is_visible()
    assert len(visible_codes(page)) == len(compliance(site))
    # The ministry filter is plain links.
    links = page.eval_on_selector_all("table.ministries a", "as => as.map(a => a.getAttribute('href'))")
    assert links and all(link.startswith("/status/") for link in links)
    context.close()


# --- accessibility ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/dashboard/", "/en/dashboard/", "/status/", "/en/status/"])
def test_axe_finds_no_serious_violation(page, base_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    # The page's own content (<main>); the header and footer around it are checked with the other pages.
    assert AXE.is_file(), "axe-core is missing: `make test` installs it (npm ci)"
    page.goto(f"{base_url}{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run({include: [['#main']]}, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_charts_are_labelled_images(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/dashboard/")
    charts = page.eval_on_selector_all(
        "svg.chart-svg",
        "svgs => svgs.map(s => [s.getAttribute('role'), s.querySelector('title').textContent.trim(), s.querySelector('desc').textContent.trim()])")
    assert len(charts) >= 6
    assert all(role == "img" and title and desc for role, title, desc in charts)
    # Each chart is followed by the table with its numbers.
    assert page.eval_on_selector_all(".chart-and-table", "bs => bs.every(b => b.querySelector('svg') && b.querySelector('table'))")


# --- how it looks ------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [375, 1280])
def test_dashboard_screenshots_and_no_sideways_scroll(browser, base_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path, name in (("/dashboard/", "dashboard"), ("/status/", "status"), ("/data/", "data")):
        page.goto(f"{base_url}{path}")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    context.close()
    assert (ARTIFACTS / f"dashboard-{width}.png").stat().st_size > 10_000


def test_bar_labels_stay_on_the_chart_on_a_phone(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/dashboard/")
    spill = page.evaluate("""() => [...document.querySelectorAll('svg.chart-svg')].flatMap(svg => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text.bar-label')].filter(t => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 1 || r.right > box.right + 1;
        }).map(t => t.textContent);
    })""")
    context.close()
    assert spill == []
