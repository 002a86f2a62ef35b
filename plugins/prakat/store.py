"""Read access to a content tree: one reader for the validator, the site and review.

Everything that reads content/ goes through ``ContentStore``: it scans the
folders once, parses each YAML file at most once (lazily, so re-validating one
agency does not parse twenty thousand), and hands out the parsed document with
its positions.  It does not judge; the checks do.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .yamlpos import LoadProblem, YamlDocument, load_yaml

AGENCIES = "content/agencies"
DOCUMENTS = "content/documents"
CODE_RE = re.compile(r"^[0-9]{13}$")
RECORD_FILES = ("agency.yaml", "report.yaml")


@dataclass(frozen=True)
class LoadedYaml:
    rel: str
    doc: YamlDocument | None
    problem: LoadProblem | None

    @property
    def data(self) -> object:
        return self.doc.data if self.doc else None


@dataclass
class TreeScan:
    """What lies under content/, as found on disk, without reading any file."""

    agency_folders: dict[str, set[str]] = field(default_factory=dict)  # folder name -> file names
    documents: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> {file name: rel path}
    symlinks: list[str] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)  # files or folders that may not be where they are
    bad_folders: list[str] = field(default_factory=list)


def _scan(root: Path) -> TreeScan:
    scan = TreeScan()
    content = root / "content"
    if not content.is_dir():
        return scan
    for dirpath, dirnames, filenames in os.walk(content, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        for name in sorted(dirnames + filenames):
            if os.path.islink(os.path.join(dirpath, name)):
                scan.symlinks.append(f"{rel_dir}/{name}")
        dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
        files = [f for f in filenames if not os.path.islink(os.path.join(dirpath, f))]
        parts = rel_dir.split("/")
        if rel_dir == AGENCIES:
            scan.stray.extend(f"{rel_dir}/{f}" for f in sorted(files))
            for d in dirnames:
                if CODE_RE.match(d):
                    scan.agency_folders[d] = set()
                else:
                    scan.bad_folders.append(f"{rel_dir}/{d}")
            dirnames[:] = [d for d in dirnames if CODE_RE.match(d)]
        elif len(parts) == 3 and rel_dir.startswith(AGENCIES + "/"):
            code = parts[2]
            for f in sorted(files):
                if f in RECORD_FILES:
                    scan.agency_folders[code].add(f)
                else:
                    scan.stray.append(f"{rel_dir}/{f}")
            scan.stray.extend(f"{rel_dir}/{d}" for d in dirnames)
            dirnames[:] = []
        elif rel_dir == DOCUMENTS:
            scan.stray.extend(f"{rel_dir}/{f}" for f in sorted(files))
        elif len(parts) == 3 and rel_dir.startswith(DOCUMENTS + "/"):
            scan.documents[parts[2]] = {f: f"{rel_dir}/{f}" for f in sorted(files)}
            scan.stray.extend(f"{rel_dir}/{d}" for d in dirnames)
            dirnames[:] = []
    return scan


class ContentStore:
    """Lazily loaded view of one checkout's content/ folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._yaml: dict[str, LoadedYaml | None] = {}

    @cached_property
    def scan(self) -> TreeScan:
        return _scan(self.root)

    @property
    def codes(self) -> list[str]:
        """Agency folders, sorted, so every walk over them is deterministic."""
        return sorted(self.scan.agency_folders)

    def has_agency(self, code: str) -> bool:
        return "agency.yaml" in self.scan.agency_folders.get(code, ())

    def agency_rel(self, code: str) -> str:
        return f"{AGENCIES}/{code}/agency.yaml"

    def report_rel(self, code: str) -> str:
        return f"{AGENCIES}/{code}/report.yaml"

    def document_rel(self, code: str, name: str) -> str:
        return f"{DOCUMENTS}/{code}/{name}"

    def documents(self, code: str) -> dict[str, str]:
        return self.scan.documents.get(code, {})

    def _load(self, rel: str, present: bool) -> LoadedYaml | None:
        if rel not in self._yaml:
            if not present:
                self._yaml[rel] = None
            else:
                raw = (self.root / rel).read_bytes()
                doc, problem = load_yaml(raw)
                self._yaml[rel] = LoadedYaml(rel, doc, problem)
        return self._yaml[rel]

    def agency(self, code: str) -> LoadedYaml | None:
        return self._load(self.agency_rel(code), self.has_agency(code))

    def report(self, code: str) -> LoadedYaml | None:
        present = "report.yaml" in self.scan.agency_folders.get(code, ())
        return self._load(self.report_rel(code), present)

    def agency_data(self, code: str) -> dict[str, object]:
        loaded = self.agency(code)
        data = loaded.data if loaded else None
        return data if isinstance(data, dict) else {}

    def report_data(self, code: str) -> dict[str, object]:
        loaded = self.report(code)
        data = loaded.data if loaded else None
        return data if isinstance(data, dict) else {}

    def parent_of(self, code: str) -> str | None:
        parent = self.agency_data(code).get("parent")
        return parent if isinstance(parent, str) else None

    def referrers(self, code: str) -> list[str]:
        """Agencies whose agency.yaml names ``code``: a byte search, then a parse to confirm.

        Finding the children of one agency must not cost a parse of every
        record, so the files are searched as bytes first.
        """
        needle = code.encode()
        found = []
        for other in self.codes:
            if other == code or not self.has_agency(other):
                continue
            try:
                raw = (self.root / self.agency_rel(other)).read_bytes()
            except OSError:
                continue
            if needle in raw and self.parent_of(other) == code:
                found.append(other)
        return found
