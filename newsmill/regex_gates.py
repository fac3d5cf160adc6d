"""First-character gates for compiled regexes: skip work without changing any result.

A non-empty match of a pattern always starts with a character of its *first set*: the
characters its first consumed element can match.  `first_class` computes that set from
the pattern's own parse tree (as a character class with the pattern's flags, so
case-insensitive equivalences agree), and

- `gate(*patterns)` turns it into a test for one character: a line whose first character
  fails the gate of a `^`-anchored pattern cannot match, so the detector skips it;
- `gated(pattern)` is the same pattern behind a lookahead on that class: identical matches
  and groups, but `search`/`finditer` reject most start positions with one test instead of
  entering every branch of a long word-list alternation.

Anything the analysis does not understand (a pattern that can match the empty string, `.`,
negated classes, back-references, local flags) gives no gate: the caller then tests
every line, so a gate can only ever make things faster, never different.

`WindowedSearch(pattern)` answers `pattern.search(text) is not None` by searching only the
short windows around the characters every match must hold (`required_characters`,
`max_width`), with the same rule: what the analysis cannot read is searched whole.
"""

from __future__ import annotations

import re

try:  # Python 3.11+: the parser behind re.compile
    from re import _parser
except ImportError:  # pragma: no cover - older Pythons: no gates, everything still works
    _parser = None

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


class _Unknown(Exception):
    """The analysis cannot bound the first character."""


def _first(items) -> tuple[list[str], bool]:
    """(class parts for the first consumed character, whether the sequence may consume nothing)."""
    parts: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            parts.append(re.escape(chr(av)))
            return parts, False
        if name == "IN":
            for iop, iav in av:
                iname = str(iop)
                if iname == "LITERAL":
                    parts.append(re.escape(chr(iav)))
                elif iname == "RANGE":
                    parts.append(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iname == "CATEGORY" and str(iav) in _CATEGORIES:
                    parts.append(_CATEGORIES[str(iav)])
                else:
                    raise _Unknown(iname)
            return parts, False
        if name == "BRANCH":
            nullable = False
            for alt in av[1]:
                sub, empty = _first(alt)
                parts += sub
                nullable = nullable or empty
            if not nullable:
                return parts, False
        elif name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown("local flags")
            more, empty = _first(sub)
            parts += more
            if not empty:
                return parts, False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = av
            more, empty = _first(sub)
            parts += more
            if low > 0 and not empty:
                return parts, False
        elif name == "ATOMIC_GROUP":
            more, empty = _first(av)
            parts += more
            if not empty:
                return parts, False
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width: the next element consumes the first character
        else:
            raise _Unknown(name)
    return parts, True


def first_class(*patterns: re.Pattern[str]) -> str | None:
    """A character class (source text) holding every first character of a match of any pattern."""
    if _parser is None:
        return None
    parts: list[str] = []
    for pattern in patterns:
        try:
            more, empty = _first(_parser.parse(pattern.pattern, pattern.flags).data)
        except (_Unknown, re.error, TypeError, ValueError):
            return None
        if empty:
            return None  # may match the empty string: any position can start a match
        parts += more
    return "[" + "".join(dict.fromkeys(parts)) + "]"


_GATES: dict[tuple[tuple[str, int], ...], re.Pattern[str] | None] = {}
# By the ids of the pattern objects: a detector asks with the same compiled patterns for every
# document, and building the source key above costs more than the lookup it guards.
_GATES_BY_ID: dict[tuple[int, ...], tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]] = {}


def gate(*patterns: re.Pattern[str]) -> re.Pattern[str] | None:
    """The first-character class of `patterns` compiled with their flags (None: no gate).

    Whitespace is added: a line handed in by a caller may be unstripped.  Cached by pattern
    source (a str caches its hash; hashing a compiled pattern hashes its whole code each time).
    """
    held = _GATES_BY_ID.get(tuple(map(id, patterns)))
    if held is not None:  # the same pattern objects (held alive with the gate, so no other object has their ids)
        return held[1]
    key = tuple((p.pattern, p.flags) for p in patterns)
    if key not in _GATES:
        if len(_GATES) > 1024:
            _GATES.clear()
        _GATES[key] = _compile_gate(patterns)
    if len(_GATES_BY_ID) > 1024:
        _GATES_BY_ID.clear()
    _GATES_BY_ID[tuple(map(id, patterns))] = (patterns, _GATES[key])
    return _GATES[key]


def _compile_gate(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    cls = first_class(*patterns)
    if cls is None:
        return None
    flags = 0
    for pattern in patterns:
        flags |= pattern.flags & (re.IGNORECASE | re.ASCII)
    return re.compile(cls[:-1] + r"\s]", flags)


def gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a lookahead on its first-character class: the same matches, faster searches."""
    cls = first_class(pattern)
    if cls is None:
        return pattern
    try:
        return re.compile("(?=" + cls + ")(?:" + pattern.pattern + ")", pattern.flags)
    except re.error:  # pragma: no cover - e.g. inline global flags that must lead
        return pattern


# --- windowed search: the pattern searched only near the characters every match holds --------

_MAX_CLASS = 5_000  # a class spanning more code points than this is never the chosen element
_WINDOW_SAFE = frozenset({"LITERAL", "IN", "ANY", "MAX_REPEAT", "BRANCH", "SUBPATTERN"})


class WindowedSearch:
    """`pattern.search(text) is not None`, searched only in windows around the characters
    every match must hold.

    For an alternation of short sequences (ftfy's 37-way mojibake pattern) the regex engine
    tries every branch at every position; but if each branch has a mandatory class or literal,
    one per branch (the rarest) gives a set every match holds, and no match is wider than the
    widest branch. So only the windows around those characters (merged where they overlap)
    are searched: a match found there is a match of the text when the pattern has no
    look-arounds or end anchors (`^` matches only at the real start), and every match lies in
    one of them. The analysis runs on first use; a pattern it cannot read is searched whole.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._plan: tuple[re.Pattern[str], int] | None | bool = False  # False: not analysed yet

    def __call__(self, text: str) -> bool:
        if self._plan is False:
            chars, width = required_characters(self.pattern), max_width(self.pattern)
            self._plan = None if chars is None or width is None else (
                re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]"), width)
        if self._plan is None:
            return self.pattern.search(text) is not None
        anchors, width = self._plan
        search = self.pattern.search
        lo = hi = -1
        for m in anchors.finditer(text):
            start, end = max(0, m.start() - width + 1), m.start() + width
            if start > hi:  # a new window: search the one before it
                if hi > lo and search(text, lo, hi):
                    return True
                lo = start
            hi = end
        return hi > lo and search(text, lo, hi) is not None


def required_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters at least one of which is in every match of `pattern` (None: not derivable)."""
    if _parser is None or pattern.flags & re.IGNORECASE:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    items = list(parsed)
    alternatives = items[0][1][1] if len(items) == 1 and str(items[0][0]) == "BRANCH" else [parsed]
    chosen: set[str] = set()
    for alternative in alternatives:
        options = [found for op, arg in alternative if (found := _element_chars(op, arg)) is not None]
        if not options:
            return None
        chosen |= min(options, key=_commonness)
    return frozenset(chosen)


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match can span, when nothing outside a match decides it (no
    look-arounds, no anchors but '^'); None otherwise or when unbounded."""
    if _parser is None:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if not _window_safe(parsed):
        return None
    width = parsed.getwidth()[1]
    return width if width < _parser.MAXREPEAT else None


def _window_safe(items) -> bool:
    for op, arg in items:
        name = str(op)
        if name == "AT":
            if str(arg) != "AT_BEGINNING":
                return False
        elif name not in _WINDOW_SAFE:
            return False
        elif name == "BRANCH" and not all(_window_safe(alt) for alt in arg[1]):
            return False
        elif name == "MAX_REPEAT" and not _window_safe(arg[2]):
            return False
        elif name == "SUBPATTERN" and not _window_safe(arg[3]):
            return False
    return True


def _element_chars(op, arg) -> set[str] | None:
    """The characters a mandatory one-character element can match; None for anything else
    (optional or repeated parts, anchors, '.', negated classes, categories such as \\s)."""
    name = str(op)
    if name == "LITERAL":
        return {chr(arg)}
    if name != "IN":
        return None
    chars: set[str] = set()
    for item_op, item_arg in arg:
        item = str(item_op)
        if item == "LITERAL":
            chars.add(chr(item_arg))
        elif item == "RANGE" and item_arg[1] - item_arg[0] < _MAX_CLASS:
            chars.update(map(chr, range(item_arg[0], item_arg[1] + 1)))
        else:  # NEGATE, CATEGORY or a huge range: not a small set of characters
            return None
    return chars


def _commonness(chars: set[str]) -> int:
    """How often a class's characters occur in ordinary text (lower is rarer): ASCII and
    basic Cyrillic letters are everywhere, Latin-1 letters common in European languages."""
    return sum(1000 if c.isascii() or "\u0410" <= c <= "\u044f" else 100 if "\u00c0" <= c <= "\u00ff" else 1
               for c in chars)
