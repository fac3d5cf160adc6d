"""Quotations in the pure core: marks, multi-paragraph quotes, cues, transcripts, speakers."""

import pytest

from newsmill.entities import EntityExtractor
from newsmill.model import Paragraph
from newsmill.quotes import extract_quotes


def quotes_in(*paragraphs: str):
    """Quotes of a page made of these paragraphs (blank line between), offsets checked."""
    text = "\n\n".join(paragraphs)
    paras, pos = [], 0
    for i, p in enumerate(paragraphs):
        paras.append(Paragraph(i, pos, pos + len(p), p))
        pos += len(p) + 2
    found = extract_quotes(text, paras, EntityExtractor().extract(text, paras))
    for q in found:  # offsets point at the quoted words in the page
        assert text[q.start:q.end].split()[0] == q.text.split()[0]
        assert text[q.start:q.end].split()[-1].rstrip(",") == q.text.split()[-1]
    return [(q.speaker, q.cue, q.text) for q in found]


@pytest.mark.parametrize("paragraphs, expected, reason", [
    (['"We will win," President Ilham Aliyev said.'],
     [("Ilham Aliyev", "said", "We will win")], "straight quotes, named speaker after"),
    (["“The road is open,” said Prime Minister Jana Novakova."],
     [("Jana Novakova", "said", "The road is open")], "curly quotes, verb before the speaker"),
    (["«Nous sommes prêts», a déclaré le ministre. «We are ready», Sergey Lavrov noted."],
     [("Sergey Lavrov", "noted", "We are ready")], "guillemets; a French cue is not in the English cue list"),
    (['Foreign Minister Pedro Alvarez arrived. He said: "The border is calm."'],
     [("Pedro Alvarez", "said", "The border is calm.")], "cue before, pronoun resolved to the nearest person"),
    (['Minister Pedro Alvarez spoke. According to Alvarez, "prices will fall."'],
     [("Pedro Alvarez", "according to", "prices will fall.")], "according to"),
    (['"We are ready," Aliyev said. "The talks can start tomorrow."'],
     [("Ilham Aliyev", "said", "We are ready"), ("Ilham Aliyev", "said", "The talks can start tomorrow.")],
     "an uncued quote right after an attributed one in the same paragraph continues it"),
    (['The film "Night Fire" won a prize for its "quiet" style.'],
     [], "titles and scare quotes have no cue: not quotations"),
    (['President Kassym-Jomart Tokayev arrived.', '"Our goal is peace," the head of state said.'],
     [("Kassym-Jomart Tokayev", "said", "Our goal is peace")], "role reference to the nearest person with that role"),
    (['Writer Ayan Serikov and President Ilham Aliyev met.', '"It was a good day," the president said.'],
     [("Ilham Aliyev", "said", "It was a good day")], "the role picks the president, not the nearer writer"),
])
def test_quotes(paragraphs, expected, reason):
    assert quotes_in(*paragraphs) == expected, reason


def test_multi_paragraph_quote_with_marks_repeated_at_each_paragraph():
    found = quotes_in('Minister Pedro Alvarez spoke.', '"First, we build roads.', '"Second, we build schools.',
                      '"Third, we build ports," Alvarez said.')
    assert found == [("Pedro Alvarez", "said",
                      "First, we build roads.\n\nSecond, we build schools.\n\nThird, we build ports")]


def test_multi_paragraph_quote_with_a_mark_only_at_the_start_and_end():
    found = quotes_in('President Kassym-Jomart Tokayev spoke.', '"First, we build roads.', 'Second, schools.',
                      'Third, ports," the president said.')
    assert found == [("Kassym-Jomart Tokayev", "said", "First, we build roads.\n\nSecond, schools.\n\nThird, ports")]


def test_an_unclosed_mark_is_not_a_quote():
    assert quotes_in('He said "maybe.', 'Then "another one" followed.') == []


def test_transcript_lines_and_labels():
    found = quotes_in("President Ilham Aliyev: Welcome.", "President Kassym-Jomart Tokayev: Thank you.",
                      "Question: Is it true?", "Note: the talks went on.", "President Ilham Aliyev: Yes.")
    assert found == [("Ilham Aliyev", "dialogue", "Welcome."), ("Kassym-Jomart Tokayev", "dialogue", "Thank you."),
                     ("Ilham Aliyev", "dialogue", "Yes.")]


def test_speech_introduced_by_said_colon_runs_while_it_reads_as_speech():
    found = quotes_in("Opening the forum, President Ilham Aliyev said:", "- We welcome our guests.",
                      "Our countries are close friends.", "The sides then signed four documents.")
    assert found == [("Ilham Aliyev", "said", "We welcome our guests.\n\nOur countries are close friends.")]


def test_pronoun_skips_people_named_inside_quotations():
    found = quotes_in("Foreign Minister Pedro Alvarez arrived.",
                      '"I thank Ilham Aliyev," Alvarez said. Then he said, "We agree."')
    assert found == [("Pedro Alvarez", "said", "I thank Ilham Aliyev"), ("Pedro Alvarez", "said", "We agree.")]
