"""Progress messages that reach both Prefect (UI, run logs) and the terminal.

Prefect's own console output is kept at WARNING by the CLI so users never see
its start-up chatter or tracebacks; the `newsmill` logger carries the progress
lines instead (the CLI attaches a stderr handler; library users get nothing).
"""

from __future__ import annotations

import logging

from prefect import get_run_logger
from prefect.exceptions import MissingContextError

terminal = logging.getLogger("newsmill")


def report(message: str, *args: object) -> None:
    try:
        get_run_logger().info(message, *args)
    except MissingContextError:  # a task called directly (`.fn`), outside any run
        pass
    terminal.info(message, *args)


class Throughput:
    """Documents per second and an ETA from bytes read out of the bytes discovered."""

    def __init__(self, total_bytes: int):
        import time

        self._clock = time.monotonic
        self.started = self._clock()
        self.total_bytes = max(total_bytes, 1)
        self.done_bytes = 0
        self.docs = 0

    def add(self, docs: int, nbytes: int) -> str:
        self.docs += docs
        self.done_bytes += nbytes
        elapsed = max(self._clock() - self.started, 1e-6)
        share = min(self.done_bytes / self.total_bytes, 1.0)  # gzip/JSONL can exceed the file sizes
        eta = elapsed * (1 - share) / share if share > 0 else 0.0
        return f"{self.docs} docs, {self.docs / elapsed:,.0f} docs/s, {share:.0%} of input, ETA {_duration(eta)}"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"
