"""Print findings as text, JSON or GitHub workflow commands."""
from __future__ import annotations

import json
from typing import Callable, Sequence

from .findings import Finding

_SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "คำเตือน"}


def text(findings: Sequence[Finding], lang: str) -> str:
    """``PATH:LINE:COL: error CODE: message`` lines, then a one-line summary."""
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code}: {f.message(lang)}" for f in findings]
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    if lang == "en":
        lines.append(f"{errors} error(s), {warnings} warning(s)" if findings else "No problems found.")
    else:
        lines.append(f"ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ" if findings else "ไม่พบปัญหา")
    return "\n".join(lines)


def as_dict(f: Finding, lang: str) -> dict[str, object]:
    return {"path": f.path, "line": f.line, "column": f.column, "code": f.code, "severity": f.severity,
            "message": f.message(lang)}


def json_report(findings: Sequence[Finding], lang: str) -> str:
    return json.dumps({
        "errors": [as_dict(f, lang) for f in findings if f.is_error],
        "warnings": [as_dict(f, lang) for f in findings if not f.is_error],
    }, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], lang: str) -> str:
    """GitHub Actions workflow commands, so findings show on the pull request's lines."""
    lines = []
    for f in findings:
        props = f"file={_escape_property(f.path)},line={f.line},col={f.column},title={_escape_property(f.code)}"
        lines.append(f"::{f.severity} {props}::{_escape_data(f.message(lang))}")
    return "\n".join(lines)


REPORTERS: dict[str, Callable[[Sequence[Finding], str], str]] = {
    "text": text,
    "json": json_report,
    "github": github,
}
