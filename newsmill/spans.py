"""Merging labelled spans: what a later span adds beside the spans already accepted."""

from __future__ import annotations

from bisect import bisect_left

from newsmill.model import Span

_STAMP_KIND = "metadata_line"  # date stamps: the one earlier verdict a later list may hold inside it


def free_pieces(text: str, span: Span, taken: list[Span], whole_lines: bool = True) -> list[Span]:
    """The parts of `span` no `taken` span covers, trimmed, with its kind and rule.

    A detector that overlaps an earlier one (a bare "Read also:" cue over a run of stamped
    headlines another rule already took) keeps what only it saw, so the cue is explained
    too.  With `whole_lines`, a piece that starts or ends inside a line is dropped: the
    rest of a line cut by a prefix rule is the line's own text, not the later span's.
    """
    pieces: list[Span] = []
    pos = span.start
    for other in sorted((t for t in taken if t.start < span.end and span.start < t.end), key=lambda t: t.start):
        if other.start > pos:
            pieces.append(Span(pos, other.start, span.kind, span.rule))
        pos = max(pos, other.end)
    if pos < span.end:
        pieces.append(Span(pos, span.end, span.kind, span.rule))
    out = []
    for piece in pieces:
        raw = text[piece.start : piece.end]
        start = piece.start + len(raw) - len(raw.lstrip())
        end = piece.start + len(raw.rstrip())
        if end <= start:
            continue
        if whole_lines and not (_at_line_start(text, start) and _at_line_end(text, end)):
            continue
        out.append(Span(start, end, span.kind, span.rule))
    return out


def _at_line_start(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def _at_line_end(text: str, pos: int) -> bool:
    nl = text.find("\n", pos)
    return not text[pos : nl if nl >= 0 else len(text)].strip()


def clip_all(text: str, spans: list[Span], taken: list[Span]) -> list[Span]:
    """`spans` with the parts covered by `taken` removed (see `free_pieces`); `taken` is kept whole.

    Only a span that some taken span starts inside is cut (a bisect finds them), so the usual
    case, nothing crossing, costs one lookup per span.
    """
    ordered = sorted(taken, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    out: list[Span] = []
    for span in spans:
        i = bisect_left(starts, span.start)
        crosses = (i < len(ordered) and ordered[i].start < span.end) or (i > 0 and ordered[i - 1].end > span.start)
        out.extend(free_pieces(text, span, ordered, whole_lines=False) if crosses else [span])
    return out


def extension_pieces(text: str, span: Span, taken: list[Span]) -> list[Span]:
    """What a later detector's `span` adds beside the earlier ones it crosses (whole lines only).

    A bare "Read also:" cue over the stamped headlines `timestamp_run` already took keeps the
    cue line.  An earlier, more precise detector's verdict on a line stands (a headline list's
    date lines taken as date stamps stay `metadata_line`), and the later span keeps the whole
    lines beside it: dropping it whole would leave the list's headlines in the article.  A verdict
    of another kind ends the later span (see `wall`).
    """
    crossed = sorted((t for t in taken if t.start < span.end and span.start < t.end), key=lambda t: t.start)
    # A date stamp may sit inside a list (its items' stamps); any other verdict of another kind is a
    # boundary the later span ran past (a list heading's reach across a menu, a breadcrumb and the
    # headline): it keeps only what lies before that.
    wall = next((t for t in crossed if t.kind not in (span.kind, _STAMP_KIND)), None)
    if wall is not None:
        if wall.start <= span.start:
            return []
        span = Span(span.start, wall.start, span.kind, span.rule)
        crossed = [t for t in crossed if t.start < span.end]
    return free_pieces(text, span, crossed)
