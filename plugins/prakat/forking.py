"""Work shared with forked worker processes, which inherit the loaded model instead of receiving it.

A national build holds a model of twenty thousand agencies; sending it to a
worker would cost more than the work.  A forked worker starts with the
parent's memory, so a module-level "job" set just before the pool starts is
all it needs.  Forking is used only where it exists (not on Windows) and
only for data large enough to repay it; otherwise callers do the work here.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def fork_workers(items: int, parallel_from: int, most: int = 4) -> int:
    """How many forked workers to share ``items`` among; 0 when it is not worth it or not possible."""
    workers = min(os.cpu_count() or 1, most)
    if workers < 2 or items < parallel_from or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return workers


def forked_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
