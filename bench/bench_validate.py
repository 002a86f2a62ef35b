"""How long validation takes on a national data set, and against a floor.

    python -m bench.bench_validate [--data /tmp/prakat-bench] [--repeat 3]

Generates the 20,000-agency / 60,000-version tree when it is missing
(bench.generate, as a Git repository), then reports, each as the median of
fresh processes with their peak memory:

- full ``validate`` with an empty PDF verdict cache (what CI sees on a clean clone)
  and with a warm one (what an agency's laptop sees the second time);
- ``validate --changed-since HEAD`` after one agency changed (bench.generate.mutate);
- the peer: a bare script that only parses every YAML file with libyaml and hashes
  every PDF — the least any validator must do — so the ratio says what the checks cost.

Targets: full validation within 30 s, one changed agency within 2 s.
"""
from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from bench.generate import MARKER, generate, mutate
from bench.measure import PYTHON, Measure, build_py, measure

PEER = r"""
import hashlib, os, sys, yaml
root = sys.argv[1]
for dirpath, _, files in os.walk(os.path.join(root, "content")):
    for name in files:
        path = os.path.join(dirpath, name)
        data = open(path, "rb").read()
        if name.endswith(".yaml"):
            yaml.load(data, Loader=yaml.CSafeLoader)
        else:
            hashlib.sha256(data).hexdigest()
"""


def ensure_data(data: Path, agencies: int, versions: int) -> None:
    if not (data / "content" / "agencies").is_dir():
        print(f"generating {agencies} agencies / {versions} versions into {data} ...", flush=True)
        generate(data, agencies=agencies, versions=versions, seed=1, git=True)


def data_size(data: Path) -> str:
    """The set as it was generated (its marker file), whatever the arguments say."""
    made = json.loads((data / MARKER).read_text("utf-8"))
    return f"{made['agencies']} agencies, {made['versions']} versions"


def reset_content(data: Path) -> None:
    """The content as committed: no change of an earlier run may leak into the next measurement."""
    subprocess.run(["git", "checkout", "-q", "--", "content"], cwd=data, check=False)
    subprocess.run(["git", "clean", "-qfd", "--", "content"], cwd=data, check=False)


def data_arguments(description: str) -> argparse.Namespace:
    """The options of a benchmark on the generated tree: where it is, its size if it must be made, repeats."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/tmp/prakat-bench"))
    parser.add_argument("--agencies", type=int, default=20000)
    parser.add_argument("--versions", type=int, default=60000)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def main() -> None:
    args = data_arguments(__doc__)
    data: Path = args.data
    ensure_data(data, args.agencies, args.versions)
    reset_content(data)
    cache = data / ".prakat-cache"

    def drop_cache() -> None:  # the PDF verdicts only: the site's other caches are not validation's
        for verdicts in cache.glob("pdf-v*.json"):
            verdicts.unlink()

    validate = build_py("validate", "--root", str(data), "--format", "json")
    peer = measure("peer: parse all YAML + hash all PDFs", [PYTHON, "-c", PEER, str(data)], args.repeat)
    cold = measure("validate (cold PDF cache)", validate, args.repeat, before=drop_cache)
    warm = measure("validate (warm PDF cache)", validate, args.repeat)
    code = mutate(data, seed=2)
    changed = measure(f"validate --changed-since HEAD (1 agency: {code})",
                      validate + ["--changed-since", "HEAD"], args.repeat)
    reset_content(data)
    rows: list[tuple[Measure, Measure | None]] = [(peer, None), (cold, peer), (warm, peer), (changed, None)]
    print(f"data: {data} ({data_size(data)})")
    for row, against in rows:
        print(row.row(against))
    print("targets: full ≤ 30 s, one changed agency ≤ 2 s; ratio = validate / peer")


if __name__ == "__main__":
    main()
