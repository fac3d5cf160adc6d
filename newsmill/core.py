"""process_document: the one place that sequences the pure stages for one document.

decode → label boilerplate → title / byline / dateline → paragraphs → outlet →
date → language. Stages only add spans; the text is never cut in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsmill import metadata, page_zones
from newsmill.boilerplate import detect_boilerplate
from newsmill.decode import DecodeError, decode_bytes, gunzip, html_to_page, is_gzip, looks_like_html
from newsmill.html_classify import label_html
from newsmill.layout import add_spans, build_paragraphs, uncovered_segments
from newsmill.model import Article, DocResult, Span
from newsmill.normalize import normalize_text
from newsmill.outlets import OutletRegistry, load_outlets
from newsmill.text import split_lines


@dataclass
class Decoded:
    """A raw input turned into text, or the reason it could not be."""

    raw_text: str | None
    page_text: str | None
    encoding: str | None
    meta: dict[str, str] = field(default_factory=dict)
    error: DecodeError | None = None
    blocks: list = field(default_factory=list)  # DOM features per line of an HTML page_text
    content_type: str | None = None  # set when sniffing overrides the declared type


def decode_document(data: bytes, content_type: str) -> Decoded:
    """Bytes → raw_text and page_text (visible text for HTML); errors are returned.

    Decoding includes normalisation (newsmill/normalize.py): raw_text is the
    decoded input with mojibake repaired, NFC and stray control characters
    removed (plain text also has HTML entities decoded), so for plain text
    page_text equals raw_text and every offset points into normalised text.
    """
    try:
        if is_gzip(data):
            data = gunzip(data)
        decoded = decode_bytes(data)
        return decode_text(decoded.text, content_type, decoded.encoding)
    except DecodeError as exc:
        return Decoded(None, None, None, error=exc)
    except Exception as exc:  # a codec or parser bug must cost one document, never the run
        return Decoded(None, None, None, error=DecodeError("decode_error", f"{type(exc).__name__}: {exc}"[:500]))


def decode_text(text: str, content_type: str, encoding: str | None) -> Decoded:
    """Decoded text → normalised raw_text and page_text; DecodeError when no text is left.

    A plain-text input that is an HTML document (starts with a doctype or an
    <html> tag) is treated as HTML, so its scripts and markup never become text.
    """
    declared = content_type
    if content_type == "text/plain" and looks_like_html(text):
        content_type = "text/html"  # an HTML page saved as .txt: never load its markup as text
    if content_type == "text/html":
        raw = normalize_text(text, entities=False)
        page = html_to_page(raw)  # page_text is not normalised again: block offsets point into it
        if not page.page_text.strip():
            raise DecodeError("empty_input", "the HTML page has no visible text")
        return Decoded(raw, page.page_text, encoding, page.meta, blocks=page.blocks,
                       content_type=content_type if content_type != declared else None)
    raw = normalize_text(text, entities=True)
    if not raw.strip():
        raise DecodeError("empty_input", "the input holds no visible text once control characters are removed")
    return Decoded(raw, raw, encoding)


def redecode_stored(raw_text: str, content_type: str, encoding: str | None) -> Decoded:
    """Page text again from a stored (already normalised) raw_text, without decoding entities twice."""
    try:
        if content_type == "text/html":
            return decode_text(raw_text, content_type, encoding)
        if not raw_text.strip():
            raise DecodeError("empty_input", "the stored text is empty")
        return Decoded(raw_text, raw_text, encoding)
    except DecodeError as exc:
        return Decoded(None, None, None, error=exc)


def process_text(
    page_text: str,
    *,
    meta: dict[str, str] | None = None,
    url: str | None = None,
    fetched_at: datetime | None = None,
    registry: OutletRegistry | None = None,
    blocks: list | None = None,
    learned: list[Span] | None = None,
) -> DocResult:
    """Label and extract one document's page text (`blocks`: the DOM features of an HTML page).

    `learned`: spans decided outside the page (site-template lines, newsmill/recurring.py),
    labelled before the metadata finders run so that none of them is taken for a headline.
    """
    registry = registry or load_outlets()
    lines = split_lines(page_text)
    if blocks:
        labelled: list[Span] = label_html(page_text, lines, blocks)
    else:
        labelled = list(detect_boilerplate(page_text, lines))
    spans: list[Span] = metadata.release_top_lines(page_text, lines, labelled) + list(learned or ())
    segments = uncovered_segments(page_text, lines, spans)
    stamps = metadata.find_stamp_lines(page_text, segments)
    if stamps:
        spans += stamps
        segments = add_spans(page_text, lines, segments, spans, stamps)

    if not blocks:  # scraped text: the template's header and footer zones (HTML has its DOM for those)
        for zone in (page_zones.header_above_breadcrumb, page_zones.footer_below_copyright, page_zones.link_runs):
            found = zone(page_text, lines, spans, segments)
            if found:
                spans += found
                segments = add_spans(page_text, lines, segments, spans, found)

    meta = meta or {}
    title = metadata.find_title(page_text, segments, declared=meta.get("title"))
    if title:
        found = [*title.above, title.span, *metadata.title_copies(page_text, segments, title.span)]
        spans += found
        segments = add_spans(page_text, lines, segments, spans, found)

    authors: list[str] = []
    warnings: list[str] = []
    byline = metadata.find_byline(page_text, segments)
    if byline:
        authors, span = byline
        spans.append(span)
        segments = add_spans(page_text, lines, segments, spans, [span])

    dateline = metadata.find_dateline(page_text, segments[0]) if segments else None
    if dateline:
        spans.append(dateline.span)
        segments = add_spans(page_text, lines, segments, spans, [dateline.span])

    spans.sort(key=lambda s: s.start)
    paragraphs = build_paragraphs(page_text, segments)
    if not paragraphs:
        return DocResult(page_text, None, spans, reject_check="empty_body",
                         reject_reason="no article text is left once boilerplate is removed")

    outlet = metadata.find_outlet(page_text, spans, paragraphs, registry, meta, url, dateline)
    site_names = metadata.site_names(outlet, meta, url, registry)
    if title:
        title = metadata.Title(metadata.clean_title(title.text, outlet.name if outlet else None, site_names),
                               title.source, title.span)
    if not (title and title.text):
        title = metadata.declared_title(meta, site_names, registry) or metadata.lede_title(paragraphs)
    authors = authors or metadata.meta_authors(meta)
    published = metadata.find_published(page_text, spans, outlet, meta, fetched_at, dateline, warnings)
    article = Article(
        title=title.text if title else "",
        title_source=title.source if title else "lede",
        outlet=outlet.name if outlet else None,
        authors=authors,
        dateline=dateline.value if dateline else None,
        published=published,
        language=None,
        paragraphs=paragraphs,
    )
    article.language = metadata.detect_language(article.body)
    return DocResult(page_text, article, spans, warnings)
