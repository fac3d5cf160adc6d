"""Extraction-quality warnings (newsmill/checks.py): table-driven, a reason per case."""

from datetime import date

import pytest

from newsmill import checks
from newsmill.core import process_text
from newsmill.model import Article, Paragraph, PublishedDate
from newsmill.outlets import load_outlets

REGISTRY = load_outlets()

NAV_TITLES = [
    ("Home", "one section name is a menu item, not a headline"),
    ("News | Politics | Economy", "a menu bar of section names"),
    ("Главная", "Russian 'home'"),
    ("Ana səhifə", "a two-word section name (Azerbaijani 'home page')"),
    ("Site » World » Europe » Germany votes", "a breadcrumb trail of four segments"),
    ("Next article", "a navigation link"),
    ("Advertisement", "an ad-slot label"),
    ("EN RU AZ", "a language switcher"),
    ("»", "a lone symbol"),
]
HEADLINES = [
    ("Germany votes in snap election amid economic gloom", "an ordinary headline"),
    ("Markets | Trend", "a headline with a site suffix: two segments, not a trail"),
    ("World Bank raises Azerbaijan growth forecast", "a headline that starts with a section word"),
    ("Politics of water: Central Asia's shrinking rivers", "section word inside a real headline"),
    ("Новости спорта: сборная вышла в финал", "a Russian headline with a section word"),
]


@pytest.mark.parametrize("title,why", NAV_TITLES)
def test_navigation_titles_are_flagged(title, why):
    assert checks.navigation_title(title), why


@pytest.mark.parametrize("title,why", HEADLINES)
def test_headlines_are_not_flagged(title, why):
    assert checks.navigation_title(title) is None, why


NOT_NAMES = [
    ("Politics Economy", "section names read as a byline"),
    ("Latest News", "a menu item"),
    ("Follow Us", "a share prompt"),
    ("Read Also", "a cue"),
    ("John Smith 2024", "a date stuck to the name"),
    ("editor@site.az", "an e-mail address"),
    ("Azernews", "an outlet, not a person"),
    ("john smith", "no capital letter where a name has one"),
    ("The Minister Of Foreign Affairs Said Today", "too many words for a name"),
]
NAMES = [
    ("John Smith", "a plain name"),
    ("Anna-Maria O'Neil", "hyphen and apostrophe"),
    ("Иван Петров", "Cyrillic"),
    ("Ləman Məmmədova", "Azerbaijani letters"),
    ("J. R. Hartley", "initials"),
    ("Ludwig van Beethoven", "a lowercase particle between capitalised words"),
]


@pytest.mark.parametrize("name,why", NOT_NAMES)
def test_authors_that_are_not_names_are_flagged(name, why):
    assert checks.author_problem(name, REGISTRY), why


@pytest.mark.parametrize("name,why", NAMES)
def test_names_pass(name, why):
    assert checks.author_problem(name, REGISTRY) is None, why


URLS = [
    ("https://x.az/news/2024/03/15/slug", date(2024, 3, 15), "slashes"),
    ("https://x.az/2024-3-5-slug.html", date(2024, 3, 5), "dashes, no zero padding"),
    ("https://x.az/news/20240315-slug", date(2024, 3, 15), "glued digits"),
    ("https://x.az/news/123456789", None, "an article id is not a date"),
    ("https://x.az/2024/02/31/x", None, "not a calendar date"),
    ("https://x.az/news/slug?date=2024-03-15", None, "only the path counts"),
    (None, None, "no URL"),
]


@pytest.mark.parametrize("url,expected,why", URLS)
def test_url_dates(url, expected, why):
    assert checks.url_date(url) == expected, why


def _article(**kw) -> Article:
    base = dict(title="Wheat harvest breaks record", title_source="headline", outlet=None, authors=[],
                dateline=None, published=PublishedDate(), language="en",
                paragraphs=[Paragraph(0, 0, 10, "The harvest was good this year, officials said.")])
    return Article(**{**base, **kw})


def test_language_mismatch_only_for_single_language_outlets():
    one = next(o for o in REGISTRY if o.language)
    several = next(o for o in REGISTRY if o.language is None)
    other = "ru" if one.language != "ru" else "en"
    assert checks.language_mismatch(_article(outlet=one.name, language=other), REGISTRY)
    assert checks.language_mismatch(_article(outlet=one.name, language=one.language), REGISTRY) is None
    assert checks.language_mismatch(_article(outlet=several.name, language="ru"), REGISTRY) is None, \
        "an outlet with several language editions has no usual language"
    assert checks.language_mismatch(_article(outlet=None, language="ru"), REGISTRY) is None


def test_url_date_mismatch_allows_a_little_slack():
    on_time = _article(published=PublishedDate(date=date(2024, 3, 16)))
    late = _article(published=PublishedDate(date=date(2024, 4, 16)))
    url = "https://x.az/2024/03/15/slug"
    assert checks.url_date_mismatch(on_time, url) is None, "a day apart: time zones"
    assert "2024-03-15" in checks.url_date_mismatch(late, url)


HARD_WRAPPED_LIST = """Farmers expect record wheat harvest this year

The ministry of agriculture said on Monday that farmers expect a record wheat harvest after a wet spring.

Officials said storage capacity would be expanded before the autumn to keep grain prices stable.

More from the region: Parliament passes budget amid street protests 15.03.2024 Government
announces new tax relief for small farmers 14.03.2024 Central bank holds rates steady as
inflation slows 13.03.2024 Railway link to the port opens after two years 12.03.2024
"""
CLEAN = """Farmers expect record wheat harvest this year

The ministry of agriculture said on Monday that farmers expect a record wheat harvest after a wet
spring across the northern regions, with yields up a fifth on last year.

Officials said storage capacity would be expanded before the autumn to keep grain prices stable.
"""


def test_residue_of_a_hard_wrapped_headline_list_is_found_with_its_text():
    result = process_text(HARD_WRAPPED_LIST, registry=REGISTRY)
    assert result.article is not None  # the cleaner let the list through: joined lines hide its shape
    found = [f for f in checks.extraction_findings(result, registry=REGISTRY) if f.kind == checks.RESIDUE]
    assert len(found) == 1
    assert found[0].sample["kind"] == "related_headlines" and "Parliament passes budget" in found[0].sample["text"]
    assert found[0].sample["para_no"] == 2


def test_clean_article_has_no_findings():
    result = process_text(CLEAN, registry=REGISTRY)
    assert checks.extraction_findings(result, registry=REGISTRY) == []


def test_residue_scope_all_reads_paragraphs_the_cleaner_saw_whole():
    paras = [Paragraph(0, 0, 60, "The ministry said the harvest was the best in a decade, officials said."),
             Paragraph(1, 62, 74, "11 Comments")]
    page = "\n\n".join(p.text for p in paras)
    paras = [Paragraph(0, 0, len(paras[0].text), paras[0].text),
             Paragraph(1, len(paras[0].text) + 2, len(page), "11 Comments")]
    assert checks.residue(paras, page) == [], "both paragraphs are whole lines the cleaner already judged"
    (hit,) = checks.residue(paras, page, scope="all")
    assert hit["kind"] == "comments" and hit["text"] == "11 Comments" and hit["para_no"] == 1


LOST_P1 = ("Frankfurt (dpa) - For a novel about the old republic the author has won this year's book "
           "prize. The jury praised the book as a bold and funny portrait of a whole era. ")
LOST_P2 = ("The prize is among the most important awards in the trade. It was handed over on Monday "
           "evening at the start of the book fair, in front of several hundred guests. ")


def _html_result(body_html: str):
    from newsmill.decode import html_to_page

    page = html_to_page(f"<html><body><header><a href='/'>Home</a> <span>Article</span></header>{body_html}</body></html>")
    return process_text(page.page_text, meta=page.meta, blocks=page.blocks)


def test_body_lost_flags_an_article_removed_with_the_sidebar_around_it():
    """The article sits in an <aside> without any marker saying it is the article: the cleaner
    removes it with the sidebar and keeps the header's words. Loaded, but flagged."""
    result = _html_result(f"<aside class='direct'><section><p>{LOST_P1 * 2}</p><p>{LOST_P2 * 2}</p></section></aside>")
    found = checks.body_lost(result)
    assert found and found["kind"] == "promo" and found["body_chars"] < 20 and found["text"].startswith("Frankfurt")
    assert checks.BODY_LOST in {f.kind for f in checks.extraction_findings(result)}


def test_body_lost_is_quiet_on_a_kept_article_and_on_long_comments_under_a_short_story():
    kept = _html_result(f"<main><article><h1>Author wins the book prize</h1><p>{LOST_P1 * 2}</p><p>{LOST_P2 * 2}</p>"
                        "</article></main><footer><p>© 2015 Example. All rights reserved.</p></footer>")
    assert kept.article.body and checks.body_lost(kept) is None
    story = _html_result(f"<main><article><h1>Author wins the book prize</h1><p>{LOST_P1}</p><p>{LOST_P2}</p>"
                         f"</article><div id='comments'><p>{LOST_P2 * 3}</p></div></main>")
    assert checks.body_lost(story) is None  # a reader's comment may outgrow a short story
