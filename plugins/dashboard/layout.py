"""Where each agency's row goes on the status pages.

At 20,000 agencies one list is far too heavy for a phone, and one ministry
(the Ministry of Interior, with the local governments under it) alone holds
about half of them.  So /status/ is light: the ministries (top-level bodies)
with their counts, each a plain link, plus the full table only when the whole
site fits in one page.  Each top-level body has /status/<code>/, its agencies
in hierarchy order (each parent followed by what is under it), cut into pages
of ``PAGE_SIZE`` rows: /status/<code>/, /status/<code>/2/ ... The page where
each department (second level) starts is known, so departments are plain
links too, and so is every agency's row (``#a-<code>``), which the dashboard
uses to send "and 40 more" to the right place.

Plain Python; no Pelican.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from plugins.prakat.model import Model
from plugins.prakat.stats import AgencyRow

PAGE_SIZE = 250  # rows per status page; also the most the whole list may have to show on /status/ itself


@dataclass(frozen=True)
class StatusPage:
    top: str
    number: int  # 1-based
    rows: tuple[AgencyRow, ...]

    @property
    def address(self) -> str:
        return page_address(self.top, self.number)


@dataclass(frozen=True)
class Department:
    code: str
    page: int
    count: int  # agencies in it, itself included


@dataclass(frozen=True)
class Ministry:
    top: str
    pages: tuple[StatusPage, ...]
    departments: tuple[Department, ...]

    @property
    def count(self) -> int:
        return sum(len(p.rows) for p in self.pages)


@dataclass(frozen=True)
class StatusLayout:
    ministries: tuple[Ministry, ...]  # in the order of ``tops``
    page_of: Mapping[str, tuple[str, int]]  # agency code -> (top-level code, page number)
    single_page: bool  # /status/ carries the full table too

    def href(self, code: str) -> str:
        """Site path (no leading slash, no language prefix) of ``code``'s row on the status pages."""
        top, number = self.page_of[code]
        return f"{page_address(top, number)}#a-{code}"


def page_address(top: str, number: int) -> str:
    return f"status/{top}/" if number == 1 else f"status/{top}/{number}/"


def hierarchy_order(model: Model, top: str) -> list[str]:
    """``top`` and every visible agency under it, each parent before its children (children by code)."""
    order: list[str] = []
    stack = [top]
    while stack:
        code = stack.pop()
        order.append(code)
        stack.extend(reversed([child.code for child in model.visible_children(code)]))
    return order


def status_layout(model: Model, rows: Iterable[AgencyRow], tops: Iterable[str],
                  page_size: int = PAGE_SIZE) -> StatusLayout:
    """Pages for each top-level body in ``tops`` (the dashboard's ministry order)."""
    by_code = {row.code: row for row in rows}
    ministries = []
    page_of: dict[str, tuple[str, int]] = {}
    for top in tops:
        order = [code for code in hierarchy_order(model, top) if code in by_code]
        pages = tuple(
            StatusPage(top, number, tuple(by_code[c] for c in order[start:start + page_size]))
            for number, start in enumerate(range(0, max(len(order), 1), page_size), 1))
        counts: dict[str, int] = {}
        for position, code in enumerate(order):
            page_of[code] = (top, position // page_size + 1)
            department = by_code[code].department
            if department:
                counts[department] = counts.get(department, 0) + 1
        departments = tuple(Department(code, page_of[code][1], counts[code]) for code in order if code in counts)
        ministries.append(Ministry(top, pages, departments))
    return StatusLayout(tuple(ministries), page_of, len(by_code) <= page_size)
