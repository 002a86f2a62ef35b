"""agencies.json: every visible agency with its published documents and compliance.

The document is one JSON object, ``{"metadata": {...}, "agencies": [...]}``,
written with one agency per line so that a change to one agency is a one-line
difference and the file can be read a line at a time.
"""
from __future__ import annotations

import io
from typing import Any, TextIO

import orjson

from .records import ExportData, agency_record, metadata


def encode(value: Any) -> str:
    """Compact JSON, Thai kept as UTF-8, keys in the order the records give them.

    orjson, not the json module: at 20,000 agencies this file is 50 MB, and
    the standard encoder took a second of the exports' three-second budget.
    """
    return orjson.dumps(value).decode("utf-8")


def write_agencies_json(out: TextIO, data: ExportData) -> None:
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
