"""Pandera checks on quotes, entities, mentions: a failing row is held back alone (scope 'row')."""

import hashlib

import pytest

from flows import quality
from flows.batch import build_rows
from flows.sources import RawInput
from tests.conftest import seed_text

RUN = "20260101T000000Z-enrich"


def rows_for(prefix: str):
    data = seed_text(prefix).encode()
    return build_rows([RawInput(f"{prefix}.txt", hashlib.sha256(data).hexdigest(), data, "text/plain")], set(), RUN)


def tamper_mention_into_boilerplate(rows):
    span = rows.tables["boilerplate"][0]
    rows.tables["mentions"][0].update(start=span["start"], end=span["start"] + len(rows.tables["mentions"][0]["surface"]))


def tamper_mention_past_page_end(rows):
    length = len(rows.tables["documents"][0]["page_text"])
    rows.tables["mentions"][0].update(start=length + 10, end=length + 10 + len(rows.tables["mentions"][0]["surface"]))


def tamper_speaker_entity(rows):
    rows.tables["quotes"][0]["speaker_entity_id"] = "person-0000000000000000"


def tamper_entity_type(rows):
    rows.tables["entities"][0]["type"] = "ANIMAL"


def tamper_country_code(rows):
    country = next(e for e in rows.tables["entities"] if e["type"] == "COUNTRY")
    country["external_id"] = "Kazakhstan"


@pytest.mark.parametrize("tamper, check, table", [
    (tamper_mention_into_boilerplate, "mentions:outside_boilerplate", "mentions"),
    (tamper_mention_past_page_end, "mentions:inside_page_text", "mentions"),
    (tamper_speaker_entity, "quotes:speaker_entity_id_in_entities", "quotes"),
    (tamper_entity_type, "entities:type:isin", "entities"),
    (tamper_country_code, "entities:country_has_alpha3", "entities"),
])
def test_a_bad_enrichment_row_is_held_back_alone(tamper, check, table):
    rows = rows_for("004")
    before = {t: len(r) for t, r in rows.tables.items()}
    tamper(rows)
    frames, tallies = quality.validate_batch(rows, RUN)
    rejects = frames["rejects"].to_dict("records")
    assert [(r["scope"], r["check"]) for r in rejects][:1] == [("row", check)]
    assert len(frames["articles"]) == 1  # the article itself is loaded
    assert len(frames[table]) < before[table]
    name = check.split(":", 1)[1]
    assert tallies[(table, name)].failures >= 1


def test_clean_enrichment_rows_pass_every_check():
    frames, tallies = quality.validate_batch(rows_for("004"), RUN)
    assert frames["rejects"].empty
    for table in ("quotes", "mentions", "entities"):
        assert len(frames[table]) > 0
        assert all(t.failures == 0 for (tb, _), t in tallies.items() if tb == table)
    assert ("mentions", "outside_boilerplate") in tallies  # counted in dq_results even when passing


def test_a_quote_or_mention_of_no_document_in_the_batch_is_a_row_reject_not_a_silent_drop():
    """A dangling doc_id (unknown, or NULL) cannot take a document with it: the row alone is held
    back with a reject, as a dangling paragraph is (flows/crosscheck.py)."""
    rows = rows_for("004")
    unknown = "f" * 64
    rows.tables["mentions"][0]["doc_id"] = unknown
    rows.tables["quotes"][0]["doc_id"] = None
    mentions, quotes = len(rows.tables["mentions"]), len(rows.tables["quotes"])
    frames, tallies = quality.validate_batch(rows, RUN)
    rejects = frames["rejects"].to_dict("records")
    found = sorted((r["check"], r["scope"], r["doc_id"] if isinstance(r["doc_id"], str) else None) for r in rejects)
    assert found == [("mentions:doc_in_articles", "row", unknown), ("quotes:doc_in_articles", "row", None)]
    assert (len(frames["mentions"]), len(frames["quotes"])) == (mentions - 1, quotes - 1)
    assert len(frames["articles"]) == 1
    assert tallies[("mentions", "doc_in_articles")].failures == 1
    assert tallies[("quotes", "doc_in_articles")].failures == 1


def test_the_dangling_checks_are_counted_when_they_pass():
    _, tallies = quality.validate_batch(rows_for("004"), RUN)
    assert tallies[("mentions", "doc_in_articles")].failures == 0
    assert tallies[("quotes", "doc_in_articles")].failures == 0
