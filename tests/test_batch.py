"""Batch rows and validation without Prefect: sources, duplicates, quarantine, dq tallies."""

import hashlib

from flows import quality
from flows.batch import build_rows
from flows.sources import ReadFailure
from flows.tasks import process_batch
from flows.warehouse import Warehouse
from tests.conftest import raw_input, seed_text

RUN = "20260101T000000Z-test00"



def test_every_input_is_a_source_and_each_document_lands_once():
    seed = raw_input(seed_text("000"), "a.txt")
    items = [seed, raw_input(seed_text("000"), "copy.txt"), raw_input("", "empty.txt"),
             ReadFailure("locked.txt", "unreadable", "permission denied")]
    rows = build_rows(items, set(), RUN)
    assert [r["source_uri"] for r in rows.tables["sources"]] == ["a.txt", "copy.txt", "empty.txt", "locked.txt"]
    assert rows.seen == 4 and rows.new == 2 and rows.duplicate == 1
    assert {d["doc_id"]: d["status"] for d in rows.tables["documents"]} == {
        seed.doc_id: "loaded", hashlib.sha256(b"").hexdigest(): "rejected"}
    assert [(r["check"], r["doc_id"] is None) for r in rows.tables["rejects"]] == [
        ("empty_input", False), ("unreadable", True)]


def test_known_documents_are_not_processed_again(monkeypatch):
    """A batch of known documents (a re-read multi-document file) only records sightings:
    the extraction models are not even loaded."""
    import flows.batch

    def no_models(*_args):
        raise AssertionError("entity models loaded for a batch with nothing new")

    monkeypatch.setattr(flows.batch, "EntityExtractor", no_models)
    seed = raw_input(seed_text("001"), "b.txt")
    rows = build_rows([seed], {seed.doc_id}, RUN)
    assert rows.duplicate == 1 and rows.tables["documents"] == [] and len(rows.tables["sources"]) == 1


def test_a_failing_article_row_holds_back_the_whole_document():
    future = raw_input("Leaders meet in Baku today\n\ndate 2031-05-01\n\nThe leaders met and agreed a plan.\n\n"
               "They will meet again next month to sign the final text of it.\n", "future.txt")
    good = raw_input(seed_text("002"), "good.txt")
    frames, tallies = quality.validate_batch(build_rows([future, good], set(), RUN), RUN)
    assert list(frames["articles"]["doc_id"]) == [good.doc_id]
    assert set(frames["paragraphs"]["doc_id"]) == {good.doc_id}
    assert set(frames["boilerplate"]["doc_id"]) == {good.doc_id}
    status = dict(zip(frames["documents"]["doc_id"], frames["documents"]["status"]))
    assert status == {future.doc_id: "rejected", good.doc_id: "loaded"}
    (reject,) = frames["rejects"].to_dict("records")
    assert reject["doc_id"] == future.doc_id and reject["scope"] == "document" and reject["stage"] == "validate"
    assert reject["check"] == "articles:published_date:not_after_run_date"
    assert "2031-05-01" in reject["reason"]
    assert tallies[("articles", "published_date:not_after_run_date")].failures == 1
    assert tallies[("articles", "title:str_length")].failures == 0


def test_page_left_empty_after_cleaning_is_rejected_not_loaded():
    page = "Views: 317\n\n11 Comments\n\nPrevious Post Next Post\n"
    rows = build_rows([raw_input(page, "junk.txt")], set(), RUN)
    (reject,) = rows.tables["rejects"]
    assert reject["stage"] == "extract" and reject["check"] == "empty_body"


def test_dq_rows_cover_passing_checks_too():
    frames, tallies = quality.validate_batch(build_rows([raw_input(seed_text("003"), "c.txt")], set(), RUN), RUN)
    dq = quality.dq_rows(RUN, tallies)
    assert {r["table_name"] for r in dq} >= {"documents", "articles", "paragraphs", "boilerplate", "sources", "rejects"}
    assert all(r["passed"] and r["failures"] == 0 for r in dq)


def test_process_batch_task_stages_parquet(tmp_path):
    """The task body called directly (.fn): stages one Parquet file per non-empty table."""
    items = [raw_input(seed_text(p), f"{p}.txt") for p in ("000", "003")] + [raw_input("", "e.txt")]
    summary = process_batch.fn(items, 0, RUN, str(tmp_path), set())
    assert (summary.seen, summary.new, summary.loaded, summary.rejected) == (3, 3, 2, 1)
    staged = sorted(p.parent.name for p in (tmp_path / ".staging" / RUN).rglob("*.parquet"))
    assert staged == ["articles", "boilerplate", "documents", "entities", "mentions", "outlet_docs", "outlet_lines",
                      "paragraphs", "quotes", "rejects", "sources", "story_inputs"]  # outlet_*: site-template counts; story_inputs: signatures
    store = Warehouse(tmp_path)
    store.ensure_schema()
    assert store.load(RUN)["articles"] == 2
    assert not (tmp_path / ".staging").exists()
