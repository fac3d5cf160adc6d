"""Plain data passed between the pure stages (ingest → clean → extract).

Every stage *labels* `page_text` with spans instead of deleting text, so that
offsets stay valid and every removed character can be explained later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple


class Line(NamedTuple):
    """One non-blank line of `page_text`; offsets exclude surrounding whitespace.

    A NamedTuple, not a frozen dataclass: a page makes one per line and the detectors a Span
    per finding, and a tuple is built in half the time (the text path's cost, issue 3)."""

    start: int
    end: int
    text: str
    block: int  # index of the blank-line-separated block the line belongs to


class Span(NamedTuple):
    """A labelled, non-body region of `page_text` (end-exclusive); a NamedTuple like `Line`.

    `kind` is the contract's `boilerplate.kind` (what the text is) and `rule`
    names the detector that decided it (why it was removed).
    """

    start: int
    end: int
    kind: str
    rule: str


@dataclass(frozen=True)
class Paragraph:
    para_no: int
    start: int
    end: int
    text: str  # page_text[start:end] with internal whitespace runs collapsed


@dataclass(frozen=True)
class PublishedDate:
    """A publication date as far as the page supports it; never more precise."""

    date: date | None = None
    instant: datetime | None = None  # tz-aware, only when time *and* zone are known
    local: str | None = None  # wall time as printed, ISO form (no offset)
    source: str | None = None  # 'explicit', 'outlet_zone', 'date_only', 'dateline'


@dataclass(frozen=True)
class RawDoc:
    """One input document: the bytes as read plus where they came from."""

    source_uri: str
    data: bytes
    content_type: str  # 'text/plain' or 'text/html'
    url: str | None = None
    fetched_at: str | None = None


@dataclass
class Article:
    title: str
    title_source: str  # 'headline' or 'lede'
    outlet: str | None
    authors: list[str]
    dateline: str | None
    published: PublishedDate
    language: str | None
    paragraphs: list[Paragraph]

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)


@dataclass
class DocResult:
    """Everything the pure core learned about one decoded document."""

    page_text: str
    article: Article | None
    spans: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reject_check: str | None = None  # set when the document cannot be an article
    reject_reason: str | None = None
