"""Write the open-data files and the feed: plain functions over one ExportData."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from .atom import FEED_PATH, atom_feed
from .datapackage import datapackage_json
from .fields import AGENCY_COLUMNS, COMPLIANCE_COLUMNS
from .jsondoc import agencies_json
from .records import ExportData, agency_row, compliance_row
from .tabular import csv_text

DATA_FOLDER = "data"


def compliance_csv(data: ExportData) -> str:
    return csv_text(COMPLIANCE_COLUMNS, (compliance_row(row) for row in data.rows))


def agencies_csv(data: ExportData) -> str:
    return csv_text(AGENCY_COLUMNS, (agency_row(data, row) for row in data.rows))


# file name -> (the --format that writes it, maker); None: only the full set (no --format), since the
# data dictionary describes all three files.
DATA_FILES: dict[str, tuple[str | None, Callable[[ExportData], str]]] = {
    "agencies.csv": ("csv", agencies_csv),
    "compliance.csv": ("csv", compliance_csv),
    "agencies.json": ("json", agencies_json),
    "datapackage.json": (None, datapackage_json),
}


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write next to ``path`` then rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_data_files(data: ExportData, folder: Path, fmt: str | None = None) -> list[Path]:
    """The files of /data/ for ``fmt`` ("csv", "json" or None for all) into ``folder``."""
    written = []
    for name, (only, make) in DATA_FILES.items():
        if fmt is None or fmt == only:
            path = folder / name
            write_atomically(path, make(data))
            written.append(path)
    return written


def write_feed(data: ExportData, output: Path) -> Path:
    path = output / FEED_PATH
    write_atomically(path, atom_feed(data))
    return path
