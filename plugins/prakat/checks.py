"""The checks of SPEC §3 that go beyond one file's schema.

Each check is a function that yields findings for one agency or for the tree;
none raises, none prints.  ``validate`` decides which of them run.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Iterator

from . import schema_findings
from .findings import Finding, finding
from .model import DATE_FIELD
from .pdfcache import PdfFacts, PdfVerdicts, Prefetch, read_facts
from .store import CODE_RE, ContentStore, LoadedYaml, TreeScan
from .yamlpos import Mark, YamlDocument

FIRST = Mark(1, 1)
SECTION_KEYS = ("section10", "section13", "section16")
_THAI_OR_ASCII_NAME = re.compile(r"^[A-Za-z0-9\u0E01-\u0E3A\u0E40-\u0E4E._-]+$")


def load_findings(loaded: LoadedYaml) -> list[Finding]:
    if loaded.problem:
        return [finding(loaded.rel, loaded.problem.mark, loaded.problem.code, **loaded.problem.params)]
    return []


# --- one agency.yaml ----------------------------------------------------------

def agency_findings(store: ContentStore, code: str) -> Iterator[Finding]:
    loaded = store.agency(code)
    if loaded is None:
        yield finding(store.agency_rel(code), FIRST, "tree.missing_agency", code=code)
        return
    yield from load_findings(loaded)
    if loaded.doc is None:
        return
    doc = loaded.doc
    yield from schema_findings.agency_findings(loaded.rel, doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    declared = data.get("code")
    if isinstance(declared, str) and declared != code:
        yield finding(loaded.rel, doc.where(("code",)), "record.code_mismatch", code=declared, folder=code)
    website = data.get("website")
    if isinstance(website, str) and website.startswith("http://"):
        yield finding(loaded.rel, doc.where(("website",)), "url.not_https", value=website)


def parent_findings(store: ContentStore, code: str) -> Iterator[Finding]:
    """The parent exists, and following parents upwards never comes back."""
    loaded = store.agency(code)
    if loaded is None or loaded.doc is None:
        return
    parent = store.parent_of(code)
    if parent is None:
        return
    where = loaded.doc.place(("parent",))  # located only for a finding: most records have none
    if parent == code:
        yield finding(loaded.rel, where, "record.parent_cycle", cycle=f"{code} → {code}")
        return
    if not store.has_agency(parent):
        yield finding(loaded.rel, where, "record.parent_missing", parent=parent)
        return
    chain = [code]
    current: str | None = parent
    while current is not None and store.has_agency(current):
        if current in chain:
            loop = chain[chain.index(current):] + [current]
            yield finding(loaded.rel, where, "record.parent_cycle", cycle=" → ".join(loop))
            return
        chain.append(current)
        current = store.parent_of(current)


# --- one report.yaml ----------------------------------------------------------

def _date_fields(data: dict[str, object]) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    for section in ("10", "13", "16"):
        block = data.get(f"section{section}")
        if not isinstance(block, dict):
            continue
        versions = block.get("versions")
        if isinstance(versions, list):
            for i, item in enumerate(versions):
                if isinstance(item, dict) and isinstance(item.get(DATE_FIELD[section]), str):
                    key = DATE_FIELD[section]
                    yield (f"section{section}", "versions", i, key), key, item[key]
        links = block.get("gazette_links") if section == "13" else None
        if isinstance(links, list):
            for i, item in enumerate(links):
                if isinstance(item, dict) and isinstance(item.get("recorded"), str):
                    yield ("section13", "gazette_links", i, "recorded"), "recorded", item["recorded"]


def _date_findings(rel: str, doc: YamlDocument, today: dt.date) -> Iterator[Finding]:
    data = doc.data if isinstance(doc.data, dict) else {}
    for path, key, value in _date_fields(data):
        label = schema_findings.dotted(path)
        match = re.match(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$", value)
        if not match:
            continue
        year = int(match.group(1))
        if year > 2400:
            gregorian = year - 543
            yield finding(rel, doc.where(path), "date.buddhist_era", field=label, year=year, gregorian=gregorian,
                          suggested=f"{gregorian}-{match.group(2)}-{match.group(3)}")
            continue
        if key == "recorded":
            try:
                recorded = dt.date.fromisoformat(value)
            except ValueError:
                continue
            if recorded > today:
                yield finding(rel, doc.where(path), "date.future", value=value, today=today.isoformat())


def file_name_reason(name: str) -> tuple[str, str] | None:
    """Why a version's ``file`` cannot name a PDF in the agency's folder, or None."""
    if "/" in name or "\\" in name:
        return "มีเครื่องหมายคั่นโฟลเดอร์ (/ หรือ \\)", "it contains a path separator"
    if ".." in name:
        return "มี .. ซึ่งชี้ออกนอกโฟลเดอร์", "it contains .."
    if not name.endswith(".pdf"):
        return "ต้องลงท้ายด้วย .pdf (ตัวพิมพ์เล็ก)", "it must end in .pdf (lower case)"
    if not _THAI_OR_ASCII_NAME.match(name) or name == ".pdf":
        return ("ใช้ได้เฉพาะอักษรไทย อักษรอังกฤษ ตัวเลข . _ และ - (ห้ามเว้นวรรค)",
                "only Thai letters, ASCII letters, digits, '.', '_' and '-' are allowed (no spaces)")
    return None


def versions_of(data: dict[str, object]) -> Iterator[tuple[str, int, dict[str, object]]]:
    for key in SECTION_KEYS:
        block = data.get(key)
        versions = block.get("versions") if isinstance(block, dict) else None
        if isinstance(versions, list):
            for i, item in enumerate(versions):
                if isinstance(item, dict):
                    yield key, i, item


def report_findings(store: ContentStore, code: str, today: dt.date) -> Iterator[Finding]:
    loaded = store.report(code)
    if loaded is None:
        return
    yield from load_findings(loaded)
    if loaded.doc is None:
        return
    doc = loaded.doc
    yield from schema_findings.report_findings(loaded.rel, doc)
    yield from _date_findings(loaded.rel, doc, today)
    data = doc.data if isinstance(doc.data, dict) else {}
    for key, i, item in versions_of(data):
        name = item.get("file")
        if isinstance(name, str):
            reason = file_name_reason(name)
            if reason:
                yield finding(loaded.rel, doc.where((key, "versions", i, "file")), "ref.file_name", file=name,
                              code=code, reason_th=reason[0], reason_en=reason[1])
    seen: dict[tuple[str, str], int] = {}
    for key, i, item in versions_of(data):
        name = item.get("file")
        if isinstance(name, str):
            if (key, name) in seen:
                yield finding(loaded.rel, doc.where((key, "versions", i, "file")), "ref.duplicate_version",
                              file=name, section=key.removeprefix("section"))
            seen[(key, name)] = i
    section13 = data.get("section13")
    links = section13.get("gazette_links") if isinstance(section13, dict) else None
    for i, link in enumerate(links if isinstance(links, list) else []):
        url = link.get("url") if isinstance(link, dict) else None
        if isinstance(url, str) and url.startswith("http://"):
            yield finding(loaded.rel, doc.where(("section13", "gazette_links", i, "url")), "url.not_https", value=url)


# --- the PDFs a report refers to --------------------------------------------

class PdfReferences:
    """Hashes and verdicts for the PDFs of several agencies, gathered in one pass.

    ``prefetch``: the same files already being read in worker processes (PdfVerdicts.prefetch).
    """

    def __init__(self, store: ContentStore, verdicts: PdfVerdicts, prefetch: Prefetch | None = None) -> None:
        self.store = store
        self.verdicts = verdicts
        self.prefetch = prefetch
        self.facts: dict[str, PdfFacts] = {}  # by path relative to the root

    def gather(self, codes: list[str]) -> None:
        to_check: dict[str, Path] = {}
        root = str(self.store.root)
        prefetched = self.prefetch.facts() if self.prefetch is not None else {}
        for code in codes:
            documents = self.store.documents(code)
            for _, _, item in versions_of(self.store.report_data(code)):
                name = item.get("file")
                if not isinstance(name, str) or name not in documents or file_name_reason(name):
                    continue
                rel = documents[name]
                if rel in self.facts:
                    continue
                path = os.path.join(root, rel)  # plain strings: sixty thousand PDFs go through here
                facts = prefetched[path] if path in prefetched else read_facts(path)[0]
                if facts is None:
                    continue
                self.facts[rel] = facts
                if facts.sha256 is not None and facts.pointer is None:
                    to_check[facts.sha256] = Path(path)
        self.verdicts.check_many(to_check)  # whatever the workers did not examine already

    def findings(self, code: str) -> Iterator[Finding]:
        loaded = self.store.report(code)
        if loaded is None or loaded.doc is None:
            return
        doc = loaded.doc
        for key, i, item in versions_of(self.store.report_data(code)):
            name = item.get("file")
            if not isinstance(name, str) or file_name_reason(name):
                continue
            where = doc.place((key, "versions", i, "file"))  # located only for a finding: almost none has one
            rel = self.store.document_rel(code, name)
            if name not in self.store.documents(code) or rel not in self.facts:
                yield finding(loaded.rel, where, "ref.file_missing", pdf=rel)
                continue
            facts = self.facts[rel]
            size, sha, pointer = facts.size, facts.sha256, facts.pointer
            recorded = item.get("sha256")
            if sha is None:
                yield finding(loaded.rel, where, "pdf.too_large", pdf=rel, detail=f"{size / 1048576:.1f} MiB")
                continue
            if pointer is not None:
                oid = pointer.oid
                if recorded == oid:
                    yield finding(loaded.rel, where, "pdf.lfs_pointer", pdf=rel)
                else:
                    yield finding(loaded.rel, where, "pdf.lfs_oid_mismatch", pdf=rel, actual=oid)
                continue
            if isinstance(recorded, str) and recorded != sha:
                yield finding(loaded.rel, where, "ref.sha256_mismatch", pdf=rel, actual=sha)
            for problem in self.verdicts.problems(sha):
                yield finding(loaded.rel, where, problem.code, pdf=rel, detail=problem.detail)


def orphan_findings(store: ContentStore, code: str) -> Iterator[Finding]:
    referenced = {item.get("file") for _, _, item in versions_of(store.report_data(code))}
    for name, rel in store.documents(code).items():
        if name not in referenced:
            yield finding(rel, FIRST, "doc.orphan", pdf=rel)


# --- the tree -----------------------------------------------------------------

def tree_findings(store: ContentStore, scan: TreeScan | None = None) -> Iterator[Finding]:
    """What lies where it may not; ``scan`` limits this to part of the tree (a selective run)."""
    scan = scan or store.scan
    for rel in scan.symlinks:
        yield finding(rel, FIRST, "tree.symlink")
    for rel in scan.stray:
        yield finding(rel, FIRST, "tree.stray_file")
    for rel in scan.bad_folders:
        yield finding(rel, FIRST, "tree.bad_folder", name=rel.rsplit("/", 1)[-1])
    for code in sorted(scan.documents):
        if not CODE_RE.match(code) or not store.has_agency(code):
            yield finding(f"content/documents/{code}", FIRST, "tree.documents_without_agency", code=code)
