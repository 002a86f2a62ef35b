"""One small broken tree per rule of SPEC §3: the code, the file and the line."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from plugins.prakat.validate import validate
from tests import pdfs
from tests.content_tree import CHILD, PARENT, Tree, agency_yaml, sha, valid_tree

TODAY = dt.date(2026, 11, 25)
CHILD_AGENCY = f"content/agencies/{CHILD}/agency.yaml"
CHILD_REPORT = f"content/agencies/{CHILD}/report.yaml"


def triples(root: Path, severity: str = "error") -> list[tuple[str, str, int]]:
    result = validate(root, on=TODAY, use_cache=False)
    chosen = result.errors if severity == "error" else result.warnings
    return [(f.code, f.path, f.line) for f in chosen]


def test_valid_tree_has_no_findings(tmp_path: Path) -> None:
    valid_tree(tmp_path)
    result = validate(tmp_path, on=TODAY, use_cache=False)
    assert result.findings == []


def child_report(tree: Tree, body: str) -> None:
    tree.report(CHILD, body)


@pytest.mark.parametrize("raw, code, line", [
    (b"code: \"0111013900000\"\nname: [unclosed\n", "yaml.syntax", 3),
    (b"code: \"0111013900000\"\ncode: \"0111013900000\"\n", "yaml.duplicate_key", 2),
    (b"code: !!str 0111013900000\n", "yaml.tag", 1),
    (b"name: &n {th: x}\nfull_name: *n\n", "yaml.anchor", 1),
    (b"code: \"0111013900000\"\ntype: \xff\xfe\n", "yaml.encoding", 2),
    (b"", "yaml.empty", 1),
    (b"a: 1\n---\nb: 2\n", "yaml.multiple_documents", 2),
])
def test_unreadable_yaml(tmp_path: Path, raw: bytes, code: str, line: int) -> None:
    tree = valid_tree(tmp_path)
    tree.write(CHILD_AGENCY, raw)
    assert (code, CHILD_AGENCY, line) in triples(tmp_path)


def test_yaml_over_one_mebibyte(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.write(CHILD_AGENCY, agency_yaml(CHILD, PARENT) + "# " + "x" * (1024 * 1024) + "\n")
    assert ("yaml.too_large", CHILD_AGENCY, 1) in triples(tmp_path)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    text = agency_yaml(CHILD, PARENT).replace("\n", "\r\n")
    tree.write(CHILD_AGENCY, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert triples(tmp_path) == []


def test_unknown_key_at_its_own_line(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(CHILD, agency_yaml(CHILD, PARENT).replace("emails:\n", "emails:\n  emial: x@example.go.th\n"))
    assert triples(tmp_path) == [("schema.unknown_key", CHILD_AGENCY, 10)]


@pytest.mark.parametrize("old, new, thai, english", [
    ("type: government_agency", "type: publik", 'หมายถึง "public_organization" หรือไม่',
     'did you mean "public_organization"?'),
    ("type: government_agency", "type: Govenment_agency", 'หมายถึง "government_agency" หรือไม่',
     'did you mean "government_agency"?'),
    ("website:", "websit:", 'หมายถึง "website" หรือไม่', 'did you mean "website"?'),
    ("  public:", "  pubic:", 'หมายถึง "public" หรือไม่', 'did you mean "public"?'),
    ("type: government_agency", "type: spaceship", None, None),
])
def test_a_misspelt_key_or_value_suggests_the_allowed_one_it_resembles(tmp_path: Path, old: str, new: str,
                                                                       thai: str | None, english: str | None) -> None:
    tree = valid_tree(tmp_path)
    text = agency_yaml(CHILD, PARENT)
    assert old in text
    tree.agency(CHILD, text.replace(old, new, 1))
    [found] = validate(tmp_path, on=TODAY, use_cache=False).errors
    th, en = found.message("th"), found.message("en")
    if thai is None:
        assert "หมายถึง" not in th and "did you mean" not in en
    else:
        assert f"วิธีแก้: {thai}" in th and f"to fix: {english}" in en, (th, en)


def test_unquoted_code_is_a_type_error(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(CHILD, agency_yaml(CHILD, PARENT).replace(f'code: "{CHILD}"', "code: 1111013900000"))
    found = triples(tmp_path)
    assert ("schema.type", CHILD_AGENCY, 1) in found


def test_code_must_match_folder(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(CHILD, agency_yaml("0111013900001", PARENT))
    assert triples(tmp_path) == [("record.code_mismatch", CHILD_AGENCY, 1)]


def test_missing_parent(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(CHILD, agency_yaml(CHILD, "0999999999999"))
    assert triples(tmp_path) == [("record.parent_missing", CHILD_AGENCY, 2)]


def test_cycle_of_parents(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(PARENT, agency_yaml(PARENT, CHILD))
    found = triples(tmp_path)
    assert ("record.parent_cycle", CHILD_AGENCY, 2) in found
    assert ("record.parent_cycle", f"content/agencies/{PARENT}/agency.yaml", 2) in found


@pytest.mark.parametrize("name, reason", [
    ("../s10.pdf", "path separator"), ("a/b.pdf", "path separator"), ("s10..pdf", ".."),
    ("s10.PDF", "end in .pdf"), ("s10.doc", "end in .pdf"), ("s 10.pdf", "only Thai letters"),
])
def test_bad_file_names(tmp_path: Path, name: str, reason: str) -> None:
    tree = valid_tree(tmp_path)
    child_report(tree, f"""
        section10:
          versions:
            - file: "{name}"
              sha256: {"0" * 64}
              announced: 2023-11-01
              status: published
        """)
    result = validate(tmp_path, on=TODAY, use_cache=False)
    names = [(f.code, f.path, f.line) for f in result.errors]
    assert ("ref.file_name", CHILD_REPORT, 3) in names
    message = next(f for f in result.errors if f.code == "ref.file_name").message("en")
    assert reason in message


def _one_version(tree: Tree, name: str, digest: str) -> None:
    child_report(tree, f"""
        section10:
          versions:
            - file: {name}
              sha256: {digest}
              announced: 2023-11-01
              status: published
        """)


def test_missing_pdf(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    _one_version(tree, "nowhere.pdf", "0" * 64)
    found = triples(tmp_path)
    assert ("ref.file_missing", CHILD_REPORT, 3) in found


def test_sha256_mismatch(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.pdf(CHILD, "other.pdf")
    _one_version(tree, "other.pdf", "a" * 64)
    assert ("ref.sha256_mismatch", CHILD_REPORT, 3) in triples(tmp_path)


def test_pdf_over_five_mebibytes(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    big = pdfs.simple_pdf() + b"%" + b"0" * (5 * 1024 * 1024)
    digest = tree.pdf(CHILD, "big.pdf", big)
    _one_version(tree, "big.pdf", digest)
    assert ("pdf.too_large", CHILD_REPORT, 3) in triples(tmp_path)


@pytest.mark.parametrize("maker, code", [
    (pdfs.not_a_pdf, "pdf.not_pdf"),
    (pdfs.truncated_pdf, "pdf.unreadable"),
    (pdfs.encrypted_pdf, "pdf.encrypted"),
    (pdfs.pdf_with_javascript, "pdf.javascript"),
    (pdfs.pdf_with_open_action_js, "pdf.javascript"),
    (pdfs.pdf_with_launch, "pdf.launch"),
    (pdfs.pdf_with_attachment, "pdf.embedded_file"),
    (pdfs.pdf_with_richmedia, "pdf.rich_media"),
    (pdfs.pdf_with_xfa, "pdf.xfa"),
    (pdfs.pdf_with_js_in_object_stream, "pdf.javascript"),
])
def test_unsafe_or_broken_pdf(tmp_path: Path, maker, code: str) -> None:  # type: ignore[no-untyped-def]
    tree = valid_tree(tmp_path)
    digest = tree.pdf(CHILD, "bad.pdf", maker())
    _one_version(tree, "bad.pdf", digest)
    result = validate(tmp_path, on=TODAY, use_cache=False)
    hits = [f for f in result.errors if f.code == code]
    assert hits and (hits[0].path, hits[0].line) == (CHILD_REPORT, 3)
    assert f"content/documents/{CHILD}/bad.pdf" in hits[0].message("en")


def test_buddhist_era_year_names_the_gregorian_year(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    digest = sha((tmp_path / f"content/documents/{CHILD}/s10-2566.pdf").read_bytes())
    child_report(tree, f"""
        section10:
          versions:
            - file: s10-2566.pdf
              sha256: {digest}
              announced: 2566-11-01
              status: published
        """)
    result = validate(tmp_path, on=TODAY, use_cache=False)
    assert [(f.code, f.line) for f in result.errors] == [("date.buddhist_era", 5)]
    assert "2023" in result.errors[0].message("en") and "2023-11-01" in result.errors[0].message("th")


def test_recorded_date_after_today(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.report(CHILD, """
        section13:
          has_licences: true
          gazette_status: partial
          gazette_links:
            - url: https://ratchakitcha.soc.go.th/x
              recorded: 2026-11-26
              status: published
        """)
    assert ("date.future", CHILD_REPORT, 6) in triples(tmp_path)


def test_url_and_email(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    text = agency_yaml(CHILD, PARENT).replace("https://www.example.go.th", "javascript:alert(1)")
    text = text.replace("contact@example.go.th", "not-an-address")
    tree.agency(CHILD, text)
    assert triples(tmp_path) == [("url.invalid", CHILD_AGENCY, 8), ("email.invalid", CHILD_AGENCY, 10)]


def test_more_than_three_problems(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.report(CHILD, """
        problems:
          - {category: budget}
          - {category: data}
          - {category: law}
          - {category: other}
        """)
    assert ("problems.too_many", CHILD_REPORT, 2) in triples(tmp_path)


def test_symlink_anywhere_under_content(tmp_path: Path) -> None:
    valid_tree(tmp_path)
    os.symlink("/etc/passwd", tmp_path / f"content/documents/{CHILD}/link.pdf")
    assert ("tree.symlink", f"content/documents/{CHILD}/link.pdf", 1) in triples(tmp_path)


def test_stray_file_under_agencies(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.write(f"content/agencies/{CHILD}/notes.txt", "x")
    tree.write("content/agencies/README.md", "x")
    found = triples(tmp_path)
    assert ("tree.stray_file", f"content/agencies/{CHILD}/notes.txt", 1) in found
    assert ("tree.stray_file", "content/agencies/README.md", 1) in found


def test_warnings_orphan_no_section10_and_plain_http(tmp_path: Path) -> None:
    tree = Tree(tmp_path)
    tree.agency(CHILD, agency_yaml(CHILD).replace("https://", "http://"))
    tree.pdf(CHILD, "forgotten.pdf")
    result = validate(tmp_path, on=TODAY, use_cache=False)
    assert result.errors == []
    assert [(f.code, f.path, f.line) for f in result.warnings] == [
        ("compliance.no_section10", CHILD_AGENCY, 1),
        ("url.not_https", CHILD_AGENCY, 7),
        ("doc.orphan", f"content/documents/{CHILD}/forgotten.pdf", 1),
    ]


def test_inherited_announcement_silences_the_warning(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    (tmp_path / CHILD_REPORT).unlink()
    (tmp_path / f"content/documents/{CHILD}/s10-2566.pdf").unlink()
    assert validate(tmp_path, on=TODAY, use_cache=False).findings == []


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.write(CHILD_AGENCY, b"\x00\x01garbage")
    tree.agency(PARENT, agency_yaml(PARENT).replace("emails:\n", "emails:\n  bogus: 1\n"))
    codes = {c for c, _, _ in triples(tmp_path)}
    assert {"yaml.encoding", "schema.unknown_key"} <= codes


def test_messages_in_both_languages_name_what_to_do(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(CHILD, agency_yaml(CHILD, "0999999999999"))
    finding = validate(tmp_path, on=TODAY, use_cache=False).errors[0]
    assert "ไม่พบหน่วยงานต้นสังกัด" in finding.message("th") and "วิธีแก้" in finding.message("th")
    assert "does not exist" in finding.message("en") and "to fix" in finding.message("en")


def test_selected_file_inside_a_misnamed_folder_reports_the_folder(tmp_path: Path) -> None:
    valid_tree(tmp_path)
    tree = Tree(tmp_path)
    tree.write("content/agencies/notes/x.txt", "x")
    result = validate(tmp_path, ["content/agencies/notes/x.txt"], on=TODAY, use_cache=False)
    assert [(f.code, f.path) for f in result.errors] == [("tree.bad_folder", "content/agencies/notes")]


def test_selection_reports_only_what_it_touches(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.agency(PARENT, agency_yaml(PARENT).replace("emails:\n", "emails:\n  bogus: 1\n"))
    tree.write(f"content/documents/{CHILD}/s10-2566.pdf", b"not a pdf")
    only_parent = validate(tmp_path, [f"content/agencies/{PARENT}/agency.yaml"], on=TODAY, use_cache=False)
    assert [(f.code, f.path) for f in only_parent.errors] == [
        ("schema.unknown_key", f"content/agencies/{PARENT}/agency.yaml")]
    only_child_pdf = validate(tmp_path, [f"content/documents/{CHILD}/s10-2566.pdf"], on=TODAY, use_cache=False)
    assert "schema.unknown_key" not in {f.code for f in only_child_pdf.errors}
    assert only_child_pdf.errors and all(CHILD in f.path for f in only_child_pdf.errors)
    full = {f.code for f in validate(tmp_path, on=TODAY, use_cache=False).errors}
    assert "schema.unknown_key" in full and {f.code for f in only_child_pdf.errors} <= full


def test_selection_sees_the_tree_problems_of_what_it_selects(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    tree.write("content/documents/9999999999999/x.pdf", pdfs.simple_pdf())
    os.symlink("/etc/passwd", tmp_path / f"content/documents/{CHILD}/link.pdf")
    tree.write(f"content/agencies/{PARENT}/notes.txt", "x")
    selected = ["content/documents/9999999999999/x.pdf", f"content/documents/{CHILD}/link.pdf"]
    found = {(f.code, f.path) for f in validate(tmp_path, selected, on=TODAY, use_cache=False).findings}
    assert found == {("tree.documents_without_agency", "content/documents/9999999999999"),
                     ("tree.symlink", f"content/documents/{CHILD}/link.pdf")}
    full = {(f.code, f.path) for f in validate(tmp_path, on=TODAY, use_cache=False).findings}
    assert found < full and ("tree.stray_file", f"content/agencies/{PARENT}/notes.txt") in full


def test_a_selective_run_never_enters_a_linked_folder(tmp_path: Path) -> None:
    tree = valid_tree(tmp_path)
    outside = tmp_path / "outside"
    (outside / "agencies").mkdir(parents=True)
    (outside / "agencies" / "agency.yaml").write_text(agency_yaml("1111111111111"), "utf-8")
    os.symlink(outside / "agencies", tmp_path / "content/agencies/1111111111111")
    tree.agency(CHILD, agency_yaml(CHILD, parent="1111111111111"))
    result = validate(tmp_path, [CHILD_AGENCY], on=TODAY, use_cache=False)
    assert ("record.parent_missing", CHILD_AGENCY) in {(f.code, f.path) for f in result.errors}
    assert result.store.has_agency("1111111111111") is False


def _many_versions_tree(root: Path) -> Tree:
    """A report with seventy versions, enough for the PDFs to be read by worker processes, four of them bad."""
    tree = valid_tree(root)
    lines = ["section16:", "  versions:"]
    files = {f"order-{i:02d}.pdf": pdfs.simple_pdf(f"order {i}") for i in range(66)}
    files["script.pdf"] = pdfs.pdf_with_javascript()
    files["big.pdf"] = pdfs.simple_pdf() + b"%" + b"0" * (5 * 1024 * 1024)
    files["not-a-pdf.pdf"] = pdfs.not_a_pdf()
    for index, (name, data) in enumerate(files.items()):
        digest = tree.pdf(CHILD, name, data)
        recorded = "f" * 64 if name == "order-07.pdf" else digest
        lines += [f"    - file: {name}", f"      sha256: {recorded}",
                  f"      effective: 2024-01-{index % 28 + 1:02d}", "      status: published"]
    tree.report(CHILD, "\n".join(lines) + "\n")
    return tree


def test_pdfs_read_by_worker_processes_give_the_same_findings(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from plugins.prakat import pdfcache

    _many_versions_tree(tmp_path)
    used: list[int] = []
    facts = pdfcache.Prefetch.facts

    def counted(self):  # type: ignore[no-untyped-def]
        used.append(len(self.paths))
        return facts(self)

    monkeypatch.setattr(pdfcache.Prefetch, "facts", counted)
    in_workers = validate(tmp_path, on=TODAY, use_cache=False)
    assert used and used[0] >= 69  # every PDF of the tree went through the workers
    monkeypatch.setattr(pdfcache, "PARALLEL_FROM", 10_000)
    here = validate(tmp_path, on=TODAY, use_cache=False)
    assert len(used) == 1
    assert in_workers.findings == here.findings
    codes = {(f.code, f.line) for f in in_workers.errors}
    assert {("pdf.javascript", 3 + 4 * 66), ("pdf.too_large", 3 + 4 * 67), ("pdf.not_pdf", 3 + 4 * 68),
            ("ref.sha256_mismatch", 3 + 4 * 7)} <= codes


def test_workers_skip_pdfs_the_cache_knows_and_record_the_new_ones(tmp_path: Path) -> None:
    from plugins.prakat.pdfcache import PdfVerdicts

    _many_versions_tree(tmp_path)
    first = validate(tmp_path, on=TODAY)
    cached = PdfVerdicts(tmp_path).known
    readable = [p for p in (tmp_path / "content" / "documents").rglob("*.pdf") if p.name != "big.pdf"]
    assert len(cached) == len(readable) > 64 and any(v for v in cached.values())  # the big one is never read
    second = validate(tmp_path, on=TODAY)
    assert first.findings == second.findings


def test_a_worker_that_dies_costs_time_not_findings(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from plugins.prakat import pdfcache

    _many_versions_tree(tmp_path)
    expected = validate(tmp_path, on=TODAY, use_cache=False).findings
    monkeypatch.setattr(pdfcache, "_read_and_check", _die)
    assert validate(tmp_path, on=TODAY, use_cache=False).findings == expected


def _die(paths: list[str]) -> list[object]:
    os._exit(9)  # as if the kernel had stopped the worker
