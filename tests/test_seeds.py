"""Acceptance on the five seed pages, through the pure core (no Prefect, no DuckDB)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from newsmill.core import process_text
from newsmill.layout import overlaps, unaccounted
from newsmill.text import collapse_ws
from tests.conftest import seed_text

PLUS4 = timezone(timedelta(hours=4))


@pytest.fixture(scope="module")
def results():
    return {p: process_text(seed_text(p)) for p in ("000", "001", "002", "003", "004")}


def removed(result, kind=None):
    return [result.page_text[s.start:s.end] for s in result.spans if kind is None or s.kind == kind]


def test_000_lede_title_outlet_and_explicit_time(results):
    art = results["000"].article
    assert art.title_source == "lede"
    assert art.outlet == "Azernews"
    assert art.published.instant == datetime(2024, 3, 10, 13, 20, tzinfo=PLUS4)
    assert art.published.source == "explicit"
    assert art.published.local == "2024-03-10T13:20:00"
    assert art.body.startswith("Kazakhstan is interested in the soonest conclusion")
    assert art.body.endswith('the entire Eurasian region," the president said.')
    assert len(art.title) <= 120 and art.body.startswith(art.title)


def test_001_dateline_date_only_and_no_outlet(results):
    art = results["001"].article
    assert art.dateline == "ASTANA"
    assert art.published.date == date(2023, 11, 24)
    assert art.published.instant is None and art.published.source == "date_only"
    assert art.outlet is None  # Akorda is cited as a source; the page names no publisher
    assert art.body.startswith("President Kassym-Jomart Tokayev congratulated")


def test_002_title_kept_once_no_date_junk_removed(results):
    result = results["002"]
    art = result.article
    assert art.title == "Kazakhstan announces hosting peace negotiations between Azerbaijan and Armenia"
    assert art.title_source == "headline"
    assert art.title not in art.body
    assert art.published.date is None and art.published.source is None
    assert "11 Comments" in removed(result) and "Previous Post Next Post" in removed(result)
    assert "Comments" not in art.body and "Previous Post" not in art.body


def test_003_outlet_zone_and_sidebar_junk(results):
    result = results["003"]
    art = result.article
    assert art.outlet == "FACT-INFO.AZ"
    assert art.title == ("Kazakhstan and Azerbaijan have very important role in implementation of "
                         "Middle Corridor project - President Ilham Aliyev")
    assert art.published.date == date(2022, 8, 25)
    assert art.published.instant == datetime(2022, 8, 25, 8, 55, tzinfo=PLUS4)
    assert art.published.source == "outlet_zone"
    assert art.body.endswith('This is one of the signs of respect for our ancestors," the head of state said.')
    for junk in ("Views: 317", "11-02-2026", "Calendar", "MonTueWed", "February 2026"):
        assert junk not in art.body
    assert {"counter", "related_headlines", "calendar", "navigation", "metadata_line"} <= {s.kind for s in result.spans}


def test_004_markers_dropped_credits_separator_repeated_lede(results):
    result = results["004"]
    art = result.article
    assert art.outlet == "APA"
    assert art.title == "President of Azerbaijan Ilham Aliyev met with President of Kazakhstan Kassym-Jomart Tokayev"
    assert art.published.instant == datetime(2023, 11, 24, 15, 50, tzinfo=PLUS4)
    kinds = {s.kind for s in result.spans}
    assert {"photo_credit", "separator", "repeated_lede", "navigation"} <= kinds
    assert "© APA" not in art.body and "x x x" not in art.body and "İDMAN" not in art.body
    lede = "President of the Republic of Azerbaijan Ilham Aliyev has met with President of the Republic of Kazakhstan"
    assert art.body.count(lede) == 1
    for line in ("President Kassym-Jomart Tokayev: I have a large delegation with me.",
                 "President Ilham Aliyev: Yes, indeed.", "The heads of state first had a short dialogue."):
        assert line in [p.text for p in art.paragraphs]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_paragraph_is_verbatim_and_every_character_accounted(results, prefix):
    result = results[prefix]
    flat = collapse_ws(result.page_text)
    for para in result.article.paragraphs:
        assert para.text in flat
        assert collapse_ws(result.page_text[para.start:para.end]) == para.text
    assert unaccounted(result.page_text, result.article.paragraphs, result.spans) == []
    assert overlaps([*result.article.paragraphs, *result.spans]) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_language_is_english(results, prefix):
    assert results[prefix].article.language == "en"
