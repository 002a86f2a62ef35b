"""/feeds/announcements.atom.xml: the newest published documents, as Atom 1.0.

Every value comes from the content, never from the clock: an entry is
``updated`` at midnight UTC of its document's date, the feed at its newest
entry, and ids are ``tag:`` URIs made of the agency code, the section and the
file name, so the same commit always gives the same bytes and a reader never
sees an old entry as new.
"""
from __future__ import annotations

import datetime as dt
import heapq
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

from plugins.prakat import thaidate
from plugins.prakat.model import Version
from plugins.prakat.vocabulary import vocabulary

from .records import ExportData

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feeds/announcements.atom.xml"
FEED_SIZE = 50
TAG_YEAR = "2023"  # the year the Act's reporting began: part of every id, so it never changes
FEED_TITLE = "ประกาศ: เอกสารที่เผยแพร่ล่าสุด · Prakat: latest published announcements"
FEED_SUBTITLE = ("ประกาศตามมาตรา 10 ใบอนุญาตตามมาตรา 13 และคำสั่งตามมาตรา 16 ที่หน่วยงานของรัฐเผยแพร่ล่าสุด · "
                 "The newest Section 10, 13 and 16 documents published by Thai state agencies")


@dataclass(frozen=True)
class Entry:
    version: Version
    agency_name: str


def _order(version: Version) -> tuple[int, str, str, int]:
    return (-version.date.toordinal() if version.date else 0, version.owner, version.section, version.index)


def newest_versions(data: ExportData, limit: int = FEED_SIZE) -> list[Version]:
    """Published versions of visible agencies, newest date first, then by agency code, section and order."""
    found = (v for row in data.rows for section in ("10", "13", "16")
             for v in data.model.agencies[row.code].versions.get(section, ()) if v.published and v.date)
    return heapq.nsmallest(limit, found, key=_order)


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _authority(site_url: str) -> str:
    return urlsplit(site_url).hostname or "prakat.invalid"


def entry_id(authority: str, version: Version) -> str:
    return f"tag:{authority},{TAG_YEAR}:documents/{version.owner}/section{version.section}/{version.file}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(data: ExportData, limit: int = FEED_SIZE) -> bytes:
    sections = vocabulary().sections
    authority = _authority(data.site_url)
    versions = newest_versions(data, limit)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "th"})
    _sub(feed, "id", f"tag:{authority},{TAG_YEAR}:{FEED_PATH}")
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "subtitle", FEED_SUBTITLE)
    newest = versions[0].date if versions and versions[0].date else data.as_of
    _sub(feed, "updated", _stamp(newest))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=data.url(FEED_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=data.url(""))
    _sub(feed, "generator", "Prakat")
    for version in versions:
        agency = data.model.agencies[version.owner]
        assert version.date is not None  # published() keeps dated versions only
        label = sections[version.section].th if version.section in sections else version.section
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(authority, version))
        _sub(entry, "title", f"{agency.name.th} — {label} ({thaidate.long_date(version.date, 'th')})")
        _sub(entry, "updated", _stamp(version.date))
        _sub(entry, "published", _stamp(version.date))
        author = _sub(entry, "author")
        _sub(author, "name", agency.name.th)
        _sub(author, "uri", data.page_url(agency.code))
        _sub(entry, "link", rel="alternate", type="application/pdf", href=data.url(version.document_path),
             title=version.file)
        _sub(entry, "link", rel="related", type="text/html", href=data.page_url(agency.code),
             title=agency.name.th)
        _sub(entry, "category", term=f"section{version.section}", label=label)
        summary = [version.title.th if version.title else label]
        if version.section == "10" and version.scope == "subordinates":
            summary.append(vocabulary().scopes["subordinates"].th)
        _sub(entry, "summary", " · ".join(summary))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
