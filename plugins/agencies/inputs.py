"""What changed in content/ since the last good build, and the records it read then.

A national data set has forty thousand YAML files; reading and checking all
of them takes minutes, while an agency's web team changes one.  After each
successful build this remembers, in ``.prakat-cache/`` (one file per output
folder, since it describes what that folder was built from), every content file's
size and modification time, the parsed data of every record and Git's
history (keyed by the commit it was read at).  The next build stats the
tree, validates only the files that changed (and what refers to them, which
``validate`` adds), parses only those, and rebuilds the model from the rest.

The cache is JSON, never pickle: a cache folder restored by CI from an
untrusted run must not be able to run code.  It is an optimisation only:
deleting it, or a change to the code that reads content, means a full build.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import orjson

from plugins.agencies.incremental import update_digest
from plugins.prakat.gitinfo import Change, History, read_history
from plugins.prakat.model import Agency, Model, agency_from_data
from plugins.prakat.pdfcache import CACHE_DIR as PDF_CACHE_DIR
from plugins.prakat.store import AGENCIES, ContentStore, code_of, gc_paused

CACHE_DIR = Path(PDF_CACHE_DIR)
PRAKAT_DIR = Path(__file__).resolve().parents[1] / "prakat"
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

Stamp = tuple[int, int]  # size, mtime in nanoseconds
# orjson reads and writes the cache ten times faster than json, but only numbers of 64 bits: it
# reads a wider one as a float.  A cache holding one is written by json and starts with this space.
_WIDE_NUMBERS = b" "


def code_version() -> str:
    """A digest of the code that reads and checks content: when it changes, nothing cached is trusted."""
    digest = hashlib.sha256()
    update_digest(digest, sorted([*PRAKAT_DIR.glob("*.py"), *SCHEMA_DIR.glob("*.json")]))
    return digest.hexdigest()


def output_key(output: Path) -> str:
    """The name under which the caches that describe one output folder are kept."""
    return hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]


def scan_stamps(root: Path) -> dict[str, Stamp]:
    """Every file, folder and link under content/, by path relative to ``root``."""
    stamps: dict[str, Stamp] = {}
    stack = [Path(root) / "content"]
    base = len(str(root)) + 1
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            info = entry.stat(follow_symlinks=False)
            rel = entry.path[base:].replace(os.sep, "/")
            if entry.is_dir(follow_symlinks=False):
                stamps[rel + "/"] = (-1, 0)
                stack.append(Path(entry.path))
            else:
                stamps[rel] = (info.st_size, info.st_mtime_ns)
    return stamps


def changed_paths(old: dict[str, Stamp], new: dict[str, Stamp]) -> list[str]:
    """Paths added, removed or modified between two scans (folders without their trailing slash)."""
    changed = {p for p in new.keys() | old.keys() if old.get(p) != new.get(p)}
    return sorted(p.rstrip("/") for p in changed)


def git_head(root: Path) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _change_json(change: Change | None) -> list[str] | None:
    return [change.date.isoformat(), change.author, change.commit] if change else None


def _change(value: Any) -> Change | None:
    return Change(dt.date.fromisoformat(value[0]), value[1], value[2]) if value else None


def history_to_json(history: History) -> dict[str, Any]:
    return {"known": history.known, "last": _change_json(history.last_content_change),
            "records": {k: _change_json(v) for k, v in sorted(history.records.items())},
            "documents": {k: _change_json(v) for k, v in sorted(history.documents.items())}}


def history_from_json(data: dict[str, Any]) -> History:
    return History(known=bool(data["known"]), last_content_change=_change(data["last"]),
                   records={k: c for k, v in data["records"].items() if (c := _change(v))},
                   documents={k: c for k, v in data["documents"].items() if (c := _change(v))})


@dataclass
class InputCache:
    """What the last good build read, keyed so that a later build can tell what still holds."""

    version: str = ""
    stamps: dict[str, Stamp] = field(default_factory=dict)
    records: dict[str, Any] = field(default_factory=dict)  # YAML path -> its data (JSON types only)
    head: str | None = None
    history: dict[str, Any] | None = None

    @staticmethod
    def path(root: Path, output: Path) -> Path:
        """One cache per output folder: it describes what that folder was built from."""
        return Path(root) / CACHE_DIR / f"site-inputs-{output_key(output)}.json"

    @classmethod
    def load(cls, root: Path, output: Path, version: str) -> "InputCache | None":
        try:
            data = cls.path(root, output).read_bytes()
        except OSError:
            return None
        try:
            raw = json.loads(data) if data.startswith(_WIDE_NUMBERS) else orjson.loads(data)
        except ValueError:  # orjson.JSONDecodeError is one
            return None
        if not isinstance(raw, dict) or raw.get("version") != version:
            return None
        return cls(version, {k: (v[0], v[1]) for k, v in raw["stamps"].items()}, raw["records"],
                   raw.get("head"), raw.get("history"))

    def referrer_candidates(self, changed: list[str]) -> Callable[[str], list[str]]:
        """Who can now name an agency as its parent (ContentStore.suggest_referrers), without reading
        every agency.yaml: the records unchanged since this cache, by the parent they had then, and
        every agency with a changed path."""
        changed_set = set(changed)
        children: dict[str, list[str]] = {}
        for rel, data in self.records.items():
            if rel.endswith("/agency.yaml") and rel not in changed_set and isinstance(data, dict):
                parent, code = data.get("parent"), code_of(rel)
                if isinstance(parent, str) and code:
                    children.setdefault(parent, []).append(code)
        fresh = sorted({code for rel in changed if rel.startswith(AGENCIES + "/") and (code := code_of(rel))})
        return lambda code: children.get(code, []) + fresh

    def save(self, root: Path, output: Path) -> None:
        """Write the cache (atomically); a read-only project simply goes without one."""
        path = self.path(root, output)
        try:
            path.parent.mkdir(exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            document = {"version": self.version, "stamps": self.stamps, "records": self.records,
                        "head": self.head, "history": self.history}
            try:
                data = orjson.dumps(document)
            except TypeError:  # orjson.JSONEncodeError: a number beyond 64 bits in a record
                data = _WIDE_NUMBERS + json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            pass  # the cache only saves time; the build itself has succeeded


def _record(store: ContentStore, rel: str, cache: InputCache | None, fresh: set[str]) -> Any:
    if cache is not None and rel not in fresh and rel in cache.records:
        return cache.records[rel]
    code = rel.split("/")[2]
    return store.report_data(code) if rel.endswith("/report.yaml") else store.agency_data(code)


def _read_records(store: ContentStore, stamps: dict[str, Stamp], cache: InputCache | None,
                  fresh: set[str]) -> tuple[dict[str, Any], dict[str, Agency]]:
    """Every record (from the cache unless ``fresh``) and the agencies made from them."""
    records: dict[str, Any] = {}
    agencies: dict[str, Agency] = {}
    for code in store.codes:
        if not store.has_agency(code):
            continue
        agency_rel = f"{AGENCIES}/{code}/agency.yaml"
        report_rel = f"{AGENCIES}/{code}/report.yaml"
        records[agency_rel] = _record(store, agency_rel, cache, fresh)
        report = None
        if report_rel in stamps:
            report = records[report_rel] = _record(store, report_rel, cache, fresh)
        agencies[code] = agency_from_data(code, records[agency_rel], report)
    return records, agencies


def load_inputs(root: Path, store: ContentStore, stamps: dict[str, Stamp], cache: InputCache | None,
                changed: list[str]) -> tuple[Model, History, InputCache]:
    """The model and history for this build, parsing only what ``changed`` since ``cache`` was written."""
    with gc_paused():
        records, agencies = _read_records(store, stamps, cache, set(changed))
    head = git_head(root)
    if cache is not None and head is not None and cache.head == head and cache.history is not None:
        history, history_json = history_from_json(cache.history), cache.history  # the same commit: as it was
    else:
        history = read_history(root)
        history_json = history_to_json(history)
    saved = InputCache(cache.version if cache else "", stamps, records, head, history_json)
    return Model(agencies), history, saved


@dataclass(frozen=True)
class Affected:
    """What an incremental build must look at again; everything else is reused from the previous output."""

    agencies: frozenset[str]  # agencies whose page may show something different
    types: frozenset[str]  # type lists that may change
    provinces: frozenset[str]  # province lists that may change


def _old_field(records: dict[str, Any], code: str, name: str) -> Any:
    data = records.get(f"{AGENCIES}/{code}/agency.yaml")
    return data.get(name) if isinstance(data, dict) else None


def affected(model: Model, changed: list[str], cache: InputCache, history: dict[str, Any]) -> Affected:
    """The pages a change can reach, from the changed files and the records as they were before.

    An agency page shows its own record, the names and announcements of its
    ancestors, its nearest visible children with the size of their subtrees,
    and Git's dates for its record and documents.  So a changed record (or
    document, or Git date) marks its agency, every ancestor (before and
    after the change: it may have moved) and every descendant.
    """
    seeds: set[str] = set()
    for path in changed:
        parts = path.split("/")
        if len(parts) >= 3 and parts[0] == "content" and parts[1] in ("agencies", "documents"):
            seeds.add(parts[2])
    old_history = cache.history or {}
    for table in ("records", "documents"):
        old, new = old_history.get(table, {}), history.get(table, {})
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                seeds.add(key.split("/")[0])
    marked: set[str] = set()
    for seed in seeds:
        for chain in (_new_chain(model, seed), _old_chain(cache.records, seed)):
            marked.update(chain)
        stack = [seed]
        while stack:  # every descendant in the new tree (a moved subtree moves whole)
            code = stack.pop()
            marked.add(code)
            agency = model.agencies.get(code)
            stack.extend(c for c in (agency.children if agency else ()) if c not in marked)
    types = {model.agencies[c].type for c in marked if c in model.agencies}
    types |= {t for c in seeds if isinstance(t := _old_field(cache.records, c, "type"), str)}
    provinces = {model.agencies[c].province for c in marked if c in model.agencies and model.agencies[c].province}
    provinces |= {p for c in seeds if isinstance(p := _old_field(cache.records, c, "province"), str)}
    return Affected(frozenset(marked), frozenset(types), frozenset(provinces))


def _new_chain(model: Model, code: str) -> list[str]:
    """The agency and its ancestors in the model, the agency first."""
    return [code, *(a.code for a in model.ancestors(code))] if code in model.agencies else []


def _old_chain(records: dict[str, Any], code: str) -> list[str]:
    """The agency and its ancestors as the previous build read them."""
    chain: list[str] = []
    current: Any = code
    while isinstance(current, str) and current not in chain and f"{AGENCIES}/{current}/agency.yaml" in records:
        chain.append(current)
        current = _old_field(records, current, "parent")
    return chain
