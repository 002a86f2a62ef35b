"""What the rest of Prakat needs to know about PDFs without loading a PDF parser.

Validation of one changed agency must start fast; pypdf (``pdfcheck``) is
imported only when a PDF is actually examined.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

MAX_PDF_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class PdfProblem:
    code: str
    detail: str = ""


@dataclass(frozen=True)
class LfsPointer:
    oid: str
    size: int


_LFS_POINTER = re.compile(
    rb"version https://git-lfs\.github\.com/spec/v1\n"
    rb"(?:[a-z0-9.-]+ [^\n]*\n)*?"
    rb"oid sha256:([0-9a-f]{64})\n"
    rb"size (0|[1-9][0-9]{0,17})\n"
    rb"(?:[a-z0-9.-]+ [^\n]*\n)*"
)


def parse_lfs_pointer(data: bytes) -> LfsPointer | None:
    """The Git LFS pointer these bytes are, or None.

    The format: ``version https://git-lfs.github.com/spec/v1``, ``oid
    sha256:<64 hex>``, ``size <n>``, one per line, each ending in ``\\n``; a
    small text file (under 1024 bytes), possibly with extension lines.
    """
    if len(data) >= 1024:
        return None
    match = _LFS_POINTER.fullmatch(bytes(data))
    if match is None:
        return None
    return LfsPointer(oid=match.group(1).decode("ascii"), size=int(match.group(2)))


def keep_pypdf_quiet() -> None:
    """Keep pypdf's own warnings about broken files (the ``pypdf`` loggers) off the terminal.

    Prakat reports what is wrong with a PDF itself, as a finding with a code;
    pypdf's English log lines would only confuse a clerk.  Records stop at the
    ``pypdf`` logger instead of reaching the root's handlers.  Done once per
    process: raising and restoring the level around every check cleared the
    logging caches twice per PDF, a measurable cost over sixty thousand files.
    """
    logger = logging.getLogger("pypdf")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())
    logger.propagate = False
