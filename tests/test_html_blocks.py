"""Tests for the HTML path: DOM features per block and the block classifier."""

from __future__ import annotations

import pytest

from newsmill.core import process_text
from newsmill.decode import html_to_page
from newsmill.html_classify import classify_blocks
from newsmill.htmlblocks import hints_of, parse_blocks
from newsmill.layout import overlaps, unaccounted
from newsmill.text import split_lines

# (class/id string, expected hint names, reason)
HINT_CASES = [
    ("social-share", {"share"}, "dash-separated words"),
    ("relatedPosts", {"related"}, "camelCase is split"),
    ("read-more", {"related"}, "joined neighbours: read + more = readmore"),
    ("ad-slot top", {"advert"}, "'ad' as a whole token"),
    ("shadow header-inner", set(), "'ad' inside a word is not an advert"),
    ("comment-list", {"comments"}, "comments section"),
    ("cookie-consent", {"cookie"}, "consent banner"),
    ("newsletter-signup", {"subscribe"}, "newsletter box"),
    ("tag-list", {"tags"}, "tag list"),
    ("author-bio", {"author"}, "author bio"),
    ("weather-widget", {"widget"}, "weather widget"),
    ("author-signature", {"author"}, "an author's signature box"),
    ("article-body", {"content"}, "'article*' prefix: a content hint"),
    ("tag-wework category-news", set(), "WordPress post classes are not a tag list"),
]


@pytest.mark.parametrize("attrs,expected,reason", HINT_CASES)
def test_hints_of(attrs: str, expected: set[str], reason: str) -> None:
    assert set(hints_of(attrs)) == expected, reason


def test_blocks_are_the_lines_of_page_text_with_features() -> None:
    dom = parse_blocks(
        "<body><nav class='main-menu'><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        "<article><p><a href='/x'>A linked headline of some length</a> and its snippet</p>"
        "<p>Plain <b>bold</b> prose.</p></article><footer>© 2024 Site</footer></body>"
    )
    lines = split_lines(dom.page_text)
    assert [(line.start, line.end) for line in lines] == [(b.start, b.end) for b in dom.blocks]
    nav, teaser, prose, foot = dom.blocks
    assert "navigation" in nav.regions and "menu" in nav.hints and nav.link_density > 0.8
    assert teaser.lead_link_chars == len("A linked headline of some length")
    assert dom.page_text[prose.start : prose.end] == "Plain bold prose."
    assert prose.link_chars == 0 and prose.tag == "p" and "article" in prose.path
    assert "footer" in foot.regions


def test_blocks_of_only_invisible_characters_are_not_blocks() -> None:
    dom = parse_blocks("<body><p>First paragraph.</p><p>\u200b</p><p>\ufeff \u200b</p><p>Second.</p></body>")
    assert dom.page_text == "First paragraph.\n\nSecond.\n"
    assert len(dom.blocks) == 2


def test_hidden_and_small_forms_are_not_text_but_page_wide_forms_are() -> None:
    long_text = "An article paragraph that is long enough to be the page. " * 15
    dom = parse_blocks(
        f"<body><form id='aspnetForm'><p>{long_text}</p><form><input>Search</form></form>"
        "<div style='display: none'>hidden</div><div hidden>also hidden</div></body>"
    )
    assert long_text.strip() in dom.page_text
    assert "Search" not in dom.page_text and "hidden" not in dom.page_text


PARA = (
    "The ministers met in the capital on Tuesday to discuss the new agreement, "
    "officials said, adding that talks would continue next month."
)


def page(article_inner: str, around: str = "") -> str:
    return f"""<html><head><title>Ministers meet | Site</title></head><body>
    <header><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li>
    <li><a href="/s">Sport</a></li></ul></nav></header>
    <main><h1>Ministers meet to discuss the agreement</h1>
    <div class="story-body">{article_inner}</div></main>
    {around}
    <footer><p>© 2024 Example News. All rights reserved.</p><p><a href="/p">Privacy</a></p></footer>
    </body></html>"""


SIDEBAR = """<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/1">Storm hits the coast as thousands lose power</a></li>
<li><a href="/2">Central bank keeps interest rates on hold</a></li></ul>
<p>A long promotional text in the sidebar that talks about a subscription offer for readers of the site.</p></aside>"""

# (inner article HTML, text that must be kept, {text: kind} that must be labelled, reason)
CLASSIFIER_CASES = [
    (
        f"<p>{PARA}</p><p>{PARA.replace('Tuesday', 'Monday')}</p>"
        "<div class='share-bar'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>",
        [PARA],
        {"Facebook Twitter": "share", "Home": "navigation", "Most read": "promo",
         "© 2024 Example News. All rights reserved.": "footer"},
        "share bar inside the article, sidebar and footer outside it",
    ),
    (
        f"<p>{PARA}</p><div class='related-articles'><h4>Related</h4><ul>"
        "<li><a href='/a'>Talks collapse over border dispute</a></li></ul></div><p>Final words of the story here.</p>"
        f"<p>{PARA.replace('capital', 'city')}</p>",
        [PARA, "Final words of the story here."],
        {"Talks collapse over border dispute": "related_headlines", "Related": "related_headlines"},
        "related block in the middle of the article; the paragraph after it is kept",
    ),
    (
        f"<p>{PARA}</p><p>{PARA}</p><div class='post-tags'><a href='/t/a'>Diplomacy</a>, "
        "<a href='/t/b'>Trade</a></div><div class='author-bio'><p>Jane Doe covers diplomacy "
        "for the paper and has reported from forty countries over twenty years.</p></div>"
        "<div id='comments'><p>Great article, thanks for writing it, I learned a lot today.</p></div>",
        [PARA],
        {"Diplomacy, Trade": "tags",
         "Jane Doe covers diplomacy for the paper and has reported from forty countries over twenty years.": "author_bio",
         "Great article, thanks for writing it, I learned a lot today.": "comments"},
        "tag list, author bio and comments under the article",
    ),
    (
        f"<div class='paywall-subscribe'><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div>",
        [PARA],
        {"Home": "navigation"},
        "a 'subscribe' class on the wrapper of several paragraphs does not condemn the article",
    ),
    (
        f"<p>Our family always celebrates anniversaries, but not this week, {PARA}</p><p>{PARA}</p>",
        [PARA],
        {"Storm hits the coast as thousands lose power": "promo"},
        "the article wins over a sidebar with prose in it",
    ),
]


PARA2 = (
    "Opposition leaders criticised the deal in parliament, saying it had been negotiated "
    "behind closed doors and without a vote."
)
CARDS = "".join(
    f"<div class='card'><h3><a href='/s{i}'>Another story headline number {i} for the list</a></h3>"
    f"<p>Teaser {i}: a short summary of that other story that reads like a sentence.</p></div>"
    for i in range(2)
)

# Rules added for the AEB benchmark, each with a case that must be removed and one that must stay.
CLASSIFIER_CASES += [
    (
        f"<p>{PARA}</p><figure><img src='a.jpg'><figcaption>The minister arrives at the talks "
        f"on Tuesday. Photo: Jane Roe</figcaption></figure><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2],
        {"The minister arrives at the talks on Tuesday. Photo: Jane Roe": "photo_credit"},
        "a figure caption inside the article container is a caption, not article text",
    ),
    (
        f"<p>{PARA}</p><div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>Delegates "
        f"gather in the hall before the vote on the agreement.</p></div><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2],
        {"Delegates gather in the hall before the vote on the agreement.": "photo_credit"},
        "a caption class (not a figcaption tag) inside the article container",
    ),
    (
        f"<div class='caption-wrapper'><p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p></div>",
        [PARA, PARA2],
        {},
        "a 'caption' class on the wrapper of several paragraphs does not condemn the article",
    ),
    (
        f"<p>{PARA}</p><div><img src='a.jpg'><span class='newsCaption'>Delegates gather in the hall "
        f"<span>(Image: Getty)</span></span></div><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2],
        {"Delegates gather in the hall (Image: Getty)": "photo_credit"},
        "an inline element holding the whole block lends it its hint (a caption <span> in a <div>)",
    ),
    (
        f"<p>{PARA}</p><p>The talks, <span class='caption'>as pictured above,</span> went on until "
        f"late in the evening and ended without a final statement.</p><p>{PARA2}</p>",
        [PARA, PARA2, "The talks, as pictured above, went on until late in the evening and ended "
         "without a final statement."],
        {},
        "an inline element holding only part of a paragraph does not lend it its hint",
    ),
    (
        f"<p>{PARA}</p><div class='article-gallery'><div class='gallery-overlay-title'>Ministers "
        f"meet</div><div class='slide-count'>1 / 8</div><div class='close-overlay'>Back to "
        f"gallery</div></div><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2],
        {"1 / 8": "photo_credit", "Back to gallery": "photo_credit"},
        "photo-gallery chrome (counter, close button) inside the article container",
    ),
    (
        f"{f'<p>{PARA}</p><p>{PARA2}</p>' * 4}<div class='newsletter-letter'><h5>A word to our readers</h5>"
        "<p>Most of our reporting begins when readers ask us a question, and those questions send "
        "our reporters out every single day.</p><p>We do this work at no cost to you, but it is far "
        "from free to produce, and we cannot afford to slow down now.</p><p>Support us so that we "
        "can continue to pursue the facts for you and for anyone searching for answers.</p></div>",
        [PARA, PARA2],
        {"We do this work at no cost to you, but it is far from free to produce, and we cannot afford "
         "to slow down now.": "promo"},
        "a three-paragraph newsletter box under an eight-paragraph article is a promo, not the "
        "article's wrapper (the paywall-wrapper case above holds all the prose)",
    ),
    (
        f"<p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p>{CARDS}",
        [PARA, PARA2],
        {"Another story headline number 1 for the list": "navigation"},
        "the linked headlines of teaser cards (headline + snippet) at the end of the article container",
    ),
    (
        f"<p>{PARA}</p><h3><a href='/p/1'>Acme 65W USB-C charger</a></h3><p>{PARA2}</p><p>{PARA}</p>"
        f"<h3><a href='/p/2'>Acme wireless charging pad</a></h3><p>{PARA}</p><p>{PARA2}</p>",
        [PARA, PARA2, "Acme 65W USB-C charger", "Acme wireless charging pad"],
        {},
        "a linked subheading followed by paragraphs of the article is a subheading (buying guide); "
        "one followed by a lone snippet is a teaser card (case above)",
    ),
]


# Found on pages outside every development set (mozilla/readability's test pages, read locally):
# a signature box kept as article text.  Embedded social posts stay article text on purpose:
# an official's tweet is often the statement the story reports (and a quote for the quotes
# table); the article benchmark (AEB) counts them as article body too, and labelling them
# cut its F1 from 0.972 to 0.967.
QUOTE = ("The agreement is a first step, and we expect the technical teams to meet again "
         "before the end of the month to settle the remaining questions.")
TWEET = "Big day at the summit, the ministers are still talking and more is coming soon"
CLASSIFIER_CASES += [
    (
        f"<p>{PARA}</p><blockquote class='twitter-tweet'><p lang='en'>{TWEET}</p>&mdash; Jane Roe "
        f"(@janeroe) <a href='https://twitter.com/x/1'>March 4, 2024</a></blockquote><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2, TWEET],
        {},
        "an embedded tweet inside the article is a statement the article reports",
    ),
    (
        f"<p>{PARA}</p><blockquote><p>{QUOTE}</p></blockquote><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2, QUOTE],
        {},
        "a plain blockquote is a quotation in the article, not an embed",
    ),
    (
        f"<p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p><div class='signature'><ul><li>Jane Roe, diplomatic "
        "correspondent, reports on the region from the capital</li></ul></div>",
        [PARA, PARA2],
        {"Jane Roe, diplomatic correspondent, reports on the region from the capital": "author_bio"},
        "an author signature box under the article",
    ),
]


DATED_CARDS = "".join(
    f"<div class='card'><h3><a href='/d{i}'>Another dated story headline number {i}</a></h3>"
    f"<div>March {i + 3}, 2024</div><p>Teaser {i}: a short summary of that story, a sentence long.</p></div>"
    for i in range(2)
)
CLASSIFIER_CASES += [
    (
        f"<p>{PARA}</p><h3><a href='/s/trademark'>A trademark battle in the community</a></h3>"
        f"<div>By Jane Roe</div><div>March 25, 2024</div><p>{PARA2}</p><p>{PARA}</p>",
        [PARA, PARA2, "A trademark battle in the community"],
        {},
        "a story's linked heading with its byline and date before the text (a weekly edition "
        "of several stories) heads prose: it is kept",
    ),
    (
        f"<p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p>{DATED_CARDS}",
        [PARA, PARA2],
        {"Another dated story headline number 1": "navigation"},
        "teaser cards with a date between the linked headline and the snippet are still cards",
    ),
]


@pytest.mark.parametrize("inner,keep,labelled,reason", CLASSIFIER_CASES)
def test_block_classifier(inner: str, keep: list[str], labelled: dict[str, str], reason: str) -> None:
    html_page = html_to_page(page(inner, SIDEBAR))
    result = process_text(html_page.page_text, meta=html_page.meta, blocks=html_page.blocks)
    assert result.article is not None, reason
    body = [p.text for p in result.article.paragraphs]
    for text in keep:
        assert text in body, f"{reason}: {text!r} not kept in {body}"
    by_text = {html_page.page_text[s.start : s.end]: s for s in result.spans}
    for text, kind in labelled.items():
        assert text in by_text, f"{reason}: {text!r} not labelled; spans {sorted(by_text)}"
        assert by_text[text].kind == kind and by_text[text].rule, (reason, by_text[text])
    assert result.article.title == "Ministers meet to discuss the agreement", reason
    assert not unaccounted(result.page_text, result.article.paragraphs, result.spans), reason
    assert not overlaps([*result.article.paragraphs, *result.spans]), reason


def test_the_markups_article_body_outweighs_an_aside_around_it() -> None:
    """A short agency item wrapped in an <aside> (found on a page outside every development
    set): with itemprop=articleBody the page says where its article is, and the aside's sidebar
    region no longer condemns it; an aside that says nothing of the kind is still a sidebar."""
    item = ("<main><aside class='direct-content'><section><article><h1>Ministers meet to discuss the agreement</h1>"
            f"<div itemprop='articleBody'><p>{PARA}</p><p>{PARA2}</p></div></article></section></aside></main>")
    dom = html_to_page(f"<html><body><header><a href='/'>Home</a> <span>Article</span></header>{item}</body></html>")
    result = process_text(dom.page_text, meta=dom.meta, blocks=dom.blocks)
    assert [p.text for p in result.article.paragraphs] == [PARA, PARA2]
    plain = html_to_page(page(f"<p>{PARA}</p><p>{PARA.replace('Tuesday', 'Monday')}</p>", SIDEBAR))
    result = process_text(plain.page_text, meta=plain.meta, blocks=plain.blocks)
    assert "A long promotional text in the sidebar" not in result.article.body


def test_a_text_span_over_several_lines_explains_the_dom_labelled_line_inside_it() -> None:
    inner = (
        f"<p>{PARA}</p><p>{PARA2}</p><p>related news</p><h3><a href='/x'>Investors bullish on growth, "
        "says a strategist at a bank</a></h3><h3>Taking Stock: what is driving the rally today</h3>"
        f"<p>{PARA}</p>"
    )
    html_page = html_to_page(page(inner, SIDEBAR))
    result = process_text(html_page.page_text, meta=html_page.meta, blocks=html_page.blocks)
    assert not overlaps([*result.article.paragraphs, *result.spans])
    assert not unaccounted(result.page_text, result.article.paragraphs, result.spans)
    assert not any("Investors bullish" in p.text for p in result.article.paragraphs)


def test_teaser_cards_do_not_become_the_article() -> None:
    cards = "".join(
        f"<li><h5><a href='/{i}'>Another story headline number {i} here</a></h5><div>Tuesday</div>"
        f"<div>Snippet {i}: a teaser paragraph long enough to look like prose on its own page.</div></li>"
        for i in range(12)
    )
    html_page = html_to_page(page(f"<p>{PARA}</p><p>{PARA}</p>", f"<ul class='stream'>{cards}</ul>"))
    spans = {html_page.page_text[s.start : s.end]: s for s in classify_blocks(html_page.blocks)}
    assert spans["Snippet 3: a teaser paragraph long enough to look like prose on its own page."].rule == "outside_article"
    assert not any(html_page.page_text[s.start : s.end] == PARA for s in spans.values())


def test_page_without_dom_features_keeps_its_text() -> None:
    html_page = html_to_page("<div>" * 5000 + "deep text" + "<p>unclosed <b>bold")
    assert classify_blocks(html_page.blocks) == []


@pytest.mark.parametrize("inner, line, reason", [
    ('<div class="row"><span>Trending</span><a href="/a">Coal exports</a><a href="/b">Naadam 2025</a></div>',
     "Trending Coal exports Naadam 2025", "a flex row of links in minified markup"),
    ('<div><span>By <a href="/x">Temuulen Batbold</a></span><time>June 3, 2025</time><span>4 min read</span></div>',
     "By Temuulen Batbold June 3, 2025 4 min read", "a byline's name, time and reading time"),
    ('<p>He said <b>no</b><i>way</i> to the plan.</p>', "He said noway to the plan.",
     "inline formatting inside a sentence is glued as the browser shows it"),
    ('<p><b>Kaz</b><i>akh</i></p>', "Kaz akh", "a parent of elements only: its items are spaced (a word split by formatting is rare)"),
    ('<div><a href="/a">Coal</a> <a href="/b">Gas</a></div>', "Coal Gas", "whitespace already between them"),
])
def test_adjacent_items_of_an_element_only_parent_are_spaced(inner: str, line: str, reason: str) -> None:
    """Minified markup puts a row's items side by side with no whitespace; the stylesheet spaces them
    apart, so page_text does too, but only where the parent holds nothing but elements."""
    dom = parse_blocks(f"<html><body>{inner}</body></html>")
    assert dom.page_text.strip() == line, reason
