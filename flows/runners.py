"""Task runners for the batch tasks: Prefect's default (one batch at a time, in the flow
process), a local process pool (Prefect's ProcessPoolTaskRunner: every core of this machine,
nothing more to install) or Dask (a local cluster or a multi-node one).

Only the clean/extract/validate batches fan out; discovery, reading and the
load stay in the flow process, so the warehouse keeps a single writer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

RUNNERS = ("default", "process", "dask")


@dataclass(frozen=True)
class RunnerChoice:
    runner: object | None  # a Prefect TaskRunner, or None for the flow's default
    in_flight: int  # batches submitted before waiting for the oldest


def make_runner(kind: str = "default", *, address: str | None = None, workers: int = 2) -> RunnerChoice:
    """Build the task runner named by `kind`; ImportError with the fix when Dask is missing."""
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
    # Local processes (not threads): the batches are CPU-bound Python.
    cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    return RunnerChoice(DaskTaskRunner(cluster_kwargs=cluster), workers * 2)


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
