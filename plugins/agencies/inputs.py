"""What changed in content/ since the last good build, and the records it read then.

A national data set has forty thousand YAML files; reading and checking all
of them takes minutes, while an agency's web team changes one.  After each
successful build this remembers, in ``.prakat-cache/``, every content file's
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
from typing import Any

from plugins.prakat.gitinfo import Change, History, read_history
from plugins.prakat.model import Model, agency_from_data
from plugins.prakat.store import AGENCIES, ContentStore

CACHE_FILE = Path(".prakat-cache") / "site-inputs.json"
PRAKAT_DIR = Path(__file__).resolve().parents[1] / "prakat"
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

Stamp = tuple[int, int]  # size, mtime in nanoseconds


def code_version() -> str:
    """A digest of the code that reads and checks content: when it changes, nothing cached is trusted."""
    digest = hashlib.sha256()
    for path in sorted([*PRAKAT_DIR.glob("*.py"), *SCHEMA_DIR.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


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

    @classmethod
    def load(cls, root: Path, version: str) -> "InputCache | None":
        try:
            raw = json.loads((Path(root) / CACHE_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("version") != version:
            return None
        return cls(version, {k: (v[0], v[1]) for k, v in raw["stamps"].items()}, raw["records"],
                   raw.get("head"), raw.get("history"))

    def save(self, root: Path) -> None:
        """Write the cache (atomically); a read-only project simply goes without one."""
        path = Path(root) / CACHE_FILE
        try:
            path.parent.mkdir(exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": self.version, "stamps": self.stamps, "records": self.records,
                                       "head": self.head, "history": self.history},
                                      ensure_ascii=False, separators=(",", ":")), "utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # the cache only saves time; the build itself has succeeded


def _record(store: ContentStore, rel: str, cache: InputCache | None, fresh: set[str]) -> Any:
    if cache is not None and rel not in fresh and rel in cache.records:
        return cache.records[rel]
    code = rel.split("/")[2]
    return store.report_data(code) if rel.endswith("/report.yaml") else store.agency_data(code)


def load_inputs(root: Path, store: ContentStore, stamps: dict[str, Stamp], cache: InputCache | None,
                changed: list[str]) -> tuple[Model, History, InputCache]:
    """The model and history for this build, parsing only what ``changed`` since ``cache`` was written."""
    fresh = set(changed)
    records: dict[str, Any] = {}
    agencies = {}
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
    head = git_head(root)
    if cache is not None and head is not None and cache.head == head and cache.history is not None:
        history = history_from_json(cache.history)
    else:
        history = read_history(root)
    saved = InputCache(cache.version if cache else "", stamps, records, head, history_to_json(history))
    return Model(agencies), history, saved
