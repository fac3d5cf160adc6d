"""Task runners for the batch tasks: Prefect's default (one batch at a time) or Dask.

Only the clean/extract/validate batches fan out; discovery, reading and the
load stay in the flow process, so the warehouse keeps a single writer.
"""

from __future__ import annotations

from dataclasses import dataclass

RUNNERS = ("default", "dask")


@dataclass(frozen=True)
class RunnerChoice:
    runner: object | None  # a Prefect TaskRunner, or None for the flow's default
    in_flight: int  # batches submitted before waiting for the oldest


def make_runner(kind: str = "default", *, address: str | None = None, workers: int = 2) -> RunnerChoice:
    """Build the task runner named by `kind`; ImportError with the fix when Dask is missing."""
    if kind == "default":
        return RunnerChoice(None, 1)
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
