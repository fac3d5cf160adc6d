"""`newsmill reprocess [--since RUN]`: a rule change re-derives rows in place, stamped with the new version."""

import copy

import pytest

from flows import batch
from flows.rederive import reprocess_in_place
from flows.tasks import process_batch
from flows.warehouse import Warehouse, WarehouseError
from newsmill import metadata
from tests.conftest import raw_input, seed_text

RUN = "20260101T000000Z-first0"
NEW_VERSION = "0.1.0+feedc0ffee"



@pytest.fixture
def warehouse(tmp_path):
    store = Warehouse(tmp_path)
    store.ensure_schema()
    items = [raw_input(seed_text(p), f"{p}.txt") for p in ("000", "001", "002", "003", "004")]
    process_batch.fn(items, 0, RUN, str(tmp_path), set())
    store.load(RUN)
    store.record_run({"run_id": RUN, "flow_run_id": None, "started_at": "2026-01-01 00:00:00+00",
                      "finished_at": "2026-01-01 00:00:01+00", "status": "completed", "docs_seen": 5, "docs_new": 5,
                      "docs_loaded": 5, "docs_duplicate": 0, "docs_rejected": 0})
    with store.connect() as con:
        con.execute("update articles set story_id = 'story-kept'")
    return store


def rows(store, sql):
    return store.query(sql)[1]


def test_rule_change_updates_derived_rows_and_version_not_documents(warehouse, monkeypatch):
    documents_before = rows(warehouse, "select * from documents order by doc_id")
    old_title = rows(warehouse, "select title from articles where title_source = 'lede' order by length(title) desc")[0][0]
    assert len(old_title) > 60

    shorter = copy.deepcopy(metadata.rules())
    shorter["headline"]["lede_max_chars"] = 60  # the "rule fix"
    monkeypatch.setattr(metadata, "rules", lambda: shorter)
    monkeypatch.setattr(batch, "pipeline_version", lambda: NEW_VERSION)

    summary = reprocess_in_place(str(warehouse.root))
    assert (summary.documents, summary.loaded, summary.rejected, summary.changed_status) == (5, 5, 0, 0)
    assert rows(warehouse, "select * from documents order by doc_id") == documents_before
    assert max(len(t) for (t,) in rows(warehouse, "select title from articles where title_source = 'lede'")) <= 60
    for table in ("articles", "paragraphs", "boilerplate", "quotes", "mentions"):
        assert rows(warehouse, f"select distinct pipeline_version from {table}") == [(NEW_VERSION,)], table
    assert rows(warehouse, "select distinct story_id from articles") == [("story-kept",)]
    # nothing lost, nothing doubled
    assert rows(warehouse, "select count(*), count(distinct doc_id) from articles") == [(5, 5)]
    assert rows(warehouse, "select count(*) from runs") == [(2,)]


def test_since_selects_later_documents_only_and_unknown_run_is_an_error(warehouse):
    with pytest.raises(WarehouseError, match="no run 'nope'"):
        reprocess_in_place(str(warehouse.root), since="nope")
    assert reprocess_in_place(str(warehouse.root), since=RUN).documents == 5


def test_migration_adds_pipeline_version_to_an_older_warehouse(warehouse):
    with warehouse.connect() as con:
        con.execute("alter table paragraphs drop column pipeline_version")
    warehouse.check()  # an older warehouse is not "foreign"
    warehouse.ensure_schema()
    assert ("pipeline_version",) in rows(warehouse, "select column_name from information_schema.columns "
                                                    "where table_name = 'paragraphs'")


def test_cli_reprocess_errors_are_one_line(warehouse, capsys):
    from flows import cli

    assert cli.main(["reprocess", "--since", RUN, "--from-parquet", "--warehouse", str(warehouse.root)]) == 2
    assert "cannot be combined" in capsys.readouterr().err
    assert cli.main(["reprocess", "--since", "nope", "--warehouse", str(warehouse.root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsmill: error: no run 'nope'") and err.count("\n") == 1
    assert cli.main(["reprocess", "--warehouse", str(warehouse.root)]) == 0
    assert "5 documents re-derived" in capsys.readouterr().out
