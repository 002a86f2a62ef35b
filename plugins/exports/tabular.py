"""CSV the way spreadsheets read it: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting.

Excel needs the byte-order mark to show Thai.  A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so that
no spreadsheet runs an agency's name as a formula (SPEC §5).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Iterable, Sequence

from .fields import Column

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """The text of one cell: empty for None, true/false, ISO dates, formula starts defused."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> str:
    """The whole file: the header row, then one line per row, CRLF line ends."""
    out = io.StringIO(newline="")
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in columns])
    width = len(columns)
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a row has {len(row)} values for {width} columns")
        writer.writerow([cell(v) for v in row])
    return out.getvalue()
