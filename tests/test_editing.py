"""The editing commands, run as a clerk runs them, on real files and real PDFs."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings

from build import cli
from plugins.prakat.editing import run_set_status
from plugins.prakat.validate import validate
from plugins.prakat.yamlpos import load_yaml
from tests.pdfs import encrypted_pdf, not_a_pdf, pdf_with_javascript, simple_pdf
from tests.test_yamledit import inserted, lines, reports

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "editing"
PARENT, CODE = "0100000000000", "0111013900000"
REPORT = f"content/agencies/{CODE}/report.yaml"
TODAY = "2026-01-01"
THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAKAT_TODAY", TODAY)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    return tmp_path


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--root", str(root)], catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*"))
            if p.is_file()}


def data(path: Path) -> dict:
    doc, problem = load_yaml(path.read_bytes())
    assert problem is None and doc is not None
    return doc.data


def write_pdf(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def assert_valid(root: Path) -> None:
    result = validate(root, use_cache=False)
    assert result.errors == [], [f.message("en") for f in result.errors]


# --- new-agency ---------------------------------------------------------------------------

def test_new_agency_writes_a_valid_record_with_thai_comments(root: Path) -> None:
    result = run(root, "new-agency", "0111013900099", "--name-th", "ศูนย์ข้อมูล: ทดสอบ", "--name-en", "Data Centre",
                 "--parent", CODE, "--unit", "--type", "public_organization", "--subtype", "central",
                 "--province", "นราธิวาส", "--maintainer", "dga/web", "--maintainer", "@somchai")
    assert result.exit_code == 0, result.output
    rel = "content/agencies/0111013900099/agency.yaml"
    text = (root / rel).read_text("utf-8")
    assert data(root / rel) == {
        "code": "0111013900099", "parent": CODE, "unit": True, "type": "public_organization", "subtype": "central",
        "name": {"th": "ศูนย์ข้อมูล: ทดสอบ", "en": "Data Centre"}, "province": "96", "visible": True,
        "maintainers": ["@dga/web", "@somchai"]}
    keys = [m.group(1) for m in re.finditer(r"^#? ?([a-z_]+):", text, re.M)]
    assert keys == ["code", "parent", "unit", "type", "subtype", "name", "full_name", "address", "province",
                    "website", "emails", "phones", "hours", "flags", "visible", "maintainers"]  # SPEC §1.1's order
    assert 'code: "0111013900099"' in text and f'parent: "{CODE}"' in text and 'province: "96"' in text
    for words in ("ชื่อสำหรับแสดงผล", "ที่อยู่", "อีเมลสำหรับประชาชนติดต่อ", "อีเมลที่ลงทะเบียนกับ สพร.",
                  "อีเมลสำหรับรับคำร้อง", "สำนักงานพัฒนารัฐบาลดิจิทัล", "นราธิวาส", "การแสดงผล"):
        assert words in text, words
    assert rel in result.stdout and "add-document 0111013900099" in result.stdout
    assert "validate" in result.stdout and "pull request" in result.stdout
    assert_valid(root)


def test_uncommenting_the_placeholders_is_all_a_clerk_does(root: Path) -> None:
    assert run(root, "new-agency", "1234567890123", "--name-th", "เทศบาลตำบลทดสอบ").exit_code == 0
    path = root / "content/agencies/1234567890123/agency.yaml"
    filled = {"parent": f'"{PARENT}"', "subtype": "municipality", "website": "https://www.example.go.th",
              "public": "a@example.go.th", "registered": "b@example.go.th", "complaints": "c@example.go.th",
              "phones": '["0 7351 1000"]', "maintainers": '["@town/web"]'}
    out = []
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"# ( *)([a-z_]+): ?(.*)$", line)
        if match:  # what the header tells a clerk to do: remove "# ", replace ...
            indent, key, rest = match.groups()
            line = f"{indent}{key}: {filled.get(key, rest.split('  #')[0].replace('...', 'ข้อความ'))}".rstrip()
        out.append(line)
    path.write_text("\n".join(out) + "\n", "utf-8")
    assert_valid(root)
    assert set(data(path)) >= {"parent", "full_name", "address", "emails", "phones", "hours", "flags", "maintainers"}


def test_new_agency_top_level_in_english(root: Path) -> None:
    result = run(root, "new-agency", "1234567890123", "--name-th", "กรมทดสอบ", "--lang", "en")
    assert result.exit_code == 0
    assert "Agency created: content/agencies/1234567890123/agency.yaml" in result.stdout
    assert "Next steps" in result.stdout and not THAI.search(result.stdout.replace("กรมทดสอบ", ""))
    record = data(root / "content/agencies/1234567890123/agency.yaml")
    assert "parent" not in record and record["unit"] is False and record["visible"] is True
    assert_valid(root)


@pytest.mark.parametrize("args, code, words", [
    ([CODE, "--name-th", "ซ้ำ"], 1, [f"content/agencies/{CODE}/agency.yaml", "อยู่แล้ว"]),
    (["0111013900099", "--name-th", "x", "--parent", "0999999999999"], 1, ["0999999999999", "ต้นสังกัด"]),
    (["0111013900099", "--name-th", "x", "--type", "ministry"], 2, ["ministry", "government_agency", "ส่วนราชการ"]),
    (["0111013900099", "--name-th", "x", "--province", "99"], 2, ["99", "10 (กรุงเทพมหานคร)", "96 (นราธิวาส)"]),
    (["0111013900099", "--name-th", "x", "--subtype", "town"], 2, ["town", "municipality"]),
    (["11101390", "--name-th", "x"], 2, ["11101390", "13 หลัก"]),
    (["0111013900099", "--name-th", "x", "--unit"], 2, ["--parent"]),
    (["0111013900099", "--name-th", "x", "--maintainer", "@bad name"], 2, ["maintainers"]),
    (["0111013900099", "--name-th", "  "], 2, ["--name-th"]),
])
def test_new_agency_refuses_and_writes_nothing(root: Path, args: list[str], code: int, words: list[str]) -> None:
    before = snapshot(root)
    result = run(root, "new-agency", *args)
    assert result.exit_code == code, result.output
    assert snapshot(root) == before and not (root / "content/agencies/0111013900099").exists()
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def test_new_agency_refuses_an_existing_folder_without_a_record_in_english(root: Path) -> None:
    (root / "content/agencies/0111013900099").mkdir()
    result = run(root, "new-agency", "0111013900099", "--name-th", "x", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the folder content/agencies/0111013900099 exists without agency.yaml")
    assert list((root / "content/agencies/0111013900099").iterdir()) == []


# --- add-document -----------------------------------------------------------------------------

def test_add_document_inserts_exactly_the_new_version(root: Path, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path, "s10-2568.pdf", simple_pdf("ประกาศ 2568"))
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    before = (root / REPORT).read_bytes()
    result = run(root, "add-document", CODE, "--section", "10", str(pdf), "--date", "2025-03-03",
                 "--scope", "subordinates", "--title-th", "ประกาศ เรื่อง ช่องทาง: ฉบับที่ 3", "--title-en", "No. 3")
    assert result.exit_code == 0, result.output
    after = (root / REPORT).read_bytes()
    at, new = inserted(before, after)
    assert [n.decode() for n in new] == [
        "    - file: s10-2568.pdf", f"      sha256: {sha}", "      announced: 2025-03-03", "      status: published",
        "      scope: subordinates", "      title:", '        th: "ประกาศ เรื่อง ช่องทาง: ฉบับที่ 3"', "        en: No. 3"]
    assert lines(before)[at].decode().strip() == "# ฉบับถัดไปจะเพิ่มด้วย add-document"
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\n") == after.count(b"\r\n")
    copied = root / f"content/documents/{CODE}/s10-2568.pdf"
    assert copied.read_bytes() == pdf.read_bytes()
    assert f"content/documents/{CODE}/s10-2568.pdf" in result.stdout and sha in result.stdout
    assert f"{REPORT} บรรทัด {at + 1}" in result.stdout and "3 มี.ค. 2568" in result.stdout
    assert_valid(root)


def test_add_document_to_a_flow_list_and_a_missing_section_13(root: Path, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path, "order.pdf", simple_pdf("คำสั่ง"))
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    before = (root / REPORT).read_bytes()
    result = run(root, "add-document", CODE, "--section", "16", str(pdf), "--date", "2025-06-02", "--name",
                 "s16-2568.pdf", "--status", "suspended", "--lang", "en")
    assert result.exit_code == 0, result.output
    middle = (root / REPORT).read_bytes()
    _, new = inserted(before, middle)
    assert [n.decode() for n in new] == [
        f"    {{file: s16-2568.pdf, sha256: {sha}, effective: 2025-06-02, status: suspended}},"]
    assert "will not appear on the site" in result.stdout
    result = run(root, "add-document", CODE, "--section", "13", str(pdf), "--date", "2025-06-02", "--name",
                 "s13-2568.pdf")
    assert result.exit_code == 0, result.output
    at, new = inserted(middle, (root / REPORT).read_bytes())
    assert [n.decode() for n in new] == [
        "section13:", "  has_licences: true", "  gazette_status: not_published  # ตรวจแก้ให้ตรงความจริง: complete = ครบถ้วน, "
        "partial = ยังไม่ครบทุกใบอนุญาต, not_published = ยังไม่ประกาศ", "  versions:", "    - file: s13-2568.pdf", f"      sha256: {sha}",
        "      announced: 2025-06-02", "      status: published", ""]
    assert lines(middle)[at].decode() == "# มาตรา 16: คำสั่งระบบการปฏิบัติหน้าที่ทางอิเล็กทรอนิกส์"
    assert "gazette_status" in result.stdout and "not_published" in result.stdout
    assert_valid(root)


def test_add_document_creates_the_report(root: Path, tmp_path: Path) -> None:
    assert run(root, "new-agency", "0111013900099", "--name-th", "ศูนย์ทดสอบ", "--parent", CODE).exit_code == 0
    pdf = write_pdf(tmp_path, "ประกาศ-ศูนย์.pdf", simple_pdf("s10"))
    result = run(root, "add-document", "0111013900099", "--section", "10", str(pdf), "--date", "2024-01-15")
    assert result.exit_code == 0, result.output
    text = (root / "content/agencies/0111013900099/report.yaml").read_text("utf-8")
    assert text.startswith("# รายงานตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์")
    assert "section10:\n  versions:\n    - file: ประกาศ-ศูนย์.pdf\n" in text
    assert "(สร้างไฟล์ใหม่)" in result.stdout
    assert_valid(root)


def test_add_document_reuses_identical_bytes_already_in_place(root: Path) -> None:
    existing = root / f"content/documents/{PARENT}/s10-2566.pdf"
    result = run(root, "add-document", PARENT, "--section", "16", str(existing), "--date", "2023-10-30")
    assert result.exit_code == 0, result.output
    assert "ไม่ได้คัดลอกซ้ำ" in result.stdout
    assert sorted(p.name for p in existing.parent.iterdir()) == ["s10-2566.pdf"]
    assert data(root / f"content/agencies/{PARENT}/report.yaml")["section16"]["versions"][0]["file"] == "s10-2566.pdf"
    assert_valid(root)


def _refusal_cases(tmp_path: Path, root: Path) -> list[tuple[list[str], int, list[str]]]:
    big = write_pdf(tmp_path, "big.pdf", simple_pdf() + b"%" * (5 * 1024 * 1024))
    old = root / f"content/documents/{CODE}/s10-2566-01.pdf"
    return [
        ([str(write_pdf(tmp_path, "js.pdf", pdf_with_javascript())), "--date", "2025-01-01"], 1, ["JavaScript"]),
        ([str(write_pdf(tmp_path, "enc.pdf", encrypted_pdf())), "--date", "2025-01-01"], 1, ["รหัสผ่าน"]),
        ([str(write_pdf(tmp_path, "word.pdf", not_a_pdf())), "--date", "2025-01-01"], 1, ["ไม่ใช่ PDF"]),
        ([str(big), "--date", "2025-01-01"], 1, ["5 MiB", "big.pdf"]),
        ([str(tmp_path / "missing.pdf"), "--date", "2025-01-01"], 1, ["missing.pdf", "ไม่พบไฟล์"]),
        ([str(write_pdf(tmp_path, "a.pdf", simple_pdf("a"))), "--date", "2568-01-15"], 1,
         ["พุทธศักราช", "--date 2025-01-15"]),
        ([str(tmp_path / "incoming/a.pdf"), "--date", "2026-01-02"], 1, ["2026-01-02", TODAY]),
        ([str(tmp_path / "incoming/a.pdf"), "--date", "15/01/2568"], 2, ["--date 2025-01-15"]),
        ([str(tmp_path / "incoming/a.pdf"), "--date", "2023-02-30"], 2, ["2023-02-30"]),
        ([str(tmp_path / "incoming/a.pdf"), "--date", "2025-01-01", "--section", "16", "--scope", "self"], 2,
         ["--scope", "มาตรา 10"]),
        ([str(write_pdf(tmp_path, "ประกาศ ฉบับ 1.PDF", simple_pdf("b"))), "--date", "2025-01-01"], 1,
         [".pdf", "--name ประกาศ-ฉบับ-1.pdf"]),
        ([str(tmp_path / "incoming/a.pdf"), "--date", "2025-01-01", "--name", "s10-2566-01.pdf"], 1,
         ["อยู่แล้ว", "--name s10-2566-01-2.pdf"]),
        ([str(old), "--date", "2025-01-01"], 1, ["s10-2566-01.pdf", "set-status", f"{REPORT} บรรทัด 7"]),
    ]


def test_add_document_refusals_leave_everything_as_it_was(root: Path, tmp_path: Path) -> None:
    for args, code, words in _refusal_cases(tmp_path, root):
        before = snapshot(root)
        section = [] if "--section" in args else ["--section", "10"]
        result = run(root, "add-document", CODE, *section, *args)
        assert result.exit_code == code, (args, result.output)
        assert snapshot(root) == before, args
        for word in words:
            assert word in result.stderr, (args, word, result.stderr)


def test_add_document_refusals_in_english(root: Path, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path, "a.pdf", simple_pdf("a"))
    for args, words in [
        (["0999999999999", "--section", "10", str(pdf), "--date", "2025-01-01"], ["no agency 0999999999999"]),
        ([CODE, "--section", "10", str(pdf), "--date", "2568-01-15"], ["Buddhist-era", "--date 2025-01-15"]),
        ([CODE, "--section", "10", str(write_pdf(tmp_path, "js.pdf", pdf_with_javascript())), "--date",
          "2025-01-01"], ["contains JavaScript", "Print to PDF"]),
    ]:
        result = run(root, "add-document", *args, "--lang", "en")
        assert result.exit_code == 1 and result.stderr.startswith("error: ")
        assert not THAI.search(result.stderr), result.stderr
        for word in words:
            assert word in result.stderr


def test_add_document_refuses_section_13_when_the_report_says_no_licences(root: Path, tmp_path: Path) -> None:
    report = root / f"content/agencies/{PARENT}/report.yaml"
    report.write_bytes(report.read_bytes() + b"section13:\n  has_licences: false\n")
    before = snapshot(root)
    pdf = write_pdf(tmp_path, "s13.pdf", simple_pdf("s13"))
    result = run(root, "add-document", PARENT, "--section", "13", str(pdf), "--date", "2025-01-01")
    assert result.exit_code == 1 and "has_licences: false" in result.stderr
    assert snapshot(root) == before


def test_add_document_refuses_an_unreadable_report_naming_the_line(root: Path, tmp_path: Path) -> None:
    report = root / f"content/agencies/{PARENT}/report.yaml"
    report.write_bytes(report.read_bytes() + b"problems: [\n")
    before = snapshot(root)
    result = run(root, "add-document", PARENT, "--section", "10",
                 str(write_pdf(tmp_path, "n.pdf", simple_pdf("n"))), "--date", "2025-01-01")
    assert result.exit_code == 1 and f"content/agencies/{PARENT}/report.yaml:" in result.stderr
    assert snapshot(root) == before


def test_a_failed_report_write_takes_the_copied_pdf_back(root: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def failing(src: str, dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith("report.yaml"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    before = snapshot(root)
    result = CliRunner().invoke(cli, ["add-document", CODE, "--section", "10",
                                      str(write_pdf(tmp_path, "s10-new.pdf", simple_pdf("n"))), "--date",
                                      "2025-01-01", "--root", str(root)])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert snapshot(root) == before
    assert [p.name for p in (root / f"content/agencies/{CODE}").iterdir() if p.name.startswith(".")] == []


# --- set-status ---------------------------------------------------------------------------------

def test_set_status_changes_one_scalar_keeping_its_quotes(root: Path) -> None:
    before = (root / REPORT).read_bytes()
    result = run(root, "set-status", CODE, "--section", "10", "--file", "s10-2566-02.pdf", "--status", "suspended")
    assert result.exit_code == 0, result.output
    assert (root / REPORT).read_bytes() == before.replace(b'status: "published"', b'status: "suspended"')
    assert f"{REPORT} บรรทัด 14" in result.stdout and "published (เผยแพร่) → suspended (ระงับ)" in result.stdout
    assert "ไม่มีฉบับที่เผยแพร่เหลืออยู่" in result.stdout
    result = run(root, "set-status", CODE, "--section", "16", "--file", "s16-2567.pdf", "--status", "published",
                 "--lang", "en")
    assert result.exit_code == 0
    assert "The current version the public will see: s16-2567.pdf (published, 2024-05-01)" in result.stdout
    assert_valid(root)


def test_set_status_already_so_writes_nothing(root: Path) -> None:
    path = root / REPORT
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = path.read_bytes()
    result = run(root, "set-status", CODE, "--section", "10", "--file", "s10-2566-01.pdf", "--status", "suspended")
    assert result.exit_code == 0 and "อยู่แล้ว" in result.stdout
    assert path.read_bytes() == before and path.stat().st_mtime == 1_000_000_000


@pytest.mark.parametrize("args, code, words", [
    ([CODE, "--section", "10", "--file", "s10-2569.pdf", "--status", "suspended"], 1,
     ["s10-2569.pdf", "s10-2566-01.pdf (suspended, 2023-10-15)", "s10-2566-02.pdf (published, 2023-11-01)"]),
    ([CODE, "--section", "13", "--file", "s13.pdf", "--status", "suspended"], 1, ["มาตรา 13 ยังไม่มีเอกสาร"]),
    ([PARENT[:-1] + "9", "--section", "10", "--file", "a.pdf", "--status", "published"], 1, ["0100000000009"]),
    (["abc", "--section", "10", "--file", "a.pdf", "--status", "published"], 2, ["abc"]),
])
def test_set_status_refusals(root: Path, args: list[str], code: int, words: list[str]) -> None:
    before = snapshot(root)
    result = run(root, "set-status", *args)
    assert result.exit_code == code
    assert snapshot(root) == before
    for word in words:
        assert word in result.stderr


def test_set_status_without_a_report_in_english(root: Path) -> None:
    assert run(root, "new-agency", "0111013900099", "--name-th", "x", "--parent", CODE).exit_code == 0
    result = run(root, "set-status", "0111013900099", "--section", "10", "--file", "a.pdf", "--status",
                 "published", "--lang", "en")
    assert result.exit_code == 1
    assert "content/agencies/0111013900099/report.yaml does not exist" in result.stderr and "add-document" in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports())
def test_set_status_on_any_version_list_changes_exactly_one_line(case: tuple[bytes, int, str]) -> None:
    raw, index, status = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(FIXTURE / "content" / "agencies" / CODE, root / "content" / "agencies" / CODE)
        (root / REPORT).write_bytes(raw)
        doc, _ = load_yaml(raw)
        assert doc is not None
        old_status = doc.data["section10"]["versions"][index]["status"]
        message = run_set_status(root, code=CODE, section="10", file=f"f{index}.pdf", status=status)
        after = (root / REPORT).read_bytes()
        changed = [i for i, (a, b) in enumerate(zip(lines(raw), lines(after))) if a != b]
        assert len(lines(raw)) == len(lines(after))
        assert len(changed) == (0 if old_status == status else 1)
        assert ("อยู่แล้ว" in message) == (old_status == status)


# --- the command line itself ----------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["add-document", CODE, "x.pdf", "--date", "2025-01-01"],
    ["add-document", CODE, "x.pdf", "--section", "11", "--date", "2025-01-01"],
    ["set-status", CODE, "--section", "10", "--file", "a.pdf", "--status", "hidden"],
    ["new-agency", "0111013900099"],
])
def test_usage_errors_exit_2(root: Path, args: list[str]) -> None:
    before = snapshot(root)
    assert run(root, *args).exit_code == 2
    assert snapshot(root) == before


def test_the_three_commands_as_real_processes(root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PRAKAT_TODAY": TODAY}

    def build(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(PROJECT / "build.py"), *args, "--root", str(root)],
                              capture_output=True, text=True, env=env, cwd=tmp_path, check=False)

    made = build("new-agency", "0111013900099", "--name-th", "ศูนย์ทดสอบ", "--parent", CODE)
    assert made.returncode == 0 and "content/agencies/0111013900099/agency.yaml" in made.stdout
    pdf = write_pdf(tmp_path, "s10.pdf", simple_pdf("s10"))
    added = build("add-document", "0111013900099", "--section", "10", str(pdf), "--date", "2024-01-15")
    assert added.returncode == 0, added.stderr
    suspended = build("set-status", "0111013900099", "--section", "10", "--file", "s10.pdf", "--status",
                      "suspended", "--lang", "en")
    assert suspended.returncode == 0 and "published → suspended" in suspended.stdout
    refused = build("set-status", "0111013900099", "--section", "10", "--file", "nope.pdf", "--status",
                    "published")
    assert refused.returncode == 1 and refused.stderr.startswith("ข้อผิดพลาด: ไม่พบไฟล์ nope.pdf")
    assert data(root / "content/agencies/0111013900099/report.yaml")["section10"]["versions"][0]["status"] == "suspended"
    assert_valid(root)
