"""The page model: agencies, their document versions and their hierarchy.

Built from the same ContentStore the validator reads, after validation, so it
may trust the shapes the schemas guarantee; it still reads defensively, since
``review`` builds a model of a base commit that may itself be invalid.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from .store import ContentStore

SECTIONS = ("10", "13", "16")
DATE_FIELD = {"10": "announced", "13": "announced", "16": "effective"}


@dataclass(frozen=True)
class Text:
    """A bilingual text; English falls back to Thai, never to nothing."""

    th: str
    en: str = ""

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.th

    @classmethod
    def of(cls, value: object) -> "Text | None":
        if isinstance(value, dict) and isinstance(value.get("th"), str):
            en = value.get("en")
            return cls(value["th"], en if isinstance(en, str) else "")
        return None


@dataclass(frozen=True)
class Version:
    owner: str  # agency code
    section: str  # "10", "13" or "16"
    index: int  # position in the YAML list: stable identity within a record
    file: str
    sha256: str
    date: dt.date | None
    status: str
    scope: str = "self"
    title: Text | None = None

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def document_path(self) -> str:
        """The public address of its PDF, without a leading slash."""
        return f"documents/{self.owner}/{self.file}"


@dataclass(frozen=True)
class GazetteLink:
    url: str
    recorded: dt.date | None
    status: str


@dataclass(frozen=True)
class LicenceChannel:
    licence: Text
    url: str
    status: str


@dataclass(frozen=True)
class Problem:
    category: str
    description: str = ""


@dataclass
class Section13:
    has_licences: bool
    gazette_status: str | None
    gazette_links: tuple[GazetteLink, ...] = ()
    licence_channels: tuple[LicenceChannel, ...] = ()


@dataclass
class Agency:
    code: str
    name: Text
    type: str
    parent: str | None = None
    unit: bool = False
    subtype: str | None = None
    full_name: Text | None = None
    address: Text | None = None
    province: str | None = None
    website: str | None = None
    emails: Mapping[str, str] = field(default_factory=dict)
    phones: tuple[str, ...] = ()
    hours: Text | None = None
    flags: Mapping[str, object] = field(default_factory=dict)
    visible: bool = True
    maintainers: tuple[str, ...] = ()
    has_report: bool = False
    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)
    section13: Section13 | None = None
    problems: tuple[Problem, ...] = ()
    children: list[str] = field(default_factory=list)
    # published() of each section, worked out once: compliance, pages, search and exports all ask.
    _published: dict[str, tuple[Version, ...]] = field(default_factory=dict, init=False, repr=False,
                                                        compare=False)

    def published(self, section: str) -> tuple[Version, ...]:
        """Published versions, newest first: the first one is the current version.

        Ties on the date go to the version listed later, the one added last.
        The versions are fixed when the model is built, so the answer is kept.
        """
        found = self._published.get(section)
        if found is None:
            candidates = [v for v in self.versions.get(section, ()) if v.published and v.date]
            found = self._published[section] = tuple(
                sorted(candidates, key=lambda v: (v.date, v.index), reverse=True))
        return found

    def current(self, section: str) -> Version | None:
        versions = self.published(section)
        return versions[0] if versions else None

    def latest_for_subordinates(self) -> Version | None:
        for version in self.published("10"):
            if version.scope == "subordinates":
                return version
        return None

    def has_suspended(self, section: str) -> bool:
        return any(v.status == "suspended" for v in self.versions.get(section, ()))


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _list(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _versions(code: str, section: str, block: object) -> tuple[Version, ...]:
    if not isinstance(block, dict):
        return ()
    out = []
    for index, item in enumerate(_list(block.get("versions"))):
        out.append(Version(
            owner=code, section=section, index=index, file=_str(item.get("file")),
            sha256=_str(item.get("sha256")), date=parse_date(item.get(DATE_FIELD[section])),
            status=_str(item.get("status")), scope=_str(item.get("scope")) or "self",
            title=Text.of(item.get("title"))))
    return tuple(out)


def _section13(block: object) -> Section13 | None:
    if not isinstance(block, dict):
        return None
    return Section13(
        has_licences=block.get("has_licences") is True,
        gazette_status=block.get("gazette_status") if isinstance(block.get("gazette_status"), str) else None,
        gazette_links=tuple(
            GazetteLink(_str(g.get("url")), parse_date(g.get("recorded")), _str(g.get("status")))
            for g in _list(block.get("gazette_links"))),
        licence_channels=tuple(
            LicenceChannel(Text.of(c.get("licence")) or Text(""), _str(c.get("url")), _str(c.get("status")))
            for c in _list(block.get("licence_channels"))),
    )


def agency_from_data(code: str, data: Mapping[str, object], report: Mapping[str, object] | None) -> Agency:
    emails = data.get("emails")
    phones = data.get("phones")
    flags = data.get("flags")
    maintainers = data.get("maintainers")
    report = report or {}
    return Agency(
        code=code,
        name=Text.of(data.get("name")) or Text(code),
        type=_str(data.get("type")) or "other",
        parent=data.get("parent") if isinstance(data.get("parent"), str) else None,
        unit=data.get("unit") is True,
        subtype=data.get("subtype") if isinstance(data.get("subtype"), str) else None,
        full_name=Text.of(data.get("full_name")),
        address=Text.of(data.get("address")),
        province=data.get("province") if isinstance(data.get("province"), str) else None,
        website=data.get("website") if isinstance(data.get("website"), str) else None,
        emails={k: v for k, v in emails.items() if isinstance(v, str)} if isinstance(emails, dict) else {},
        phones=tuple(p for p in phones if isinstance(p, str)) if isinstance(phones, list) else (),
        hours=Text.of(data.get("hours")),
        flags=dict(flags) if isinstance(flags, dict) else {},
        visible=data.get("visible") is not False,
        maintainers=tuple(m for m in maintainers if isinstance(m, str)) if isinstance(maintainers, list) else (),
        has_report=bool(report),
        versions={s: _versions(code, s, report.get(f"section{s}")) for s in SECTIONS},
        section13=_section13(report.get("section13")),
        problems=tuple(
            Problem(_str(p.get("category")), _str(p.get("description"))) for p in _list(report.get("problems"))),
    )


@dataclass
class Model:
    """Every agency of one content tree, with the hierarchy resolved."""

    agencies: dict[str, Agency]

    def __post_init__(self) -> None:
        for agency in self.agencies.values():
            agency.children.clear()
        for code in sorted(self.agencies):
            parent = self.agencies[code].parent
            if parent in self.agencies and parent != code:
                self.agencies[parent].children.append(code)

    def get(self, code: str | None) -> Agency | None:
        return self.agencies.get(code) if code else None

    def ancestors(self, code: str) -> Iterator[Agency]:
        """Parent first, then upwards; stops at a missing parent or a loop."""
        seen = {code}
        agency = self.agencies.get(code)
        while agency and agency.parent and agency.parent not in seen:
            seen.add(agency.parent)
            agency = self.agencies.get(agency.parent)
            if agency:
                yield agency

    def visible_parent(self, code: str) -> Agency | None:
        return next((a for a in self.ancestors(code) if a.visible), None)

    def top_level(self, code: str) -> Agency | None:
        """The topmost visible ancestor, or the agency itself when none is."""
        top = self.agencies.get(code)
        for ancestor in self.ancestors(code):
            if ancestor.visible:
                top = ancestor
        return top

    def visible(self) -> list[Agency]:
        return [self.agencies[c] for c in sorted(self.agencies) if self.agencies[c].visible]

    def visible_children(self, code: str) -> list[Agency]:
        """Nearest visible descendants: a hidden child's visible children move up."""
        out: list[Agency] = []
        stack = list(reversed(self.agencies[code].children)) if code in self.agencies else []
        seen: set[str] = set()
        while stack:
            child = self.agencies[stack.pop()]
            if child.code in seen:
                continue
            seen.add(child.code)
            if child.visible:
                out.append(child)
            else:
                stack.extend(reversed(child.children))
        return out

    def roots(self) -> list[Agency]:
        """Visible agencies with no visible ancestor: the top of the public hierarchy."""
        return [a for a in self.visible() if self.visible_parent(a.code) is None]


def build_model(store: ContentStore, codes: Iterable[str] | None = None) -> Model:
    agencies = {}
    for code in (store.codes if codes is None else codes):
        if store.has_agency(code):
            report = store.report_data(code) if store.report(code) else None
            agencies[code] = agency_from_data(code, store.agency_data(code), report)
    return Model(agencies)
