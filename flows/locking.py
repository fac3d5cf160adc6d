"""One writer per warehouse: an advisory lock file naming the run that holds it.

DuckDB itself locks its file only while a connection is open, and a run opens
and closes connections between stages; without this lock two runs could
interleave their loads. The OS releases the lock when the holder dies (even on
SIGKILL), so a crashed run never leaves the warehouse locked.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

LOCK_FILE = ".newsmill.lock"
_held: dict[Path, list[int]] = {}  # lock path → [fd, depth]: the CLI and the flow may both take it


class WarehouseLocked(RuntimeError):
    """Another run is writing this warehouse."""


def describe_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text("utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another newsmill process"
    return f"run {info.get('run', '?')} (pid {info.get('pid', '?')} on {info.get('host', '?')}, since {info.get('since', '?')})"


def _write_info(fd: int, run: str) -> None:
    info = {"run": run or "(starting)", "pid": os.getpid(), "host": socket.gethostname(),
            "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(info).encode(), 0)


@contextmanager
def writer_lock(root: str | os.PathLike, *, run: str = "", wait: bool = False,
                poll_seconds: float = 1.0, on_wait=None) -> Iterator[None]:
    """Hold the warehouse's writer lock; raise WarehouseLocked (or wait) when taken."""
    path = (Path(root) / LOCK_FILE).resolve()
    if path in _held:  # nested: same process already holds it; just name the run
        held = _held[path]
        held[1] += 1
        if run:
            _write_info(held[0], run)
        try:
            yield
        finally:
            held[1] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = describe_holder(path)
                if not wait:
                    raise WarehouseLocked(
                        f"warehouse {Path(root)} is being written by {holder}; "
                        "wait for it to finish or pass --wait") from None
                if on_wait and not announced:
                    on_wait(holder)
                    announced = True
                time.sleep(poll_seconds)
        _write_info(fd, run)
        _held[path] = [fd, 1]
        try:
            yield
        finally:
            del _held[path]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
