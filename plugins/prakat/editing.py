"""The editing commands: new-agency, add-document and set-status (SPEC §4).

Each ``run_*`` function checks everything it can before touching a file, then
writes atomically (a temporary file, then ``os.replace``) and returns the
message to print, in Thai or English.  It refuses with ``CommandFailed``:
exit 2 when an argument is malformed or options do not go together (what
click itself would reject: a code that is not 13 digits, a date that is not
YYYY-MM-DD, a key outside the vocabulary, ``--scope`` outside Section 10),
exit 1 when a well-formed request is refused by the content or the PDF.
Refusing leaves every file as it was.

YAML files are edited as text (see ``yamledit``): comments, order and quoting
stay; the edited file is read back and schema-checked before it is written.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from . import schema_findings
from .checks import file_name_reason
from .cli_support import CommandFailed, Say
from .findings import Finding, finding
from .messages import render
from .model import DATE_FIELD
from .pdfcheck import MAX_PDF_BYTES, PdfProblem, check_pdf
from .schemas import check_agency
from .store import AGENCIES, CODE_RE, DOCUMENTS
from .validate import today
from .vocabulary import vocabulary
from .yamledit import EditError, Note, add_key, append_item, create, format_scalar, set_scalar
from .yamlpos import YamlDocument, load_yaml

TOP_ORDER = ("section10", "section13", "section16", "problems")
SECTION13_ORDER = ("has_licences", "gazette_status", "versions", "gazette_links", "licence_channels")
REPORT_HEADER = (
    "รายงานตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 (มาตรา 10, 13 และ 16)",
    "เพิ่มเอกสารด้วย python build.py add-document และเปิด/ระงับการเผยแพร่ด้วย set-status",
    "ฉบับเก่าไม่ต้องลบ ให้เปลี่ยน status เป็น suspended แทน", "")
GAZETTE_NOTE = "ตรวจแก้ให้ตรงความจริง: complete = ครบถ้วน, partial = ยังไม่ครบทุกใบอนุญาต, not_published = ยังไม่ประกาศ"
THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def _refuse(th: str, en: str, exit_code: int = 1) -> CommandFailed:
    return CommandFailed(th, en, exit_code)


def _both(build: Any) -> tuple[str, str]:
    return build("th"), build("en")


# --- checks every command shares ------------------------------------------------

def _check_code(code: str, role: tuple[str, str] = ("รหัสหน่วยงาน", "agency code")) -> None:
    if not CODE_RE.match(code):
        raise _refuse(f'{role[0]} "{code}" ไม่ถูกต้อง: ต้องเป็นตัวเลข 13 หลักตาม info.go.th เช่น 0111013900000',
                      f'the {role[1]} "{code}" is not valid: it must be the 13-digit info.go.th code, '
                      "e.g. 0111013900000", 2)


def _agency_rel(code: str) -> str:
    return f"{AGENCIES}/{code}/agency.yaml"


def _require_agency(root: Path, code: str) -> None:
    if not (root / _agency_rel(code)).is_file():
        raise _refuse(f"ไม่พบหน่วยงานรหัส {code} (ไม่มีไฟล์ {_agency_rel(code)}) — ตรวจรหัสอีกครั้ง "
                      f"หรือสร้างหน่วยงานก่อนด้วย python build.py new-agency {code} --name-th ...",
                      f"there is no agency {code} ({_agency_rel(code)} does not exist); check the code, "
                      f"or create the agency first with python build.py new-agency {code} --name-th ...")


def _read_yaml(root: Path, rel: str) -> tuple[bytes, YamlDocument | None]:
    raw = (root / rel).read_bytes()
    doc, problem = load_yaml(raw)
    if problem is not None and problem.code != "yaml.empty":
        th, en = _both(lambda lang: render(problem.code, problem.params, lang))
        line = f"{rel}:{problem.mark.line}:{problem.mark.column}"
        raise _refuse(f"อ่าน {line} ไม่ได้: {th}\nแก้ไฟล์ให้ถูกต้องก่อน แล้วจึงใช้คำสั่งนี้อีกครั้ง",
                      f"cannot read {line}: {en}\nCorrect the file first, then run this command again.")
    return raw, doc


def _new_problems(rel: str, before: bytes | None, after: bytes) -> list[Finding]:
    """Schema findings the edit would add to report.yaml (those already there are not the edit's)."""
    def findings(raw: bytes | None) -> list[Finding]:
        doc, problem = load_yaml(raw) if raw is not None else (None, None)
        if problem is not None:
            return [finding(rel, problem.mark, problem.code, **problem.params)]
        return schema_findings.report_findings(rel, doc) if doc is not None else []
    old = {(f.code, tuple(sorted(f.params.items()))) for f in findings(before)}
    return [f for f in findings(after) if (f.code, tuple(sorted(f.params.items()))) not in old]


def _refuse_findings(rel: str, problems: list[Finding], exit_code: int = 1) -> CommandFailed:
    th, en = _both(lambda lang: "\n".join(f"  {f.path}:{f.line}:{f.column}: {f.message(lang)}" for f in problems))
    return _refuse(f"ไม่ได้แก้ไข {rel} เพราะผลที่ได้จะไม่ผ่านการตรวจ:\n{th}",
                   f"{rel} was not changed: the result would not pass validation:\n{en}", exit_code)


def _write(path: Path, data: bytes, *, was: bytes | None) -> None:
    """Replace ``path``'s content in one step; refuse when it changed since it was read."""
    current = path.read_bytes() if path.exists() else None
    if current != was:
        raise _refuse(f"ไฟล์ {path} ถูกเปลี่ยนระหว่างที่คำสั่งทำงาน จึงไม่ได้แก้ไข — ลองใหม่อีกครั้ง",
                      f"{path} changed while the command ran, so it was not written; run the command again")
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if current is not None else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _thai_date(day: dt.date) -> str:
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}"


def _label(table: str, key: str, lang: str) -> str:
    labels = getattr(vocabulary(), table)
    return labels[key].get(lang) if key in labels else key


def _next_steps(code: str, lang: str, *first: tuple[str, str]) -> str:
    say = Say(lang)
    steps = list(first)
    steps += [(f"ตรวจความถูกต้อง: python build.py validate {AGENCIES}/{code} {DOCUMENTS}/{code}",
               f"Check it: python build.py validate {AGENCIES}/{code} {DOCUMENTS}/{code}"),
              (f"บันทึกการเปลี่ยนแปลง (git add {AGENCIES}/{code} {DOCUMENTS}/{code} แล้ว git commit) "
               "และเปิด pull request ให้ผู้ตรวจของหน่วยงานหรือหน่วยงานต้นสังกัดอนุมัติ",
               f"Commit the change (git add {AGENCIES}/{code} {DOCUMENTS}/{code}, then git commit) and open "
               "a pull request for a reviewer of the agency or its parent to approve")]
    lines = [say("ขั้นต่อไป:", "Next steps:")]
    lines += [f"  {n}. {say(th, en)}" for n, (th, en) in enumerate(steps, 1)]
    return "\n".join(lines)


# --- add-document ------------------------------------------------------------------

def _check_date(date: str, section: str) -> dt.date:
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", date.strip())
    if slashed:
        d, m, y = (int(g) for g in slashed.groups())
        iso = f"{y - 543 if y > 2400 else y:04d}-{m:02d}-{d:02d}"
        raise _refuse(f'วันที่ "{date}" ต้องเขียนเป็น ปี-เดือน-วัน แบบคริสต์ศักราช เช่น --date {iso}',
                      f'write the date "{date}" as year-month-day, Gregorian, e.g. --date {iso}', 2)
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", date)
    if not match:
        raise _refuse(f'วันที่ "{date}" ไม่อยู่ในรูปแบบ ปี-เดือน-วัน แบบคริสต์ศักราช เช่น 2023-11-01',
                      f'the date "{date}" is not in the form year-month-day, Gregorian, e.g. 2023-11-01', 2)
    year = int(match.group(1))
    if year > 2400:
        fixed = f"{year - 543}-{match.group(2)}-{match.group(3)}"
        raise _refuse(f"ปี {year} ในวันที่ {date} เป็นปีพุทธศักราช — ใช้ปีคริสต์ศักราช (ลบ 543) "
                      f"คือ --date {fixed} เว็บไซต์จะแสดงเป็น พ.ศ. ให้เอง",
                      f"the year {year} in {date} is a Buddhist-era year; use the Gregorian year (minus 543): "
                      f"--date {fixed}. The site shows the Buddhist era itself.")
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise _refuse(f"ไม่มีวันที่ {date} ในปฏิทิน — ตรวจเดือนและวันอีกครั้ง",
                      f"{date} is not a day of the calendar; check the month and the day", 2) from None
    now = today()
    # An order may take effect later than it is issued, so only announcement dates must be past.
    if day > now and section != "16":
        raise _refuse(f"วันที่ประกาศ {date} อยู่หลังวันนี้ ({now.isoformat()}) — เพิ่มเอกสารได้ตั้งแต่วันนั้นเป็นต้นไป "
                      "หรือตรวจวันที่อีกครั้ง", f"the announcement date {date} is after today ({now.isoformat()}); "
                      "add the document on or after that day, or check the date")
    return day


def _safe_name(name: str, fallback: str) -> str:
    stem = re.sub(r"\.pdf$", "", name.replace("\\", "/").rsplit("/", 1)[-1], flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9\u0E01-\u0E3A\u0E40-\u0E4E._-]+", "-", stem)
    stem = re.sub(r"\.{2,}", ".", re.sub(r"-{2,}", "-", stem)).strip(".-_")
    candidate = f"{stem}.pdf"
    return candidate if stem and file_name_reason(candidate) is None else fallback


def _check_pdf(pdf: Path) -> bytes:
    if not pdf.is_file():
        raise _refuse(f"ไม่พบไฟล์ {pdf} — ตรวจชื่อและโฟลเดอร์ของไฟล์อีกครั้ง",
                      f"{pdf} does not exist; check the file's name and folder")
    size = pdf.stat().st_size
    if size > MAX_PDF_BYTES:  # not even read: it may be huge
        data, problems = b"", [PdfProblem("pdf.too_large", f"{size / 1048576:.1f} MiB")]
    else:
        data = pdf.read_bytes()
        problems = check_pdf(data)
    if problems:
        th, en = _both(lambda lang: "\n".join(
            "  - " + render(p.code, {"pdf": str(pdf), "detail": p.detail}, lang) for p in problems))
        raise _refuse(f"ไม่ได้เพิ่ม {pdf} เพราะไฟล์ไม่ผ่านการตรวจ:\n{th}",
                      f"{pdf} was not added: it does not pass the PDF checks:\n{en}")
    return data


def _other_name(folder: Path, name: str) -> str:
    stem = name[:-4]
    n = 2
    while (folder / f"{stem}-{n}.pdf").exists():
        n += 1
    return f"{stem}-{n}.pdf"


def run_add_document(root: Path, *, code: str, pdf: Path, section: str, date: str, scope: str | None = None,
                     status: str = "published", name: str | None = None, title_th: str | None = None,
                     title_en: str | None = None, lang: str = "th") -> str:
    root, pdf, section = Path(root), Path(pdf), str(section)
    _check_code(code)
    if section not in DATE_FIELD:
        raise _refuse(f"มาตรา {section} ไม่มีเอกสาร — ใช้ 10, 13 หรือ 16", f"section {section} has no documents; "
                      "use 10, 13 or 16", 2)
    if status not in vocabulary().statuses:
        raise _refuse(f'สถานะ "{status}" ใช้ไม่ได้ — ใช้ published หรือ suspended',
                      f'"{status}" is not a status; use published or suspended', 2)
    if scope is not None and (section != "10" or scope not in vocabulary().scopes):
        raise _refuse("--scope ใช้ได้กับมาตรา 10 เท่านั้น (self = หน่วยงานตนเอง, subordinates = "
                      "หน่วยงานภายใต้สังกัดทุกสาขา) — ลบ --scope ออก",
                      "--scope applies to Section 10 only (self or subordinates); leave it out", 2)
    _require_agency(root, code)
    data = _check_pdf(pdf)
    day = _check_date(date, section)
    stored = name if name is not None else pdf.name
    reason = file_name_reason(stored)
    if reason:
        safe = _safe_name(stored, f"s{section}-{day.isoformat()}.pdf")
        raise _refuse(f'ชื่อไฟล์ "{stored}" ใช้เก็บไม่ได้: {reason[0]} — ตั้งชื่อใหม่ด้วย --name เช่น --name {safe}',
                      f'the file name "{stored}" cannot be used: {reason[1]}; give another with --name, '
                      f"e.g. --name {safe}")
    sha = hashlib.sha256(data).hexdigest()
    folder = root / DOCUMENTS / code
    dest, dest_rel = folder / stored, f"{DOCUMENTS}/{code}/{stored}"
    reuse = dest.is_file() and dest.read_bytes() == data
    if dest.exists() and not reuse:
        other = _other_name(folder, stored)
        raise _refuse(f"มีไฟล์ {dest_rel} อยู่แล้วและเนื้อหาไม่เหมือนกัน — ถ้าเป็นเอกสารฉบับใหม่ ให้ตั้งชื่ออื่นด้วย "
                      f"--name เช่น --name {other} (ฉบับเดิมไม่ต้องลบ ระงับได้ด้วย set-status)",
                      f"{dest_rel} already exists with different content; if this is a new version give it "
                      f"another name with --name, e.g. --name {other} (keep the old one; suspend it with "
                      "set-status)")
    item: dict[str, Any] = {"file": stored, "sha256": sha, DATE_FIELD[section]: day.isoformat(), "status": status}
    if scope:
        item["scope"] = scope
    title = {k: v for k, v in (("th", title_th), ("en", title_en)) if v and v.strip()}
    if title:
        item["title"] = {k: v.strip() for k, v in title.items()}
    rel = f"{AGENCIES}/{code}/report.yaml"
    old, new, created13 = _report_with_version(root, rel, section, item)
    problems = _new_problems(rel, old, new)
    if problems:
        raise _refuse_findings(rel, problems)
    if not reuse:
        _write(dest, data, was=None)
    try:
        _write(root / rel, new, was=old)
    except BaseException:
        if not reuse:
            dest.unlink(missing_ok=True)
        raise
    doc, _ = load_yaml(new)
    versions = doc.data[f"section{section}"]["versions"] if doc else []
    line = doc.where((f"section{section}", "versions", len(versions) - 1)).line if doc else 1
    return _added_message(lang, code=code, section=section, rel=rel, line=line, dest_rel=dest_rel, sha=sha,
                          reuse=reuse, day=day, status=status, created13=created13, new_file=old is None)


def _report_with_version(root: Path, rel: str, section: str, item: dict[str, Any]) -> tuple[bytes | None, bytes, bool]:
    """The report before and after appending ``item``; whether section13 had to be created."""
    key = f"section{section}"
    new_section: dict[str, Any] = {"versions": [item]}
    if section == "13":
        new_section = {"has_licences": True,
                       "gazette_status": Note("not_published", GAZETTE_NOTE),
                       "versions": [item]}
    if not (root / rel).exists():
        return None, create(REPORT_HEADER, key, new_section), section == "13"
    old, doc = _read_yaml(root, rel)
    data = doc.data if doc is not None else {}
    block = data.get(key) if isinstance(data, dict) else None
    if not isinstance(data, dict) or (key in data and not isinstance(block, dict)):
        raise _refuse(f"{rel}: หัวข้อ {key} ต้องเป็นหัวข้อที่มีหัวข้อย่อย — แก้ไฟล์ให้ถูกต้องก่อน (ดูตัวอย่างในคู่มือ)",
                      f"{rel}: {key} must be a mapping with its own keys; correct the file first "
                      "(see the manual's example)")
    versions = block.get("versions") if block else None
    for i, other in enumerate(versions if isinstance(versions, list) else []):
        if isinstance(other, dict) and other.get("file") == item["file"]:
            line = doc.where((key, "versions", i)).line if doc else 1
            raise _refuse(f"{rel} บรรทัด {line}: มาตรา {section} มีฉบับของไฟล์ {item['file']} อยู่แล้ว "
                          f"(สถานะ {other.get('status')}) — ถ้าจะเปิดหรือระงับการเผยแพร่ ให้ใช้ python build.py "
                          f"set-status {rel.split('/')[2]} --section {section} --file {item['file']} --status ...",
                          f"{rel} line {line}: Section {section} already lists {item['file']} (status "
                          f"{other.get('status')}); to publish or suspend it use python build.py set-status "
                          f"{rel.split('/')[2]} --section {section} --file {item['file']} --status ...")
    if section == "13" and block and block.get("has_licences") is False:
        raise _refuse(f"{rel}: section13 ระบุว่า has_licences: false (ไม่มีใบอนุญาต) — ถ้าหน่วยงานมีใบอนุญาต "
                      "ให้แก้เป็น has_licences: true และใส่ gazette_status ก่อน แล้วจึงเพิ่มเอกสาร",
                      f"{rel}: section13 says has_licences: false (no licences); if the agency grants licences, "
                      "set has_licences: true and a gazette_status first, then add the document")
    try:
        if block is None:
            return old, add_key(old, (), key, new_section, TOP_ORDER), section == "13"
        if versions is None:
            return old, add_key(old, (key,), "versions", [item], SECTION13_ORDER), False
        return old, append_item(old, (key, "versions"), item), False
    except EditError as err:
        raise _refuse(f"{rel}: {err.th}", f"{rel}: {err.en}") from None


def _added_message(lang: str, *, code: str, section: str, rel: str, line: int, dest_rel: str, sha: str,
                   reuse: bool, day: dt.date, status: str, created13: bool, new_file: bool) -> str:
    say = Say(lang)
    date_th = ("วันที่มีผล" if section == "16" else "วันที่ประกาศ")
    out = [say("เพิ่มเอกสารแล้ว", "Document added"),
           say(f"  ไฟล์ PDF: {dest_rel}" + (" (มีไฟล์เดียวกันอยู่แล้ว จึงไม่ได้คัดลอกซ้ำ)" if reuse else ""),
               f"  PDF: {dest_rel}" + (" (the same file was already there; not copied again)" if reuse else "")),
           f"  sha256: {sha}",
           say(f"  รายงาน: {rel} บรรทัด {line}" + (" (สร้างไฟล์ใหม่)" if new_file else ""),
               f"  report: {rel} line {line}" + (" (new file)" if new_file else "")),
           say(f"  {_label('sections', section, 'th')}: {date_th} {day.isoformat()} ({_thai_date(day)}), "
               f"สถานะ {status} ({_label('statuses', status, 'th')})",
               f"  {_label('sections', section, 'en')}: {'effective' if section == '16' else 'announced'} "
               f"{day.isoformat()}, status {status}")]
    if status == "suspended":
        out.append(say("  ฉบับนี้จะยังไม่แสดงบนเว็บไซต์ จนกว่าจะเปลี่ยนสถานะด้วย set-status ... --status published",
                       "  It will not appear on the site until set-status ... --status published"))
    first = []
    if created13:
        first.append((f"เพิ่มหัวข้อ section13 ให้แล้วด้วย has_licences: true และ gazette_status: not_published (ยังไม่ประกาศ) "
                f"— แก้ gazette_status ใน {rel} ให้ตรงความจริง: complete = ครบถ้วน ประกาศแล้ว, "
                "partial = ยังไม่ครบถ้วนทุกใบอนุญาต, not_published = ยังไม่ประกาศ",
                f"Section 13 was created with has_licences: true and gazette_status: not_published (not yet in "
                f"the Royal Gazette); set gazette_status in {rel} to what is true: complete, partial or "
                "not_published"))
    return "\n".join(out) + "\n" + _next_steps(code, lang, *first)


# --- set-status --------------------------------------------------------------------

def _describe(version: dict[str, Any], section: str) -> str:
    return f"{version.get('file')} ({version.get('status')}, {version.get(DATE_FIELD[section])})"


def run_set_status(root: Path, *, code: str, section: str, file: str, status: str, lang: str = "th") -> str:
    root, section = Path(root), str(section)
    _check_code(code)
    if section not in DATE_FIELD or status not in vocabulary().statuses:
        raise _refuse("ใช้ --section 10, 13 หรือ 16 และ --status published หรือ suspended",
                      "use --section 10, 13 or 16 and --status published or suspended", 2)
    _require_agency(root, code)
    rel, key = f"{AGENCIES}/{code}/report.yaml", f"section{section}"
    if not (root / rel).is_file():
        raise _refuse(f"ไม่มีไฟล์ {rel}: หน่วยงานนี้ยังไม่มีเอกสาร — เพิ่มเอกสารด้วย python build.py add-document",
                      f"{rel} does not exist: this agency has no documents yet; add one with "
                      "python build.py add-document")
    old, doc = _read_yaml(root, rel)
    name = file.replace("\\", "/").rsplit("/", 1)[-1]  # a path to the PDF names it too
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    block = data.get(key)
    raw_versions = block.get("versions") if isinstance(block, dict) else None
    versions = [v for v in raw_versions if isinstance(v, dict)] if isinstance(raw_versions, list) else []
    found = [i for i, v in enumerate(raw_versions or []) if isinstance(v, dict) and v.get("file") == name]
    if not found:
        listing = "\n".join(f"  - {_describe(v, section)}" for v in versions)
        raise _refuse(f"ไม่พบไฟล์ {name} ในมาตรา {section} ของ {rel}\n"
                      + (f"ไฟล์ในมาตรา {section}:\n{listing}" if versions else f"มาตรา {section} ยังไม่มีเอกสาร")
                      + "\nตรวจชื่อไฟล์และ --section อีกครั้ง",
                      f"{name} is not listed in Section {section} of {rel}\n"
                      + (f"Files in Section {section}:\n{listing}" if versions else f"Section {section} has no documents")
                      + "\nCheck the file name and --section.")
    assert doc is not None and isinstance(raw_versions, list)
    lines = ", ".join(str(doc.where((key, "versions", i)).line) for i in found)
    if len(found) > 1:
        raise _refuse(f"{rel}: ไฟล์ {name} อยู่ในมาตรา {section} มากกว่าหนึ่งรายการ (บรรทัด {lines}) — "
                      "เก็บไว้รายการเดียวแล้วจึงใช้คำสั่งนี้", f"{rel}: {name} is listed more than once in "
                      f"Section {section} (lines {lines}); keep one entry, then run this command again")
    index = found[0]
    current = raw_versions[index].get("status")
    label = _label("statuses", status, "th")
    if current == status:
        return Say(lang)(f"{name} ในมาตรา {section} มีสถานะ {status} ({label}) อยู่แล้ว — ไม่มีการเปลี่ยนแปลง",
                         f"{name} in Section {section} is already {status}; nothing changed")
    path = (key, "versions", index, "status")
    if path not in doc.values:
        raise _refuse(f"{rel} บรรทัด {lines}: ฉบับนี้ไม่มี status — เพิ่ม status: {status} ด้วยตนเอง",
                      f"{rel} line {lines}: this version has no status; add status: {status} by hand")
    try:
        new = set_scalar(old, path, status)
    except EditError as err:
        raise _refuse(f"{rel}: {err.th}", f"{rel}: {err.en}") from None
    problems = _new_problems(rel, old, new)
    if problems:
        raise _refuse_findings(rel, problems)
    _write(root / rel, new, was=old)
    after = [dict(v, status=status) if i == index else v for i, v in enumerate(raw_versions)]
    return _status_message(lang, code=code, section=section, rel=rel, line=doc.values[path].line, name=name,
                           old=str(current), new=status, versions=[v for v in after if isinstance(v, dict)])


def _status_message(lang: str, *, code: str, section: str, rel: str, line: int, name: str, old: str, new: str,
                    versions: list[dict[str, Any]]) -> str:
    say = Say(lang)
    date_key = DATE_FIELD[section]
    published = [v for v in versions if v.get("status") == "published" and isinstance(v.get(date_key), str)]
    out = [say(f"เปลี่ยนสถานะแล้ว: {rel} บรรทัด {line}", f"Status changed: {rel} line {line}"),
           say(f"  {name} มาตรา {section}: {old} ({_label('statuses', old, 'th')}) → {new} "
               f"({_label('statuses', new, 'th')})", f"  {name}, Section {section}: {old} → {new}")]
    if published:
        latest = max(published, key=lambda v: v[date_key])
        out.append(say(f"  ฉบับปัจจุบันที่ประชาชนจะเห็น: {_describe(latest, section)}",
                       f"  The current version the public will see: {_describe(latest, section)}"))
    else:
        unless = {"10": (" (เว้นแต่หน่วยงานต้นสังกัดมีประกาศที่ใช้กับหน่วยงานภายใต้สังกัด)",
                         " (unless a parent agency's announcement covers its subordinates)"),
                  "16": (" (เว้นแต่เป็นหน่วยงานในสังกัดที่ใช้คำสั่งของหน่วยงานต้นสังกัด)",
                         " (unless it is a unit covered by its parent's order)")}.get(section, ("", ""))
        out.append(say(f"  มาตรา {section} ไม่มีฉบับที่เผยแพร่เหลืออยู่ ประชาชนจะไม่เห็นเอกสารของมาตรานี้{unless[0]}",
                       f"  Section {section} has no published version left: the public will see none{unless[1]}"))
    return "\n".join(out) + "\n" + _next_steps(code, lang)


# --- new-agency --------------------------------------------------------------------

def _width(text: str) -> int:
    """Columns the text takes on screen: Thai vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[tuple[str, str]]) -> list[str]:
    column = max(_width(y) for y, c in rows if c and _width(y) <= 36) + 2
    return [(y + " " * max(2, column - _width(y)) + "# " + c) if c else y for y, c in rows]


def _vocab_key(table: str, value: str | None, option: str) -> str | None:
    if value is None:
        return None
    labels = getattr(vocabulary(), table)
    if value in labels:
        return value
    wanted = value.strip().casefold()
    for key, label in labels.items():  # a province may also be given by its name
        if table == "provinces" and wanted in (label.th.casefold(), label.en.casefold(), f"จังหวัด{label.th}"):
            return key
    th, en = _both(lambda lang: ", ".join(f"{k} ({label.get(lang)})" for k, label in labels.items()))
    use = (("ใช้รหัสหรือชื่อจังหวัด เช่น --province 96 หรือ --province นราธิวาส", "give a province's code or "
            "name, e.g. --province 96 or --province Narathiwat") if table == "provinces" else
           ("ใช้ค่าใดค่าหนึ่งต่อไปนี้", "use one of"))
    raise _refuse(f'ค่า "{value}" ของ {option} ไม่อยู่ในรายการ — {use[0]}: {th}',
                  f'"{value}" is not an allowed value of {option}; {use[1]}: {en}', 2)


def _agency_name(root: Path, code: str) -> str:
    doc, _ = load_yaml((root / _agency_rel(code)).read_bytes())
    name = doc.data.get("name") if doc and isinstance(doc.data, dict) else None
    return name.get("th", code) if isinstance(name, dict) else code


def _agency_text(*, code: str, name_th: str, name_en: str | None, parent: str | None, parent_name: str | None,
                 type_: str, subtype: str | None, province: str | None, unit: bool, maintainers: list[str]) -> str:
    v = vocabulary()
    q = format_scalar
    rows: list[tuple[str, str]] = [
        (f"# ข้อมูลหน่วยงาน: {name_th}", ""),
        ("# บรรทัดที่ขึ้นต้นด้วย # เป็นคำอธิบาย ระบบไม่อ่าน", ""),
        ('# ข้อมูลที่ยังไม่ได้กรอก: ลบ "# " หน้าบรรทัดออก (ทั้งบรรทัดหัวข้อและบรรทัดย่อยที่เยื้องอยู่ใต้หัวข้อ)', ""),
        ("# แล้วแทน ... ด้วยข้อมูลจริง เยื้องบรรทัดด้วยช่องว่าง ห้ามใช้แท็บ", ""),
        (f"# ตรวจความถูกต้องด้วย: python build.py validate {AGENCIES}/{code}", ""),
        ("", ""),
        (f'code: "{code}"', "รหัสหน่วยงาน 13 หลักตาม info.go.th (ต้องตรงกับชื่อโฟลเดอร์ ห้ามแก้)"),
        (f'parent: "{parent}"', f"หน่วยงานต้นสังกัด: {parent_name}") if parent else
        ('# parent: "..."', "หน่วยงานต้นสังกัด: ไม่มี (หน่วยงานระดับบนสุด)"),
        (f"unit: {q(unit)}", "true = หน่วยงานในสังกัด ใช้คำสั่งมาตรา 16 ของหน่วยงานต้นสังกัดได้"),
        (f"type: {type_}", f"ประเภทหน่วยงาน: {v.types[type_].th}"),
    ]
    rows += [(f"subtype: {subtype}", f"ประเภทย่อย: {v.subtypes[subtype].th}")] if subtype else (
        [("# subtype: ...", "ประเภทย่อย ใช้ค่าใดค่าหนึ่ง:")] + [("", f"  {k} = {label.th}") for k, label in v.subtypes.items()])
    rows += [
        ("name:", "ชื่อสำหรับแสดงผล"),
        (f"  th: {q(name_th)}", ""),
        (f"  en: {q(name_en)}", "") if name_en else ("#   en: ...", "ชื่อภาษาอังกฤษ"),
        ("# full_name:", "ชื่อเต็มของหน่วยงาน (ถ้าต่างจากชื่อสำหรับแสดงผล)"),
        ("#   th: ...", ""), ("#   en: ...", ""),
        ("# address:", "ที่อยู่"), ("#   th: ...", ""), ("#   en: ...", ""),
        (f'province: "{province}"', f"จังหวัด: {v.provinces[province].th}") if province else
        ('# province: "10"', "รหัสจังหวัด 2 หลักตาม มอก. 1099 เช่น \"10\" = กรุงเทพมหานคร, \"96\" = นราธิวาส"),
        ("# website: https://...", "เว็บไซต์ของหน่วยงาน ขึ้นต้นด้วย https://"),
        ("# emails:", "อีเมล 3 ประเภท"),
        ("#   public: ...", "อีเมลสำหรับประชาชนติดต่อ"),
        ("#   registered: ...", "อีเมลที่ลงทะเบียนกับ สพร."),
        ("#   complaints: ...", "อีเมลสำหรับรับคำร้อง"),
        ('# phones: ["..."]', 'หมายเลขโทรศัพท์ ใส่ได้หลายหมายเลข เช่น ["0 2612 6060", "0 2612 6000"]'),
        ("# hours:", "เวลาทำการ"), ("#   th: จันทร์–ศุกร์ 08:30–16:30 น.", ""), ("#   en: Mon–Fri 08:30–16:30", ""),
        ("# flags:", "ลักษณะของหน่วยงาน (true = ใช่, false = ไม่ใช่)"),
        ("#   serves_public: true", "ให้บริการประชาชน"),
        ("#   central_agency: false", "เป็นหน่วยงานส่วนกลาง"),
        ("#   important_service_point: false", "เป็นจุดบริการสำคัญ"),
        ("#   education: false", "สถานศึกษา"),
        ("#   gecc_level: null", "ศูนย์ราชการสะดวก: null = ไม่ใช่ | basic | medium | high"),
        ("visible: true", "การแสดงผล: false = ไม่แสดงหน่วยงานนี้บนเว็บไซต์"),
        ("maintainers: [" + ", ".join(f'"{m}"' for m in maintainers) + "]" if maintainers else
         '# maintainers: ["@..."]', "ผู้ดูแลข้อมูล: ผู้ใช้หรือทีมบน Git ที่อนุมัติการแก้ไขระเบียนนี้ เช่น \"@dga/web\""),
    ]
    return "\n".join(_aligned(rows)) + "\n"


def run_new_agency(root: Path, *, code: str, name_th: str, name_en: str | None = None, parent: str | None = None,
                   type_: str = "government_agency", subtype: str | None = None, province: str | None = None,
                   unit: bool = False, maintainers: list[str] | None = None, lang: str = "th") -> str:
    root = Path(root)
    _check_code(code)
    if parent is not None:
        _check_code(parent, ("รหัสหน่วยงานต้นสังกัด", "parent code"))
    if parent == code:
        raise _refuse("หน่วยงานเป็นต้นสังกัดของตนเองไม่ได้", "an agency cannot be its own parent", 2)
    if unit and parent is None:
        raise _refuse("--unit (หน่วยงานในสังกัด) ต้องระบุ --parent ด้วย", "--unit needs --parent", 2)
    name_th, name_en = name_th.strip(), (name_en or "").strip() or None
    if not name_th:
        raise _refuse("--name-th ต้องไม่ว่าง", "--name-th must not be empty", 2)
    type_key = _vocab_key("types", type_, "--type") or "government_agency"
    subtype_key = _vocab_key("subtypes", subtype, "--subtype")
    province_key = _vocab_key("provinces", province, "--province")
    handles = [m.strip() if m.strip().startswith("@") else "@" + m.strip() for m in maintainers or [] if m.strip()]
    folder, rel = root / AGENCIES / code, _agency_rel(code)
    if folder.exists():
        has = (folder / "agency.yaml").exists()
        raise _refuse(f"มีหน่วยงานรหัส {code} อยู่แล้ว ({rel}) — แก้ไขข้อมูลในไฟล์นั้นแทน" if has else
                      f"มีโฟลเดอร์ {AGENCIES}/{code} อยู่แล้วแต่ไม่มี agency.yaml — ย้ายไฟล์ในโฟลเดอร์ออกหรือลบโฟลเดอร์ "
                      "แล้วสร้างใหม่", f"the agency {code} already exists ({rel}); edit that file instead" if has
                      else f"the folder {AGENCIES}/{code} exists without agency.yaml; move its files out or "
                      "delete it, then run this again")
    if parent is not None and not (root / _agency_rel(parent)).is_file():
        raise _refuse(f"ไม่พบหน่วยงานต้นสังกัดรหัส {parent} ({_agency_rel(parent)}) — ตรวจรหัส หรือสร้างหน่วยงาน"
                      "ต้นสังกัดก่อน", f"the parent agency {parent} does not exist ({_agency_rel(parent)}); check "
                      "the code, or create the parent first")
    text = _agency_text(code=code, name_th=name_th, name_en=name_en, parent=parent,
                        parent_name=_agency_name(root, parent) if parent else None, type_=type_key,
                        subtype=subtype_key, province=province_key, unit=unit, maintainers=handles)
    raw = text.encode("utf-8")
    doc, problem = load_yaml(raw)
    if problem is not None or doc is None:
        raise _refuse("ชื่อที่ให้มาทำให้ไฟล์อ่านไม่ได้ — ตรวจ --name-th และ --name-en",
                      "the names given make the file unreadable; check --name-th and --name-en", 2)
    problems = schema_findings.to_findings(rel, doc, check_agency(doc.data))
    listed = list(problems)
    if listed:
        th, en = _both(lambda lang: "\n".join(f"  - {f.message(lang)}" for f in listed))
        raise _refuse(f"ไม่ได้สร้าง {rel}:\n{th}", f"{rel} was not created:\n{en}", 2)
    _write(root / rel, raw, was=None)
    return _created_message(lang, code=code, rel=rel, name_th=name_th, parent=parent, has_maintainers=bool(handles))


def _created_message(lang: str, *, code: str, rel: str, name_th: str, parent: str | None,
                     has_maintainers: bool) -> str:
    say = Say(lang)
    fill = (f'เปิดไฟล์ {rel} แล้วกรอกที่อยู่ เว็บไซต์ อีเมล 3 ประเภท และหมายเลขโทรศัพท์ (ลบ "# " หน้าบรรทัดที่จะกรอก)'
            + ("" if has_maintainers else " รวมทั้ง maintainers ผู้ดูแลข้อมูล"),
            f'Open {rel} and fill in the address, website, the three e-mail addresses and phone numbers '
            '(remove the "# " in front of each line you fill in)' + ("" if has_maintainers else ", and maintainers"))
    add = (f"เพิ่มประกาศมาตรา 10 และคำสั่งมาตรา 16: python build.py add-document {code} --section 10 ไฟล์.pdf "
           "--date ปี-เดือน-วัน (และ --section 16)", f"Add the Section 10 announcement and the Section 16 order: "
           f"python build.py add-document {code} --section 10 FILE.pdf --date YYYY-MM-DD (and --section 16)")
    head = say(f"สร้างหน่วยงานใหม่แล้ว: {rel}", f"Agency created: {rel}")
    who = f"  {name_th}" + (say(f" (ต้นสังกัด {parent})", f" (parent {parent})") if parent else "")
    return "\n".join([head, who, _next_steps(code, lang, fill, add)])
