"""The speed shortcuts of entity and quote extraction give the answers the plain logic gives.

Each shortcut (remembered fuzzy verdicts, roles found on first use, one mark scan per body,
str.split whitespace) is checked against the behaviour it stands for; the whole-output check
on hundreds of documents is bench/enrichment_equivalence.py.
"""

import pytest

from newsmill.entities import EntityExtractor
from newsmill.gazetteer import Entity, make_entity_id
from newsmill.model import Paragraph
from newsmill.quotes import _collapse_ws, extract_quotes, load_cues
from newsmill.text import collapse_ws


def paragraphs_of(*texts: str, gap: str = "\n\n") -> tuple[str, list[Paragraph]]:
    page, paras = "", []
    for i, t in enumerate(texts):
        if i:
            page += gap
        paras.append(Paragraph(i, len(page), len(page) + len(t), t))
        page += t
    return page, paras


def person(name: str) -> Entity:
    return Entity(make_entity_id("PERSON", name), name, "PERSON")


@pytest.mark.parametrize("known, asked, expected, reason", [
    (["Oleksandra Kovalenko"], "Oleksandra Kovalenco", "Oleksandra Kovalenko", "close surname and given name"),
    (["Jana Novakova"], "Petra Novakova", None, "same surname, another given name: a namesake"),
    (["Recep Tayyip Erdoğan"], "Recep Erdoğan", "Recep Tayyip Erdoğan",
     "a given name that is the leading part of the known one"),
    (["Anna Berg", "Anne Berg"], "Anna Berg", "Anna Berg", "the exact given name scores highest"),
    (["Maria Lopez", "Marie Lopez"], "Mariа Lopez", "Maria Lopez",  # Cyrillic 'а': ties to the first registered
     "equal scores: the person registered first"),
])
def test_known_person(known, asked, expected, reason):
    extractor = EntityExtractor([person(n) for n in known])
    found = extractor.known_person(asked)
    assert (found.name if found else None) == expected, reason


def test_a_remembered_verdict_is_dropped_when_someone_new_is_registered():
    extractor = EntityExtractor()
    assert extractor.known_person("Oskar Lindqvist") is None          # remembered: nobody close
    extractor.resolve_person("Oskar Lindkvist")                       # a new person (and a new surname)
    found = extractor.known_person("Oskar Lindqvist")                 # the verdict is stale: asked again
    assert found is not None and found.name == "Oskar Lindkvist"


def test_an_answer_does_not_depend_on_what_the_extractor_remembers():
    """The same page gives the same mentions to a fresh extractor and to one that read it before."""
    page, paras = paragraphs_of(
        "Prime Minister Jana Novakova met writer Ayan Serikov in Baku on Monday.",
        "\"The talks went well,\" Novakova said, and Serikov agreed with the National Bank of Ruritania.")
    warm = EntityExtractor()
    first = warm.extract(page, paras)
    again = warm.extract(page, paras)
    fresh = EntityExtractor().extract(page, paras)
    assert first.mentions == again.mentions == fresh.mentions
    assert [(r.start, r.entity.name, r.roles) for r in again.persons] == \
           [(r.start, r.entity.name, r.roles) for r in fresh.persons]


@pytest.mark.parametrize("text, name, roles, reason", [
    ("Prime Minister Jana Novakova spoke.", "Jana Novakova", {"prime minister", "premier", "head of government",
                                                              "leader"}, "the roles of the title before the name"),
    ("The novel by writer Ayan Serikov sold well.", "Ayan Serikov", {"writer"}, "a role noun before the name"),
    ("Ayan Serikov said nothing.", "Ayan Serikov", set(), "no title, no role noun"),
    ("President Ilham Aliyev arrived.", "Ilham Aliyev", {"president", "head of state", "leader"},
     "a curated person: the title's roles and the curated ones"),
])
def test_roles_found_on_first_use(text, name, roles, reason):
    page, paras = paragraphs_of(text)
    refs = [r for r in EntityExtractor().extract(page, paras).persons if r.entity.name == name]
    assert refs and refs[0].roles == frozenset(roles) | refs[0].entity.roles, reason
    assert refs[0].roles is refs[0].roles, "found once, then kept"


@pytest.mark.parametrize("texts, gap, expected, reason", [
    (['"The first part,', "a paragraph without marks,", 'and the end," Aliyev said.'], "\n\n",
     [("Ilham Aliyev", "The first part,\n\na paragraph without marks,\n\nand the end")],
     "a quotation runs over a paragraph that holds no mark"),
    (['He arrived.', 'She left.'], '\n"Read also: ignored"\n',
     [], "marks between paragraphs (removed text) are not the body's"),
    (['"Unclosed and then', *["More text."] * (load_cues().max_quote_paragraphs + 1), 'Finally," Aliyev said.'],
     "\n\n", [], "a mark left open past the paragraph limit is dropped"),
])
def test_marks_scanned_once_per_body(texts, gap, expected, reason):
    page, paras = paragraphs_of(*texts, gap=gap)
    found = extract_quotes(page, paras, EntityExtractor().extract(page, paras))
    assert [(q.speaker, q.text) for q in found] == expected, reason


@pytest.mark.parametrize("text", [
    "  plain  words ", "tab\tand\nnewline\r\n", "no\u00a0break\u202fspaces", "ideographic\u3000space",
    "separators\x1c\x1d\x1e\x1fhere", "next\x85line", "zero\u200bwidth is not whitespace", "", "   ",
])
def test_whitespace_collapse_matches_text_module(text):
    assert _collapse_ws(text) == collapse_ws(text)
