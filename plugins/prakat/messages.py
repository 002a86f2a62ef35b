"""The catalogue of validation messages, in Thai and English.

Each code is stable: people search for it, CI annotations link to it and the
tests assert it.  Every message says what is wrong and what to do about it,
in words an agency's web clerk can act on.  Values in braces come from the
finding's params.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping


@dataclass(frozen=True)
class Message:
    severity: Literal["error", "warning"]
    th: str
    en: str
    fix_th: str
    fix_en: str


def _e(th: str, en: str, fix_th: str, fix_en: str) -> Message:
    return Message("error", th, en, fix_th, fix_en)


def _w(th: str, en: str, fix_th: str, fix_en: str) -> Message:
    return Message("warning", th, en, fix_th, fix_en)


CATALOGUE: Mapping[str, Message] = {
    # --- reading YAML -------------------------------------------------------
    "yaml.too_large": _e(
        "ไฟล์ YAML ใหญ่เกิน 1 MiB ({size} ไบต์)", "the YAML file is over 1 MiB ({size} bytes)",
        "แยกข้อมูลที่ไม่จำเป็นออก ไฟล์ระเบียนหน่วยงานไม่ควรยาวขนาดนี้", "remove what does not belong; an agency record is never this long"),
    "yaml.encoding": _e(
        "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8 (พบอักขระที่อ่านไม่ได้)", "the file is not valid UTF-8 text",
        "บันทึกไฟล์ใหม่เป็น UTF-8 ในโปรแกรมแก้ไขข้อความ", "save the file again as UTF-8 in your text editor"),
    "yaml.syntax": _e(
        "รูปแบบ YAML ไม่ถูกต้อง: {detail}", "the YAML does not parse: {detail}",
        "ตรวจการเยื้องบรรทัด (ใช้ช่องว่าง ไม่ใช้แท็บ) เครื่องหมาย : และเครื่องหมายคำพูดที่เปิดแล้วต้องปิด",
        "check the indentation (spaces, not tabs), the colons, and that every quote is closed"),
    "yaml.duplicate_key": _e(
        "คีย์ \"{key}\" ซ้ำ (มีแล้วที่บรรทัด {first_line})", "the key \"{key}\" appears twice (first at line {first_line})",
        "ลบหรือรวมรายการที่ซ้ำให้เหลือเพียงรายการเดียว", "delete or merge the repeated entry so it appears once"),
    "yaml.tag": _e(
        "ไม่อนุญาตให้ใช้แท็ก YAML ({tag})", "YAML tags are not allowed ({tag})",
        "ลบแท็กที่ขึ้นต้นด้วย ! ออก หากต้องการให้เป็นข้อความให้ใส่เครื่องหมายคำพูดแทน",
        "remove the tag that starts with !; to make a value text, put it in quotes instead"),
    "yaml.anchor": _e(
        "ไม่อนุญาตให้ใช้ anchor ของ YAML (&{name})", "YAML anchors are not allowed (&{name})",
        "เขียนค่าซ้ำตรง ๆ แทนการใช้ & และ *", "write the value out again instead of using & and *"),
    "yaml.alias": _e(
        "ไม่อนุญาตให้ใช้ alias ของ YAML (*{name})", "YAML aliases are not allowed (*{name})",
        "เขียนค่าซ้ำตรง ๆ แทนการใช้ & และ *", "write the value out again instead of using & and *"),
    "yaml.complex_key": _e(
        "คีย์ต้องเป็นข้อความธรรมดา", "a key must be plain text",
        "เขียนคีย์เป็นคำเดียว เช่น name: หรือ phones:", "write the key as a single word, such as name: or phones:"),
    "yaml.multiple_documents": _e(
        "ไฟล์มีเอกสาร YAML มากกว่าหนึ่งชุด (พบ --- ซ้ำ)", "the file holds more than one YAML document (a second ---)",
        "ลบบรรทัด --- ที่สองและรวมข้อมูลไว้ในเอกสารเดียว", "remove the second --- line and keep one document"),
    "yaml.empty": _e(
        "ไฟล์ว่างเปล่า", "the file is empty",
        "ใส่ข้อมูลตามแบบในคู่มือ หรือสร้างด้วยคำสั่ง new-agency", "fill it in as the manual shows, or create it with the new-agency command"),
    # --- schema -------------------------------------------------------------
    "schema.unknown_key": _e(
        "ไม่รู้จักคีย์ \"{key}\"", "unknown key \"{key}\"",
        "{guess_th}ตรวจการสะกด หรือย้ายไปไว้ใต้หัวข้อที่ถูกต้อง ({allowed})",
        "{guess_en}check the spelling or move it under the right heading ({allowed})"),
    "schema.missing": _e(
        "ขาดข้อมูลที่จำเป็น \"{field}\"", "the required field \"{field}\" is missing",
        "เพิ่ม {field}: ตามแบบในคู่มือ", "add {field}: as the manual shows"),
    "schema.type": _e(
        "\"{field}\" ต้องเป็น{expected_th} แต่พบ{got_th}", "\"{field}\" must be {expected} but is {got}",
        "{hint_th}", "{hint_en}"),
    "schema.enum": _e(
        "ค่า \"{value}\" ของ \"{field}\" ไม่อยู่ในรายการที่กำหนด", "\"{value}\" is not an allowed value of \"{field}\"",
        "{guess_th}ใช้ค่าใดค่าหนึ่งต่อไปนี้: {allowed}", "{guess_en}use one of: {allowed}"),
    "schema.pattern": _e(
        "ค่า \"{value}\" ของ \"{field}\" มีรูปแบบไม่ถูกต้อง", "\"{value}\" is not in the form \"{field}\" needs",
        "{hint_th}", "{hint_en}"),
    "schema.format": _e(
        "ค่า \"{value}\" ของ \"{field}\" ไม่ใช่{format_th}ที่ถูกต้อง", "\"{value}\" is not a valid {format} in \"{field}\"",
        "{hint_th}", "{hint_en}"),
    "schema.too_many": _e(
        "\"{field}\" มีได้ไม่เกิน {limit} รายการ (พบ {count})", "\"{field}\" takes at most {limit} items ({count} given)",
        "ลบรายการที่สำคัญน้อยที่สุดออก", "remove the least important entries"),
    "schema.too_short": _e(
        "\"{field}\" ว่างหรือสั้นเกินไป", "\"{field}\" is empty or too short",
        "ใส่ค่า หรือลบคีย์นี้ออกหากไม่มีข้อมูล", "fill it in, or remove the key when there is nothing to say"),
    "schema.other": _e(
        "\"{field}\" ไม่ถูกต้อง: {detail}", "\"{field}\" is invalid: {detail}",
        "แก้ไขตามแบบในคู่มือ (docs/content.md)", "correct it as the manual shows (docs/content.md)"),
    "problems.too_many": _e(
        "ระบุปัญหาอุปสรรคได้ไม่เกิน 3 ข้อ (พบ {count} ข้อ)", "at most 3 problems may be reported ({count} given)",
        "เก็บไว้เฉพาะ 3 ข้อที่สำคัญที่สุด เรียงจากสำคัญมากไปน้อย", "keep the 3 most important, most important first"),
    "email.invalid": _e(
        "\"{value}\" ไม่ใช่ที่อยู่อีเมลที่ถูกต้อง ({field})", "\"{value}\" is not an e-mail address ({field})",
        "เขียนในรูปแบบ ชื่อ@โดเมน เช่น contact@dga.or.th", "write it as name@domain, e.g. contact@dga.or.th"),
    "url.invalid": _e(
        "\"{value}\" ไม่ใช่ลิงก์ http หรือ https ({field})", "\"{value}\" is not an http(s) link ({field})",
        "ใส่ลิงก์เต็มที่ขึ้นต้นด้วย https:// เช่น https://www.dga.or.th", "give the full link starting with https://, e.g. https://www.dga.or.th"),
    "date.invalid": _e(
        "\"{value}\" ไม่ใช่วันที่ที่ถูกต้อง ({field})", "\"{value}\" is not a valid date ({field})",
        "เขียนวันที่เป็น ปี-เดือน-วัน แบบคริสต์ศักราช เช่น 2023-11-01", "write the date as year-month-day, Gregorian, e.g. 2023-11-01"),
    "date.buddhist_era": _e(
        "ปี {year} ใน \"{field}\" เป็นปีพุทธศักราช", "the year {year} in \"{field}\" is a Buddhist-era year",
        "ใช้ปีคริสต์ศักราช {gregorian} แทน ({suggested}) เว็บไซต์จะแสดงเป็น พ.ศ. ให้เอง",
        "use the Gregorian year {gregorian} instead ({suggested}); the site shows the Buddhist era itself"),
    "date.future": _e(
        "วันที่บันทึก {value} อยู่หลังวันนี้ ({today})", "the recorded date {value} is after today ({today})",
        "ใส่วันที่ที่บันทึกลิงก์จริง ซึ่งต้องไม่เกินวันนี้", "give the date the link was actually recorded, today or earlier"),
    # --- the content tree ---------------------------------------------------
    "tree.symlink": _e(
        "พบลิงก์สัญลักษณ์ (symbolic link) ในโฟลเดอร์ content", "a symbolic link is under content/",
        "ลบลิงก์ออกแล้วใส่ไฟล์จริงแทน", "delete the link and put the real file there"),
    "tree.stray_file": _e(
        "ไม่อนุญาตให้มีไฟล์นี้ใน content/agencies/", "this file does not belong under content/agencies/",
        "ในโฟลเดอร์หน่วยงานมีได้เพียง agency.yaml และ report.yaml ไฟล์ PDF ให้ไว้ที่ content/documents/<รหัส>/",
        "an agency folder holds only agency.yaml and report.yaml; PDFs go in content/documents/<code>/"),
    "tree.bad_folder": _e(
        "ชื่อโฟลเดอร์ \"{name}\" ไม่ใช่รหัสหน่วยงาน 13 หลัก", "the folder name \"{name}\" is not a 13-digit agency code",
        "ตั้งชื่อโฟลเดอร์เป็นรหัสหน่วยงาน 13 หลักตาม info.go.th", "name the folder after the 13-digit info.go.th agency code"),
    "tree.missing_agency": _e(
        "โฟลเดอร์หน่วยงานไม่มีไฟล์ agency.yaml", "the agency folder has no agency.yaml",
        "สร้างด้วยคำสั่ง python build.py new-agency {code} --name-th ...", "create it with python build.py new-agency {code} --name-th ..."),
    "tree.documents_without_agency": _w(
        "มีโฟลเดอร์เอกสารของรหัส {code} แต่ไม่มีหน่วยงานนี้", "there is a documents folder for {code} but no such agency",
        "ย้ายไฟล์ไปยังโฟลเดอร์ของหน่วยงานที่ถูกต้อง หรือลบออก", "move the files to the right agency's folder, or delete them"),
    # --- records ------------------------------------------------------------
    "record.code_mismatch": _e(
        "รหัส \"{code}\" ไม่ตรงกับชื่อโฟลเดอร์ \"{folder}\"", "the code \"{code}\" does not match the folder \"{folder}\"",
        "แก้ code ให้ตรงกับชื่อโฟลเดอร์ หรือเปลี่ยนชื่อโฟลเดอร์", "make code match the folder name, or rename the folder"),
    "record.parent_missing": _e(
        "ไม่พบหน่วยงานต้นสังกัดรหัส {parent}", "the parent agency {parent} does not exist",
        "ตรวจรหัสหน่วยงานต้นสังกัด หรือเพิ่มหน่วยงานนั้นก่อน", "check the parent's code, or add that agency first"),
    "record.parent_cycle": _e(
        "หน่วยงานต้นสังกัดวนกลับมาที่ตนเอง: {cycle}", "the chain of parents loops back: {cycle}",
        "แก้ parent ของหน่วยงานใดหน่วยงานหนึ่งในวงนี้ให้ชี้ขึ้นไปด้านบน", "change one parent in the loop so it points upwards"),
    "ref.file_name": _e(
        "ชื่อไฟล์ \"{file}\" ใช้ไม่ได้: {reason_th}", "the file name \"{file}\" cannot be used: {reason_en}",
        "ใช้ชื่อไฟล์ในโฟลเดอร์ content/documents/{code}/ โดยไม่มี / หรือ .. และลงท้ายด้วย .pdf",
        "give a name inside content/documents/{code}/, without / or .., ending in .pdf"),
    "ref.file_missing": _e(
        "ไม่พบไฟล์ {pdf}", "the file {pdf} does not exist",
        "เพิ่มไฟล์ด้วยคำสั่ง add-document หรือแก้ชื่อไฟล์ให้ตรง", "add it with the add-document command, or correct the name"),
    "ref.sha256_mismatch": _e(
        "ค่า sha256 ไม่ตรงกับไฟล์ {pdf} (ไฟล์จริงคือ {actual})", "the sha256 does not match {pdf} (its bytes give {actual})",
        "ถ้าไฟล์ถูกต้องแล้ว ให้แก้ sha256 เป็นค่าของไฟล์จริง หรือเพิ่มไฟล์ใหม่ด้วย add-document",
        "if the file is the right one, set sha256 to its actual value, or add the file again with add-document"),
    "ref.duplicate_version": _e(
        "ไฟล์ {file} ถูกอ้างถึงมากกว่าหนึ่งครั้งในมาตรา {section}", "{file} is listed more than once in section {section}",
        "เก็บไว้เพียงรายการเดียว ถ้าจะยกเลิกการเผยแพร่ให้เปลี่ยน status เป็น suspended", "keep one entry; to unpublish it set its status to suspended"),
    # --- PDFs ---------------------------------------------------------------
    "pdf.too_large": _e(
        "ไฟล์ {pdf} ใหญ่เกิน 5 MiB ({detail})", "{pdf} is over 5 MiB ({detail})",
        "ลดขนาดไฟล์ (เช่น สแกนที่ 150 dpi หรือบีบอัด PDF) แล้วเพิ่มใหม่", "make it smaller (scan at 150 dpi or compress the PDF) and add it again"),
    "pdf.not_pdf": _e(
        "ไฟล์ {pdf} ไม่ใช่ PDF", "{pdf} is not a PDF",
        "ส่งออก (Export) เอกสารเป็น PDF แล้วเพิ่มใหม่", "export the document as PDF and add it again"),
    "pdf.unreadable": _e(
        "อ่านไฟล์ {pdf} ไม่ได้ ({detail})", "{pdf} cannot be read ({detail})",
        "เปิดไฟล์ในโปรแกรมอ่าน PDF แล้วบันทึกเป็น PDF ใหม่", "open it in a PDF reader and save it as a new PDF"),
    "pdf.encrypted": _e(
        "ไฟล์ {pdf} ถูกเข้ารหัสหรือตั้งรหัสผ่าน", "{pdf} is encrypted or password-protected",
        "บันทึก PDF ใหม่โดยไม่ตั้งรหัสผ่านหรือการป้องกัน", "save the PDF again without a password or protection"),
    "pdf.javascript": _e(
        "ไฟล์ {pdf} มี JavaScript ({detail})", "{pdf} contains JavaScript ({detail})",
        "พิมพ์เป็น PDF ใหม่ (Print to PDF) เพื่อตัดสคริปต์ออก", "print it to a new PDF (Print to PDF) to drop the script"),
    "pdf.launch": _e(
        "ไฟล์ {pdf} มีคำสั่งเปิดโปรแกรม (/Launch)", "{pdf} contains a /Launch action that starts programs",
        "พิมพ์เป็น PDF ใหม่ (Print to PDF) เพื่อตัดคำสั่งออก", "print it to a new PDF (Print to PDF) to drop the action"),
    "pdf.embedded_file": _e(
        "ไฟล์ {pdf} มีไฟล์แนบฝังอยู่", "{pdf} has embedded files",
        "นำไฟล์แนบออก หรือพิมพ์เป็น PDF ใหม่", "remove the attachments, or print it to a new PDF"),
    "pdf.rich_media": _e(
        "ไฟล์ {pdf} มีสื่อมัลติมีเดียฝังอยู่ (/RichMedia)", "{pdf} has embedded rich media (/RichMedia)",
        "นำสื่อออก หรือพิมพ์เป็น PDF ใหม่", "remove the media, or print it to a new PDF"),
    "pdf.xfa": _e(
        "ไฟล์ {pdf} เป็นแบบฟอร์ม XFA", "{pdf} is an XFA form",
        "พิมพ์เป็น PDF ใหม่ (Print to PDF) ให้เป็นเอกสารธรรมดา", "print it to a new PDF (Print to PDF) to make it a plain document"),
    "pdf.lfs_pointer": _w(
        "ไฟล์ {pdf} เป็นเพียงตัวชี้ Git LFS ในเครื่องนี้ จึงตรวจได้เฉพาะค่า sha256 (ตรงกัน) ไม่ได้ตรวจเนื้อหา",
        "{pdf} is only a Git LFS pointer here: its sha256 matches the pointer, its content was not inspected",
        "รัน git lfs pull เพื่อดึงไฟล์จริงก่อนตรวจหรือสร้างเว็บไซต์", "run git lfs pull to fetch the real file before validating or building"),
    "pdf.lfs_oid_mismatch": _e(
        "ค่า sha256 ไม่ตรงกับตัวชี้ Git LFS ของ {pdf} (ตัวชี้คือ {actual})", "the sha256 does not match the Git LFS pointer of {pdf} ({actual})",
        "แก้ sha256 ให้ตรงกับไฟล์จริง หรือเพิ่มไฟล์ใหม่ด้วย add-document", "set sha256 to the real file's value, or add the file again with add-document"),
    # --- warnings -----------------------------------------------------------
    "doc.orphan": _w(
        "ไม่มีรายการใดอ้างถึงไฟล์ {pdf}", "no version refers to {pdf}",
        "เพิ่มเป็นฉบับหนึ่งด้วย add-document หรือลบไฟล์ออก (ไฟล์นี้จะไม่ถูกเผยแพร่)", "record it with add-document, or delete it (it is not published)"),
    "compliance.no_section10": _w(
        "ยังไม่มีประกาศมาตรา 10 ที่เผยแพร่ และไม่มีประกาศจากหน่วยงานต้นสังกัด", "no published Section 10 announcement, and none inherited",
        "เพิ่มประกาศด้วย python build.py add-document {code} --section 10 ไฟล์.pdf --date ปี-เดือน-วัน",
        "add one with python build.py add-document {code} --section 10 FILE.pdf --date YYYY-MM-DD"),
    "url.not_https": _w(
        "ลิงก์ {value} ไม่ใช้ https", "the link {value} does not use https",
        "ใช้ https:// หากเว็บไซต์รองรับ เพื่อความปลอดภัยของประชาชน", "use https:// if the site supports it, to keep visitors safe"),
}


class _Params(dict):  # type: ignore[type-arg]
    """Leaves unknown placeholders visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: Mapping[str, str], lang: str = "th") -> str:
    message = CATALOGUE[code]
    values = _Params(params)
    if lang == "en":
        text, fix, joiner = message.en, message.fix_en, "; to fix: "
    else:
        text, fix, joiner = message.th, message.fix_th, " — วิธีแก้: "
    text = text.format_map(values)
    fix = fix.format_map(values)
    return f"{text}{joiner}{fix}" if fix else text
