"""Issue 5 acceptance on the five seeds through the pure core: quotes, entities, stories."""

import pytest

from newsmill.core import process_text
from newsmill.enrich import enrich
from newsmill.entities import EntityExtractor
from newsmill.stories import signature
from tests.conftest import seed_text
from tests.story_oracle import StoryDoc, assign_in_order

SEEDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def enriched():
    extractor = EntityExtractor()
    out = {}
    for prefix in SEEDS:
        result = process_text(seed_text(prefix))
        out[prefix] = (result, enrich(extractor, result))
    return extractor, out


def people(extractor, found):
    return {(m.surface, extractor.entities[m.entity_id].name) for m in found.entities.mentions
            if extractor.entities[m.entity_id].type == "PERSON"}


def test_004_dialogue_lines_are_quotes_of_both_presidents(enriched):
    _, out = enriched
    quotes = out["004"][1].quotes
    dialogue = [(q.speaker, q.text) for q in quotes if q.cue == "dialogue"]
    assert dialogue[:2] == [("Kassym-Jomart Tokayev", "I have a large delegation with me."),
                            ("Ilham Aliyev", "Yes, indeed.")]
    assert len(dialogue) == 6 and {s for s, _ in dialogue} == {"Kassym-Jomart Tokayev", "Ilham Aliyev"}
    assert all(q.speaker_entity_id for q in quotes)


def test_003_long_speech_is_one_quote_by_the_head_of_state(enriched):
    _, out = enriched
    result, found = out["003"]
    (quote,) = found.quotes
    assert quote.speaker == "Ilham Aliyev" and quote.cue == "said"
    assert quote.text.startswith("We have already had a very detailed conversation")
    assert quote.text.endswith("This is one of the signs of respect for our ancestors")
    assert quote.text.count("\n\n") == 7  # eight paragraphs
    assert result.page_text[quote.start:quote.end].startswith("We have already")


def test_000_multi_paragraph_quote_by_tokayev(enriched):
    _, out = enriched
    (quote,) = out["000"][1].quotes
    assert quote.speaker == "Kassym-Jomart Tokayev"
    assert quote.text.startswith("Today, we witness") and quote.text.endswith("the entire Eurasian region")


def test_002_misspelt_name_is_a_mention_of_the_president(enriched):
    extractor, out = enriched
    assert ("Kassym-Gomert Tokayev", "Kassym-Jomart Tokayev") in people(extractor, out["002"][1])


def test_004_kemel_tokayev_is_another_person(enriched):
    extractor, out = enriched
    found = out["004"][1]
    ids = {extractor.entities[m.entity_id].name: m.entity_id for m in found.entities.mentions}
    assert ids["Kemel Tokayev"] != ids["Kassym-Jomart Tokayev"]
    assert extractor.entities[ids["Kemel Tokayev"]].type == "PERSON"


@pytest.mark.parametrize("name, code", [
    ("Kazakhstan", "KAZ"), ("Azerbaijan", "AZE"), ("Armenia", "ARM"), ("Georgia", "GEO"), ("Türkiye", "TUR"),
    ("Iran", "IRN"), ("Hungary", "HUN"), ("Russia", "RUS"),
])
def test_countries_in_seed_bodies_have_iso_codes(enriched, name, code):
    extractor, out = enriched
    found = {(extractor.entities[m.entity_id].name, extractor.entities[m.entity_id].external_id)
             for _, f in out.values() for m in f.entities.mentions}
    assert (name, code) in found


def test_nothing_in_boilerplate_is_a_mention(enriched):
    _, out = enriched
    for prefix, (result, found) in out.items():
        for m in found.entities.mentions:
            assert not any(s.start < m.end and m.start < s.end for s in result.spans), (prefix, m)
    # seed 003's sidebar names Armenia, China, India...; none of them is in its body
    extractor = enriched[0]
    names_003 = {extractor.entities[m.entity_id].name for m in out["003"][1].entities.mentions}
    assert names_003 & {"Armenia", "China", "India", "Afghanistan"} == set()


def test_001_and_004_share_a_story_and_the_others_do_not(enriched):
    _, out = enriched
    docs = []
    for prefix in SEEDS:
        result, found = out[prefix]
        docs.append(StoryDoc(prefix * 6, result.article.published.date, signature(result.article.body),
                             frozenset(m.entity_id for m in found.entities.mentions)))
    docs.sort(key=lambda d: (d.published is None, d.published, d.doc_id))
    stories = {d.doc_id[:3]: story for d, story in zip(docs, assign_in_order(docs))}
    assert stories["001"] == stories["004"]
    assert len({stories[p] for p in ("000", "001", "002", "003")}) == 4
