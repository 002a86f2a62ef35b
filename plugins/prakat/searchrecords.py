"""The search index's records, built from the page model.

One record per visible agency, at the address of its Thai page.  Its text is
what a person might type to find the agency: its names in both languages,
code, address, telephone numbers, e-mail and web addresses, and everything
it has published (the name of each section it announced under, each
published version's title, licence names, problem descriptions); the words
of its published PDFs' first pages ride along in the metadata field ``d``,
which Pagefind searches but a snippet never shows, so that words from an
announcement find the agency that published it.  Thai words are separated
(:mod:`.thaiwords`) so that the search engine, which splits on spaces, sees
them.

What never becomes a record: hidden agencies, and the versions, links and
licence channels that are not published (SPEC §2).  A hidden agency's name
does not even appear as a parent: the nearest visible ancestor does.

Metadata carries what a result shows (names, parent) and the filters what it
can be narrowed by (top-level body, type, province, the status of each
section); both use stable keys, and the search page translates them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping

from .compliance import Compliance
from .model import Agency, Model, Text, Version
from .thaiwords import MARK, Segmenter
from .vocabulary import vocabulary

LANGUAGE = "th"  # one index serves the Thai and the English search page
FIELD_GAP = " · "  # between the parts of a record's text, so a snippet reads as separate items
FILTERS = ("top", "type", "province", "s10", "s16", "s13")
DOCUMENT_WORDS = 600  # words of an agency's PDFs kept beside its record (see RecordBuilder._document_words)

_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # root-relative address of the agency's Thai page
    content: str
    meta: Mapping[str, str]
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.url.strip("/").rsplit("/", 1)[-1]


def agency_url(code: str) -> str:
    return f"/agencies/{code}/"


def phone_forms(phone: str) -> list[str]:
    """A number as written and as digits only ("0 2612 6060" -> also "026126060"), so both find it."""
    digits = _DIGITS.sub("", phone)
    return [phone] if digits == phone or len(digits) < 3 else [phone, digits]


def _texts(*values: Text | None) -> Iterator[str]:
    for value in values:
        if value is not None:
            yield value.th
            if value.en and value.en != value.th:
                yield value.en


def published_versions(agency: Agency) -> Iterator[Version]:
    """Every published version of every section, newest first within a section."""
    for section in ("10", "13", "16"):
        yield from agency.published(section)


class RecordBuilder:
    """Turns the model into records; ``page_text`` gives a version's first-page text ("" if none)."""

    def __init__(self, model: Model, compliance: Mapping[str, Compliance], segmenter: Segmenter,
                 page_text: Callable[[Version], str] = lambda version: "") -> None:
        self.model = model
        self.compliance = compliance
        self.segmenter = segmenter
        self.page_text = page_text
        self.sections = vocabulary().sections

    def agencies(self) -> list[Agency]:
        """The agencies that get a record: the visible ones, in code order."""
        return [agency for agency in self.model.visible() if agency.code in self.compliance]

    def records(self) -> list[SearchRecord]:
        """Records of every visible agency, in code order (the order fixes the index's bytes)."""
        return [self.record(agency) for agency in self.agencies()]

    def record_with_words(self, agency: Agency) -> tuple[SearchRecord, list[str]]:
        """The record, and the dictionary words its cuts used or tried (what the browser needs for it), sorted."""
        with self.segmenter.collecting() as used:
            record = self.record(agency)
        return record, sorted(used)

    def record(self, agency: Agency) -> SearchRecord:
        spaced = self.segmenter.spaced
        parts = [spaced(text) for text in self._agency_texts(agency)]
        pages: list[str] = []
        for section in ("10", "13", "16"):
            versions = agency.published(section)
            if versions:
                parts.append(spaced(self._section_label(section)))
                parts.extend(spaced(text) for version in versions for text in _texts(version.title))
                pages.extend(self.page_text(version) for version in versions)
        content = FIELD_GAP.join(p for p in parts if p)
        parent = self.model.visible_parent(agency.code)
        meta = {
            "title": spaced(agency.name.th),
            "title_en": agency.name.en,
            "k": " ".join(self.segmenter.inner_words(
                " ".join(t.th for t in (agency.name, agency.full_name) if t is not None))),
            "d": " ".join(self._document_words(content, pages)),
        }
        if parent is not None:
            meta["parent"] = spaced(parent.name.th)
            meta["parent_en"] = parent.name.en
        return SearchRecord(
            url=agency_url(agency.code),
            content=content,
            meta={k: v for k, v in meta.items() if v},
            filters=self._filters(agency),
        )

    def _document_words(self, content: str, pages: list[str]) -> list[str]:
        """The words of the PDFs' first pages that the record's text does not already hold.

        In order of first appearance (newest version first), each once, at most
        ``DOCUMENT_WORDS`` of them.  Pagefind's work grows with every word it
        indexes, and a first page mostly repeats the agency's name, its address
        and the Act's wording: what is left is what makes the page findable
        (its addresses, numbers, names, subject words).
        """
        seen = set(content.replace(MARK, "").split())
        out: dict[str, None] = {}
        for page in pages:
            if not page:
                continue
            for word in self.segmenter.spaced(page, " ").split():
                if word not in seen and word not in out:
                    out[word] = None
                    if len(out) >= DOCUMENT_WORDS:
                        return list(out)
        return list(out)

    def _agency_texts(self, agency: Agency) -> Iterator[str]:
        yield from _texts(agency.name)
        if agency.full_name is not None and agency.full_name != agency.name:
            yield from _texts(agency.full_name)
        yield agency.code
        yield from _texts(agency.address)
        for phone in agency.phones:
            yield from phone_forms(phone)
        for address in dict.fromkeys(agency.emails.values()):
            yield address
        if agency.website:
            yield agency.website
        block = agency.section13
        if block is not None:
            for channel in block.licence_channels:
                if channel.status == "published":
                    yield from _texts(channel.licence)
        for problem in agency.problems:
            if problem.description:
                yield problem.description

    def _section_label(self, section: str) -> str:
        label = self.sections.get(section)
        return f"{label.th} Section {section}" if label else ""

    def _filters(self, agency: Agency) -> dict[str, tuple[str, ...]]:
        status = self.compliance[agency.code]
        top = self.model.top_level(agency.code)
        filters = {
            "top": (top.code if top else agency.code,),
            "type": (agency.type,),
            "s10": (status.section10.key,),
            "s16": (status.section16.key,),
            "s13": (status.section13,),
        }
        if agency.province:
            filters["province"] = (agency.province,)
        return filters


def build_records(model: Model, compliance: Mapping[str, Compliance], segmenter: Segmenter,
                  page_text: Callable[[Version], str] = lambda version: "") -> list[SearchRecord]:
    return RecordBuilder(model, compliance, segmenter, page_text).records()
