"""Large PDFs in Git LFS: a checkout without the real files holds pointers, and validation says so.

Pointers are written by hand, as ``git lfs`` writes them; the last test uses
git-lfs itself when it is installed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.prakat.pdfcheck import LfsPointer, parse_lfs_pointer
from plugins.prakat.validate import validate
from tests.content_tree import CHILD, PARENT, Tree, agency_yaml
from tests.gitrepo import GitRepo
from tests.pdfs import simple_pdf

PROJECT = Path(__file__).resolve().parents[1]
REAL = simple_pdf("a large announcement")
OID = hashlib.sha256(REAL).hexdigest()
REPORT = f"content/agencies/{CHILD}/report.yaml"
PDF = f"content/documents/{CHILD}/s10-large.pdf"


def pointer(oid: str = OID, size: int = len(REAL), extra: str = "") -> bytes:
    return f"version https://git-lfs.github.com/spec/v1\n{extra}oid sha256:{oid}\nsize {size}\n".encode()


@pytest.mark.parametrize("data, expected", [
    (pointer(), LfsPointer(OID, len(REAL))),
    (pointer(extra="ext-0-foo sha256:" + "1" * 64 + "\n"), LfsPointer(OID, len(REAL))),
    (pointer(size=0), LfsPointer(OID, 0)),
    (pointer().rstrip(b"\n"), None),  # every line ends in a newline
    (pointer().replace(b"\n", b"\r\n"), None),
    (pointer(oid=OID.upper()), None),
    (pointer(oid=OID[:-1]), None),
    (pointer() + b"x" * 1024, None),  # a pointer is a small file
    (REAL, None),
    (b"", None),
])
def test_parse_pointer(data: bytes, expected: LfsPointer | None) -> None:
    assert parse_lfs_pointer(data) == expected


def tree_with(root: Path, file_bytes: bytes, recorded: str) -> Tree:
    tree = Tree(root)
    tree.agency(PARENT, agency_yaml(PARENT))
    tree.agency(CHILD, agency_yaml(CHILD, PARENT))
    tree.write(PDF, file_bytes)
    tree.report(CHILD, f"""
        section10:
          versions:
            - file: s10-large.pdf
              sha256: {recorded}
              announced: 2023-11-01
              status: published
        """)
    return tree


def findings(root: Path) -> list[tuple[str, str, str, int, int]]:
    """What validation says about the child's files (the parent has nothing to announce)."""
    result = validate(root, [f"content/agencies/{CHILD}", f"content/documents/{CHILD}"], use_cache=False)
    return [(f.severity, f.code, f.path, f.line, f.column) for f in result.findings]


def test_pointer_with_the_recorded_sha256_is_a_warning(tmp_path: Path) -> None:
    tree_with(tmp_path, pointer(), OID)
    assert findings(tmp_path) == [("warning", "pdf.lfs_pointer", REPORT, 3, 13)]
    [warning] = [f for f in validate(tmp_path, use_cache=False).findings if f.code == "pdf.lfs_pointer"]
    assert PDF in warning.message("en") and "git lfs pull" in warning.message("en")
    assert "git lfs pull" in warning.message("th")


def test_pointer_to_other_bytes_is_an_error(tmp_path: Path) -> None:
    other = "0" * 64
    tree_with(tmp_path, pointer(oid=other), OID)
    result = validate(tmp_path, use_cache=False)
    assert [(f.code, f.path, f.line) for f in result.errors] == [("pdf.lfs_oid_mismatch", REPORT, 3)]
    assert other in result.errors[0].message("en")


def test_sha256_of_the_pointer_itself_does_not_count(tmp_path: Path) -> None:
    data = pointer()
    tree_with(tmp_path, data, hashlib.sha256(data).hexdigest())
    assert [f.code for f in validate(tmp_path, use_cache=False).errors] == ["pdf.lfs_oid_mismatch"]


def test_real_file_after_lfs_pull_is_checked_as_usual(tmp_path: Path) -> None:
    tree_with(tmp_path, REAL, OID)
    assert findings(tmp_path) == []


def test_unreferenced_pointer_is_an_orphan(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, REAL, OID)
    tree.write(f"content/documents/{CHILD}/old.pdf", pointer(oid="1" * 64))
    assert findings(tmp_path) == [("warning", "doc.orphan", f"content/documents/{CHILD}/old.pdf", 1, 1)]


def test_shipped_gitattributes_has_the_optional_lfs_rule() -> None:
    lines = (PROJECT / ".gitattributes").read_text("utf-8").splitlines()
    assert "# content/documents/**/*.pdf filter=lfs diff=lfs merge=lfs -text" in lines
    assert not any(line.startswith("content/") and "filter=lfs" in line for line in lines)


@pytest.mark.skipif(shutil.which("git-lfs") is None, reason="git-lfs is not installed")
def test_checkout_without_lfs_files_validates_with_warnings(tmp_path: Path) -> None:
    origin = GitRepo.init(tmp_path / "origin")
    origin.git("lfs", "install", "--local")
    (origin.root / ".gitattributes").write_text("content/documents/**/*.pdf filter=lfs diff=lfs merge=lfs -text\n")
    tree_with(origin.root, REAL, OID)
    origin.commit("PDFs in LFS")
    assert parse_lfs_pointer(origin.git("cat-file", "blob", f"HEAD:{PDF}").encode()) == LfsPointer(OID, len(REAL))

    env = {**origin.env(), "GIT_LFS_SKIP_SMUDGE": "1"}
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin.root), str(clone)], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    assert parse_lfs_pointer((clone / PDF).read_bytes()) is not None
    assert findings(clone) == [("warning", "pdf.lfs_pointer", REPORT, 3, 13)]
    assert os.path.getsize(clone / PDF) < 200
