"""The scheduled form of the flow: a Prefect deployment served by `newsmill serve`.

`prefect.yaml` declares the same deployment for a work pool (`prefect deploy`).
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from flows.pipeline import DEFAULT_BATCH_SIZE, RunSummary, newsmill_run
from flows.runners import make_runner

DEPLOYMENT_NAME = "newsmill-scheduled"
DEFAULT_CRON = "0 * * * *"  # hourly: scraped folders grow all day; idempotent runs make re-reads cheap


@flow(name="newsmill-scheduled", log_prints=False)
def newsmill_scheduled(sources: list[str], warehouse: str = "warehouse", batch_size: int = DEFAULT_BATCH_SIZE,
                       task_runner: str = "auto", workers: int | None = None,
                       dask_address: str | None = None) -> RunSummary:
    """`newsmill_run` as a subflow on the task runner chosen where the scheduled run starts.

    A deployment runs its flow from the entrypoint, with the task runner written in code, and
    only the machine a run lands on knows its cores and memory: so the runner is a parameter
    (as `newsmill run --task-runner`, `auto` by default) and this flow builds it at run time.
    """
    choice = make_runner(task_runner, address=dask_address, workers=workers)
    run = newsmill_run.with_options(task_runner=choice.runner) if choice.runner else newsmill_run
    return run(sources, warehouse, batch_size=batch_size, in_flight=choice.in_flight)


def build_deployment(sources: list[str], warehouse: str, cron: str = DEFAULT_CRON,
                     batch_size: int = DEFAULT_BATCH_SIZE, task_runner: str = "auto",
                     workers: int | None = None, dask_address: str | None = None):
    """A RunnerDeployment of `newsmill_scheduled` on `cron`, with absolute paths.

    Paths are resolved now because scheduled runs may start from another
    working directory. One run at a time: runs share the warehouse writer lock.
    Raises ValueError for an invalid cron expression or task runner, ImportError when the
    runner needs Dask and it is not installed: now, not at the first scheduled run.
    """
    from prefect.client.schemas.schedules import CronSchedule

    CronSchedule(cron=cron)  # validates the expression before anything is served
    make_runner(task_runner, address=dask_address, workers=workers)  # validated the same way
    return newsmill_scheduled.to_deployment(
        name=DEPLOYMENT_NAME,
        cron=cron,
        parameters={
            "sources": [_absolute(s) for s in sources],
            "warehouse": str(Path(warehouse).resolve()),
            "batch_size": batch_size,
            "task_runner": task_runner,
            "workers": workers,
            "dask_address": dask_address,
        },
        concurrency_limit=1,
        description="newsmill: ingest → clean → validate → load, on a schedule",
        tags=["newsmill"],
    )


def _absolute(source: str) -> str:
    """Absolute path for a file/folder; a glob keeps its pattern under an absolute base."""
    return str(Path(source).resolve()) if not any(ch in source for ch in "*?[") else str(Path.cwd() / source)
