"""Read access to a content tree: one reader for the validator, the site and review.

Everything that reads content/ goes through ``ContentStore``: it scans the
folders once, parses each YAML file at most once (lazily, so re-validating one
agency does not parse twenty thousand), and hands out the parsed document with
its positions.  It does not judge; the checks do.
"""
from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .yamlpos import LoadProblem, YamlDocument, load_yaml

AGENCIES = "content/agencies"
DOCUMENTS = "content/documents"
CODE_RE = re.compile(r"^[0-9]{13}$")
RECORD_FILES = ("agency.yaml", "report.yaml")
MAX_READ = 1024 * 1024 + 1  # a record over 1 MiB is refused by the loader anyway


def code_of(path: str) -> str | None:
    """The agency a file under content/agencies/<code>/ or content/documents/<code>/ belongs to."""
    parts = path.split("/")
    if len(parts) >= 4 and f"{parts[0]}/{parts[1]}" in (AGENCIES, DOCUMENTS):
        return parts[2]
    return None


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


def _walk(top: str, rel: str) -> Iterator[tuple[str, list[str], list[str], list[str]]]:
    """Like os.walk, top-down, but symbolic links come back apart and cost no extra stat call.

    os.walk plus os.path.islink on every entry spent one lstat per file, which
    at 80,000 files was most of a selective validation's time; DirEntry knows
    from the directory listing itself.
    Yields (rel_dir, dir names, file names, symlink names); the caller may
    prune the dir names list in place, as with os.walk.
    """
    try:
        with os.scandir(top) as it:
            entries = list(it)
    except OSError:
        return
    dirs: list[str] = []
    files: list[str] = []
    links: list[str] = []
    for entry in entries:
        if entry.is_symlink():
            links.append(entry.name)
        elif entry.is_dir(follow_symlinks=False):
            dirs.append(entry.name)
        else:
            files.append(entry.name)
    dirs.sort()
    files.sort()
    links.sort()
    yield rel, dirs, files, links
    for name in dirs:
        yield from _walk(os.path.join(top, name), f"{rel}/{name}")


def _scan(root: Path, only: set[str] | None = None) -> TreeScan:
    """Everything under content/; with ``only``, just those agencies' two folders below the top."""
    scan = TreeScan()
    content = root / "content"
    if not content.is_dir():
        return scan
    for rel_dir, dirnames, files, links in _walk(str(content), "content"):
        scan.symlinks.extend(f"{rel_dir}/{name}" for name in links)
        parts = rel_dir.split("/")
        if rel_dir == AGENCIES:
            scan.stray.extend(f"{rel_dir}/{f}" for f in files)
            for d in dirnames:
                if CODE_RE.match(d):
                    if only is None or d in only:
                        scan.agency_folders[d] = set()
                else:
                    scan.bad_folders.append(f"{rel_dir}/{d}")
            dirnames[:] = [d for d in dirnames if d in scan.agency_folders]
        elif len(parts) == 3 and rel_dir.startswith(AGENCIES + "/"):
            code = parts[2]
            for f in files:
                if f in RECORD_FILES:
                    scan.agency_folders[code].add(f)
                else:
                    scan.stray.append(f"{rel_dir}/{f}")
            scan.stray.extend(f"{rel_dir}/{d}" for d in dirnames)
            dirnames[:] = []
        elif rel_dir == DOCUMENTS:
            scan.stray.extend(f"{rel_dir}/{f}" for f in files)
            if only is not None:
                dirnames[:] = [d for d in dirnames if d in only]
        elif len(parts) == 3 and rel_dir.startswith(DOCUMENTS + "/"):
            scan.documents[parts[2]] = {f: f"{rel_dir}/{f}" for f in files}
            scan.stray.extend(f"{rel_dir}/{d}" for d in dirnames)
    return scan


@contextmanager
def gc_paused() -> Iterator[None]:
    """Load content without the cyclic garbage collector, then freeze what was loaded.

    Parsed records are many small, long-lived, acyclic objects.  Left on, the
    collector walks them again and again as they pile up: at 20,000 agencies
    that doubled the time spent loading.  Freezing them afterwards keeps later
    collections (Pelican's rendering) from walking them too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class ContentStore:
    """Lazily loaded view of one checkout's content/ folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._yaml: dict[str, LoadedYaml | None] = {}
        self._record_files: dict[str, set[str]] = {}
        self._documents: dict[str, dict[str, str]] = {}
        self._referrer_candidates: Callable[[str], Iterable[str] | None] | None = None

    @cached_property
    def scan(self) -> TreeScan:
        """The whole tree, as the tree checks need it; a full run reads it anyway."""
        scan = _scan(self.root)
        self._record_files = scan.agency_folders
        self._documents = scan.documents
        return scan

    @property
    def _scanned(self) -> bool:
        """Whether the whole tree has been read: then it answers everything, lazily read folders nothing."""
        return "scan" in self.__dict__

    def scan_of(self, codes: set[str]) -> TreeScan:
        """The tree with only these agencies' folders looked into (a selective run's tree checks)."""
        if self._scanned:
            return self.scan
        return _scan(self.root, codes)

    @cached_property
    def _agency_codes(self) -> list[str]:
        # One listing of content/agencies: a selective run must not open 20,000 folders to
        # learn which agencies exist; what each folder holds is read when it is asked for.
        if self._scanned:
            return sorted(self.scan.agency_folders)
        try:
            with os.scandir(os.path.join(self.root, AGENCIES)) as entries:
                return sorted(e.name for e in entries
                              if CODE_RE.match(e.name) and e.is_dir(follow_symlinks=False))
        except OSError:
            return []

    @cached_property
    def _agency_code_set(self) -> frozenset[str]:
        return frozenset(self._agency_codes)

    @property
    def codes(self) -> list[str]:
        """Agency folders, sorted, so every walk over them is deterministic."""
        return list(self._agency_codes)

    def _files_of(self, code: str) -> set[str]:
        """The record files in one agency folder (symbolic links never count)."""
        if code not in self._record_files:
            # Only folders of the listing: a symbolic link to a folder elsewhere is never entered.
            if self._scanned or code not in self._agency_code_set:
                return self._record_files.get(code, set())
            self._record_files[code] = {n for n in self._regular_files(f"{AGENCIES}/{code}") if n in RECORD_FILES}
        return self._record_files[code]

    def _regular_files(self, folder: str) -> list[str]:
        """The files (not links, not folders) in one folder, sorted; none when the folder is itself a link,
        which is never entered, as in the full scan."""
        path = os.path.join(self.root, folder)
        try:
            if os.path.islink(path):
                return []
            with os.scandir(path) as entries:
                return sorted(e.name for e in entries if e.is_file(follow_symlinks=False))
        except OSError:
            return []

    def has_folder(self, code: str) -> bool:
        return code in self._agency_code_set

    def has_agency(self, code: str) -> bool:
        return "agency.yaml" in self._files_of(code)

    def agency_rel(self, code: str) -> str:
        return f"{AGENCIES}/{code}/agency.yaml"

    def report_rel(self, code: str) -> str:
        return f"{AGENCIES}/{code}/report.yaml"

    def document_rel(self, code: str, name: str) -> str:
        return f"{DOCUMENTS}/{code}/{name}"

    def documents(self, code: str) -> dict[str, str]:
        if code not in self._documents:
            if self._scanned or not CODE_RE.match(code):
                return self._documents.get(code, {})
            folder = f"{DOCUMENTS}/{code}"
            self._documents[code] = {name: f"{folder}/{name}" for name in self._regular_files(folder)}
        return self._documents[code]

    def _load(self, rel: str, present: bool) -> LoadedYaml | None:
        if rel not in self._yaml:
            if not present:
                self._yaml[rel] = None
            else:
                raw = (self.root / rel).read_bytes()
                doc, problem = load_yaml(raw)
                self._yaml[rel] = LoadedYaml(rel, doc, problem)
        return self._yaml[rel]

    def preload(self, codes: Iterable[str]) -> None:
        """Parse the records of ``codes`` now, in one go (see gc_paused)."""
        with gc_paused():
            for code in codes:
                self.agency(code)
                self.report(code)

    def agency(self, code: str) -> LoadedYaml | None:
        return self._load(self.agency_rel(code), self.has_agency(code))

    def report(self, code: str) -> LoadedYaml | None:
        present = "report.yaml" in self._files_of(code)
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

    @cached_property
    def agency_bytes(self) -> dict[str, bytes]:
        """Every agency.yaml as bytes, read once (about 20 MB for 20,000 agencies).

        Finding the children of one agency must not cost a parse of every
        record: the bytes are searched for its code and only the files that
        mention it are parsed to confirm (``referrers``), unless a cheaper
        source of candidates was given (``suggest_referrers``).
        """
        found: dict[str, bytes] = {}
        folders = os.path.join(self.root, AGENCIES)
        for other in self.codes:
            try:  # O_NOFOLLOW: a symbolic link is never read, here or anywhere
                handle = os.open(os.path.join(folders, other, "agency.yaml"), os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                found[other] = os.read(handle, MAX_READ)
            except OSError:
                continue
            finally:
                os.close(handle)
        return found

    def suggest_referrers(self, candidates: Callable[[str], Iterable[str] | None]) -> None:
        """Where ``referrers`` may look instead of reading every agency.yaml.

        ``candidates(code)`` must hold every agency whose agency.yaml can name
        ``code`` as its parent (more does no harm: each is confirmed by parsing),
        or be None when it cannot tell.  What changed since a commit (gitsel) or
        since the last build (the build's input cache) knows this much.
        """
        self._referrer_candidates = candidates

    def referrers(self, code: str) -> list[str]:
        """Agencies whose agency.yaml names ``code`` as its parent."""
        found = self._referrer_candidates(code) if self._referrer_candidates else None
        if found is None:
            needle = code.encode()
            found = [other for other, raw in self.agency_bytes.items() if needle in raw]
        return [other for other in sorted(set(found)) if other != code and self.parent_of(other) == code]
