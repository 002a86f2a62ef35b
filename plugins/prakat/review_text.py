"""Words and values of the review summary, in Thai and English, escaped for Markdown.

Every value a record supplies passes through ``text`` or ``code`` before it
reaches a comment: no markup, no HTML, no mention of a team.
"""
from __future__ import annotations

import datetime as dt
import os

from .compliance import INHERITED, NONE, ONLY_SUSPENDED, OWN, UNIT_PARENT, UNIT_UNCOVERED, SectionStatus
from .permissions import AGENCY, MOVE, MOVE_TOP, NEW_AGENCY, NO_AGENCY, OUTSIDE, Requirement
from .review import Review
from .review_model import (ADDED, CHANGED, HIDDEN, REMOVED, SHOWN, V_ADDED, V_MODIFIED, V_PUBLISHED, V_REMOVED,
                           V_SUSPENDED, StatusChange)
from .thaidate import short_date
from .vocabulary import vocabulary

PREVIEW_ENV = "PRAKAT_PREVIEW_URL"


def preview_url() -> str:
    """Where the preview site is, without a trailing slash; empty for site-relative links."""
    return os.environ.get(PREVIEW_ENV, "").strip().rstrip("/")


def page_url(code: str, lang: str, preview: str) -> str:
    return f"{preview}{'/en' if lang == 'en' else ''}/agencies/{code}/"


# --- escaping ----------------------------------------------------------------------------------

_MD_SPECIAL = "\\`*_[]<>|#"


def text(value: object) -> str:
    """Record text in Markdown: no markup, no HTML, one line, safe inside a table."""
    out = str(value).replace("\r", " ").replace("\n", " ")
    for ch in _MD_SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("@", "@\u2060")  # a word joiner: shows the same, mentions nobody


def code(value: object) -> str:
    """An exact value (file, URL, e-mail, handle) as a code span that survives a table cell."""
    raw = str(value).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "``" if "`" in raw else "`"
    return f"{fence}{raw}{fence}" if fence == "`" else f"{fence} {raw} {fence}"


# --- labels ------------------------------------------------------------------------------------

class Labels:
    def __init__(self, lang: str, review: Review, preview: str) -> None:
        self.lang = lang
        self.review = review
        self.preview = preview
        self.vocab = vocabulary()

    def say(self, th: str, en: str) -> str:
        return en if self.lang == "en" else th

    def name(self, code_: str) -> str:
        found = self.review.names.get(code_)
        return text(found.get(self.lang)) if found else code_

    def agency(self, code_: str, link: bool = True) -> str:
        """The agency's name, linked to its page when it has one after the change, then its code."""
        label = self.name(code_)
        if link and code_ in self.review.visible:
            label = f"[{label}]({page_url(code_, self.lang, self.preview)})"
        return f"{label} {code(code_)}"

    def section(self, key: str) -> str:
        return self.say(f"มาตรา {key}", f"Section {key}")

    def date(self, iso: str | None) -> str:
        return short_date(dt.date.fromisoformat(iso), self.lang) if iso else "—"

    def vocab_label(self, table: str, key: object) -> str:
        labels = getattr(self.vocab, table)
        return labels[key].get(self.lang) if key in labels else str(key)


NOTHING = {"th": "— (ไม่มี)", "en": "— (none)"}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name.th": ("ชื่อ (ไทย)", "Name (Thai)"), "name.en": ("ชื่อ (อังกฤษ)", "Name (English)"),
    "full_name.th": ("ชื่อเต็ม (ไทย)", "Full name (Thai)"), "full_name.en": ("ชื่อเต็ม (อังกฤษ)", "Full name (English)"),
    "address.th": ("ที่อยู่ (ไทย)", "Address (Thai)"), "address.en": ("ที่อยู่ (อังกฤษ)", "Address (English)"),
    "hours.th": ("เวลาทำการ (ไทย)", "Opening hours (Thai)"), "hours.en": ("เวลาทำการ (อังกฤษ)", "Opening hours (English)"),
    "province": ("จังหวัด", "Province"), "website": ("เว็บไซต์", "Website"),
    "emails.public": ("อีเมลสำหรับประชาชนติดต่อ", "Public e-mail"),
    "emails.registered": ("อีเมลที่ลงทะเบียนกับ สพร.", "E-mail registered with DGA"),
    "emails.complaints": ("อีเมลสำหรับรับคำร้อง", "Complaints e-mail"),
    "phones": ("โทรศัพท์", "Phones"), "parent": ("หน่วยงานต้นสังกัด", "Parent agency"),
    "unit": ("หน่วยงานในสังกัด (unit)", "Internal unit of its parent"), "type": ("ประเภทหน่วยงาน", "Agency type"),
    "subtype": ("ประเภทย่อย", "Subtype"),
    "flags.serves_public": ("ให้บริการประชาชน", "Serves the public"),
    "flags.central_agency": ("เป็นหน่วยงานส่วนกลาง", "Central agency"),
    "flags.important_service_point": ("เป็นจุดบริการสำคัญ", "Important service point"),
    "flags.education": ("สถานศึกษา", "Educational institution"),
    "flags.gecc_level": ("ศูนย์ราชการสะดวก (GECC)", "Government Easy Contact Center level"),
    "maintainers": ("ผู้ดูแลข้อมูล (ไม่แสดงบนเว็บไซต์)", "Maintainers (not shown on the site)"),
    "section13.has_licences": ("มีใบอนุญาต", "Has licences"),
    "section13.gazette_status": ("สถานะการประกาศในราชกิจจานุเบกษา", "Royal Gazette status"),
}


def field_label(key: str, lab: Labels) -> str:
    th, en = FIELD_LABELS.get(key, (key, key))
    return lab.say(th, en)


def field_value(key: str, value: object, lab: Labels) -> str:
    if value is None or value == [] or value == "":
        return lab.say(NOTHING["th"], NOTHING["en"])
    if isinstance(value, bool):
        return lab.say("ใช่", "yes") if value else lab.say("ไม่ใช่", "no")
    if key == "province":
        return f"{text(lab.vocab_label('provinces', value))} ({code(value)})"
    if key == "type":
        return text(lab.vocab_label("types", value))
    if key == "subtype":
        return text(lab.vocab_label("subtypes", value))
    if key == "flags.gecc_level":
        return text(lab.vocab_label("gecc_levels", value))
    if key == "section13.gazette_status":
        return text(lab.vocab_label("gazette_statuses", value))
    if key == "parent":
        return lab.agency(str(value))
    if isinstance(value, list):
        return ", ".join(code(v) for v in value)
    if key in ("website",) or key.startswith("emails."):
        return code(value)
    return text(value)


# --- compliance wording ----------------------------------------------------------------------

def status_cell(status: SectionStatus | str | None, section: str, lab: Labels) -> str:
    if status is None:
        return lab.say("— (ไม่แสดงบนเว็บไซต์)", "— (not on the public site)")
    if isinstance(status, str):  # Section 13
        if status == "not_applicable":
            return lab.say("➖ ไม่มีใบอนุญาต (ไม่ต้องประกาศ)", "➖ no licences (nothing to publish)")
        if status == "missing":
            return lab.say("❌ ยังไม่ได้รายงาน", "❌ not reported")
        mark = "✅" if status == "complete" else "⚠️"
        return f"{mark} {text(lab.vocab_label('gazette_statuses', status))}"
    via = lab.name(status.via) if status.via else ""
    document = lab.say("ประกาศ", "announcement") if section == "10" else lab.say("คำสั่ง", "order")
    if status.reason == OWN:
        return lab.say(f"✅ ครบ — {document}ของหน่วยงานเอง", f"✅ met — its own {document}")
    if status.reason == INHERITED:
        return lab.say(f"✅ ครบ — ประกาศจากหน่วยงานต้นสังกัด ({via})", f"✅ met — announcement of its parent ({via})")
    if status.reason == UNIT_PARENT:
        return lab.say(f"✅ ครบ — ใช้คำสั่งของต้นสังกัด ({via})", f"✅ met — covered by its parent's order ({via})")
    if status.reason == ONLY_SUSPENDED:
        return lab.say(f"❌ ยังไม่ครบ — มีแต่{document}ที่ระงับแล้ว", f"❌ not met — only suspended {document}s")
    if status.reason == UNIT_UNCOVERED:
        return lab.say("❌ ยังไม่ครบ — ต้นสังกัดก็ยังไม่มีคำสั่ง", "❌ not met — its parent has no order either")
    assert status.reason == NONE
    return lab.say("❌ ยังไม่ครบ", "❌ not met")


def direction(change: StatusChange) -> str:
    before, after = change.met_before, change.met_after
    if before is True and after is False:
        return "⬇️"
    if before is False and after is True:
        return "⬆️"
    return ""


REASONS: dict[str, tuple[str, str]] = {
    AGENCY: ("ไฟล์ของ {agency}: ผู้ดูแลของหน่วยงานนี้หรือของหน่วยงานต้นสังกัด",
             "a file of {agency}: its maintainers or a parent agency's"),
    NEW_AGENCY: ("หน่วยงานใหม่ {agency}: ผู้ดูแลของหน่วยงานต้นสังกัด (ชื่อใน maintainers ของหน่วยงานใหม่จะมีผลหลังรวมแล้ว)",
                 "new agency {agency}: its parent agencies' maintainers (its own maintainers count once merged)"),
    MOVE: ("ย้าย {agency} ไปอยู่ใต้ {parent}: ผู้ดูแลของต้นสังกัดใหม่ต้องเห็นชอบ",
           "moves {agency} under {parent}: the new parent's maintainers must agree"),
    MOVE_TOP: ("ยกเลิกหน่วยงานต้นสังกัดของ {agency}: เฉพาะผู้ตรวจส่วนกลาง",
               "removes the parent of {agency}: central reviewers only"),
    NO_AGENCY: ("ไม่ใช่ไฟล์ของหน่วยงานใด: เฉพาะผู้ตรวจส่วนกลาง", "belongs to no agency: central reviewers only"),
    OUTSIDE: ("นอก content/ (โปรแกรม แม่แบบ การตั้งค่า CI): เฉพาะผู้ตรวจส่วนกลาง",
              "outside content/ (code, theme, settings, CI): central reviewers only"),
}


def reason(req: Requirement, lab: Labels) -> str:
    th, en = REASONS[req.reason]
    return lab.say(th, en).format(agency=lab.agency(req.code, link=False) if req.code else "",
                                  parent=lab.agency(req.parent, link=False) if req.parent else "")


AGENCY_KIND: dict[str, tuple[str, str]] = {
    ADDED: ("🆕 เพิ่มหน่วยงานใหม่", "🆕 new agency"),
    REMOVED: ("🗑️ ลบหน่วยงานออก (หน้าของหน่วยงานจะหายไปจากเว็บไซต์)", "🗑️ agency removed (its page will disappear)"),
    HIDDEN: ("🙈 ซ่อนจากเว็บไซต์ (visible: false)", "🙈 hidden from the site (visible: false)"),
    SHOWN: ("👁️ กลับมาแสดงบนเว็บไซต์", "👁️ shown on the site again"),
    CHANGED: ("✏️ แก้ไข", "✏️ changed"),
}

VERSION_KIND: dict[str, tuple[str, str]] = {
    V_ADDED: ("🆕 เพิ่มฉบับใหม่", "🆕 new version"),
    V_PUBLISHED: ("▶️ เปลี่ยนเป็นเผยแพร่", "▶️ now published"),
    V_SUSPENDED: ("⏸️ ระงับการเผยแพร่", "⏸️ suspended"),
    V_REMOVED: ("⚠️ ลบรายการออก (ควรเปลี่ยน status เป็น suspended แทนการลบ)",
                "⚠️ entry deleted (set its status to suspended instead)"),
    V_MODIFIED: ("✏️ แก้ไขรายละเอียด", "✏️ details changed"),
}

MODIFIED_FIELDS = {"date": ("วันที่", "date"), "scope": ("ขอบเขต", "scope"),
                   "sha256": ("ไฟล์ PDF (sha256)", "PDF file (sha256)"), "title": ("ชื่อเรื่อง", "title")}


def problem(problem: tuple[str, str] | None, lab: Labels) -> str:
    if problem is None:
        return "—"
    category, description = problem
    label = text(lab.vocab_label("problem_categories", category))
    return f"{label}: {text(description)}" if description else label
