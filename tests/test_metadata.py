"""Title, dateline, byline and outlet finders on varied pages (not only the seeds)."""

import pytest

from newsmill import metadata
from newsmill.core import process_text
from newsmill.model import Paragraph
from newsmill.outlets import load_outlets


@pytest.mark.parametrize(
    "raw, outlet, expected",
    [
        ("Aliyev met Tokayev -UPDATED", None, "Aliyev met Tokayev"),  # APA status suffix
        ("Aliyev met Tokayev (VIDEO)", None, "Aliyev met Tokayev"),  # parenthesised marker
        ("PHOTO: Aliyev met Tokayev", None, "Aliyev met Tokayev"),  # leading marker
        ("Aliyev met Tokayev (PHOTO) - UPDATED 2", None, "Aliyev met Tokayev"),  # stacked markers
        ("Aliyev met Tokayev | Trend", "Trend", "Aliyev met Tokayev"),  # site-name suffix of the outlet
        ("Tokayev: Baku is the pearl of the Caspian | Opinion", "Trend", "Tokayev: Baku is the pearl of the Caspian | Opinion"),  # not the outlet: kept
        ("Update on the Middle Corridor talks", None, "Update on the Middle Corridor talks"),  # marker word inside a title
        ("Bakıda 5 küçədə avtobus zolağı yaradılacaq - Şəhər.az", None, "Bakıda 5 küçədə avtobus zolağı yaradılacaq"),  # a domain as the site name
        ("Almaty metro extends its night service | Tengrinews.kz", None, "Almaty metro extends its night service"),
        ("Why the port matters - a view from Aktau", None, "Why the port matters - a view from Aktau"),  # a phrase after a dash: kept
    ],
)
def test_clean_title(raw, outlet, expected):
    assert metadata.clean_title(raw, outlet) == expected


@pytest.mark.parametrize(
    "text, headline",
    [
        ("Kazakhstan and Azerbaijan sign transit deal", True),
        ("Kazakhstan and Azerbaijan signed a transit deal on Monday.", False),  # a sentence
        ("Tokayev", False),  # too short to be a headline
        ("continued from page one of the report", False),  # starts lower-case
        ("President Ilham Aliyev: Yes, indeed.", False),  # dialogue line
        ("岸田首相、ウクライナ訪問を検討", True),  # Japanese: no spaces between words
        ("北京", False),  # two characters: a place name, not a headline
        ("会谈于周一在阿斯塔纳举行。", False),  # a Chinese sentence (full stop)
    ],
)
def test_looks_like_headline(text, headline):
    assert metadata.looks_like_headline(text) is headline


@pytest.mark.parametrize(
    "text, words",
    [
        ("Kazakhstan and Azerbaijan sign", 4),
        ("岸田首相、ウクライナ訪問を検討", 7),  # 14 Han/kana characters, 2 a word ('、' is punctuation)
        ("iPhone 15の発売日", 3),  # 'iPhone', then a token holding '15' and 4 kana/Han characters
        ("ข่าว การเมือง ไทย", 3),  # Thai spaces its phrases: counted by its spaces
    ],
)
def test_word_count_counts_unspaced_scripts_by_characters(text, words):
    assert metadata.word_count(text) == words


def test_lede_title_cut_at_word_boundary():
    para = Paragraph(0, 0, 10, "Word " * 60 + "end. Second sentence.")
    title = metadata.lede_title([para])
    assert title.source == "lede" and len(title.text) <= 120 and not title.text.endswith(" ")
    assert title.text.split()[-1] == "Word"


@pytest.mark.parametrize(
    "first_line, place",
    [
        ("ASTANA — President Tokayev arrived.", "ASTANA"),
        ("BAKU, Azerbaijan — The talks began.", "BAKU"),
        ("ALMATY, March 3 (Kazinform) – Talks began.", "ALMATY"),
        ("NEW YORK -- Ministers met.", "NEW YORK"),
        ("NATO and the EU — a new start.", None),  # upper-case acronym, no dash right after
        ("The talks — long awaited — began.", None),  # not upper-case
    ],
)
def test_dateline(first_line, place):
    result = process_text(f"Headline about the visit here\n\n{first_line} More text follows here.\n")
    assert result.article.dateline == place
    if place:
        assert not result.article.body.startswith(place)


@pytest.mark.parametrize(
    "names, authors",
    [
        ("Aisha Karimova and John Smith", ["Aisha Karimova", "John Smith"]),
        ("Aisha Karimova, John Smith & Li Wei", ["Aisha Karimova", "John Smith", "Li Wei"]),
        ("Staff Reporter", []),  # not a person
        ("3 Minute Read", []),  # newspaper4k's classic
        ("Айгуль Сапарова", ["Айгуль Сапарова"]),  # Cyrillic name
    ],
)
def test_parse_authors(names, authors):
    assert metadata.parse_authors(names) == authors


def test_byline_is_removed_from_body_and_parsed():
    page = "Caspian ministers agree on cable route\n\nBy Aisha Karimova and John Smith\n\nThe ministers agreed on Friday.\n"
    result = process_text(page)
    assert result.article.authors == ["Aisha Karimova", "John Smith"]
    assert "Aisha" not in result.article.body


@pytest.mark.parametrize(
    "page, outlet",
    [
        ("Talks in Baku\n\nThe ministers met on Friday, Trend reports.\n\nMore text here.\n", "Trend"),
        ("Talks in Baku\n\nThe ministers met, the press service reported.\n\nMore text.\n", None),  # a source, not a publisher
        ("REPORT.AZ » Politics » Talks in Baku\nTalks in Baku\n\nThe ministers met on Friday.\n\nMore.\n", "Report.az"),
        ("Talks in Baku\n\nThe ministers met on Friday.\n\nMore text, and a final line.\n", None),  # nothing names it
    ],
)
def test_outlet_from_text(page, outlet):
    assert process_text(page).article.outlet == outlet


def test_outlet_from_html_meta_and_url():
    registry = load_outlets()
    paras = [Paragraph(0, 0, 5, "Text.")]
    by_meta = metadata.find_outlet("Text.", [], paras, registry, meta={"site_name": "AzerNews"})
    assert by_meta.name == "Azernews" and by_meta.timezone == "Asia/Baku"
    by_url = metadata.find_outlet("Text.", [], paras, registry, url="https://www.apa.az/en/news/1")
    assert by_url.name == "APA"


def test_dates_in_headline_lists_and_body_are_never_the_publication_date():
    page = (
        "Summit ends in Baku\n\n"
        "The summit of 12 March 2021 was recalled by delegates on Friday.\n\n"
        "Other news 11-02-2026, 18:00 More news here 10-02-2026, 19:00 And a third one 09-02-2026, 08:00\n"
    )
    art = process_text(page).article
    assert art.published.date is None


@pytest.mark.parametrize("tagline", ["ҳафтаномаи ҷамъиятӣ-сиёсӣ · Vakhsh Voice", "weekly news from the steppe"])
def test_a_tagline_in_lower_case_above_the_headline_is_not_the_title(tagline):
    headline = "Rogun hydropower plant launches its third unit"
    body = ("The third unit of the Rogun hydropower plant was switched on on Monday, the energy ministry said. "
            "It adds 600 megawatts to the country's grid, officials told reporters in Dushanbe.")
    result = process_text("\n\n".join([tagline, headline, body, body.replace("Monday", "Tuesday")]))
    assert result.article.title == headline


def test_a_lower_case_first_line_without_a_headline_under_it_leaves_the_title_to_the_lede():
    body = ("the third unit of the Rogun hydropower plant was switched on on Monday, the energy ministry said, "
            "and it adds 600 megawatts to the grid.")
    result = process_text("\n\n".join(["weekly news from the steppe", body, body.replace("Monday", "Tuesday")]))
    assert result.article.title_source == "lede"


# --- the headline is the line the lede tells (lines left above it are page chrome) ---------------

_ABOVE_HEADLINE = [
    # (lines above the headline, headline, lede): mastheads, taglines, section labels, menus, offers
    (["Caspian Policy Notes"], "Why the Middle Corridor still struggles: five bottlenecks from Dostyk to Poti",
     "Last year the Trans-Caspian route, better known as the Middle Corridor, carried more containers than ever, "
     "yet the bottlenecks from Dostyk to the port of Poti remain where they were, shippers say."),
    (["Новости Казахстана и мира"], "Суд обязал казахстанскую компанию выплатить 1,4 млрд тенге судовладельцу",
     "АЛМАТЫ. Специализированный экономический суд Алматы обязал казахстанскую экспедиторскую компанию "
     "выплатить азербайджанскому судовладельцу 1,4 млрд тенге за простой судов, сообщила пресс-служба суда."),
    (["Subscribe for $9.99/month - unlimited access", "Opinion / Logistics"], "The Caspian ferry bottleneck is not the sea",
     "Everyone who ships across the Caspian knows the ferry schedules by heart, but the real bottleneck is "
     "on land, at the rail yards that feed the ferries. The sea crossing itself takes a day."),
    (["Ana səhifə · Haqqımda · Konsertlər · Teatr · Əlaqə"], "Bakıda Qazaxıstan Mədəniyyəti Günləri başladı",
     "Oktyabrın 1-dən Bakıda keçirilən Qazaxıstan Mədəniyyəti Günlərinin açılış konserti Heydər Əliyev Sarayında "
     "oldu və qonaqlar dombra ilə muğamı bir səhnədə dinlədilər."),
]


@pytest.mark.parametrize("above, headline, lede", _ABOVE_HEADLINE, ids=["masthead", "ru-inflected", "offer+label", "az-menu"])
def test_the_headline_is_the_line_sharing_the_lede_words_and_what_is_above_it_is_page_chrome(above, headline, lede):
    page = "\n".join([*above, headline, lede, "Second paragraph of the story, with more detail from officials."])
    result = process_text(page)
    assert result.article.title == headline
    chrome = [page[s.start : s.end] for s in result.spans if s.rule == "above_headline"]
    assert chrome == [line for line in above if line not in {page[s.start : s.end] for s in result.spans if s.rule != "above_headline"}]
    assert all(line not in " ".join(result.article.body) for line in above)


def test_a_first_line_headline_stays_when_a_later_line_repeats_the_lede():
    """The headline opens the page; a byline and a subheading below it share the lede's words: the
    first line is still the headline and nothing is page chrome."""
    headline = "Astana and Baku sign a ferry agreement"
    lede = ("Kazakhstan and Azerbaijan signed an agreement on Tuesday to add ferries between Aktau and Baku, "
            "the transport ministries of both countries said in a joint statement.")
    page = "\n".join([headline, "Kazakhstan and Azerbaijan add ferries between Aktau and Baku", lede, lede.replace("Tuesday", "Monday")])
    result = process_text(page)
    assert result.article.title == headline
    assert not [s for s in result.spans if s.rule == "above_headline"]


def test_a_georgian_headline_is_headline_shaped():
    """Mkhedruli letters are filed as lower case in Unicode, but Georgian has no capitals in running text."""
    assert metadata.looks_like_headline("თბილისში ქართული პოლიფონიის საერთაშორისო ფესტივალი იხსნება")
    assert not metadata.looks_like_headline("weekly news from the steppe today")
