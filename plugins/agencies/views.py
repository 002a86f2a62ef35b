"""What one agency page shows, computed once per build as plain data.

``SiteIndex`` walks the model once: visible parents, nearest visible
children, breadcrumbs and subtree sizes, so that building any page view is a
few dictionary look-ups, never a walk over the tree (the national data set
has twenty thousand agencies).  ``agency_page`` turns one agency into an
``AgencyPage``: language-free data (bilingual texts stay ``Text``) that both
the Thai and the English template render, and whose JSON form is the page's
input for the incremental build.

Nothing here decides compliance: the statuses come from compliance.py.
Nothing here imports Pelican.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import quote

from plugins.prakat.compliance import Compliance, SectionStatus
from plugins.prakat.gitinfo import History
from plugins.prakat.model import Agency, GazetteLink, LicenceChannel, Model, Problem, Text, Version
from plugins.prakat.store import DOCUMENTS

EMAIL_KINDS = ("public", "registered", "complaints")  # the order info.go.th shows them in
FLAG_KEYS = ("serves_public", "central_agency", "important_service_point", "education")
_LEADING_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def thai_sort_key(text: str) -> str:
    """Dictionary order for Thai: a leading vowel (เ แ โ ใ ไ) sorts after its consonant."""
    return _LEADING_VOWEL.sub(r"\2\1", text)


def document_href(owner: str, file: str) -> str:
    """The root-relative address of a published PDF (file names may be Thai)."""
    return f"/documents/{owner}/{quote(file)}"


@dataclass(frozen=True)
class AgencyRef:
    """A link to another agency's page."""

    code: str
    name: Text


@dataclass(frozen=True)
class ChildRef:
    code: str
    name: Text
    unit: bool
    descendants: int  # visible agencies below it


@dataclass(frozen=True)
class DocumentView:
    owner: str
    section: str
    file: str
    href: str
    date: dt.date | None
    title: Text | None
    scope: str
    size: int | None
    added: dt.date | None  # when Git first saw the file; None outside Git


@dataclass(frozen=True)
class StatusView:
    section: str
    met: bool
    reason: str  # a compliance.py reason key
    via: AgencyRef | None  # whose version meets it, when not the agency's own


@dataclass(frozen=True)
class SectionView:
    section: str
    current: DocumentView | None
    history: tuple[DocumentView, ...]  # older published versions, newest first
    status: StatusView


@dataclass(frozen=True)
class Section13View:
    reported: bool
    has_licences: bool
    gazette_status: str | None  # as the agency reported it
    status: str  # compliance: not_applicable | missing | complete | partial | not_published
    current: DocumentView | None
    history: tuple[DocumentView, ...]
    gazette_links: tuple[GazetteLink, ...]  # published ones only
    licence_channels: tuple[LicenceChannel, ...]  # published ones only


@dataclass(frozen=True)
class Updated:
    known: bool  # False outside a Git checkout
    date: dt.date | None
    author: str


@dataclass(frozen=True)
class AgencyPage:
    code: str
    name: Text
    full_name: Text | None
    type: str
    subtype: str | None
    unit: bool
    province: str | None
    address: Text | None
    website: str | None
    emails: tuple[tuple[str, str], ...]  # (kind, address) in EMAIL_KINDS order, missing ones left out
    phones: tuple[str, ...]
    hours: Text | None
    flags: tuple[tuple[str, bool], ...]
    gecc_level: str | None
    breadcrumb: tuple[AgencyRef, ...]  # visible ancestors, the top first
    children: tuple[ChildRef, ...]
    section10: SectionView
    inherited10: DocumentView | None
    inherited10_from: AgencyRef | None
    section13: Section13View
    section16: SectionView
    problems: tuple[Problem, ...]
    updated: Updated

    @property
    def parent(self) -> AgencyRef | None:
        return self.breadcrumb[-1] if self.breadcrumb else None


class SiteIndex:
    """The model, the compliance results and Git's history, indexed for page building."""

    def __init__(self, model: Model, compliance: Mapping[str, Compliance], history: History,
                 root: Path, sizes: Mapping[str, int] | None = None) -> None:
        self.model = model
        self.compliance = compliance
        self.history = history
        self.root = Path(root)
        self._sizes = sizes  # "code/file" -> bytes, when the caller already stat-ed the documents
        self.visible: list[Agency] = model.visible()
        self.visible_codes = frozenset(a.code for a in self.visible)
        self.parent: dict[str, str | None] = {}
        self.children: dict[str | None, list[str]] = {}
        for agency in self.visible:  # sorted by code, so every child list is too
            up = model.visible_parent(agency.code)
            self.parent[agency.code] = up.code if up else None
            self.children.setdefault(self.parent[agency.code], []).append(agency.code)
        self.roots: list[str] = self.children.get(None, [])
        self.descendants: dict[str, int] = {}
        for code in self._bottom_up():
            self.descendants[code] = sum(1 + self.descendants[c] for c in self.children.get(code, ()))

    def _bottom_up(self) -> Iterator[str]:
        """Every visible agency after all of its visible descendants (iterative: chains are long)."""
        order: list[str] = []
        stack = list(self.roots)
        while stack:
            code = stack.pop()
            order.append(code)
            stack.extend(self.children.get(code, ()))
        return reversed(order)

    def agency(self, code: str) -> Agency:
        return self.model.agencies[code]

    def ref(self, code: str) -> AgencyRef:
        return AgencyRef(code, self.model.agencies[code].name)

    def ancestors(self, code: str) -> list[str]:
        """Visible ancestors, the nearest first."""
        out = []
        up = self.parent.get(code)
        while up is not None:
            out.append(up)
            up = self.parent.get(up)
        return out

    def top_level(self, code: str) -> str:
        chain = self.ancestors(code)
        return chain[-1] if chain else code

    def size(self, owner: str, file: str) -> int | None:
        key = f"{owner}/{file}"
        if self._sizes is not None and key in self._sizes:
            return self._sizes[key]
        try:
            return os.stat(self.root / DOCUMENTS / owner / file).st_size
        except OSError:
            return None

    def document(self, version: Version) -> DocumentView:
        added = self.history.version_added(version.owner, version.file)
        return DocumentView(
            owner=version.owner, section=version.section, file=version.file,
            href=document_href(version.owner, version.file), date=version.date, title=version.title,
            scope=version.scope, size=self.size(version.owner, version.file),
            added=added.date if added else None)

    def published_documents(self) -> Iterator[Version]:
        """Every version the public site carries: published versions of visible agencies."""
        for agency in self.visible:
            for section in ("10", "13", "16"):
                yield from agency.published(section)


def _status(index: SiteIndex, section: str, status: SectionStatus, own_code: str) -> StatusView:
    via = index.ref(status.via) if status.via and status.via != own_code and status.via in index.visible_codes \
        else None
    return StatusView(section, status.met, status.reason, via)


def _section(index: SiteIndex, agency: Agency, section: str, status: SectionStatus) -> SectionView:
    versions = [index.document(v) for v in agency.published(section)]
    return SectionView(section, versions[0] if versions else None, tuple(versions[1:]),
                       _status(index, section, status, agency.code))


def _section13(index: SiteIndex, agency: Agency, status: str) -> Section13View:
    versions = [index.document(v) for v in agency.published("13")]
    block = agency.section13
    return Section13View(
        reported=block is not None,
        has_licences=bool(block and block.has_licences),
        gazette_status=block.gazette_status if block else None,
        status=status,
        current=versions[0] if versions else None,
        history=tuple(versions[1:]),
        gazette_links=tuple(g for g in block.gazette_links if g.status == "published") if block else (),
        licence_channels=tuple(c for c in block.licence_channels if c.status == "published") if block else (),
    )


def _updated(index: SiteIndex, code: str) -> Updated:
    change = index.history.record_changed(code)
    return Updated(index.history.known, change.date if change else None, change.author if change else "")


def agency_page(index: SiteIndex, code: str) -> AgencyPage:
    """The view of one visible agency's page."""
    agency = index.agency(code)
    result = index.compliance[code]
    inherited = result.inherited10
    gecc = agency.flags.get("gecc_level")
    return AgencyPage(
        code=code,
        name=agency.name,
        full_name=agency.full_name,
        type=agency.type,
        subtype=agency.subtype,
        unit=agency.unit,
        province=agency.province,
        address=agency.address,
        website=agency.website,
        emails=tuple((kind, agency.emails[kind]) for kind in EMAIL_KINDS if agency.emails.get(kind)),
        phones=agency.phones,
        hours=agency.hours,
        flags=tuple((key, agency.flags.get(key) is True) for key in FLAG_KEYS),
        gecc_level=gecc if isinstance(gecc, str) else None,
        breadcrumb=tuple(index.ref(c) for c in reversed(index.ancestors(code))),
        children=tuple(ChildRef(c, index.agency(c).name, index.agency(c).unit, index.descendants[c])
                       for c in index.children.get(code, ())),
        section10=_section(index, agency, "10", result.section10),
        inherited10=index.document(inherited) if inherited else None,
        inherited10_from=index.ref(result.inherited10_from) if result.inherited10_from else None,
        section13=_section13(index, agency, result.section13),
        section16=_section(index, agency, "16", result.section16),
        problems=agency.problems,
        updated=_updated(index, code),
    )
