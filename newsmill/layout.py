"""What is left once spans are labelled: uncovered segments and body paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from newsmill.model import Line, Paragraph, Span
from newsmill.text import collapse_ws

# A line ending in one of these closes a sentence; a line that does not is
# treated as hard-wrapped and joined with the next line of the same block.
_NON_SPACE = re.compile(r"\S")
_SENTENCE_END = tuple('.!?:;"”»)…\'։')  # '։': the Armenian full stop


class Segment(NamedTuple):
    """A stretch of one line not covered by any span.

    (A NamedTuple: one is built per uncovered line of every page, and tuples build
    about three times faster than a frozen dataclass.)
    """

    start: int
    end: int
    block: int
    line_no: int
    whole_line: bool


def uncovered_segments(page_text: str, lines: list[Line], spans: list[Span]) -> list[Segment]:
    """Pieces of each line that no span covers, trimmed of whitespace."""
    ordered = sorted(spans, key=_start)
    segments: list[Segment] = []
    k, count = 0, len(ordered)
    for line_no, line in enumerate(lines):
        while k < count and ordered[k].end <= line.start:
            k += 1
        if k == count or ordered[k].start >= line.end:  # no span touches the line
            seg = _segment(page_text, line.start, line.end, line, line_no)
            if seg is not None:
                segments.append(seg)
        elif ordered[k].start > line.start or ordered[k].end < line.end:  # not all under one span
            segments += _line_segments(page_text, line, line_no, ordered, k)
    return segments


def add_spans(page_text: str, lines: list[Line], segments: list[Segment], spans: list[Span],
              added: list[Span]) -> list[Segment]:
    """`uncovered_segments(page_text, lines, spans)`, given `segments`, what it was before the
    `added` spans (already in `spans`) were labelled.

    A line's segments depend only on the spans that overlap it, so only the lines the
    added spans overlap are worked out again; the other lines keep their segments.
    """
    redo = _lines_overlapped(lines, added)
    if not redo:
        return segments
    ordered = sorted(spans, key=_start)
    updated = [seg for seg in segments if seg.line_no not in redo]
    for line_no in redo:
        updated += _line_segments(page_text, lines[line_no], line_no, ordered)
    updated.sort(key=_start)  # lines never overlap: start order is line order
    return updated


def _start(item: Span | Segment) -> int:
    return item.start


def _lines_overlapped(lines: list[Line], spans: list[Span]) -> set[int]:
    """Numbers of the lines some span overlaps (a span ending at a line's start does not)."""
    found: set[int] = set()
    for span in spans:
        n = bisect_right(lines, span.start, key=_end)  # the first line ending after the span starts
        while n < len(lines) and lines[n].start < span.end:
            found.add(n)
            n += 1
    return found


def _end(line: Line) -> int:
    return line.end


def _line_segments(page_text: str, line: Line, line_no: int, ordered: list[Span], first: int = 0) -> list[Segment]:
    """The uncovered pieces of one line; `ordered`: spans by start (those before `first` end before the line)."""
    segments: list[Segment] = []
    pos = line.start
    for j in range(first, len(ordered)):
        span = ordered[j]
        if span.start >= line.end:
            break
        if span.end <= line.start:  # an earlier span that ends before the line: no piece, no move
            continue
        seg = _segment(page_text, pos, min(span.start, line.end), line, line_no)
        if seg is not None:
            segments.append(seg)
        pos = max(pos, span.end)
    seg = _segment(page_text, pos, line.end, line, line_no)
    if seg is not None:
        segments.append(seg)
    return segments


def _segment(text: str, start: int, end: int, line: Line, line_no: int) -> Segment | None:
    """text[start:end] (a piece of `line`) trimmed of whitespace; None when blank."""
    piece = text[start:end] if end > start else ""
    stripped = piece.strip()
    if not stripped:
        return None
    s = start + (len(piece) - len(piece.lstrip()))
    e = s + len(stripped)
    return Segment(s, e, line.block, line_no, s == line.start and e == line.end)


def build_paragraphs(page_text: str, segments: list[Segment]) -> list[Paragraph]:
    """Join segments into paragraphs.

    Consecutive whole lines of one block join when the earlier line does not end
    a sentence (hard-wrapped text); anything else starts a new paragraph.
    """
    groups: list[list[Segment]] = []
    for seg in segments:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.block == seg.block
            and seg.line_no == prev.line_no + 1
            and prev.whole_line
            and seg.whole_line
            and not page_text[prev.start : prev.end].endswith(_SENTENCE_END)
        ):
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return [
        Paragraph(i, g[0].start, g[-1].end, collapse_ws(page_text[g[0].start : g[-1].end]))
        for i, g in enumerate(groups)
    ]


def unaccounted(page_text: str, paragraphs: list[Paragraph], spans: list[Span]) -> list[tuple[int, int]]:
    """Ranges of non-whitespace characters covered by neither a paragraph nor a span.

    The contract's accounting invariant holds when this is empty. Only the gaps
    between covered ranges are searched, with a regex: no per-character loop.
    """
    gaps: list[tuple[int, int]] = []

    def check(a: int, b: int) -> None:
        found = _NON_SPACE.search(page_text, a, b)
        if found:
            end = b
            while end > found.start() and page_text[end - 1].isspace():
                end -= 1
            gaps.append((found.start(), end))

    pos = 0
    for start, end in sorted((item.start, item.end) for item in [*paragraphs, *spans]):
        if start > pos:
            check(pos, start)
        pos = max(pos, end)
    check(pos, len(page_text))
    return gaps


def overlaps(items: list) -> list[tuple[int, int]]:
    """Pairs of (start, end) ranges that overlap, among paragraphs and spans."""
    ordered = sorted((i.start, i.end) for i in items)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b[0] < a[1]]
