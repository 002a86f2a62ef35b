"""SPEC §2 against hand-worked trees: every rule, on real records with real PDFs.

Each test writes a small content tree (agency.yaml, report.yaml and the PDFs
they name), checks that it validates, builds the model the site builds, and
compares compute() with the answer worked out by hand in the comment above it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from plugins.prakat.compliance import (INHERITED, NONE, ONLY_SUSPENDED, OWN, UNIT_PARENT, UNIT_UNCOVERED,
                                       Compliance, compute)
from plugins.prakat.model import build_model
from plugins.prakat.stats import agency_rows
from plugins.prakat.store import ContentStore
from plugins.prakat.validate import validate
from tests.content_tree import Tree, agency_yaml

TODAY = dt.date(2026, 11, 25)

# Codes: 13 digits, the first letters say where they sit (A at the top, B under A, ...).
A, B, C, D = "1000000000000", "1100000000000", "1110000000000", "1111000000000"
E, F, G, H = "1200000000000", "1210000000000", "1211000000000", "1212000000000"


@dataclass(frozen=True)
class V:
    """One version to write: file name, date, status, scope (Section 10 only)."""

    file: str
    date: str
    status: str = "published"
    scope: str | None = None


class Builder:
    def __init__(self, root: Path) -> None:
        self.tree = Tree(root)
        self.root = root

    def agency(self, code: str, parent: str | None = None, *, unit: bool = False, visible: bool = True,
               name: str | None = None, type_: str = "government_agency", province: str = "10") -> None:
        extra = ""
        if unit:
            extra += "unit: true\n"
        if not visible:
            extra += "visible: false\n"
        text = agency_yaml(code, parent, name=name or f"หน่วยงาน {code[:4]}", extra=extra)
        text = text.replace("type: government_agency", f"type: {type_}").replace(
            'province: "10"', f'province: "{province}"')
        self.tree.agency(code, text)

    def _versions(self, code: str, versions: list[V], date_key: str) -> list[str]:
        lines = ["  versions:"]
        for v in versions:
            digest = self.tree.pdf(code, v.file)
            lines += [f"    - file: {v.file}", f"      sha256: {digest}", f"      {date_key}: {v.date}",
                      f"      status: {v.status}"]
            if v.scope:
                lines.append(f"      scope: {v.scope}")
        return lines

    def report(self, code: str, *, s10: list[V] | None = None, s16: list[V] | None = None,
               s13: str | None = None, s13_versions: list[V] | None = None, problems: tuple[str, ...] = ()) -> None:
        lines: list[str] = []
        if s10 is not None:
            lines += ["section10:"] + self._versions(code, s10, "announced")
        if s16 is not None:
            lines += ["section16:"] + self._versions(code, s16, "effective")
        if s13 == "no_licences":
            lines += ["section13:", "  has_licences: false"]
        elif s13 is not None:
            lines += ["section13:", "  has_licences: true", f"  gazette_status: {s13}"]
            if s13_versions:
                lines += self._versions(code, s13_versions, "announced")
        if problems:
            lines += ["problems:"] + [f"  - category: {p}" for p in problems]
        self.tree.report(code, "\n".join(lines) + "\n")

    def compute(self) -> dict[str, Compliance]:
        result = validate(self.root, on=TODAY, use_cache=False)
        assert result.errors == [], [f"{f.path}:{f.line} {f.code}" for f in result.errors]
        return compute(build_model(ContentStore(self.root)))


@pytest.fixture
def b(tmp_path: Path) -> Builder:
    return Builder(tmp_path)


def s10(result: Compliance) -> tuple[bool, str, str | None, str | None]:
    v = result.section10.version
    return result.section10.met, result.section10.reason, result.section10.via, v.file if v else None


def s16(result: Compliance) -> tuple[bool, str, str | None, str | None]:
    v = result.section16.version
    return result.section16.met, result.section16.reason, result.section16.via, v.file if v else None


# --- Section 10 -------------------------------------------------------------------------------

def test_inheritance_reaches_down_several_levels(b: Builder) -> None:
    # A announces for all subordinates; B, C and D have nothing: all three inherit A's announcement.
    b.agency(A)
    b.agency(B, A)
    b.agency(C, B)
    b.agency(D, C)
    b.report(A, s10=[V("a.pdf", "2023-01-10", scope="subordinates")])
    r = b.compute()
    assert s10(r[A]) == (True, OWN, A, "a.pdf")
    for code in (B, C, D):
        assert s10(r[code]) == (True, INHERITED, A, "a.pdf")
        assert r[code].inherited10_from == A


def test_the_nearest_announcing_ancestor_wins(b: Builder) -> None:
    # A and C both announce for subordinates; D sits under C, so D inherits C's, B inherits A's.
    b.agency(A)
    b.agency(B, A)
    b.agency(C, B)
    b.agency(D, C)
    b.report(A, s10=[V("a.pdf", "2024-01-01", scope="subordinates")])
    b.report(C, s10=[V("c.pdf", "2023-01-01", scope="subordinates")])
    r = b.compute()
    assert s10(r[B]) == (True, INHERITED, A, "a.pdf")
    assert s10(r[D]) == (True, INHERITED, C, "c.pdf")
    # C meets it with its own and still shows A's above it.
    assert s10(r[C]) == (True, OWN, C, "c.pdf")
    assert r[C].inherited10_from == A


def test_latest_subordinates_version_is_inherited_even_with_a_newer_self_only_one(b: Builder) -> None:
    # A: subordinates 2023-01-01, subordinates 2023-06-01, self-only 2024-01-01, suspended subordinates 2024-05-01.
    # A's current version is the self-only one (latest published); B inherits the 2023-06-01 one.
    b.agency(A)
    b.agency(B, A)
    b.report(A, s10=[V("old.pdf", "2023-01-01", scope="subordinates"),
                     V("mid.pdf", "2023-06-01", scope="subordinates"),
                     V("self.pdf", "2024-01-01", scope="self"),
                     V("withdrawn.pdf", "2024-05-01", status="suspended", scope="subordinates")])
    r = b.compute()
    assert s10(r[A]) == (True, OWN, A, "self.pdf")
    assert s10(r[B]) == (True, INHERITED, A, "mid.pdf")


def test_own_and_inherited_are_both_kept(b: Builder) -> None:
    # B has its own announcement: it meets Section 10 with it, and A's announcement is kept beside it.
    b.agency(A)
    b.agency(B, A)
    b.report(A, s10=[V("a.pdf", "2023-01-01", scope="subordinates")])
    b.report(B, s10=[V("b.pdf", "2023-02-02")])
    r = b.compute()
    assert s10(r[B]) == (True, OWN, B, "b.pdf")
    assert r[B].inherited10 is not None and r[B].inherited10.file == "a.pdf"
    assert r[B].inherited10_from == A


def test_hidden_ancestor_is_passed_through_and_its_own_announcement_counts_for_nobody(b: Builder) -> None:
    # A (visible, subordinates) > B (hidden, newer subordinates announcement) > C (visible).
    # C inherits A's: B's announcement is not published, so it cannot cover anyone.  B gets no result.
    b.agency(A)
    b.agency(B, A, visible=False)
    b.agency(C, B)
    b.report(A, s10=[V("a.pdf", "2023-01-01", scope="subordinates")])
    b.report(B, s10=[V("b.pdf", "2024-01-01", scope="subordinates")])
    r = b.compute()
    assert B not in r
    assert s10(r[C]) == (True, INHERITED, A, "a.pdf")


def test_hidden_ancestor_alone_gives_nothing(b: Builder) -> None:
    # E (visible, nothing) > F (hidden, subordinates announcement) > G (visible, nothing): G has not met it.
    b.agency(E)
    b.agency(F, E, visible=False)
    b.agency(G, F)
    b.report(F, s10=[V("f.pdf", "2023-01-01", scope="subordinates")])
    r = b.compute()
    assert s10(r[G]) == (False, NONE, None, None)
    assert r[G].inherited10 is None
    rows = {row.code: row for row in agency_rows(build_model(ContentStore(b.root)), r)}
    assert rows[G].parent == E and rows[G].top_level == E  # the hidden agency is skipped in the hierarchy


def test_self_only_announcement_of_a_parent_does_not_cover_children(b: Builder) -> None:
    b.agency(A)
    b.agency(B, A)
    b.report(A, s10=[V("a.pdf", "2023-01-01", scope="self")])
    r = b.compute()
    assert s10(r[B]) == (False, NONE, None, None)


def test_only_suspended_versions(b: Builder) -> None:
    # A has only a suspended Section 10 and a suspended Section 16: not met, "only suspended".
    # B (under A) has a suspended Section 10 of its own but nothing to inherit: the same.
    b.agency(A)
    b.agency(B, A)
    b.report(A, s10=[V("a10.pdf", "2023-01-01", status="suspended")],
             s16=[V("a16.pdf", "2023-01-01", status="suspended")])
    b.report(B, s10=[V("b10.pdf", "2023-01-01", status="suspended")])
    r = b.compute()
    assert s10(r[A]) == (False, ONLY_SUSPENDED, None, None)
    assert s16(r[A]) == (False, ONLY_SUSPENDED, None, None)
    assert s10(r[B]) == (False, ONLY_SUSPENDED, None, None)
    assert s16(r[B]) == (False, NONE, None, None)


def test_suspended_own_version_with_an_inherited_one_is_met(b: Builder) -> None:
    b.agency(A)
    b.agency(B, A)
    b.report(A, s10=[V("a.pdf", "2023-01-01", scope="subordinates")])
    b.report(B, s10=[V("b.pdf", "2023-05-01", status="suspended")])
    r = b.compute()
    assert s10(r[B]) == (True, INHERITED, A, "a.pdf")


def test_current_version_is_the_latest_published_and_ties_go_to_the_later_entry(b: Builder) -> None:
    b.agency(A)
    b.report(A, s10=[V("first.pdf", "2023-03-01"), V("second.pdf", "2023-03-01"), V("older.pdf", "2023-01-01")])
    r = b.compute()
    assert s10(r[A]) == (True, OWN, A, "second.pdf")


# --- Section 16 -------------------------------------------------------------------------------

def test_unit_is_covered_by_its_parents_order_and_a_non_unit_is_not(b: Builder) -> None:
    # A has an order; B is a unit of A (covered), E is an ordinary child of A (not covered).
    b.agency(A)
    b.agency(B, A, unit=True)
    b.agency(E, A)
    b.report(A, s16=[V("a16.pdf", "2023-01-01")])
    r = b.compute()
    assert s16(r[B]) == (True, UNIT_PARENT, A, "a16.pdf")
    assert s16(r[E]) == (False, NONE, None, None)


def test_chain_of_units(b: Builder) -> None:
    # A (order) > B unit > C unit > D unit: all three covered by A's order.
    b.agency(A)
    b.agency(B, A, unit=True)
    b.agency(C, B, unit=True)
    b.agency(D, C, unit=True)
    b.report(A, s16=[V("a16.pdf", "2023-01-01")])
    r = b.compute()
    for code in (B, C, D):
        assert s16(r[code]) == (True, UNIT_PARENT, A, "a16.pdf")


def test_unit_chain_stops_at_a_non_unit_without_an_order(b: Builder) -> None:
    # A (order) > E (not a unit, no order) > F unit: E has not met it, so F is uncovered.
    # G, a unit with an order of its own under F, meets it itself, and H, a unit under G, through G.
    b.agency(A)
    b.agency(E, A)
    b.agency(F, E, unit=True)
    b.agency(G, F, unit=True)
    b.agency(H, G, unit=True)
    b.report(A, s16=[V("a16.pdf", "2023-01-01")])
    b.report(G, s16=[V("g16.pdf", "2024-01-01")])
    r = b.compute()
    assert s16(r[E]) == (False, NONE, None, None)
    assert s16(r[F]) == (False, UNIT_UNCOVERED, None, None)
    assert s16(r[G]) == (True, OWN, G, "g16.pdf")
    assert s16(r[H]) == (True, UNIT_PARENT, G, "g16.pdf")


def test_hidden_parents_order_does_not_count(b: Builder) -> None:
    # E is hidden and has an order; F is a visible unit of E: the order is not public, F is uncovered.
    b.agency(E, visible=False)
    b.agency(F, E, unit=True)
    b.report(E, s16=[V("e16.pdf", "2023-01-01")])
    r = b.compute()
    assert E not in r
    assert s16(r[F]) == (False, UNIT_UNCOVERED, None, None)


def test_hidden_unit_passes_on_its_parents_order(b: Builder) -> None:
    # A (order) > B hidden unit (with an order of its own, which does not count) > C unit: C is covered by A.
    b.agency(A)
    b.agency(B, A, unit=True, visible=False)
    b.agency(C, B, unit=True)
    b.report(A, s16=[V("a16.pdf", "2023-01-01")])
    b.report(B, s16=[V("b16.pdf", "2024-01-01")])
    r = b.compute()
    assert s16(r[C]) == (True, UNIT_PARENT, A, "a16.pdf")


def test_hidden_non_unit_does_not_pass_anything_on(b: Builder) -> None:
    # A (order) > E hidden, not a unit > F unit: E neither has a public order nor passes A's on.
    b.agency(A)
    b.agency(E, A, visible=False)
    b.agency(F, E, unit=True)
    b.report(A, s16=[V("a16.pdf", "2023-01-01")])
    r = b.compute()
    assert s16(r[F]) == (False, UNIT_UNCOVERED, None, None)


def test_unit_with_only_a_suspended_order(b: Builder) -> None:
    # B (unit of A, which has no order) has only a suspended order: "only suspended".
    # C (unit of E, which has an order) has a suspended one too: covered by E's.
    b.agency(A)
    b.agency(B, A, unit=True)
    b.agency(E)
    b.agency(F, E, unit=True)
    b.report(B, s16=[V("b16.pdf", "2023-01-01", status="suspended")])
    b.report(E, s16=[V("e16.pdf", "2023-01-01")])
    b.report(F, s16=[V("f16.pdf", "2023-02-01", status="suspended")])
    r = b.compute()
    assert s16(r[B]) == (False, ONLY_SUSPENDED, None, None)
    assert s16(r[F]) == (True, UNIT_PARENT, E, "e16.pdf")


def test_results_do_not_depend_on_the_order_agencies_are_computed_in(b: Builder) -> None:
    # The Section 16 walk memoises; computing a deep unit first must give the same answers.
    b.agency(A)
    b.agency(B, A, unit=True)
    b.agency(C, B, unit=True)
    b.agency(D, C, unit=True)
    b.report(A, s16=[V("a16.pdf", "2023-01-01")])
    model = (b.compute(), build_model(ContentStore(b.root)))[1]
    forward = compute(model, [A, B, C, D])
    backward = compute(model, [D, C, B, A])
    assert {c: forward[c].section16 for c in forward} == {c: backward[c].section16 for c in backward}


# --- Section 13 -------------------------------------------------------------------------------

@pytest.mark.parametrize("gazette, versions, expected", [
    ("no_licences", None, "not_applicable"),
    (None, None, "missing"),
    ("complete", [V("s13.pdf", "2023-12-20")], "complete"),
    ("complete", None, "partial"),
    ("complete", [V("s13.pdf", "2023-12-20", status="suspended")], "partial"),
    ("partial", [V("s13.pdf", "2023-12-20")], "partial"),
    ("partial", None, "partial"),
    ("not_published", None, "not_published"),
])
def test_section13(b: Builder, gazette: str | None, versions: list[V] | None, expected: str) -> None:
    b.agency(A)
    if gazette is None:
        b.report(A, s10=[V("a.pdf", "2023-01-01")])  # a report without section13
    else:
        b.report(A, s13=gazette, s13_versions=versions)
    assert b.compute()[A].section13 == expected


def test_section13_missing_without_any_report(b: Builder) -> None:
    b.agency(A)
    assert b.compute()[A].section13 == "missing"
