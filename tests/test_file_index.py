"""Incremental runs: unchanged one-document files are stat-ed, not read or hashed again."""

import os
import shutil

import duckdb
import pytest

from flows import sources
from flows.file_index import index_rows, split_unchanged
from flows.pipeline import newsmill_run
from flows.sources import discover, read_inputs
from tests.conftest import SEEDS


def test_split_unchanged_uses_size_and_mtime(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Article A.\n")
    (tmp_path / "b.txt").write_text("Article B.\n")
    (tmp_path / "feed.jsonl").write_text('{"text": "Record."}\n')
    files = discover([str(tmp_path)])
    _, to_read, stats = split_unchanged(files, {})
    rows = {r["path"]: r for r in index_rows(list(read_inputs(to_read)), stats, "run1")}
    assert len(rows) == 2  # JSONL files are never indexed: they hold many documents
    index = {p: (r["size"], r["mtime_ns"], r["doc_id"]) for p, r in rows.items()}

    os.utime(tmp_path / "b.txt", ns=(1, 1))  # touched: must be read again
    unchanged, to_read, _ = split_unchanged(files, index)
    assert [u.source_uri for u in unchanged] == ["a.txt"]
    assert unchanged[0].doc_id == index[str((tmp_path / "a.txt").resolve())][2]
    assert sorted(f.source_uri for f in to_read) == ["b.txt", "feed.jsonl"]


@pytest.mark.e2e
def test_second_run_reads_only_changed_files(tmp_path, prefect_harness, monkeypatch):
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    warehouse = tmp_path / "wh"
    first = newsmill_run([str(inputs)], str(warehouse))
    assert first.docs_loaded == 5

    documents_parquet = warehouse / "parquet" / "documents" / "documents.parquet"
    written = documents_parquet.stat().st_mtime_ns
    reads = []
    real_read = sources._read_file
    monkeypatch.setattr(sources, "_read_file", lambda item, *rest: reads.append(item.source_uri) or real_read(item, *rest))
    again = newsmill_run([str(inputs)], str(warehouse))
    assert reads == [] and (again.docs_seen, again.docs_duplicate, again.docs_new) == (5, 5, 0)
    # a no-op run refreshes only what it changed (runs, sources), not gigabytes of text
    assert documents_parquet.stat().st_mtime_ns == written
    assert len(list((warehouse / "parquet" / "runs").glob("*.parquet"))) == 1
    assert not (warehouse / "parquet" / ".incomplete").exists()

    changed = next(inputs.glob("002_*"))
    changed.write_text(changed.read_text() + "\nOne more paragraph added by the site later.\n")
    third = newsmill_run([str(inputs)], str(warehouse))
    assert len(reads) == 1 and reads[0].endswith(changed.name)
    assert (third.docs_new, third.docs_loaded, third.docs_duplicate) == (1, 1, 4)

    # unchanged files are still sightings of this run; a new file holding an unchanged file's
    # bytes is a duplicate of it, not a new document
    shutil.copy(next(inputs.glob("000_*")), inputs / "copy_of_000.txt")
    fourth = newsmill_run([str(inputs)], str(warehouse))
    assert (fourth.docs_seen, fourth.docs_new, fourth.docs_duplicate) == (6, 0, 6)
    with duckdb.connect(str(warehouse / "newsmill.duckdb"), read_only=True) as con:
        per_run = con.execute("select count(*) from sources group by run_id order by min(seen_at)").fetchall()
        documents = con.execute("select count(*) from documents").fetchone()[0]
    assert [n for (n,) in per_run] == [5, 5, 5, 6] and documents == 6
