"""Build small, real content trees in temporary folders for tests.

Records are written as literal YAML text so that a test knows exactly on
which line each value sits; PDFs are real files from tests.pdfs.
"""
from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from tests.pdfs import simple_pdf

PARENT = "0100000000000"
CHILD = "0111013900000"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Tree:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content" / "agencies").mkdir(parents=True, exist_ok=True)
        (root / "content" / "documents").mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
        else:
            path.write_bytes(text)
        return path

    def agency(self, code: str, text: str) -> Path:
        return self.write(f"content/agencies/{code}/agency.yaml", text)

    def report(self, code: str, text: str) -> Path:
        return self.write(f"content/agencies/{code}/report.yaml", text)

    def pdf(self, code: str, name: str, data: bytes | None = None) -> str:
        data = simple_pdf(f"{code} {name}") if data is None else data
        self.write(f"content/documents/{code}/{name}", data)
        return sha(data)


def agency_yaml(code: str, parent: str | None = None, name: str = "สำนักงานทดสอบ", extra: str = "") -> str:
    lines = [f'code: "{code}"']
    if parent:
        lines.append(f'parent: "{parent}"')
    lines += ["type: government_agency", "name:", f"  th: {name}", "  en: Test Office", 'province: "10"',
              "website: https://www.example.go.th", "emails:", "  public: contact@example.go.th"]
    return "\n".join(lines) + "\n" + extra


def valid_tree(root: Path) -> Tree:
    """A parent with a scope-subordinates announcement and a child with its own report."""
    tree = Tree(root)
    tree.agency(PARENT, agency_yaml(PARENT, name="สำนักนายกรัฐมนตรี"))
    digest = tree.pdf(PARENT, "s10-parent.pdf")
    tree.report(PARENT, f"""
        section10:
          versions:
            - file: s10-parent.pdf
              sha256: {digest}
              announced: 2023-11-01
              status: published
              scope: subordinates
        """)
    tree.agency(CHILD, agency_yaml(CHILD, PARENT, name="สำนักงานพัฒนารัฐบาลดิจิทัล"))
    digest = tree.pdf(CHILD, "s10-2566.pdf")
    tree.report(CHILD, f"""
        section10:
          versions:
            - file: s10-2566.pdf
              sha256: {digest}
              announced: 2023-11-01
              status: published
        """)
    return tree
