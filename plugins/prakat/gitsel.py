"""Which content files changed since a revision, uncommitted and untracked included."""
from __future__ import annotations

import subprocess
from pathlib import Path


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


def changed_paths(root: Path, rev: str) -> set[str]:
    """Repository-relative paths under content/ that differ from ``rev``.

    Compares the working tree (not just commits) with ``rev``, and adds
    untracked files, so what a clerk has not committed yet is checked too.
    """
    _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    diff = _git(root, "diff", "--name-only", "--no-renames", "-z", rev, "--", "content")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", "content")
    return {p for p in (diff + untracked).split("\0") if p}
