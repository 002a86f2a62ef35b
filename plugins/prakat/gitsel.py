"""Which content files changed since a revision, uncommitted and untracked included."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable


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


def changed_paths(root: Path, rev: str, meanwhile: Callable[[], object] | None = None) -> set[str]:
    """Repository-relative paths under content/ that differ from ``rev``.

    Compares the working tree (not just commits) with ``rev``, and adds
    untracked files, so what a clerk has not committed yet is checked too.
    Listing untracked files makes Git walk every folder under content/, most
    of a second at 20,000 agencies, so both questions run in the background
    and ``meanwhile`` (the caller's own reading) runs beside them, on the
    other core.
    """
    # The commit's hash, not the text given: a "revision" such as --output=FILE never reaches git diff.
    commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    commands = (["diff", "--name-only", "--no-renames", "-z", commit, "--", "content"],
                ["ls-files", "--others", "--exclude-standard", "-z", "--", "content"])
    try:
        running = [subprocess.Popen(["git", *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                   for args in commands]
    except OSError as err:
        raise GitError(str(err)) from err
    if meanwhile is not None:
        meanwhile()
    paths: set[str] = set()
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0:
            message = err.decode("utf-8", "replace").strip()
            raise GitError(message.splitlines()[-1] if message else "git failed")
        paths.update(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)
    return paths
