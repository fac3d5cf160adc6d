"""Cross-table checks (schemas/relationships.py, flows/crosscheck.py): one broken relationship per case."""

import hashlib

import pytest

from flows import quality
from flows.batch import build_rows
from flows.sources import RawInput
from newsmill.version import pipeline_version
from schemas.relationships import CHECKS

RUN = "run-rel"
TEXT = ("Caspian ferry line adds a second ship\n\nThe ferry line between Baku and Aktau adds a second ship in May, "
        "officials said on Monday.\n\nTickets go on sale next week at the port and online.\n")
GHOST = hashlib.sha256(b"ghost").hexdigest()


def rows_for(*texts):
    items = []
    for i, text in enumerate(texts):
        data = text.encode()
        items.append(RawInput(f"{i}.txt", hashlib.sha256(data).hexdigest(), data, "text/plain"))
    return build_rows(items, set(), RUN), [i.doc_id for i in items]


def _end_past_text(rows, doc):
    p = next(p for p in rows.tables["paragraphs"] if p["doc_id"] == doc)
    p["end"] = len(TEXT) + 40


def _boilerplate_past_text(rows, doc):
    b = next(b for b in rows.tables["boilerplate"] if b["doc_id"] == doc)
    b["end"] = len(TEXT) + 1


def _two_paragraphs_overlap(rows, doc):
    ps = [p for p in rows.tables["paragraphs"] if p["doc_id"] == doc]
    ps[1]["start"] = ps[0]["end"] - 5


def _article_missing(rows, doc):
    rows.tables["articles"] = [a for a in rows.tables["articles"] if a["doc_id"] != doc]


CASES = [
    (_end_past_text, "paragraphs", "offsets_in_page_text", "a paragraph ending after the page text"),
    (_boilerplate_past_text, "boilerplate", "offsets_in_page_text", "a span ending after the page text"),
    (_two_paragraphs_overlap, "paragraphs+boilerplate", "spans_not_overlapping", "two paragraphs sharing characters"),
    (_article_missing, "documents", "loaded_has_article", "a loaded document without its article row"),
]


@pytest.mark.parametrize("plant,table,check,why", CASES)
def test_a_broken_relationship_holds_back_its_document_only(plant, table, check, why):
    rows, (bad, good) = rows_for(TEXT, TEXT.replace("Caspian", "Black Sea"))
    plant(rows, bad)
    frames, tallies = quality.validate_batch(rows, RUN)
    assert tallies[(table, check)].failures >= 1, why
    (reject,) = frames["rejects"].to_dict("records")
    assert (reject["doc_id"], reject["scope"], reject["check"]) == (bad, "document", f"{table}:{check}"), why
    assert list(frames["articles"]["doc_id"]) == [good], why
    for t in ("paragraphs", "boilerplate"):
        assert set(frames[t]["doc_id"]) == {good}, why


def test_dangling_rows_are_held_back_alone_and_every_check_is_recorded():
    rows, (doc,) = rows_for(TEXT)
    rows.add("boilerplate", {"doc_id": GHOST, "start": 0, "end": 4, "kind": "promo", "rule": "x", "text": "junk",
                             "pipeline_version": pipeline_version()})
    frames, tallies = quality.validate_batch(rows, RUN)
    assert list(frames["articles"]["doc_id"]) == [doc]  # the document itself is fine
    (reject,) = frames["rejects"].to_dict("records")
    assert (reject["scope"], reject["doc_id"], reject["check"]) == ("row", GHOST, "boilerplate:doc_in_articles")
    assert GHOST not in set(frames["boilerplate"]["doc_id"])
    assert all(key in tallies for key in CHECKS)
    assert tallies[("paragraphs", "offsets_in_page_text")].failures == 0
