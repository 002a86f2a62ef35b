"""``validate --changed-since``: what changed since a commit, and the agencies that name it as parent.

A selective run must re-check the children of a changed agency (a parent that
disappears breaks them).  It finds them by searching the commit's records for the
changed codes, not by reading every agency.yaml; these tests hold that search to
the same answers as reading every record, on real Git repositories.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.prakat.gitsel import changes_since
from plugins.prakat.store import ContentStore
from plugins.prakat.validate import validate
from tests.content_tree import Tree, agency_yaml
from tests.gitrepo import GitRepo

BUILD = Path(__file__).resolve().parents[1] / "build.py"

MINISTRY = "0100000000000"
DEPT = "0111013900000"
UNIT = "0111013900200"
OTHER = "0200000000000"
NEW = "0111013900300"


@pytest.fixture()
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.init(tmp_path / "repo")
    tree = Tree(repo.root)
    tree.agency(MINISTRY, agency_yaml(MINISTRY, name="สำนักนายกรัฐมนตรี"))
    tree.agency(DEPT, agency_yaml(DEPT, MINISTRY, name="สำนักงานพัฒนารัฐบาลดิจิทัล"))
    tree.agency(UNIT, agency_yaml(UNIT, DEPT, name="ฝ่ายบริการประชาชน") + "unit: true\n")
    tree.agency(OTHER, agency_yaml(OTHER, name="กระทรวงอื่น"))
    repo.commit("Base content")
    return repo


def _selective(root: Path, search: bool) -> tuple[list[tuple[str, int, str]], ContentStore]:
    store = ContentStore(root)
    changes = changes_since(root, "HEAD")
    if search:
        store.suggest_referrers(changes.referrer_candidates)
    found = validate(root, sorted(changes.paths), store=store).findings
    return [(f.path, f.line, f.code) for f in found], store


def test_a_removed_parent_reports_its_children_without_reading_every_record(repo: GitRepo) -> None:
    (repo.root / "content" / "agencies" / DEPT / "agency.yaml").unlink()
    searched, store = _selective(repo.root, search=True)
    read_all, _ = _selective(repo.root, search=False)
    assert (f"content/agencies/{UNIT}/agency.yaml", 2, "record.parent_missing") in searched
    assert searched == read_all
    assert "agency_bytes" not in store.__dict__  # the commit's records were searched instead


def test_an_uncommitted_child_of_a_changed_agency_is_found(repo: GitRepo) -> None:
    # OTHER names DEPT as parent in the working tree only; DEPT then disappears.
    path = repo.root / "content" / "agencies" / OTHER / "agency.yaml"
    path.write_text(agency_yaml(OTHER, DEPT, name="กระทรวงอื่น"), "utf-8")
    (repo.root / "content" / "agencies" / DEPT / "agency.yaml").unlink()
    changes = changes_since(repo.root, "HEAD")
    assert OTHER in (changes.referrer_candidates(DEPT) or [])
    searched, _ = _selective(repo.root, search=True)
    assert searched == _selective(repo.root, search=False)[0]
    assert {(p, c) for p, _, c in searched} >= {(f"content/agencies/{OTHER}/agency.yaml", "record.parent_missing"),
                                               (f"content/agencies/{UNIT}/agency.yaml", "record.parent_missing")}


def test_a_new_agency_is_answered_by_reading_the_records(repo: GitRepo) -> None:
    Tree(repo.root).agency(NEW, agency_yaml(NEW, DEPT, name="กองใหม่"))  # untracked: not at the commit
    changes = changes_since(repo.root, "HEAD")
    assert changes.paths == {f"content/agencies/{NEW}/agency.yaml"}
    assert changes.referrer_candidates(NEW) is None  # the commit cannot tell who names it
    searched, store = _selective(repo.root, search=True)
    assert searched == _selective(repo.root, search=False)[0]
    assert [code for _, _, code in searched] == ["compliance.no_section10"]  # a warning, no error
    assert "agency_bytes" in store.__dict__


def test_an_unchanged_agency_mentioning_a_changed_code_elsewhere_is_only_a_candidate(repo: GitRepo) -> None:
    # A code inside a phone or a note is not a parent: the candidate is parsed and dropped.
    path = repo.root / "content" / "agencies" / OTHER / "agency.yaml"
    path.write_text(agency_yaml(OTHER, name="กระทรวงอื่น") + f"# ดูเพิ่มเติมที่ {DEPT}\n", "utf-8")
    repo.commit("A comment naming the department")
    edit = repo.root / "content" / "agencies" / DEPT / "agency.yaml"
    edit.write_text(edit.read_text("utf-8").replace("สำนักงานพัฒนารัฐบาลดิจิทัล", "สพร."), "utf-8")
    changes = changes_since(repo.root, "HEAD")
    assert OTHER in (changes.referrer_candidates(DEPT) or [])
    store = ContentStore(repo.root)
    store.suggest_referrers(changes.referrer_candidates)
    assert store.referrers(DEPT) == [UNIT]


def test_the_command_reports_the_children_of_a_removed_parent(repo: GitRepo) -> None:
    (repo.root / "content" / "agencies" / DEPT / "agency.yaml").unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRAKAT_", "GIT_"))}
    done = subprocess.run([sys.executable, str(BUILD), "validate", "--root", str(repo.root), "--changed-since",
                           "HEAD", "--lang", "en"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"content/agencies/{UNIT}/agency.yaml:2" in done.stdout + done.stderr
    assert "record.parent_missing" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_a_failed_search_falls_back_to_reading_every_record(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    from plugins.prakat import gitsel

    monkeypatch.setattr(gitsel, "agencies_mentioning", lambda codes, tree=None: ["grep", "--no-such-option"])
    (repo.root / "content" / "agencies" / DEPT / "agency.yaml").unlink()
    changes = changes_since(repo.root, "HEAD")
    assert changes.paths == {f"content/agencies/{DEPT}/agency.yaml"}
    assert changes.referrer_candidates(DEPT) is None
    searched, store = _selective(repo.root, search=True)
    assert (f"content/agencies/{UNIT}/agency.yaml", 2, "record.parent_missing") in searched
    assert "agency_bytes" in store.__dict__


def test_a_partial_clone_is_not_searched(repo: GitRepo, tmp_path: Path) -> None:
    # A clone made with --filter=blob:none would download every record the search reads.
    from plugins.prakat import gitsel

    assert not gitsel._partial_clone(repo.root)
    repo.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--filter=blob:none", f"file://{repo.root}", str(clone))
    assert gitsel._partial_clone(clone)
    (clone / "content" / "agencies" / DEPT / "agency.yaml").unlink()
    changes = changes_since(clone, "HEAD")
    assert changes.paths == {f"content/agencies/{DEPT}/agency.yaml"}
    assert changes.referrer_candidates(DEPT) is None  # the working tree is read instead
