"""What every command shares: finding the project, saying things in two languages, refusing."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Say:
    """Pick the Thai or the English of a message."""

    lang: str = "th"

    def __call__(self, th: str, en: str) -> str:
        return en if self.lang == "en" else th


class CommandFailed(Exception):
    """A command refused to act; the message says why in both languages."""

    def __init__(self, th: str, en: str, exit_code: int = 1) -> None:
        super().__init__(en)
        self.th = th
        self.en = en
        self.exit_code = exit_code

    def render(self, lang: str) -> str:
        prefix = "error: " if lang == "en" else "ข้อผิดพลาด: "
        return prefix + (self.en if lang == "en" else self.th)


def default_root(root: Path | None) -> Path:
    """The explicit --root, else PRAKAT_ROOT, else the current folder when it holds content/."""
    if root is not None:
        return root.resolve()
    env = os.environ.get("PRAKAT_ROOT")
    if env:
        return Path(env).resolve()
    cwd = Path.cwd()
    if (cwd / "content").is_dir():
        return cwd
    return PROJECT
