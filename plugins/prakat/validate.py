"""Validation: which checks run over which files, and what is reported.

A full run checks everything.  A selective run (paths, or ``--changed-since``)
loads only the agencies involved, their ancestors and the agencies that name
them as parent, so re-checking one agency in a national data set stays fast;
findings are reported only for the selected files and those that refer to
them.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import checks
from .compliance import inherited_announcement
from .findings import Finding, finding, sort_findings
from .model import Model, build_model
from .pdfcache import PdfVerdicts
from .store import AGENCIES, DOCUMENTS, ContentStore, gc_paused


def today() -> dt.date:
    """Today, or the date pinned in PRAKAT_TODAY (ISO) or SOURCE_DATE_EPOCH (reproducible builds)."""
    pinned = os.environ.get("PRAKAT_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@dataclass
class ValidationResult:
    findings: list[Finding]
    store: ContentStore
    checked_codes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Selection:
    """The files to report on; None means every file."""

    paths: set[str] | None = None

    def includes(self, rel: str) -> bool:
        if self.paths is None:
            return True
        if rel in self.paths:
            return True
        inside = rel.rstrip("/") + "/"
        # A finding about a folder that holds a selected file (a misnamed agency
        # folder, a folder where a file should be) is that file's problem too.
        return any(rel.startswith(p.rstrip("/") + "/") or p.startswith(inside) for p in self.paths)


def _code_of(rel: str) -> str | None:
    parts = rel.split("/")
    if len(parts) >= 3 and f"{parts[0]}/{parts[1]}" in (AGENCIES, DOCUMENTS):
        return parts[2]
    return None


def expand_selection(store: ContentStore, paths: Iterable[str]) -> tuple[set[str], set[str]]:
    """The selected files plus what refers to them, and the agencies involved."""
    selected: set[str] = set()
    codes: set[str] = set()
    for raw in paths:
        rel = raw.strip("/") if raw.strip("/") else raw
        selected.add(rel)
        if rel in ("content", AGENCIES, DOCUMENTS):
            codes.update(store.codes)
            continue
        code = _code_of(rel)
        if code is None:
            continue
        codes.add(code)
        if rel.startswith(DOCUMENTS + "/"):
            selected.add(store.report_rel(code))  # the report refers to its PDFs
        elif rel.endswith("/report.yaml"):
            selected.update(store.documents(code).values())  # orphans appear when references go
        if rel.startswith(AGENCIES + "/") and not rel.endswith("/report.yaml"):
            for child in store.referrers(code):  # children name it as their parent
                codes.add(child)
                selected.add(store.agency_rel(child))
    return selected, codes


def _compliance_warnings(store: ContentStore, model: Model, codes: list[str]) -> list[Finding]:
    out = []
    for code in codes:
        agency = model.get(code)
        if agency is None or not agency.visible:
            continue
        if agency.current("10") is None and inherited_announcement(model, code) is None:
            rel = store.report_rel(code) if store.report(code) else store.agency_rel(code)
            loaded = store.report(code) or store.agency(code)
            where = loaded.doc.where(("section10",)) if loaded and loaded.doc else checks.FIRST
            out.append(finding(rel, where, "compliance.no_section10", code=code))
    return out


def _model_codes(store: ContentStore, codes: Iterable[str]) -> list[str]:
    """The agencies plus every ancestor: compliance looks upwards only."""
    wanted: set[str] = set()
    for code in codes:
        current: str | None = code
        while current and current not in wanted and store.has_agency(current):
            wanted.add(current)
            current = store.parent_of(current)
    return sorted(wanted)


def validate(root: Path, paths: Iterable[str] | None = None, *, on: dt.date | None = None,
             use_cache: bool = True, store: ContentStore | None = None) -> ValidationResult:
    store = store or ContentStore(root)
    when = on or today()
    if paths is None:
        selection = Selection(None)
        codes = store.codes
        scan = None
    else:
        selected, involved = expand_selection(store, paths)
        selection = Selection(selected)
        codes = sorted(involved)
        scan = store.scan_of(involved)
    present = [c for c in codes if store.has_folder(c)]
    verdicts = PdfVerdicts(Path(root), use_cache=use_cache)
    # The PDFs are read (and the new ones examined) in worker processes while the YAML is parsed here.
    root_text = str(store.root)
    prefetch = verdicts.prefetch(os.path.join(root_text, rel) for code in present
                                 for rel in store.documents(code).values() if rel.endswith(".pdf"))
    try:
        with gc_paused():  # what the checks find and the model live as long as the records they read
            found: list[Finding] = list(checks.tree_findings(store, scan))
            store.preload(present)
            # Every check that needs no PDF runs while the workers are still reading them: on a cold
            # cache they are the longer job, and the cores would otherwise wait for this one.
            for code in present:
                found.extend(checks.agency_findings(store, code))
                found.extend(checks.parent_findings(store, code))
                found.extend(checks.report_findings(store, code, when))
                found.extend(checks.orphan_findings(store, code))
            model = build_model(store, _model_codes(store, present))
            found.extend(_compliance_warnings(store, model, present))
            references = checks.PdfReferences(store, verdicts, prefetch)
            references.gather(present)
    finally:
        if prefetch is not None:
            prefetch.close()
    verdicts.save()
    for code in present:
        found.extend(references.findings(code))
    reported = [f for f in found if selection.includes(f.path)]
    return ValidationResult(sort_findings(reported), store, present)
