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
