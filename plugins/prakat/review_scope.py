"""The two sides of a change, loaded only as far as the change reaches.

A change to one agency in a national data set must be reviewed in seconds, so
neither side is loaded whole.  What a change can alter for the public is
bounded:

- the changed agencies themselves (any file of theirs differs from the base);
- their descendants, because compliance flows downwards (an announcement with
  scope ``subordinates``, a unit's parent's order, a hidden agency passing
  inheritance through);
- their ancestors on either side, which those compliance rules read.

Every other agency has byte-identical records on both sides, so it is read
once, from the working tree, and shared by both models.  Only the changed
agencies' records are read from the base revision (``git cat-file --batch``
into a temporary folder, then the same ``ContentStore`` as everywhere else).
Descendants are found by asking ``git grep`` which agency.yaml files mention
the codes at all, then confirming each candidate's parent with the store.
"""
from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .gitsel import GitError
from .model import Model, build_model
from .pdfcache import CACHE_DIR
from .gitsel import agencies_mentioning, mentioned_agencies
from .store import AGENCIES, CODE_RE, RECORD_FILES, ContentStore, code_of


def git(root: Path, *args: str, input_bytes: bytes | None = None, ok: tuple[int, ...] = (0,)) -> bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, input=input_bytes,
                              capture_output=True, check=False)
    except OSError as err:
        raise GitError(str(err)) from err
    if done.returncode not in ok:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(message.splitlines()[-1] if message else f"git {args[0]} failed")
    return done.stdout


def resolve(root: Path, rev: str) -> str:
    """The commit ``rev`` names, as a full hash."""
    return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()


def other_changed_paths(root: Path, rev: str) -> set[str]:
    """Changed paths outside content/ (committed, uncommitted and untracked).

    Untracked files are looked for only under the top-level entries other than
    content/, so a national content tree is not walked a second time.
    """
    outside = ":(exclude)content"
    diff = git(root, "diff", "--name-only", "--no-renames", "-z", rev, "--", ".", outside)
    tops = sorted(p.name for p in Path(root).iterdir() if p.name not in ("content", ".git", CACHE_DIR))
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z", "--",
                    *(f":(literal){t}" for t in tops)) if tops else b""
    return {p for p in (diff + untracked).decode("utf-8", "replace").split("\0") if p}


def changed_codes(paths: Iterable[str]) -> set[str]:
    """Agency codes with a changed file; a folder that is not a code is validation's business."""
    return {code for code in (code_of(p) for p in paths) if code and CODE_RE.match(code)}


def _mentioning(root: Path, codes: set[str]) -> set[str]:
    """Agencies whose agency.yaml contains any of ``codes`` as bytes (a superset of their children).

    Only unchanged agencies need finding (the changed ones are all in the
    review already), and those are tracked, so untracked files are skipped.
    """
    out = git(root, *agencies_mentioning(codes), ok=(0, 1))  # tracked files: an untracked agency is a changed one
    return mentioned_agencies(p for p in out.decode("utf-8", "replace").split("\0") if p)


def descendants(root: Path, store: ContentStore, codes: set[str]) -> set[str]:
    """Every agency below ``codes`` in the working tree, one ``git grep`` per level."""
    found: set[str] = set()
    frontier = set(codes)
    while frontier:
        candidates = _mentioning(root, frontier) - found - codes
        children = {c for c in candidates if store.parent_of(c) in frontier}
        found |= children
        frontier = children
    return found


def _chain(code: str, parent_of) -> list[str]:
    """``code`` and its ancestors, stopping at a missing parent or a loop."""
    chain = [code]
    current = parent_of(code)
    while current and current not in chain:
        chain.append(current)
        current = parent_of(current)
    return chain


class BaseRecords:
    """The records of some agencies at a revision, in a temporary content tree."""

    def __init__(self, root: Path, commit: str, codes: Iterable[str]) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="prakat-review-")
        self.root = Path(self._dir.name)
        (self.root / AGENCIES).mkdir(parents=True)
        rels = [f"{AGENCIES}/{code}/{name}" for code in sorted(set(codes)) for name in RECORD_FILES]
        if rels:
            self._write(git(Path(root), "cat-file", "--batch",
                            input_bytes="".join(f"{commit}:{r}\n" for r in rels).encode()), rels)
        self.store = ContentStore(self.root)

    def _write(self, out: bytes, rels: list[str]) -> None:
        """Split ``git cat-file --batch`` output: a header line, then the blob and a newline."""
        at = 0
        for rel in rels:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) < 3:  # "<name> missing": not at that revision
                continue
            size = int(header[2])
            if header[1] == b"blob":
                target = self.root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(out[at:at + size])
            at += size + 1

    def close(self) -> None:
        self._dir.cleanup()


@dataclass
class Sides:
    """Both sides of a change, as far as it reaches."""

    base: Model
    new: Model
    changed: set[str]  # agencies with any changed file
    affected: list[str]  # changed agencies and their descendants: whose public state may differ


def load_sides(root: Path, commit: str, store: ContentStore, changed: set[str]) -> Sides:
    """Models of the base and the working tree over the changed agencies' reach.

    ``store`` reads the working tree (the validator's, so nothing is read twice).
    """
    records = BaseRecords(root, commit, changed)
    try:
        old = records.store
        below = descendants(root, store, changed)

        def base_parent(code: str) -> str | None:
            return old.parent_of(code) if code in changed else store.parent_of(code)

        above: set[str] = set()
        for code in changed:
            above.update(_chain(code, store.parent_of))
            above.update(_chain(code, base_parent))
        reach = sorted(changed | below | above)
        new = build_model(store, [c for c in reach if store.has_agency(c)])
        shared = {c: dataclasses.replace(a, children=[]) for c, a in new.agencies.items() if c not in changed}
        base = Model({**shared, **build_model(old, sorted(c for c in changed if old.has_agency(c))).agencies})
    finally:
        records.close()
    return Sides(base=base, new=new, changed=set(changed), affected=sorted(changed | below))
