"""The benchmarks that explain the figures keep working: each runs here on a small generated set."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    folder = tmp_path_factory.mktemp("bench") / "data"
    generate(folder, agencies=40, versions=100, seed=1, git=True)
    return folder


def bench(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=PROJECT, capture_output=True, text=True,
                          check=False, timeout=600)


def test_the_rebuild_timeline_shows_each_phase_in_order_and_resets_the_content(data: Path) -> None:
    done = bench("bench.rebuild_timeline", "--data", str(data))
    assert done.returncode == 0, done.stderr
    lines = re.findall(r"^\s+([0-9.]+) s  (.+)$", done.stdout, re.M)
    seen = [what for _, what in lines]
    for phase in ("scan the content", "validate", "read the records", "Pelican", "Pagefind", "swap"):
        assert seen.index(f"{phase}: start") < seen.index(f"{phase}: end"), phase
    assert seen.index("validate: end") < seen.index("Pagefind: start") < seen.index("swap: start")
    times = [float(seconds) for seconds, _ in lines]
    assert times == sorted(times) and seen[-1] == "done"
    assert "build exit 0" in done.stdout
    status = subprocess.run(["git", "status", "--porcelain", "--", "content"], cwd=data, capture_output=True,
                            text=True, check=True)
    assert status.stdout == ""


def test_the_pdf_check_benchmark_reports_the_second_cores_speed_up(data: Path) -> None:
    done = bench("bench.bench_pdfcheck", "--data", str(data), "--files", "20", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    assert "20 PDFs" in done.stdout
    speed_up = float(re.search(r"speed-up from the second core: ([0-9.]+)×", done.stdout).group(1))
    assert 0.2 < speed_up < 2.5
