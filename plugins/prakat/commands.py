"""The bodies of the content commands: validate and the record editors."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .cli_support import CommandFailed
from .gitsel import GitError, changes_since
from .reporters import REPORTERS
from .store import ContentStore
from .validate import validate


def run_validate(root: Path, paths: Sequence[str], changed_since: str | None, fmt: str,
                 lang: str) -> tuple[str, int]:
    selection: list[str] | None = None
    if paths:
        selection = [_relative(root, p) for p in paths]
    store = ContentStore(root)
    if changed_since:
        try:
            changes = changes_since(root, changed_since, meanwhile=lambda: store.codes)
        except GitError as err:
            raise CommandFailed(
                f"อ่านประวัติ Git ที่ {changed_since} ไม่ได้ ({err}) — ตรวจชื่อ branch หรือ commit",
                f"cannot read Git history at {changed_since} ({err}); check the branch or commit name",
                exit_code=2) from err
        store.suggest_referrers(changes.referrer_candidates)
        changed = changes.paths
        selection = sorted(set(selection or []) | changed) if paths else sorted(changed)
    result = validate(root, selection, store=store)
    return REPORTERS[fmt](result.findings, lang), (1 if result.errors else 0)


def _relative(root: Path, given: str) -> str:
    path = Path(given)
    absolute = path if path.is_absolute() else (Path.cwd() / path)
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
