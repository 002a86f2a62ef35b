"""The page model of the public site: what each agency page, list and tree shows.

Small content trees are written to tmp_path as real YAML and real PDFs, read
by the content model, and turned into page views exactly as the build does.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plugins.agencies import listings
from plugins.agencies.listings import agency_list, browse_index, by_type_and_province, home_page
from plugins.agencies.views import AgencyPage, SiteIndex, agency_page, thai_sort_key
from plugins.prakat.compliance import compute
from plugins.prakat.gitinfo import History
from plugins.prakat.i18n import CatalogueError, MissingMessage, http_url, load_catalogue, mailto, tel
from plugins.prakat.model import build_model
from plugins.prakat.store import ContentStore
from tests.content_tree import Tree

TOP = "0100000000000"
MID = "0101000000000"
LEAF = "0101000100000"
HIDDEN = "0102000000000"
UNDER_HIDDEN = "0102000100000"


def agency(tree: Tree, code: str, parent: str | None = None, *, name: str | None = None, visible: bool = True,
           unit: bool = False, type_: str = "government_agency", province: str = "10") -> None:
    lines = [f'code: "{code}"']
    if parent:
        lines.append(f'parent: "{parent}"')
    lines += [f"unit: {'true' if unit else 'false'}", f"type: {type_}", "name:", f"  th: {name or 'หน่วยงาน ' + code}",
              f"  en: Agency {code}", f'province: "{province}"', f"visible: {'true' if visible else 'false'}"]
    tree.agency(code, "\n".join(lines) + "\n")


def report(tree: Tree, code: str, **sections: list[tuple[str, str, str, str]]) -> None:
    """sections: s10=[(file, date, status, scope)], s16=[(file, date, status, "")]."""
    text = []
    for key, versions in sections.items():
        number = key[1:]
        text += [f"section{number}:", "  versions:"]
        for file, date, status, scope in versions:
            digest = tree.pdf(code, file)
            field = "effective" if number == "16" else "announced"
            text += [f"    - file: {file}", f"      sha256: {digest}", f"      {field}: {date}",
                     f"      status: {status}"]
            if scope:
                text.append(f"      scope: {scope}")
    tree.report(code, "\n".join(text) + "\n")


def index_of(root: Path) -> SiteIndex:
    model = build_model(ContentStore(root))
    return SiteIndex(model, compute(model), History(), root)


def page(root: Path, code: str) -> AgencyPage:
    return agency_page(index_of(root), code)


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


def test_inheritance_through_several_levels(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, MID, TOP)
    agency(tree, LEAF, MID)
    report(tree, TOP, s10=[("s10-all.pdf", "2023-09-01", "published", "subordinates")])
    leaf = page(tree.root, LEAF)
    assert leaf.section10.status.met and leaf.section10.status.reason == "inherited"
    assert leaf.section10.status.via.code == TOP
    assert leaf.inherited10_from.code == TOP
    assert leaf.inherited10.href == f"/documents/{TOP}/s10-all.pdf"
    assert leaf.section10.current is None  # its own: none; the inherited one is shown beside it
    assert [ref.code for ref in leaf.breadcrumb] == [TOP, MID]


def test_the_inherited_announcement_is_shown_beside_the_agencys_own(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, MID, TOP)
    report(tree, TOP, s10=[("s10-all.pdf", "2023-09-01", "published", "subordinates"),
                           ("s10-self.pdf", "2024-01-01", "published", "self")])
    report(tree, MID, s10=[("own.pdf", "2023-11-01", "published", "self")])
    mid = page(tree.root, MID)
    assert mid.section10.status.reason == "own" and mid.section10.current.file == "own.pdf"
    # the ancestor's latest scope-subordinates version, although it has a newer self-only one
    assert mid.inherited10.file == "s10-all.pdf" and mid.inherited10_from.code == TOP


def test_inheritance_passes_through_a_hidden_agency_which_gets_no_page(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, HIDDEN, TOP, visible=False)
    agency(tree, UNDER_HIDDEN, HIDDEN)
    report(tree, TOP, s10=[("s10-all.pdf", "2023-09-01", "published", "subordinates")])
    index = index_of(tree.root)
    assert HIDDEN not in index.visible_codes
    assert [a.code for a in index.visible] == [TOP, UNDER_HIDDEN]
    below = agency_page(index, UNDER_HIDDEN)
    assert below.section10.status.via.code == TOP
    assert [r.code for r in below.breadcrumb] == [TOP]  # the hidden parent is skipped
    assert [c.code for c in agency_page(index, TOP).children] == [UNDER_HIDDEN]  # lifted past the hidden one


def test_a_hidden_agencys_own_announcement_counts_for_nobody(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, HIDDEN, TOP, visible=False)
    agency(tree, UNDER_HIDDEN, HIDDEN)
    report(tree, HIDDEN, s10=[("hidden.pdf", "2023-09-01", "published", "subordinates")])
    index = index_of(tree.root)
    below = agency_page(index, UNDER_HIDDEN)
    assert not below.section10.status.met and below.inherited10 is None
    assert [v.file for v in index.published_documents()] == []  # nothing of a hidden agency is published


def test_the_current_version_is_the_latest_date_and_a_tie_goes_to_the_later_listed(tree: Tree) -> None:
    agency(tree, TOP)
    report(tree, TOP, s10=[("b.pdf", "2024-05-01", "published", ""), ("a.pdf", "2023-01-01", "published", ""),
                           ("c.pdf", "2024-05-01", "published", ""), ("z.pdf", "2025-01-01", "suspended", "")])
    top = page(tree.root, TOP)
    assert top.section10.current.file == "c.pdf"
    assert [d.file for d in top.section10.history] == ["b.pdf", "a.pdf"]
    assert top.section10.current.date == dt.date(2024, 5, 1)


def test_suspended_versions_are_neither_shown_nor_published(tree: Tree) -> None:
    agency(tree, TOP)
    report(tree, TOP, s10=[("old.pdf", "2023-01-01", "suspended", "")],
           s16=[("order.pdf", "2023-02-01", "published", ""), ("bad.pdf", "2024-02-01", "suspended", "")])
    index = index_of(tree.root)
    top = agency_page(index, TOP)
    assert top.section10.current is None and top.section10.status.reason == "only_suspended"
    assert top.section16.current.file == "order.pdf" and top.section16.history == ()
    assert sorted(v.document_path for v in index.published_documents()) == [f"documents/{TOP}/order.pdf"]


def test_units_are_covered_by_their_parents_order(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, MID, TOP, unit=True)
    agency(tree, LEAF, MID, unit=True)
    report(tree, TOP, s16=[("order.pdf", "2023-10-15", "published", "")])
    for code in (MID, LEAF):
        status = page(tree.root, code).section16.status
        assert status.met and status.reason == "unit_parent" and status.via.code == TOP


def test_a_unit_whose_parent_has_no_order_is_not_covered(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, MID, TOP, unit=True)
    status = page(tree.root, MID).section16.status
    assert not status.met and status.reason == "unit_uncovered" and status.via is None


def test_document_views_carry_size_and_a_quoted_address(tree: Tree) -> None:
    agency(tree, TOP)
    report(tree, TOP, s10=[("ประกาศ-2566.pdf", "2023-11-01", "published", "")])
    current = page(tree.root, TOP).section10.current
    assert current.size == (tree.root / f"content/documents/{TOP}/ประกาศ-2566.pdf").stat().st_size
    assert current.href == f"/documents/{TOP}/%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8-2566.pdf"


def test_home_page_counts_and_latest_announcements(tree: Tree) -> None:
    agency(tree, TOP)
    agency(tree, MID, TOP)
    agency(tree, HIDDEN, TOP, visible=False)
    report(tree, TOP, s10=[("a.pdf", "2023-01-01", "published", "subordinates")],
           s16=[("b.pdf", "2023-01-01", "published", "")])
    report(tree, MID, s10=[("c.pdf", "2024-01-01", "published", ""), ("d.pdf", "2025-01-01", "suspended", "")])
    report(tree, HIDDEN, s10=[("h.pdf", "2026-01-01", "published", "")])
    home = home_page(index_of(tree.root))
    assert (home.agencies, home.announcements, home.met10, home.met16) == (2, 3, 2, 1)
    assert home.pct16 == 50.0
    # newest first, then by agency code, then by section
    assert [(a.agency.code, a.document.file) for a in home.latest] == [(MID, "c.pdf"), (TOP, "a.pdf"), (TOP, "b.pdf")]


def test_the_browse_tree_is_cut_where_a_page_would_grow_too_long(tree: Tree) -> None:
    agency(tree, TOP)
    for i in range(1, 4):
        child = f"01{i:02d}000000000"
        agency(tree, child, TOP)
        for j in range(1, 4):
            agency(tree, f"01{i:02d}{j:02d}0000000", child)
    index = index_of(tree.root)
    whole = listings.tree(index, TOP, limit=100)
    assert whole.descendants == 12 and all(len(c.children) == 3 for c in whole.children)
    cut = listings.tree(index, TOP, limit=5)
    assert len(cut.children) == 3 and all(c.children == () and c.truncated for c in cut.children)


def test_browse_index_and_lists_by_type_and_province(tree: Tree) -> None:
    agency(tree, TOP, name="สำนักนายกรัฐมนตรี")
    agency(tree, MID, TOP, name="เทศบาลนครยะลา", type_="local_government", province="95")
    agency(tree, LEAF, TOP, name="กรมการปกครอง", province="95")
    index = index_of(tree.root)
    types, provinces = by_type_and_province(index)
    browse = browse_index(index, types, provinces)
    assert [r.code for r in browse.roots] == [TOP] and browse.roots[0].descendants == 2
    assert [(c.key, c.count) for c in browse.types] == [("government_agency", 2), ("local_government", 1)]
    listing = agency_list(index, "province", "95", provinces["95"], "th")
    assert [g.key for g in listing.groups] == ["government_agency", "local_government"]
    listing = agency_list(index, "type", "government_agency", types["government_agency"], "th")
    assert [[i.code for i in g.items] for g in listing.groups] == [[TOP], [LEAF]]  # "10" before "95"


def test_thai_sort_puts_a_leading_vowel_after_its_consonant() -> None:
    names = ["เทศบาล", "กรม", "ไปรษณีย์", "ตำรวจ"]
    assert sorted(names, key=thai_sort_key) == ["กรม", "ตำรวจ", "เทศบาล", "ไปรษณีย์"]


# --- the message catalogue and the helpers that keep content inert ---------------

def test_a_key_in_two_catalogue_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text('x.one: {th: "หนึ่ง", en: "one"}\n', "utf-8")
    (tmp_path / "b.yaml").write_text('x.one: {th: "หนึ่ง", en: "one"}\n', "utf-8")
    with pytest.raises(CatalogueError, match="already defined in a.yaml"):
        load_catalogue(tmp_path)


def test_a_catalogue_entry_needs_both_languages_and_a_missing_key_is_loud(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text('x.one: {th: "หนึ่ง", en: "one {n}"}\n', "utf-8")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.get("x.one", "en", n=2) == "one 2" and catalogue.get("x.one", "th") == "หนึ่ง"
    with pytest.raises(MissingMessage):
        catalogue.get("x.two", "th")
    (tmp_path / "b.yaml").write_text('x.two: {th: "สอง"}\n', "utf-8")
    with pytest.raises(CatalogueError, match="exactly th and en"):
        load_catalogue(tmp_path)


@pytest.mark.parametrize("value, expected", [
    ("https://www.dga.or.th", "https://www.dga.or.th"),
    ("HTTP://EXAMPLE.GO.TH/x", "HTTP://EXAMPLE.GO.TH/x"),
    ("javascript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("//evil.example", None),
    ("https://a.example/\nx", None),
])
def test_only_http_links_become_links(value: str, expected: str | None) -> None:
    assert http_url(value) == expected


def test_mailto_and_tel_only_for_what_looks_like_one() -> None:
    assert mailto("contact@dga.or.th") == "mailto:contact@dga.or.th"
    assert mailto('"onmouseover="alert(1)') is None
    assert mailto("a@b") is None and mailto("javascript:alert(1)@x.com") is None
    assert tel("0 2612 6060") == "tel:026126060" and tel("+66 2 612 6060") == "tel:+6626126060"
    assert tel("ไม่มี") is None


def test_the_render_key_covers_every_template_the_agency_pages_use() -> None:
    """An edit to any template these pages are made from must re-render them in an incremental build."""
    import re

    from plugins.agencies.incremental import TEMPLATES

    repo = Path(__file__).resolve().parents[1]
    source = (repo / "plugins" / "agencies" / "generator.py").read_text("utf-8")
    rendered = set(re.findall(r'_both\([^,]+, "(\w+)"', source)) | set(re.findall(r'_page\("[^"]+", "(\w+)"', source))
    assert rendered == {"agency", "home", "browse", "browse_tree", "agency_list", "404"}
    needed, todo = set(), [f"{name}.html" for name in rendered]
    while todo:
        name = todo.pop()
        needed.add(name)
        text = (repo / "theme" / "templates" / name).read_text("utf-8")
        todo += [n for n in re.findall(r'{%-?\s*(?:extends|import|include|from)\s+"([^"]+)"', text) if n not in needed]
    assert needed == set(TEMPLATES)
