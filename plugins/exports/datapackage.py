"""datapackage.json: the data dictionary of /data/, as a Frictionless Data Package.

Each CSV is a tabular resource with a Table Schema built from fields.py, so a
validator (``frictionless validate datapackage.json``) or a person reading it
sees the same columns, types and allowed values the writers use.  Every
description is given in English, then in Thai.
"""
from __future__ import annotations

import json
from typing import Any

from .fields import AGENCY_COLUMNS, COMPLIANCE_COLUMNS, Column
from .records import LICENCE_NOTE, ExportData

CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": True, "header": True}


def _field(column: Column) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": f"{column.en} — {column.th}",
        "description_th": column.th,
    }
    if column.type == "boolean":
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    if column.type == "date":
        out["format"] = "default"
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        out["constraints"] = constraints
    return out


def _csv_resource(name: str, path: str, title: str, description: str, columns: tuple[Column, ...]) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": CSV_DIALECT,
        "schema": {"fields": [_field(c) for c in columns], "primaryKey": ["code"], "missingValues": [""]},
    }


def datapackage(data: ExportData) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "prakat-agencies",
        "title": "Prakat: state agencies and the Electronic Government Administration Act B.E. 2565 — "
                 "หน่วยงานของรัฐและการดำเนินการตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565",
        "description": "Contact details of every visible state agency and whether it has met Sections 10, 13 "
                       "and 16 of the Act, as of the date in `version`. One row per agency, sorted by code. "
                       "— ข้อมูลติดต่อของหน่วยงานของรัฐทุกแห่งที่เผยแพร่ และสถานะการดำเนินการตามมาตรา 10 13 และ 16",
        "version": data.as_of.isoformat(),
        "homepage": data.url("data/"),
        "licenses": [{"name": "notice", "title": f"{LICENCE_NOTE['en']} — {LICENCE_NOTE['th']}"}],
        "resources": [
            _csv_resource(
                "compliance", "compliance.csv",
                "Compliance with Sections 10, 13 and 16 — สถานะการดำเนินการตามมาตรา 10 13 และ 16",
                "One row per visible agency: whether it has met each section, and through whose document. "
                "— หนึ่งแถวต่อหนึ่งหน่วยงาน: ดำเนินการตามแต่ละมาตราแล้วหรือไม่ และผ่านเอกสารของหน่วยงานใด",
                COMPLIANCE_COLUMNS),
            _csv_resource(
                "agencies", "agencies.csv",
                "Agency profiles — ข้อมูลหน่วยงาน",
                "One row per visible agency: names, hierarchy, address, contact channels and flags. "
                "— หนึ่งแถวต่อหนึ่งหน่วยงาน: ชื่อ สังกัด ที่อยู่ ช่องทางติดต่อ และลักษณะของหน่วยงาน",
                AGENCY_COLUMNS),
            {
                "name": "agencies-json",
                "path": "agencies.json",
                "title": "Agencies with their published documents — หน่วยงานพร้อมเอกสารที่เผยแพร่",
                "description": "The profile of each visible agency with its published Section 10, 13 and 16 "
                               "documents (newest first: the first is the current one), the announcement it "
                               "inherits, its problems and its compliance with reasons. See docs/open-data.md. "
                               "— ข้อมูลหน่วยงานพร้อมเอกสารที่เผยแพร่ตามมาตรา 10 13 และ 16 ปัญหาอุปสรรค "
                               "และสถานะพร้อมเหตุผล",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    }


def datapackage_json(data: ExportData) -> str:
    return json.dumps(datapackage(data), ensure_ascii=False, indent=2) + "\n"
