"""Incremental runs: unchanged one-document and JSONL files are stat-ed, not read or hashed again."""

import gzip
import json
import os
import shutil

import duckdb
import pytest

from flows import sources
from flows.file_index import RecordRows, index_rows, split_unchanged
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
    assert len(rows) == 2  # JSONL files are indexed by record (file_records), not here
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


def _record_index(rows: list[dict]) -> dict:
    """The RecordIndex a run would read back from the file_records rows it staged."""
    index: dict = {}
    for r in rows:
        index.setdefault(r["path"], (r["size"], r["mtime_ns"], []))[2].append((r["line"], r["url"], r["doc_id"]))
    return index


def test_unchanged_jsonl_gives_the_records_a_reading_would(tmp_path, monkeypatch):
    """Each record of an unchanged JSONL file becomes an input with the source_uri and doc_id
    reading it would give (its url, else file#line; bad lines too: they have a doc_id)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.jsonl").write_text('{"text": "One.", "url": "https://a.example/1"}\n\n{"text": "Two."}\nnot json\n')
    files = discover(["feed.jsonl"])
    _, to_read, stats = split_unchanged(files, {}, {})
    recorder = RecordRows(stats, "run1")
    read = [(i.source_uri, i.doc_id) for i in recorder.reading(to_read, read_inputs)]
    rows = recorder.take()
    assert [r["line"] for r in rows] == [1, 3, 4] and rows[0]["url"] == "https://a.example/1"
    assert all(r["doc_id"] and r["path"] == str((tmp_path / "feed.jsonl").resolve()) for r in rows)
    assert recorder.take() == []  # handed over once

    unchanged, to_read, _ = split_unchanged(files, {}, _record_index(rows))
    assert to_read == [] and [(u.source_uri, u.doc_id) for u in unchanged] == read
    assert read[0][0] == "https://a.example/1" and read[1][0] == "feed.jsonl#L3"

    with open(tmp_path / "feed.jsonl", "a") as handle:
        handle.write('{"text": "Three."}\n')  # appended by the scraper: read again
    unchanged, to_read, _ = split_unchanged(files, {}, _record_index(rows))
    assert unchanged == [] and [f.source_uri for f in to_read] == ["feed.jsonl"]


def test_a_jsonl_file_that_fails_part_way_is_marked_for_rereading(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    packed = gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n' * 200)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])  # a truncated download
    (tmp_path / "empty.jsonl").write_text("\n")
    files = discover(["cut.jsonl.gz", "empty.jsonl"])
    _, to_read, stats = split_unchanged(files, {}, {})
    recorder = RecordRows(stats, "run1")
    checks = [getattr(i, "check", None) for i in recorder.reading(to_read, read_inputs)]
    rows = recorder.take()
    assert "bad_gzip" in checks and "empty_input" in checks
    failed = {r["path"].rsplit("/", 1)[1] for r in rows if r["doc_id"] is None}
    assert failed == {"cut.jsonl.gz", "empty.jsonl"}  # the load drops these files from the index


@pytest.mark.e2e
def test_second_run_does_not_reread_unchanged_jsonl(tmp_path, prefect_harness, monkeypatch):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    text = next(SEEDS.glob("*.txt")).read_text("utf-8")
    lines = [{"text": text, "url": "https://news.example/a"}, {"text": text.replace("Kazakhstan", "Qazaqstan")}]
    (inputs / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\nnot json\n")
    packed = gzip.compress(b'{"text": "Short."}\n' * 500)
    (inputs / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    warehouse = tmp_path / "wh"
    first = newsmill_run([str(inputs)], str(warehouse))

    reads = []
    real_read = sources._read_jsonl
    monkeypatch.setattr(sources, "_read_jsonl", lambda item: reads.append(item.source_uri) or real_read(item))
    again = newsmill_run([str(inputs)], str(warehouse))
    assert [r.rsplit("/", 1)[1] for r in reads] == ["cut.jsonl.gz"]  # the damaged file is read (and reported) again
    assert (again.docs_seen, again.docs_new) == (first.docs_seen, 0)

    with open(inputs / "feed.jsonl", "a") as handle:
        handle.write(json.dumps({"text": text.replace("Azerbaijan", "Azerbaycan")}) + "\n")
    third = newsmill_run([str(inputs)], str(warehouse))
    assert sorted(r.rsplit("/", 1)[1] for r in reads) == ["cut.jsonl.gz", "cut.jsonl.gz", "feed.jsonl"]
    assert third.docs_new == 1
    with duckdb.connect(str(warehouse / "newsmill.duckdb"), read_only=True) as con:
        per_run = con.execute("select run_id, list(source_uri order by source_uri) from sources "
                              "group by run_id order by min(seen_at)").fetchall()
        indexed = con.execute("select count(*), count(distinct path) from file_records").fetchone()
    # the unchanged run saw what the first saw, under the same names; the damaged file is never indexed
    assert per_run[1][1] == per_run[0][1] and len(per_run[2][1]) == len(per_run[0][1]) + 1
    assert indexed == (4, 1)
