"""History from Git: record and document dates and authors, read from real commits with set dates."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plugins.prakat.gitinfo import History, read_history
from tests.content_tree import Tree, agency_yaml
from tests.gitrepo import GitRepo

A, B = "0100000000000", "0111013900000"
THAI_PDF = "ประกาศช่องทาง-2567.pdf"


@pytest.fixture()
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.init(tmp_path / "repo")
    tree = Tree(repo.root)
    tree.agency(A, agency_yaml(A))
    tree.report(A, "problems: []\n")
    tree.pdf(A, "s10-2566.pdf")
    tree.agency(B, agency_yaml(B, A))
    repo.commit("Agencies A and B", date="2024-01-02T09:00:00+07:00", author="Somchai Jaidee")

    tree.report(A, "problems:\n  - category: data\n")
    tree.pdf(A, THAI_PDF)
    repo.commit("A: problems and a Section 10 PDF", date="2024-03-05T14:30:00+07:00", author="Kanya Srisuk")

    tree.write(f"content/agencies/{B}/agency.yaml", agency_yaml(B, A, name="ชื่อใหม่"))
    repo.commit("B: new name", date="2024-04-10T10:00:00+07:00", author="Somchai Jaidee")

    (repo.root / "README.md").write_text("not content\n", "utf-8")
    repo.commit("README", date="2024-05-01T08:00:00+07:00", author="Central Office")
    return repo


def change(history: History, code: str, file: str | None = None) -> tuple[dt.date, str]:
    found = history.version_added(code, file) if file else history.record_changed(code)
    assert found is not None
    return found.date, found.author


def test_latest_change_of_each_record(repo: GitRepo) -> None:
    history = read_history(repo.root)
    assert history.known
    assert change(history, A) == (dt.date(2024, 3, 5), "Kanya Srisuk")
    assert change(history, B) == (dt.date(2024, 4, 10), "Somchai Jaidee")
    assert history.record_changed("0999999999999") is None


def test_first_addition_of_each_document(repo: GitRepo) -> None:
    history = read_history(repo.root)
    assert change(history, A, "s10-2566.pdf") == (dt.date(2024, 1, 2), "Somchai Jaidee")
    assert change(history, A, THAI_PDF) == (dt.date(2024, 3, 5), "Kanya Srisuk")
    assert history.version_added(A, "missing.pdf") is None


def test_commits_are_identified(repo: GitRepo) -> None:
    history = read_history(repo.root)
    record = history.record_changed(B)
    assert record is not None and record.commit == repo.git("rev-parse", "HEAD~1").strip()


def test_last_content_change_ignores_other_files(repo: GitRepo) -> None:
    last = read_history(repo.root).last_content_change
    assert last is not None and (last.date, last.author) == (dt.date(2024, 4, 10), "Somchai Jaidee")


def test_a_later_pdf_edit_keeps_the_first_addition(repo: GitRepo) -> None:
    Tree(repo.root).pdf(A, "s10-2566.pdf", b"%PDF-1.4 replaced\n")
    repo.commit("Replace the PDF", date="2024-06-01T09:00:00+07:00", author="Kanya Srisuk")
    assert change(read_history(repo.root), A, "s10-2566.pdf") == (dt.date(2024, 1, 2), "Somchai Jaidee")


def test_dates_are_the_authors_local_dates(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    Tree(repo.root).agency(A, agency_yaml(A))
    repo.commit("Just after midnight in Bangkok", date="2024-01-01T00:30:00+07:00", author="Somchai Jaidee")
    assert change(read_history(repo.root), A) == (dt.date(2024, 1, 1), "Somchai Jaidee")


def test_changes_merged_from_a_branch_count_with_their_own_dates(repo: GitRepo) -> None:
    repo.branch("update")
    Tree(repo.root).write(f"content/agencies/{A}/agency.yaml", agency_yaml(A, name="แก้ไขในสาขา"))
    repo.commit("A on a branch", date="2024-07-01T09:00:00+07:00", author="Kanya Srisuk")
    repo.checkout("main")
    repo.git("merge", "--no-ff", "-q", "-m", "Merge update", "update", date="2024-07-02T09:00:00+07:00",
             author="Central Office")
    assert change(read_history(repo.root), A) == (dt.date(2024, 7, 1), "Kanya Srisuk")


def test_project_in_a_subfolder_of_a_repository(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "monorepo")
    site = repo.root / "site"
    Tree(site).agency(A, agency_yaml(A))
    repo.commit("Site inside a larger repository", date="2024-02-03T09:00:00+07:00", author="Somchai Jaidee")
    assert change(read_history(site), A) == (dt.date(2024, 2, 3), "Somchai Jaidee")


def test_not_a_repository(tmp_path: Path) -> None:
    Tree(tmp_path).agency(A, agency_yaml(A))
    history = read_history(tmp_path)
    assert history == History()
    assert not history.known and history.record_changed(A) is None and history.last_content_change is None


def test_git_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert shutil.which("git") is None
    assert read_history(tmp_path) == History()
