"""Where a one-agency rebuild spends its time: when each phase of the build starts and ends.

    python -m bench.rebuild_timeline [--data /tmp/prakat-bench]

bench_build gives the rebuild's total; this says what it is made of.  It brings the output
in step with the committed content (an untimed build), changes one agency
(bench.generate.mutate), and rebuilds in this process with the build's phases wrapped so that
each notes when it starts and ends: scanning the content, validation, reading the records,
compliance, each generator's context and output, Pagefind from its start to its end, putting
its bundle in order, and the swap.  The search index is built by Pagefind in a process of its
own while the pages are written, so the lines overlap; the phase that ends last is the one
to shorten.  The content is reset afterwards.
"""
from __future__ import annotations

import argparse
import functools
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

from bench.bench_validate import ensure_data, reset_content
from bench.generate import mutate
from bench.measure import build_py


class Timeline:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.lines: list[tuple[float, str]] = []

    def note(self, what: str) -> None:
        self.lines.append((time.perf_counter() - self.start, what))

    def wrap(self, owner: Any, name: str, label: str) -> None:
        """Note when ``owner.name`` is entered and left (``owner`` a module or a class)."""
        original: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(original)
        def noted(*args: Any, **kwargs: Any) -> Any:
            self.note(f"{label}: start")
            try:
                return original(*args, **kwargs)
            finally:
                self.note(f"{label}: end")

        setattr(owner, name, noted)


def instrumented_build(data: Path) -> tuple[Timeline, int]:
    """Run the default build of ``data`` in this process with its phases noted."""
    from plugins import sitebuild
    from plugins.agencies.generator import AgencyPagesGenerator
    from plugins.dashboard.generator import DashboardGenerator
    from plugins.exports.generator import ExportsGenerator
    from plugins.search import indexer
    from plugins.search.generator import SearchGenerator

    timeline = Timeline()
    for name, label in (("scan_stamps", "scan the content"), ("validate", "validate"),
                        ("load_inputs", "read the records"), ("compute", "compliance"),
                        ("_run_pelican", "Pelican"), ("_swap", "swap")):
        timeline.wrap(sitebuild, name, label)
    timeline.wrap(indexer, "normalize", "order the search bundle")
    for generator in (AgencyPagesGenerator, DashboardGenerator, ExportsGenerator, SearchGenerator):
        timeline.wrap(generator, "generate_context", f"{generator.__name__} context")
        timeline.wrap(generator, "generate_output", f"{generator.__name__} output")
    run_start = indexer.IndexRun.__init__

    def started(run: indexer.IndexRun, *args: Any, **kwargs: Any) -> None:
        run_start(run, *args, **kwargs)
        timeline.note("Pagefind: start")
        process_wait = run.process.wait

        def waited(*wait_args: Any, **wait_kwargs: Any) -> int:
            status = process_wait(*wait_args, **wait_kwargs)
            timeline.note("Pagefind: end")
            return status

        run.process.wait = waited  # type: ignore[method-assign]

    indexer.IndexRun.__init__ = started  # type: ignore[method-assign]
    outcome = sitebuild.run_build(data, data / "output")
    timeline.note("done")
    return timeline, outcome.code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/tmp/prakat-bench"))
    parser.add_argument("--agencies", type=int, default=20000)
    parser.add_argument("--versions", type=int, default=60000)
    args = parser.parse_args()
    data: Path = args.data.resolve()
    ensure_data(data, args.agencies, args.versions)
    reset_content(data)
    subprocess.run(build_py("build", "--root", str(data)), check=True, stdout=subprocess.DEVNULL)
    code = mutate(data, seed=2)
    try:
        timeline, status = instrumented_build(data)
    finally:
        reset_content(data)
    print(f"data: {data}; one agency changed: {code}; build exit {status}")
    for seconds, what in timeline.lines:
        print(f"{seconds:8.2f} s  {what}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
