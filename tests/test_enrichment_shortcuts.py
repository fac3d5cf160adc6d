"""The speed shortcuts of entity and quote extraction give the answers the plain logic gives.

Each shortcut (remembered fuzzy verdicts, roles found on first use, one mark scan per body,
str.split whitespace, organisation heads found by the gazetteer automaton) is checked against the behaviour it stands for; the whole-output check
on hundreds of documents is bench/enrichment_equivalence.py.
"""

import re

import pytest

import newsmill.quotes as quotes_module
from newsmill.entities import DocEntities, EntityExtractor, PersonRef
from newsmill.gazetteer import Entity, _single_words, load_gazetteer, make_entity_id
from newsmill.model import Paragraph
from newsmill.quotes import _mark_positions, extract_quotes, load_cues
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
def test_whitespace_collapse_matches_the_regex_rule(text):
    """Quotations are collapsed with text.collapse_ws (str.split): the rule it stands for is the regex one."""
    assert collapse_ws(text) == re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("text, start, end, reason", [
    ('He said "yes", then «non» and “maybe” too.', 0, None, "every mark family, in page order"),
    ('"a" "b" ""', 0, None, "adjacent and empty quotations"),
    ('x "inside" y', 3, 9, "only the marks within [start, end)"),
    ("no marks at all", 0, None, "nothing to find"),
    ('»reversed« and ‘single’ quotes', 0, None, "single quotes are not quotation marks here"),
])
def test_mark_positions_match_a_character_class(text, start, end, reason):
    end = len(text) if end is None else end
    assert _mark_positions(text, start, end) == [m.start() for m in re.finditer(r"[\"“”«»]", text[:end]) if m.start() >= start], reason


@pytest.mark.parametrize("text, expected, reason", [
    ("The National Bank of Kazakhstan raised rates.", ["National Bank of Kazakhstan"],
     "capitalised words before the head, an of-phrase after it, the leading article dropped"),
    ("Officials at Databank Council met.", ["Databank Council"],
     "a head inside a word (Databank) is no head; the whole-word one after it is"),
    ("The Banking Union rules changed.", ["Banking Union"], "a head that does not end a word (Banking) is no head"),
    ("Members of the Security Council", ["Security Council"], "a head ending the paragraph"),
    ("The Euro-Bank Foundation opened an office.", ["Euro-Bank Foundation"],
     "a head after a hyphen counts as a head, and the hyphenated word is part of the name"),
])
def test_organisation_heads_found_by_the_automaton(text, expected, reason):
    page, paras = paragraphs_of(text, "Another paragraph.")
    ex = EntityExtractor()
    found = ex.extract(page, paras)
    orgs = [m.surface for m in found.mentions if ex.entities[m.entity_id].type == "ORG"]
    assert orgs == expected, reason


def test_organisation_heads_must_be_single_words():
    with pytest.raises(ValueError, match="single words"):
        _single_words(["Bank", "Central Bank"], "org_heads")


def test_automaton_matches_by_end_longest_first():
    gaz = load_gazetteer()
    text = "Delegations from Bosnia and Herzegovina, Kazakhstan and the Kazakh steppe met in Almaty."
    matches = gaz.scan(text, 0, len(text))
    assert matches and matches == sorted(matches, key=lambda m: (m[2], m[1])), "the order _candidate's hit_at relies on"
    assert gaz.scan(text, 17, 40) == [m for m in matches if m[1] >= 17 and m[2] <= 40], "a slice: offsets of the page"


@pytest.mark.parametrize("text, speaker, reason", [
    ('Foreign Minister Anna Kowalska met Piotr Nowak. "We agree," the minister said.', "Anna Kowalska",
     "a title gives the role"),
    ('Anna Kowalska met Piotr Nowak. "We agree," the minister said.', "the minister",
     "the role is written nowhere before the quotation: no search, nobody has it"),
    ('FOREIGN MINISTER Anna Kowalska met Piotr Nowak. "We agree," the minister said.', "Anna Kowalska",
     "a title in capitals"),
    ('Foreıgn Mınıster Anna Kowalska met Piotr Nowak. "We agree," the minister said.', "the minister",
     "dotless i: the title regex may match, but the role lookup compares lower-cased words"),
    ('İstanbul talks: Foreign Minister Anna Kowalska met Piotr Nowak. "We agree," the minister said.',
     "Anna Kowalska", "a capital dotted İ makes lower() longer: no shortcut"),
    ('The writer Kemel Tokayev met Piotr Nowak. "It was long ago," the writer said.', "Kemel Tokayev",
     "a role noun gives the role"),
    ('Kassym-Jomart Tokayev met Piotr Nowak. "We agree," the head of state said.', "Kassym-Jomart Tokayev",
     "curated roles decide where no title or role noun is written"),
])
def test_role_lookup_skips_searches_only_where_no_role_is_written(text, speaker, reason, monkeypatch):
    import newsmill.quotes as quotes

    page, paras = paragraphs_of(text)
    shortcut = [(q.speaker, q.text) for q in extract_quotes(page, paras, EntityExtractor().extract(page, paras))]
    monkeypatch.setattr(quotes, "_may_be_written", lambda text, end, sources: True)
    plain = [(q.speaker, q.text) for q in extract_quotes(page, paras, EntityExtractor().extract(page, paras))]
    assert shortcut == plain and [q[0] for q in shortcut] == [speaker], reason


@pytest.mark.parametrize("texts, gap, quotes_found, reason", [
    (["Ilham Aliyev: Welcome.", "Kassym-Jomart Tokayev: Thank you.", "Ilham Aliyev: Let us begin."], "\n\n", 3,
     "a dialogue: every paragraph holds a colon"),
    (["The talks went on.", "President Ilham Aliyev said:", "We will build the road.", "We agree on it."], "\n\n", 1,
     "a speech introduced by a paragraph ending with a colon, then paragraphs without one"),
    (["He arrived.", "She left.", "Ilham Aliyev: Yes."], "\nNote: removed\n", 1,
     "colons between paragraphs (removed text) are skipped; the last paragraph's is visited"),
    (["No colon here.", "Nor here."], "\n\n", 0, "nothing to visit"),
])
def test_speech_scan_visits_colon_paragraphs_only(texts, gap, quotes_found, reason, monkeypatch):
    import newsmill.quotes as quotes

    page, paras = paragraphs_of(*texts, gap=gap)
    found = [(q.speaker, q.text, q.cue) for q in extract_quotes(page, paras, EntityExtractor().extract(page, paras))]
    monkeypatch.setattr(quotes, "_colon_paragraphs", lambda text, paragraphs: list(range(len(paragraphs))))
    plain = [(q.speaker, q.text, q.cue) for q in extract_quotes(page, paras, EntityExtractor().extract(page, paras))]
    assert found == plain and len(found) == quotes_found, reason


def _ref(start: int, end: int) -> PersonRef:
    return PersonRef(start, end, person(f"Person {start}"), frozenset())


@pytest.mark.parametrize("spans, asked, reason", [
    ([(0, 30), (5, 8), (40, 45)], [(6, 7), (31, 35), (44, 50), (29, 41), (0, 1), (50, 60)],
     "a long reference first: it still covers positions far after the start of a later one"),
    ([(10, 12), (10, 20), (15, 16)], [(11, 12), (16, 17), (9, 10), (20, 21), (12, 15)],
     "references sharing a start, nested ones"),
    ([], [(0, 5)], "no reference at all"),
])
def test_person_at_is_the_first_overlapping_reference(spans, asked, reason):
    refs = [_ref(s, e) for s, e in spans]
    doc = DocEntities([], refs)
    for start, end in asked:
        plain = next((r for r in refs if r.start < end and start < r.end), None)
        assert doc.person_at(start, end) is plain, f"{reason}: [{start}, {end})"


@pytest.mark.parametrize("quotes, starts, reason", [
    ([(0, 50), (10, 20)], [5, 25, 49, 50, 60], "a quotation inside a longer one: the furthest end counts"),
    ([(10, 20), (30, 40)], [0, 10, 19, 20, 35, 40], "starts covered, ends not"),
    ([], [1, 2], "no quotation"),
])
def test_persons_outside_quotations(quotes, starts, reason):
    raws = [quotes_module._Raw(s, e, "x") for s, e in quotes]
    refs = [_ref(s, s + 3) for s in starts]
    plain = [r for r in refs if not any(q.start <= r.start < q.end for q in raws)]
    assert quotes_module._outside(refs, raws) == plain, reason
