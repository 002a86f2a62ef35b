"""The counts behind the dashboard and compliance.csv, on a tree worked out by hand.

    A  ministry (province 10)   s10 for subordinates, own s16, problems: infrastructure, data
    ├─ B  department            nothing; problems: data
    │  ├─ C  unit of B          nothing
    │  └─ D                     suspended s16 only
    E  other top-level body (province 96, type other)   section13 not_published
    └─ F  hidden
       └─ G                     own s10, section13 complete with a published 13(1); problems: law

By hand:
    s10  A own, B C D inherited from A, E none, G own          -> 5 of 6 met
    s16  A own, B none, C unit_uncovered, D only_suspended,
         E none, G none                                          -> 1 of 6 met
    s13  A B C D missing, E not_published, G complete
"""
from __future__ import annotations

from pathlib import Path

import pytest

from plugins.prakat.compliance import INHERITED, NONE, ONLY_SUSPENDED, OWN, UNIT_UNCOVERED
from plugins.prakat.model import build_model
from plugins.prakat.stats import Tally, agency_rows, not_met_list, summarize
from plugins.prakat.store import ContentStore
from tests.test_compliance import A, B, C, D, E, F, G, Builder, V


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    b = Builder(tmp_path_factory.mktemp("stats"))
    b.agency(A)
    b.agency(B, A)
    b.agency(C, B, unit=True)
    b.agency(D, B)
    b.agency(E, province="96", type_="other")
    b.agency(F, E, visible=False)
    b.agency(G, F, province="96")
    b.report(A, s10=[V("a10.pdf", "2023-01-01", scope="subordinates")], s16=[V("a16.pdf", "2023-01-01")],
             problems=("infrastructure", "data"))
    b.report(B, problems=("data",))
    b.report(D, s16=[V("d16.pdf", "2023-01-01", status="suspended")])
    b.report(E, s13="not_published")
    b.report(G, s10=[V("g10.pdf", "2023-01-01")], s13="complete", s13_versions=[V("g13.pdf", "2023-02-01")],
             problems=("law",))
    compliance = b.compute()
    model = build_model(ContentStore(b.root))
    rows = agency_rows(model, compliance)
    return model, rows, summarize(model, rows)


def test_rows_follow_the_visible_hierarchy(built) -> None:  # type: ignore[no-untyped-def]
    _, rows, _ = built
    got = {r.code: (r.parent, r.top_level, r.department) for r in rows}
    assert got == {
        A: (None, A, None),
        B: (A, A, B),
        C: (B, A, B),
        D: (B, A, B),
        E: (None, E, None),
        G: (E, E, G),  # F is hidden: G hangs under E
    }
    assert [r.code for r in rows] == sorted(got)


def test_rows_carry_the_compliance_reasons(built) -> None:  # type: ignore[no-untyped-def]
    _, rows, _ = built
    got = {r.code: (r.section10.reason, r.section16.reason, r.section13) for r in rows}
    assert got == {
        A: (OWN, OWN, "missing"),
        B: (INHERITED, NONE, "missing"),
        C: (INHERITED, UNIT_UNCOVERED, "missing"),
        D: (INHERITED, ONLY_SUSPENDED, "missing"),
        E: (NONE, NONE, "not_published"),
        G: (OWN, NONE, "complete"),
    }


def test_overall_totals(built) -> None:  # type: ignore[no-untyped-def]
    _, _, summary = built
    overall = summary.overall
    assert (overall.total, overall.section10, overall.section16) == (6, 5, 1)
    assert dict(overall.section13) == {"missing": 4, "not_published": 1, "complete": 1}
    assert overall.met("13") == 1 and overall.not_met("13") == 5
    assert overall.percent(overall.section10) == 83.3
    assert overall.percent(overall.section16) == 16.7


def test_breakdowns(built) -> None:  # type: ignore[no-untyped-def]
    _, _, summary = built
    by_type = {g.key: (g.tally.total, g.tally.section10, g.tally.section16) for g in summary.by_type}
    assert by_type == {"government_agency": (5, 5, 1), "other": (1, 0, 0)}
    assert [g.key for g in summary.by_type] == ["government_agency", "other"]  # vocabulary order
    by_ministry = [(g.key, g.tally.total, g.tally.section10, g.tally.section16) for g in summary.by_ministry]
    assert by_ministry == [(A, 4, 4, 1), (E, 2, 1, 0)]
    by_province = [(g.key, g.tally.total, g.tally.section10) for g in summary.by_province]
    assert by_province == [("10", 4, 4), ("96", 2, 1)]
    # Every breakdown adds up to the whole.
    for groups in (summary.by_type, summary.by_ministry, summary.by_province):
        assert sum(g.tally.total for g in groups) == summary.overall.total
        assert sum(g.tally.section16 for g in groups) == summary.overall.section16


def test_problem_categories(built) -> None:  # type: ignore[no-untyped-def]
    _, _, summary = built
    assert summary.agencies_with_problems == 3
    assert [(p.category, p.agencies, p.first) for p in summary.problems] == [
        ("data", 2, 1),  # A (second) and B (first)
        ("infrastructure", 1, 1),
        ("law", 1, 1),
    ]


def test_not_met_lists_are_grouped_by_parent(built) -> None:  # type: ignore[no-untyped-def]
    _, _, summary = built
    s16 = summary.not_met["16"]
    assert s16.total == 5
    groups = [(g.parent, g.top_level, g.count, [r.code for r in g.shown]) for g in s16.groups]
    # Largest group first, then by parent code; top-level bodies form the group without a parent.
    assert groups == [(B, A, 2, [C, D]), (None, "", 1, [E]), (A, A, 1, [B]), (E, E, 1, [G])]
    s10 = summary.not_met["10"]
    assert [(g.parent, [r.code for r in g.shown]) for g in s10.groups] == [(None, [E])]
    s13 = summary.not_met["13"]
    assert s13.total == 5 and G not in {r.code for g in s13.groups for r in g.shown}


def test_not_met_lists_are_capped(built) -> None:  # type: ignore[no-untyped-def]
    _, rows, _ = built
    capped = not_met_list(rows, "16", max_groups=1, per_group=1)
    assert capped.total == 5 and capped.group_count == 4
    assert len(capped.groups) == 1 and capped.groups[0].parent == B
    assert [r.code for r in capped.groups[0].shown] == [C] and capped.groups[0].hidden == 1
    assert capped.hidden_groups == 3 and capped.hidden_agencies == 3


def test_empty_tally_has_no_division_by_zero() -> None:
    assert Tally().percent(0) == 0.0


# --- where each row goes on the status pages -----------------------------------------------------

def test_status_layout_pages_in_hierarchy_order(built) -> None:  # type: ignore[no-untyped-def]
    from plugins.dashboard.layout import status_layout

    model, rows, summary = built
    tops = [g.key for g in summary.by_ministry]
    layout = status_layout(model, rows, tops, page_size=3)
    a, e = layout.ministries
    assert (a.top, e.top) == (A, E)
    # A's agencies, each parent before its children: A, B, C, D, cut into pages of 3.
    assert [[r.code for r in p.rows] for p in a.pages] == [[A, B, C], [D]]
    assert [p.address for p in a.pages] == [f"status/{A}/", f"status/{A}/2/"]
    assert [[r.code for r in p.rows] for p in e.pages] == [[E, G]]  # the hidden F is skipped
    assert [(d.code, d.page, d.count) for d in a.departments] == [(B, 1, 3)]
    assert layout.href(D) == f"status/{A}/2/#a-{D}"
    assert layout.href(G) == f"status/{E}/#a-{G}"
    assert not status_layout(model, rows, tops, page_size=3).single_page
    assert status_layout(model, rows, tops, page_size=250).single_page
