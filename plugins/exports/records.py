"""The open-data records of each visible agency, as plain values.

One ``ExportData`` per build or per ``export`` command: the model, the
compliance rows of stats.py (the same rows the dashboard counts) and the site
address.  The CSV rows and the JSON records are built from it; nothing here
re-derives a status.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from plugins.prakat.compliance import Compliance, SectionStatus
from plugins.prakat.model import Agency, Model, Text, Version
from plugins.prakat.sitedata import SiteData
from plugins.prakat.stats import AgencyRow, agency_rows

GENERATOR = "Prakat open-data export"
LICENCE_NOTE = {
    "th": "ข้อมูลนี้เผยแพร่โดยหน่วยงานของรัฐตามพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 "
          "นำไปใช้ เผยแพร่ต่อ และดัดแปลงได้โดยอ้างอิงแหล่งที่มา",
    "en": "Published by Thai state agencies under the Electronic Government Administration Act B.E. 2565. "
          "You may use, share and adapt it; please cite the source.",
}


_SAFE_PATH = re.compile(r"[A-Za-z0-9._/-]*")


@dataclass
class ExportData:
    model: Model
    compliance: dict[str, Compliance]
    rows: list[AgencyRow]
    site_url: str  # absolute, no trailing slash; may be empty outside a configured site
    as_of: dt.date
    # A version's record, made once: an announcement for subordinates is inherited by thousands.
    versions: dict[tuple[str, str, int], dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_site(cls, site: SiteData, rows: list[AgencyRow] | None = None) -> "ExportData":
        """From the build's SiteData; ``rows`` when stats.py already made them for this build."""
        if rows is None:
            rows = agency_rows(site.model, site.compliance, site.history)
        return cls(site.model, site.compliance, rows, site.site_url, site.as_of)

    def url(self, path: str) -> str:
        """The absolute address of a site path given without a leading slash (percent-encoded)."""
        if _SAFE_PATH.fullmatch(path):  # most paths: no need to encode anything
            return f"{self.site_url}/{path}"
        return f"{self.site_url}/{quote(path, safe='/')}"

    def page_url(self, code: str) -> str:
        return self.url(f"agencies/{code}/")


def _text(value: Text | None, lang: str) -> str:
    if value is None:
        return ""
    return value.th if lang == "th" else value.en


FLAG_NAMES = ("serves_public", "central_agency", "important_service_point", "education")


def _flag(agency: Agency, name: str) -> bool | None:
    value = agency.flags.get(name)
    return value if isinstance(value, bool) else None


def _gecc(agency: Agency) -> str:
    value = agency.flags.get("gecc_level")
    return value if isinstance(value, str) else ""


def compliance_row(row: AgencyRow) -> list[Any]:
    """The values of compliance.csv (fields.COMPLIANCE_COLUMNS), in order."""
    return [
        row.code, row.name.th, row.name.en, row.type, row.subtype, row.province, row.parent, row.top_level,
        row.section10.key, row.section10.via if row.section10.met else None,
        row.section16.key, row.section16.via if row.section16.met else None,
        row.section13, row.updated,
    ]


def agency_row(data: ExportData, row: AgencyRow) -> list[Any]:
    """The values of agencies.csv (fields.AGENCY_COLUMNS), in order."""
    agency = data.model.agencies[row.code]
    return [
        row.code, row.name.th, row.name.en, _text(agency.full_name, "th"), _text(agency.full_name, "en"),
        row.type, row.subtype, agency.unit, row.parent, row.top_level, row.province,
        _text(agency.address, "th"), _text(agency.address, "en"), agency.website,
        agency.emails.get("public"), agency.emails.get("registered"), agency.emails.get("complaints"),
        "; ".join(agency.phones), _text(agency.hours, "th"), _text(agency.hours, "en"),
        _flag(agency, "serves_public"), _flag(agency, "central_agency"),
        _flag(agency, "important_service_point"), _flag(agency, "education"), _gecc(agency),
        data.page_url(row.code), row.updated,
    ]


# --- agencies.json -----------------------------------------------------------------------
# The records below are made for orjson, which encodes a Text (a dataclass) as {"th": ..., "en": ...}
# and a date as YYYY-MM-DD by itself: 20,000 agencies' worth of small dicts not made is most of the
# file's cost saved.

def version_record(data: ExportData, version: Version) -> dict[str, Any]:
    key = (version.owner, version.section, version.index)
    found = data.versions.get(key)
    if found is not None:
        return found
    record: dict[str, Any] = {
        "agency": version.owner,
        "file": version.file,
        "sha256": version.sha256,
        "date": version.date,
    }
    if version.section == "10":
        record["scope"] = version.scope
    record["title"] = version.title
    record["url"] = data.url(version.document_path)
    data.versions[key] = record
    return record


def _status(status: SectionStatus) -> dict[str, Any]:
    return {"status": status.key, "reason": status.reason, "via": status.via if status.met else None}


def _section13(data: ExportData, agency: Agency, status: str) -> dict[str, Any]:
    block = agency.section13
    return {
        "status": status,
        "has_licences": block.has_licences if block else None,
        "gazette_status": block.gazette_status if block and block.has_licences else None,
        "versions": _published(data, agency, "13"),
        "gazette_links": [{"url": g.url, "recorded": g.recorded}
                          for g in (block.gazette_links if block else ()) if g.status == "published"],
        "licence_channels": [{"licence": c.licence, "url": c.url}
                             for c in (block.licence_channels if block else ()) if c.status == "published"],
    }


def _published(data: ExportData, agency: Agency, section: str) -> list[dict[str, Any]]:
    return [version_record(data, v) for v in agency.published(section)]


def _flags(agency: Agency) -> dict[str, Any]:
    return {name: _flag(agency, name) for name in FLAG_NAMES} | {"gecc_level": _gecc(agency) or None}


_EMAILS = ("public", "registered", "complaints")


def agency_record(data: ExportData, row: AgencyRow) -> dict[str, Any]:
    """One agency of agencies.json: the profile, published versions only, and its compliance."""
    agency = data.model.agencies[row.code]
    inherited = data.compliance[row.code].inherited10
    emails = agency.emails
    return {
        "code": row.code,
        "name": agency.name,
        "full_name": agency.full_name,
        "type": row.type,
        "subtype": row.subtype,
        "unit": agency.unit,
        "parent": row.parent,
        "top_level": row.top_level,
        "province": row.province,
        "address": agency.address,
        "website": agency.website,
        "emails": {k: emails[k] for k in _EMAILS if k in emails},
        "phones": agency.phones,
        "hours": agency.hours,
        "flags": _flags(agency),
        "page_url": data.page_url(row.code),
        "updated": row.updated,
        "section10": {
            "versions": _published(data, agency, "10"),
            "inherited": version_record(data, inherited) if inherited else None,
        },
        "section16": {"versions": _published(data, agency, "16")},
        "section13": _section13(data, agency, row.section13),
        "problems": [{"category": p.category, "description": p.description or None} for p in agency.problems],
        "compliance": {
            "section10": _status(row.section10),
            "section16": _status(row.section16),
            "section13": row.section13,
        },
    }


def metadata(data: ExportData) -> dict[str, Any]:
    return {
        "title": {"th": "ข้อมูลหน่วยงานและการดำเนินการตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565",
                  "en": "State agencies and their compliance with the Electronic Government Administration Act "
                        "B.E. 2565"},
        "as_of": data.as_of.isoformat(),
        "source": data.url(""),
        "generator": GENERATOR,
        "licence": LICENCE_NOTE,
        "schema": data.url("data/datapackage.json"),
        "count": len(data.rows),
    }
