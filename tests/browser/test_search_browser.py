"""Search in a real browser, over the real index of the built sample site.

The relevance set is data (tests/search_relevance.yaml).  Queries go through
the page's own preparation (theme/static/search.js: the Thai cut with the
index's dictionary) and Pagefind's API; the interface is tested by typing,
pressing keys and choosing filters the way a person would.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from plugins.prakat.compliance import compute
from plugins.prakat.model import build_model
from plugins.prakat.store import ContentStore
from plugins.prakat.thaiwords import Dictionary, Segmenter
from plugins.search.build import DATA_PATH, decode_words
from plugins.search.pdftext import first_page_text

REPO = Path(__file__).resolve().parents[2]
RELEVANCE = yaml.safe_load((REPO / "tests" / "search_relevance.yaml").read_text("utf-8"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DGA = "0111013900000"
HIDDEN = "1580000300000"  # PEA Area 3 (Yala): visible: false

SEARCH = """async ([queries, filters]) => {
  const loaded = await window.PrakatSearch.load();
  const out = {};
  for (const query of queries) {
    const prepared = window.PrakatSearch.prepareQuery(loaded.words, query);
    const response = await loaded.pagefind.search(prepared, {filters: filters || {}});
    const urls = [];
    for (const result of response.results) urls.push((await result.data()).url);
    out[query] = urls;
  }
  return out;
}"""


def codes(urls: list[str]) -> list[str]:
    return [url.strip("/").split("/")[-1] for url in urls]


@pytest.fixture(scope="module")
def search_page(browser, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "/search/")
    yield page
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def relevance_results(search_page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return search_page.evaluate(SEARCH, [[item["query"] for item in RELEVANCE], None])


@pytest.fixture(scope="module")
def model(site: Path):  # type: ignore[no-untyped-def]
    return build_model(ContentStore(site))


def test_the_relevance_set_is_large_enough() -> None:
    queries = [item["query"] for item in RELEVANCE]
    assert len(queries) >= 40 and len(set(queries)) == len(queries)
    for word in ("มหาชน", "รัฐบาล", "ดิจิทัล", "เศรษฐกิจ", "ส่งเสริม", "สถิติ"):  # the words the brief names
        assert word in queries
    assert any(q.isascii() and q.replace(" ", "").isalpha() for q in queries)  # English too


@pytest.mark.parametrize("item", RELEVANCE, ids=[item["query"] for item in RELEVANCE])
def test_relevance(relevance_results: dict[str, list[str]], item: dict) -> None:
    found = codes(relevance_results[item["query"]])
    assert item["expect"] in found[:3], f"{item['query']!r} ({item['why']}): top 3 were {found[:3]}"


def test_a_full_name_finds_only_its_own_agency(search_page) -> None:  # type: ignore[no-untyped-def]
    names = ["สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "สำนักงานคณะกรรมการพัฒนาระบบราชการ",
             "กรมส่งเสริมการปกครองท้องถิ่น", "สำนักงานสาธารณสุขจังหวัดนราธิวาส", "ที่ทำการปกครองอำเภอตากใบ"]
    results = search_page.evaluate(SEARCH, [names, None])
    assert [codes(results[n])[:1] for n in names] == [
        ["0111013900000"], ["0112000000000"], ["1503000000000"], ["2101960000000"], ["1502960200000"]]


def test_section_10_announcements_are_found_by_their_subject(search_page, model) -> None:  # type: ignore[no-untyped-def]
    found = set(codes(search_page.evaluate(SEARCH, [["ช่องทางอิเล็กทรอนิกส์"], None])["ช่องทางอิเล็กทรอนิกส์"]))
    own = {a.code for a in model.visible() if a.current("10")}
    assert own <= found


def test_hidden_agencies_and_suspended_entries_are_not_found(search_page) -> None:  # type: ignore[no-untyped-def]
    queries = [HIDDEN, "PEA Area 3", "สิโรรส", "เขต 3 (ภาคใต้)", "เครื่องสำอาง", "Cosmetics manufacturing"]
    results = search_page.evaluate(SEARCH, [queries, None])
    for query in queries:
        assert HIDDEN not in codes(results[query]), query
    # The cosmetics licence channel of the FDA is suspended: nothing else mentions cosmetics.
    assert results["เครื่องสำอาง"] == [] and results["Cosmetics manufacturing"] == []
    # The PEA's Narathiwat office sits under the hidden area office: its parent shows as the PEA itself.
    parent = search_page.evaluate("""async () => {
        const loaded = await window.PrakatSearch.load();
        const r = await loaded.pagefind.search('1580000396000');
        return (await r.results[0].data()).meta.parent_en; }""")
    assert parent == "Provincial Electricity Authority"


def test_python_and_javascript_cut_thai_the_same(search_page, site: Path, model) -> None:  # type: ignore[no-untyped-def]
    """The index was cut in Python with the full dictionary; the browser cuts with the words it used."""
    store = ContentStore(site)
    indexed: list[str] = []
    for agency in model.visible():
        indexed += [agency.name.th, agency.address.th if agency.address else ""]
        indexed += [v.title.th for s in ("10", "13", "16") for v in agency.published(s) if v.title]
        if agency.section13:
            indexed += [c.licence.th for c in agency.section13.licence_channels if c.status == "published"]
        indexed += [p.description for p in agency.problems if p.description]
        current = agency.current("10")
        if current:
            indexed.append(first_page_text(str(store.root / store.document_rel(current.owner, current.file))))
    indexed = sorted({t for t in indexed if t})
    rng = random.Random(5)
    typed = [item["query"] for item in RELEVANCE]
    typed += [name[:k] for name in (a.name.th for a in model.visible()) for k in (3, 7, 12)]
    typed += ["".join(rng.sample(indexed[:40], 2))[:30] for _ in range(30)]
    typed += ["ประกาศ ๑๐ พ.ศ. ๒๕๖๕", "ส\u0e4d\u0e32นักงาน", "ซซซซ", "เเเ", "ก์", "abcภาษาไทย123", ""]
    assert len(indexed) + len(typed) >= 100

    data = json.loads((site / "output" / DATA_PATH).read_text("utf-8"))["segmenter"]
    full = Segmenter()
    small = Segmenter(Dictionary.of(decode_words(data["words"])))
    expected = [full.spaced(text, "|") for text in indexed] + [small.spaced(text, "|") for text in typed]
    actual = search_page.evaluate("""([data, texts]) => {
        const words = new window.PrakatSearch.ThaiWords(data);
        return texts.map(t => words.spaced(t, "|"));
    }""", [data, indexed + typed])
    mismatches = [(t, e, a) for t, e, a in zip(indexed + typed, expected, actual) if e != a]
    assert mismatches == []


def test_typing_in_the_home_page_box_shows_the_agency(page, base_url: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "/")
    assert page.locator('script[src="/theme/search.js"]').count() == 1, (
        "the home page does not load /theme/search.js (theme/templates/base.html should, on every page)")
    box = page.locator("#home-search-q")
    box.click()
    box.press_sequentially("รัฐบาล", delay=40)  # from the middle of สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)
    panel = page.locator(".hero-search .search-suggest")
    first = panel.locator(".search-result-name").first
    first.wait_for()
    assert first.inner_text() == "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)"
    assert first.get_attribute("href") == f"/agencies/{DGA}/"
    facts = panel.locator(".search-result-facts").first.inner_text()
    assert "สำนักงานปลัดสำนักนายกรัฐมนตรี" in facts and "องค์การมหาชน" in facts and "กรุงเทพมหานคร" in facts
    assert "พบ" in page.locator(".hero-search [role=status]").inner_text()
    page.screenshot(path=str(artifacts / "search-home-typing-thai.png"))
    # Keyboard: down into the results, Escape back to the box and the panel closes.
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == first.inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "home-search-q"
    assert panel.is_hidden()


def test_the_search_page_runs_the_query_from_the_address(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/search/?q=" + "มหาชน")
    page.locator(".search-result").first.wait_for()
    assert page.locator(".search-status").inner_text() == "พบ 1 หน่วยงาน"
    result = page.locator(".search-result").first
    assert result.locator("a").get_attribute("href") == f"/agencies/{DGA}/"
    snippet = result.locator(".search-result-snippet")
    assert "มหาชน" in snippet.locator("mark").first.inner_text()
    assert "\u2060" not in snippet.inner_text() and "องค์การมหาชน" in snippet.inner_text()


def test_the_english_page_shows_english_names_and_links(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/en/search/?q=" + "รัฐบาล")
    page.locator(".search-result").first.wait_for()
    link = page.locator(".search-result a").first
    assert link.inner_text() == "Digital Government Development Agency (Public Organization)"
    assert link.get_attribute("href") == f"/en/agencies/{DGA}/"
    assert "Bangkok" in page.locator(".search-result-facts").first.inner_text()
    assert page.locator(".search-status").inner_text().startswith("Agencies found: ")


def test_results_of_an_earlier_query_that_arrive_late_are_not_shown(page, base_url: str, model) -> None:  # type: ignore[no-untyped-def]
    """A filter changed while the previous results are still loading shows only the new results."""
    compliance = compute(model)
    narathiwat = {a.code for a in model.visible() if a.province == "96"}
    not_met_10 = {c for c in narathiwat if not compliance[c].section10.met}
    assert len(narathiwat) > 10 and 0 < len(not_met_10) < 10
    page.goto(base_url + "/search/")
    page.locator(".search-status").filter(has_text="พิมพ์คำค้น").wait_for()
    page.get_by_text("ตัวกรอง", exact=True).click()

    def slow(route):  # type: ignore[no-untyped-def]
        page.wait_for_timeout(800)
        route.continue_()

    page.route("**/*.pf_fragment", slow)  # each result's text comes late, as on a slow connection
    page.get_by_label("จังหวัด").select_option(label="นราธิวาส")
    page.locator(".search-status").filter(has_text=f"พบ {len(narathiwat)} หน่วยงาน").wait_for()
    page.get_by_label("มาตรา 10 ช่องทางอิเล็กทรอนิกส์").select_option("not_met")  # before those arrive
    page.locator(".search-status").filter(has_text=f"พบ {len(not_met_10)} หน่วยงาน").wait_for()
    expect(page.locator(".search-result-name")).to_have_count(len(not_met_10))
    page.wait_for_timeout(2500)  # every late result of the first query has arrived by now
    expect(page.locator(".search-result-name")).to_have_count(len(not_met_10))


def test_filters_chosen_by_clicking(page, base_url: str, model) -> None:  # type: ignore[no-untyped-def]
    compliance = compute(model)
    narathiwat = {a.code for a in model.visible() if a.province == "96"}
    not_met_10 = {c for c in narathiwat if not compliance[c].section10.met}
    page.goto(base_url + "/search/")
    page.locator(".search-status").filter(has_text="พิมพ์คำค้น").wait_for()
    page.get_by_text("ตัวกรอง", exact=True).click()
    page.get_by_label("จังหวัด").select_option(label="นราธิวาส")
    page.locator(".search-status").filter(has_text=f"พบ {len(narathiwat)} หน่วยงาน").wait_for()
    assert "province=96" in page.url
    page.get_by_label("มาตรา 10 ช่องทางอิเล็กทรอนิกส์").select_option("not_met")
    page.locator(".search-status").filter(has_text=f"พบ {len(not_met_10)} หน่วยงาน").wait_for()
    # The count is announced before the results are drawn: wait for the list to be complete.
    expect(page.locator(".search-result-name")).to_have_count(min(len(not_met_10), 10))
    shown = {href.strip("/").split("/")[-1] for href in
             page.locator(".search-result-name").evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    assert shown == not_met_10 or len(shown) == 10 and shown <= not_met_10
    # With words too: the district of Tak Bai among Narathiwat's agencies.
    page.get_by_label("มาตรา 10 ช่องทางอิเล็กทรอนิกส์").select_option("")
    page.get_by_label("คำค้น").fill("ตากใบ")
    page.locator(".search-result-name").first.wait_for()
    page.locator(".search-status").filter(has_text="พบ 3 หน่วยงาน").wait_for()
    # A ministry: everything under the Ministry of Interior in Narathiwat.
    page.get_by_label("คำค้น").fill("")
    page.get_by_label("กระทรวงหรือหน่วยงานระดับสูงสุด").select_option("1500000000000")
    interior = {a.code for a in model.visible() if a.province == "96"
                and (model.top_level(a.code) or a).code == "1500000000000"}
    page.locator(".search-status").filter(has_text=f"พบ {len(interior)} หน่วยงาน").wait_for()


def test_keyboard_and_live_count_on_the_search_page(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/search/")
    box = page.get_by_label("คำค้น")
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    box.click()
    box.press_sequentially("นราธิวาส", delay=20)
    page.locator(".search-status").filter(has_text="พบ").wait_for()
    links = page.locator(".search-result-name")
    links.nth(1).wait_for()
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links.nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_on_a_phone_nothing_jumps_or_scrolls_sideways(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "/search/")
    page.locator(".search-status").filter(has_text="พิมพ์คำค้น").wait_for()
    before = page.locator(".search-results").bounding_box()
    box = page.get_by_label("คำค้น")
    box.click()
    box.press_sequentially("จังหวัดนราธิวาส", delay=20)
    page.locator(".search-result").nth(2).wait_for()
    after = page.locator(".search-results").bounding_box()
    assert before and after and before["y"] == after["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for height in page.locator(".search-result-name").evaluate_all("a => a.map(e => e.getBoundingClientRect().height)"):
        assert height >= 44
    page.locator(".search-filters summary").click()
    for height in page.locator(".search-filter select").evaluate_all("s => s.map(e => e.getBoundingClientRect().height)"):
        assert height >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_without_javascript_the_page_says_so_and_links_to_the_list(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/search/")
    note = page.locator(".search-nojs")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    assert note.locator("a").get_attribute("href") == "/browse/"
    assert page.locator("#search-app").is_hidden()
    context.close()


def test_search_page_has_no_serious_accessibility_violations(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    page.goto(base_url + "/search/?q=" + "นราธิวาส")
    page.locator(".search-result").first.wait_for()
    page.locator(".search-filters summary").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_nothing_is_fetched_from_another_site(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "/search/?q=" + "ตากใบ")
    page.locator(".search-result").first.wait_for()
    assert requested and all(url.startswith(base_url) for url in requested)
