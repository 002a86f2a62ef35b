"""agencies.json: every visible agency with its published documents and compliance.

The document is one JSON object, ``{"metadata": {...}, "agencies": [...]}``,
written with one agency per line so that a change to one agency is a one-line
difference and the file can be read a line at a time.
"""
from __future__ import annotations

import json
from typing import Any

from .records import ExportData, agency_record, metadata


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def agencies_json(data: ExportData) -> str:
    lines = ["{", f'"metadata":{_dump(metadata(data))},', '"agencies":[']
    records = [_dump(agency_record(data, row)) for row in data.rows]
    lines.append(",\n".join(records))
    lines.append("]}")
    return "\n".join(lines) + "\n"
