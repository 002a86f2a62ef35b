"""build.py codeowners: CODEOWNERS from maintainers and the hierarchy, and --check."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content_tree import Tree, agency_yaml
from tests.gitrepo import write_settings

PROJECT = Path(__file__).resolve().parents[1]
BUILD = PROJECT / "build.py"

M, D, C, U = "0100000000000", "0111000000000", "0111010000000", "0111010100000"


def codeowners(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRAKAT_")}
    return subprocess.run([sys.executable, str(BUILD), "codeowners", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, check=False)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write_settings(tmp_path)
    tree = Tree(tmp_path)
    tree.agency(M, agency_yaml(M, name="กระทรวง") + 'maintainers: ["@moi/web"]\n')
    tree.agency(D, agency_yaml(D, M, name="กรม") + 'maintainers: ["@dopa/web", "@moi/web"]\n')
    tree.agency(C, agency_yaml(C, D, name="ศูนย์") + "visible: false\n")  # hidden: still owned
    tree.agency(U, agency_yaml(U, C, name="ฝ่าย") + 'unit: true\nmaintainers: ["@somchai"]\n')
    return tmp_path


EXPECTED_RULES = f"""\
* @opdc/central-reviewers @dga/info-admins

/content/agencies/{M}/ @moi/web @opdc/central-reviewers @dga/info-admins
/content/documents/{M}/ @moi/web @opdc/central-reviewers @dga/info-admins
/content/agencies/{D}/ @dopa/web @moi/web @opdc/central-reviewers @dga/info-admins
/content/documents/{D}/ @dopa/web @moi/web @opdc/central-reviewers @dga/info-admins
/content/agencies/{C}/ @dopa/web @moi/web @opdc/central-reviewers @dga/info-admins
/content/documents/{C}/ @dopa/web @moi/web @opdc/central-reviewers @dga/info-admins
/content/agencies/{U}/ @somchai @dopa/web @moi/web @opdc/central-reviewers @dga/info-admins
/content/documents/{U}/ @somchai @dopa/web @moi/web @opdc/central-reviewers @dga/info-admins
"""


def rules(text: str) -> str:
    return "".join(line + "\n" for line in text.splitlines() if not line.startswith("#")).lstrip("\n")


def test_writes_general_rule_first_then_each_agency_with_its_chain(project: Path) -> None:
    done = codeowners(project)
    assert done.returncode == 0, done.stderr
    text = (project / "CODEOWNERS").read_text("utf-8")
    assert text.startswith("# CODEOWNERS: who must approve")
    assert rules(text) == EXPECTED_RULES
    # Each line is a path pattern and owners, the form both GitHub and GitLab read.
    for line in text.splitlines():
        if line and not line.startswith("#"):
            pattern, *owners = line.split(" ")
            assert pattern == "*" or (pattern.startswith("/content/") and pattern.endswith("/"))
            assert owners and all(o.startswith("@") for o in owners)


def test_output_is_deterministic_and_check_passes_when_fresh(project: Path) -> None:
    codeowners(project)
    first = (project / "CODEOWNERS").read_bytes()
    again = codeowners(project)
    assert again.returncode == 0 and "เป็นปัจจุบันอยู่แล้ว" in again.stdout
    assert (project / "CODEOWNERS").read_bytes() == first
    check = codeowners(project, "--check")
    assert check.returncode == 0, check.stdout


def test_check_detects_a_stale_file_and_says_how_to_fix_it(project: Path) -> None:
    codeowners(project)
    before = (project / "CODEOWNERS").read_text("utf-8")
    path = project / "content" / "agencies" / D / "agency.yaml"
    path.write_text(path.read_text("utf-8").replace('"@dopa/web", ', ""), "utf-8")
    done = codeowners(project, "--check", "--lang", "en")
    assert done.returncode == 1
    assert "run python build.py codeowners and commit CODEOWNERS" in done.stdout
    assert f"-/content/agencies/{D}/ @dopa/web @moi/web" in done.stdout
    assert (project / "CODEOWNERS").read_text("utf-8") == before  # --check never writes
    thai = codeowners(project, "--check")
    assert thai.returncode == 1 and "รัน python build.py codeowners" in thai.stdout


def test_check_without_a_file_is_stale(project: Path) -> None:
    done = codeowners(project, "--check")
    assert done.returncode == 1 and "ยังไม่มีไฟล์ CODEOWNERS" in done.stdout
    assert not (project / "CODEOWNERS").exists()


def test_refuses_without_central_reviewers(project: Path) -> None:
    (project / "pelicanconf.py").write_text('SITENAME = "x"\n', "utf-8")
    done = codeowners(project)
    assert done.returncode == 1
    assert "PRAKAT_CENTRAL_REVIEWERS" in done.stderr
    assert not (project / "CODEOWNERS").exists()


def test_committed_codeowners_matches_the_sample_content() -> None:
    done = codeowners(PROJECT, "--check", "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
