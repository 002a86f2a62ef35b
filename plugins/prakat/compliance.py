"""SPEC §2, implemented once: who has met Sections 10, 13 and 16, and why.

The agency pages, the dashboard, the exports and ``review`` all read these
results; none of them re-derives a status.  Every status carries the reason a
person would ask for ("met through the announcement of <parent>").
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Agency, Model, Version

# Reasons, stable keys that templates and exports translate.
OWN = "own"  # the agency's own published version
INHERITED = "inherited"  # an ancestor's announcement with scope subordinates
UNIT_PARENT = "unit_parent"  # a unit covered by its parent's order
ONLY_SUSPENDED = "only_suspended"  # versions exist, none published
NONE = "none"  # nothing at all
UNIT_UNCOVERED = "unit_uncovered"  # a unit with no order whose parent has none either


@dataclass(frozen=True)
class SectionStatus:
    met: bool
    reason: str
    via: str | None = None  # code of the agency whose version meets it
    version: Version | None = None  # the version that meets it

    @property
    def key(self) -> str:
        return "met" if self.met else "not_met"


@dataclass(frozen=True)
class Compliance:
    code: str
    section10: SectionStatus
    section16: SectionStatus
    section13: str  # not_applicable | missing | complete | partial | not_published
    inherited10: Version | None  # the ancestor's announcement shown beside the agency's own
    inherited10_from: str | None


def inherited_announcement(model: Model, code: str,
                           memo: dict[str, Version | None] | None = None) -> Version | None:
    """The nearest visible ancestor's latest published scope-subordinates version.

    Hidden ancestors are passed through: their own versions count for nobody.
    ``memo`` keeps each ancestor's answer, so a ministry's versions are sorted
    once, not once per agency under it.
    """
    for ancestor in model.ancestors(code):
        if ancestor.visible:
            if memo is None:
                version = ancestor.latest_for_subordinates()
            elif ancestor.code in memo:
                version = memo[ancestor.code]
            else:
                version = memo[ancestor.code] = ancestor.latest_for_subordinates()
            if version:
                return version
    return None


def _not_met(agency: Agency, section: str) -> SectionStatus:
    reason = ONLY_SUSPENDED if agency.visible and agency.has_suspended(section) else NONE
    return SectionStatus(False, reason)


def section10(model: Model, agency: Agency,
              memo: dict[str, Version | None] | None = None) -> tuple[SectionStatus, Version | None]:
    inherited = inherited_announcement(model, agency.code, memo)
    own = agency.current("10") if agency.visible else None
    if own:
        return SectionStatus(True, OWN, agency.code, own), inherited
    if inherited:
        return SectionStatus(True, INHERITED, inherited.owner, inherited), inherited
    return _not_met(agency, "10"), None


def section16(model: Model, agency: Agency, memo: dict[str, SectionStatus]) -> SectionStatus:
    """Own order, or for a unit whatever its parent has by these same rules.

    Walks up iteratively (a chain of units can be long) and memoises, so the
    whole tree costs one visit per agency.  A hidden agency's own order does
    not count, but a hidden unit passes on what its parent provides.
    """
    chain: list[Agency] = []  # the agency, then each parent reached through a unit
    below: list[Agency]
    current: Agency | None = agency
    result = SectionStatus(False, NONE)
    while True:
        if current is None or current.code in {a.code for a in chain}:
            below = chain  # a missing parent or a loop (validation reports both)
            break
        if current.code in memo:
            result, below = memo[current.code], chain
            break
        chain.append(current)
        own = current.current("16") if current.visible else None
        if own:
            result = memo[current.code] = SectionStatus(True, OWN, current.code, own)
            below = chain[:-1]
            break
        if not current.unit:
            result = memo[current.code] = _not_met(current, "16")
            below = chain[:-1]
            break
        current = model.get(current.parent)
    for member in below:  # every one of them is a unit that reached upwards
        if result.met:
            memo[member.code] = SectionStatus(True, UNIT_PARENT, result.via, result.version)
        elif member.visible and member.has_suspended("16"):
            memo[member.code] = SectionStatus(False, ONLY_SUSPENDED)
        else:
            memo[member.code] = SectionStatus(False, UNIT_UNCOVERED)
    return memo[agency.code]


def section13(agency: Agency) -> str:
    block = agency.section13
    if block is None:
        return "missing"
    if not block.has_licences:
        return "not_applicable"
    status = block.gazette_status or "not_published"
    if status == "complete" and agency.current("13") is None:
        return "partial"
    return status


def compute(model: Model, codes: list[str] | None = None) -> dict[str, Compliance]:
    """Compliance of every visible agency (or of ``codes``), keyed by code."""
    memo: dict[str, SectionStatus] = {}
    announcements: dict[str, Version | None] = {}
    results: dict[str, Compliance] = {}
    targets = [model.agencies[c] for c in codes] if codes is not None else model.visible()
    for agency in targets:
        s10, inherited = section10(model, agency, announcements)
        results[agency.code] = Compliance(
            code=agency.code,
            section10=s10,
            section16=section16(model, agency, memo),
            section13=section13(agency),
            inherited10=inherited,
            inherited10_from=inherited.owner if inherited else None,
        )
    return results
