"""What the dashboard, status and open-data pages show, as plain data for their templates.

Every count comes from stats.summarize over stats.agency_rows (the rows
compliance.csv is written from); this module only arranges and labels them,
and places the charts (charts.py).  Labels come from the theme's message
catalogue and the vocabulary, in the page's language.  No Pelican here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from plugins.prakat import thaidate
from plugins.prakat.charts import Category, Chart, Value, bar_chart
from plugins.prakat.compliance import INHERITED, OWN, UNIT_PARENT, SectionStatus
from plugins.prakat.i18n import page_path
from plugins.prakat.model import Model
from plugins.prakat.stats import (MAX_PER_GROUP, SECTION13_STATUSES, AgencyRow, Breakdown, NotMetList, Summary,
                                  Tally)
from plugins.prakat.vocabulary import vocabulary

from .layout import StatusLayout, StatusPage

CHART_ROWS = 15  # bars in a breakdown chart; the table beside it lists every group

Say = Callable[..., str]  # say(key, **params) -> text in the page's language


def percent_text(value: float) -> str:
    return f"{value:.1f}%"


def count_text(value: int) -> str:
    return f"{value:,}"


@dataclass(frozen=True)
class TableRow:
    key: str
    label: str
    href: str | None  # a page about the group, when there is one
    tally: Tally


@dataclass(frozen=True)
class BreakdownView:
    id: str
    heading: str
    note: str  # what the chart shows when it is not every group
    chart: Chart
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class SimpleRow:
    label: str
    count: int
    percent: float
    extra: int | None = None


@dataclass(frozen=True)
class SimpleView:
    id: str
    heading: str
    chart: Chart
    rows: tuple[SimpleRow, ...]


@dataclass(frozen=True)
class NotMetView:
    section: str
    heading: str
    list: NotMetList


@dataclass(frozen=True)
class DashboardView:
    as_of: dt.date
    summary: Summary
    overall: Chart
    breakdowns: tuple[BreakdownView, ...]
    section13: SimpleView
    problems: SimpleView
    not_met: tuple[NotMetView, ...]
    per_group: int = MAX_PER_GROUP  # names shown per parent in the not-met lists


def _names(model: Model, lang: str) -> Callable[[str], str]:
    def name(code: str) -> str:
        agency = model.agencies.get(code)
        return agency.name.get(lang) if agency else code
    return name


def _pair(say: Say, tally: Tally) -> tuple[Value, Value]:
    out = []
    for section in ("10", "16"):
        share = tally.percent(tally.met(section))
        out.append(Value(share, f"{say(f'status.section_short.{section}')} {percent_text(share)} "
                                f"({count_text(tally.met(section))}/{count_text(tally.total)})"))
    return out[0], out[1]


def _series(say: Say) -> list[str]:
    return [say("status.section.10"), say("status.section.16")]


def _breakdown(view_id: str, heading: str, groups: Sequence[Breakdown], label: Callable[[str], str],
               href: Callable[[str], str | None], say: Say, charted: Sequence[Breakdown], note: str) -> BreakdownView:
    chart = bar_chart(f"chart-{view_id}", heading, say("dashboard.chart_desc_breakdown"), _series(say),
                      [Category(label(g.key), _pair(say, g.tally)) for g in charted])
    rows = tuple(TableRow(g.key, label(g.key), href(g.key), g.tally) for g in groups)
    return BreakdownView(view_id, heading, note, chart, rows)


def dashboard_view(model: Model, summary: Summary, layout: StatusLayout, as_of: dt.date, lang: str,
                   say: Say) -> DashboardView:
    vocab = vocabulary()
    name = _names(model, lang)
    overall = summary.overall

    def vocab_label(table: Mapping[str, object]) -> Callable[[str], str]:
        def label(key: str) -> str:
            entry = table.get(key)
            return entry.get(lang) if entry is not None else (key or say("dashboard.not_stated"))  # type: ignore[attr-defined]
        return label

    shares = {s: overall.percent(overall.met(s)) for s in ("10", "16", "13")}
    overall_chart = bar_chart(
        "chart-overall", say("dashboard.overall_chart"),
        say("dashboard.chart_desc_overall", p10=percent_text(shares["10"]), p16=percent_text(shares["16"]),
            p13=percent_text(shares["13"]), total=count_text(overall.total)),
        [say("dashboard.share")],
        [Category(say(f"status.section.{s}") if s != "13" else say("status.s13_done"),
                  (Value(shares[s], f"{percent_text(shares[s])} ({count_text(overall.met(s))}/"
                                    f"{count_text(overall.total)})"),))
         for s in ("10", "16", "13")])

    largest = list(summary.by_ministry[:CHART_ROWS])
    lowest = sorted(summary.by_province, key=lambda g: (g.tally.percent(g.tally.section10), -g.tally.total, g.key))
    breakdowns = (
        _breakdown("type", say("dashboard.by_type"), summary.by_type, vocab_label(vocab.types), lambda k: None,
                   say, summary.by_type, ""),
        _breakdown("ministry", say("dashboard.by_ministry"), summary.by_ministry, name,
                   lambda k: f"status/{k}/", say, largest,
                   say("dashboard.chart_largest", count=CHART_ROWS) if len(summary.by_ministry) > CHART_ROWS
                   else ""),
        _breakdown("province", say("dashboard.by_province"), summary.by_province, vocab_label(vocab.provinces),
                   lambda k: f"browse/province/{k}/" if k else None, say, lowest[:CHART_ROWS],
                   say("dashboard.chart_lowest", count=CHART_ROWS) if len(summary.by_province) > CHART_ROWS
                   else ""),
    )

    s13_rows = tuple(SimpleRow(say(f"status.s13.{s}"), overall.count13(s), overall.percent(overall.count13(s)))
                     for s in SECTION13_STATUSES)
    s13_chart = bar_chart(
        "chart-section13", say("dashboard.section13"), say("dashboard.chart_desc_single"), [say("dashboard.share")],
        [Category(r.label, (Value(r.percent, f"{percent_text(r.percent)} ({count_text(r.count)})"),))
         for r in s13_rows])

    reporting = summary.agencies_with_problems
    problem_rows = tuple(
        SimpleRow(vocab_label(vocab.problem_categories)(p.category), p.agencies,
                  round(100 * p.agencies / reporting, 1) if reporting else 0.0, p.first)
        for p in summary.problems)
    problems_chart = bar_chart(
        "chart-problems", say("dashboard.problems"), say("dashboard.chart_desc_single"),
        [say("dashboard.problem_share")],
        [Category(r.label, (Value(r.percent, f"{percent_text(r.percent)} ({count_text(r.count)})"),))
         for r in problem_rows])

    not_met = tuple(
        NotMetView(s, say(f"dashboard.not_met_{s}", count=count_text(summary.not_met[s].total)), summary.not_met[s])
        for s in ("10", "16", "13"))
    return DashboardView(
        as_of=as_of, summary=summary, overall=overall_chart, breakdowns=breakdowns,
        section13=SimpleView("section13", say("dashboard.section13"), s13_chart, s13_rows),
        problems=SimpleView("problems", say("dashboard.problems"), problems_chart, problem_rows),
        not_met=not_met)


# --- status pages ------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    value: str
    label: str
    top: str = ""  # a department's top-level body, so the department choices can follow the ministry


@dataclass(frozen=True)
class Cell:
    """One section of one status row, in words: the status, why, and whose document when not its own."""

    met: bool
    word: str
    reason: str | None  # None for Section 13, whose status word says it all
    via_name: str = ""
    via_href: str = ""


@dataclass(frozen=True)
class StatusRow:
    """One agency on a status page, every text already in the page's language.

    A page has up to PAGE_SIZE rows and the site 40,000 of them (two languages): the
    template only prints these fields, with no macro or lookup per row.
    """

    code: str
    href: str
    name: str
    parent: str
    ministry: str
    kind: str
    updated: str
    top: str
    department: str
    type: str
    province: str
    s10: str
    s16: str
    s13: str  # "done" or the Section 13 status
    cells: tuple[Cell, Cell, Cell]


class RowWords:
    """Makes StatusRows for one language, remembering names and labels it has looked up."""

    def __init__(self, model: Model, lang: str, say: Say) -> None:
        vocab = vocabulary()
        self.model, self.lang = model, lang
        self.name = _names(model, lang)
        self.words = {True: say("status.met"), False: say("status.not_met")}
        self.reasons = {key: say(f"status.reason.{key}") for key in
                        ("inherited", "unit_parent", "only_suspended", "none", "unit_uncovered")}
        self.own = {s: say(f"status.reason.own.{s}") for s in ("10", "16")}
        self.s13 = {key: say(f"status.s13.{key}") for key in SECTION13_STATUSES}
        self.types = {k: v.get(lang) for k, v in vocab.types.items()}
        self.provinces = {k: v.get(lang) for k, v in vocab.provinces.items()}
        self.unknown_date = say("status.unknown_date")

    def href(self, code: str) -> str:
        return page_path(f"agencies/{code}/", self.lang)

    def cell(self, status: SectionStatus, section: str) -> Cell:
        if status.reason == OWN:
            return Cell(status.met, self.words[status.met], self.own[section])
        if status.reason in (INHERITED, UNIT_PARENT) and status.via:
            return Cell(status.met, self.words[status.met], self.reasons[status.reason], self.name(status.via),
                        self.href(status.via))
        return Cell(status.met, self.words[status.met], self.reasons.get(status.reason, status.reason))

    def row(self, row: AgencyRow) -> StatusRow:
        kind = self.types.get(row.type, row.type)
        if row.province:
            kind += " · " + self.provinces.get(row.province, row.province)
        done13 = row.met("13")
        return StatusRow(
            code=row.code, href=self.href(row.code), name=self.name(row.code),
            parent=self.name(row.parent) if row.parent else "", ministry=self.name(row.top_level), kind=kind,
            updated=thaidate.short_date(row.updated, self.lang) if row.updated else self.unknown_date,
            top=row.top_level, department=row.department or "", type=row.type, province=row.province or "",
            s10=row.section10.key, s16=row.section16.key, s13="done" if done13 else row.section13,
            cells=(self.cell(row.section10, "10"), self.cell(row.section16, "16"),
                   Cell(done13, self.s13.get(row.section13, row.section13), None)))


@dataclass(frozen=True)
class StatusPageView:
    title: str
    top: str | None  # None on /status/
    page: StatusPage | None
    pages: int
    rows: tuple[StatusRow, ...]
    ministries: tuple[Option, ...]  # filter options present on this page
    departments: tuple[Option, ...]
    types: tuple[Option, ...]
    provinces: tuple[Option, ...]


def _options(values: Sequence[str], label: Callable[[str], str]) -> tuple[Option, ...]:
    return tuple(Option(v, label(v)) for v in values)


def status_page_view(words: RowWords, rows: Sequence[AgencyRow], title: str,
                     top: str | None = None, page: StatusPage | None = None, pages: int = 1) -> StatusPageView:
    """One page of the status list with the filter choices its rows offer."""
    vocab = vocabulary()
    lang = words.lang
    tops = list(dict.fromkeys(r.top_level for r in rows))
    department_top = {r.department: r.top_level for r in rows if r.department}
    present_types = {r.type for r in rows}
    present_provinces = {r.province for r in rows}
    return StatusPageView(
        title=title, top=top, page=page, pages=pages, rows=tuple(words.row(r) for r in rows),
        ministries=_options(tops, words.name),
        departments=tuple(Option(code, words.name(code), top) for code, top in department_top.items()),
        types=_options([k for k in vocab.types if k in present_types], lambda k: vocab.types[k].get(lang)),
        provinces=_options([k for k in vocab.provinces if k in present_provinces],
                           lambda k: vocab.provinces[k].get(lang)))
