"""Building the public site: the right files, byte for byte the same, never half a site.

The sample content is copied out of the repository (so Git's history is
"unknown" and the pages do not change with every commit) and built with
``PRAKAT_TODAY`` pinned.  The golden page is regenerated with
``PRAKAT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_sitebuild.py -k golden``.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

import pytest

from plugins.agencies.documents import DocumentRefused, verified_bytes
from plugins.agencies.incremental import MANIFEST_NAME, Manifest
from plugins.agencies.views import SiteIndex
from plugins.prakat.compliance import compute
from plugins.prakat.gitinfo import History
from plugins.prakat.model import Version, build_model
from plugins.prakat.store import ContentStore
from plugins.sitebuild import build_site, run_build
from tests.content_tree import Tree, sha

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "agency-0111013900000.th.html"
TODAY = "2026-12-31"
DGA = "0111013900000"


@pytest.fixture(scope="session", autouse=True)
def pinned_today() -> Iterator[None]:
    saved = os.environ.get("PRAKAT_TODAY")
    os.environ["PRAKAT_TODAY"] = TODAY
    yield
    if saved is None:
        os.environ.pop("PRAKAT_TODAY", None)
    else:
        os.environ["PRAKAT_TODAY"] = saved


def copy_sample(target: Path) -> Path:
    shutil.copytree(REPO / "content", target / "content")
    return target


def built_sample(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the sample content, its site built into ``output``, and what that site holds."""
    root = copy_sample(tmp_path)
    output = tmp_path / "output"
    assert build_site(root, output) == 0
    return root, output, snapshot(output)


def full_build_in_background(root: Path, output: Path, **environment: str) -> subprocess.Popen[bytes]:
    """A full build in a process of its own, to be interrupted."""
    return subprocess.Popen([sys.executable, "-m", "plugins.sitebuild", "build", str(root), str(output), "--full"],
                            cwd=REPO, env={**os.environ, **environment},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def own_files(folder: Path) -> dict[str, bytes]:
    """The pages and PDFs the agency generator wrote (the ones an incremental build may reuse), and its manifest."""
    manifest = Manifest.load(folder)
    paths = sorted([*manifest.pages, *manifest.documents, MANIFEST_NAME])
    on_disk = {p.relative_to(folder).as_posix() for top in ("agencies", "en/agencies", "browse", "en/browse", "documents")
               for p in (folder / top).rglob("*") if p.is_file()}
    assert on_disk <= set(paths), sorted(on_disk - set(paths))  # nothing stale left behind
    return {path: (folder / path).read_bytes() for path in paths}


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample content (copied) and its site, built once for the session."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    output = root / "output"
    assert run_build(root, output, full=True).code == 0
    return root, output


def index_of(root: Path) -> SiteIndex:
    model = build_model(ContentStore(root))
    return SiteIndex(model, compute(model), History(), root)


def test_every_visible_agency_has_a_thai_and_an_english_page_and_no_hidden_one_has(sample: tuple[Path, Path]) -> None:
    root, output = sample
    model = build_model(ContentStore(root))
    visible = {c for c, a in model.agencies.items() if a.visible}
    hidden = set(model.agencies) - visible
    assert hidden, "the sample content is expected to hold a hidden agency"
    for code in visible:
        assert (output / "agencies" / code / "index.html").is_file(), code
        assert (output / "en" / "agencies" / code / "index.html").is_file(), code
    for code in hidden:
        assert not (output / "agencies" / code).exists() and not (output / "en" / "agencies" / code).exists()
        assert not (output / "documents" / code).exists()
    pages = {p.parent.name for p in (output / "agencies").glob("*/index.html")}
    assert pages == visible
    for page in ("index.html", "browse/index.html", "en/index.html", "en/browse/index.html", "404.html"):
        assert (output / page).is_file(), page


def test_exactly_the_published_pdfs_are_published_with_their_bytes(sample: tuple[Path, Path]) -> None:
    root, output = sample
    index = index_of(root)
    expected = {v.document_path: v.sha256 for v in index.published_documents()}
    found = {p.relative_to(output).as_posix() for p in (output / "documents").rglob("*") if p.is_file()}
    assert found == set(expected)
    for path, digest in expected.items():
        assert hashlib.sha256((output / path).read_bytes()).hexdigest() == digest
    suspended = [v for a in index.model.agencies.values() for s in ("10", "13", "16")
                 for v in a.versions.get(s, ()) if v.status == "suspended"]
    assert suspended and not any((output / v.document_path).exists() for v in suspended
                                 if v.document_path not in expected)


def test_two_builds_of_the_same_content_are_byte_identical(sample: tuple[Path, Path], tmp_path: Path) -> None:
    root, output = sample
    again = tmp_path / "again"
    assert run_build(root, again, full=True).code == 0
    first, second = snapshot(output), snapshot(again)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_the_dgas_thai_page_matches_its_golden_copy(sample: tuple[Path, Path]) -> None:
    page = (sample[1] / "agencies" / DGA / "index.html").read_text("utf-8")
    if os.environ.get("PRAKAT_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(page, "utf-8")
    assert page == GOLDEN.read_text("utf-8"), "regenerate with PRAKAT_UPDATE_GOLDEN=1 if the change is intended"


def test_a_validation_error_builds_nothing_and_keeps_the_old_site(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root, output, before = built_sample(tmp_path)
    record = root / "content" / "agencies" / DGA / "agency.yaml"
    record.write_text(record.read_text("utf-8").replace("type: public_organization", "type: spaceship"), "utf-8")
    capsys.readouterr()
    assert build_site(root, output, lang="en") == 1
    err = capsys.readouterr().err
    assert f"content/agencies/{DGA}/agency.yaml" in err and "error" in err
    assert snapshot(output) == before
    assert not list(tmp_path.glob("output.*"))  # no half-built folder either


def test_a_removed_parent_stops_the_next_build_at_its_children_without_reading_every_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root, output, before = built_sample(tmp_path)
    pacc = "0113000000000"  # the PACC office and its seven units
    children = [p.parent.name for p in (root / "content" / "agencies").glob("*/agency.yaml")
                if f'parent: "{pacc}"' in p.read_text("utf-8")]
    assert len(children) == 7
    (root / "content" / "agencies" / pacc / "agency.yaml").unlink()

    def read_every_record(store: object) -> None:
        raise AssertionError("the build's cache names the children; no record needs reading to find them")

    monkeypatch.setattr(ContentStore, "agency_bytes", property(read_every_record))
    capsys.readouterr()
    assert build_site(root, output, lang="en") == 1
    err = capsys.readouterr().err
    for child in children:
        assert f"content/agencies/{child}/agency.yaml:" in err
    assert err.count("record.parent_missing") == len(children)
    assert snapshot(output) == before


def test_a_failing_template_keeps_the_old_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, output, before = built_sample(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    broken = theme / "templates" / "agency.html"
    broken.write_text(broken.read_text("utf-8").replace("{% block content %}",
                                                         "{% block content %}{{ no_such_helper() }}"), "utf-8")
    outcome = run_build(root, output, full=True, theme=theme)
    assert outcome.code == 1
    assert "no_such_helper" in capsys.readouterr().err
    assert snapshot(output) == before
    assert not list(tmp_path.glob("output.*"))


def test_a_killed_build_keeps_the_old_site_and_the_next_build_tidies_up(tmp_path: Path) -> None:
    root, output, before = built_sample(tmp_path)
    child = full_build_in_background(root, output)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("output.new-*/documents")) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.poll() is None, "the build ended before it could be interrupted"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert list(tmp_path.glob("output.new-*")), "the killed build leaves its unfinished folder behind"
    assert snapshot(output) == before
    assert build_site(root, output) == 0
    assert not list(tmp_path.glob("output.*"))


def _slow_indexer(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for Pagefind that records its process id and then waits; (binary, pid file)."""
    pid_file = tmp_path / "indexer.pid"
    binary = tmp_path / "slow-pagefind"
    binary.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 120\n")
    binary.chmod(0o755)
    return binary, pid_file


def _wait_for_pid(pid_file: Path, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = pid_file.read_text() if pid_file.exists() else ""
        if text.endswith("\n"):
            return int(text)
        time.sleep(0.01)
    raise AssertionError("the indexer never started")


def _gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_the_index_is_written_while_pages_render_and_stopped_when_the_build_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind starts before the pages are rendered; a failure meanwhile stops it and keeps the old site."""
    root, output, before = built_sample(tmp_path)
    binary, pid_file = _slow_indexer(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    broken = theme / "templates" / "agency.html"
    broken.write_text(broken.read_text("utf-8").replace("{% block content %}", "{% block content %}{{ 1/0 }}"),
                      "utf-8")
    outcome = run_build(root, output, full=True, theme=theme)
    assert outcome.code == 1
    pid = _wait_for_pid(pid_file, 1)  # it was already running when the agency pages failed
    assert _gone(pid), "the indexer outlived the failed build"
    assert snapshot(output) == before
    assert not list(tmp_path.glob("output.*"))


def test_a_killed_build_takes_its_indexer_with_it(tmp_path: Path) -> None:
    root, output, before = built_sample(tmp_path)
    binary, pid_file = _slow_indexer(tmp_path)
    child = full_build_in_background(root, output, PAGEFIND_BINARY_PATH=str(binary))
    pid = _wait_for_pid(pid_file)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert _gone(pid), "the indexer outlived the killed build"
    assert snapshot(output) == before
    assert build_site(root, output) == 0
    assert not list(tmp_path.glob("output.*"))


def test_an_incremental_build_renders_only_what_changed(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    output = tmp_path / "output"
    assert run_build(root, output).code == 0
    record = root / "content" / "agencies" / DGA / "agency.yaml"
    record.write_text(record.read_text("utf-8").replace("hours: {th: จันทร์–ศุกร์", "hours: {th: ทุกวัน จันทร์–ศุกร์"),
                      "utf-8")
    outcome = run_build(root, output)
    assert outcome.code == 0 and outcome.report is not None
    assert outcome.validated == [f"content/agencies/{DGA}/agency.yaml"]
    assert outcome.affected == {DGA, "0101000000000", "0100000000000"}  # itself and its ancestors
    assert sorted(outcome.report.rendered) == [f"agencies/{DGA}/index.html", f"en/agencies/{DGA}/index.html"]
    assert len(outcome.report.reused) > 50 and outcome.report.documents_copied == []
    assert {"status/index.html", "en/status/index.html"} <= set(outcome.report.reused)  # hours are not listed there
    assert "ทุกวัน จันทร์–ศุกร์" in (output / "agencies" / DGA / "index.html").read_text("utf-8")
    # an incremental build writes what a full build of the same content writes
    full = tmp_path / "full"
    assert run_build(root, full, full=True).code == 0
    assert own_files(output) == own_files(full)


def test_a_renamed_agency_rerenders_the_pages_that_show_its_name(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    output = tmp_path / "output"
    assert run_build(root, output).code == 0
    parent = build_model(ContentStore(root)).agencies[DGA].parent
    record = root / "content" / "agencies" / DGA / "agency.yaml"
    record.write_text(record.read_text("utf-8").replace("th: สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
                                                        "th: สำนักงานพัฒนารัฐบาลดิจิทัล"), "utf-8")
    rendered = set(run_build(root, output).report.rendered)
    assert {f"agencies/{DGA}/index.html", f"agencies/{parent}/index.html", "browse/type/public_organization/index.html",
            "browse/province/10/index.html"} <= rendered
    assert "agencies/0800000000000/index.html" not in rendered
    assert "status/0100000000000/index.html" in rendered  # its row shows its Thai name ...
    assert "en/status/0100000000000/index.html" not in rendered  # ... which the English pages do not


# --- hostile content ---------------------------------------------------------------

class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.bad_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "inline")
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action") and value and value.strip().lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                self.bad_links.append(value)


HOSTILE = "<script>alert(1)</script>"


def hostile_tree(root: Path) -> Tree:
    tree = Tree(root)
    code = "0100000000000"
    tree.agency(code, f"""
        code: "{code}"
        type: government_agency
        name:
          th: "{HOSTILE}"
          en: '"onmouseover="alert(1)'
        full_name: {{th: "<img src=x onerror=alert(1)>"}}
        address: {{th: "javascript:alert(1)", en: "<a href='javascript:alert(1)'>x</a>"}}
        website: "https://example.go.th/"
        hours: {{th: "<iframe src=javascript:alert(1)>"}}
        emails: {{public: "contact@example.go.th"}}
        phones: ["<b onclick=alert(1)>0 2612 6060</b>"]
        """)
    digest = tree.pdf(code, "s10.pdf")
    tree.report(code, f"""
        section10:
          versions:
            - file: s10.pdf
              sha256: {digest}
              announced: 2023-11-01
              status: published
              scope: subordinates
              title: {{th: "{HOSTILE}", en: "javascript:alert(1)"}}
        section13:
          has_licences: true
          gazette_status: partial
          licence_channels:
            - {{licence: {{th: "<svg onload=alert(1)>"}}, url: "https://example.go.th/'onmouseover='alert(1)", status: published}}
        problems:
          - {{category: other, description: "{HOSTILE}"}}
        """)
    return tree


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    return parser


def test_hostile_content_comes_out_inert(tmp_path: Path) -> None:
    hostile_tree(tmp_path)
    output = tmp_path / "output"
    assert build_site(tmp_path, output) == 0
    pages = [p for p in output.rglob("*.html")]
    assert len(pages) > 5
    for page in pages:
        found = audit(page.read_text("utf-8"))
        assert found.handlers == [] and found.bad_links == [], page
        assert all(src != "inline" and src.startswith("/theme/") or src.startswith("/search/")
                   for src in found.scripts), (page, found.scripts)
    text = (output / "agencies" / "0100000000000" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and HOSTILE not in text


def render_agency(view: object, lang: str = "th") -> str:
    """agency.html through the Jinja environment Pelican builds from pelicanconf.py."""
    from pelican.generators import Generator
    from pelican.settings import read_settings

    settings = read_settings(str(REPO / "pelicanconf.py"))
    generator = Generator(context=settings.copy(), settings=settings, path=str(REPO / "content"),
                          theme=settings["THEME"], output_path="unused")
    return generator.get_template("agency").render({**settings, "lang": lang, "agency": view,
                                                    "page_path": "agencies/x/"})


def test_unsafe_links_from_content_are_never_links(tmp_path: Path) -> None:
    """Validation refuses these values; the templates must not rely on it."""
    import dataclasses

    from plugins.agencies.views import agency_page

    hostile_tree(tmp_path)
    view = agency_page(index_of(tmp_path), "0100000000000")
    view = dataclasses.replace(view, website="javascript:alert(1)",
                               emails=(("public", '"onmouseover="alert(1)'), ("registered", "javascript:x@y.z")),
                               phones=("javascript:alert(1)",))
    for lang in ("th", "en"):
        html = render_agency(view, lang)
        found = audit(html)
        assert found.handlers == [] and found.bad_links == []
        assert all(src.startswith("/theme/") for src in found.scripts)  # the site's own files, never content
        assert "mailto:javascript" not in html and 'href="tel:' not in html


# --- documents that must not be published ----------------------------------------

LFS_POINTER = (b"version https://git-lfs.github.com/spec/v1\n"
               b"oid sha256:" + b"a" * 64 + b"\nsize 26336\n")


def test_a_git_lfs_pointer_is_refused_by_name_in_both_languages(tmp_path: Path) -> None:
    tree = Tree(tmp_path)
    tree.write("content/documents/0100000000000/s10.pdf", LFS_POINTER)
    version = Version("0100000000000", "10", 0, "s10.pdf", "a" * 64, None, "published")
    with pytest.raises(DocumentRefused) as refused:
        verified_bytes(tmp_path, version)
    assert "content/documents/0100000000000/s10.pdf" in refused.value.message("th")
    assert "Git LFS" in refused.value.message("en") and "git lfs pull" in refused.value.message("th")
    tree.write("content/documents/0100000000000/s10.pdf", b"%PDF-1.4 not what was recorded")
    with pytest.raises(DocumentRefused, match="sha256"):
        verified_bytes(tmp_path, version)


def test_a_build_with_a_git_lfs_pointer_publishes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = hostile_tree(tmp_path)
    pointer = tmp_path / "content/documents/0100000000000/s10.pdf"
    real = pointer.read_bytes()
    pointer.write_bytes(b"version https://git-lfs.github.com/spec/v1\noid sha256:" + sha(real).encode()
                        + f"\nsize {len(real)}\n".encode())
    assert tree and build_site(tmp_path, tmp_path / "output") == 1
    assert "content/documents/0100000000000/s10.pdf" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()


def _edit(root: Path, code: str, old: str, new: str, name: str = "agency.yaml") -> None:
    path = root / "content" / "agencies" / code / name
    text = path.read_text("utf-8")
    assert old in text, (code, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _hide(root: Path, code: str, visible: bool = False) -> None:
    path = root / "content" / "agencies" / code / "agency.yaml"
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("visible:")]
    path.write_text("\n".join(lines + [f"visible: {'true' if visible else 'false'}"]) + "\n", "utf-8")


EDITS = {
    "reparent": lambda root: _edit(root, DGA, 'parent: "0101000000000"', 'parent: "0112000000000"'),
    "hide a parent of units": lambda root: _hide(root, "0113000000000"),
    "show a hidden unit": lambda root: _hide(root, "1580000300000", visible=True),
    "change type and province": lambda root: _edit(root, "2108000000000", "type: government_agency",
                                                   "type: public_organization"),
    "suspend an announcement for subordinates": lambda root: _edit(
        root, "0101000000000", "status: published\n      scope: subordinates",
        "status: suspended\n      scope: subordinates", "report.yaml"),
    "add an agency": lambda root: Tree(root).agency("2109000000000", """
        code: "2109000000000"
        parent: "2100000000000"
        type: government_agency
        name: {th: กรมใหม่, en: New Department}
        province: "96"
        """),
    "remove an agency": lambda root: (shutil.rmtree(root / "content/agencies/5960000000000"),
                                      shutil.rmtree(root / "content/documents/5960000000000")),
}


def test_incremental_builds_after_every_kind_of_change_equal_a_full_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    output = tmp_path / "output"
    assert run_build(root, output).code == 0
    for name, edit in EDITS.items():
        edit(root)
        outcome = run_build(root, output)
        assert outcome.code == 0, name
        assert outcome.report.reused, name  # it was an incremental build
        full = tmp_path / f"full-{len(name)}"
        assert run_build(root, full, full=True).code == 0
        incremental, expected = own_files(output), own_files(full)
        assert sorted(incremental) == sorted(expected), name
        assert [p for p in expected if incremental[p] != expected[p]] == [], name
        # the rest too: lists, dashboard, open data, and the search index made from the kept pages
        incremental, expected = snapshot(output), snapshot(full)
        assert sorted(incremental) == sorted(expected), name
        assert [p for p in expected if incremental[p] != expected[p]] == [], name
        shutil.rmtree(full)


def test_an_index_whose_pages_did_not_change_is_reused_and_one_whose_pages_did_is_made_again(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    output = tmp_path / "output"
    assert run_build(root, output).code == 0
    entry = output / "pagefind" / "pagefind-entry.json"
    first = entry.stat().st_ino
    _edit(root, DGA, "hours: {th: จันทร์–ศุกร์", "hours: {th: ทุกวัน จันทร์–ศุกร์")  # hours are not searched
    assert run_build(root, output).code == 0
    assert entry.stat().st_ino == first, "the same pages give the same index: it is linked, not made again"
    _edit(root, DGA, "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "สำนักงานพัฒนารัฐบาลดิจิทัลแห่งชาติ")
    assert run_build(root, output).code == 0
    assert entry.stat().st_ino != first
    pages = list((root / ".prakat-cache").glob("search-*/pages/agencies/*/index.html"))
    assert pages and any("แห่งชาติ" in page.read_text("utf-8") for page in pages)


def test_a_failed_build_leaves_no_kept_search_pages_to_trust(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    output = tmp_path / "output"
    assert run_build(root, output).code == 0
    state = next((root / ".prakat-cache").glob("search-*/state.json"))
    broken = tmp_path / "theme"
    shutil.copytree(REPO / "theme", broken)
    (broken / "templates" / "search.html").write_text("{% extends 'base.html' %}{% block content %}{{ 1/0 }}"
                                                      "{% endblock %}", "utf-8")
    _edit(root, DGA, "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "สำนักงานพัฒนารัฐบาลดิจิทัลแห่งชาติ")
    assert run_build(root, output, theme=broken).code == 1
    assert not state.exists(), "the pages were changed for a site that was never published"
    _edit(root, DGA, "สำนักงานพัฒนารัฐบาลดิจิทัลแห่งชาติ", "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)")
    assert run_build(root, output).code == 0
    full = tmp_path / "full"
    assert run_build(root, full, full=True).code == 0
    assert snapshot(output) == snapshot(full)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _wait_for(condition: object, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.25)
    return False


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "plugins.sitebuild", "serve", str(root), str(tmp_path / "out"),
                                   "--port", str(port), "--lang", "en"], cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert _wait_for(lambda: "Serving" in log.read_text("utf-8")), log.read_text("utf-8")
        page = f"{base}/en/agencies/{DGA}/"
        assert _fetch(page)[0] == 200
        status, body = _fetch(f"{base}/no/such/page/")
        assert status == 404 and "Page not found" in body
        _edit(root, DGA, "en: Mon–Fri 08:30–16:30", "en: Every weekday 08:30–16:30")
        assert _wait_for(lambda: "Every weekday" in _fetch(page)[1]), log.read_text("utf-8")
        _edit(root, DGA, "type: public_organization", "type: spaceship")
        assert _wait_for(lambda: "still serving the previous site" in log.read_text("utf-8")), log.read_text("utf-8")
        status, body = _fetch(page)
        assert status == 200 and "Every weekday" in body
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError(f"serve did not stop on Ctrl+C; it said:\n{log.read_text('utf-8')}") from None


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_on_ctrl_c_or_kill_even_when_started_in_the_background(tmp_path: Path, stop: int) -> None:
    """A script that starts the server with ``&`` hands it SIGINT ignored; Ctrl+C and kill must still stop it."""
    root = copy_sample(tmp_path)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "plugins.sitebuild", "serve", str(root), str(tmp_path / "out"),
                                   "--port", str(_free_port())], cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert _wait_for(lambda: "http://127.0.0.1" in log.read_text("utf-8")), log.read_text("utf-8")
        server.send_signal(stop)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()


def test_every_page_offers_the_feed_and_searches_in_its_own_language(sample: tuple[Path, Path]) -> None:
    output = sample[1]
    thai = (output / "agencies" / DGA / "index.html").read_text("utf-8")
    english = (output / "en" / "agencies" / DGA / "index.html").read_text("utf-8")
    for page in (thai, english):
        assert 'type="application/atom+xml" href="https://prakat.go.th/feeds/announcements.atom.xml"' in page
    assert 'action="/search/"' in thai and 'action="/en/search/"' not in thai
    assert 'action="/en/search/"' in english and 'action="/search/"' not in english
    assert (output / "en" / "search" / "index.html").is_file()


def test_the_site_serves_the_theme_minified(sample) -> None:
    """Scripts and style sheets are minified in the output; theme/static stays as written."""
    _, site = sample
    for rel in ("search.js", "css/site.css"):
        served = (site / "theme" / rel).read_bytes()
        original = (REPO / "theme" / "static" / rel).read_bytes()
        assert len(served) < 0.85 * len(original), rel
    assert b"var PAGE_SIZE=10;" in (site / "theme" / "search.js").read_bytes()
    assert b"var PAGE_SIZE = 10;" in (REPO / "theme" / "static" / "search.js").read_bytes()


def test_the_site_input_cache_gives_back_what_it_was_given_wide_numbers_included(tmp_path: Path) -> None:
    from plugins.agencies.inputs import InputCache

    output = tmp_path / "output"
    for records in ({"content/agencies/x/agency.yaml": {"name": {"th": "กรม"}, "n": 7, "f": 1.5, "b": True}},
                    {"content/agencies/x/agency.yaml": {"n": 10 ** 30}}):
        InputCache("v1", {"content/x": (3, 1_700_000_000_123_456_789)}, records, "abc", None).save(tmp_path, output)
        loaded = InputCache.load(tmp_path, output, "v1")
        assert loaded is not None and loaded.records == records
        assert loaded.stamps == {"content/x": (3, 1_700_000_000_123_456_789)} and loaded.head == "abc"
        assert InputCache.load(tmp_path, output, "v2") is None  # other code: nothing is trusted


def test_a_project_where_no_cache_can_be_kept_still_builds_and_searches(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    (root / ".prakat-cache").write_text("not a folder", "utf-8")  # what a read-only project amounts to
    output = tmp_path / "output"
    assert run_build(root, output).code == 0
    assert (output / "pagefind" / "pagefind-entry.json").is_file()
    _edit(root, DGA, "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "สำนักงานพัฒนารัฐบาลดิจิทัลแห่งชาติ")
    assert run_build(root, output).code == 0
    full = tmp_path / "full"
    assert run_build(root, full, full=True).code == 0
    assert snapshot(output) == snapshot(full)
