"""Every stage that asks whether a sentence ends knows the Armenian full stop '։' (U+0589).

Armenian pages close sentences with '։', not '.': a stage that missed it would read Armenian
prose as unfinished (joining hard-wrapped lines into the next paragraph, counting no sentences
in a removed span, taking a paragraph for a template line).
"""

from __future__ import annotations

from newsmill import article_check, checks, page_zones, recurring

SENTENCES = "Նախագահը ժամանել է Աստանա։ Բանակցությունները կշարունակվեն վաղը։ Կողմերը ստորագրել են համաձայնագիր։"


def test_body_lost_counts_armenian_sentences():
    assert len(checks._SENTENCE_END.findall(SENTENCES)) == 3


def test_page_zones_sees_an_armenian_sentence_close_and_open():
    assert page_zones._closes_sentence("Բանակցությունները կշարունակվեն վաղը։")
    assert page_zones._INNER_SENTENCE_END.search(SENTENCES)


def test_article_check_reads_armenian_prose_as_sentences():
    assert article_check._rules()["_sentence_end"].search("Բանակցությունները կշարունակվեն վաղը։")


def test_recurring_lines_take_an_armenian_paragraph_for_prose():
    rules = recurring.load_rules()
    assert recurring.is_prose("Կողմերը ստորագրել են համաձայնագիր " * 3 + "վաղը։", rules)
