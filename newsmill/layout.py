"""What is left once spans are labelled: uncovered segments and body paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmill.model import Line, Paragraph, Span
from newsmill.text import collapse_ws

# A line ending in one of these closes a sentence; a line that does not is
# treated as hard-wrapped and joined with the next line of the same block.
_NON_SPACE = re.compile(r"\S")
_SENTENCE_END = tuple('.!?:;"”»)…\'')


@dataclass(frozen=True)
class Segment:
    """A stretch of one line not covered by any span."""

    start: int
    end: int
    block: int
    line_no: int
    whole_line: bool


# The last page's untouched lines (no span on them), by line number: the Line and the
# segment it gave. uncovered_segments runs again each time a metadata finder adds a span,
# and most lines stay untouched; a hit needs the same page_text and Line objects, so it is
# the very segment the line would give again.
_last_page: tuple[str | None, dict[int, tuple[Line, Segment | None]]] = (None, {})


def uncovered_segments(page_text: str, lines: list[Line], spans: list[Span]) -> list[Segment]:
    """Pieces of each line that no span covers, trimmed of whitespace."""
    global _last_page
    if _last_page[0] is not page_text:
        _last_page = (page_text, {})
    untouched = _last_page[1]
    ordered = sorted(spans, key=lambda s: s.start)
    segments: list[Segment] = []
    k, count = 0, len(ordered)
    for line_no, line in enumerate(lines):
        while k < count and ordered[k].end <= line.start:
            k += 1
        if k == count or ordered[k].start >= line.end:  # no span touches the line
            known = untouched.get(line_no)
            if known is None or known[0] is not line:
                known = untouched[line_no] = (line, _segment(page_text, line.start, line.end, line, line_no))
            if known[1] is not None:
                segments.append(known[1])
            continue
        if ordered[k].start <= line.start and ordered[k].end >= line.end:  # one span covers it all
            continue
        pos = line.start
        j = k
        while j < count and ordered[j].start < line.end:
            seg = _segment(page_text, pos, min(ordered[j].start, line.end), line, line_no)
            if seg is not None:
                segments.append(seg)
            pos = max(pos, ordered[j].end)
            j += 1
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
