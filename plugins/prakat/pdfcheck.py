"""Is a PDF safe to publish? (SPEC §3: size, format, readability, encryption, active content.)

``check_pdf`` never raises: every problem, a parser failure included, comes back
as a ``PdfProblem`` with a stable code.

Active content is looked for in every object of the file, not only in what the
document structure points to, so a hostile file cannot hide it:

1. every object of the cross-reference table, object streams included, whether
   or not anything refers to it;
2. objects an object stream holds without the cross-reference table listing
   them;
3. objects written in the file body (``N G obj``) with a number the
   cross-reference table does not know, which a viewer repairing the file
   would find.

Each dictionary is judged on its own keys and values (``/S /JavaScript``,
``/JS``, ``/S /Launch``, ...), so references need not be followed, and reference
cycles cost nothing. The walk is iterative, with budgets on nesting depth,
number of objects, number of values and time; overrunning one is
``pdf.unreadable``, never a hang.
"""

from __future__ import annotations

import io
import re
import time

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
    read_object,
)

from .pdffacts import MAX_PDF_BYTES, LfsPointer, PdfProblem, keep_pypdf_quiet, parse_lfs_pointer  # noqa: F401

keep_pypdf_quiet()

HEADER_WINDOW = 1024  # %PDF- must start within the first 1024 bytes (as viewers accept)
MAX_DEPTH = 256  # arrays and dictionaries nested inside one object
MAX_OBJECTS = 500_000  # a 5 MiB file cannot hold more real objects than this
MAX_VALUES = 5_000_000  # dictionary entries and array items visited
MAX_SECONDS = 20.0  # last resort against pathological files

TOO_LARGE = "pdf.too_large"
NOT_PDF = "pdf.not_pdf"
UNREADABLE = "pdf.unreadable"
ENCRYPTED = "pdf.encrypted"
JAVASCRIPT = "pdf.javascript"
LAUNCH = "pdf.launch"
EMBEDDED_FILE = "pdf.embedded_file"
RICH_MEDIA = "pdf.rich_media"
XFA = "pdf.xfa"
CODES = (TOO_LARGE, NOT_PDF, UNREADABLE, ENCRYPTED, JAVASCRIPT, LAUNCH, EMBEDDED_FILE, RICH_MEDIA, XFA)


def check_pdf(data: bytes) -> list[PdfProblem]:
    """Every problem found in these bytes; [] when the PDF is safe to publish. Never raises."""
    try:
        return _check(bytes(data))
    except Exception as exc:  # a defect here must still not crash validation
        return [PdfProblem(UNREADABLE, _describe(exc))]


# --- what makes a file unsafe ----------------------------------------------

# A key whose mere presence marks the dictionary: code, what to call it.
_FLAG_KEYS = {
    "/JS": (JAVASCRIPT, "/JS script"),
    "/JavaScript": (JAVASCRIPT, "/JavaScript name tree"),
    "/EmbeddedFiles": (EMBEDDED_FILE, "/EmbeddedFiles name tree"),
    "/EF": (EMBEDDED_FILE, "/EF embedded file"),
    "/RichMediaContent": (RICH_MEDIA, "/RichMediaContent"),
    "/RichMediaSettings": (RICH_MEDIA, "/RichMediaSettings"),
    "/XFA": (XFA, "/XFA form"),
}
_FLAG_KEY_SET = frozenset(_FLAG_KEYS)

# A key with a name value that marks the dictionary.
_FLAG_VALUES = {
    ("/S", "/JavaScript"): (JAVASCRIPT, "/S /JavaScript action"),
    ("/S", "/Launch"): (LAUNCH, "/S /Launch action"),
    ("/Type", "/EmbeddedFile"): (EMBEDDED_FILE, "/EmbeddedFile stream"),
    ("/Subtype", "/FileAttachment"): (EMBEDDED_FILE, "/FileAttachment annotation"),
    ("/Subtype", "/RichMedia"): (RICH_MEDIA, "/RichMedia annotation"),
    ("/Type", "/RichMediaContent"): (RICH_MEDIA, "/RichMediaContent"),
}
_VALUE_KEYS = ("/S", "/Type", "/Subtype")

# A cheap test on the raw bytes: the file declares encryption.
_ENCRYPT_ENTRY = re.compile(rb"/Encrypt\s*(?:<<|\d+\s+\d+\s+R)")
# Where the file body declares an indirect object: "obj", then "N G " just before it.
_OBJ_KEYWORD = re.compile(rb"obj(?![A-Za-z])")
_OBJECT_NUMBERS = re.compile(rb"(?<![0-9])([0-9]{1,10})[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+\Z")
# What a file is when it is not a PDF, by its first bytes.
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"<", "an HTML or XML page"),
)
# pypdf cannot parse what a raw object header points at: not an object after all.
_NOT_AN_OBJECT = (PyPdfError, ValueError, KeyError, IndexError, TypeError, RecursionError, UnicodeError)


class _BudgetExceeded(Exception):
    """The file needs more work to inspect than any real document does."""


class _Findings:
    """Problems found so far: the first detail of each code, reported in CODES order."""

    def __init__(self) -> None:
        self._detail: dict[str, str] = {}

    def add(self, code: str, detail: str) -> None:
        self._detail.setdefault(code, detail)

    def problems(self) -> list[PdfProblem]:
        return [PdfProblem(code, self._detail[code]) for code in CODES if code in self._detail]


class _Budget:
    def __init__(self) -> None:
        self.objects = 0
        self.values = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def object(self) -> None:
        self.objects += 1
        if self.objects > MAX_OBJECTS:
            raise _BudgetExceeded(f"more than {MAX_OBJECTS:,} objects")
        if time.monotonic() > self.deadline:
            raise _BudgetExceeded(f"inspection took longer than {MAX_SECONDS:g} s")

    def spend(self, values: int) -> None:
        self.values += values
        if self.values > MAX_VALUES:
            raise _BudgetExceeded(f"more than {MAX_VALUES:,} values in its objects")


# --- the check ---------------------------------------------------------------


def _check(data: bytes) -> list[PdfProblem]:
    if len(data) > MAX_PDF_BYTES:
        return [PdfProblem(TOO_LARGE, f"{len(data) / (1024 * 1024):.1f} MiB")]
    start = data.find(b"%PDF-", 0, HEADER_WINDOW)
    if start < 0:
        return [PdfProblem(NOT_PDF, _what_it_is(data))]
    body = data[start:]
    findings = _Findings()
    try:
        if _plainly_inert(body):
            _confirm_readable(body, findings)
        else:
            _inspect(body, findings)
    except _BudgetExceeded as exc:
        findings.add(UNREADABLE, f"too complex to inspect: {exc}")
    except Exception as exc:  # pypdf raises many types on broken input
        findings.add(UNREADABLE, _describe(exc))
    return findings.problems()


# Any byte sequence through which active content could be present or hidden.  Objects
# live either in the file body (plain bytes) or inside object streams, and a name can
# be spelled with #xx escapes; a file without any of these cannot carry what SPEC §3
# forbids, so only its readability is left to prove.
_RISKY = re.compile(
    rb"/ObjStm|/JS|/JavaScript|/Launch|/EmbeddedFile|/EF|/FileAttachment|/RichMedia|/XFA|/Encrypt"
    rb"|/[^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}")


def _plainly_inert(body: bytes) -> bool:
    return _RISKY.search(body) is None


def _confirm_readable(body: bytes, findings: _Findings) -> None:
    """The fast path: every listed object and every page of the page tree can be read."""
    reader = _Reader(body)
    for generation, numbers in sorted(reader.xref.items()):
        for number in sorted(numbers):
            reader.get_object(IndirectObject(number, generation, reader))
    pages = reader.pages
    if len(pages) == 0:
        findings.add(UNREADABLE, "the document has no pages")
    for page in pages:
        page.get("/Contents")


def _inspect(body: bytes, findings: _Findings) -> None:
    try:
        reader = _Reader(body)
    except Exception as exc:  # pypdf raises many types on broken input
        if _ENCRYPT_ENTRY.search(body):
            findings.add(ENCRYPTED, f"encrypted in a way that cannot be opened here ({_describe(exc)})")
        else:
            findings.add(UNREADABLE, _describe(exc))
        return
    if reader.is_encrypted:
        if _decrypt_without_password(reader):
            findings.add(ENCRYPTED, "encrypted, opens without a password")
        else:
            findings.add(ENCRYPTED, "needs a password to open")
            return
    listed = _listed_objects(reader)
    labels = _labels(reader, findings)
    budget = _Budget()
    trailer = DictionaryObject({key: value for key, value in dict.items(reader.trailer) if key != "/Encrypt"})
    _walk(trailer, "the trailer", findings, budget)
    object_streams = _sweep(reader, listed, labels, findings, budget)
    object_streams += _sweep_unlisted(reader, body, findings, budget)
    for number, stream in object_streams:
        _sweep_object_stream(reader, number, stream, findings, budget)


class _Reader(PdfReader):
    """pypdf's reader, without a whole-file search for every object the cross-reference table lacks.

    For such an object pypdf runs a regular expression over the whole file,
    on each request: a file full of dangling references makes that quadratic.
    Here the file's object headers are found once, on the first such request;
    a reference to an object the file does not define resolves to None at
    once, as pypdf's own search would after scanning the whole file.
    """

    def __init__(self, body: bytes) -> None:
        self._body = body
        self._headers: list[tuple[int, int, int, int]] | None = None
        self._unlisted: dict[tuple[int, int], int] | None = None
        self._ready = False
        super().__init__(io.BytesIO(body), strict=False)
        known = set(self.xref_objStm)
        for entries in self.xref.values():
            known.update(entries)
        #: Every object number the cross-reference table has an entry for, free ones included.
        self.known_numbers = frozenset(known)
        self._ready = True

    @property
    def headers(self) -> list[tuple[int, int, int, int]]:
        """Each ``N G obj`` written in the file (see ``_object_headers``), found when first needed."""
        if self._headers is None:
            self._headers = _object_headers(self._body)
        return self._headers

    def _unlisted_start(self, number: int, generation: int) -> int | None:
        if self._unlisted is None:
            self._unlisted = {}
            for found, found_generation, start, _end in self.headers:
                if found not in self.known_numbers:
                    self._unlisted.setdefault((found, found_generation), start)
        return self._unlisted.get((number, generation))

    def get_object(self, indirect_reference: int | IndirectObject) -> PdfObject | None:
        if self._ready:  # the cross-reference table is read
            if isinstance(indirect_reference, int):
                number, generation = indirect_reference, 0
            else:
                number, generation = indirect_reference.idnum, indirect_reference.generation
            if number not in self.xref_objStm and number not in self.xref.get(generation, ()):
                start = self._unlisted_start(number, generation)
                if start is None:
                    return None  # what pypdf answers when its own search finds nothing
                self.xref.setdefault(generation, {})[number] = start
        return super().get_object(indirect_reference)


def _object_headers(body: bytes) -> list[tuple[int, int, int, int]]:
    """(number, generation, start, end) of each ``N G obj`` in the file, in file order."""
    headers = []
    for keyword in _OBJ_KEYWORD.finditer(body):
        match = _OBJECT_NUMBERS.search(body, max(0, keyword.start() - 40), keyword.start())
        if match is not None:
            headers.append((int(match.group(1)), int(match.group(2)), match.start(), keyword.end()))
    return headers


def _listed_objects(reader: _Reader) -> set[tuple[int, int]]:
    """(number, generation) of each object the cross-reference table lists as in use."""
    listed = {(number, 0) for number in reader.xref_objStm}
    for generation, entries in reader.xref.items():
        free = reader.xref_free_entry.get(generation, {})
        if generation != 65535:
            listed.update((number, generation) for number in entries if not free.get(number, False))
    encrypt = dict.get(reader.trailer, "/Encrypt")
    if isinstance(encrypt, IndirectObject):  # only encryption parameters, not decryptable as content
        listed.discard((encrypt.idnum, encrypt.generation))
    return listed


def _decrypt_without_password(reader: PdfReader) -> bool:
    """Whether the reader opened the file with the empty password, as it tries to."""
    try:
        reader.trailer["/Root"]
    except FileNotDecryptedError:
        return False
    except Exception:  # decrypted, but broken: the inspection reports it
        return True
    return True


def _labels(reader: PdfReader, findings: _Findings) -> dict[tuple[int, int], str]:
    """Plain names for the objects a reader knows; also checks the page tree."""
    labels: dict[tuple[int, int], str] = {}

    def label(ref: object, name: str) -> None:
        if isinstance(ref, IndirectObject):
            labels.setdefault((ref.idnum, ref.generation), name)

    label(dict.get(reader.trailer, "/Root"), "the document catalogue")
    label(dict.get(reader.trailer, "/Info"), "the document information")
    try:
        catalogue = reader.trailer["/Root"]
        if isinstance(catalogue, DictionaryObject):
            for key, value in dict.items(catalogue):
                label(value, f"the document catalogue {key}")
        pages = reader.pages
        if len(pages) == 0:
            findings.add(UNREADABLE, "the document has no pages")
        for number, page in enumerate(pages, start=1):
            label(page.indirect_reference, f"page {number}")
            annotations = dict.get(page, "/Annots")
            if isinstance(annotations, IndirectObject):
                annotations = annotations.get_object()
            if isinstance(annotations, ArrayObject):
                for index, item in enumerate(annotations, start=1):
                    label(item, f"annotation {index} on page {number}")
    except Exception as exc:  # pypdf raises many types on a broken page tree
        findings.add(UNREADABLE, f"page tree: {_describe(exc)}")
    return labels


def _sweep(
    reader: PdfReader,
    listed: set[tuple[int, int]],
    labels: dict[tuple[int, int], str],
    findings: _Findings,
    budget: _Budget,
) -> list[tuple[int, StreamObject]]:
    """Inspect every object the cross-reference table lists; return the object streams met."""
    order = [key for key in labels if key in listed] + sorted(listed.difference(labels))
    object_streams = []
    for number, generation in order:
        budget.object()
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception as exc:  # pypdf raises many types on broken input
            findings.add(UNREADABLE, f"object {number}: {_describe(exc)}")
            continue
        _walk(obj, labels.get((number, generation), f"object {number}"), findings, budget)
        if _is_object_stream(obj):
            object_streams.append((number, obj))
    return object_streams


def _is_object_stream(obj: object) -> bool:
    return isinstance(obj, StreamObject) and dict.get(obj, "/Type") == "/ObjStm"


def _sweep_object_stream(
    reader: _Reader, number: int, stream: StreamObject, findings: _Findings, budget: _Budget
) -> None:
    """Inspect the objects an object stream holds that the cross-reference table does not list."""
    try:
        data = stream.get_data()
        first = int(dict.get(stream, "/First", 0))
        count = int(dict.get(stream, "/N", 0))
        numbers = [int(token) for token in data[: max(first, 0)].split()[: 2 * max(count, 0)]]
    except Exception as exc:  # pypdf raises many types on broken input
        findings.add(UNREADABLE, f"object stream {number}: {_describe(exc)}")
        return
    known = reader.known_numbers
    source = io.BytesIO(data)
    for member, offset in zip(numbers[0::2], numbers[1::2]):
        if member in known:
            continue
        budget.object()
        source.seek(max(first + offset, 0))
        try:
            obj = read_object(source, reader)
        except _NOT_AN_OBJECT:
            continue  # unparsable and unlisted: no viewer can use it either
        _walk(obj, f"object {member} hidden in object stream {number}", findings, budget)


def _sweep_unlisted(
    reader: _Reader, body: bytes, findings: _Findings, budget: _Budget
) -> list[tuple[int, StreamObject]]:
    """Inspect objects written in the file under numbers the cross-reference table does not know.

    A viewer that repairs a damaged file finds them; so must this check.
    Returns the object streams among them.
    """
    known = reader.known_numbers
    source = io.BytesIO(body)
    object_streams = []
    for number, _generation, _start, end in reader.headers:
        if number in known:
            continue
        budget.object()
        source.seek(end)
        try:
            obj = read_object(_skip_whitespace(source), reader)
        except _NOT_AN_OBJECT:
            continue  # the bytes only look like an object header (e.g. inside a stream)
        _walk(obj, f"object {number} outside the cross-reference table", findings, budget)
        if _is_object_stream(obj):
            object_streams.append((number, obj))
    return object_streams


def _skip_whitespace(source: io.BytesIO) -> io.BytesIO:
    while True:
        byte = source.read(1)
        if byte not in b" \t\r\n\f\x00" or byte == b"":
            source.seek(-len(byte), 1)
            return source


def _walk(root: object, where: str, findings: _Findings, budget: _Budget) -> None:
    """Look at every dictionary inside one object, without following references."""
    if not isinstance(root, (DictionaryObject, ArrayObject)):
        return
    stack: list[tuple[DictionaryObject | ArrayObject, str, int]] = [(root, where, 0)]
    while stack:
        node, path, depth = stack.pop()
        budget.spend(len(node))
        if isinstance(node, DictionaryObject):
            _judge(node, path, findings)
            children = ((f"{path} {key}", value) for key, value in dict.items(node))
        else:
            children = ((f"{path}[{index}]", value) for index, value in enumerate(node))
        for child_path, child in children:
            if isinstance(child, (DictionaryObject, ArrayObject)):
                if depth >= MAX_DEPTH:
                    raise _BudgetExceeded(f"values nested more than {MAX_DEPTH} levels deep in {where}")
                stack.append((child, child_path, depth + 1))


def _judge(node: DictionaryObject, path: str, findings: _Findings) -> None:
    for key in _FLAG_KEY_SET.intersection(dict.keys(node)):
        code, what = _FLAG_KEYS[key]
        findings.add(code, f"{what} in {path}")
    for key in _VALUE_KEYS:
        value = dict.get(node, key)
        if isinstance(value, IndirectObject):
            value = _resolve(value)
        if isinstance(value, NameObject):
            hit = _FLAG_VALUES.get((key, value))
            if hit is not None:
                findings.add(hit[0], f"{hit[1]} in {path}")


def _resolve(ref: IndirectObject) -> object:
    try:
        return ref.get_object()
    except _NOT_AN_OBJECT:
        return None  # a broken object is reported when the sweep reaches it


# --- small helpers -----------------------------------------------------------


def _describe(exc: BaseException) -> str:
    """``Type: message``, on one short line."""
    message = " ".join(str(exc).split())
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _what_it_is(data: bytes) -> str:
    if not data:
        return "the file is empty"
    head = data[:16].lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return f"it is {name}"
    return f"no %PDF- header in its first {HEADER_WINDOW} bytes"
