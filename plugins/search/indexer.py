"""Writing the Pagefind bundle from search records.

Pagefind's Python package (``pagefind.index.PagefindIndex``) starts the
bundled binary as ``pagefind --service`` and exchanges messages with it over
its standard input and output: base64-encoded JSON, each followed by a comma.
Its client waits a tenth of a second before reading each reply, so twenty
thousand records take over half an hour.  This module speaks the same
messages (``NewIndex``, ``AddRecord``, ``GetFiles``) to the same binary,
sending every record at once from one thread while reading the replies in
another: the whole national index takes seconds.

Failures come back as :class:`PagefindError` with Pagefind's own message,
never as a traceback from a pipe; the previous bundle stays in place until
the new one is complete.  The bundle is then made byte-identical for the
same records (bundle.py).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Sequence

from plugins.prakat.searchrecords import LANGUAGE, SearchRecord

from .bundle import BundleFormatError, normalize

TIMEOUT = 600  # seconds for the whole exchange; the national index needs a fraction of it


class PagefindError(Exception):
    "The Pagefind indexer could not be started, or it refused a record or the output folder"


@dataclass(frozen=True)
class IndexResult:
    records: int
    files: int
    bytes: int
    seconds: float


def pagefind_binary() -> Path:
    """The binary that the pinned ``pagefind[bin]`` package installs (or PAGEFIND_BINARY_PATH)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError as err:
        raise PagefindError("the pagefind_bin package is not installed (pip install 'pagefind[bin]')") from err
    try:
        return Path(get_executable())
    except FileNotFoundError as err:
        raise PagefindError(f"the Pagefind binary is missing: {err}") from err


def _encode(message_id: int, payload: dict[str, object]) -> bytes:
    body = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(body.encode("utf-8")) + b","


def _replies(stream: IO[bytes]) -> Iterator[dict[str, object]]:
    pending = bytearray()
    while True:
        chunk = stream.read1(1 << 20) if hasattr(stream, "read1") else stream.read(1 << 20)
        if not chunk:
            return
        start = len(pending)
        pending += chunk
        end = pending.find(b",", start)
        while end >= 0:
            item = bytes(pending[:end])
            del pending[:end + 1]
            if item.strip():
                yield json.loads(base64.b64decode(item))
            end = pending.find(b",")


def record_payload(index_id: int, record: SearchRecord) -> dict[str, object]:
    return {
        "type": "AddRecord",
        "index_id": index_id,
        "url": record.url,
        "content": record.content,
        "language": LANGUAGE,
        "meta": dict(record.meta),
        "filters": {name: list(values) for name, values in record.filters.items()},
        "sort": None,
    }


class _Service:
    """One ``pagefind --service`` process and its replies, in order."""

    def __init__(self, binary: Path, timeout: float) -> None:
        self.log = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=self.log, cwd=tempfile.gettempdir())
        except OSError as err:
            self.log.close()
            raise PagefindError(f"cannot start {binary}: {err.strerror or err}") from err
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin = self.process.stdin
        self.replies = _replies(self.process.stdout)
        self.next_id = 0
        self.timed_out = False
        self.watchdog = threading.Timer(timeout, self._expire)
        self.watchdog.daemon = True
        self.watchdog.start()

    def _expire(self) -> None:
        self.timed_out = True
        self.process.kill()

    def send(self, payload: dict[str, object]) -> None:
        self.next_id += 1
        self.stdin.write(_encode(self.next_id, payload))

    def receive(self) -> dict[str, object]:
        try:
            reply = next(self.replies)
        except StopIteration:
            raise PagefindError(self._ended()) from None
        except ValueError as err:
            raise PagefindError(f"unreadable reply from Pagefind: {err}") from None
        payload = reply.get("payload")
        if not isinstance(payload, dict):
            raise PagefindError(f"unexpected reply from Pagefind: {str(reply)[:200]}")
        if payload.get("type") == "Error":
            raise PagefindError(f"Pagefind: {payload.get('message')}")
        return payload

    def call(self, payload: dict[str, object]) -> dict[str, object]:
        try:
            self.send(payload)
            self.stdin.flush()
        except OSError:
            raise PagefindError(self._ended()) from None
        return self.receive()

    def _ended(self) -> str:
        if self.timed_out:
            return "Pagefind did not finish in time and was stopped"
        self.process.wait()
        self.log.seek(0)
        detail = self.log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        return f"Pagefind stopped (exit status {self.process.returncode})" + (
            f": {' / '.join(detail)}" if detail else "")

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.kill()

    def close(self) -> None:
        self.watchdog.cancel()
        try:
            self.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _write_files(files: object, folder: Path) -> None:
    if not isinstance(files, list) or not files:
        raise PagefindError("Pagefind returned no index files")
    folder.mkdir(parents=True)
    for item in files:
        rel = item.get("path") if isinstance(item, dict) else None
        if not isinstance(rel, str) or not rel or rel.startswith("/") or ".." in rel.split("/"):
            raise PagefindError(f"Pagefind returned a file outside its folder: {str(rel)[:100]}")
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(item.get("content", "")))


def write_index(records: Sequence[SearchRecord], bundle: Path, *, timeout: float = TIMEOUT) -> IndexResult:
    """Index ``records`` (in the order given) and write Pagefind's bundle to the folder ``bundle``."""
    started = time.perf_counter()
    bundle = Path(bundle).resolve()
    staging = bundle.with_name(bundle.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    service = _Service(pagefind_binary(), timeout)
    try:
        created = service.call({"type": "NewIndex", "config": {"keep_index_url": False}})
        index_id = created.get("index_id")
        if not isinstance(index_id, int):
            raise PagefindError(f"unexpected reply from Pagefind: {created}")

        failure: list[BaseException] = []

        def send_all() -> None:
            try:
                for record in records:
                    service.send(record_payload(index_id, record))
                service.stdin.flush()
            except OSError as err:  # the process ended: the reading side reports why
                failure.append(err)

        writer = threading.Thread(target=send_all, name="pagefind-records", daemon=True)
        writer.start()
        try:
            for record in records:
                reply = service.receive()
                if reply.get("type") != "IndexedFile":
                    raise PagefindError(f"Pagefind did not index {record.url}: {reply}")
        finally:
            writer.join(timeout=5)
        # The files come back in the reply and are written here: Pagefind's own WriteFiles can answer
        # before its last file is on disk, and a service stopped then leaves pagefind-entry.json empty.
        reply = service.call({"type": "GetFiles", "index_id": index_id})
        _write_files(reply.get("files"), staging)
    except PagefindError:
        service.abort()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        service.close()
    if not (staging / "pagefind-entry.json").is_file():
        raise PagefindError(f"Pagefind reported success but wrote no index into {staging}")
    try:
        normalize(staging)
    except (BundleFormatError, OSError, ValueError, KeyError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise PagefindError(f"cannot put Pagefind's filter files in a stable order: {err}") from err
    shutil.rmtree(bundle, ignore_errors=True)
    os.replace(staging, bundle)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexResult(records=len(records), files=len(files), bytes=sum(p.stat().st_size for p in files),
                       seconds=time.perf_counter() - started)
