"""Write the open-data files and the feed: plain functions over one ExportData."""
from __future__ import annotations

import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TextIO

from .atom import FEED_PATH, atom_feed
from .datapackage import datapackage_json
from .fields import AGENCY_COLUMNS, COMPLIANCE_COLUMNS
from .jsondoc import write_agencies_json
from .records import ExportData, agency_row, compliance_row
from .tabular import write_csv

DATA_FOLDER = "data"


def write_compliance_csv(out: TextIO, data: ExportData) -> None:
    write_csv(out, COMPLIANCE_COLUMNS, (compliance_row(row) for row in data.rows))


def write_agencies_csv(out: TextIO, data: ExportData) -> None:
    write_csv(out, AGENCY_COLUMNS, (agency_row(data, row) for row in data.rows))


def write_datapackage(out: TextIO, data: ExportData) -> None:
    out.write(datapackage_json(data))


def _text(maker: Callable[[TextIO, ExportData], None], data: ExportData) -> str:
    out = io.StringIO(newline="")
    maker(out, data)
    return out.getvalue()


def compliance_csv(data: ExportData) -> str:
    return _text(write_compliance_csv, data)


def agencies_csv(data: ExportData) -> str:
    return _text(write_agencies_csv, data)


# file name -> (the --format that writes it, writer); None: only the full set (no --format), since the
# data dictionary describes all three files.
DATA_FILES: dict[str, tuple[str | None, Callable[[TextIO, ExportData], None]]] = {
    "agencies.csv": ("csv", write_agencies_csv),
    "compliance.csv": ("csv", write_compliance_csv),
    "agencies.json": ("json", write_agencies_json),
    "datapackage.json": (None, write_datapackage),
}


@contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file written next to ``path`` and renamed over it when complete: no reader ever
    sees half a file, and a failure leaves the old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
            yield f
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def write_data_file(data: ExportData, folder: Path, name: str) -> Path:
    path = folder / name
    with atomic_text(path) as out:
        DATA_FILES[name][1](out, data)
    return path


def write_data_files(data: ExportData, folder: Path, fmt: str | None = None) -> list[Path]:
    """The files of /data/ for ``fmt`` ("csv", "json" or None for all) into ``folder``."""
    return [write_data_file(data, folder, name) for name, (only, _) in DATA_FILES.items()
            if fmt is None or fmt == only]


def write_feed(data: ExportData, output: Path) -> Path:
    path = output / FEED_PATH
    write_atomically(path, atom_feed(data))
    return path
