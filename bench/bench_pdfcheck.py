"""How fast the PDF safety check runs here: alone, and two processes at a time.

    python -m bench.bench_pdfcheck [--data /tmp/prakat-bench] [--files 3000] [--repeat 3]

A clean clone's validation examines every PDF with pypdf (plugins/prakat/pdfcheck.py) in one
worker process per core.  This reads ``--files`` PDFs of the generated data set into memory and
times ``check_pdf`` over all of them, as the median of ``--repeat`` rounds:

- in one process, alone on the machine;
- in two processes started together, each over the same files.

It reports the CPU time per PDF in each case and the speed-up that the second core gives this
work: two processes' files per second against one's.  2.00 would be two independent cores; the
figure says how far a run that keeps both cores busy can get below one core's time.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_validate import ensure_data
from bench.measure import PROJECT, PYTHON


def pdf_paths(data: Path, count: int) -> list[Path]:
    return sorted((data / "content" / "documents").rglob("*.pdf"))[:count]


def check_all(listing: Path) -> tuple[float, float]:
    """In a child: (CPU seconds, wall seconds) to check every PDF the file ``listing`` names."""
    from plugins.prakat.pdfcheck import check_pdf

    blobs = [Path(line).read_bytes() for line in listing.read_text("utf-8").splitlines() if line]
    check_pdf(blobs[0])  # pypdf's imports and first-call costs are not the files' own
    cpu, wall = time.process_time(), time.perf_counter()
    for blob in blobs:
        check_pdf(blob)
    return time.process_time() - cpu, time.perf_counter() - wall


def _children(listing: Path, count: int) -> list[tuple[float, float]]:
    """Start ``count`` children together on the same files; each one's (CPU, wall) seconds."""
    command = [PYTHON, "-m", "bench.bench_pdfcheck", "--child", str(listing)]
    running = [subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True) for _ in range(count)]
    results = []
    for process in running:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"a checking process failed (exit {process.returncode})")
        cpu, wall = out.split()
        results.append((float(cpu), float(wall)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/tmp/prakat-bench"))
    parser.add_argument("--agencies", type=int, default=20000)
    parser.add_argument("--versions", type=int, default=60000)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        cpu, wall = check_all(args.child)
        print(f"{cpu:.6f} {wall:.6f}")
        return
    ensure_data(args.data, args.agencies, args.versions)
    paths = pdf_paths(args.data, args.files)
    if not paths:
        raise SystemExit(f"no PDFs under {args.data}/content/documents")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as listing:
        listing.write("".join(f"{p}\n" for p in paths))
        listing.flush()
        alone = [_children(Path(listing.name), 1)[0] for _ in range(args.repeat)]
        pairs = [_children(Path(listing.name), 2) for _ in range(args.repeat)]
    n = len(paths)
    alone_cpu = statistics.median(cpu for cpu, _ in alone) / n * 1e6
    pair_cpu = statistics.median(cpu for pair in pairs for cpu, _ in pair) / n * 1e6
    alone_rate = n / statistics.median(wall for _, wall in alone)
    pair_rate = 2 * n / statistics.median(max(wall for _, wall in pair) for pair in pairs)
    print(f"data: {args.data}, {n} PDFs, median of {args.repeat}")
    print(f"one process alone          {alone_cpu:8.0f} µs of CPU per PDF   {alone_rate:7.0f} PDFs/s")
    print(f"two processes side by side {pair_cpu:8.0f} µs of CPU per PDF   {pair_rate:7.0f} PDFs/s")
    print(f"speed-up from the second core: {pair_rate / alone_rate:.2f}× (2.00: two independent cores)")


if __name__ == "__main__":
    sys.exit(main())
