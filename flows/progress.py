"""Progress messages that reach both Prefect (UI, run logs) and the terminal.

Prefect's own console output is kept at WARNING by the CLI so users never see
its start-up chatter or tracebacks; the `newsmill` logger carries the progress
lines instead (the CLI attaches a stderr handler; library users get nothing).
"""

from __future__ import annotations

import logging

from prefect import get_run_logger

terminal = logging.getLogger("newsmill")


def report(message: str, *args: object) -> None:
    get_run_logger().info(message, *args)
    terminal.info(message, *args)
