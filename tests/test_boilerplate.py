"""Tests for newsmill.boilerplate: seeds, annotated documents, single lines, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.boilerplate import DETECTORS, detect_boilerplate
from newsmill.boilerplate_patterns import load_patterns
from newsmill.core import process_text
from newsmill.model import Span
from newsmill.text import collapse_ws, split_lines

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DOCS = Path(__file__).resolve().parent / "docs" / "boilerplate"
KINDS = {
    "related_headlines", "calendar", "comments", "navigation", "counter", "share", "photo_credit",
    "repeated_title", "repeated_lede", "separator", "footer", "promo", "metadata_line",
    "page_chrome", "tags", "author_bio", "widget",
}


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def covered(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    """(kind, whitespace-collapsed text) of each span."""
    return [(s.kind, collapse_ws(text[s.start : s.end])) for s in spans]


def matches(expected: str, actual: str) -> bool:
    """Exact match after collapsing whitespace; 'head…tail' matches by both ends."""
    if "…" in expected:
        head, tail = expected.split("…")
        return actual.startswith(collapse_ws(head)) and actual.endswith(collapse_ws(tail))
    return actual == collapse_ws(expected)


def locate(text: str, snippet: str) -> tuple[int, int]:
    """Offsets of `snippet` stripped; surrounding newlines in it anchor it to whole lines."""
    start = text.index(snippet) + len(snippet) - len(snippet.lstrip())
    return start, start + len(snippet.strip())


def assert_invariants(text: str, spans: list[Span]) -> None:
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), span
        piece = text[span.start : span.end]
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        assert span.kind in KINDS and span.rule, span
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start, f"overlap or unsorted: {a} {b}"


# --- seeds ---------------------------------------------------------------------------

# (seed, kind, expected text, reason).  Each seed's list is exhaustive: any other span
# would label article text.
SEED_CASES = [
    ("000", "metadata_line", "date 2024-03-10 10 March 2024 13:20 (UTC+04:00)", "label word, two date forms, time, zone"),
    ("001", "metadata_line", "date 2023-11-24", "labelled date prefix; the lede after it is article text"),
    ("002", "repeated_title", "Kazakhstan announces hosting peace negotiations between Azerbaijan and Armenia", "second copy of the title"),
    ("002", "comments", "11 Comments", "comment counter"),
    ("002", "navigation", "Previous Post Next Post", "links between posts"),
    ("003", "navigation", "FACT-INFO.AZ » News » Kazakhstan and Azerbaijan…President Ilham Aliyev", "breadcrumb ending in the headline"),
    ("003", "metadata_line", "25-08-2022, 08:55 | News", "stamp with section"),
    ("003", "counter", "Views: 317", "view counter"),
    ("003", "related_headlines", "Azerbaijan President: The application…28-11-2025, 18:00", "run-on headline list with timestamps"),
    ("003", "calendar", "Calendar…232425262728", "flattened month calendar, one block"),
    ("004", "photo_credit", "Kassym-Jomart Tokayev, President of the Republic of Kazakhstan and Ilham Aliyev, President of the Republic of Azerbaijan", "caption repeated in the credit line"),
    ("004", "photo_credit", "© APA | Kassym-Jomart Tokayev, President of the Republic of Kazakhstan and Ilham Aliyev, President of the Republic of Azerbaijan", "credit line"),
    ("004", "metadata_line", "# 24 November 2023 15:50 (UTC +04:00)", "hash-prefixed stamp"),
    ("004", "separator", "x x x", "repeated-letter separator"),
    ("004", "repeated_lede", "President of the Republic of Azerbaijan Ilham Aliyev has met with President of the Republic of Kazakhstan Kassym-Jomart Tokayev, APA reports.", "lede repeated at the end"),
    ("004", "navigation", "1 2 3 4 5 İDMAN XƏBƏR", "pagination followed by ALL-CAPS menu words"),
]

# Body lines that must survive untouched (reason in the comment of each group).
SEED_KEEP = [
    ("001", "ASTANA — President Kassym-Jomart Tokayev congratulated"),  # lede after the date prefix
    ("002", "Kazakhstan announces hosting peace negotiations between Azerbaijan and Armenia"),  # first title copy is the title
    ("002", "On September 27, 2020, the Azerbaijani army launched an operation"),  # dates inside prose
    ("003", "\nKazakhstan and Azerbaijan have very important role in implementation of Middle Corridor project - President Ilham Aliyev\n"),  # title line under the breadcrumb
    ("004", "President of Azerbaijan Ilham Aliyev met with President of Kazakhstan Kassym-Jomart Tokayev -UPDATED"),  # title
    ("004", "The heads of state first had a short dialogue."),  # short body line
    ("004", "President Ilham Aliyev: Yes, indeed."),  # dialogue
    ("004", "President Kassym-Jomart Tokayev: I have a large delegation with me."),  # dialogue
    ("004", "President Ilham Aliyev: So are they for us."),  # dialogue
    ("004", "President Kassym-Jomart Tokayev said:"),  # speech cue
    ("004", "President of the Republic of Azerbaijan Ilham Aliyev has met with President of the Republic of Kazakhstan Kassym-Jomart Tokayev, APA reports.\n\nThe heads"),  # first lede copy
]


@pytest.mark.parametrize("seed,kind,expected,reason", SEED_CASES)
def test_seed_junk_is_labelled(seed: str, kind: str, expected: str, reason: str) -> None:
    text = seed_text(seed)
    found = covered(text, detect_boilerplate(text))
    assert any(k == kind and matches(expected, t) for k, t in found), f"{reason}: {found}"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_labels_nothing_else(seed: str) -> None:
    text = seed_text(seed)
    spans = detect_boilerplate(text)
    assert_invariants(text, spans)
    assert len(spans) == sum(case[0] == seed for case in SEED_CASES), covered(text, spans)


@pytest.mark.parametrize("seed,body", SEED_KEEP)
def test_seed_body_survives(seed: str, body: str) -> None:
    text = seed_text(seed)
    start, end = locate(text, body)
    for span in detect_boilerplate(text):
        assert not (span.start < end and start < span.end), f"{body!r} hit by {span}"


# --- annotated documents ---------------------------------------------------------------

DOC_NAMES = sorted(p.stem for p in DOCS.glob("*.yaml"))


def load_doc(name: str) -> tuple[str, dict]:
    text = (DOCS / f"{name}.txt").read_text(encoding="utf-8")
    return text, yaml.safe_load((DOCS / f"{name}.yaml").read_text(encoding="utf-8"))


def test_enough_varied_documents() -> None:
    assert len(DOC_NAMES) >= 8


@pytest.mark.parametrize("name", DOC_NAMES)
def test_doc_spans_exactly_as_annotated(name: str) -> None:
    text, note = load_doc(name)
    spans = detect_boilerplate(text)
    assert_invariants(text, spans)
    found = covered(text, spans)
    expected = [(e["kind"], collapse_ws(e["text"])) for e in note["expected"]]
    missing = [(e, note["expected"][i]["why"]) for i, e in enumerate(expected) if e not in found]
    assert not missing, f"not labelled: {missing}"
    extra = [f for f in found if f not in expected]
    assert not extra, f"labelled but not annotated: {extra}"


@pytest.mark.parametrize("name", DOC_NAMES)
def test_doc_sentences_survive(name: str) -> None:
    text, note = load_doc(name)
    spans = detect_boilerplate(text)
    for sentence in note.get("keep", []):
        start, end = locate(text, sentence)  # a typo in the annotation fails here
        hit = [s for s in spans if s.start < end and start < s.end]
        assert not hit, f"{sentence!r} labelled by {hit}"


# --- single lines in context -------------------------------------------------------------

BODY = (
    "The ministers met in the capital on Tuesday to discuss the new transport corridor.\n\n"
    "Officials said the agreement would be signed before the end of the year.\n\n"
    "Trade between the two countries grew by a fifth last year, according to customs data.\n\n"
    "Both sides described the talks as constructive and forward-looking.\n\n"
    "Further meetings of the working groups are planned for the spring.\n\n"
    "Experts expect cargo volumes on the route to double within five years.\n\n"
)

LINE_CASES = [
    # (line, kind or None, reason)
    ("Views: 317", "counter", "label then number"),
    ("317 views", "counter", "number then noun"),
    ("Просмотров: 12", "counter", "Russian counter"),
    ("Baxış: 5", "counter", "Azerbaijani counter"),
    ("Views: 1.2K | Likes: 40", "counter", "several counters on one line"),
    ("11 Comments", "comments", "comment count"),
    ("No comments", "comments", "empty comment section"),
    ("Leave a comment", "comments", "comment prompt"),
    ("Комментарии (3)", "comments", "Russian comment count in parentheses"),
    ("Share on Facebook", "share", "share prompt"),
    ("Follow us on Telegram", "share", "follow prompt"),
    ("Subscribe", "share", "bare button"),
    ("x x x", "separator", "repeated letter"),
    ("* * *", "separator", "spaced asterisks"),
    ("———", "separator", "dash rule"),
    ("Advertisement", "footer", "ad slot"),
    ("Loading...", "footer", "spinner"),
    ("Все права защищены", "footer", "Russian rights phrase"),
    ("© 2024 Site. All rights reserved", "footer", "copyright with year"),
    ("Photo: Reuters", "photo_credit", "credit line"),
    ("Фото: пресс-служба Акорды", "photo_credit", "Russian credit line"),
    ("SITE.AZ » News » Some headline", "navigation", "guillemet breadcrumb"),
    ("Home | World | Europe", "navigation", "pipe breadcrumb"),
    ("Previous Post Next Post", "navigation", "post links"),
    ("Next article", "navigation", "post link"),
    ("1 2 3 4 5", "navigation", "pagination"),
    ("EN RU AZ", "navigation", "language switcher"),
    ("Басты бет Саясат Экономика Қоғам Спорт Мәдениет", "navigation", "a menu opening with a two-word item"),
    ("Bosh sahifa Siyosat Iqtisodiyot Jamiyat Sport", "navigation", "Uzbek menu, two-word home item"),
    ("მთავარი პოლიტიკა ეკონომიკა საზოგადოება სპორტი", "navigation", "Georgian menu (a script written without capitals)"),
    ("首页 新闻 财经 体育 文化", "navigation", "Chinese menu"),
    ("Futbol Güləş Cüdo Boks Gimnastika Şahmat Basketbol Voleybol", "navigation", "a sports desk's menu (az)"),
    ("Асосӣ Сиёсат Иқтисод Ҷамъият Варзиш Фарҳанг", "navigation", "Tajik menu"),
    ("Read also: Baku hosts forum", "related_headlines", "read-also insert"),
    ("Также читайте: Баку принимает форум", "related_headlines", "Russian read-also"),
    ("Oxu: Bakıda forum keçirilib", "related_headlines", "Azerbaijani read-also"),
    # Article text that merely looks like junk.
    ("Share prices rose 5% on Monday after the announcement.", None, "'Share' opens a sentence"),
    ("Views differ on how fast the corridor can be built.", None, "'Views' opens a sentence"),
    ("Related talks will be held in Astana next month.", None, "'Related' opens a sentence"),
    ("Read the full statement on the ministry website.", None, "'Read' is not 'Read also'"),
    ("President Ilham Aliyev: Yes, indeed.", None, "dialogue line"),
    ("He said 11 comments had been received from the public.", None, "counts inside prose"),
    ("Growth > 5% is expected in 2024.", None, "a '>' in prose is not a breadcrumb"),
    ("The deal was signed on 10 March 2024.", None, "a date inside a sentence"),
    ("1. Border delimitation.", None, "numbered list item"),
    ("Photo opportunities were limited, organisers said.", None, "'Photo' opens a sentence"),
    ("2023", None, "a bare year is not a calendar or pagination"),
    ("Next, the ministers will travel to Baku.", None, "'Next' opens a sentence"),
    ("Economy and Politics", None, "two section names with a conjunction are not a menu"),
    ("Басты бет жаңартылды", None, "a two-word menu item opening a sentence-like line"),
    ("პოლიტიკა და ეკონომიკა", None, "two section names joined by 'and' in a script without capitals"),
    ("Share this information, please?", None, "a question is not a share button"),
]


@pytest.mark.parametrize("line,kind,reason", LINE_CASES)
def test_line_in_body(line: str, kind: str | None, reason: str) -> None:
    text = BODY + line + "\n\n" + "The talks will continue next week in Astana, the ministry said.\n"
    start = text.index(line)
    spans = [s for s in detect_boilerplate(text) if s.start < start + len(line) and start < s.end]
    if kind is None:
        assert spans == [], f"{reason}: {spans}"
    else:
        assert [(s.kind, text[s.start : s.end]) for s in spans] == [(kind, line)], reason


TOP_CASES = [
    # (first lines of a page, expected metadata text or None, reason)
    ("Published: 03.11.2024 | 14:20", "Published: 03.11.2024 | 14:20", "label, numeric date, piped time"),
    ("Updated: 2024-03-10T13:20:00+04:00", "Updated: 2024-03-10T13:20:00+04:00", "ISO timestamp with offset"),
    ("March 10, 2024 8:55 PM GMT+4", "March 10, 2024 8:55 PM GMT+4", "English month first, 12-hour time, zone"),
    ("Nov. 24, 2023", "Nov. 24, 2023", "abbreviated month"),
    ("Опубликовано: 10 марта 2024 г., 13:20", "Опубликовано: 10 марта 2024 г., 13:20", "Russian genitive month"),
    ("5 Mart 2024 | Gündem", "5 Mart 2024 | Gündem", "Turkish month with section"),
    ("25/08/2022 08:55", "25/08/2022 08:55", "slash date with time"),
    ("date 2023-11-24 ASTANA — President met the minister.", "date 2023-11-24", "labelled prefix before the lede"),
    ("10 March 2024 — The president said the talks went well.", None, "unlabelled date opening a sentence"),
    ("On 10 March 2024 the president arrived in Baku.", None, "date inside a sentence"),
]


@pytest.mark.parametrize("top,expected,reason", TOP_CASES)
def test_metadata_at_top(top: str, expected: str | None, reason: str) -> None:
    text = "Headline of the story goes here\n\n" + top + "\n\n" + BODY
    found = [text[s.start : s.end] for s in detect_boilerplate(text) if s.kind == "metadata_line"]
    assert found == ([expected] if expected else []), reason


def test_metadata_only_near_top() -> None:
    text = BODY + "Published: 03.11.2024 | 14:20\n\n" + "Closing remarks were made by the chair.\n"
    assert all(s.kind != "metadata_line" for s in detect_boilerplate(text))


REPEAT_CASES = [
    # (page, labelled repeated_title lines, reason)
    ("Big headline about the summit\n\nBig headline about the summit\n\n" + BODY, 1, "h1 + og:title copy"),
    ("Big headline about the summit\n\n" + BODY + "BIG HEADLINE about the summit!\n", 1, "copy differing in case/punctuation"),
    ("Pos Player Plays Stats\n\n" + "Pos Player Plays Stats\n\n".join(BODY.split("\n\n")[:4]), 0, "a line repeated 4 times is a table header"),
    ("Big headline about the summit\n\n" + BODY, 0, "no copy, nothing to label"),
]


@pytest.mark.parametrize("page,count,reason", REPEAT_CASES)
def test_repeated_title(page: str, count: int, reason: str) -> None:
    spans = detect_boilerplate(page)
    assert [s.kind for s in spans].count("repeated_title") == count, reason
    assert all(s.start > 0 for s in spans), "the first occurrence is the title"


def test_a_run_crossing_an_earlier_verdict_keeps_its_other_lines() -> None:
    """A headline list at the top whose date lines the metadata rule took first: the headlines
    between them are still the list's, not the article's (they used to reach the body, and the
    first one the title)."""
    heads = ["Astana hosts a regional transport forum", "Grain exports through Aktau grow again",
             "New ferry line to open between Kuryk and Alat", "Central bank keeps the base rate unchanged"]
    stamps = ["03.07.2024 16:10", "03.07.2024 15:42", "03.07.2024 14:05", "03.07.2024 12:30"]
    page = ("\n".join(f"{h}\n{s}" for h, s in zip(heads, stamps)) + "\n\nDigital customs road map signed in Baku\n\n"
            + BODY)
    spans = detect_boilerplate(page)
    labelled = {page[s.start:s.end]: s.kind for s in spans}
    assert labelled["03.07.2024 16:10"] == "metadata_line"  # the earlier, more precise verdict stands
    for head in heads:
        covered = [s.kind for s in spans if s.start <= page.index(head) < s.end]
        assert covered == ["related_headlines"], head
    assert process_text(page).article.title == "Digital customs road map signed in Baku"


_PAIRS = [("Astana hosts a regional transport forum", "16:10"), ("Grain exports through Aktau grow again", "15:42"),
          ("New ferry line to open between Kuryk and Alat", "14:05"), ("Central bank keeps the base rate unchanged", "12:30")]
_AFTER = "Digital customs road map signed in Baku"


@pytest.mark.parametrize("listing,after_is_list", [
    ("\n".join(f"{h}\n{t}" for h, t in _PAIRS) + "\n\n" + _AFTER, False),  # stamps below, then a blank line
    ("\n".join(f"{t}\n{h}" for h, t in _PAIRS) + "\n" + "19:05\n" + _AFTER, True),  # stamps above their headlines
    ("\n\n".join(f"{t}\n\n{h}" for h, t in _PAIRS) + "\n\n19:05\n\n" + _AFTER, True),  # every line a block
    ("\n".join(f"{h}\n{t}" for h, t in _PAIRS) + "\n" + _AFTER, True),  # no blank line: read as one more headline
])
def test_headline_after_a_stamped_list(listing: str, after_is_list: bool) -> None:
    page = listing + "\n\n" + BODY
    spans = detect_boilerplate(page)
    at = page.index(_AFTER)
    assert any(s.start <= at < s.end and s.kind == "related_headlines" for s in spans) == after_is_list
    assert all(any(s.start <= page.index(h) < s.end for s in spans) for h, _ in _PAIRS)


def test_the_title_above_its_date_after_a_dated_list_is_not_a_list_item() -> None:
    """'Section news 11.02.2024' lines, then the headline and the article's own date line: a lone
    stamp line pairs with no headline (the list's stamps are on its items' lines)."""
    title = "Digital customs road map signed in Baku"
    page = ("Economy news 11.02.2024\nSport news 10.02.2024\nCulture news 09.02.2024\n" + title + "\n12.02.2024\n\n" + BODY)
    spans = detect_boilerplate(page)
    assert not any(s.start <= page.index(title) < s.end for s in spans), spans
    assert process_text(page).article.title == title


def test_a_late_rule_stops_at_an_earlier_verdict_of_another_kind() -> None:
    """'Latest news' takes the short lines under it, but not past a menu another rule took: the
    breadcrumb and the headline below stay out of the list (the headline stays the title)."""
    title = "Kazakh judoka wins gold at the Baku Grand Slam"
    page = ("Latest news\nNEWS EXPRESS\nHome  News  Politics  Economy  Sport  World  Culture  Video\n"
            "Sport > Judo\n" + title + "\n\n" + BODY)
    spans = detect_boilerplate(page)
    assert not any(s.start <= page.index(title) < s.end for s in spans), spans
    assert process_text(page).article.title == title


def test_explicit_lines_give_same_result() -> None:
    text = seed_text("004")
    assert detect_boilerplate(text, split_lines(text)) == detect_boilerplate(text)


def test_rules_load_once_and_every_detector_is_named() -> None:
    assert load_patterns() is load_patterns()
    assert len({d.__name__ for d in DETECTORS}) == len(DETECTORS)


# --- properties -----------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("ab xyZ019:-./|»©*#\n\n\t  ,()ПнВтмартаİƏə") + ["2024-03-10", "14:20", "Views: 3", "Read also:", "« March 2024 »", "MonTueWed"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(_ALPHABET, max_size=120).map("".join)))
def test_any_text_gives_valid_spans(text: str) -> None:
    spans = detect_boilerplate(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
