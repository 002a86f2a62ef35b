"""Every benchmark of bench/, one after the other, on one data set.

    python -m bench.run [--data /tmp/prakat-bench] [--quick]

Runs bench_validate, bench_pdfcheck, bench_build, rebuild_timeline, bench_review, bench_exports and
bench_search in that order, each in a
process of its own (so one's memory and caches do not colour the next), under a heading
that gives its command line, and prints what each prints.  bench_validate comes first:
it generates the national data set when ``--data`` holds none, and the others use it.
``--quick`` passes one repeat (or run) to each, for a look at the figures rather than
medians to quote.

Exit code: 0 when every benchmark exited 0, else 1, after all have run (bench_exports,
for one, exits 1 when it misses its target).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bench.measure import PROJECT, PYTHON


def commands(data: Path, quick: bool) -> list[tuple[str, list[str]]]:
    """Each benchmark's module and arguments: the first five take ``--data``, the others the folder itself."""
    repeat = ["--repeat", "1"] if quick else []
    runs = ["--runs", "1"] if quick else []
    return [
        ("bench.bench_validate", ["--data", str(data), *repeat]),
        ("bench.bench_pdfcheck", ["--data", str(data), *repeat]),
        ("bench.bench_build", ["--data", str(data), *repeat]),
        ("bench.rebuild_timeline", ["--data", str(data)]),
        ("bench.bench_review", ["--data", str(data), *repeat]),
        ("bench.bench_exports", [str(data), *runs]),
        ("bench.bench_search", [str(data), *runs]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/tmp/prakat-bench"))
    parser.add_argument("--quick", action="store_true", help="one repeat of each measurement")
    args = parser.parse_args(argv)
    failed = []
    for module, arguments in commands(args.data, args.quick):
        print(f"\n=== python -m {module} {' '.join(arguments)}", flush=True)
        code = subprocess.run([PYTHON, "-m", module, *arguments], cwd=PROJECT, check=False).returncode
        if code != 0:
            failed.append(f"{module} (exit {code})")
    if failed:
        print(f"\nexited with an error: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
