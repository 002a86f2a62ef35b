"""Publishing PDFs: exactly the published versions, and only bytes that match their record.

Validation has checked every PDF already, but a build must not trust a
file that changed since, nor ever publish a Git LFS pointer in place of the
document (a checkout without ``git lfs pull`` has pointers where the PDFs
should be).  So each file's bytes are read, compared with the sha256 the
record states, and refused, naming the file, before anything is written.
An unchanged PDF of an incremental build is hard-linked from the previous
output, whose copy was checked when it was first published.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from plugins.prakat.model import Version
from plugins.prakat.pdffacts import parse_lfs_pointer
from plugins.prakat.store import DOCUMENTS


class DocumentRefused(Exception):
    "A PDF cannot be published: missing, a Git LFS pointer, or not the bytes its record names"

    def __init__(self, path: str, th: str, en: str) -> None:
        super().__init__(f"{path}: {en}")
        self.path = path
        self.th = th
        self.en = en

    def message(self, lang: str) -> str:
        return f"{self.path}: {self.th if lang == 'th' else self.en}"


def output_rel(version: Version) -> str:
    """Where a version's PDF lives in the site, relative to the output folder."""
    return f"documents/{version.owner}/{version.file}"


def verified_bytes(root: Path, version: Version) -> bytes:
    """The PDF's bytes, after checking they are what the record says they are."""
    rel = f"{DOCUMENTS}/{version.owner}/{version.file}"
    if not version.file or "/" in version.file or "\\" in version.file or version.file in (".", ".."):
        raise DocumentRefused(rel, "ชื่อไฟล์ไม่ถูกต้อง ไม่เผยแพร่", "not a plain file name; not published")
    try:
        data = (Path(root) / rel).read_bytes()
    except OSError as err:
        raise DocumentRefused(rel, f"อ่านไฟล์ไม่ได้ ({err.strerror}) ไม่เผยแพร่",
                              f"cannot be read ({err.strerror}); not published") from None
    if parse_lfs_pointer(data) is not None:
        raise DocumentRefused(
            rel,
            "เป็นไฟล์ตัวชี้ของ Git LFS ไม่ใช่ไฟล์ PDF จริง ไม่เผยแพร่ — ให้รัน git lfs pull แล้วสร้างเว็บไซต์ใหม่",
            "is a Git LFS pointer, not the PDF itself; not published. Run `git lfs pull` and build again")
    digest = hashlib.sha256(data).hexdigest()
    if digest != version.sha256:
        raise DocumentRefused(
            rel,
            f"sha256 ของไฟล์ ({digest}) ไม่ตรงกับที่บันทึกไว้ ({version.sha256}) ไม่เผยแพร่ — ตรวจสอบไฟล์แล้วรัน validate",
            f"its sha256 ({digest}) is not the recorded one ({version.sha256}); not published. "
            "Check the file and run validate")
    return data


def write_verified(root: Path, version: Version, target: str) -> None:
    """Write a version's PDF to ``target`` after checking its bytes (see ``verified_bytes``)."""
    data = verified_bytes(root, version)
    with open(target, "wb") as out:
        out.write(data)
