"""How long ``review`` takes over a change to one agency in the national data set.

    python -m bench.bench_review [--data /tmp/prakat-bench] [--repeat 5]

On the generated 20,000-agency repository (made by bench_validate's ensure_data
when missing), one agency is changed the way a clerk would (bench.generate.mutate:
a new telephone number and a new Section 10 version with its PDF, not committed),
then ``build.py review --base HEAD --author @bench`` runs ``--repeat`` times as a
fresh process: the median, its peak memory, and its exit code (1 is expected: the
author maintains nothing, so the permission check refuses).  Markdown and JSON are
both measured, since CI posts the one and tools read the other.

The peer, in the same script: ``git status --porcelain`` on the same checkout, the
least any tool that reports what changed in this working tree could cost.

Target: within 3 s.
"""
from __future__ import annotations

import subprocess

from bench.bench_validate import data_arguments, ensure_data, reset_content
from bench.generate import mutate
from bench.measure import build_py, measure

TARGET_SECONDS = 3.0


def main() -> None:
    args = data_arguments(__doc__)
    data = args.data
    ensure_data(data, args.agencies, args.versions)
    reset_content(data)
    try:
        code = mutate(data, seed=2)
        # Fresh stat information in Git's index, as on a clerk's machine after any git command.
        subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=data, check=False)
        peer = measure("peer: git status --porcelain", ["git", "-C", str(data), "status", "--porcelain"],
                       args.repeat)
        review = build_py("review", "--root", str(data), "--base", "HEAD", "--author", "@bench")
        markdown = measure(f"review (markdown), 1 agency changed: {code}", review, args.repeat)
        as_json = measure("review --format json", review + ["--format", "json"], args.repeat)
    finally:
        reset_content(data)
    print(f"data: {data}")
    for row in (peer, markdown, as_json):
        print(row.row(peer if row is not peer else None))
    print(f"target: review within {TARGET_SECONDS:.0f} s; ratio = review / git status")


if __name__ == "__main__":
    main()
