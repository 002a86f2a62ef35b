"""The bundled sample content is valid, and shows every case SPEC §2 describes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from plugins.prakat.compliance import INHERITED, ONLY_SUSPENDED, UNIT_PARENT, compute
from plugins.prakat.model import build_model
from plugins.prakat.store import ContentStore
from plugins.prakat.validate import validate

ROOT = Path(__file__).resolve().parents[1]


def test_sample_content_has_no_errors() -> None:
    result = validate(ROOT, use_cache=False)
    assert result.errors == [], "\n".join(f"{f.path}:{f.line} {f.code}" for f in result.errors)
    assert len(result.checked_codes) >= 30


def test_validate_command_exits_zero_on_the_sample() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "validate", "--root", str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ข้อผิดพลาด 0 รายการ" in done.stdout


def test_sample_illustrates_every_compliance_case() -> None:
    model = build_model(ContentStore(ROOT))
    results = compute(model)
    reasons10 = {r.section10.reason for r in results.values()}
    reasons16 = {r.section16.reason for r in results.values()}
    section13 = {r.section13 for r in results.values()}
    assert INHERITED in reasons10 and UNIT_PARENT in reasons16
    assert ONLY_SUSPENDED in reasons10 | reasons16
    assert section13 == {"not_applicable", "missing", "complete", "partial", "not_published"}
    assert any(not a.visible for a in model.agencies.values())
    assert any(r.section10.met and r.inherited10 and r.section10.reason == "own" for r in results.values())
