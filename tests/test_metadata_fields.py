"""Publication date, authors, title and dateline through the whole pure core (issue 4 acceptance).

Each page is built from a stamp line, so the cases test that the right line is read
(not only that parse_date_stamp parses it); one row per format with its reason.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from newsmill import metadata
from newsmill.core import decode_document, process_text
from newsmill.html_meta import extract_meta

BODY = ("Ministers of the two countries met in the capital on Friday to discuss transport links.\n\n"
        "They agreed to meet again before the end of the year.\n")
FETCHED = datetime(2024, 3, 10, 12, 30, tzinfo=timezone.utc)


def page(*top: str) -> str:
    return "Ministers agree on new Caspian transport links\n\n" + "\n\n".join(top) + ("\n\n" if top else "") + BODY


def html(head: str, body: str = "") -> dict:
    raw = (f"<html><head>{head}</head><body><h1>Ministers agree on new Caspian transport links</h1>"
           f"{body}<p>{BODY}</p></body></html>")
    decoded = decode_document(raw.encode(), "text/html")
    return {"page_text": decoded.page_text, "meta": decoded.meta}


def published(text: str, **kwargs):
    art = process_text(text, **kwargs).article
    return art.published.date, art.published.instant, art.published.source


PLUS4 = "+04:00"
TEXT_CASES = [
    (page("2024-03-10T13:20:00+04:00"), {}, ("2024-03-10", "2024-03-10T13:20:00+04:00", "explicit"), "ISO 8601 with offset"),
    (page("10 March 2024 13:20 (UTC+04:00)"), {}, ("2024-03-10", "2024-03-10T13:20:00+04:00", "explicit"), "offset in parentheses"),
    (page("25-08-2022, 08:55"), {"url": "https://fact-info.az/x"}, ("2022-08-25", "2022-08-25T08:55:00+04:00", "outlet_zone"),
     "dashes, time without zone in the outlet's home zone"),
    (page("25-08-2022, 08:55"), {}, ("2022-08-25", None, "date_only"), "no zone and no outlet: date only"),
    (page("03.11.2024 | 14:20"), {"url": "https://www.apa.az/en/1"}, ("2024-11-03", "2024-11-03T14:20:00+04:00", "outlet_zone"),
     "ambiguous d/m settled by a day-first outlet"),
    (page("03.11.2024 | 14:20"), {}, (None, None, None), "ambiguous d/m with no convention: NULL, never guessed"),
    (page("24 November 2023 15:50 (UTC +04:00)"), {}, ("2023-11-24", "2023-11-24T15:50:00+04:00", "explicit"), "space in the offset"),
    (page("November 24, 2023"), {}, ("2023-11-24", None, "date_only"), "US month-day-year"),
    (page("Updated: 15 March 2024 09:00", "Published: 14 March 2024 13:20 GMT+4"), {},
     ("2024-03-14", "2024-03-14T13:20:00+04:00", "explicit"), "Updated line first: never the publication date"),
    (page("Updated: 15 March 2024 09:00"), {}, (None, None, None), "only an update stamp"),
    (page("2 hours ago"), {"fetched_at": FETCHED}, ("2024-03-10", "2024-03-10T10:30:00+00:00", "explicit"), "relative with fetched_at"),
    (page("2 hours ago"), {}, (None, None, None), "relative without fetched_at"),
    (page("By Aida Nurlanova | 10 March 2024"), {}, ("2024-03-10", None, "date_only"), "date printed on the byline"),
    (page(), {}, (None, None, None), "no stamp at all"),
]


@pytest.mark.parametrize("text, kwargs, expected", [c[:3] for c in TEXT_CASES], ids=[c[3] for c in TEXT_CASES])
def test_published_from_text(text, kwargs, expected):
    day, instant, source = published(text, **kwargs)
    want_day, want_instant, want_source = expected
    assert day == (date.fromisoformat(want_day) if want_day else None)
    assert instant == (datetime.fromisoformat(want_instant) if want_instant else None)
    assert source == want_source


HTML_CASES = [
    ('<meta property="article:published_time" content="2024-03-10T13:20:00+04:00">', "",
     ("2024-03-10", "2024-03-10T13:20:00+04:00", "explicit"), "article:published_time"),
    ("", '<p><time datetime="2024-03-10T13:20:00+04:00">10 March</time></p>',
     ("2024-03-10", "2024-03-10T13:20:00+04:00", "explicit"), "the page's single <time datetime>"),
    ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-10"}</script>', "",
     ("2024-03-10", None, "date_only"), "JSON-LD datePublished without time"),
    ('<meta property="article:modified_time" content="2024-03-11T09:00:00+04:00">', "",
     (None, None, None), "modified time only: never the publication date"),
    ("", '<ul><li>A <time datetime="2024-03-01">1 March</time></li><li>B <time datetime="2024-02-28">28 Feb</time></li></ul>',
     (None, None, None), "several <time> tags are a headline list"),
]


@pytest.mark.parametrize("head, body, expected", [c[:3] for c in HTML_CASES], ids=[c[3] for c in HTML_CASES])
def test_published_from_html(head, body, expected):
    doc = html(head, body)
    day, instant, source = published(doc["page_text"], meta=doc["meta"])
    want_day, want_instant, want_source = expected
    assert day == (date.fromisoformat(want_day) if want_day else None)
    assert instant == (datetime.fromisoformat(want_instant) if want_instant else None)
    assert source == want_source


def test_page_whose_only_dates_are_in_a_headline_list_has_no_date():
    text = page() + ("\nLatest news\nOil prices rise on supply concerns 11-03-2024, 18:00\n"
                     "Central bank keeps rate unchanged 11-03-2024, 15:30\nSnow closes roads 10-03-2024, 09:10\n")
    assert published(text) == (None, None, None)


# --- dateline dates ------------------------------------------------------------------------

DATELINE_CASES = [
    ("ALMATY, March 3 (Kazinform) – ", {"fetched_at": FETCHED}, "2024-03-03", "year from fetched_at"),
    ("WASHINGTON, Dec. 30 (Reuters) - ", {"fetched_at": datetime(2024, 1, 2, tzinfo=timezone.utc)}, "2023-12-30",
     "a day after the fetch belongs to the year before"),
    ("BAKU, Nov. 24 — ", {}, None, "no year evidence: no date"),
    ("MOSCOW, March 9. /TASS/ - ", {"fetched_at": FETCHED}, "2024-03-09", "TASS-style dateline"),
    ("АСТАНА, 3 марта — ", {"fetched_at": FETCHED}, "2024-03-03", "Russian day-month order"),
]


@pytest.mark.parametrize("dateline, kwargs, expected", [c[:3] for c in DATELINE_CASES], ids=[c[3] for c in DATELINE_CASES])
def test_dateline_month_day_gets_year_from_evidence(dateline, kwargs, expected):
    art = process_text("Ministers agree on new Caspian transport links\n\n" + dateline + BODY, **kwargs).article
    assert art.dateline is not None and not art.body.startswith(art.dateline)
    assert art.published.date == (date.fromisoformat(expected) if expected else None)
    assert art.published.source == ("dateline" if expected else None)


@pytest.mark.parametrize(
    "first, place, outlet",
    [
        ("ШЫМКЕНТ. ҚазАқпарат – ", "ШЫМКЕНТ", "Kazinform"),  # Kazakh capitals; ". AGENCY –" form names the outlet
        ("АСТАНА. КАЗИНФОРМ – ", "АСТАНА", "Kazinform"),  # Russian edition of the same form
        ("ӨСКЕМЕН – ", "ӨСКЕМЕН", None),  # place opening with a Kazakh-only capital
        ("İSTANBUL (AA) - ", "İSTANBUL", "Anadolu Agency"),  # Turkish dotted capital I, agency alias
    ],
)
def test_dateline_place_and_agency(first, place, outlet):
    art = process_text("Ministers agree on new Caspian transport links\n\n" + first + BODY).article
    assert (art.dateline, art.outlet) == (place, outlet)


@pytest.mark.parametrize("first, place, month_day", [
    ("Москва. 5 марта. INTERFAX.RU - ", "Москва", (3, 5)),  # Interfax: place, day month, agency, each closed by a stop
    ("Астана. 12 апреля. КазТАГ – ", "Астана", (4, 12)),  # a mixed-case agency
    ("Baku. March 4. Trend - ", "Baku", (3, 4)),  # month first
])
def test_a_title_case_place_is_a_dateline_with_the_date_and_agency_after_it(first, place, month_day):
    result = process_text("Ministers agree on new Caspian transport links\n\n" + first + BODY)
    assert result.article.dateline == place
    (span,) = [s for s in result.spans if s.kind == "dateline"]
    assert span.rule == "place_date_agency" and result.page_text[span.start : span.end] == first.rstrip()


def test_an_agency_printed_as_its_domain_is_the_registry_outlet():
    """'INTERFAX.RU' in the dateline is Interfax (registry domain interfax.ru), so its zone and day
    order read the stamp at the bottom: the explicit date and time, not the dateline's day."""
    page = ("Экспорт зерна из Казахстана вырос на треть\n\n"
            "Москва. 5 марта. INTERFAX.RU - Экспорт зерна из Казахстана с начала сельскохозяйственного года "
            "вырос на треть, сообщили в министерстве сельского хозяйства республики.\n\n"
            "Основными покупателями остаются страны Центральной Азии и Иран.\n\n05.03.2024 14:30 МСК\n")
    art = process_text(page).article
    assert (art.outlet, art.dateline) == ("Interfax", "Москва")
    assert art.published.source == "explicit" and art.published.instant.isoformat() == "2024-03-05T14:30:00+03:00"


def test_a_title_case_first_word_alone_is_no_dateline():
    assert process_text("Ministers agree on new Caspian transport links\n\nМосква. " + BODY).article.dateline is None


def test_dateline_year_from_a_year_printed_in_the_metadata():
    text = page("Updated: 05.03.2024 10:00").replace(
        "Ministers of the two", "ALMATY, March 3 (Kazinform) – Ministers of the two")
    art = process_text(text).article
    assert (art.published.date, art.published.source, art.outlet) == (date(2024, 3, 3), "dateline", "Kazinform")


def test_ambiguous_day_month_is_left_null_with_a_warning():
    result = process_text(page("03.11.2024 | 14:20"))
    assert result.article.published.date is None
    assert result.warnings == ["ambiguous_day_month"]
    assert process_text(page("13.11.2024 | 14:20")).warnings == []


# --- authors --------------------------------------------------------------------------------

AUTHOR_CASES = [
    ("By Aida Nurlanova and Murat Bekov", ["Aida Nurlanova", "Murat Bekov"], "two names joined by 'and'"),
    ("Share By Email", [], "a share button is not a byline"),
    ("By Email", [], "a one-word menu item is not a name"),
    ("By Staff Reporter | 3 min read", [], "role and reading time, no name"),
    ("By News Desk", [], "desk is not a person"),
    ("By Kamila Aliyeva | March 4, 2024 | 3 min read", ["Kamila Aliyeva"], "date and reading time after a separator"),
    ("By Published March 4, 2024", [], "a label and a date"),
    ("Author: Айгуль Сапарова", ["Айгуль Сапарова"], "Russian name with a label"),
    ("Müəllif: Leyla Həsənova", ["Leyla Həsənova"], "Azerbaijani label and name"),
    ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 04.05.2015 à 15h02 | Par Martin Untersinger (avec AFP)",
     ["Martin Untersinger"], "a French byline after the outlet and two stamps; the agency note is no name"),
    ("Por Juan Pérez y María López", ["Juan Pérez", "María López"], "Spanish label and conjunction"),
    ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"], "German label and conjunction"),
    ("Par ailleurs, le gouvernement a annoncé un plan", [], "French prose opening with 'Par'"),
    ("Di Maio ha detto che il governo", [], "Italian prose opening with a surname particle"),
    ("The minister said today. | Politics | By Jane Roe", [], "a sentence before the parts: prose, not a byline line"),
]


@pytest.mark.parametrize("line, authors", [c[:2] for c in AUTHOR_CASES], ids=[c[2] for c in AUTHOR_CASES])
def test_byline_authors(line, authors):
    art = process_text(page(line)).article
    assert art.authors == authors
    if authors:
        assert line not in art.body


def test_authors_from_html_meta_keep_only_people():
    doc = html('<meta name="author" content="Joanna Lillis">'
               '<meta property="article:author" content="https://www.facebook.com/outlet">')
    assert process_text(doc["page_text"], meta=doc["meta"]).article.authors == ["Joanna Lillis"]
    doc = html('<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization",'
               '"name":"Trend News Agency"}}</script>')
    assert process_text(doc["page_text"], meta=doc["meta"]).article.authors == []


# --- titles from HTML ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "head, title",
    [
        ('<title>Kazakhstan, Azerbaijan sign transit deal - News.az</title><meta property="og:site_name" content="News.az">',
         "Kazakhstan, Azerbaijan sign transit deal"),  # site-name suffix of og:site_name dropped
        ('<title>Gas output grows | Trend</title>', "Gas output grows"),  # a registry outlet's name
        ('<meta property="og:title" content="Talks resume in Baku | Opinion">', "Talks resume in Baku | Opinion"),  # not a site name
    ],
)
def test_title_from_html_when_the_text_has_no_headline(head, title):
    raw = f"<html><head>{head}</head><body><p>{BODY}</p></body></html>"
    decoded = decode_document(raw.encode(), "text/html")
    art = process_text(decoded.page_text, meta=decoded.meta).article
    assert (art.title, art.title_source) == (title, "headline")


@pytest.mark.parametrize(
    "declared, lines, title",
    [
        ("岸田首相、ウクライナ訪問を検討（CNET Japan）", ["CNET Japan", "岸田首相、ウクライナ訪問を検討"],
         "岸田首相、ウクライナ訪問を検討"),  # the site name appended in full-width brackets
        ("Trend News: Gas output grows in the Caspian region",
         ["Tokayev meets Aliyev in Astana today", "Gas output grows in the Caspian region"],
         "Gas output grows in the Caspian region"),  # the site name before it; another story's headline above
        ("Politics: Parliament approves the transit agreement on Monday", ["Politics", "Weather"], None),
    ],
)
def test_the_printed_headline_matches_a_declared_title_with_the_site_name_added(declared, lines, title):
    """A line holding most of the declared title (from its start or up to its end) is the
    headline, even below other lines; a section word the title merely opens with is not."""
    text = "\n\n".join([*lines, BODY])
    art = process_text(text, meta={"title": declared}).article
    if title:
        assert (art.title, art.title_source) == (title, "headline") and title not in art.body
    else:
        assert art.title != "Politics"


# --- html_meta ------------------------------------------------------------------------------


def soup(markup: str):
    """The page's lxml tree, as html_to_page hands it to extract_meta."""
    from newsmill.htmlblocks import parse_html

    return parse_html(markup)


@pytest.mark.parametrize(
    "markup, key, value",
    [
        ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-02",}</script>',
         "published_time", "2024-01-02"),  # trailing comma repaired
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A\nB", "datePublished": "2024-01-02"}</script>',
         "published_time", "2024-01-02"),  # raw newline inside a string
        ('<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2024-01-01"},'
         '{"@type":"NewsArticle","datePublished":"2024-01-02"}]}</script>', "published_time", "2024-01-02"),  # article beats WebPage
        ('<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","datePublished":"2024-01-03"}]</script>',
         "published_time", "2024-01-03"),  # top-level list
        ('<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"APA"}}</script>',
         "publisher", "APA"),
        ('<script type="application/ld+json">{not json at all</script><meta property="og:site_name" content="Trend">',
         "site_name", "Trend"),  # hopeless JSON is skipped, the rest still read
        ('<time datetime="2024-01-05" itemprop="datePublished">5 Jan</time><time datetime="2024-01-04">4 Jan</time>',
         "published_time", "2024-01-05"),  # the marked <time> among several
        ('<article><time class="updated" datetime="2024-01-09">9 Jan</time><time datetime="2024-01-06">6 Jan</time></article>',
         "published_time", "2024-01-06"),  # an update <time> is skipped
    ],
)
def test_extract_meta(markup, key, value):
    assert extract_meta(soup(f"<html><head></head><body>{markup}</body></html>")).get(key) == value


def test_extract_meta_authors_from_json_ld_list():
    markup = ('<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Aida Nurlanova"},'
              '{"name":"Murat Bekov"},"https://example.com/staff"]}</script>')
    assert metadata.meta_authors(extract_meta(soup(markup))) == ["Aida Nurlanova", "Murat Bekov"]
