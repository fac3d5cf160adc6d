"""ftfy's mojibake test (`ftfy.badness.is_bad`), searching only where a match can be.

is_bad searches ftfy's badness pattern, a 37-way alternation tried at every position of
the text: ~80 µs for a line of Cyrillic or accented text, and normalisation asks it of
every non-ASCII line. Every alternative needs at least one character from each of its
mandatory elements (a character class or a literal), so choosing one mandatory element
per alternative, the one of rarest characters, gives a set of characters that every
match contains; and no match is longer than the widest alternative. So the pattern is
searched only in the windows around those characters (merged where they overlap): a
match found there is a match of the whole text (the pattern has no look-arounds or end
anchors, and `^` matches only at the real start), and a match of the whole text lies in
one of them. A line holding none of the characters is not searched at all.

The set and width are derived from ftfy's own pattern when first used, so they follow the
installed ftfy; a pattern this analysis cannot read makes `is_bad` plain ftfy.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parsed form of a pattern (stable since Python 3.11)
import re._parser as sre_parse
from functools import lru_cache

from ftfy.badness import BADNESS_RE

__all__ = ["is_bad", "required_characters"]

_MAX_CLASS = 5_000  # a class spanning more code points than this is never the chosen element
_SAFE_OPS = frozenset({sre.LITERAL, sre.IN, sre.ANY, sre.MAX_REPEAT, sre.BRANCH, sre.SUBPATTERN})


def is_bad(text: str) -> bool:
    """`ftfy.badness.is_bad(text)`: does the text look like it holds mojibake?"""
    gate = _gate()
    if gate is None:
        return BADNESS_RE.search(text) is not None
    anchors, width = gate
    lo = hi = -1
    for m in anchors.finditer(text):
        start, end = max(0, m.start() - width + 1), m.start() + width
        if start > hi:  # a new window: search the one before it
            if hi > lo and BADNESS_RE.search(text, lo, hi):
                return True
            lo = start
        hi = end
    return hi > lo and BADNESS_RE.search(text, lo, hi) is not None


@lru_cache(maxsize=1)
def _gate() -> tuple[re.Pattern[str], int] | None:
    """(a class of the characters every match holds, the widest match), or None."""
    chars = required_characters(BADNESS_RE)
    width = _max_width(BADNESS_RE)
    if chars is None or width is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]"), width


def _max_width(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match can span, when the pattern holds only constructs whose
    match does not depend on text outside it (no look-arounds, no anchors but '^')."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if not _only_safe(parsed):
        return None
    width = parsed.getwidth()[1]
    return width if width < sre.MAXREPEAT else None


def _only_safe(parsed) -> bool:
    for op, arg in parsed:
        if op is sre.AT:
            if arg is not sre.AT_BEGINNING:
                return False
        elif op not in _SAFE_OPS:
            return False
        elif op is sre.BRANCH and not all(_only_safe(alt) for alt in arg[1]):
            return False
        elif op is sre.MAX_REPEAT and not _only_safe(arg[2]):
            return False
        elif op is sre.SUBPATTERN and not _only_safe(arg[3]):
            return False
    return True


def required_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters at least one of which is in every match of `pattern` (None: not derivable)."""
    if pattern.flags & re.IGNORECASE:
        return None
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(parsed)
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [parsed]
    chosen: set[str] = set()
    for alternative in alternatives:
        options = [found for op, arg in alternative if (found := _element_chars(op, arg)) is not None]
        if not options:
            return None
        chosen |= min(options, key=_cost)
    return frozenset(chosen)


def _element_chars(op, arg) -> set[str] | None:
    """The characters a mandatory single-character element can match; None for anything else
    (optional or repeated parts, anchors, '.', negated classes, categories such as \\s)."""
    if op is sre.LITERAL:
        return {chr(arg)}
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for item_op, item_arg in arg:
        if item_op is sre.LITERAL:
            chars.add(chr(item_arg))
        elif item_op is sre.RANGE and item_arg[1] - item_arg[0] < _MAX_CLASS:
            chars.update(map(chr, range(item_arg[0], item_arg[1] + 1)))
        else:  # NEGATE, CATEGORY or a huge range: not a small set of characters
            return None
    return chars


def _cost(chars: set[str]) -> int:
    """How often a class's characters occur in ordinary text (lower is rarer): ASCII and
    basic Cyrillic letters are everywhere, Latin-1 letters common in European languages."""
    return sum(1000 if c.isascii() or "\u0410" <= c <= "\u044f" else 100 if "\u00c0" <= c <= "\u00ff" else 1
               for c in chars)
