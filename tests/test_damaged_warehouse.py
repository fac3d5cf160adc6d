"""A truncated or foreign newsmill.duckdb: one line with the fix, and `reprocess --from-parquet` repairs it."""

from __future__ import annotations

import hashlib
import shutil

import duckdb
import pytest

from flows import cli
from flows.sources import RawInput, ReadFailure
from flows.tasks import process_batch
from flows.warehouse import Warehouse, WarehouseError
from tests.conftest import raw_input, seed_text

RUN = "20260101T000000Z-damage"



@pytest.fixture
def built(tmp_path):
    """A real warehouse (DuckDB + Parquet) built without Prefect: 3 articles and 3 rejects."""
    root = tmp_path / "wh"
    items = [raw_input(seed_text(p), f"in/{p}.txt") for p in ("000", "002", "003")]
    items += [raw_input("", "in/empty.txt"), raw_input("Home\n\nNews\n\nContact\n", "in/menu.txt"),
              ReadFailure("in/broken.txt", "broken_symlink", "symbolic link to 'x', which does not exist"),
              RawInput("in/blob.txt", hashlib.sha256(b"\x00\x01").hexdigest(), b"\x00\x01" * 50, "text/plain")]
    process_batch.fn(items, 0, RUN, str(root), set())
    store = Warehouse(root)
    store.ensure_schema()
    store.load(RUN)
    store.record_run({"run_id": RUN, "flow_run_id": None, "started_at": "2026-01-01 00:00:00+00",
                      "finished_at": "2026-01-01 00:00:01+00", "status": "completed", "docs_seen": 7,
                      "docs_new": 6, "docs_loaded": 3, "docs_duplicate": 0, "docs_rejected": 4})
    store.export_parquet()
    return root


def table_counts(root) -> dict[str, int]:
    with duckdb.connect(str(root / "newsmill.duckdb"), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("documents", "sources", "articles", "paragraphs", "boilerplate", "rejects", "runs")}


def truncate(path, keep=0.4):
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def sqlite_file(path):
    path.write_bytes(b"SQLite format 3\x00" + bytes(4096))


def foreign_duckdb(path):
    path.unlink()
    with duckdb.connect(str(path)) as con:
        con.execute("create table documents (id integer, body varchar)")


@pytest.mark.parametrize("damage, says", [
    pytest.param(truncate, "is truncated", id="truncated file that still opens"),
    pytest.param(lambda p: truncate(p, 0.001), "cannot open", id="truncated inside its header"),
    pytest.param(lambda p: p.write_text("not a database"), "cannot open", id="a text file in its place"),
    pytest.param(sqlite_file, "cannot open", id="a SQLite file (no extension download attempted)"),
    pytest.param(foreign_duckdb, "is not a newsmill warehouse", id="another program's DuckDB file"),
])
def test_damaged_file_gives_one_line_with_the_fix(built, capsys, damage, says):
    damage(built / "newsmill.duckdb")
    with pytest.raises(WarehouseError) as err:
        Warehouse(built).check()
    message = str(err.value)
    assert says in message and "\n" not in message
    assert "newsmill reprocess --from-parquet" in message and "start a new warehouse" in message
    # the CLI says the same in one line, before starting Prefect, without a traceback
    assert cli.main(["run", str(built / "parquet"), "--warehouse", str(built)]) == 1
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert len(err_lines) == 1 and err_lines[0].startswith("newsmill: error: ") and "reprocess" in err_lines[0]


def test_reprocess_rebuilds_from_parquet_and_keeps_the_old_file(built, capsys):
    before = table_counts(built)
    truncate(built / "newsmill.duckdb")
    assert cli.main(["reprocess", "--from-parquet", "--warehouse", str(built)]) == 0
    out = capsys.readouterr().out
    assert "6 documents rebuilt from Parquet, 3 loaded, 3 rejected" in out  # the broken link had no document
    after = table_counts(built)
    assert {t: after[t] for t in ("documents", "sources", "articles", "paragraphs", "boilerplate", "rejects")} == \
        {t: before[t] for t in ("documents", "sources", "articles", "paragraphs", "boilerplate", "rejects")}
    assert after["runs"] == before["runs"] + 1  # the reprocess is recorded as a run
    (aside,) = built.glob("newsmill.duckdb.damaged-*")
    assert aside.stat().st_size > 0  # moved, not deleted
    assert "old file kept as" in out
    Warehouse(built).check()  # healthy again
    with duckdb.connect(str(built / "newsmill.duckdb"), read_only=True) as con:
        checks = sorted(r[0] for r in con.execute("select \"check\" from rejects where scope = 'document'").fetchall())
    assert checks == ["binary_input", "broken_symlink", "empty_input", "not_article"]


def test_reprocess_without_parquet_says_what_to_do(tmp_path, capsys):
    (tmp_path / "wh").mkdir()
    (tmp_path / "wh" / "newsmill.duckdb").write_text("junk")
    assert cli.main(["reprocess", "--from-parquet", "--warehouse", str(tmp_path / "wh")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no Parquet copy of documents" in err and "start a new warehouse" in err
    assert (tmp_path / "wh" / "newsmill.duckdb").read_text() == "junk"  # untouched


def test_warehouse_path_with_quotes_spaces_and_newline(tmp_path):
    """COPY takes no bound parameters: the path literal must be escaped, whatever the folder is called."""
    root = tmp_path / "it's a \"ware\nhouse\" ü"
    process_batch.fn([raw_input(seed_text("001"), "in/a.txt")], 0, RUN, str(root), set())
    store = Warehouse(root)
    store.ensure_schema()
    store.load(RUN)
    store.export_parquet()
    assert list((root / "parquet" / "documents").glob("*.parquet"))
    outside = {p for p in tmp_path.rglob("*") if root not in p.parents and p != root}
    assert outside == set()  # nothing written beside the warehouse folder
    shutil.rmtree(root)


@pytest.mark.parametrize("size, used, truncated, reason", [
    (817_377_280, 3065, False, "a 100k warehouse: 3,120 blocks listed, 55 free, the last 2 cut off the file (seen for real)"),
    (12_288 + 262_144 * 3065, 3065, False, "exactly the blocks in use"),
    (12_288 + 262_144 * 3064, 3065, True, "one block in use is missing"),
    (4096, 10, True, "only the header is left"),
])
def test_truncation_compares_with_blocks_in_use(size, used, truncated, reason):
    from flows.warehouse import is_truncated

    assert is_truncated(size, 262_144, used) is truncated, reason
