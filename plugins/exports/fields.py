"""The columns of the open-data CSV files, declared once.

The writers take their column order from here, datapackage.json takes its
Table Schemas from here, and a test checks that docs/open-data.md and the
README list the same columns in the same order.  A column is only ever added
at the end: people's spreadsheets and scripts refer to columns by position.
"""
from __future__ import annotations

from dataclasses import dataclass

from plugins.prakat.stats import SECTION13_STATUSES
from plugins.prakat.vocabulary import vocabulary


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, boolean, date
    en: str
    th: str
    enum: tuple[str, ...] = ()
    required: bool = False
    pattern: str = ""


CODE_PATTERN = "^[0-9]{13}$"
MET = ("met", "not_met")


def _vocab(member: str) -> tuple[str, ...]:
    return tuple(getattr(vocabulary(), member))


def _code(name: str, en: str, th: str, required: bool = False) -> Column:
    return Column(name, "string", en, th, required=required, pattern=CODE_PATTERN)


COMPLIANCE_COLUMNS: tuple[Column, ...] = (
    _code("code", "Agency code used by info.go.th (13 digits).", "รหัสหน่วยงาน 13 หลักตาม info.go.th", required=True),
    Column("name_th", "string", "Display name in Thai.", "ชื่อสำหรับแสดงผล (ภาษาไทย)", required=True),
    Column("name_en", "string", "Display name in English; empty when the agency gave none.",
           "ชื่อสำหรับแสดงผล (ภาษาอังกฤษ) ว่างถ้าหน่วยงานไม่ได้ระบุ"),
    Column("type", "string", "Agency type (vocabulary key).", "ประเภทหน่วยงาน (รหัสคำศัพท์)", _vocab("types"),
           required=True),
    Column("subtype", "string", "Agency subtype (vocabulary key); empty when not stated.",
           "ประเภทย่อยของหน่วยงาน (รหัสคำศัพท์) ว่างถ้าไม่ได้ระบุ", _vocab("subtypes")),
    Column("province", "string", "TIS 1099 province code; empty when not stated.",
           "รหัสจังหวัดตาม มอก. 1099 ว่างถ้าไม่ได้ระบุ", _vocab("provinces")),
    _code("parent", "Code of the nearest visible parent agency; empty at the top.",
          "รหัสหน่วยงานต้นสังกัดที่ใกล้ที่สุดซึ่งแสดงผลบนเว็บไซต์ ว่างถ้าเป็นหน่วยงานระดับบนสุด"),
    _code("top_level", "Code of the topmost visible ancestor (the ministry or top-level body); "
          "the agency's own code when it is at the top.",
          "รหัสหน่วยงานระดับบนสุด (กระทรวงหรือเทียบเท่า) ของหน่วยงาน เป็นรหัสของตนเองถ้าอยู่ระดับบนสุด",
          required=True),
    Column("section10", "string", "Section 10 (electronic channels announcement): met or not_met.",
           "มาตรา 10 (ประกาศช่องทางอิเล็กทรอนิกส์): met ดำเนินการแล้ว, not_met ยังไม่ดำเนินการ", MET, True),
    _code("section10_via", "Code of the agency whose announcement meets Section 10: the agency's own code, "
          "or the ancestor whose announcement covers its subordinates; empty when not met.",
          "รหัสหน่วยงานเจ้าของประกาศที่ทำให้ดำเนินการตามมาตรา 10 แล้ว (ของตนเอง หรือของหน่วยงานต้นสังกัดที่ประกาศ"
          "ให้หน่วยงานภายใต้สังกัด) ว่างถ้ายังไม่ดำเนินการ"),
    Column("section16", "string", "Section 16 (order on electronic work systems): met or not_met.",
           "มาตรา 16 (คำสั่งระบบการปฏิบัติหน้าที่ทางอิเล็กทรอนิกส์): met ดำเนินการแล้ว, not_met ยังไม่ดำเนินการ", MET,
           True),
    _code("section16_via", "Code of the agency whose order meets Section 16: the agency's own code, or for an "
          "internal unit the parent whose order covers it; empty when not met.",
          "รหัสหน่วยงานเจ้าของคำสั่งที่ทำให้ดำเนินการตามมาตรา 16 แล้ว (ของตนเอง หรือของต้นสังกัดสำหรับหน่วยงานในสังกัด) "
          "ว่างถ้ายังไม่ดำเนินการ"),
    Column("section13", "string", "Section 13 (licences): not_applicable (no licences), missing (not reported), "
           "complete, partial or not_published (Royal Gazette status; complete without a published 13(1) "
           "announcement counts as partial).",
           "มาตรา 13 (ใบอนุญาต): not_applicable ไม่มีใบอนุญาต, missing ยังไม่รายงาน, complete ครบถ้วน, "
           "partial ยังไม่ครบถ้วน, not_published ยังไม่ประกาศในราชกิจจานุเบกษา", SECTION13_STATUSES, True),
    Column("updated", "date", "Date of the last commit that changed the agency's record (ISO 8601); empty "
           "when unknown.", "วันที่แก้ไขข้อมูลของหน่วยงานครั้งล่าสุด (ISO 8601) ว่างถ้าไม่ทราบ"),
)


def _text(name: str, en: str, th: str) -> Column:
    return Column(name, "string", en, th)


def _flag(name: str, en: str, th: str) -> Column:
    return Column(name, "boolean", en + " true or false; empty when not stated.", th + " true ใช่ false ไม่ใช่")


AGENCY_COLUMNS: tuple[Column, ...] = (
    COMPLIANCE_COLUMNS[0], COMPLIANCE_COLUMNS[1], COMPLIANCE_COLUMNS[2],
    _text("full_name_th", "Full name in Thai; empty when not given.", "ชื่อเต็มของหน่วยงาน (ภาษาไทย)"),
    _text("full_name_en", "Full name in English; empty when not given.", "ชื่อเต็มของหน่วยงาน (ภาษาอังกฤษ)"),
    COMPLIANCE_COLUMNS[3], COMPLIANCE_COLUMNS[4],
    Column("unit", "boolean", "true when the agency is an internal unit of its parent (it needs no Section 16 "
           "order of its own).", "true ถ้าเป็นหน่วยงานในสังกัดของต้นสังกัด (ไม่ต้องออกคำสั่งตามมาตรา 16 เอง)",
           required=True),
    COMPLIANCE_COLUMNS[6], COMPLIANCE_COLUMNS[7], COMPLIANCE_COLUMNS[5],
    _text("address_th", "Address in Thai.", "ที่อยู่ (ภาษาไทย)"),
    _text("address_en", "Address in English.", "ที่อยู่ (ภาษาอังกฤษ)"),
    _text("website", "Website (http or https).", "เว็บไซต์"),
    _text("email_public", "E-mail for the public to contact the agency.", "อีเมลสำหรับประชาชนติดต่อ"),
    _text("email_registered", "E-mail registered with the DGA.", "อีเมลที่ลงทะเบียนกับ สพร."),
    _text("email_complaints", "E-mail for complaints and petitions.", "อีเมลสำหรับรับคำร้อง"),
    _text("phones", "Telephone numbers, separated by \"; \".", "หมายเลขโทรศัพท์ คั่นด้วย \"; \""),
    _text("hours_th", "Opening hours in Thai.", "เวลาทำการ (ภาษาไทย)"),
    _text("hours_en", "Opening hours in English.", "เวลาทำการ (ภาษาอังกฤษ)"),
    _flag("serves_public", "Serves the public.", "ให้บริการประชาชน"),
    _flag("central_agency", "A central (not regional) agency.", "เป็นหน่วยงานส่วนกลาง"),
    _flag("important_service_point", "An important service point.", "เป็นจุดบริการสำคัญ"),
    _flag("education", "An educational institution.", "สถานศึกษา"),
    Column("gecc_level", "string", "Government Easy Contact Center level; empty when not a GECC centre.",
           "ระดับศูนย์ราชการสะดวก (GECC) ว่างถ้าไม่ได้เป็นศูนย์ราชการสะดวก", _vocab("gecc_levels")),
    Column("page_url", "string", "Address of the agency's page on this site.", "ที่อยู่หน้าของหน่วยงานบนเว็บไซต์นี้",
           required=True),
    COMPLIANCE_COLUMNS[-1],
)

TABLES: dict[str, tuple[Column, ...]] = {
    "agencies.csv": AGENCY_COLUMNS,
    "compliance.csv": COMPLIANCE_COLUMNS,
}
