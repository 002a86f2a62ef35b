"""build.py review on real Git repositories: what the public sees change, and who may change it.

Each test makes a repository with a base commit on ``main`` (a ministry, a
department with its own announcement, a centre and its unit that inherit the
ministry's announcement, and an unrelated ministry), branches, changes
something the way a web team would, and runs the real command line.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.prakat import review_render
from plugins.prakat.review import build_review
from tests.content_tree import Tree, agency_yaml
from tests.gitrepo import GitRepo, write_settings
from tests.pdfs import simple_pdf

BUILD = Path(__file__).resolve().parents[1] / "build.py"

MINISTRY = "0100000000000"  # @opm/web, Section 10 for all subordinates
DEPT = "0111013900000"  # @dga/web, its own Section 10
CENTRE = "0111013900100"  # @centre/web, inherits the ministry's announcement
UNIT = "0111013900200"  # unit of the centre, no maintainers of its own
OTHER = "0200000000000"  # @other/web, an unrelated ministry
NEW = "0111013900300"

CENTRAL_TEAM = "@opdc/central-reviewers"


def _report(tree: Tree, code: str, file: str, announced: str, scope: str = "self",
            section16: str | None = None) -> None:
    digest = tree.pdf(code, file)
    body = f"""
        section10:
          versions:
            - file: {file}
              sha256: {digest}
              announced: {announced}
              status: published
              scope: {scope}
        """
    if section16:
        digest16 = tree.pdf(code, section16)
        body += f"""
        section16:
          versions:
            - file: {section16}
              sha256: {digest16}
              effective: {announced}
              status: published
        """
    tree.report(code, body)


@pytest.fixture()
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.init(tmp_path / "repo")
    write_settings(repo.root)
    (repo.root / ".gitignore").write_text("/output/\n/.prakat-cache/\n", "utf-8")
    tree = Tree(repo.root)
    tree.agency(MINISTRY, agency_yaml(MINISTRY, name="สำนักนายกรัฐมนตรี") + 'maintainers: ["@opm/web"]\n')
    _report(tree, MINISTRY, "s10-opm.pdf", "2023-11-01", scope="subordinates", section16="s16-opm.pdf")
    tree.agency(DEPT, agency_yaml(DEPT, MINISTRY, name="สำนักงานพัฒนารัฐบาลดิจิทัล")
                + 'phones: ["0 2612 6060"]\nmaintainers: ["@dga/web"]\n')
    _report(tree, DEPT, "s10-dga.pdf", "2023-11-02")
    tree.agency(CENTRE, agency_yaml(CENTRE, DEPT, name="ศูนย์บริการข้อมูล") + 'maintainers: ["@centre/web"]\n')
    tree.agency(UNIT, agency_yaml(UNIT, CENTRE, name="ฝ่ายบริการประชาชน") + "unit: true\n")
    tree.agency(OTHER, agency_yaml(OTHER, name="กระทรวงอื่น") + 'maintainers: ["@other/web"]\n')
    _report(tree, OTHER, "s10-other.pdf", "2023-12-01")
    repo.commit("Base content", date="2024-01-02T09:00:00+07:00")
    repo.branch("change")
    return repo


def run(repo: GitRepo, *args: str, teams: str | None = None, preview: str | None = None,
        lang: str = "th") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRAKAT_", "GIT_"))}
    env["PRAKAT_TODAY"] = "2026-11-25"
    if teams is not None:
        env["PRAKAT_AUTHOR_TEAMS"] = teams
    if preview is not None:
        env["PRAKAT_PREVIEW_URL"] = preview
    return subprocess.run([sys.executable, str(BUILD), "review", "--root", str(repo.root), "--base", "main",
                           "--lang", lang, *args], capture_output=True, text=True, env=env, check=False)


def review_json(repo: GitRepo, *args: str, **kw: str) -> tuple[int, dict]:
    done = run(repo, "--format", "json", *args, **kw)
    assert done.stderr == "", done.stderr
    return done.returncode, json.loads(done.stdout)


def edit(repo: GitRepo, rel: str, old: str, new: str) -> None:
    path = repo.root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), "utf-8")


def agency_rel(code: str) -> str:
    return f"content/agencies/{code}/agency.yaml"


def report_rel(code: str) -> str:
    return f"content/agencies/{code}/report.yaml"


def suspend_ministry_announcement(repo: GitRepo) -> None:
    path = repo.root / report_rel(MINISTRY)
    text = path.read_text("utf-8")
    head, _, tail = text.partition("section16:")
    path.write_text(head.replace("status: published", "status: suspended") + "section16:" + tail, "utf-8")


# --- what the public will see ----------------------------------------------------------------

def test_contact_change_shows_old_and_new(repo: GitRepo) -> None:
    edit(repo, agency_rel(DEPT), '"0 2612 6060"', '"0 2142 1234", "0 2142 1235"')
    edit(repo, agency_rel(DEPT), "https://www.example.go.th", "https://www.dga.or.th")
    repo.commit("DGA: new phone numbers and website")

    done = run(repo, "--author", "@dga/web")
    assert done.returncode == 0, done.stdout + done.stderr
    md = done.stdout
    assert "| โทรศัพท์ | `0 2612 6060` | `0 2142 1234`, `0 2142 1235` |" in md
    assert "| เว็บไซต์ | `https://www.example.go.th` | `https://www.dga.or.th` |" in md
    assert f"[สำนักงานพัฒนารัฐบาลดิจิทัล](/agencies/{DEPT}/) `{DEPT}` — ✏️ แก้ไข" in md
    assert "ผลการตรวจ: ✅ ผ่าน" in md

    code, doc = review_json(repo, "--author", "@dga/web")
    assert code == 0
    [agency] = doc["agencies"]
    assert agency["code"] == DEPT and agency["change"] == "changed"
    assert {"field": "phones", "old": ["0 2612 6060"], "new": ["0 2142 1234", "0 2142 1235"]} in agency["fields"]
    assert {"field": "website", "old": "https://www.example.go.th", "new": "https://www.dga.or.th"} \
        in agency["fields"]
    assert doc["compliance"] == []


def test_version_added_becomes_current(repo: GitRepo) -> None:
    digest = Tree(repo.root).pdf(DEPT, "s10-2569.pdf")
    path = repo.root / report_rel(DEPT)
    path.write_text(path.read_text("utf-8") + f"""\
    - file: s10-2569.pdf
      sha256: {digest}
      announced: 2026-01-15
      status: published
      scope: self
""", "utf-8")
    done = run(repo, "--author", "@dga/web", preview="https://preview.example.org/pr-7/")
    assert done.returncode == 0, done.stdout
    row = next(line for line in done.stdout.splitlines() if line.startswith("| มาตรา 10 |"))
    assert "🆕 เพิ่มฉบับใหม่ — เผยแพร่ · เป็นฉบับปัจจุบันแทน `s10-dga.pdf`" in row
    assert f"(https://preview.example.org/pr-7/documents/{DEPT}/s10-2569.pdf)" in row
    assert "15 ม.ค. 2569" in row and "หน่วยงานตนเอง" in row
    assert f"[สำนักงานพัฒนารัฐบาลดิจิทัล](https://preview.example.org/pr-7/agencies/{DEPT}/)" in done.stdout

    _, doc = review_json(repo)
    [version] = doc["agencies"][0]["versions"]
    assert version == {"section": "10", "change": "added", "file": "s10-2569.pdf", "date": "2026-01-15",
                       "status": "published", "scope": "self", "modified": [], "current": True,
                       "was_current": False, "replaces": "s10-dga.pdf"}


def test_suspension_changes_compliance_of_every_descendant(repo: GitRepo) -> None:
    suspend_ministry_announcement(repo)
    repo.commit("Suspend the ministry's announcement")

    code, doc = review_json(repo, "--author", "@opm/web")
    assert code == 0
    [agency] = doc["agencies"]
    assert agency["versions"] == [{
        "section": "10", "change": "suspended", "file": "s10-opm.pdf", "date": "2023-11-01", "status": "suspended",
        "scope": "subordinates", "modified": [], "current": False, "was_current": True, "replaces": None}]
    [group] = doc["compliance"]
    assert group["cause"]["code"] == MINISTRY
    rows = [(c["code"], c["section"], c["old"]["status"], c["new"]["status"]) for c in group["changes"]]
    # The department keeps its own announcement; the centre and its unit lost what they inherited.
    assert rows == [(MINISTRY, "10", "met", "not_met"), (CENTRE, "10", "met", "not_met"),
                    (UNIT, "10", "met", "not_met")]
    assert group["changes"][1]["old"] == {"status": "met", "reason": "inherited", "via": MINISTRY,
                                          "file": "s10-opm.pdf"}

    md = run(repo, "--author", "@opm/web").stdout
    assert f"#### เพราะการเปลี่ยนแปลงของ [สำนักนายกรัฐมนตรี](/agencies/{MINISTRY}/) `{MINISTRY}`\n\nมีผลกับ 3 หน่วยงาน · ⬇️ 3 แห่ง" in md
    assert (f"| [ศูนย์บริการข้อมูล](/agencies/{CENTRE}/) `{CENTRE}` | มาตรา 10 | "
            "✅ ครบ — ประกาศจากหน่วยงานต้นสังกัด (สำนักนายกรัฐมนตรี) | ⬇️ ❌ ยังไม่ครบ |") in md
    assert f"`{UNIT}` | มาตรา 10 |" in md
    assert "⏸️ ระงับการเผยแพร่ · ไม่ใช่ฉบับปัจจุบันอีกต่อไป" in md


def test_agency_hidden_and_inheritance_passes_through(repo: GitRepo) -> None:
    edit(repo, agency_rel(CENTRE), 'maintainers: ["@centre/web"]', 'visible: false\nmaintainers: ["@centre/web"]')
    code, doc = review_json(repo, "--author", "@centre/web")
    assert code == 0
    [agency] = doc["agencies"]
    assert (agency["code"], agency["change"], agency["url"]) == (CENTRE, "hidden", None)
    [group] = doc["compliance"]
    assert group["cause"]["code"] == CENTRE
    changes = {(c["code"], c["section"]): (c["old"], c["new"]) for c in group["changes"]}
    assert set(changes) == {(CENTRE, "10"), (CENTRE, "13"), (CENTRE, "16")}  # it leaves the site
    assert changes[(CENTRE, "10")][1] is None
    # The unit still inherits the ministry's announcement through its hidden parent: no change for it.
    md = run(repo, "--author", "@centre/web").stdout
    assert f"ศูนย์บริการข้อมูล `{CENTRE}` — 🙈 ซ่อนจากเว็บไซต์ (visible: false)" in md
    assert "— (ไม่แสดงบนเว็บไซต์)" in md


def test_new_agency_is_owned_by_its_parents(repo: GitRepo) -> None:
    Tree(repo.root).agency(NEW, agency_yaml(NEW, DEPT, name="ศูนย์ใหม่") + 'maintainers: ["@newcomer"]\n')
    repo.commit("Add a new centre")

    refused = run(repo, "--author", "@newcomer")
    assert refused.returncode == 1
    assert f"`content/agencies/{NEW}/agency.yaml` | `@dga/web` `@opm/web` `{CENTRAL_TEAM}`" in refused.stdout
    assert "หน่วยงานใหม่" in refused.stdout and "`@newcomer` ไม่มีสิทธิ์แก้ไข" in refused.stdout

    allowed = run(repo, "--author", "@somchai", teams="@dga/web")
    assert allowed.returncode == 0, allowed.stdout
    assert f"ศูนย์ใหม่](/agencies/{NEW}/) `{NEW}` — 🆕 เพิ่มหน่วยงานใหม่" in allowed.stdout
    assert "| ผู้ดูแลข้อมูล (ไม่แสดงบนเว็บไซต์) | `@newcomer` |" in allowed.stdout
    code, doc = review_json(repo)
    assert doc["agencies"][0]["change"] == "added"
    [group] = doc["compliance"]
    new_rows = {c["section"]: c for c in group["changes"]}
    assert new_rows["10"]["old"] is None and new_rows["10"]["new"]["via"] == MINISTRY


def test_agency_removed(repo: GitRepo) -> None:
    shutil.rmtree(repo.root / "content" / "agencies" / UNIT)
    code, doc = review_json(repo, "--author", "@centre/web")
    assert code == 0
    [agency] = doc["agencies"]
    assert (agency["code"], agency["change"], agency["url"], agency["fields"]) == (UNIT, "removed", None, [])
    [group] = doc["compliance"]
    assert [(c["code"], c["new"]) for c in group["changes"]] == [(UNIT, None)] * 3


# --- who may change it -------------------------------------------------------------------------

def test_permissions_follow_the_hierarchy(repo: GitRepo) -> None:
    edit(repo, agency_rel(CENTRE), "https://www.example.go.th", "https://centre.example.go.th")
    repo.commit("Centre website")
    assert run(repo, "--author", "@centre/web").returncode == 0  # its own maintainers
    assert run(repo, "--author", "@dga/web").returncode == 0  # its parent's
    assert run(repo, "--author", "@opm/web").returncode == 0  # its grandparent's
    assert run(repo, "--author", "@OPM/Web").returncode == 0  # handles compare without case
    assert run(repo, "--author", "@kanya", teams=CENTRAL_TEAM).returncode == 0  # a central reviewer
    assert run(repo, "--author", "@kanya", teams="@other/web, @dga/web").returncode == 0

    stranger = run(repo, "--author", "@other/web")  # maintains another ministry only
    assert stranger.returncode == 1
    assert "**ผลการตรวจ: ❌ ยังรวมไม่ได้** — `@other/web` ไม่มีสิทธิ์แก้ไข 1 ไฟล์" in stranger.stdout
    assert (f"| `content/agencies/{CENTRE}/agency.yaml` | `@centre/web` `@dga/web` `@opm/web` "
            f"`{CENTRAL_TEAM}` `@dga/info-admins` |") in stranger.stdout

    code, doc = review_json(repo, "--author", "@other/web")
    assert code == 1 and doc["verdict"] == {"ok": False, "invalid": False, "refused": True}
    [entry] = doc["permissions"]["files"]
    assert entry == {"path": f"content/agencies/{CENTRE}/agency.yaml",
                     "owners": ["@centre/web", "@dga/web", "@opm/web", CENTRAL_TEAM, "@dga/info-admins"],
                     "reason": "agency", "code": CENTRE, "parent": None, "allowed": False}


def test_files_outside_content_belong_to_central_reviewers(repo: GitRepo) -> None:
    theme = repo.root / "theme" / "templates" / "agency.html"
    theme.parent.mkdir(parents=True)
    theme.write_text("<p>{{ agency.name }}</p>\n", "utf-8")
    done = run(repo, "--author", "@opm/web")
    assert done.returncode == 1
    assert ("| `theme/templates/agency.html` | `@opdc/central-reviewers` `@dga/info-admins` | "
            "นอก content/ (โปรแกรม แม่แบบ การตั้งค่า CI): เฉพาะผู้ตรวจส่วนกลาง |") in done.stdout
    assert run(repo, "--author", "@kanya", teams="@dga/info-admins").returncode == 0


def test_moving_an_agency_needs_the_new_parent(repo: GitRepo) -> None:
    edit(repo, agency_rel(CENTRE), f'parent: "{DEPT}"', f'parent: "{OTHER}"')
    refused = run(repo, "--author", "@centre/web", lang="en")
    assert refused.returncode == 1
    assert f"moves Test Office `{CENTRE}` under Test Office `{OTHER}`" in refused.stdout
    assert f"| `content/agencies/{CENTRE}/agency.yaml` | `@other/web` `{CENTRAL_TEAM}`" in refused.stdout
    assert run(repo, "--author", "@centre/web", teams="@other/web").returncode == 0


def test_author_not_given_lists_owners_without_verdict(repo: GitRepo) -> None:
    edit(repo, agency_rel(DEPT), "https://www.example.go.th", "https://www.dga.or.th")
    done = run(repo)
    assert done.returncode == 0
    assert "ไม่ได้ตรวจสิทธิ์ผู้แก้ไข" in done.stdout


# --- validity ----------------------------------------------------------------------------------

def test_errors_in_changed_files_come_first_and_fail(repo: GitRepo) -> None:
    tree = Tree(repo.root)
    tree.write(f"content/documents/{DEPT}/s10-dga.pdf", simple_pdf("a different file"))
    done = run(repo, "--author", "@dga/web")
    assert done.returncode == 1
    md = done.stdout
    assert "พบข้อผิดพลาด 1 รายการในไฟล์ที่แก้ไข" in md
    errors_at = md.index("### ❌ ข้อผิดพลาด (1)")
    assert errors_at < md.index("### 🔐")
    assert f"- `content/agencies/{DEPT}/report.yaml:3:13` `ref.sha256_mismatch`" in md

    code, doc = review_json(repo, "--author", "@dga/web")
    assert code == 1 and doc["verdict"]["invalid"] is True
    [error] = doc["validation"]["errors"]
    assert (error["path"], error["line"], error["code"]) == (report_rel(DEPT), 3, "ref.sha256_mismatch")


def test_unknown_base_is_a_usage_error(repo: GitRepo) -> None:
    done = run(repo, "--base", "no-such-branch")
    assert done.returncode == 2
    assert "no-such-branch" in done.stderr


def test_english_output(repo: GitRepo) -> None:
    suspend_ministry_announcement(repo)
    done = run(repo, "--author", "@opm/web", lang="en")
    assert done.returncode == 0
    assert "**Verdict: ✅ ready for review**" in done.stdout
    assert f"/en/agencies/{CENTRE}/" in done.stdout
    assert "✅ met — announcement of its parent (Test Office) | ⬇️ ❌ not met |" in done.stdout


def test_nothing_changed(repo: GitRepo) -> None:
    done = run(repo, "--author", "@nobody")
    assert done.returncode == 0
    assert "ไม่มีการเปลี่ยนแปลงที่ประชาชนจะเห็นบนเว็บไซต์" in done.stdout


# --- scope, escaping, size -----------------------------------------------------------------------

def test_only_the_reach_of_the_change_is_loaded(repo: GitRepo) -> None:
    # A broken record elsewhere is neither parsed nor reported: only the changed agency,
    # its ancestors and its descendants are.
    Tree(repo.root).write(agency_rel(OTHER), "name: [broken\n")
    repo.commit("A broken record outside the change", [agency_rel(OTHER)])
    repo.git("branch", "-f", "main", "HEAD")
    edit(repo, agency_rel(DEPT), "https://www.example.go.th", "https://www.dga.or.th")
    review = build_review(repo.root, "main", "@dga/web")
    assert set(review.names) == {MINISTRY, DEPT, CENTRE, UNIT}
    assert review.exit_code == 0


def test_record_text_cannot_inject_markdown(repo: GitRepo) -> None:
    edit(repo, agency_rel(DEPT), "name:\n  th: สำนักงานพัฒนารัฐบาลดิจิทัล",
         "name:\n  th: \"<script>x</script> | @everyone [link](http://evil)\"")
    md = run(repo, "--author", "@dga/web").stdout
    assert "<script>" not in md and "[link](http://evil)" not in md
    assert "\\<script\\>" in md and "\\|" in md and "@everyone" not in md


def test_long_summaries_are_shortened_for_a_comment(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = Tree(repo.root)
    for i in range(30):
        code = f"01110139{i + 10:03d}00"
        tree.agency(code, agency_yaml(code, DEPT, name=f"สาขาที่ {i}"))
    repo.commit("Thirty branches")
    repo.git("branch", "-f", "main", "HEAD")
    suspend_ministry_announcement(repo)
    review = build_review(repo.root, "main", "@opm/web")
    full = review_render.render_markdown(review, "th")
    assert full.count("| ⬇️ ❌") == 33 and "<details><summary>รายการทั้งหมด 33 รายการ" in full
    monkeypatch.setattr(review_render, "MAX_MARKDOWN", 5000)
    short = review_render.render_markdown(review, "th")
    assert short.count("| ⬇️ ❌") == review_render.COMPACT_ROWS
    assert "… และอีก 13 รายการ" in short


def test_a_folder_that_is_not_an_agency_code(repo: GitRepo) -> None:
    Tree(repo.root).write("content/agencies/notes/todo.txt", "ร่าง\n")
    code, doc = review_json(repo, "--author", "@dga/web")
    assert code == 1
    [entry] = doc["permissions"]["files"]
    assert (entry["reason"], entry["owners"], entry["allowed"]) == ("no_agency", [CENTRAL_TEAM, "@dga/info-admins"],
                                                                    False)
    assert doc["agencies"] == [] and doc["compliance"] == []


def test_docs_name_every_key_of_the_json_and_every_setting() -> None:
    from plugins.prakat import permissions, review_model
    docs = (Path(__file__).resolve().parents[1] / "docs" / "review.md").read_text("utf-8")
    keys = [permissions.AGENCY, permissions.NEW_AGENCY, permissions.MOVE, permissions.MOVE_TOP,
            permissions.NO_AGENCY, permissions.OUTSIDE,
            review_model.ADDED, review_model.REMOVED, review_model.HIDDEN, review_model.SHOWN, review_model.CHANGED,
            review_model.V_PUBLISHED, review_model.V_SUSPENDED, review_model.V_MODIFIED, review_render.FORMAT,
            "PRAKAT_AUTHOR_TEAMS", "PRAKAT_PREVIEW_URL", "PRAKAT_CENTRAL_REVIEWERS"]
    assert [k for k in keys if f"`{k}`" not in docs] == []


@pytest.mark.parametrize("command", ["review --base", "validate --changed-since"])
def test_a_revision_that_looks_like_an_option_never_reaches_git_as_one(repo: GitRepo, tmp_path: Path,
                                                                       command: str) -> None:
    target = tmp_path / "written-by-git"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRAKAT_", "GIT_"))}
    name, option = command.split()
    done = subprocess.run([sys.executable, str(BUILD), name, "--root", str(repo.root), f"{option}=--output={target}"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2
    assert "--output=" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()
