"""What compliance, the dashboard's counts and the open-data exports add to a build.

    python -m bench.generate /tmp/prakat-bench --agencies 20000 --versions 60000 --seed 1 --git
    python -m bench.bench_exports /tmp/prakat-bench [--runs 5]

The model is loaded once (that cost belongs to every page of the build, not to
this work).  Then, ``--runs`` times: compute() (SPEC §2), the rows and counts of
stats.py, and every file of /data/ plus the Atom feed, written to a temporary
folder by the build's own functions.  It prints each step's median, wall clock and CPU time (CPU time is
what other work on a shared machine inflates least), the peak memory of one run
(tracemalloc, on a separate run so it does not slow the timed ones) and the
ratio to two floors: a bare csv.writer dump of the same compliance rows, and a
bare csv.writer + orjson.dumps of all the same values prepared in advance, the
least any export of this content could cost.  Target: under 3 s for the whole.
"""
from __future__ import annotations

import argparse
import csv
import gc
import io
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

import orjson

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.dashboard.layout import status_layout  # noqa: E402
from plugins.exports.records import ExportData, agency_record, agency_row, compliance_row  # noqa: E402
from plugins.exports.write import write_data_files, write_feed  # noqa: E402
from plugins.prakat.compliance import compute  # noqa: E402
from plugins.prakat.sitedata import SiteData, load_site_data  # noqa: E402
from plugins.prakat.stats import agency_rows, summarize  # noqa: E402

TARGET_SECONDS = 3.0


def cpu_seconds() -> float:
    """This process's CPU time and its finished children's."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def one_run(site: SiteData, folder: Path) -> dict[str, tuple[float, float]]:
    """compute + stats + every export, timed step by step."""
    steps: dict[str, float] = {}
    cpu_steps: dict[str, float] = {}

    def step(name: str, work: Callable[[], object]) -> object:
        start, cpu_start = time.perf_counter(), cpu_seconds()
        result = work()
        steps[name] = time.perf_counter() - start
        cpu_steps[name] = cpu_seconds() - cpu_start
        return result

    cpu = cpu_seconds()
    results = step("compute", lambda: compute(site.model))
    rows = step("rows", lambda: agency_rows(site.model, results, site.history))  # type: ignore[arg-type]
    summary = step("summarize", lambda: summarize(site.model, rows))  # type: ignore[arg-type]
    tops = [g.key for g in summary.by_ministry]  # type: ignore[attr-defined]
    step("status layout", lambda: status_layout(site.model, rows, tops))  # type: ignore[arg-type]
    data = ExportData(site.model, results, rows, site.site_url, site.as_of)  # type: ignore[arg-type]
    step("/data/ files", lambda: write_data_files(data, folder / "data"))
    step("feed", lambda: write_feed(data, folder))
    steps["total"] = sum(steps.values())
    cpu_steps["total"] = cpu_seconds() - cpu  # what the machine's other work cannot inflate as much
    return {name: (steps[name], cpu_steps[name]) for name in steps}


def _serialise(values: list[list[object]], folder: Path, name: str) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(["" if v is None else v for v in row] for row in values)
    (folder / name).write_text(out.getvalue(), "utf-8")


def floor_run(site: SiteData, folder: Path) -> dict[str, tuple[float, float]]:
    """Floors: the same content already built as plain values, only serialised and written.

    "compliance.csv": csv.writer over the compliance rows (the brief's floor);
    "all files": csv.writer over both tables and orjson.dumps over the agency records.
    What the real run adds on top is building those values and the compliance, counts and feed.
    """
    rows = agency_rows(site.model, site.compliance, site.history)
    data = ExportData(site.model, site.compliance, rows, site.site_url, site.as_of)
    compliance_values = [compliance_row(r) for r in rows]
    agency_values = [agency_row(data, r) for r in rows]
    records = [agency_record(data, r) for r in rows]
    out: dict[str, tuple[float, float]] = {}
    start, cpu = time.perf_counter(), cpu_seconds()
    _serialise(compliance_values, folder, "floor-compliance.csv")
    out["compliance.csv"] = (time.perf_counter() - start, cpu_seconds() - cpu)
    _serialise(agency_values, folder, "floor-agencies.csv")
    (folder / "floor.json").write_bytes(orjson.dumps(records))
    out["all files"] = (time.perf_counter() - start, cpu_seconds() - cpu)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path, nargs="?", default=Path("/tmp/prakat-bench"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.root / "content" / "agencies").is_dir():
        parser.error(f"{args.root} has no content/agencies: generate it with python -m bench.generate")

    start = time.perf_counter()
    site = load_site_data(args.root, "https://prakat.go.th")
    load_seconds = time.perf_counter() - start
    gc.collect()  # the garbage of loading belongs to loading, not to the first timed run
    print(f"data set: {len(site.model.agencies):,} agencies, {len(site.compliance):,} visible "
          f"(model loaded once in {load_seconds:.1f} s, not counted)")

    with tempfile.TemporaryDirectory(prefix="prakat-bench-exports-") as tmp:
        folder = Path(tmp)
        runs = [one_run(site, folder) for _ in range(args.runs)]
        floors = [floor_run(site, folder) for _ in range(args.runs)]
        sizes = {p.name: p.stat().st_size for p in sorted((folder / "data").iterdir())}
        tracemalloc.start()
        one_run(site, folder)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    print(f"\nmedian of {args.runs} runs:       wall        CPU")
    for name in runs[0]:
        print(f"  {name:<14} {statistics.median(r[name][0] for r in runs):8.3f} s {statistics.median(r[name][1] for r in runs):8.3f} s")
    total = statistics.median(r["total"][0] for r in runs)
    total_cpu = statistics.median(r["total"][1] for r in runs)
    print("floors (the same content prepared in advance, only serialised and written):")
    for name in floors[0]:
        wall = statistics.median(f[name][0] for f in floors)
        cpu = statistics.median(f[name][1] for f in floors)
        print(f"  {name:<14} {wall:8.3f} s {cpu:8.3f} s   -> total is {total / wall:.1f}x wall, "
              f"{total_cpu / cpu:.1f}x CPU")
    print(f"peak memory of one run (tracemalloc): {peak / 2**20:.0f} MiB; "
          f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB (model included)")
    print("files: " + ", ".join(f"{name} {size / 2**20:.1f} MiB" for name, size in sizes.items()))
    verdict = "OK" if total < TARGET_SECONDS else "OVER"
    print(f"\n{verdict}: {total:.2f} s wall ({total_cpu:.2f} s CPU) against a target of {TARGET_SECONDS:.0f} s")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
