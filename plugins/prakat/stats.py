"""Every number the dashboard, the status pages and compliance.csv show, from one pass.

``agency_rows`` turns the compliance results (compliance.py, SPEC §2) into one
row per visible agency, with the hierarchy facts a reader groups by: nearest
visible parent, top-level body (the "ministry"), second-level body (the
"department").  ``summarize`` counts those same rows.  The CSV writes the rows;
the dashboard draws the counts; so a total on the page and a count of the CSV
can never disagree.  Nothing here decides whether a section is met: that is
compliance.py's job.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, MutableMapping

from .compliance import Compliance, SectionStatus
from .gitinfo import History
from .model import Model, Text
from .sitedata import site_data
from .vocabulary import vocabulary

# Section 13 outcomes, in the order the dashboard lists them (SPEC §2).
SECTION13_STATUSES = ("complete", "partial", "not_published", "missing", "not_applicable")
# Outcomes that need nothing more from the agency; the others are listed as "not met".
SECTION13_DONE = frozenset({"complete", "not_applicable"})
SCORED_SECTIONS = ("10", "16", "13")

# The dashboard lists the agencies that have not met a section, grouped by parent.  At
# 20,000 agencies those lists hold thousands of names, so the page shows the groups with
# the most agencies outstanding, a few names each, and links each group to its complete
# list on the status pages.
MAX_GROUPS = 10
MAX_PER_GROUP = 5


@dataclass(frozen=True)
class AgencyRow:
    """One visible agency as the open data and the status pages see it."""

    code: str
    name: Text
    type: str
    subtype: str | None
    province: str | None
    unit: bool
    parent: str | None  # nearest visible ancestor
    top_level: str  # topmost visible ancestor, or the agency itself
    department: str | None  # the top-level body's child on the way down, None for a top-level body
    section10: SectionStatus
    section16: SectionStatus
    section13: str
    updated: dt.date | None

    def met(self, section: str) -> bool:
        if section == "13":
            return self.section13 in SECTION13_DONE
        return self.status(section).met

    def status(self, section: str) -> SectionStatus:
        return self.section10 if section == "10" else self.section16


def _chain(model: Model, code: str) -> list[str]:
    """Codes of the visible ancestors, nearest first."""
    return [a.code for a in model.ancestors(code) if a.visible]


class _Chains:
    """Visible ancestors of each agency, each parent's chain worked out once (siblings share it)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.memo: dict[str, tuple[str, ...]] = {}

    def above(self, code: str) -> tuple[str, ...]:
        """Visible ancestors of ``code``, nearest first."""
        agency = self.model.agencies.get(code)
        parent = agency.parent if agency else None
        if parent is None or parent not in self.model.agencies:
            return ()
        found = self.memo.get(parent)
        if found is None:
            found = tuple(_chain(self.model, code))  # the general walk, safe with loops
            self.memo[parent] = found
        return found


def agency_rows(model: Model, compliance: Mapping[str, Compliance], history: History | None = None) -> list[AgencyRow]:
    """A row for every agency in ``compliance`` (the visible ones), sorted by code."""
    rows = []
    chains = _Chains(model)
    for code in sorted(compliance):
        agency = model.agencies[code]
        result = compliance[code]
        chain = chains.above(code)
        change = history.record_changed(code) if history else None
        rows.append(AgencyRow(
            code=code, name=agency.name, type=agency.type, subtype=agency.subtype, province=agency.province,
            unit=agency.unit,
            parent=chain[0] if chain else None,
            top_level=chain[-1] if chain else code,
            department=(chain[-2] if len(chain) >= 2 else code) if chain else None,
            section10=result.section10, section16=result.section16, section13=result.section13,
            updated=change.date if change else None))
    return rows


@dataclass
class Tally:
    """Counts over a set of agencies."""

    total: int = 0
    section10: int = 0  # met
    section16: int = 0  # met
    section13: Counter[str] = field(default_factory=Counter)

    def add(self, row: AgencyRow) -> None:
        self.total += 1
        self.section10 += row.section10.met
        self.section16 += row.section16.met
        self.section13[row.section13] += 1

    def met(self, section: str) -> int:
        if section == "10":
            return self.section10
        if section == "16":
            return self.section16
        return sum(self.section13[s] for s in SECTION13_DONE)

    def not_met(self, section: str) -> int:
        return self.total - self.met(section)

    def count13(self, status: str) -> int:
        return self.section13[status]

    def percent(self, count: int) -> float:
        """``count`` as a percentage of the total, one decimal; 0 for an empty set."""
        return round(100 * count / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class Breakdown:
    key: str  # a vocabulary key, a top-level agency code, or "" for "not stated"
    tally: Tally


@dataclass(frozen=True)
class ProblemCount:
    category: str
    agencies: int  # visible agencies that list it
    first: int  # of which list it as their most important problem


@dataclass(frozen=True)
class NotMetGroup:
    parent: str | None  # nearest visible parent; None groups the top-level bodies
    top_level: str  # where the group's full list lives on the status pages
    count: int
    shown: tuple[AgencyRow, ...]

    @property
    def hidden(self) -> int:
        return self.count - len(self.shown)


@dataclass(frozen=True)
class NotMetList:
    section: str
    total: int  # agencies that have not met it
    groups: tuple[NotMetGroup, ...]  # the largest groups, capped
    group_count: int  # all groups, shown or not

    @property
    def hidden_groups(self) -> int:
        return self.group_count - len(self.groups)

    @property
    def hidden_agencies(self) -> int:
        return self.total - sum(g.count for g in self.groups)


@dataclass(frozen=True)
class Summary:
    overall: Tally
    by_type: tuple[Breakdown, ...]
    by_ministry: tuple[Breakdown, ...]
    by_province: tuple[Breakdown, ...]
    problems: tuple[ProblemCount, ...]
    agencies_with_problems: int
    not_met: Mapping[str, NotMetList]


def _ordered(tallies: Mapping[str, Tally], order: Iterable[str]) -> tuple[Breakdown, ...]:
    """Known keys in vocabulary order, then unknown ones sorted, "" (not stated) last."""
    known = [k for k in order if k in tallies]
    rest = sorted(k for k in tallies if k not in set(known) and k != "")
    tail = [""] if "" in tallies else []
    return tuple(Breakdown(k, tallies[k]) for k in known + rest + tail)


def not_met_list(rows: Iterable[AgencyRow], section: str, max_groups: int = MAX_GROUPS,
                 per_group: int = MAX_PER_GROUP) -> NotMetList:
    """Agencies that have not met ``section``, by parent, the largest groups first."""
    groups: dict[str | None, list[AgencyRow]] = {}
    for row in rows:
        if not row.met(section):
            groups.setdefault(row.parent, []).append(row)
    order = sorted(groups, key=lambda parent: (-len(groups[parent]), parent or ""))
    shown = tuple(
        NotMetGroup(parent, groups[parent][0].top_level if parent else "", len(groups[parent]),
                    tuple(sorted(groups[parent], key=lambda r: r.code)[:per_group]))
        for parent in order[:max_groups])
    return NotMetList(section, sum(len(g) for g in groups.values()), shown, len(groups))


def summarize(model: Model, rows: list[AgencyRow], max_groups: int = MAX_GROUPS,
              per_group: int = MAX_PER_GROUP) -> Summary:
    vocab = vocabulary()
    overall = Tally()
    by_type: dict[str, Tally] = {}
    by_ministry: dict[str, Tally] = {}
    by_province: dict[str, Tally] = {}
    reported: Counter[str] = Counter()
    first: Counter[str] = Counter()
    with_problems = 0
    for row in rows:
        overall.add(row)
        by_type.setdefault(row.type or "", Tally()).add(row)
        by_ministry.setdefault(row.top_level, Tally()).add(row)
        by_province.setdefault(row.province or "", Tally()).add(row)
        problems = model.agencies[row.code].problems
        if problems:
            with_problems += 1
            first[problems[0].category] += 1
            reported.update({p.category for p in problems})
    # Ministries: the largest first, so the bodies that weigh most on the totals lead.
    ministries = tuple(Breakdown(code, by_ministry[code])
                       for code in sorted(by_ministry, key=lambda c: (-by_ministry[c].total, c)))
    category_order = list(vocab.problem_categories)
    problems_sorted = sorted(
        reported, key=lambda c: (-reported[c], category_order.index(c) if c in category_order else len(category_order), c))
    return Summary(
        overall=overall,
        by_type=_ordered(by_type, vocab.types),
        by_ministry=ministries,
        by_province=_ordered(by_province, vocab.provinces),
        problems=tuple(ProblemCount(c, reported[c], first[c]) for c in problems_sorted),
        agencies_with_problems=with_problems,
        not_met={s: not_met_list(rows, s, max_groups, per_group) for s in SCORED_SECTIONS},
    )


@dataclass(frozen=True)
class SiteStats:
    rows: list[AgencyRow]
    summary: Summary


CONTEXT_KEY = "PRAKAT_SITE_STATS"


def site_stats(context: MutableMapping[str, Any], settings: MutableMapping[str, Any]) -> SiteStats:
    """The build's rows and counts, computed on first use and shared by the dashboard and the exports."""
    found = context.get(CONTEXT_KEY)
    if found is None:
        site = site_data(context, settings)
        rows = agency_rows(site.model, site.compliance, site.history)
        found = context[CONTEXT_KEY] = SiteStats(rows, summarize(site.model, rows))
    return found
