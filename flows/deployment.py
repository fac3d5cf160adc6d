"""The scheduled form of the flow: a Prefect deployment served by `newsmill serve`.

`prefect.yaml` declares the same deployment for a work pool (`prefect deploy`).
"""

from __future__ import annotations

from pathlib import Path

from flows.pipeline import DEFAULT_BATCH_SIZE, newsmill_run

DEPLOYMENT_NAME = "newsmill-scheduled"
DEFAULT_CRON = "0 * * * *"  # hourly: scraped folders grow all day; idempotent runs make re-reads cheap


def build_deployment(sources: list[str], warehouse: str, cron: str = DEFAULT_CRON,
                     batch_size: int = DEFAULT_BATCH_SIZE):
    """A RunnerDeployment of `newsmill_run` on `cron`, with absolute paths.

    Paths are resolved now because scheduled runs may start from another
    working directory. One run at a time: runs share the warehouse writer lock.
    Raises ValueError for an invalid cron expression.
    """
    from prefect.client.schemas.schedules import CronSchedule

    CronSchedule(cron=cron)  # validates the expression before anything is served
    return newsmill_run.to_deployment(
        name=DEPLOYMENT_NAME,
        cron=cron,
        parameters={
            "sources": [_absolute(s) for s in sources],
            "warehouse": str(Path(warehouse).resolve()),
            "batch_size": batch_size,
        },
        concurrency_limit=1,
        description="newsmill: ingest → clean → validate → load, on a schedule",
        tags=["newsmill"],
    )


def _absolute(source: str) -> str:
    """Absolute path for a file/folder; a glob keeps its pattern under an absolute base."""
    return str(Path(source).resolve()) if not any(ch in source for ch in "*?[") else str(Path.cwd() / source)
