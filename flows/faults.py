"""Fault injection for crash-safety tests: die at a named point of a run.

`NEWSMILL_FAULT=<point>` makes the process SIGKILL itself when it reaches that
point, exactly as a deploy or the OOM killer would; the tests then check the
warehouse still meets its contract and that the next run finishes the work.
Unset (always, in normal use) this is a dictionary lookup.
"""

from __future__ import annotations

import os
import signal

from flows.child import PARENT_ENV

POINTS = ("after_staging", "mid_load", "after_commit", "mid_export")


def checkpoint(point: str) -> None:
    if os.environ.get("NEWSMILL_FAULT") == point:
        parent = os.environ.get(PARENT_ENV)  # set in a step's child process (flows/child.py)
        if parent:  # the run is what gets killed, as a deploy would: the flow process first
            os.kill(int(parent), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)
