"""Real Git repositories in temporary folders, with fixed dates and authors.

    repo = GitRepo.init(tmp_path / "repo")
    Tree(repo.root) ... write content ...
    repo.commit("Base", date="2024-01-02T09:00:00+07:00", author="Somchai Jaidee")
    repo.branch("change")

Every commit has the author, committer and dates it is given (defaults are
fixed too), so hashes and history are the same on every run.  Git's own
configuration on the machine is ignored.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

DEFAULT_DATE = "2024-01-02T09:00:00+07:00"
DEFAULT_AUTHOR = "Prakat Tests"


def _email(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum()) + "@example.go.th"


@dataclass
class GitRepo:
    root: Path

    @classmethod
    def init(cls, root: Path, branch: str = "main") -> "GitRepo":
        root.mkdir(parents=True, exist_ok=True)
        repo = cls(root)
        repo.git("init", "-q", "-b", branch)
        for key, value in (("user.name", DEFAULT_AUTHOR), ("user.email", _email(DEFAULT_AUTHOR)),
                           ("commit.gpgsign", "false"), ("core.autocrlf", "false"), ("core.quotepath", "false")):
            repo.git("config", key, value)
        return repo

    def env(self, date: str = DEFAULT_DATE, author: str = DEFAULT_AUTHOR) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME=author,
                   GIT_AUTHOR_EMAIL=_email(author), GIT_COMMITTER_NAME=author, GIT_COMMITTER_EMAIL=_email(author),
                   GIT_CONFIG_NOSYSTEM="1", HOME=str(self.root))
        return env

    def git(self, *args: str, date: str = DEFAULT_DATE, author: str = DEFAULT_AUTHOR) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                              env=self.env(date, author), check=False)
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def commit(self, message: str, paths: Iterable[str] | None = None, *, date: str = DEFAULT_DATE,
               author: str = DEFAULT_AUTHOR) -> str:
        """Stage ``paths`` (everything when None, deletions included) and commit; return the hash."""
        if paths is None:
            self.git("add", "--all", "--", ".")
        else:
            self.git("add", "--all", "--", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date, author=author)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)


def copy_content(source: Path, target: Path) -> None:
    """Copy a project's content/ folder (records and PDFs) into ``target``."""
    shutil.copytree(source / "content", target / "content", dirs_exist_ok=True)


def write_settings(root: Path, central: Iterable[str] = ("@opdc/central-reviewers", "@dga/info-admins")) -> None:
    """A pelicanconf.py that names the central reviewers, as a content repository has."""
    listed = ", ".join(f'"{c}"' for c in central)
    (root / "pelicanconf.py").write_text(
        f'SITENAME = "Prakat"\n# Who may change anything (CODEOWNERS "*", build.py review)\n'
        f"PRAKAT_CENTRAL_REVIEWERS = [{listed}]\n", "utf-8")
