"""History from Git, read in one pass over the log.

The site says when each record last changed and by whom, and when each
document version was first added.  Asking Git once per file would cost
minutes on a national data set, so this reads ``git log --name-only`` once,
newest first, and keeps the first (latest) change of each record and the last
(earliest) addition of each PDF.  Outside a Git checkout everything is
unknown and the build says so rather than failing.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_RECORD_PREFIX = "content/agencies/"
_DOCUMENT_PREFIX = "content/documents/"
_MARK = "\x1e"  # record separator: cannot appear in a path or a name


@dataclass(frozen=True)
class Change:
    date: dt.date
    author: str  # commit author's name, never the e-mail
    commit: str


@dataclass
class History:
    known: bool = False
    last_content_change: Change | None = None
    records: dict[str, Change] = field(default_factory=dict)  # agency code -> latest change of its YAML
    documents: dict[str, Change] = field(default_factory=dict)  # "code/file" -> first commit that added it

    def record_changed(self, code: str) -> Change | None:
        return self.records.get(code)

    def version_added(self, code: str, file: str) -> Change | None:
        return self.documents.get(f"{code}/{file}")


def read_history(root: Path) -> History:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--relative", "--no-renames", "--name-status", "--no-merges",
             f"--format={_MARK}%H%x00%ad%x00%an", "--date=short", "--", "content"],
            cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
    except OSError:
        return History()
    if done.returncode != 0:
        return History()
    history = History(known=True)
    for block in done.stdout.split(_MARK):
        if not block.strip():
            continue
        header, _, body = block.partition("\n")
        commit, date_text, author = (header.split("\x00") + ["", "", ""])[:3]
        try:
            change = Change(dt.date.fromisoformat(date_text), author, commit)
        except ValueError:
            continue
        if history.last_content_change is None:
            history.last_content_change = change
        for line in body.splitlines():
            status, _, path = line.partition("\t")
            if not path:
                continue
            if path.startswith(_RECORD_PREFIX):
                parts = path.split("/")
                if len(parts) == 4 and parts[3] in ("agency.yaml", "report.yaml"):
                    history.records.setdefault(parts[2], change)
            elif path.startswith(_DOCUMENT_PREFIX) and status.startswith("A"):
                parts = path.split("/")
                if len(parts) == 4:
                    history.documents[f"{parts[2]}/{parts[3]}"] = change  # older commits overwrite: first addition wins
    return history
