"""Real PDF files, built in memory, for tests that need one.

Every function returns the bytes of a file. Files are made with pypdf's
PdfWriter, except the object-stream sample, which pypdf cannot write and is
assembled here byte by byte. Output is reproducible: the same call gives the
same bytes.
"""

from __future__ import annotations

import io
import struct
import zlib

from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
    create_string_object,
)

A4 = (595, 842)
DEFAULT_TEXT = "Prakat test document"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A valid 1x1 white PNG image: what a renamed image looks like.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff"))
    + _png_chunk(b"IEND", b"")
)


def _name(value: str) -> NameObject:
    return NameObject(value)


def _dict(**entries: object) -> DictionaryObject:
    """A DictionaryObject from keyword arguments: ``_dict(S=_name("/URI"))``."""
    return DictionaryObject({NameObject("/" + key): value for key, value in entries.items()})


def _rect(x1: float, y1: float, x2: float, y2: float) -> ArrayObject:
    return ArrayObject(FloatObject(v) for v in (x1, y1, x2, y2))


def _pdf_string(line: str) -> bytes:
    """A PDF literal string for Helvetica with WinAnsiEncoding."""
    raw = line.encode("cp1252", errors="replace")
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + raw + b")"


def _content(text: str) -> bytes:
    """A content stream showing each line of ``text`` in 12 pt Helvetica."""
    parts = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 770 Td"]
    for line in text.split("\n"):
        parts.append(_pdf_string(line) + b" Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts) + b"\n"


def _writer(text: str = DEFAULT_TEXT) -> PdfWriter:
    """A writer holding one A4 page that shows ``text``."""
    writer = PdfWriter()
    page = writer.add_blank_page(*A4)
    font = _dict(
        Type=_name("/Font"),
        Subtype=_name("/Type1"),
        BaseFont=_name("/Helvetica"),
        Encoding=_name("/WinAnsiEncoding"),
    )
    page[NameObject("/Resources")] = _dict(Font=_dict(F1=font))
    stream = DecodedStreamObject()
    stream.set_data(_content(text))
    page.replace_contents(stream.flate_encode())
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def simple_pdf(text: str = DEFAULT_TEXT) -> bytes:
    """One A4 page with extractable text (one line per ``\\n``-separated line)."""
    return _bytes(_writer(text))


def pdf_with_javascript() -> bytes:
    """Document-level JavaScript in the catalogue's /Names /JavaScript tree."""
    writer = _writer()
    writer.add_open_action(JavaScript("app.alert('hello');"))
    # pypdf names the entry with a random UUID; a fixed name keeps the bytes stable.
    names = writer.root_object["/Names"]["/JavaScript"]["/Names"]
    names[0] = create_string_object("open")
    return _bytes(writer)


def pdf_with_open_action_js() -> bytes:
    """A JavaScript action run by the catalogue's /OpenAction."""
    writer = _writer()
    action = _dict(Type=_name("/Action"), S=_name("/JavaScript"), JS=TextStringObject("app.alert(1);"))
    writer.root_object[NameObject("/OpenAction")] = action
    return _bytes(writer)


def pdf_with_launch() -> bytes:
    """A link annotation whose action launches a program."""
    writer = _writer()
    launch = _dict(S=_name("/Launch"), F=TextStringObject("cmd.exe"))
    annotation = _dict(Type=_name("/Annot"), Subtype=_name("/Link"), Rect=_rect(72, 700, 300, 720), A=launch)
    writer.add_annotation(0, annotation)
    return _bytes(writer)


def pdf_with_attachment() -> bytes:
    """An embedded file in the catalogue's /Names /EmbeddedFiles tree."""
    writer = _writer()
    writer.add_attachment("notes.txt", b"attached text\n")
    return _bytes(writer)


def pdf_with_richmedia() -> bytes:
    """A /RichMedia annotation (embedded Flash or video)."""
    writer = _writer()
    content = _dict(Type=_name("/RichMediaContent"), Assets=_dict(Names=ArrayObject()))
    annotation = _dict(
        Type=_name("/Annot"),
        Subtype=_name("/RichMedia"),
        Rect=_rect(72, 500, 300, 700),
        RichMediaContent=content,
    )
    writer.add_annotation(0, annotation)
    return _bytes(writer)


def pdf_with_xfa() -> bytes:
    """An /AcroForm carrying an XFA form."""
    writer = _writer()
    xdp = DecodedStreamObject()
    xdp.set_data(b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"></xdp:xdp>')
    writer.root_object[NameObject("/AcroForm")] = _dict(
        Fields=ArrayObject(),
        XFA=ArrayObject([TextStringObject("xdp"), writer._add_object(xdp)]),
    )
    return _bytes(writer)


def encrypted_pdf(user_password: str = "") -> bytes:
    """RC4-128 encryption; with the default empty password any viewer opens it."""
    writer = _writer()
    fixed_id = ByteStringObject(b"prakat-fixed-id!")
    writer._ID = ArrayObject([fixed_id, fixed_id])
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    # encrypt() draws a random second identifier; the key depends only on the first.
    writer._ID = ArrayObject([fixed_id, fixed_id])
    return _bytes(writer)


def pdf_with_js_in_unreferenced_object() -> bytes:
    """A JavaScript action in an indirect object nothing refers to."""
    writer = _writer()
    writer.add_open_action(JavaScript("app.alert('hidden');"))
    # Drop the only reference: the action object is still written to the file.
    del writer.root_object["/Names"]
    return _bytes(writer)


def pdf_with_js_in_object_stream() -> bytes:
    """A JavaScript action stored, unreferenced, inside a compressed object stream.

    pypdf writes no object streams, so the file is assembled here: a
    cross-reference stream (PDF 1.5) lists object 5 as the first object of
    the object stream 4.
    """
    action = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('objstm'\\);) >>"
    plain = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    ]

    header = b"5 0 "
    objstm_data = zlib.compress(header + action, 9)
    objstm = (
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(objstm_data))
        + objstm_data
        + b"\nendstream"
    )
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in enumerate([*plain, objstm], start=1):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_number = 6
    offsets[xref_number] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3, 4)]
    rows.append(struct.pack(">BIH", 2, 4, 0))  # object 5: in object stream 4, index 0
    rows.append(struct.pack(">BIH", 1, offsets[xref_number], 0))
    xref_data = b"".join(rows)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % (xref_number, len(xref_data))
        + xref_data
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def pdf_with_js_outside_xref() -> bytes:
    """A JavaScript action written after the end of a valid file, in no cross-reference table.

    A viewer that rebuilds the table of a damaged file would find it.
    """
    return simple_pdf() + b"99 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\);) >>\nendobj\n"


def pdf_without_pages() -> bytes:
    """A well-formed file whose page tree is empty."""
    return _bytes(PdfWriter())


def truncated_pdf() -> bytes:
    """The first 400 bytes of a valid file, as left by an interrupted upload."""
    return simple_pdf()[:400]


def not_a_pdf() -> bytes:
    """A PNG image, as when an image is renamed to .pdf."""
    return PNG_BYTES


__all__ = [
    "encrypted_pdf",
    "not_a_pdf",
    "pdf_with_attachment",
    "pdf_with_javascript",
    "pdf_with_js_in_object_stream",
    "pdf_with_js_in_unreferenced_object",
    "pdf_with_js_outside_xref",
    "pdf_with_launch",
    "pdf_with_open_action_js",
    "pdf_with_richmedia",
    "pdf_with_xfa",
    "pdf_without_pages",
    "simple_pdf",
    "truncated_pdf",
]
