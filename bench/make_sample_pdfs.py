#!/usr/bin/env python3
"""Regenerate the sample PDFs under content/documents/ from the YAML records.

Every version (section 10, 13(1) and 16) of every content/agencies/<code>/report.yaml
gets a one-page PDF at content/documents/<code>/<file>: the announcement or order
in Thai, with a real Thai text layer (the agency, the subject, the date in the
Buddhist era, and the channels from agency.yaml). The script then writes each
PDF's sha256 into the report.yaml by replacing the value of the `sha256:` that
follows the version's `file:`; the rest of the file is kept byte for byte.

The documents are samples made for testing and demonstrating Prakat; each one
says so in its footer. They are not the agencies' real announcements.

Usage (from the repository root):

    .venv/bin/pip install fpdf2 uharfbuzz     # only for this script
    .venv/bin/python bench/make_sample_pdfs.py           # write PDFs and sha256
    .venv/bin/python bench/make_sample_pdfs.py --check   # compare, write nothing
    .venv/bin/python bench/make_sample_pdfs.py --prune   # also delete orphan PDFs

Needs: fpdf2 with uharfbuzz (Thai shaping), pythainlp (Thai line breaks), PyYAML,
and the Norasi font of the Debian package fonts-thai-tlwg (or set
PRAKAT_THAI_FONT_DIR to a folder holding Norasi.ttf and Norasi-Bold.ttf).
The output depends only on the YAML, the font files and the library versions:
run twice, it writes the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path

import yaml

try:
    import fpdf.output as fpdf_output
    from fpdf import FPDF
except ImportError:  # pragma: no cover - explained to the user
    sys.exit("fpdf2 is missing: .venv/bin/pip install fpdf2 uharfbuzz")

try:
    from pythainlp.tokenize import word_tokenize
except ImportError:  # pragma: no cover
    word_tokenize = None

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 60 * 1024
FONT_DIRS = [
    os.environ.get("PRAKAT_THAI_FONT_DIR", ""),
    "/usr/share/fonts/truetype/tlwg",
    "/usr/share/fonts/opentype/tlwg",
    "/usr/local/share/fonts",
]

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ["", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ACT = "พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕"
SUBJECT = {
    "10": "ช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อหน่วยงาน",
    "13": "วิธีการแสดงใบอนุญาตโดยวิธีการทางอิเล็กทรอนิกส์",
    "16": "ระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่ของรัฐโดยวิธีการทางอิเล็กทรอนิกส์",
}
FOOTER = ("เอกสารตัวอย่างสำหรับทดสอบและสาธิตระบบ Prakat ไม่ใช่ประกาศจริงของหน่วยงาน · "
          "Sample document for testing and demonstrating Prakat, not an official announcement.")


# --------------------------------------------------------------------------- fpdf2 tweaks

def _patch_fpdf() -> None:
    """Three small changes to what fpdf2 writes.

    1. With Thai shaping, one character can become two glyphs (sara am: nikhahit
       plus sara aa). fpdf2 leaves the second glyph out of the ToUnicode map, so
       text extraction shows a stray control character. Map such codes to
       nothing so copied text reads as typed.
    2. Leave out the catalog's /OpenAction (a zoom setting): the documents need
       no action at all when opened.
    """
    build = fpdf_output._build_cmap_blocks

    def build_cmap_blocks(entries, operator):
        if operator == "bfchar":
            have = {int(re.match(r"<([0-9A-F]+)>", e).group(1), 16) for e in entries}
            top = max(have | {0xFF})
            entries = sorted(list(entries) + [f"<{c:02X}> <>\n" for c in range(1, top + 1) if c not in have])
        return build(entries, operator)

    fpdf_output._build_cmap_blocks = build_cmap_blocks

    finalize = fpdf_output.OutputProducer._finalize_catalog

    def finalize_catalog(self, catalog_obj, *args, **kwargs):
        finalize(self, catalog_obj, *args, **kwargs)
        catalog_obj.open_action = None

    fpdf_output.OutputProducer._finalize_catalog = finalize_catalog

    # 3. Embed the font subsets without TrueType hinting (the fonts' own
    #    instructions add ~60% to every file and matter only on low-resolution
    #    screens) and without the kerning table (shaping already placed the glyphs).
    subset_module = fpdf_output.ftsubset

    class _Subset:
        Subsetter = subset_module.Subsetter

        @staticmethod
        def Options(**kwargs):
            options = subset_module.Options(**kwargs)
            options.hinting = False
            options.drop_tables += ["kern"]
            return options

    fpdf_output.ftsubset = _Subset


_patch_fpdf()


# --------------------------------------------------------------------------- helpers

def thai_num(value) -> str:
    return str(value).translate(THAI_DIGITS)


def as_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def thai_date(value) -> str:
    d = as_date(value)
    return f"{thai_num(d.day)} {MONTHS[d.month]} พ.ศ. {thai_num(d.year + 543)}"


def find_font(name: str) -> str:
    for folder in FONT_DIRS:
        if folder and (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    sys.exit(f"font {name} not found: apt-get install fonts-thai-tlwg or set PRAKAT_THAI_FONT_DIR")


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def atoms(text: str) -> list[str]:
    """Split text into pieces between which a line may break.

    Thai has no spaces between words: breaks may fall between two Thai words
    (found with pythainlp) or at a space; never inside a Latin run (URLs,
    e-mail addresses, phone numbers).
    """
    glue = "\x00"  # keeps "พ.ศ. ๒๕๖๕" on one line
    text = re.sub(r"(พ\.ศ\.|ที่|มาตรา|ข้อ) (?=[๐-๙0-9])", lambda m: m.group(1) + glue, text)
    if word_tokenize is None:
        tokens = re.findall(r"\s+|[^\s]+", text)
    else:
        tokens = word_tokenize(text, engine="newmm", keep_whitespace=True)
    out: list[str] = []
    for tok in tokens:
        if not out:
            out.append(tok)
            continue
        prev = out[-1]
        breakable = prev.isspace() or tok.isspace() or (is_thai(prev[-1]) and is_thai(tok[0]))
        # a short parenthesis, e.g. "(ฉบับที่ 2)", stays on one line
        open_paren = prev.rfind("(") > prev.rfind(")") and len(prev) - prev.rfind("(") < 30
        if breakable and not open_paren:
            out.append(tok)
        else:
            out[-1] = prev + tok
    return [a.replace(glue, " ") for a in out]


def signer(name: str) -> str:
    """The position that signs an agency's announcement (no personal names)."""
    n = re.sub(r"\s*\((?!องค์การมหาชน)[^)]*\)$", "", name)
    rules = [
        ("สำนักนายกรัฐมนตรี", lambda r: "นายกรัฐมนตรี" if not r else None),
        ("สำนักงานปลัด", lambda r: "ปลัด" + r),
        ("กระทรวง", lambda r: "ปลัดกระทรวง" + r),
        ("กรม", lambda r: "อธิบดี" + n),
        ("สำนักงานจังหวัด", lambda r: "ผู้ว่าราชการจังหวัด" + r),
        ("ที่ทำการปกครองอำเภอ", lambda r: "นายอำเภอ" + r),
        ("เทศบาล", lambda r: "นายกเทศมนตรี" + r),
        ("องค์การบริหารส่วน", lambda r: "นายก" + n),
        ("มหาวิทยาลัย", lambda r: "อธิการบดี" + n),
        ("การไฟฟ้าส่วนภูมิภาคจังหวัด", lambda r: "ผู้จัดการ" + n),
        ("การไฟฟ้าส่วนภูมิภาค เขต", lambda r: "ผู้อำนวยการ" + n),
        ("การไฟฟ้า", lambda r: "ผู้ว่า" + n),
        ("สำนักงานคณะกรรมการ", lambda r: "เลขาธิการคณะกรรมการ" + r),
        ("สำนักงานสาธารณสุขจังหวัด", lambda r: "นายแพทย์สาธารณสุขจังหวัด" + r),
        ("สำนักงานผู้ตรวจการแผ่นดิน", lambda r: "เลขาธิการ" + n),
        ("สำนักงานกองทุน", lambda r: "ผู้จัดการ" + n),
        ("กลุ่ม", lambda r: "หัวหน้า" + n),
    ]
    for prefix, make in rules:
        if n.startswith(prefix):
            got = make(n[len(prefix):])
            if got:
                return got
    return "ผู้อำนวยการ" + n


def doc_number(code: str, file: str, year_be: int) -> str:
    n = int(hashlib.sha256(f"{code}/{file}".encode()).hexdigest(), 16) % 240 + 12
    return f"ที่ {thai_num(n)}/{thai_num(year_be)}"


# --------------------------------------------------------------------------- the page

class Page:
    LEFT, RIGHT, TOP = 30, 20, 22  # mm, as in Thai official correspondence
    BODY, LINE = 14, 7.2

    def __init__(self, meta: dict, when: dt.date):
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_compression(True)
        pdf.set_creation_date(dt.datetime(when.year, when.month, when.day, 9, 0,
                                          tzinfo=dt.timezone(dt.timedelta(hours=7))))
        pdf.set_title(meta["title"])
        pdf.set_author(meta["author"])
        pdf.set_subject(meta["subject"])
        pdf.set_creator("Prakat bench/make_sample_pdfs.py")
        pdf.set_lang("th")
        pdf.add_font("Norasi", "", find_font("Norasi.ttf"))
        pdf.add_font("Norasi", "B", find_font("Norasi-Bold.ttf"))
        pdf.set_text_shaping(True)
        pdf.set_margins(self.LEFT, self.TOP, self.RIGHT)
        pdf.set_auto_page_break(False)
        pdf.add_page()
        self.pdf = pdf

    @property
    def width(self) -> float:
        return self.pdf.w - self.LEFT - self.RIGHT

    def lines(self, text: str, width: float, first_indent: float = 0) -> list[tuple[float, str]]:
        pdf = self.pdf
        out: list[tuple[float, str]] = []
        indent, line = first_indent, ""
        for atom in atoms(text):
            if not line and atom.isspace():
                continue
            trial = line + atom
            if line and pdf.get_string_width(trial.rstrip()) > width - indent:
                out.append((indent, line.rstrip()))
                indent, line = 0, ("" if atom.isspace() else atom)
            else:
                line = trial
        if line.strip():
            out.append((indent, line.rstrip()))
        return out

    def para(self, text: str, *, size: float | None = None, bold: bool = False, align: str = "L",
             indent: float = 0, first: float = 12, after: float = 1.5, left: float = 0) -> None:
        pdf = self.pdf
        size = size or self.BODY
        pdf.set_font("Norasi", "B" if bold else "", size)
        height = self.LINE * size / self.BODY
        for shift, line in self.lines(text, self.width - indent - left, first if align == "L" else 0):
            pdf.set_x(self.LEFT + left + indent + shift)
            pdf.cell(self.width - left - indent - shift, height, line, align=align,
                     new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)

    def rule(self) -> None:
        pdf = self.pdf
        y = pdf.get_y() + 2
        mid = pdf.w / 2 + (self.LEFT - self.RIGHT) / 2
        pdf.set_line_width(0.3)
        pdf.line(mid - 25, y, mid + 25, y)
        pdf.ln(5)

    def signature(self, date_line: str, position: str) -> None:
        self.pdf.ln(2)
        self.para(date_line, align="C", first=0, after=10, left=35)
        self.para("(ลงชื่อ) ....................................................", align="C", first=0, after=0, left=35)
        self.para(position, align="C", first=0, after=0, left=35)

    def footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(pdf.h - 22)
        pdf.set_text_color(110, 110, 110)
        self.para(FOOTER, size=9, align="C", first=0, after=0)
        pdf.set_text_color(0, 0, 0)

    def output(self) -> bytes:
        if self.pdf.get_y() > self.pdf.h - 24:
            raise ValueError("the text does not fit on one page")
        self.footer()
        return bytes(self.pdf.output())


# --------------------------------------------------------------------------- documents

def channels(agency: dict) -> list[str]:
    items = []
    if agency.get("website"):
        items.append(f"เว็บไซต์ {agency['website']}")
    emails = agency.get("emails") or {}
    if emails.get("public"):
        items.append(f"ไปรษณีย์อิเล็กทรอนิกส์สำหรับประชาชนติดต่อ {emails['public']}")
    if emails.get("complaints"):
        items.append(f"ไปรษณีย์อิเล็กทรอนิกส์สำหรับรับคำร้อง {emails['complaints']}")
    elif emails.get("registered") and not emails.get("public"):
        items.append(f"ไปรษณีย์อิเล็กทรอนิกส์ {emails['registered']}")
    if agency.get("phones"):
        items.append("โทรศัพท์ " + " และ ".join(agency["phones"]))
    return items or ["ไปรษณีย์อิเล็กทรอนิกส์ และโทรศัพท์ ตามที่ระบุไว้ในเว็บไซต์ของหน่วยงาน"]


def heading_and_subject(kind: str, issuer: str, section: str, version: dict) -> tuple[str, str]:
    heading, subject = kind + issuer, SUBJECT[section]
    title = ((version.get("title") or {}).get("th") or "").strip()
    if " เรื่อง " in title:
        before, after = title.split(" เรื่อง ", 1)
        subject = after.strip()
        if before.strip() not in ("ประกาศ", "คำสั่ง"):
            heading = before.strip()
    return heading, subject


def render(code: str, agency: dict, report: dict, section: str, version: dict) -> bytes:
    name = agency["name"]["th"]
    issuer = (agency.get("full_name") or {}).get("th") or name
    when = as_date(version.get("effective") or version.get("announced"))
    kind = "คำสั่ง" if section == "16" else "ประกาศ"
    heading, subject = heading_and_subject(kind, issuer, section, version)
    meta = {
        "title": f"{heading} เรื่อง {subject}",
        "author": issuer,
        "subject": {"10": "มาตรา 10", "13": "มาตรา 13 (1)", "16": "มาตรา 16"}[section] +
                   " พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565",
    }
    page = Page(meta, when)
    page.para(heading, size=17, bold=True, align="C", first=0, after=0)
    if section == "16":
        page.para(doc_number(code, version["file"], when.year + 543), size=15, bold=True, align="C", first=0, after=0)
    page.para(f"เรื่อง {subject}", size=16, bold=True, align="C", first=0, after=0)
    page.rule()

    if section == "10":
        page.para(f"โดยที่มาตรา ๑๐ แห่ง{ACT} บัญญัติให้หน่วยงานของรัฐจัดให้มีช่องทางอิเล็กทรอนิกส์"
                  "เพื่อให้ประชาชนสามารถติดต่อหรือยื่นคำขอผ่านช่องทางดังกล่าวได้ และประกาศให้ประชาชนทราบ")
        page.para(f"อาศัยอำนาจตามความในมาตรา ๑๐ แห่ง{ACT} {issuer} "
                  "จึงประกาศช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อหน่วยงาน ดังนี้", after=0.5)
        for i, item in enumerate(channels(agency), 1):
            page.para(f"{thai_num(i)}. {item}", first=0, indent=12, after=0.5)
        page.pdf.ln(1)
        if version.get("scope") == "subordinates":
            page.para("ประกาศนี้ให้ใช้กับหน่วยงานภายใต้สังกัดทุกแห่ง ประชาชนที่ประสงค์จะติดต่อหน่วยงานในสังกัด"
                      "สามารถติดต่อผ่านช่องทางข้างต้นได้ และหน่วยงานจะส่งเรื่องต่อไปยังหน่วยงานที่รับผิดชอบ")
        page.para("การติดต่อหรือยื่นคำขอผ่านช่องทางอิเล็กทรอนิกส์ตามประกาศนี้ ให้ถือว่าเป็นการติดต่อหรือยื่นคำขอ"
                  "ต่อหน่วยงานโดยชอบด้วยกฎหมาย หากมีข้อสงสัย โปรดติดต่อตามที่อยู่ " +
                  ((agency.get("address") or {}).get("th") or name))
        page.para("จึงประกาศให้ทราบโดยทั่วกัน", after=0)
        page.signature(f"ประกาศ ณ วันที่ {thai_date(when)}", signer(name))

    elif section == "16":
        emails = agency.get("emails") or {}
        mail = emails.get("registered") or emails.get("public")
        domain = mail.split("@", 1)[1] if mail else None
        page.para(f"เพื่อให้การปฏิบัติหน้าที่ของเจ้าหน้าที่ของรัฐเป็นไปตามมาตรา ๑๖ แห่ง{ACT} "
                  f"{issuer} จึงกำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่ของรัฐโดยวิธีการทางอิเล็กทรอนิกส์ ดังนี้",
                  after=0.5)
        systems = [
            "ระบบสารบรรณอิเล็กทรอนิกส์ สำหรับการรับ ส่ง และเก็บรักษาหนังสือราชการ",
            "ระบบไปรษณีย์อิเล็กทรอนิกส์ของหน่วยงาน" + (f" (@{domain})" if domain else "")
            + " สำหรับการติดต่อราชการทั้งภายในและภายนอก",
            "ระบบการประชุมผ่านสื่ออิเล็กทรอนิกส์",
            "ระบบการลงลายมือชื่ออิเล็กทรอนิกส์และการอนุมัติเอกสารทางอิเล็กทรอนิกส์",
        ]
        for i, item in enumerate(systems, 1):
            page.para(f"{thai_num(i)}. {item}", first=0, indent=12, after=0.5)
        page.pdf.ln(1)
        page.para("ให้เจ้าหน้าที่ของรัฐในสังกัดปฏิบัติหน้าที่ผ่านระบบดังกล่าวเป็นหลัก "
                  "เว้นแต่กรณีที่กฎหมายกำหนดให้ต้องดำเนินการด้วยวิธีอื่น")
        page.para(f"ทั้งนี้ ตั้งแต่วันที่ {thai_date(when)} เป็นต้นไป", after=0)
        page.signature(f"สั่ง ณ วันที่ {thai_date(when)}", signer(name))

    else:  # 13(1)
        s13 = report.get("section13") or {}
        chans = [c for c in s13.get("licence_channels") or [] if c.get("status") == "published"]
        licences = [c["licence"]["th"] for c in chans] or ["ใบอนุญาตทุกประเภทที่หน่วยงานเป็นผู้อนุญาต"]
        urls = sorted({c["url"] for c in chans}) or [agency.get("website") or ""]
        page.para(f"อาศัยอำนาจตามความในมาตรา ๑๓ (๑) แห่ง{ACT} {issuer} "
                  "จึงออกประกาศกำหนดวิธีการแสดงใบอนุญาตโดยวิธีการทางอิเล็กทรอนิกส์ไว้ ดังต่อไปนี้")
        page.para("ข้อ ๑ ผู้รับอนุญาตตามใบอนุญาตดังต่อไปนี้ อาจแสดงใบอนุญาตโดยวิธีการทางอิเล็กทรอนิกส์"
                  "แทนการแสดงใบอนุญาตฉบับจริงได้", after=0.5)
        for i, lic in enumerate(licences, 1):
            page.para(f"({thai_num(i)}) {lic}", first=0, indent=12, after=0.5)
        page.pdf.ln(1)
        page.para("ข้อ ๒ การแสดงใบอนุญาตให้กระทำโดยแสดงคิวอาร์โค้ด (QR Code) หรือข้อมูลที่เชื่อมโยงกับ"
                  "ระบบตรวจสอบใบอนุญาตของหน่วยงาน ซึ่งประชาชนตรวจสอบความถูกต้องได้ที่ " + " และ ".join(u for u in urls if u))
        page.para("ข้อ ๓ ประกาศนี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศในราชกิจจานุเบกษาเป็นต้นไป", after=0)
        page.signature(f"ประกาศ ณ วันที่ {thai_date(when)}", signer(name))

    return page.output()


# --------------------------------------------------------------------------- the records

def documents(report: dict):
    """(section, version) for every version of the report, in file order."""
    for key, section in (("section10", "10"), ("section13", "13"), ("section16", "16")):
        for version in ((report.get(key) or {}).get("versions") or []):
            yield section, version


def set_sha256(text: str, file: str, digest: str) -> str:
    """Replace the sha256 value of the version whose `file:` is `file`."""
    pattern = re.compile(
        r"(file:[ \t]*(?P<q>[\"']?)" + re.escape(file) + r"(?P=q)[ \t]*,?[ \t]*(?:#[^\n]*)?\n?[ \t]*sha256:[ \t]*)"
        r"(\"[0-9A-Fa-f]*\"|'[0-9A-Fa-f]*'|[0-9A-Fa-f]*)"
    )
    matches = list(pattern.finditer(text))
    if len(matches) != 1:
        raise ValueError(f"{file}: expected one `file:` line directly followed by `sha256:`, found {len(matches)}")
    value = f'"{digest}"' if digest.isdigit() else digest
    m = matches[0]
    return text[: m.start(3)] + value + text[m.end(3):]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: ./content)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a PDF or a sha256 differs")
    ap.add_argument("--prune", action="store_true", help="delete PDFs that no version refers to")
    args = ap.parse_args(argv)

    agencies_dir, documents_dir = args.content / "agencies", args.content / "documents"
    differ, referenced, total = [], set(), 0
    for folder in sorted(p for p in agencies_dir.iterdir() if p.is_dir()):
        code = folder.name
        report_path = folder / "report.yaml"
        if not report_path.is_file():
            continue
        agency = yaml.safe_load((folder / "agency.yaml").read_text(encoding="utf-8-sig"))
        text = report_path.read_text(encoding="utf-8-sig")
        report = yaml.safe_load(text) or {}
        new_text = text
        for section, version in documents(report):
            file = version["file"]
            data = render(code, agency, report, section, version)
            if len(data) > MAX_BYTES:
                print(f"warning: {code}/{file} is {len(data)} bytes (over {MAX_BYTES})", file=sys.stderr)
            target = documents_dir / code / file
            referenced.add(target)
            total += len(data)
            digest = hashlib.sha256(data).hexdigest()
            if not target.is_file() or target.read_bytes() != data:
                differ.append(str(target.relative_to(args.content.parent)))
                if not args.check:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            new_text = set_sha256(new_text, file, digest)
        if new_text != text:
            differ.append(str(report_path.relative_to(args.content.parent)))
            if not args.check:
                raw = report_path.read_bytes()
                bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
                crlf = b"\r\n" in raw
                out = bom + (new_text.replace("\n", "\r\n") if crlf else new_text)
                report_path.write_bytes(out.encode("utf-8"))

    orphans = sorted(p for p in documents_dir.rglob("*.pdf") if p not in referenced) if documents_dir.is_dir() else []
    for p in orphans:
        print(f"orphan: {p.relative_to(args.content.parent)}" + (" (deleted)" if args.prune and not args.check else ""))
        if args.prune and not args.check:
            p.unlink()

    print(f"{len(referenced)} PDFs, {total} bytes in all")
    if args.check:
        for item in differ:
            print(f"differs: {item}")
        return 1 if differ else 0
    for item in differ:
        print(f"wrote: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
