"""One real flow run over a folder of hostile files: it completes, accounts for every location, writes nowhere else."""

from __future__ import annotations

import os
from collections import Counter

import duckdb
import pytest

from flows.pipeline import newsmill_run
from tests import hostile

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def tree(root):
    return {p.relative_to(root): (p.is_symlink(), p.is_file() and not p.is_symlink() and p.stat().st_size)
            for p in root.rglob("*") if "warehouse" not in p.relative_to(root).parts[:1]}


def test_flow_run_over_hostile_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = hostile.make_tree(tmp_path / "in")
    before = tree(tmp_path)

    summary = newsmill_run(["in"], "warehouse", max_file_bytes=hostile.BIG[1])

    assert summary.status == "completed"
    assert tree(tmp_path) == before  # nothing written, moved or deleted outside the warehouse folder
    assert {p.name for p in (tmp_path / "warehouse").iterdir()} <= {"newsmill.duckdb", "newsmill.duckdb.wal", "parquet", "reports", ".newsmill.lock"}
    with duckdb.connect(str(tmp_path / "warehouse" / "newsmill.duckdb"), read_only=True) as con:
        sources = {r[0] for r in con.execute("select source_uri from sources").fetchall()}
        rejects = dict(con.execute("select source_uri, \"check\" from rejects where scope = 'document'").fetchall())
        misplaced = con.execute("""
            select count(*) from documents d
            where (d.doc_id in (select doc_id from articles))
                = (d.doc_id in (select doc_id from rejects where scope = 'document' and doc_id is not null))
        """).fetchone()[0]
    for name in expected:
        assert f"in/{name}" in sources or name.startswith("feed.jsonl"), name
    rejected = {uri.removeprefix("in/"): check for uri, check in rejects.items()}
    assert rejected == {name: check for name, check in expected.items() if check}
    assert misplaced == 0
    assert summary.reject_checks == Counter(c for c in expected.values() if c)
    assert {line.split()[0]: int(line.split()[1]) for line in summary.histogram()} == summary.reject_checks
    assert os.path.exists(tmp_path / "in" / "pipe.txt")  # the FIFO was never opened (the run did not hang)
