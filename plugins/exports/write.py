"""Write the open-data files and the feed: plain functions over one ExportData."""
from __future__ import annotations

import io
import os
import tempfile
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TextIO

from plugins.prakat.forking import fork_workers, forked_pool

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


# agencies.json takes as long as the other files together.  On a national data set it is written by
# a forked worker while this process writes the CSV files, so the two halves share the machine's cores.
WRITTEN_APART = ("agencies.json",)
PARALLEL_FROM = 2000  # agencies; below this, forking costs more than it saves
_APART_JOB: tuple[ExportData, Path] | None = None  # what the forked worker inherits


def write_data_file(data: ExportData, folder: Path, name: str) -> Path:
    path = folder / name
    with atomic_text(path) as out:
        DATA_FILES[name][1](out, data)
    return path


def _write_apart(name: str) -> Path:
    """In the forked worker: one file, from the data the parent had when it forked."""
    assert _APART_JOB is not None
    return write_data_file(*_APART_JOB, name)


def write_data_files(data: ExportData, folder: Path, fmt: str | None = None) -> list[Path]:
    """The files of /data/ for ``fmt`` ("csv", "json" or None for all) into ``folder``."""
    global _APART_JOB
    names = [name for name, (only, _) in DATA_FILES.items() if fmt is None or fmt == only]
    apart = [name for name in names if name in WRITTEN_APART]
    if len(apart) == len(names) or not fork_workers(len(data.rows), PARALLEL_FROM):  # nothing to do meanwhile
        return [write_data_file(data, folder, name) for name in names]
    _APART_JOB = (data, folder)
    try:
        with forked_pool(len(apart)) as pool:
            pending = {name: pool.submit(_write_apart, name) for name in apart}
            here = {name: write_data_file(data, folder, name) for name in names if name not in pending}
            try:
                done = {name: future.result() for name, future in pending.items()}
            except BrokenProcessPool:  # the worker was killed: write its files here
                done = {name: write_data_file(data, folder, name) for name in pending}
    finally:
        _APART_JOB = None
    return [here[name] if name in here else done[name] for name in names]


def write_feed(data: ExportData, output: Path) -> Path:
    path = output / FEED_PATH
    write_atomically(path, atom_feed(data))
    return path
