"""Lines an outlet repeats across its pages (site templates), learned from the corpus.

A line that no detector names is still boilerplate for an outlet when it recurs in many
distinct articles *of that outlet*. This module is pure: it profiles a cleaned document
(its candidate lines), counts candidate lines per outlet over a batch, merges those counts
with what earlier batches and runs saw, decides which lines are templates and labels them
as spans (kind `site_template`, rule `recurring_line`). Thresholds: rules/recurring.yaml.

Why an article sentence is never removed for being quoted: counts are per outlet only,
per distinct article (versions of one article share their longest paragraph and count
once), only short-to-medium lines are counted, and a line needs both an absolute number
of articles and a share of the outlet's articles (higher for prose-like sentences and
for the line a headline was taken from).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from newsmill.layout import uncovered_segments
from newsmill.model import Span
from newsmill.rule_files import read_rules
from newsmill.text import norm_key, split_lines

KIND = "site_template"
RULE = "recurring_line"
# Spans that label metadata for extraction, not junk: a headline line can be a template
# (a site name at the top of every page), so it is a candidate (with a higher share, see
# min_share_headline); bylines, date lines and datelines are metadata and never counted.
_CANDIDATE_KINDS = frozenset({"title"})


@dataclass(frozen=True)
class Rules:
    min_docs: int
    min_share: float
    prose_min_words: int
    min_share_prose: float
    min_share_headline: float
    max_chars: int
    min_key_chars: int
    error: float
    sentence_end: str


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    data = read_rules("recurring.yaml")
    t, c = data["thresholds"], data["candidates"]
    rules = Rules(t["min_docs"], t["min_share"], t["prose_min_words"], t["min_share_prose"],
                  t["min_share_headline"], c["max_chars"], c["min_key_chars"], data["memory"]["error"], data["sentence_end"])
    if not 0 < rules.error < rules.min_share <= min(rules.min_share_prose, rules.min_share_headline) <= 1:
        raise ValueError("rules/recurring.yaml: need 0 < error < min_share <= min_share_prose, min_share_headline <= 1")
    return rules


@dataclass(frozen=True)
class Candidate:
    """A stretch of one line that survived cleaning and may be a template line."""

    key: str
    start: int
    end: int
    text: str
    headline: bool = False  # the extractor took its headline from this line


@dataclass(frozen=True)
class Profile:
    """What one document contributes: its outlet group, article identity and candidate lines."""

    group: str
    content: str  # key of the longest uncovered segment: versions of one article share it
    candidates: tuple[Candidate, ...]


def group_of(outlet: str | None, url: str | None) -> str | None:
    """The unit of counting: the outlet, else the URL's host, else none (the page is not counted)."""
    if outlet:
        return outlet
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    host = host.removeprefix("www.")
    return f"host:{host}" if host else None


def profile(page_text: str, spans: list[Span], group: str, rules: Rules | None = None) -> Profile:
    """Candidate lines of a cleaned page: what no span but the headline covers, short to medium."""
    rules = rules or load_rules()
    covered = [s for s in spans if s.kind not in _CANDIDATE_KINDS]
    headlines = [(s.start, s.end) for s in spans if s.kind in _CANDIDATE_KINDS]
    segments = uncovered_segments(page_text, split_lines(page_text), covered)
    candidates: list[Candidate] = []
    longest = ""
    for seg in segments:
        text = page_text[seg.start:seg.end]
        if len(text) > len(longest):
            longest = text
        if len(text) > rules.max_chars:
            continue
        key = norm_key(text)
        if len(key) >= rules.min_key_chars:
            headline = any(a < seg.end and seg.start < b for a, b in headlines)
            candidates.append(Candidate(key, seg.start, seg.end, text, headline))
    return Profile(group, norm_key(longest), tuple(candidates))


@dataclass
class Counts:
    """Per outlet group: distinct articles seen; per (group, line key): distinct articles holding it.

    `delta` is lossy counting's bound on what a line's count may miss (the articles the
    group had when the line was first kept); `text` keeps one example of the line.
    """

    docs: Counter = field(default_factory=Counter)
    lines: Counter = field(default_factory=Counter)
    delta: dict[tuple[str, str], int] = field(default_factory=dict)
    text: dict[tuple[str, str], str] = field(default_factory=dict)

    def merge(self, other: Counts) -> Counts:
        """A new Counts with both added up; `self`'s delta wins for a line both hold (it was seen first)."""
        return Counts(self.docs + other.docs, self.lines + other.lines, {**other.delta, **self.delta},
                      {**other.text, **self.text})

    def prune(self, error: float) -> None:
        """Forget lines that cannot reach a share `error` of their group (lossy counting)."""
        for pair in [p for p, n in self.lines.items() if n + self.delta.get(p, 0) <= math.floor(error * self.docs[p[0]])]:
            del self.lines[pair]
            self.delta.pop(pair, None)
            self.text.pop(pair, None)


def count(profiles: Iterable[Profile], base: Counts | None = None, rules: Rules | None = None) -> Counts:
    """Counts of a batch of documents; each distinct article of a group counts once.

    `base` (what was seen before) sets the lossy-counting delta of lines new to a group.
    """
    rules = rules or load_rules()
    base = base or Counts()
    out = Counts()
    seen: set[tuple[str, str]] = set()
    for p in profiles:
        if (p.group, p.content) in seen:
            continue  # another version of an article already counted
        seen.add((p.group, p.content))
        out.docs[p.group] += 1
        for c in {c.key: c for c in reversed(p.candidates)}.values():  # once per document, first text kept
            pair = (p.group, c.key)
            if pair not in out.lines:
                out.text[pair] = c.text
                if pair not in base.lines:
                    out.delta[pair] = math.floor(rules.error * base.docs[p.group])
            out.lines[pair] += 1
    return out


def is_prose(text: str, rules: Rules) -> bool:
    return len(text.split()) >= rules.prose_min_words and text.rstrip("\"'”»)").endswith(tuple(rules.sentence_end))


def is_template(counts: Counts, group: str, candidate: Candidate, rules: Rules | None = None) -> bool:
    """Whether the line recurs in enough of the group's distinct articles (thresholds in rules/recurring.yaml)."""
    rules = rules or load_rules()
    n = counts.lines.get((group, candidate.key), 0)
    total = counts.docs.get(group, 0)
    if n < rules.min_docs or not total:
        return False
    share = rules.min_share
    if is_prose(candidate.text, rules):
        share = max(share, rules.min_share_prose)
    if candidate.headline:
        share = max(share, rules.min_share_headline)
    return n >= share * total


def template_spans(doc: Profile, counts: Counts, rules: Rules | None = None) -> list[Span]:
    """Spans for the document's candidate lines that are templates of its group."""
    rules = rules or load_rules()
    return [Span(c.start, c.end, KIND, RULE) for c in doc.candidates if is_template(counts, doc.group, c, rules)]
