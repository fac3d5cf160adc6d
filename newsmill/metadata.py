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
from importlib import resources

import yaml

from newsmill.dates import parse_date_stamp
from newsmill.layout import Segment
from newsmill.model import Paragraph, PublishedDate, Span
from newsmill.outlets import OutletRegistry
from newsmill.text import collapse_ws, norm_key


@lru_cache(maxsize=1)
def rules() -> dict:
    return yaml.safe_load((resources.files("newsmill") / "rules" / "metadata.yaml").read_text("utf-8"))


# --- title --------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    text: str
    source: str  # 'headline' or 'lede'
    span: Span | None  # the headline line; None for a lede title (it stays in the body)


def looks_like_headline(text: str) -> bool:
    """One short line that does not close a sentence."""
    cfg = rules()["headline"]
    words = text.split()
    return (
        cfg["min_words"] <= len(words) <= cfg["max_words"]
        and len(text) <= cfg["max_chars"]
        and not text.endswith((".", ",", ";", ":"))
        and not text[:1].islower()
    )


def find_title(page_text: str, segments: list[Segment], outlet: str | None = None) -> Title | None:
    """The printed headline (first uncovered whole line, if headline-shaped), else None."""
    if not segments:
        return None
    first = segments[0]
    text = page_text[first.start : first.end]
    if not first.whole_line or not looks_like_headline(text):
        return None
    # A headline directly followed (same block, no blank line) by more prose is
    # still a headline; a headline-shaped line that is the whole body is not.
    if len(segments) == 1:
        return None
    cleaned = clean_title(text, outlet)
    if not cleaned:
        return None
    return Title(cleaned, "headline", Span(first.start, first.end, "title", "first_headline"))


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern[str]:
    markers = sorted(rules()["title_markers"], key=len, reverse=True)
    alt = "|".join(re.escape(m) for m in markers)
    # "(VIDEO)", "[PHOTO]", "- UPDATED", "-UPDATED" at either end of the headline.
    return re.compile(
        rf"(?:^\s*[\(\[]?(?:{alt})[\)\]]?\s*[-–—:|]\s*)|(?:\s*[-–—:|]?\s*[\(\[]?(?:{alt})[\)\]]?\s*$)",
        re.IGNORECASE,
    )


def clean_title(text: str, outlet: str | None = None) -> str:
    """Drop status markers and a trailing site-name suffix from a headline."""
    title = collapse_ws(text)
    for _ in range(3):  # "Headline (VIDEO) -UPDATED": markers can stack
        stripped = _marker_re().sub("", title).strip()
        if stripped == title:
            break
        title = stripped
    if outlet:
        for sep in rules()["title_suffix_separators"]:
            head, found, tail = title.rpartition(sep)
            if found and head and norm_key(tail) == norm_key(outlet):
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


@lru_cache(maxsize=1)
def _dateline_re() -> re.Pattern[str]:
    cfg = rules()["dateline"]
    dashes = "|".join(re.escape(d) for d in sorted(cfg["dashes"], key=len, reverse=True))
    place = r"[A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁ][A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁ'.\-]+"
    words = cfg["max_place_words"] - 1
    return re.compile(
        rf"(?P<place>{place}(?:\s{place}){{0,{words}}})"  # ASTANA, NEW YORK
        r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"  # , Azerbaijan
        r"(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"  # , March 3
        r"(?:\s*\([^)]{1,40}\))?"  # (Agency)
        rf"\s*(?:{dashes})\s+"
    )


def find_dateline(page_text: str, segment: Segment) -> Found | None:
    """'ASTANA —' at the start of the first body segment; the place as printed."""
    match = _dateline_re().match(page_text, segment.start, segment.end)
    if not match or not any(ch.isalpha() for ch in match["place"]) or len(match["place"]) < 3:
        return None
    end = match.end()
    while end > segment.start and page_text[end - 1].isspace():
        end -= 1
    return Found(match["place"], Span(segment.start, end, "dateline", "caps_place_dash"))


@lru_cache(maxsize=1)
def _byline_re() -> re.Pattern[str]:
    labels = "|".join(re.escape(b) for b in sorted(rules()["byline_labels"], key=len, reverse=True))
    return re.compile(rf"^(?:{labels})\s+(?P<names>.+)$", re.IGNORECASE)


_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁ][\w'’.\-]*(?:\s[A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁ][\w'’.\-]*){1,3}$")


def parse_authors(names: str) -> list[str]:
    """Split 'A and B, C' into person names; anything that is not a name is dropped."""
    stop = set(rules()["not_author_words"])
    parts = re.split(r",|\band\b|&|\bи\b|\bvə\b", names)
    authors = []
    for part in parts:
        name = collapse_ws(part)
        if _NAME.match(name) and not any(w.casefold() in stop for w in name.split()):
            authors.append(name)
    return authors


def find_byline(page_text: str, segments: list[Segment], window: int = 4) -> tuple[list[str], Span] | None:
    """A 'By ...' / 'Author: ...' line among the first uncovered lines."""
    for seg in segments[:window]:
        if not seg.whole_line:
            continue
        match = _byline_re().match(page_text[seg.start : seg.end])
        if match and len(match["names"]) <= 120:
            authors = parse_authors(match["names"])
            if authors:
                return authors, Span(seg.start, seg.end, "metadata_line", "byline")
    return None


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
) -> OutletGuess | None:
    """The publisher, from the strongest evidence the page gives; None when it names none.

    Order: HTML og:site_name, breadcrumb root, wire credit in the lede or last
    paragraph ("..., APA reports."), photo credit ("© APA"), registry credit forms,
    and finally the record URL's domain.
    """
    meta = meta or {}
    if meta.get("site_name"):
        guess = _guess(registry, meta["site_name"], "og:site_name", strict=False)
        if guess:
            return guess
        return OutletGuess(meta["site_name"].strip(), evidence="og:site_name")
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


# --- publication date ---------------------------------------------------------------


def find_published(
    page_text: str,
    spans: list[Span],
    outlet: OutletGuess | None,
    meta: dict[str, str] | None = None,
    fetched_at: datetime | None = None,
) -> PublishedDate:
    """The first parseable date stamp among HTML metadata and metadata lines.

    Only `metadata_line` spans are read: dates in headline lists, calendars or
    the body are never candidates.
    """
    zone = outlet.timezone if outlet else None
    dayfirst = outlet.dayfirst if outlet else None
    candidates = []
    if meta and meta.get("published_time"):
        candidates.append(meta["published_time"])
    candidates += [page_text[s.start : s.end] for s in spans if s.kind == "metadata_line" and s.rule != "byline"]
    for text in candidates:
        found = parse_date_stamp(text, outlet_zone=zone, dayfirst=dayfirst, fetched_at=fetched_at)
        if found is not None and found.date is not None:
            return found
    return PublishedDate()


# --- language ------------------------------------------------------------------------


def detect_language(text: str, min_chars: int = 40) -> str | None:
    """ISO 639-1 code of the body, or None when there is too little text to tell."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < min_chars:
        return None
    import py3langid  # lazy: loads its model once, on first use

    code, _score = py3langid.classify(sample)
    return code
