"""Timing a command the way the benchmarks report it: medians, peak memory, a peer beside it.

Each run is a fresh process (so caches in memory do not flatter a second
run); its peak resident memory comes from the kernel's own accounting for
that child (``os.wait4``), not from sampling.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    exit_code: int


@dataclass(frozen=True)
class Measure:
    name: str
    runs: tuple[Run, ...]

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)

    def row(self, peer: "Measure | None" = None) -> str:
        ratio = f"{self.median / peer.median:6.2f}×" if peer and peer.median else "      "
        codes = ",".join(str(r.exit_code) for r in self.runs)
        return (f"{self.name:<44} median {self.median:8.2f} s   peak {self.peak_mib:7.0f} MiB   "
                f"{ratio}  (n={len(self.runs)}, exit {codes})")


def run_once(argv: Sequence[str], cwd: Path = PROJECT, env: dict[str, str] | None = None) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if process.stderr:
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    return Run(elapsed, usage.ru_maxrss / 1024, code)


def measure(name: str, argv: Sequence[str], repeat: int = 3, before: Callable[[], None] | None = None,
            cwd: Path = PROJECT) -> Measure:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run_once(argv, cwd=cwd))
    return Measure(name, tuple(runs))


def build_py(*args: str) -> list[str]:
    return [PYTHON, str(PROJECT / "build.py"), *args]
