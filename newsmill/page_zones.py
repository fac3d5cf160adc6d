"""Page zones of a scraped text page: the site header above a breadcrumb, the footer below the
closing copyright line.

Scraped text has no DOM, but a page keeps its template's order: the site's header (name,
tagline, menus, switchers, widgets, account links) ends at the breadcrumb that sits right
above the headline, and the footer (legal links, registration and address lines, contacts,
age badges) follows the copyright line at the bottom.  What no rule named inside those zones
is template, whatever words the site uses.  Thresholds in rules/zones.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from newsmill.layout import Segment
from newsmill.metadata import looks_like_headline
from newsmill.model import Line, Span
from newsmill.rule_files import read_rules
from newsmill.text import LIST_MARKERS

_ENDS_SENTENCE = (".", "!", "?", "。", "։")  # "։": the Armenian full stop
_INNER_SENTENCE_END = re.compile(r"[.!?。։]\s+[\"“«]?[^\W\d_]")  # a sentence closes inside the line and another opens


@lru_cache(maxsize=1)
def rules() -> dict:
    return read_rules("zones.yaml")


def header_above_breadcrumb(page_text: str, lines: list[Line], spans: list[Span],
                            segments: list[Segment]) -> list[Span]:
    """The site header of a scraped text page: what is left above its breadcrumb.

    A breadcrumb ('Home > Politics > Diplomacy') sits right above the headline, and above it
    only the page's template (site name and tagline, menus, switchers, widgets, account
    links), whatever words the site uses.  Taken only when the breadcrumb is among the first
    lines, a headline-shaped line follows it, and nothing above it reads as prose.
    """
    cfg = rules()["header"]
    window_end = lines[min(len(lines), cfg["breadcrumb_window"]) - 1].end if lines else 0
    crumbs = sorted((s for s in spans if s.rule == "breadcrumb" and s.end <= window_end), key=lambda s: -s.start)
    # the last path with a headline under it and no prose above it ('Share: Facebook | X | ...' read as
    # a path may follow the article, with a headline-like line under it)
    for crumb in crumbs:
        after = [seg for seg in segments if seg.start >= crumb.end]
        if not after or not looks_like_headline(page_text[after[0].start : after[0].end]):
            continue
        above = [seg for seg in segments if seg.end <= crumb.start]
        texts = [page_text[seg.start : seg.end] for seg in above]
        if any(_closes_sentence(t) or (len(t) > cfg["line_max_chars"] and _INNER_SENTENCE_END.search(t)) for t in texts):
            continue  # prose above the path: not the header (a long menu line is no prose)
        return [Span(seg.start, seg.end, "page_chrome", "above_breadcrumb") for seg in above]
    return []


def _closes_sentence(text: str) -> bool:
    """Ends in a stop, not in an ellipsis ('Search...' is a search box's placeholder)."""
    return text.endswith(_ENDS_SENTENCE) and not text.endswith("..")


def footer_below_copyright(page_text: str, lines: list[Line], spans: list[Span],
                           segments: list[Segment]) -> list[Span]:
    """The site footer of a scraped text page: what is left below its closing copyright line.

    Taken below the first copyright line among the page's last lines, when every line left
    below it is short (a legal link row, a registration line, an address, 'Quotes delayed
    15 minutes', '18+'), never a paragraph of prose.
    """
    cfg = rules()["footer"]
    if not lines:
        return []
    tail_start = lines[max(0, len(lines) - cfg["copyright_window"])].start
    # the first notice among the last lines: a reprint notice under the copyright is footer as well
    notices = [s for s in spans if s.rule == "copyright_footer" and s.start >= tail_start]
    if not notices:
        return []
    notice = min(notices, key=lambda s: s.start)
    below = [seg for seg in segments if seg.start >= notice.end]
    if not below:
        return []
    if any(seg.end - seg.start > cfg["line_max_chars"] for seg in below):
        return []
    return [Span(seg.start, seg.end, "footer", "below_copyright") for seg in below]


def link_runs(page_text: str, lines: list[Line], spans: list[Span], segments: list[Segment]) -> list[Span]:
    """Menus and footer link lists one item per line, in any language: a run of short lines
    (one to three words, no digit, no list marker, not a sentence), with the template lines
    rules already took among them, above the page's first paragraph of prose or below its last.
    Inside the article such a run is a list of its own and stays."""
    cfg = rules()["link_run"]
    whole = {seg.line_no: seg for seg in segments if seg.whole_line}
    prose = [n for n, seg in whole.items() if _is_prose(page_text[seg.start : seg.end], cfg)]
    if not prose:
        return []
    first, last = min(prose), max(prose)
    kinds = set(cfg["template_kinds"])
    starts = [line.start for line in lines]
    template = {n for s in spans if s.kind in kinds  # every line a template span covers (it may hold several)
                for n in range(bisect_right(starts, s.start) - 1, bisect_right(starts, s.end - 1))}
    found: list[Span] = []
    run: list[int] = []  # line numbers of the current run's items
    length = 0
    for n, line in enumerate([*lines, None]):
        seg = whole.get(n) if line is not None else None
        if seg is not None and _is_item(page_text[seg.start : seg.end], cfg):
            run.append(n)
            length += 1
            continue
        if line is not None and n in template and seg is None:
            length += 1  # a menu line a rule took: part of the run, labelled already
            continue
        if length >= cfg["min_lines"] and len(run) >= 2 and (run[-1] < first or run[0] > last):
            found += [Span(whole[k].start, whole[k].end, "navigation", "link_run") for k in run]
        run, length = [], 0
    return found


def _is_item(text: str, cfg: dict) -> bool:
    return (len(text) <= cfg["item_max_chars"] and 0 < len(text.split()) <= cfg["item_max_words"]
            and not text.endswith(_ENDS_SENTENCE) and not any(c.isdigit() for c in text)
            and text[:1] not in LIST_MARKERS and any(c.isalpha() for c in text))


def _is_prose(text: str, cfg: dict) -> bool:
    return len(text) >= cfg["prose_min_chars"] and text.rstrip("\"'”»)").endswith(_ENDS_SENTENCE)
