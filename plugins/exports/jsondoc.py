"""agencies.json: every visible agency with its published documents and compliance.

The document is one JSON object, ``{"metadata": {...}, "agencies": [...]}``,
written with one agency per line so that a change to one agency is a one-line
difference and the file can be read a line at a time.
"""
from __future__ import annotations

import io
import json
from typing import TextIO

from .records import ExportData, agency_record, metadata

# One encoder for the whole file; the records are trees of fresh dicts, so no cycle check is needed.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def write_agencies_json(out: TextIO, data: ExportData) -> None:
    encode = _ENCODER.encode
    out.write('{\n"metadata":' + encode(metadata(data)) + ',\n"agencies":[')
    separator = "\n"
    for row in data.rows:
        out.write(separator)
        out.write(encode(agency_record(data, row)))
        separator = ",\n"
    out.write("\n]}\n")


def agencies_json(data: ExportData) -> str:
    out = io.StringIO()
    write_agencies_json(out, data)
    return out.getvalue()
