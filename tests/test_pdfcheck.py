"""The PDF safety check, on real files built by tests.pdfs."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from plugins.prakat.pdfcheck import (
    MAX_DEPTH,
    MAX_PDF_BYTES,
    LfsPointer,
    PdfProblem,
    check_pdf,
    parse_lfs_pointer,
)
from tests import pdfs

ROOT = Path(__file__).resolve().parent.parent

SIMPLE = pdfs.simple_pdf()


def codes(data: bytes) -> list[str]:
    return [problem.code for problem in check_pdf(data)]


def minimal_pdf(*extra_objects: bytes, listed: int | None = None, catalogue: bytes = b"") -> bytes:
    """A one-page file written by hand, with ``extra_objects`` numbered from 4.

    Only the first ``listed`` objects get a cross-reference entry (all by
    default); ``catalogue`` adds entries to the catalogue dictionary.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalogue + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    listed = len(objects) if listed is None else listed
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (listed + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets[:listed])
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (listed + 1, xref)
    return bytes(out)


# --- one real file per code ------------------------------------------------------


def test_a_plain_document_is_safe():
    assert check_pdf(SIMPLE) == []


def test_the_sample_document_has_extractable_text():
    text = PdfReader(io.BytesIO(pdfs.simple_pdf("Section 10 (2566)\nsecond line"))).pages[0].extract_text()
    assert "Section 10 (2566)" in text
    assert "second line" in text


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (pdfs.not_a_pdf, ["pdf.not_pdf"]),
        (pdfs.truncated_pdf, ["pdf.unreadable"]),
        (pdfs.pdf_without_pages, ["pdf.unreadable"]),
        (pdfs.encrypted_pdf, ["pdf.encrypted"]),
        (pdfs.pdf_with_javascript, ["pdf.javascript"]),
        (pdfs.pdf_with_open_action_js, ["pdf.javascript"]),
        (pdfs.pdf_with_js_in_unreferenced_object, ["pdf.javascript"]),
        (pdfs.pdf_with_js_in_object_stream, ["pdf.javascript"]),
        (pdfs.pdf_with_js_outside_xref, ["pdf.javascript"]),
        (pdfs.pdf_with_launch, ["pdf.launch"]),
        (pdfs.pdf_with_attachment, ["pdf.embedded_file"]),
        (pdfs.pdf_with_richmedia, ["pdf.rich_media"]),
        (pdfs.pdf_with_xfa, ["pdf.xfa"]),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_each_sample_gives_exactly_its_code(build, expected):
    assert codes(build()) == expected


def test_too_large_is_reported_without_parsing():
    data = SIMPLE + b" " * (MAX_PDF_BYTES + 1 - len(SIMPLE))
    assert check_pdf(data) == [PdfProblem("pdf.too_large", "5.0 MiB")]
    assert check_pdf(data[:-1]) == []  # exactly 5 MiB is allowed


def test_details_say_where_the_content_is():
    assert check_pdf(pdfs.pdf_with_javascript()) == [
        PdfProblem("pdf.javascript", "/JavaScript name tree in the document catalogue /Names")
    ]
    assert check_pdf(pdfs.pdf_with_open_action_js()) == [
        PdfProblem("pdf.javascript", "/JS script in the document catalogue /OpenAction")
    ]
    assert check_pdf(pdfs.pdf_with_launch()) == [
        PdfProblem("pdf.launch", "/S /Launch action in annotation 1 on page 1 /A")
    ]
    assert check_pdf(pdfs.pdf_with_js_outside_xref()) == [
        PdfProblem("pdf.javascript", "/JS script in object 99 outside the cross-reference table")
    ]


def test_not_pdf_names_what_the_file_is():
    assert check_pdf(b"") == [PdfProblem("pdf.not_pdf", "the file is empty")]
    assert check_pdf(pdfs.not_a_pdf()) == [PdfProblem("pdf.not_pdf", "it is a PNG image")]
    assert check_pdf(b"\xff\xd8\xff\xe0" + bytes(100)) == [PdfProblem("pdf.not_pdf", "it is a JPEG image")]
    assert codes(b"PK\x03\x04word/document.xml") == ["pdf.not_pdf"]
    assert codes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)) == ["pdf.not_pdf"]


def test_the_header_may_follow_up_to_1024_bytes_of_junk():
    assert check_pdf(b"x" * 1000 + SIMPLE) == []
    assert codes(b"x" * 1020 + SIMPLE) == ["pdf.not_pdf"]


def test_encryption_with_a_password_is_reported_once():
    assert check_pdf(pdfs.encrypted_pdf("secret")) == [PdfProblem("pdf.encrypted", "needs a password to open")]


def test_unreadable_detail_is_one_short_line_naming_the_error():
    [problem] = check_pdf(pdfs.truncated_pdf())
    assert problem.code == "pdf.unreadable"
    assert problem.detail.startswith("PdfStreamError: ")
    assert "\n" not in problem.detail and len(problem.detail) <= 200


def test_several_problems_come_once_each_in_a_fixed_order():
    launch = b"<< /S /Launch /F (cmd.exe) >>"
    javascript = b"<< /S /JavaScript /JS (app.alert\\(1\\);) >>"
    data = minimal_pdf(launch, javascript, javascript, b"<< /XFA [] >>")
    assert codes(data) == ["pdf.javascript", "pdf.launch", "pdf.xfa"]
    assert check_pdf(data) == check_pdf(data)


def test_names_written_with_hex_escapes_are_still_found():
    assert codes(minimal_pdf(b"<< /S /Java#53cript /J#53 (x) >>")) == ["pdf.javascript"]


def test_an_action_type_given_by_reference_is_resolved():
    assert codes(minimal_pdf(b"<< /S 5 0 R /F (cmd.exe) >>", b"/Launch")) == ["pdf.launch"]


def test_embedded_file_stream_and_file_attachment_annotation():
    stream = b"<< /Type /EmbeddedFile /Length 3 >>\nstream\nabc\nendstream"
    assert codes(minimal_pdf(stream)) == ["pdf.embedded_file"]
    assert codes(minimal_pdf(b"<< /Type /Annot /Subtype /FileAttachment >>")) == ["pdf.embedded_file"]


def test_javascript_in_a_form_field_and_in_page_actions():
    field = b"<< /FT /Tx /T (name) /AA << /K << /S /JavaScript /JS (1) >> >> >>"
    assert codes(minimal_pdf(field)) == ["pdf.javascript"]
    page_action = b"<< /Type /Page /AA << /O << /S /JavaScript /JS (1) >> >> >>"
    assert codes(minimal_pdf(page_action)) == ["pdf.javascript"]


def test_objects_missing_from_the_cross_reference_table_are_read_and_inspected():
    assert check_pdf(minimal_pdf(listed=2)) == []  # the page is found as pypdf would find it
    action = b"<< /S /JavaScript /JS (1) >>"
    assert codes(minimal_pdf(action, listed=3)) == ["pdf.javascript"]
    assert codes(minimal_pdf(action, listed=3, catalogue=b"/OpenAction 4 0 R")) == ["pdf.javascript"]


def test_an_object_stream_outside_the_cross_reference_table_is_opened():
    member = b"50 0 << /S /Launch /F (cmd.exe) >>"
    packed = zlib.compress(member)
    stream = b"<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
    data = minimal_pdf(stream + packed + b"\nendstream", listed=3)
    assert check_pdf(data) == [PdfProblem("pdf.launch", "/S /Launch action in object 50 hidden in object stream 4")]


# --- hostile structure: budgets, cycles, nesting ------------------------------------


def test_cyclic_page_tree_is_unreadable_not_a_hang():
    data = minimal_pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [2 0 R] /Count 1")
    assert codes(data) == ["pdf.unreadable"]


def test_deep_nesting_is_unreadable_not_a_crash():
    # The escaped name /A#42 sends the file down the exhaustive path, which has a nesting budget.
    just_too_deep = b"<< /A#42 " + b"[" * (MAX_DEPTH + 2) + b"]" * (MAX_DEPTH + 2) + b" >>"
    [problem] = check_pdf(minimal_pdf(just_too_deep))
    assert problem.code == "pdf.unreadable"
    assert "nested more than" in problem.detail
    assert codes(minimal_pdf(b"[" * 100_000 + b"]" * 100_000)) == ["pdf.unreadable"]


def test_plain_files_take_the_fast_path_and_risky_ones_do_not():
    from plugins.prakat.pdfcheck import _plainly_inert
    assert _plainly_inert(minimal_pdf())
    assert not _plainly_inert(minimal_pdf(b"<< /J#53 (app.alert(1)) >>"))
    assert not _plainly_inert(minimal_pdf(b"<< /Type /ObjStm >>"))


def test_reference_cycles_between_objects_cost_nothing():
    assert check_pdf(minimal_pdf(b"<< /Next 5 0 R >>", b"<< /Next 4 0 R >>")) == []


def test_dangling_references_do_not_make_the_check_slow():
    streams = [b"<< /Length %d 0 R >>\nstream\nabc\nendstream" % (90_000 + i) for i in range(2_000)]
    started = time.monotonic()
    assert check_pdf(minimal_pdf(*streams)) == []
    assert time.monotonic() - started < 5


def test_pypdf_warnings_never_reach_the_terminal(tmp_path):
    """pypdf logs a warning for each oddity of a broken file; the clerk must see only Prakat's findings."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdfs.truncated_pdf())
    script = ("import logging, sys\n"
              "from plugins.prakat.pdfcheck import check_pdf\n"
              "logging.basicConfig(level=logging.DEBUG)\n"  # as any program that logs would set it up
              "print([p.code for p in check_pdf(open(sys.argv[1], 'rb').read())])\n"
              "print([p.code for p in check_pdf(b'%PDF-1.4\\nnot really a pdf')])\n")
    run = subprocess.run([sys.executable, "-c", script, str(broken)], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["['pdf.unreadable']", "['pdf.unreadable']"]
    assert run.stderr == ""


# --- LFS pointers -----------------------------------------------------------------

OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393"


def test_an_lfs_pointer_parses():
    pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 12345\n".encode()
    assert parse_lfs_pointer(pointer) == LfsPointer(oid=OID, size=12345)


def test_an_lfs_pointer_with_an_extension_line_parses():
    pointer = f"version https://git-lfs.github.com/spec/v1\next-0-foo sha256:{'0' * 64}\noid sha256:{OID}\nsize 7\n"
    assert parse_lfs_pointer(pointer.encode()) == LfsPointer(oid=OID, size=7)


@pytest.mark.parametrize(
    "data",
    [
        SIMPLE,
        b"",
        b"version https://git-lfs.github.com/spec/v1\n",
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 12345".encode(),  # no final newline
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID[:-1]}\nsize 1\n".encode(),
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID.upper()}\nsize 1\n".encode(),
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize -1\n".encode(),
        f"oid sha256:{OID}\nsize 1\n".encode(),
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 1\n".encode() + b"x" * 1024,
    ],
)
def test_anything_else_is_not_an_lfs_pointer(data):
    assert parse_lfs_pointer(data) is None


# --- never raises -----------------------------------------------------------------

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KNOWN_CODES = {
    "pdf.too_large",
    "pdf.not_pdf",
    "pdf.unreadable",
    "pdf.encrypted",
    "pdf.javascript",
    "pdf.launch",
    "pdf.embedded_file",
    "pdf.rich_media",
    "pdf.xfa",
}


def assert_well_formed(problems: list[PdfProblem]) -> None:
    assert all(isinstance(problem, PdfProblem) for problem in problems)
    found = [problem.code for problem in problems]
    assert set(found) <= KNOWN_CODES
    assert len(found) == len(set(found))


@FUZZ
@given(st.binary(max_size=4096))
def test_never_raises_on_arbitrary_bytes(data):
    assert_well_formed(check_pdf(data))


@FUZZ
@given(st.binary(max_size=4096))
def test_never_raises_on_arbitrary_bytes_after_a_pdf_header(data):
    assert_well_formed(check_pdf(b"%PDF-1.7\n" + data))


SAMPLES = [SIMPLE, pdfs.pdf_with_js_in_object_stream(), pdfs.encrypted_pdf(), pdfs.pdf_with_attachment()]


@FUZZ
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=16),
)
def test_never_raises_on_a_pdf_with_bytes_changed(sample, changes):
    data = bytearray(sample)
    for where, value in changes:
        data[int(where * len(data))] = value
    assert_well_formed(check_pdf(bytes(data)))


@FUZZ
@given(st.sampled_from(SAMPLES), st.floats(0, 1))
def test_never_raises_on_a_truncated_pdf(sample, fraction):
    assert_well_formed(check_pdf(sample[: int(fraction * len(sample))]))
