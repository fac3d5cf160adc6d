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
