"""Article metadata from labelled page text: title, outlet, authors, dateline, date, language.

Each finder reads only what earlier stages left it (uncovered segments, or spans
of a given kind), so a date in a headline list or a name in a menu can never
become the article's date or author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from newsmill.dates import (
    date_in_year,
    ends_with_date,
    is_stamp_line,
    month_number,
    month_words,
    parse_date_stamp,
    undecided_day_month,
)
from newsmill.layout import Segment
from newsmill.html_meta import split_authors
from newsmill.model import Line, Paragraph, PublishedDate, Span
from newsmill.outlets import OutletRegistry
from newsmill.rule_files import read_rules
from newsmill.text import collapse_ws, norm_key, norm_keys, opens_in_lower_case


@lru_cache(maxsize=1)
def rules() -> dict:
    return read_rules("metadata.yaml")


# --- title --------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    text: str
    source: str  # 'headline' or 'lede'
    span: Span | None  # the headline line; None for a lede title (it stays in the body)
    above: tuple[Span, ...] = ()  # lines left above the headline (a masthead, a menu): page chrome


# Chinese and Japanese are written without spaces between words (Han, kana): there a word is
# counted per UNSPACED_CHARS_PER_WORD characters, the usual average.  (Thai and its neighbours
# space their phrases and have longer words: they are counted by their spaces, as before.)
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
UNSPACED_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words in `text`: whitespace-separated tokens, with unspaced scripts counted by characters."""
    unspaced = len(_UNSPACED.findall(text)) if not text.isascii() else 0
    if not unspaced:
        return len(text.split())
    # a token of unspaced characters holds several words; spaced tokens count one each
    spaced = sum(1 for token in text.split() if not _UNSPACED.search(token))
    return spaced + -(-unspaced // UNSPACED_CHARS_PER_WORD)


def looks_like_headline(text: str) -> bool:
    """One short line that does not close a sentence."""
    cfg = rules()["headline"]
    words = word_count(text)
    return (
        cfg["min_words"] <= words <= cfg["max_words"]
        and len(text) <= cfg["max_chars"]
        and not text.endswith((".", ",", ";", ":", "。", "，", "；", "："))
        and not opens_in_lower_case(text)
    )


def find_title(page_text: str, segments: list[Segment], outlet: str | None = None,
               declared: str | None = None) -> Title | None:
    """The printed headline (first uncovered whole line, if headline-shaped), else None.

    `declared` is the title the HTML markup gives (og:title, JSON-LD headline): an
    early whole line equal to it is the headline even when something precedes it.
    """
    if not segments:
        return None
    if declared:
        key = norm_key(clean_title(declared, outlet))
        for seg in segments[: rules()["headline"]["declared_window"]]:
            text = page_text[seg.start : seg.end]
            if seg.whole_line and key and _same_title(norm_key(clean_title(text, outlet)), key) and len(segments) > 1:
                return Title(clean_title(text, outlet), "headline", Span(seg.start, seg.end, "title", "declared_headline"))
    # Lines closing with a date ("Ekonomi haberleri 11.02.2024") are other stories'
    # list items printed above the headline, never the headline itself.
    skip = 0
    while (skip < len(segments) - 1 and skip < rules()["headline"]["declared_window"]
           and segments[skip].whole_line and ends_with_date(page_text[segments[skip].start : segments[skip].end])):
        skip += 1
    # A site's tagline left under its name opens in lower case ('ҳафтаномаи ҷамъиятӣ-сиёсӣ · Vakhsh Voice'),
    # as no headline does: when a headline-shaped line follows, it is the headline.
    if skip < len(segments) - 1 and _tagline_before(page_text, segments[skip], segments[skip + 1]):
        skip += 1
    chosen = _headline_by_lede(page_text, segments, skip)
    above = tuple(Span(seg.start, seg.end, "page_chrome", "above_headline") for seg in segments[skip:chosen])
    skip = chosen
    first = segments[skip]
    text = page_text[first.start : first.end]
    if not first.whole_line or not looks_like_headline(text) or ends_with_date(text):
        return None
    # A headline directly followed (same block, no blank line) by more prose is
    # still a headline; a headline-shaped line that is the whole body is not.
    if len(segments) == skip + 1:
        return None
    cleaned = clean_title(text, outlet)
    if not cleaned:
        return None
    return Title(cleaned, "headline", Span(first.start, first.end, "title", "first_headline"), above)


def _headline_by_lede(page_text: str, segments: list[Segment], first: int) -> int:
    """The headline's segment among the lines above the article's first paragraph: `first`
    (the first line), unless a later line shares clearly more words with the lede and the lines
    above it share next to none (a deck under the headline repeats the lede too).

    A site's masthead, tagline, section label, menu or subscription offer may be left above
    the headline when no rule names it; the headline is the line that announces what the
    lede then tells, so it shares the lede's words (as stems: inflected languages change the
    endings), and the lines above it do not.
    """
    cfg = rules()["headline"]
    texts = [page_text[seg.start : seg.end] for seg in segments[first : first + cfg["lede_window_lines"] + 1]]
    lede_at = next((k for k, text in enumerate(texts) if _reads_as_lede(text)), None)
    if not lede_at:
        return first
    lede = _stems(" ".join(texts[lede_at : lede_at + 2]))
    scores = [len(_stems(text) & lede) if segments[first + k].whole_line and _headline_shaped(text) else -1
              for k, text in enumerate(texts[:lede_at])]
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    above = max(scores[:best], default=0)  # the lines passed over must be strangers to the story
    if (best and scores[best] >= cfg["lede_shared_min"] and scores[best] >= max(above, 0) + cfg["lede_shared_margin"]
            and above <= cfg["lede_chrome_max_shared"]):
        return first + best
    return first


def _headline_shaped(text: str) -> bool:
    return looks_like_headline(text) and not ends_with_date(text)


_STEM_WORD = re.compile(r"[^\W\d_]{4,}")


def _stems(text: str) -> set[str]:
    """The first five letters of each word of four letters or more, case-folded."""
    return {w[:5] for w in _STEM_WORD.findall(text.casefold())}


_CLOSES_SENTENCE = re.compile(r"[.!?։。](?:\s|$)")


def _reads_as_lede(text: str) -> bool:
    """A paragraph of article prose: many words, a sentence closed in it."""
    return word_count(text) >= rules()["headline"]["lede_min_words"] and _CLOSES_SENTENCE.search(text) is not None


def _tagline_before(page_text: str, line: Segment, following: Segment) -> bool:
    """Is `line` a short line opening in lower case, closing no sentence, above a headline-shaped line?"""
    text = page_text[line.start : line.end]
    return (line.whole_line and following.whole_line and opens_in_lower_case(text) and len(text) <= 80
            and not text.endswith((".", "!", "?")) and looks_like_headline(page_text[following.start : following.end]))


def title_copies(page_text: str, segments: list[Segment], title: Span) -> list[Span]:
    """Whole lines below the headline that repeat it (a sticky bar, the title after the tags).

    Only a headline of a few words: a one- or two-word line may recur as a label.
    """
    text = page_text[title.start : title.end]
    key = norm_key(text)
    if len(text.split()) < rules()["headline"]["copy_min_words"] or not key:
        return []
    below = [seg for seg in segments if seg.start >= title.end and seg.whole_line]
    keys = norm_keys([page_text[seg.start : seg.end] for seg in below])  # one pass for all (text.norm_keys)
    return [Span(seg.start, seg.end, "repeated_title", "title_repeated") for seg, k in zip(below, keys) if k == key]


def _same_title(line_key: str, declared_key: str) -> bool:
    """Is the line the declared title, maybe without the site name the markup adds to it?

    og:title and <title> often carry the site ('Headline | Site', 'Headline（CNET Japan）',
    'Site: Headline') before the outlet is known: the line is the title when it is the whole
    declared title or most of it (`declared_share`), read from its start or up to its end.
    """
    if line_key == declared_key:
        return True
    share = rules()["headline"]["declared_share"]
    return (len(line_key) >= share * len(declared_key) and len(line_key) >= rules()["headline"]["declared_min_chars"]
            and (declared_key.startswith(line_key) or declared_key.endswith(line_key)))


def declared_title(meta: dict[str, str] | None, site_names: list[str],
                   registry: OutletRegistry | None = None) -> Title | None:
    """The headline the HTML markup declares (og:title / JSON-LD headline, else <title>),
    site-name suffix dropped; None when the page declares none.

    A <title> suffix naming any registry outlet ("... | Trend") is a site name even when
    nothing else on the page names the outlet.
    """
    meta = meta or {}
    for key in ("title", "html_title"):
        raw = meta.get(key)
        if not raw:
            continue
        text = clean_title(raw, None, site_names)
        if registry is not None:
            for sep in rules()["title_suffix_separators"]:
                head, found, tail = text.rpartition(sep)
                if found and head.strip() and registry.by_name(tail.strip()):
                    text = head.strip()
                    break
        if text and len(text.split()) >= 2:
            return Title(text, "headline", None)
    return None


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern[str]:
    markers = sorted(rules()["title_markers"], key=len, reverse=True)
    alt = "|".join(re.escape(m) for m in markers)
    # "(VIDEO)", "[PHOTO]", "- UPDATED", "-UPDATED" at either end of the headline.
    return re.compile(
        rf"(?:^\s*[\(\[]?(?:{alt})[\)\]]?\s*[-–—:|]\s*)|(?:\s*[-–—:|]?\s*[\(\[]?(?:{alt})[\)\]]?\s*$)",
        re.IGNORECASE,
    )


def clean_title(text: str, outlet: str | None = None, site_names: list[str] | tuple[str, ...] = ()) -> str:
    """Drop status markers and a trailing site-name suffix ("... | Trend") from a headline.

    The suffix is dropped only when it names the outlet or one of `site_names` (the
    page's og:site_name, publisher, host), or is a domain name ("... - Şəhər.az"), so
    "Talks | Opinion" keeps its section word.
    """
    title = collapse_ws(text)
    for _ in range(3):  # "Headline (VIDEO) -UPDATED": markers can stack
        stripped = _marker_re().sub("", title).strip()
        if stripped == title:
            break
        title = stripped
    names = {norm_key(n) for n in (outlet, *site_names) if n}
    names.discard("")
    for sep in rules()["title_suffix_separators"]:
        head, found, tail = title.rpartition(sep)
        # the suffix names the site, or is a site's domain name ('... - Şəhər.az'), which no headline ends with
        if found and head.strip() and (norm_key(tail) in names or _DOMAIN_LIKE.match(tail.strip())):
            title = head.strip()
            break
    return title


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”»']?\s+(?=[\"“«(]?[A-ZА-ЯЁÇƏĞİÖŞÜ0-9])")


def lede_title(paragraphs: list[Paragraph]) -> Title | None:
    """Title made from the first sentence of the body, cut at a word boundary."""
    if not paragraphs:
        return None
    limit = rules()["headline"]["lede_max_chars"]
    first = paragraphs[0].text
    sentence = _SENTENCE_BREAK.split(first, maxsplit=1)[0].strip()
    if len(sentence) > limit:
        cut = sentence[: limit + 1]
        sentence = cut[: cut.rfind(" ")] if " " in cut else sentence[:limit]
    sentence = sentence.rstrip(" ,;:-–—")
    return Title(sentence, "lede", None) if sentence else None


# --- dateline and byline --------------------------------------------------------


@dataclass(frozen=True)
class Found:
    value: str
    span: Span


@dataclass(frozen=True)
class Dateline(Found):
    """'ALMATY, March 3 (Kazinform) –': place as printed, plus the month/day and agency if printed."""

    month: int | None = None
    day: int | None = None
    agency: str | None = None


_DATELINE_CAPS = "A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁӘҒҚҢӨҰҮҺІ"  # Latin, Azerbaijani, Russian and Kazakh capitals


@lru_cache(maxsize=1)
def _dateline_parts() -> tuple[str, str]:
    """The alternations both dateline patterns share: the dashes after it, and a month name."""
    dashes = "|".join(re.escape(d) for d in sorted(rules()["dateline"]["dashes"], key=len, reverse=True))
    months = "|".join(re.escape(m) for m in sorted(set(month_words()), key=len, reverse=True))
    return dashes, rf"(?i:{months})(?!\w)\.?"


@lru_cache(maxsize=1)
def _dateline_re() -> re.Pattern[str]:
    dashes, month = _dateline_parts()
    caps = _DATELINE_CAPS
    place = rf"[{caps}][{caps}'.\-]+"
    words = rules()["dateline"]["max_place_words"] - 1
    return re.compile(
        rf"(?P<place>{place}(?:\s{place}){{0,{words}}})"  # ASTANA, NEW YORK
        rf"(?:,\s*(?!{month}\s*\d)[A-ZА-ЯЁ][\w.]*(?:\s[A-ZА-ЯЁ][\w.]*)?)?"  # , Azerbaijan
        rf"(?:,?\s*(?:(?P<month>{month})\s?(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s(?P<month2>{month})))?"  # , March 3
        r"(?:(?:\s*\((?P<agency>[^)]{1,40})\))?"  # (Agency) –
        rf"\s*(?:{dashes})\s+"
        r"|\.?\s*/(?P<agency_slash>[^/\n]{1,30})/\.?"  # . /TASS/ -   or   . /ТАСС/.
        rf"(?:\s*(?:{dashes}))?\s+"
        rf"|\.\s*(?P<agency_dot>[{caps}][\w.\-]{{1,30}})\s*(?:{dashes})\s+)"  # АСТАНА. КАЗИНФОРМ –
    )


@lru_cache(maxsize=1)
def _dated_dateline_re() -> re.Pattern[str]:
    """'Москва. 5 марта. INTERFAX.RU - ': a place in title case, then the day and month, then the
    agency, each closed by a full stop (Russian agency style).  The date and the agency make it
    a dateline; a title-case word alone at the start of a paragraph is just its first word."""
    dashes, month = _dateline_parts()
    caps = _DATELINE_CAPS
    place = rf"[{caps}][^\W\d_]+(?:[\s\-][{caps}][^\W\d_]+){{0,2}}"
    return re.compile(
        rf"(?P<place>{place})\.\s+(?:(?P<day>\d{{1,2}})\s(?P<month>{month})|(?P<month2>{month})\s(?P<day2>\d{{1,2}}))"
        rf"\.?\s+(?P<agency_dot>[{caps}][\w.\-]{{1,30}})\s*(?:{dashes})\s+"
    )


def find_dateline(page_text: str, segment: Segment) -> Dateline | None:
    """'ASTANA —' (or 'Москва. 5 марта. INTERFAX.RU -') at the start of the first body segment;
    the place as printed."""
    match = _dateline_re().match(page_text, segment.start, segment.end)
    if not match or not any(ch.isalpha() for ch in match["place"]) or len(match["place"]) < 3:
        dated = _dated_dateline_re().match(page_text, segment.start, segment.end)
        if dated is None:
            return None
        return _dateline(page_text, segment, dated, dated["month"] or dated["month2"], dated["day"] or dated["day2"],
                         dated["agency_dot"].rstrip(".") or None, dated["place"], "place_date_agency")
    month_word, day = (match["month"], match["day"]) if match["month"] else (match["month2"], match["day2"])
    agency = (match["agency"] or match["agency_slash"] or match["agency_dot"] or "").strip() or None
    place = match["place"]
    head, dot, tail = place.partition(". ")
    if dot and agency is None and len(head) >= 3:  # "АСТАНА. КАЗИНФОРМ –": an all-caps agency after the place
        place, agency = head, tail
    return _dateline(page_text, segment, match, month_word, day, agency, place, "caps_place_dash")


def _dateline(page_text: str, segment: Segment, match: re.Match[str], month_word: str | None, day: str | None,
              agency: str | None, place: str, rule: str) -> Dateline:
    end = match.end()
    while end > segment.start and page_text[end - 1].isspace():
        end -= 1
    month = month_number(month_word) if month_word else None
    return Dateline(place, Span(segment.start, end, "dateline", rule), month, int(day) if month and day else None, agency)


@lru_cache(maxsize=1)
def _byline_re() -> re.Pattern[str]:
    labels = "|".join(re.escape(b) for b in sorted(rules()["byline_labels"], key=len, reverse=True))
    return re.compile(rf"^(?:{labels})\s+(?P<names>.+)$", re.IGNORECASE)


_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁ][\w'’.\-]*(?:\s[A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁ][\w'’.\-]*){1,3}$")
_BYLINE_SPLIT = re.compile(r"\s[|•·—–]\s|\s-\s|\s*\|\s*")
_CREDIT_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


@lru_cache(maxsize=1)
def _not_author_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in rules()["not_author_words"]) | frozenset(
        w.casefold().rstrip(".") for w in month_words()
    )


def parse_authors(names: str) -> list[str]:
    """Split 'A and B, C' into person names; anything that is not a name is dropped."""
    stop = _not_author_words()
    names = _CREDIT_NOTE.sub("", names)  # 'Jane Roe (with AFP)': the agency note is no name
    parts = re.split(r",|;|\band\b|&|\bи\b|\bvə\b|\bve\b|\bжәне\b|\bet\b|\by\b|\bund\b|\be\b", names)
    authors = []
    for part in parts:
        name = collapse_ws(part)
        if (_NAME.match(name) and not any(ch.isdigit() for ch in name)
                and not any(w.casefold().strip(".") in stop for w in name.split())):
            authors.append(name)
    return list(dict.fromkeys(authors))


def find_byline(page_text: str, segments: list[Segment], window: int = 4) -> tuple[list[str], Span] | None:
    """A 'By ...' / 'Author: ...' line among the first uncovered lines.

    Only the part before a separator ("By A and B | 10 March 2024") holds names; the
    rest may be a date stamp, which the date finder reads from the byline span.
    """
    for seg in segments[:window]:
        if not seg.whole_line:
            continue
        authors = _byline_authors(page_text[seg.start : seg.end])
        if authors:
            return authors, Span(seg.start, seg.end, "metadata_line", "byline")
    return None


def _byline_authors(line: str) -> list[str]:
    """Authors of a byline line: 'By A and B | date', or a byline after a few short parts
    ('Le Monde | 04.05.2015 à 13h36 • Mis à jour le … | Par A (avec AFP)')."""
    authors = _labelled_authors(line)
    cfg = rules()["byline_after_parts"]
    if authors or len(line) > cfg["line_max_chars"]:
        return authors
    parts = _BYLINE_SPLIT.split(line)
    for k in range(1, min(len(parts), cfg["max_parts"] + 1)):
        head = parts[k - 1]
        if (len(head) > cfg["part_max_chars"] or len(head.split()) > cfg["part_max_words"]
                or head.rstrip().endswith((".", "!", "?"))):
            return []  # prose before it: not a metadata line
        authors = _labelled_authors(" | ".join(parts[k:]))
        if authors:
            return authors
    return []


def _labelled_authors(text: str) -> list[str]:
    match = _byline_re().match(text)
    if not match or len(match["names"]) > 160:
        return []
    return parse_authors(_BYLINE_SPLIT.split(match["names"], maxsplit=1)[0])


def release_top_lines(page_text: str, lines: list[Line], spans: list[Span]) -> list[Span]:
    """Hand top-of-page bylines and date-stamp lines back to the metadata finders.

    A boilerplate detector may read "By A | March 4, 2024 | 3 min read" as a breadcrumb
    or cut "Published: … | Updated: …" halfway; spans lying wholly inside such a line
    are dropped so the byline and stamp finders see the whole line. Spans reaching
    beyond the line are kept (the line is then part of something larger).
    """
    out = list(spans)
    for line in lines[: rules()["metadata_top_lines"]]:
        if not (is_stamp_line(line.text) or _byline_authors(line.text)):
            continue
        inside = [s for s in out if line.start <= s.start and s.end <= line.end]
        crossing = [s for s in out if s.start < line.end and line.start < s.end and s not in inside]
        if not inside or crossing:
            continue
        if len(inside) == 1 and inside[0].kind == "metadata_line" and (inside[0].start, inside[0].end) == (line.start, line.end):
            continue
        out = [s for s in out if s not in inside]
    return out


def find_stamp_lines(page_text: str, segments: list[Segment], window: int = 5) -> list[Span]:
    """Whole lines among the first uncovered ones that are only a date stamp
    ("yesterday, 18:30", "3 hours ago"): metadata, never body."""
    return [
        Span(seg.start, seg.end, "metadata_line", "date_stamp")
        for seg in segments[:window]
        if seg.whole_line and is_stamp_line(page_text[seg.start : seg.end])
    ]


def meta_authors(meta: dict[str, str] | None) -> list[str]:
    """Person names among the authors the HTML markup declares (organisations, URLs dropped)."""
    found: list[str] = []
    for value in split_authors((meta or {}).get("authors")):
        found += parse_authors(value)
    return list(dict.fromkeys(found))


# --- outlet -----------------------------------------------------------------------


@dataclass(frozen=True)
class OutletGuess:
    name: str
    timezone: str | None = None
    dayfirst: bool | None = None
    evidence: str = ""


_DOMAIN_LIKE = re.compile(r"^[\w\-]+(\.[\w\-]+)*\.[A-Za-z]{2,6}$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9\-]{1,9}$")
_CRUMB_SEP = re.compile(r"\s*[»›>/|]\s*")


def _guess(registry: OutletRegistry, printed: str, evidence: str, *, strict: bool) -> OutletGuess | None:
    printed = printed.strip(" .,:;|-–—")
    known = registry.by_name(printed) if printed else None
    if known is None and printed and _DOMAIN_LIKE.match(printed):
        known = registry.by_domain(printed.lower())  # 'INTERFAX.RU', 'Trend.az': the outlet on that domain
    if known:
        return OutletGuess(known.name, known.timezone, known.dayfirst, evidence)
    if printed and (_DOMAIN_LIKE.match(printed) or (not strict and _ACRONYM.match(printed))):
        return OutletGuess(printed, None, None, evidence)
    return None


@lru_cache(maxsize=1)
def _credit_re() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in rules()["credit_verbs"])
    return re.compile(rf"(?:^|[,—–-])\s*(?P<name>[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*){{0,2}})\s+(?:{verbs})\s*\.?\s*$")


def find_outlet(
    page_text: str,
    spans: list[Span],
    paragraphs: list[Paragraph],
    registry: OutletRegistry,
    meta: dict[str, str] | None = None,
    url: str | None = None,
    dateline: Dateline | None = None,
) -> OutletGuess | None:
    """The publisher, from the strongest evidence the page gives; None when it names none.

    Order: HTML og:site_name, JSON-LD publisher, breadcrumb root, wire credit in the
    lede or last paragraph ("..., APA reports."), the dateline's agency ("ALMATY,
    March 3 (Kazinform) –"), photo credit ("© APA"), registry credit forms, and
    finally the record URL's domain.
    """
    meta = meta or {}
    for key, evidence in (("site_name", "og:site_name"), ("publisher", "json_ld_publisher")):
        if meta.get(key):
            guess = _guess(registry, meta[key], evidence, strict=False)
            return guess or OutletGuess(meta[key].strip(), evidence=evidence)
    for span in spans:
        if span.kind == "navigation" and "breadcrumb" in span.rule:
            root = _CRUMB_SEP.split(page_text[span.start : span.end].strip(), maxsplit=1)[0]
            guess = _guess(registry, root, "breadcrumb", strict=True)
            if guess:
                return guess
    for para in paragraphs[:1] + paragraphs[-1:]:
        for sentence in _SENTENCE_BREAK.split(para.text):
            match = _credit_re().search(sentence.strip())
            if match:
                guess = _guess(registry, match["name"], "credit_line", strict=False)
                if guess:
                    return guess
                if 1 <= len(match["name"].split()) <= 2:
                    return OutletGuess(match["name"], evidence="credit_line")
    if dateline is not None and dateline.agency:
        guess = _guess(registry, dateline.agency, "dateline_agency", strict=False)
        if guess:
            return guess
    for span in spans:
        if span.kind == "photo_credit":
            text = page_text[span.start : span.end]
            if "©" in text:
                holder = re.split(r"[|/]", text.split("©", 1)[1], maxsplit=1)[0]
                guess = _guess(registry, holder, "photo_credit", strict=False)
                if guess:
                    return guess
    head = page_text[: paragraphs[0].end] if paragraphs else page_text[:2000]
    known = registry.find_credit(head)
    if known:
        return OutletGuess(known.name, known.timezone, known.dayfirst, "registry_credit")
    if url:
        known = registry.by_domain(url)
        if known:
            return OutletGuess(known.name, known.timezone, known.dayfirst, "url_domain")
    return None


def site_names(outlet: OutletGuess | None, meta: dict[str, str] | None, url: str | None,
               registry: OutletRegistry) -> list[str]:
    """Names a page's site may append to its headline: the outlet with its registry
    aliases, og:site_name, the JSON-LD publisher and the URL's host."""
    meta = meta or {}
    names = [n for n in (meta.get("site_name"), meta.get("publisher")) if n]
    if outlet is not None:
        names.append(outlet.name)
        known = registry.by_name(outlet.name)
        if known is not None:
            names += [*known.aliases, *known.domains]
    for value in (url, meta.get("url")):
        host = re.sub(r"^(?:https?:)?//(?:www\.)?", "", value or "").split("/", 1)[0]
        if "." in host:
            names.append(host)
    return names


# --- publication date ---------------------------------------------------------------


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def find_published(
    page_text: str,
    spans: list[Span],
    outlet: OutletGuess | None,
    meta: dict[str, str] | None = None,
    fetched_at: datetime | None = None,
    dateline: Dateline | None = None,
    warnings: list[str] | None = None,
) -> PublishedDate:
    """The publication date from the article's own metadata, most trusted first.

    Candidates: the HTML's declared publication time (JSON-LD, article:published_time,
    a marked <time>), then top-of-page metadata lines, then the date part of a byline;
    "Updated"/modified stamps are never publication dates. Only `metadata_line` spans
    are read: dates in headline lists, calendars or the body are never candidates.
    When none gives a date, a dateline's "Nov. 24" is completed with a year printed in
    the metadata (or the fetch year) and reported as source 'dateline'.

    A numeric date whose day/month order the outlet's convention cannot settle stays
    NULL and adds 'ambiguous_day_month' to `warnings`.
    """
    zone = outlet.timezone if outlet else None
    dayfirst = outlet.dayfirst if outlet else None
    meta = meta or {}
    candidates = [meta["published_time"]] if meta.get("published_time") else []
    lines = [s for s in spans if s.kind == "metadata_line"]
    candidates += [page_text[s.start : s.end] for s in lines if s.rule != "byline"]
    candidates += [page_text[s.start : s.end] for s in lines if s.rule == "byline"]
    ambiguous = False
    for text in candidates:
        found = parse_date_stamp(text, outlet_zone=zone, dayfirst=dayfirst, fetched_at=fetched_at)
        if found is not None and found.date is not None:
            return found
        ambiguous = ambiguous or (dayfirst is None and undecided_day_month(text))
    if dateline is not None and dateline.month and dateline.day:
        evidence = [int(y) for text in candidates + [meta.get("modified_time") or ""] for y in _YEAR.findall(text)]
        day = date_in_year(dateline.month, dateline.day, evidence, fetched_at)
        if day is not None:
            return PublishedDate(day, None, None, "dateline")
    if ambiguous and warnings is not None:
        warnings.append("ambiguous_day_month")
    return PublishedDate()


# --- language ------------------------------------------------------------------------


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the body (see newsmill.language), or None for too little text."""
    from newsmill.language import detect_language as detect

    return detect(text)
