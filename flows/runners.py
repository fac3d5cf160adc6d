"""Task runners for the batch tasks: Prefect's default (one batch at a time, in the flow
process), a local process pool (Prefect's ProcessPoolTaskRunner: every core of this machine,
nothing more to install), Dask (a local cluster or a multi-node one), or `auto`: the process
pool when this machine has the cores and the memory for it, else the default.

Only the clean/extract/validate batches fan out; discovery, reading and the
load stay in the flow process, so the warehouse keeps a single writer.  The tables do not
depend on the choice: see `learning_horizon`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

RUNNERS = ("auto", "default", "process", "dask")
MAX_DEFAULT_WORKERS = 4  # each worker holds its own extraction models and a batch (~600 MB)
WORKER_MEMORY = 1 << 30  # what `auto` sets aside per process (a worker peaked at 735 MiB at 100k documents)
AUTO_WORKERS = 2  # `auto` uses at most this many: LEARNING_LAG covers its batches in flight
# A batch learns site templates from the run's batches at least this many before it (plus its
# own pages and earlier runs).  Those are finished whenever up to LEARNING_LAG batches run at once
# (a process pool of AUTO_WORKERS keeps workers + 1 in flight), so the same inputs give the same
# tables one batch at a time or in parallel, on any machine.
LEARNING_LAG = AUTO_WORKERS + 1


@dataclass(frozen=True)
class RunnerChoice:
    runner: object | None  # a Prefect TaskRunner, or None for the flow's default
    in_flight: int  # batches submitted before waiting for the oldest


def learning_horizon(batch_no: int, in_flight: int) -> int:
    """The first batch number batch `batch_no` does not learn site templates from.

    The batches below it are finished before `batch_no` starts, whichever finished first,
    when at most max(LEARNING_LAG, in_flight) run at once; only a runner keeping more in flight
    than LEARNING_LAG (a pool of more than AUTO_WORKERS, Dask) may learn later, and so differently.
    """
    return batch_no - max(LEARNING_LAG, in_flight) + 1


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_workers() -> int:
    """Worker processes when --workers is not given: the usable cores, 2 to MAX_DEFAULT_WORKERS."""
    return max(2, min(MAX_DEFAULT_WORKERS, usable_cores()))


def available_memory() -> int | None:
    """Bytes of memory available to new processes (Linux: MemAvailable), None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def auto_workers(cores: int | None = None, memory: int | None = -1) -> int:
    """Pool workers `auto` uses: one per usable core up to AUTO_WORKERS, fewer when the
    available memory cannot hold WORKER_MEMORY for each and for the flow process; 0 or 1: no pool."""
    cores = usable_cores() if cores is None else cores
    memory = available_memory() if memory == -1 else memory
    workers = min(AUTO_WORKERS, cores)
    if memory is not None:
        workers = min(workers, memory // WORKER_MEMORY - 1)
    return max(0, workers)


def make_runner(kind: str = "auto", *, address: str | None = None, workers: int | None = None) -> RunnerChoice:
    """Build the task runner named by `kind`; ImportError with the fix when Dask is missing.

    `workers`: processes of the pool or of the local Dask cluster (default: `default_workers`;
    for `auto`, `auto_workers` unless given).
    """
    if kind == "auto":
        workers = workers or auto_workers()
        kind = "process" if workers >= 2 else "default"
    workers = workers or default_workers()
    if kind == "default":
        return RunnerChoice(None, 1)
    if kind == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        # one batch queued beyond the busy workers: the flow reads the next batch while they work
        return RunnerChoice(ProcessPoolTaskRunner(max_workers=workers), workers + 1)
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r}; choose from {', '.join(RUNNERS)}")
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise ImportError("the Dask runner needs prefect-dask: pip install 'newsmill[dask]'") from None
    if address:  # an existing (possibly multi-node) cluster: its scheduler decides placement
        return RunnerChoice(DaskTaskRunner(address=address), max(2, workers) * 2)
    # Local processes (not threads): the batches are CPU-bound Python.  One batch queued beyond
    # the busy workers, as for the pool: 2 workers keep LEARNING_LAG in flight (the default's tables).
    cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    return RunnerChoice(DaskTaskRunner(cluster_kwargs=cluster), workers + 1)


@contextmanager
def api_for_worker_processes() -> Iterator[None]:
    """Point a process pool's workers at this flow's Prefect API while batches are submitted.

    With no PREFECT_API_URL the flow process runs a temporary server. The pool's workers
    get this process's environment, where that server's address is not, so each worker
    would start (and migrate) a server of its own on the same SQLite database: seconds
    per worker, and "database is locked" under load. The variable is set only for the
    duration (the pool passes the environment of the submitting process, merged over its settings).
    """
    from prefect.context import FlowRunContext
    from prefect.task_runners import ProcessPoolTaskRunner

    ctx = FlowRunContext.get()
    if ctx is None or not isinstance(ctx.task_runner, ProcessPoolTaskRunner) or os.environ.get("PREFECT_API_URL"):
        yield
        return
    os.environ["PREFECT_API_URL"] = str(ctx.client.api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)
