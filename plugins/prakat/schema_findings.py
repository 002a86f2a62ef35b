"""Turn JSON Schema problems into findings a clerk can act on.

The schemas say *what* is allowed; this module says it in the clerk's words,
pointing at the key or value's own line, with a code per kind of mistake.
"""
from __future__ import annotations

import difflib
from typing import Iterator

from .findings import Finding, finding
from .schemas import SchemaProblem, check_agency, check_report
from .yamlpos import YamlDocument

URL_FIELDS = {"website", "url"}
DATE_FIELDS = {"announced", "effective", "recorded"}

_TYPE_TH = {"string": "ข้อความ", "integer": "ตัวเลข", "number": "ตัวเลข", "boolean": "ค่า true/false",
            "object": "หัวข้อที่มีหัวข้อย่อย", "array": "รายการ", "null": "ค่าว่าง"}
_FORMAT_TH = {"email": "อีเมล", "date": "วันที่", "uri": "ลิงก์"}

_PATTERN_HINTS = {
    "code": ("รหัสหน่วยงานต้องเป็นตัวเลข 13 หลักในเครื่องหมายคำพูด เช่น \"0111013900000\"",
             "an agency code is 13 digits in quotes, e.g. \"0111013900000\""),
    "parent": ("รหัสหน่วยงานต้องเป็นตัวเลข 13 หลักในเครื่องหมายคำพูด เช่น \"0100000000000\"",
               "an agency code is 13 digits in quotes, e.g. \"0100000000000\""),
    "sha256": ("ใช้ค่า sha256 ตัวพิมพ์เล็ก 64 ตัวอักษร (คำสั่ง add-document คำนวณให้)",
               "use the 64 lower-case hex digits of the file's sha256 (add-document computes it)"),
    "province": ("ใช้รหัสจังหวัด 2 หลักตาม มอก. 1099 ในเครื่องหมายคำพูด เช่น \"10\" กรุงเทพมหานคร",
                 "use the 2-digit TIS 1099 province code in quotes, e.g. \"10\" for Bangkok"),
    "maintainers": ("เขียนเป็นชื่อผู้ใช้หรือทีม เช่น \"@dga/web\"", "write a user or team, e.g. \"@dga/web\""),
}


def dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _field(path: tuple[str | int, ...]) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else ""


def to_findings(rel: str, doc: YamlDocument, problems: list[SchemaProblem]) -> Iterator[Finding]:
    for problem in problems:
        path = tuple(problem.path)
        detail = {k: str(v) for k, v in problem.detail.items()}
        name = _field(path)
        where = doc.where(path, key=problem.is_key)
        label = dotted(path)
        value = detail.get("value", "")
        if problem.kind == "unknown_key":
            key = detail.get("key", name)
            yield finding(rel, where, "schema.unknown_key", key=key, allowed=detail.get("allowed", ""),
                          **_guess(key, detail.get("allowed", "")))
        elif problem.kind == "missing":
            missing = detail.get("field", "")
            full = f"{label}.{missing}" if path else missing
            yield finding(rel, where, "schema.missing", field=full)
        elif problem.kind == "type":
            expected, got = detail.get("expected", ""), detail.get("got", "")
            hint = _PATTERN_HINTS.get(name) if got in ("integer", "number") else None
            hint_th, hint_en = hint or ("แก้ค่าให้เป็นชนิดที่ถูกต้องตามคู่มือ",
                                         "change the value to the kind the manual shows")
            yield finding(rel, where, "schema.type", field=label, expected=expected, got=got,
                          expected_th=_TYPE_TH.get(expected, expected), got_th=_TYPE_TH.get(got, got),
                          hint_th=hint_th, hint_en=hint_en)
        elif problem.kind == "enum":
            yield finding(rel, where, "schema.enum", field=label, value=value, allowed=detail.get("allowed", ""),
                          **_guess(value, detail.get("allowed", "")))
        elif problem.kind in ("pattern", "format"):
            if name == "file":
                continue  # file names get their own, more specific check (checks.file_name_reason)
            fmt = detail.get("format", "")
            if name in URL_FIELDS or fmt == "uri":
                yield finding(rel, where, "url.invalid", field=label, value=value)
            elif name in DATE_FIELDS or fmt == "date":
                if not _is_buddhist_era(value):  # that gets its own finding
                    yield finding(rel, where, "date.invalid", field=label, value=value)
            elif fmt == "email" or (len(path) >= 2 and path[-2] == "emails"):
                yield finding(rel, where, "email.invalid", field=label, value=value)
            else:
                hint_th, hint_en = _PATTERN_HINTS.get(name, ("แก้ไขตามแบบในคู่มือ", "correct it as the manual shows"))
                yield finding(rel, where, "schema.pattern", field=label, value=value, hint_th=hint_th,
                              hint_en=hint_en)
        elif problem.kind == "too_many":
            count, limit = detail.get("count", ""), detail.get("limit", "")
            if path == ("problems",):
                yield finding(rel, where, "problems.too_many", count=count)
            else:
                yield finding(rel, where, "schema.too_many", field=label, count=count, limit=limit)
        elif problem.kind in ("too_short", "too_long"):
            yield finding(rel, where, "schema.too_short" if problem.kind == "too_short" else "schema.other",
                          field=label, detail=detail.get("message", "too long"))
        else:
            yield finding(rel, where, "schema.other", field=label, detail=detail.get("message", problem.kind))


def _guess(given: str, allowed: str) -> dict[str, str]:
    """"Did you mean ...?" in both languages, when one allowed word is close to a misspelt one ('' when none is)."""
    word = given.strip().lower()
    words = [a.strip() for a in allowed.split(",") if a.strip()]
    close = difflib.get_close_matches(word, words, n=1, cutoff=0.6) if word else []
    if not close and len(word) >= 4:  # a long value typed short: "publik" for public_organization
        close = [w for w in words if w.startswith(word[:-1])][:2]
        close = close if len(close) == 1 else []
    if not close:
        return {"guess_th": "", "guess_en": ""}
    return {"guess_th": f"หมายถึง \"{close[0]}\" หรือไม่ — ", "guess_en": f"did you mean \"{close[0]}\"? "}


def _is_buddhist_era(value: str) -> bool:
    return len(value) >= 4 and value[:4].isdigit() and int(value[:4]) > 2400


def agency_findings(rel: str, doc: YamlDocument) -> list[Finding]:
    return list(to_findings(rel, doc, check_agency(doc.data)))


def report_findings(rel: str, doc: YamlDocument) -> list[Finding]:
    return list(to_findings(rel, doc, check_report(doc.data)))
