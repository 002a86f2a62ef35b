"""The pages that list agencies: home, the hierarchy, by type and by province.

Plain data built from a ``SiteIndex``, one view per page.  A national data
set has top-level bodies with nine thousand agencies below them, so the
hierarchy is split per top-level body and each tree is nested only as deep
as fits ``TREE_LIMIT`` entries; below that, a node links to its agency page,
which lists its subordinates.  No page ever lists the whole country at once.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugins.prakat.model import Text

from .views import AgencyRef, DocumentView, SiteIndex, thai_sort_key

LATEST_COUNT = 10  # announcements on the home page
TREE_LIMIT = 1500  # entries on one hierarchy page


@dataclass(frozen=True)
class Announcement:
    date: dt.date | None
    section: str
    agency: AgencyRef
    document: DocumentView


@dataclass(frozen=True)
class HomePage:
    agencies: int
    announcements: int
    met10: int
    met16: int
    latest: tuple[Announcement, ...]

    def percent(self, met: int) -> float:
        return round(100 * met / self.agencies, 1) if self.agencies else 0.0

    @property
    def pct10(self) -> float:
        return self.percent(self.met10)

    @property
    def pct16(self) -> float:
        return self.percent(self.met16)


@dataclass(frozen=True)
class TreeNode:
    code: str
    name: Text
    unit: bool
    descendants: int
    children: tuple["TreeNode", ...]
    truncated: bool  # has visible children that this page does not nest


@dataclass(frozen=True)
class Count:
    key: str  # a type key or a province code
    count: int


@dataclass(frozen=True)
class BrowseIndex:
    roots: tuple[TreeNode, ...]  # top-level bodies, without their children
    types: tuple[Count, ...]
    provinces: tuple[Count, ...]


@dataclass(frozen=True)
class ListItem:
    code: str
    name: Text
    met10: bool
    met16: bool


@dataclass(frozen=True)
class Group:
    key: str  # the province code of a type list, the type key of a province list ("" = not stated)
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class AgencyList:
    kind: str  # "type" or "province"
    key: str
    count: int
    groups: tuple[Group, ...]


def home_page(index: SiteIndex) -> HomePage:
    published = sorted(index.published_documents(),
                       key=lambda v: (-(v.date.toordinal() if v.date else 0), v.owner, v.section, v.file))
    results = [index.compliance[a.code] for a in index.visible]
    return HomePage(
        agencies=len(index.visible),
        announcements=len(published),
        met10=sum(1 for r in results if r.section10.met),
        met16=sum(1 for r in results if r.section16.met),
        latest=tuple(Announcement(v.date, v.section, index.ref(v.owner), index.document(v))
                     for v in published[:LATEST_COUNT]),
    )


def _leaf(index: SiteIndex, code: str, children: tuple[TreeNode, ...] = (), truncated: bool = False) -> TreeNode:
    agency = index.agency(code)
    return TreeNode(code, agency.name, agency.unit, index.descendants[code], children, truncated)


def tree(index: SiteIndex, root: str, limit: int = TREE_LIMIT) -> TreeNode:
    """The hierarchy below ``root``, nested level by level while the page stays under ``limit`` entries."""
    depth, shown, level = 0, 1, [root]
    while level:
        below = [c for code in level for c in index.children.get(code, ())]
        if not below or shown + len(below) > limit:
            break
        shown += len(below)
        depth += 1
        level = below

    def build(code: str, remaining: int) -> TreeNode:
        kids = index.children.get(code, ())
        if remaining == 0:
            return _leaf(index, code, (), bool(kids))
        return _leaf(index, code, tuple(build(c, remaining - 1) for c in kids))

    return build(root, depth)


def browse_index(index: SiteIndex, types: dict[str, list[str]], provinces: dict[str, list[str]]) -> BrowseIndex:
    return BrowseIndex(
        roots=tuple(_leaf(index, code) for code in index.roots),
        types=tuple(Count(k, len(types[k])) for k in sorted(types)),
        provinces=tuple(Count(k, len(provinces[k])) for k in sorted(provinces)),
    )


def _sort_key(name: Text, code: str, lang: str) -> tuple[str, str]:
    text = name.get(lang)
    return (thai_sort_key(text) if lang == "th" else text.casefold(), code)


def agency_list(index: SiteIndex, kind: str, key: str, codes: list[str], lang: str) -> AgencyList:
    """The agencies ``codes`` of one type (grouped by province) or one province (grouped by type)."""
    groups: dict[str, list[ListItem]] = {}
    for code in codes:
        agency = index.agency(code)
        group = (agency.province or "") if kind == "type" else agency.type
        result = index.compliance[code]
        groups.setdefault(group, []).append(ListItem(code, agency.name, result.section10.met, result.section16.met))
    ordered = tuple(
        Group(g, tuple(sorted(groups[g], key=lambda item: _sort_key(item.name, item.code, lang))))
        for g in sorted(groups, key=lambda g: (g == "", g)))  # "not stated" last
    return AgencyList(kind, key, len(codes), ordered)


def by_type_and_province(index: SiteIndex) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Visible agencies' codes per type and per province, in one pass."""
    types: dict[str, list[str]] = {}
    provinces: dict[str, list[str]] = {}
    for agency in index.visible:
        types.setdefault(agency.type, []).append(agency.code)
        if agency.province:
            provinces.setdefault(agency.province, []).append(agency.code)
    return types, provinces
