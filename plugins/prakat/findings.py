"""Findings: what a check says about one place in one file.

Checks never raise and never print; they yield findings.  A finding carries a
stable code and the values its message needs, so the same finding can be told
in Thai or English, as text, JSON or GitHub annotations (see ``reporters``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal, Mapping

from .messages import CATALOGUE, render

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    path: str  # repository-relative, forward slashes
    line: int
    column: int
    code: str
    params: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "th") -> str:
        return render(self.code, self.params, lang)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, repr(sorted(self.params.items())))


def finding(path: str, mark: object, code: str, /, **params: object) -> Finding:
    """Build a finding at a yamlpos.Mark (or anything with line and column)."""
    line = getattr(mark, "line", 1)
    column = getattr(mark, "column", 1)
    if code not in CATALOGUE:  # a programming error, caught by the tests
        raise KeyError(f"unknown finding code {code!r}")
    return Finding(path, line, column, code, {k: str(v) for k, v in params.items()})


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = {f.sort_key(): f for f in findings}
    return [unique[k] for k in sorted(unique)]
