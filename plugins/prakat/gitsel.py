"""Which content files changed since a revision, uncommitted and untracked included."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .store import AGENCIES, code_of

# Beyond this many changed agencies, one read of every agency.yaml is cheaper than a search for each code.
MAX_SEARCHED_CODES = 2000


class GitError(Exception):
    """Git could not answer (not a repository, unknown revision, git missing)."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError as err:
        raise GitError(str(err)) from err
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def _start(root: Path, args: list[str]) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(["git", *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as err:
        raise GitError(str(err)) from err


def _paths(process: subprocess.Popen[bytes], allowed: tuple[int, ...] = (0,)) -> list[str]:
    out, err = process.communicate()
    if process.returncode not in allowed:
        message = err.decode("utf-8", "replace").strip()
        raise GitError(message.splitlines()[-1] if message else "git failed")
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def _agency_codes(paths: Iterable[str]) -> set[str]:
    """The agencies whose own folder (content/agencies/<code>/) holds one of these paths."""
    return {code for path in paths if path.startswith(AGENCIES + "/") and (code := code_of(path))}


def agencies_mentioning(codes: Iterable[str], tree: str | None = None) -> list[str]:
    """Git's arguments to list the agency.yaml files that contain any of ``codes``: those of the
    commit ``tree``, or the tracked ones of the working tree.  A superset of their children."""
    patterns = [arg for code in sorted(codes) for arg in ("-e", code)]
    return ["grep", "-l", "-z", "-F", "--no-color", *patterns, *([tree] if tree else []), "--",
            f":(glob){AGENCIES}/*/agency.yaml"]


def mentioned_agencies(listed: Iterable[str]) -> set[str]:
    """The agencies of the files such a search listed (``commit:path`` when it searched a commit)."""
    return {code for path in listed if (code := code_of(path.rpartition(":")[2]))}


def _partial_clone(root: Path) -> bool:
    """Whether Git may fetch missing file contents from the network (a clone made with --filter).

    Searching the commit would then download every agency record it lacks; reading the
    working tree costs nothing of the kind.
    """
    try:  # Git marks the remote that can fill in what is missing; older versions an extension
        found = _git(root, "config", "--get-regexp", r"^(remote\..*\.promisor|extensions\.partialclone)$")
    except GitError:  # neither is set: an ordinary clone
        return False
    return any(value.strip().lower() not in ("", "false") for _, _, value in
               (line.partition(" ") for line in found.splitlines()))


@dataclass(frozen=True)
class ContentChanges:
    """What differs under content/ from a commit, and who may name a changed agency as parent."""

    paths: set[str]
    # Agencies whose agency.yaml at the commit mentions one of ``searched`` (None: not searched).
    mentioning: frozenset[str] | None
    searched: frozenset[str]

    def referrer_candidates(self, code: str) -> list[str] | None:
        """Every agency that can name ``code`` as its parent in the working tree (and maybe more);
        None when this search cannot tell (the caller then reads every record).

        An agency.yaml that is neither changed nor untracked is as it was at the commit, so the
        commit's text answers for it; the changed and untracked ones are all candidates.
        """
        if self.mentioning is None or code not in self.searched:
            return None
        return sorted(self.mentioning | _agency_codes(self.paths))


def changes_since(root: Path, rev: str, meanwhile: Callable[[], object] | None = None) -> ContentChanges:
    """The repository-relative paths under content/ that differ from ``rev``, and referrer candidates.

    Compares the working tree (not just commits) with ``rev``, and adds
    untracked files, so what a clerk has not committed yet is checked too.
    Listing untracked files makes Git walk every folder under content/, most
    of a second at 20,000 agencies, so it runs in the background while the
    commit's agency records are searched for the codes of the agencies that
    changed (``git grep``, which reads Git's packed objects, is several times
    cheaper than opening twenty thousand files here), and ``meanwhile`` (the
    caller's own reading) runs beside both.  Ignored files are not content.
    """
    # The commit's hash, not the text given: a "revision" such as --output=FILE never reaches git diff.
    commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    untracked = _start(root, ["ls-files", "--others", "--exclude-standard", "-z", "--", "content"])
    running = [untracked]
    try:
        diff = _start(root, ["diff", "--name-only", "--no-renames", "-z", commit, "--", "content"])
        running.append(diff)
        changed = _paths(diff)
        codes = _agency_codes(changed)
        search = None
        if codes and len(codes) <= MAX_SEARCHED_CODES and not _partial_clone(root):
            search = _start(root, agencies_mentioning(codes, commit))
            running.append(search)
        if meanwhile is not None:
            meanwhile()
        mentioning: frozenset[str] | None = frozenset() if not codes else None
        if search is not None:
            try:  # exit status 1: no file mentions them
                mentioning = frozenset(mentioned_agencies(_paths(search, (0, 1))))
            except GitError:
                mentioning = None  # the search is only a shortcut: the caller reads every record instead
        paths = set(changed) | set(_paths(untracked))
    finally:  # on an error, no Git process is left behind
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()
    return ContentChanges(paths, mentioning, frozenset(codes))
