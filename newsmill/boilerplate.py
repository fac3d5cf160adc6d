"""Label scraped junk in plain text (menus, counters, headline lists, calendars ...).

`detect_boilerplate` runs a registry of small detectors, each looking at the
*shape* of lines (stamps per line, digit runs, separators, repetition, position)
with word lists from rules/boilerplate.yaml.  It labels, never deletes: the result
is a sorted list of non-overlapping `Span`s into `page_text`.  Detectors earlier in
the registry win overlaps, so the precise ones come first.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, islice

from newsmill.boilerplate_patterns import Patterns, load_patterns
from newsmill.model import Line, Span
from newsmill.needles import NeedleIndex, PhraseIndex, lines_holding
from newsmill.regex_gates import gate
from newsmill.spans import extension_pieces
from newsmill.text import is_pictograph, is_word_char, norm_key, norm_keys, opens_in_lower_case, split_lines

_SENTENCE_END = re.compile(r"[.!?…։][\"'”»)]*(?=\s+[\"'“«(]?[^\W\d_]|\s*$)")  # '։': the Armenian full stop
_GUILLEMET_QUOTE = re.compile(r"«[^«»\n]*»")
_POINTING_SEPS = ("»", "›", " > ", "→", " :: ", "＞")  # a two-segment path is a breadcrumb with one of these
# 'Home ›› News', 'Home >> News', 'ホーム ＞ 国際' (the full-width '＞' and '｜' of CJK pages)
_BREADCRUMB_SEP = re.compile(r"\s+(?:[»›>|＞｜]{1,2}|/|→|::)\s+|\s*[»›＞]{1,2}\s*")
_NEXT_WORD = re.compile(r"\s*$|\s+[\"“«'‘(]?(\w)")
_PRECISE_STAMP = re.compile(r"\d:\d|\d[\-./]\d|(?:19|20)\d\d")
_DIGITS_ONLY = re.compile(r"^[\d\s]+$")
_DIGIT_GROUP = re.compile(r"\d+")  # every date stamp holds at least one: a cheap pre-filter
_PAGINATION = re.compile(r"^((?:\d{1,3}\s+)+\d{1,3})(?:\s*[»›>→…]+)?((?:\s+\S+)*)$")
_ROW_SEGMENT = re.compile(r"[^|·•]+")  # the parts of a row between its separators
_CLOSING_QUOTES = frozenset("”\"“»›'’")  # what comments_title's pattern allows to end the line
_TOKEN_SPLIT = re.compile(r"[\s|/·•,●▪◦∙⋅｜]+")  # ● and its kin part menu items too, as does the full-width '｜'
_SYMBOLS = re.compile(r"^[^\w\s]+$")  # '***', '———'
_UNDERSCORE_RULE = re.compile(r"^_{10,}$")  # a drawn rule; '___' alone divides sections inside articles too
_TOKEN_SPLIT_CHARS = frozenset("|/·•,●▪◦∙⋅｜")  # with whitespace: the characters _TOKEN_SPLIT splits on
_TOKEN_SPLIT_SPACES = str.maketrans(dict.fromkeys(_TOKEN_SPLIT_CHARS, " "))
_PRECISE_STAMP_SCAN = re.compile(r"\d(?:[:\-./]\d|\d\d\d)")  # every line _PRECISE_STAMP finds a match in
# At least one match inside every dated stamp, a different one in each (so their count bounds
# the stamps').  A date opens with a digit run that no word character or '-./' precedes and
# that goes on like a date: '19xx-'/'20xx-' (ISO), one or two digits, '-./' and a digit
# (25.08.2022), or one or two digits, an optional dot, whitespace and a letter (10 March);
# or the date opens with a month name and the run is its day: one or two digits after
# whitespace (March 10).  A match holds only one such run (a digit after '-./' opens none),
# and the scan cannot step over one: no match ends inside a digit run that opens a date.
_DATE_ANCHOR = re.compile(
    r"\d(?<![\w\-./]\d)(?:(?<=1)9\d\d-|(?<=2)0\d\d-|\d?(?:[\-./]\d|\.?\s+[^\W\d_])|(?<=\s\d)\d?(?!\d))")
# _DATE_ANCHOR for ASCII text: there the only characters `\d` matches are 0-9, and a range
# is a cheaper test than the Unicode digit category at every position the scan passes.
_DATE_ANCHOR_ASCII = re.compile("[0-9]" + _DATE_ANCHOR.pattern.removeprefix(r"\d"))
# A date or time glued to the words around it, as a scraper that joins text nodes without a space
# leaves a headline list ('...in overtime03.03 20:15Kazakhstan women's...'): the places to part.
# (a digit after a letter that opens a date or time, or the last digit of one before a letter;
# the pattern opens with `\d` so the scan skips to digits)
_GLUED_STAMP = re.compile(
    r"\d(?:(?<=[^\W\d_]\d)(?=\d{0,3}[.:/\-]\d)|(?=[^\W\d_])(?:(?<=\d[.:/]\d\d)|(?<=\d[.:/]\d{4})))")
# ASCII letters -> 'a', digits -> '0', anything else -> ' ' (a line's shape, for _parted's quick test)
_ASCII_SHAPE = bytes(ord("a") if chr(b).isalpha() else ord("0") if chr(b).isdigit() else ord(" ") for b in range(256))
# _anchor_bound's byte classes: ASCII digits '0', '-' itself, the rest of ASCII [\w./] 'a', all else a space
_ANCHOR_SHAPE = bytes(
    ord("0") if chr(b).isdigit() and b < 128 else ord("-") if b == ord("-")
    else ord("a") if b < 128 and (chr(b).isalnum() or chr(b) in "_./") else ord(" ")
    for b in range(256))
# every byte but the first bytes of the UTF-8 form of the non-ASCII characters `\d` matches
# (Arabic-Indic, NKo, the Indic scripts, Thai, Myanmar, fullwidth, the astral planes' digits;
# tests/test_boilerplate.py derives the list again from `re`)
_DIGIT_LEADS = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0"
_NOT_DIGIT_LEADS = bytes(b for b in range(256) if b not in _DIGIT_LEADS)
_OPENS_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# a copyright notice: the mark or the word, then a year, after the mark maybe the owner's name
# ('© 2024', 'Copyright © 2010–2024', 'Copyright 2023', '© Roar Media Group Ltd 2024');
# the word alone is prose ('a memorandum on the protection of copyright')
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:(?:©|\(c\))\s*)?(?:19|20)\d{2}", re.IGNORECASE)
_OWNER_YEAR = re.compile(r"(?:©|\(c\))\s*(?:[^\W\d_][\w.&'’\-]*\s+){1,4}(?:19|20)\d{2}(?!\d)", re.IGNORECASE)


def _copyright_year(text: str) -> bool:
    """A copyright mark or word and a year (see _COPYRIGHT_YEAR), or the mark, the owner's name and a year."""
    return bool(_COPYRIGHT_YEAR.search(text) or ("©" in text or "(" in text) and _OWNER_YEAR.search(text))


class _lazy:  # noqa: N801 - used as a decorator, like functools.cached_property
    """functools.cached_property without its per-instance lock (Python 3.11 takes one on every
    first access): a `_Ctx` lives in one thread."""

    def __init__(self, fn: Callable) -> None:
        self.fn, self.name = fn, fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)  # later reads find it in the instance dict
        return value


_RUN_GAP = 3  # most lines from one stamped line to the next in a timestamp_run run (see _in_chains)
_MONTH_YEAR_CLOSERS = frozenset("»›>→")  # what month_year_line allows after the year, besides whitespace
_PROSE_MIN_CHARS = 100  # a line this long that closes a sentence is article prose (see _Ctx.first_prose)
_NEEDLES, _NEEDLES_LOWER = NeedleIndex(), NeedleIndex()  # long needle lists of `holding`, `holding_lower`
# first_token's verdicts: test -> character -> may a line opening with it pass (pure tests only)
_FIRST_VERDICTS: dict[Callable[[str], bool], dict[str, bool]] = {}
_MANY_NEEDLES = 8  # from this many needles on, one automaton pass costs less than a search per needle
_VIEW_TIERS = (250, 500)  # line-length limits of the joined texts that scans share (see _Ctx._view)


@dataclass(frozen=True)
class _Ctx:
    """One document for the detectors, with per-line facts computed once and shared.

    Speed: most lines are prose that no detector labels, so detectors ask for *candidate*
    lines (`starting`, `containing`, `short`) instead of testing every line.  Candidates are
    a superset of the lines the detector's own test accepts, so the result is the same;
    with `prefilter=False` every line is a candidate (tests compare both ways).
    """

    text: str
    lines: list[Line]
    p: Patterns
    prefilter: bool = True

    @_lazy
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @_lazy
    def keys(self) -> list[str]:
        """norm_key of every line, computed once for the repetition detectors."""
        return norm_keys(self.texts)

    @_lazy
    def first_prose(self) -> int:
        """Index of the first line that reads as article prose (len(lines) if none)."""
        return next((i for i in range(len(self.lines)) if self.reads_as_prose(i)), len(self.lines))

    def reads_as_prose(self, i: int) -> bool:
        """Is line i article prose: long, and closing a sentence somewhere in it?"""
        return self.lens[i] >= _PROSE_MIN_CHARS and _SENTENCE_END.search(self.texts[i]) is not None

    @_lazy
    def last_two_prose(self) -> list[int]:
        """The last two lines that read as prose, last first: what closes the article (a lede repeated
        there, an author's bio), however many menu and footer lines follow it.  The footer's own
        sentences are not the article's: a copyright notice ('©'), a cookie banner."""
        return list(islice((i for i in range(len(self.lines) - 1, -1, -1)
                            if self.reads_as_prose(i) and not self._footer_notice(i)), 2))

    def _footer_notice(self, i: int) -> bool:
        text = self.texts[i]
        return "©" in text or self.p.cookie.search(text) is not None

    @_lazy
    def starts(self) -> list[int]:
        """Where every line starts in the page."""
        return [line.start for line in self.lines]

    @_lazy
    def lens(self) -> list[int]:
        """Length of every line (most detectors first ask whether a line is short enough)."""
        return [len(t) for t in self.texts]

    @_lazy
    def _views(self) -> dict[float, tuple[str, list[int], list[int]]]:  # by limit asked for, and by tier
        return {}

    def _view(self, max_chars: float) -> tuple[str, list[int], list[int]]:
        """Lines of at most `max_chars` (or a few more) joined by newlines, each one's offset there,
        and its index.

        Speed: the scans below read only the lines a detector's own length limit lets through,
        so the long prose paragraphs that make up most of a typical page are never scanned.
        Limits are rounded up to a few tiers (`_VIEW_TIERS`) so detectors share the joined
        texts; the extra lines are candidates the detector's own length test then rejects.
        A view is kept under the limit asked for too: a detector asks with the same limit on
        every call, so most calls are one dict lookup.
        """
        found = self._views.get(max_chars)
        if found is None:
            found = self._views[max_chars] = self._tier_view(self._tier(max_chars))
        return found

    def _tier_view(self, tier: float) -> tuple[str, list[int], list[int]]:
        found = self._views.get(("tier", tier))
        if found is None:
            texts, lens = self.texts, self.lens
            index = [i for i, n in enumerate(lens) if n <= tier] if tier < math.inf else range(len(texts))
            starts = list(accumulate([lens[i] + 1 for i in index], initial=0))
            found = self._views[("tier", tier)] = ("\n".join([texts[i] for i in index]), starts[:-1], index)
        return found

    def _tier(self, max_chars: float) -> float:
        """The view tier for a length limit: inf when no line is longer than the tier anyway."""
        for tier in _VIEW_TIERS:
            if max_chars <= tier:
                return tier if tier < self._longest else math.inf
        return math.inf

    @_lazy
    def _longest(self) -> int:
        return max(self.lens, default=0)

    @_lazy
    def _lowered(self) -> dict[float, tuple[str, list[int], list[int]] | None]:  # as `_views`, lower-cased
        return {}

    def _lower_view(self, max_chars: float) -> tuple[str, list[int], list[int]] | None:
        """`_view` lower-cased (None in the unlikely case that moves offsets)."""
        lowered = self._lowered
        if max_chars in lowered:
            return lowered[max_chars]
        joined, starts, index = self._view(max_chars)
        key = ("tier", self._tier(max_chars))
        if key not in lowered:
            low = joined.replace("İ", "I").lower()  # 'İ' is the one letter whose lower case is two characters
            lowered[key] = (low, starts, index) if len(low) == len(joined) else None
        found = lowered[max_chars] = lowered[key]
        return found

    @_lazy
    def _tokens(self) -> dict[int, list[str]]:
        return {}

    def tokens(self, i: int) -> list[str]:
        """Non-empty _TOKEN_SPLIT tokens of line i (menus, switchers and share bars share them)."""
        found = self._tokens.get(i)
        if found is None:
            # the separators as spaces, then str.split (it splits on exactly the characters `\s` matches)
            found = self._tokens[i] = self.lines[i].text.translate(_TOKEN_SPLIT_SPACES).split()
        return found

    def first_token(self, max_chars: float, test: Callable[[str], bool]) -> list[int] | range:
        """Lines of at most `max_chars` whose first character is a token separator or passes `test`."""
        if not self.prefilter:
            return self.every()
        verdicts = _FIRST_VERDICTS.get(test)
        if verdicts is None or len(verdicts) > 20_000:
            verdicts = _FIRST_VERDICTS[test] = {}
        firsts = set()
        for c in self._by_first:  # a character's verdict is the same on every page: kept per test
            ok = verdicts.get(c)
            if ok is None:
                ok = verdicts[c] = not c or _is_token_split(c) or bool(test(c))
            if ok:
                firsts.add(c)
        return self._first_in(firsts, max_chars)

    def _first_in(self, firsts: frozenset[str] | set[str], max_chars: float) -> list[int]:
        """Lines of at most `max_chars` whose first character is one of `firsts`, in order
        (gathered from `_by_first`: no loop over the lines that open otherwise)."""
        by_first, lens = self._by_first, self.lens
        found = [i for c in by_first if c in firsts for i in by_first[c] if lens[i] <= max_chars]
        found.sort()
        return found

    def every(self) -> range:
        return range(len(self.lines))

    def short(self, max_chars: float) -> list[int] | range:
        """Lines of at most `max_chars` characters."""
        if not self.prefilter:
            return self.every()
        return [i for i, n in enumerate(self.lens) if n <= max_chars]

    def opening(self, firsts: frozenset[str] | set[str], max_chars: float = math.inf) -> list[int] | range:
        """Lines of at most `max_chars` whose first character is one of `firsts`."""
        if not self.prefilter:
            return self.every()
        return self._first_in(firsts, max_chars)

    def starting(self, *patterns: re.Pattern[str]) -> list[int] | range:
        """Lines whose first character may start a match of one of these `^`-anchored patterns."""
        test = gate(*patterns) if self.prefilter else None
        if test is None:
            return self.every()
        by_first = self._by_first
        # the gate is one character class: its matches among the distinct first characters
        # are the ones passing it, found in one C-level scan
        passing = test.findall(self._distinct_firsts)
        if "" in by_first:
            passing.append("")  # an empty line: no first character rules it out
        if len(passing) == len(by_first):
            return self.every()
        found = list(chain.from_iterable([by_first[first] for first in passing]))
        found.sort()
        return found

    @_lazy
    def _distinct_firsts(self) -> str:
        """The distinct first characters of the lines, as one string (an empty line adds none)."""
        return "".join(self._by_first)

    @_lazy
    def _by_first(self) -> dict[str, list[int]]:
        """Line indexes by first character: a gate is tested once per distinct character,
        and the lines passing it are gathered without a loop over every line."""
        found: dict[str, list[int]] = {}
        for i, first in enumerate(self._firsts):
            found.setdefault(first, []).append(i)
        return found

    @_lazy
    def _multiline(self) -> bool:
        return any("\n" in t for t in self.texts)

    @_lazy
    def _firsts(self) -> list[str]:
        return [t[:1] for t in self.texts]

    def scanning(self, pattern: re.Pattern[str], max_chars: float = math.inf) -> list[int] | range:
        """Lines of at most `max_chars` where `pattern` (which must never match a newline) finds
        a match: one search over the joined texts, so a pattern with a literal or class prefix
        skips most of it."""
        if not self.prefilter or self._multiline:
            return self.every()
        joined, starts, index = self._view(max_chars)
        found: list[int] = []
        m = pattern.search(joined)
        while m:
            i = bisect_right(starts, m.start()) - 1
            found.append(index[i])
            m = pattern.search(joined, starts[i + 1]) if i + 1 < len(starts) else None  # next line on
        return found

    def holding(self, needles: tuple[str, ...], max_chars: float = math.inf) -> list[int] | range:
        """Lines of at most `max_chars` that contain one of the `needles` (literal strings without a newline)."""
        if not self.prefilter:
            return self.every()
        if len(needles) < _MANY_NEEDLES or self._tier(max_chars) != self._tier(_VIEW_TIERS[0]):
            return _lines_with(*self._view(max_chars), needles)
        ids = _NEEDLES.ids(needles)  # first: it may add needles, which `_hits` must then search for
        return lines_holding(self._hits(False), ids)

    def containing(self, keys_name: str, max_chars: float = math.inf) -> list[int] | range:
        """Lines of at most `max_chars` whose lower case contains one of a word list's literal keys
        (see literal_keys)."""
        keys = self.p.keys.get(keys_name)
        return self.every() if keys is None else self.holding_lower(keys, max_chars)

    def holding_lower(self, needles: tuple[str, ...], max_chars: float = math.inf) -> list[int] | range:
        """Lines of at most `max_chars` whose lower case (str.lower) holds one of the lower-case `needles`
        (a test that reads `text.lower()` the same way finds a subset of them)."""
        if not self.prefilter:
            return self.every()
        shortest = _VIEW_TIERS[0]
        if len(needles) >= _MANY_NEEDLES and self._tier(max_chars) != self._tier(shortest):
            # the short lines from the automaton's hits, the few longer ones one by one: no
            # lower-cased copy of the longer view for one word list
            short = self.holding_lower(needles, shortest)
            if isinstance(short, range):
                return short  # every line (the lower case moved offsets)
            longer = [i for i, n in enumerate(self.lens) if shortest < n <= max_chars and _holds_lower(self.texts[i], needles)]
            return sorted([*short, *longer])
        lowered = self._lower_view(max_chars)
        if lowered is None:
            return self.every()
        if len(needles) < _MANY_NEEDLES or self._tier(max_chars) != self._tier(shortest):
            return _lines_with(*lowered, needles)
        ids = _NEEDLES_LOWER.ids(needles)  # first: it may add needles, which `_hits` must then search for
        return lines_holding(self._hits(True), ids)

    def phrases(self, index: PhraseIndex, max_chars: float) -> dict[int, set[str]]:
        """Line -> the whole-word phrases of `index` its lower case holds, for the lines of at most
        `max_chars` (one Aho-Corasick pass over the lower-cased view, kept for the page; line by line
        when lower-casing moves offsets, or with `prefilter=False`)."""
        tier = self._tier(max_chars)
        key = (id(index), tier)
        found = self._phrase_hits.get(key)
        if found is None:
            lowered = self._lower_view(max_chars) if self.prefilter else None
            if lowered is None:  # the view's lines, one by one (the result is kept for the tier)
                found = {}
                for i, text in enumerate(self.texts):
                    if len(text) <= tier:
                        found.update(index.found(text.lower(), (0,), (i,)))
            else:
                found = index.found(*lowered)
            self._phrase_hits[key] = found
        return found

    @_lazy
    def _phrase_hits(self) -> dict[tuple[int, float], dict[int, set[str]]]:
        return {}

    @_lazy
    def _needle_hits(self) -> dict[bool, tuple[int, dict[int, list[int]]]]:
        return {}

    def _hits(self, lower: bool) -> dict[int, list[int]]:
        """Needle id -> lines holding it, for every long needle list asked for so far
        (`newsmill/needles.py`), in the shortest tier's view, lower-cased if `lower`.

        Speed: one Aho-Corasick pass serves every request with many needles (word lists'
        keys in many languages); a few needles, or the longer views, cost less searched
        one by one (`_lines_with`)."""
        index = _NEEDLES_LOWER if lower else _NEEDLES
        held = self._needle_hits.get(lower)
        if held is None or held[0] != index.version:  # first asked, or needles were added since
            view = self._lower_view(_VIEW_TIERS[0]) if lower else self._view(_VIEW_TIERS[0])
            held = self._needle_hits[lower] = (index.version, index.hits(*view))
        return held[1]

    def cfg(self, name: str) -> int | float:
        return self.p.cfg[name]

    def span(self, first: int, last: int, kind: str, rule: str) -> Span:
        """Span over lines first..last (inclusive)."""
        return Span(self.lines[first].start, self.lines[last].end, kind, rule)


Detector = Callable[[_Ctx], Iterable[Span]]
DETECTORS: list[Detector] = []


def detector(fn: Detector) -> Detector:
    """Register a detector; registration order is priority order."""
    DETECTORS.append(fn)
    return fn


def detect_boilerplate(page_text: str, lines: list[Line] | None = None,
                       skip: frozenset[str] | set[str] = frozenset()) -> list[Span]:
    """Label the boilerplate in `page_text`: sorted, non-overlapping, trimmed spans.

    `skip` names detectors not to run (newsmill/checks.py re-runs the others over bodies).
    """
    return _detect(page_text, lines, skip)


def _holds_lower(text: str, needles: tuple[str, ...]) -> bool:
    """Does the lower case of `text` hold one of `needles` (or may it: 'İ' changes the length)?"""
    low = text.replace("İ", "I").lower()
    return len(low) != len(text) or any(needle in low for needle in needles)


def _lines_with(joined: str, starts: list[int], index: list[int], needles) -> list[int]:
    """Indexes (`index[k]`) of the lines starting at `starts[k]` in the newline-joined `joined` that hold a needle."""
    found: set[int] = set()
    for needle in needles:
        at = joined.find(needle)
        while at != -1:
            i = bisect_right(starts, at) - 1
            found.add(index[i])
            at = joined.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1
    return sorted(found)


def _detect(page_text: str, lines: list[Line] | None, skip: frozenset[str] | set[str],
            prefilter: bool = True) -> list[Span]:
    """detect_boilerplate; `prefilter=False` runs every detector test on every line (the reference)."""
    ctx = _Ctx(page_text, split_lines(page_text) if lines is None else lines, load_patterns(), prefilter)
    accepted: list[Span] = []  # sorted by start, non-overlapping
    starts: list[int] = []
    for find in DETECTORS:
        if skip and find.__name__ in skip:
            continue
        for span in find(ctx):
            span = _trim(page_text, span)
            if span.end <= span.start:
                continue
            at = bisect_right(starts, span.start)  # neighbours in start order decide any overlap
            if (at and accepted[at - 1].end > span.start) or (at < len(accepted) and accepted[at].start < span.end):
                # a same-kind span extends the earlier ones by whole lines (newsmill/spans.py)
                for piece in extension_pieces(page_text, span, accepted):
                    k = bisect_right(starts, piece.start)
                    accepted.insert(k, piece)
                    starts.insert(k, piece.start)
                continue
            accepted.insert(at, span)
            starts.insert(at, span.start)
    return accepted


def _trim(text: str, span: Span) -> Span:
    if span.end > span.start and not text[span.start].isspace() and not text[span.end - 1].isspace():
        return span  # already trimmed (most spans are whole stripped lines)
    piece = text[span.start : span.end]
    lead = len(piece) - len(piece.lstrip())
    return Span(span.start + lead, span.start + len(piece.rstrip()), span.kind, span.rule)


@lru_cache(maxsize=8)
def _folds_into(chars: frozenset[str]) -> Callable[[str], bool]:
    """A test of one character: does its case fold open with one of `chars`?  (One function per set,
    so `_Ctx.first_token` keeps its verdicts across pages.)"""
    return lambda c: c.casefold()[:1] in chars


@lru_cache(maxsize=8)
def _edge_chars(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """First and last characters of a word list's words (built once per list, not per document)."""
    return frozenset(w[0] for w in words), frozenset(w[-1] for w in words)


def _is_token_split(char: str) -> bool:
    return char.isspace() or char in _TOKEN_SPLIT_CHARS


def _line_rule(
    ctx: _Ctx, kind: str, rule: str, test: Callable[[str], object], max_chars: float = 10_000,
    candidates: Iterable[int] | None = None,
) -> Iterator[Span]:
    """A span for every line no longer than `max_chars` whose text passes `test`.

    `candidates`: the only lines that can pass (a pre-filter; default every line).
    """
    lines = ctx.lines
    for i in ctx.every() if candidates is None else candidates:
        text = lines[i].text
        if len(text) <= max_chars and test(text):
            yield ctx.span(i, i, kind, rule)


def _runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """(first, end) of each maximal run of True flags, end exclusive."""
    i = 0
    while i < len(flags):
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        if j > i:
            yield i, j
        i = j + 1


def _extend(ctx: _Ctx, first: int, limit: float, test: Callable[[str], object]) -> int:
    """Index of the last line of `first` plus up to `limit` following lines passing `test`."""
    last = first
    while last + 1 < len(ctx.lines) and last - first < limit and test(ctx.lines[last + 1].text):
        last += 1
    return last


def _sentence_ends(text: str) -> int:
    return len(_SENTENCE_END.findall(text))


# --- metadata ---------------------------------------------------------------


@detector
def metadata_stamp(ctx: _Ctx) -> Iterator[Span]:
    """Date-stamp lines at the top; a labelled stamp that opens the lede is cut as a prefix."""
    for i, line in enumerate(ctx.lines[: int(ctx.cfg("metadata_top_lines"))]):
        if len(line.text) <= ctx.cfg("metadata_max_chars") and ctx.p.metadata_full.match(line.text):
            yield ctx.span(i, i, "metadata_line", "metadata_stamp")
            continue
        m = ctx.p.metadata_prefix.match(line.text)
        if m and (m.group("label") or m.group("hash")):
            yield Span(line.start, line.start + m.end(), "metadata_line", "metadata_prefix")


# --- calendars ---------------------------------------------------------------


def _is_day_run(text: str) -> bool:
    """Digits that read as consecutive day numbers: '2345678', '9 10 11', '1'."""
    if not _DIGITS_ONLY.match(text) or len(text) > 100:
        return False
    tokens = text.split()
    if len(tokens) > 1:
        nums = [int(t) for t in tokens]
        return all(1 <= n <= 31 for n in nums) and all(b == a + 1 for a, b in zip(nums, nums[1:]))
    for first in range(1, 32):
        if not text.startswith(str(first)):  # the run must open with its first day
            continue
        joined, day = "", first
        while len(joined) < len(text) and day <= 31:
            joined, day = joined + str(day), day + 1
        if joined == text:
            return True
    return False


def _calendar_role(ctx: _Ctx, text: str, heading: bool = True, month: bool = True,
                   weekdays: bool = True, days: bool = True) -> str | None:
    """The line's calendar role; a role passed as False cannot match (its test is skipped)."""
    if heading and ctx.p.calendar_heading.match(text):
        return "heading"
    if month and ctx.p.month_year_line.match(text):
        return "month"
    if weekdays and len(text) <= 80 and ctx.p.weekday_line.match(text):
        return "weekdays"
    if days and _is_day_run(text):
        return "days"
    return None


@detector
def calendar_block(ctx: _Ctx) -> Iterator[Span]:
    """A run of calendar lines (heading, month-year, weekday row, day-number rows)."""
    month, weekdays = set(ctx.starting(ctx.p.month_year_line)), set(ctx.starting(ctx.p.weekday_line))
    if ctx.prefilter and not _has_calendar_anchor(ctx, month, weekdays):
        return  # every calendar block holds a month-year or a weekday line: most pages have neither
    heading, days = set(ctx.starting(ctx.p.calendar_heading)), set(ctx.starting(_DIGITS_ONLY))
    roles: list[str | None] = [None] * len(ctx.lines)
    for i in heading | month | weekdays | days:
        roles[i] = _calendar_role(ctx, ctx.lines[i].text, i in heading, i in month, i in weekdays, i in days)
    for i, j in _runs([role is not None for role in roles]):
        found = set(roles[i:j])
        if found & {"month", "weekdays"} and len(found) >= 2:
            yield ctx.span(i - 1 if _heads_list(ctx, i) else i, j - 1, "calendar", "calendar_block")


def _has_calendar_anchor(ctx: _Ctx, month: set[int], weekdays: set[int]) -> bool:
    """Does some line pass the month-year or the weekday-row test (whatever other role it may get)?"""
    texts = ctx.texts
    return any(_may_end_month_year(texts[i]) and ctx.p.month_year_line.match(texts[i]) for i in month) or any(
        len(texts[i]) <= 80 and ctx.p.weekday_line.match(texts[i]) for i in weekdays)


def _may_end_month_year(text: str) -> bool:
    """Can `text` end like a month-year line: a year's digit, then only arrows and whitespace?

    A cheap test before the regex (a headline ends in a letter or a stop); the characters
    are those `month_year_line` allows after the year (see boilerplate_patterns.py).
    """
    last = text[-1:]
    return last.isdecimal() or last in _MONTH_YEAR_CLOSERS or last.isspace()


# --- headline lists ------------------------------------------------------------


@detector
def runon_headlines(ctx: _Ctx) -> Iterator[Span]:
    """One long line with many date stamps spread through it and few sentence ends."""
    need = ctx.cfg("runon_min_stamps")
    for i, text in _runon_candidates(ctx, need):
        stamps = list(ctx.p.stamp.finditer(text))
        dated = [m for m in stamps if ctx.p.date.match(m.group())]
        if len(dated) < ctx.cfg("runon_min_stamps"):
            continue
        spread = len(text) / len(dated) <= ctx.cfg("runon_chars_per_stamp")
        prose = _sentence_ends(text) / len(dated) > ctx.cfg("runon_max_sentence_ratio")
        opens = sum(_opens_headline(text, m.end()) for m in dated) / len(dated)
        if spread and not prose and opens >= ctx.cfg("runon_min_opening_share"):
            yield ctx.span(i, i, "related_headlines", "runon_headlines")


def _runon_candidates(ctx: _Ctx, need: float) -> Iterator[tuple[int, str]]:
    """Lines that may hold `need` dated stamps spread through them with few sentence ends, each
    with the text to read.

    Each dated stamp holds a `_DATE_ANCHOR` match of its own, so a line holds no more dated
    stamps than matches: if even that many could not pass runon_headlines' tests, the
    stamps cannot, and the costly stamp search is skipped.  (The count runs line by line:
    the pattern opens with a digit, so a line without one costs a single fast scan.)
    A line holding `need` matches is read with its glued stamps parted (`_parted`).
    """
    texts = ctx.texts
    anchors, ascii_anchors = _DATE_ANCHOR.findall, _DATE_ANCHOR_ASCII.findall
    if not ctx.prefilter:
        for i in ctx.every():
            text = texts[i]
            if len(_DIGIT_GROUP.findall(text)) >= need:  # every stamp starts its own digit group
                yield i, _parted(text) if len(anchors(text)) >= need else text
        return
    for i, text in enumerate(texts):
        quick = _anchor_bound(text)
        if quick is not None and (quick < need or not quick):
            continue
        bound = len(ascii_anchors(text) if text.isascii() else anchors(text))
        if bound < need or not bound:
            continue
        text = _parted(text)
        bound = len(ascii_anchors(text) if text.isascii() else anchors(text))
        if (bound >= need and len(text) / bound <= ctx.cfg("runon_chars_per_stamp")
                and _sentence_ends(text) / bound <= ctx.cfg("runon_max_sentence_ratio")):
            yield i, text


def _anchor_bound(text: str) -> int | None:
    r"""At least as many as `_DATE_ANCHOR` finds in `text`, counted with byte operations (half
    the regex's cost), or None when a character of the line may be a non-ASCII digit.

    An anchor opens a run of 1 or 2 digits, or of 4 then '-', where no character of
    [\w\-./] stands before it: in the line's shape (`_ANCHOR_SHAPE`) a space then '0'.
    Every non-ASCII character is a space there: it may be a letter, which rules the digit
    out, so the count can only come out higher than the regex's.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) != len(text) and raw.translate(None, _NOT_DIGIT_LEADS):
        return None
    shape = b" " + raw.translate(_ANCHOR_SHAPE)
    runs = shape.count(b" 0")
    return runs - shape.count(b" 000") + shape.count(b" 0000-") if runs else 0


def _parted(text: str) -> str:
    """`text` with a space where a date or time is glued to the words around it, as a scraper that
    joins text nodes leaves a headline list ('...in Baku03.03 18:40Tour of Almaty...').

    Only for lines that already hold several stamps: the scan costs ~70 µs over a whole page.  An
    ASCII line with no letter next to a digit has nothing glued: two byte searches say so."""
    if text.isascii():
        shape = text.encode().translate(_ASCII_SHAPE)
        if b"a0" not in shape and b"0a" not in shape:
            return text
    return _GLUED_STAMP.sub(_part, text)


def _part(m: re.Match[str]) -> str:
    """The glued digit with a space on the side where the word is."""
    return m.group() + " " if m.string[m.end() : m.end() + 1].isalpha() else " " + m.group()


def _opens_headline(text: str, pos: int) -> bool:
    """After a stamp: the line ends, or a new capitalised (or numbered) headline starts."""
    m = _NEXT_WORD.match(text, pos)
    return bool(m) and (m.group(1) is None or m.group(1).isupper() or m.group(1).isdigit())


def _stamped(ctx: _Ctx, text: str) -> bool:
    """A short line opening or closing with a precise stamp (a time, a numeric date or a year).

    'June 9 -- Tampa, FL' lines are tour dates in an article, not a headline list.
    """
    return _may_be_stamped(ctx, text) and _stamp_is_precise(ctx, text)


def _may_be_stamped(ctx: _Ctx, text: str) -> bool:
    """The cheap half of `_stamped`: the stamp found must hold a precise stamp, so the line does."""
    return len(text) <= ctx.cfg("short_line_chars") and _PRECISE_STAMP.search(text) is not None


def _stamp_is_precise(ctx: _Ctx, text: str) -> bool:
    """The costly half of `_stamped`: the stamp opening or closing the line is a precise one."""
    m = ctx.p.stamp_at_start.match(text) or ctx.p.stamp_at_end.search(text)
    return bool(m and _PRECISE_STAMP.search(m.group("stamp")))


def _reads_as_entry(ctx: _Ctx, text: str) -> bool:
    """A stamped line that closes a sentence: a live-blog entry ('20:35 The President declared the
    Games open.'), not a headline (headlines end without a full stop, or trail off in '...'); or an
    item of the article's enumeration ('April 2025 – dredging of the channel;'): no headline ends in ';'."""
    return text.endswith(";") or (text.endswith(".") and not text.endswith("..")
                                  and len(text.split()) >= ctx.cfg("entry_min_words"))


_LIST_NUMBER = re.compile(r"(\d{1,2})[.)]\s")


def _numbered_list(texts: list[str], stamped: list[int]) -> set[int]:
    """The stamped lines that are items of a numbered list: consecutive lines opening '1.', '2.',
    '3.' (or '1)' ...) in order.  A results table or a timeline in the article is numbered ('1. Evans
    Kiprono (Kenya) — 2:08:41', '2. February 2026 – commissioning of the quay'); a site's list of
    other stories carries its stamps without numbering them."""
    found: set[int] = set()
    for i in stamped:
        m = _LIST_NUMBER.match(texts[i])
        if m is None:
            continue
        for j in (i - 1, i + 1):
            n = _LIST_NUMBER.match(texts[j]) if 0 <= j < len(texts) else None
            if n is not None and int(n.group(1)) == int(m.group(1)) + (j - i):
                found.add(i)
    return found


def _plain_headline(ctx: _Ctx, text: str) -> bool:
    return len(text) <= ctx.cfg("headline_plain_max_chars") and not text.endswith((".", ":", ";"))


@detector
def timestamp_run(ctx: _Ctx) -> Iterator[Span]:
    """Consecutive short lines each starting/ending with a stamp (or beside a stamp-only line)."""
    texts = ctx.texts
    # _stamped needs a short line with a precise stamp in it
    maybe = [i for i in ctx.scanning(_PRECISE_STAMP_SCAN, ctx.cfg("short_line_chars")) if _may_be_stamped(ctx, texts[i])]
    if ctx.prefilter:
        maybe = _in_chains(maybe, _RUN_GAP, int(ctx.cfg("headline_run_min")))
    stamped = [i for i in maybe if _stamp_is_precise(ctx, texts[i]) and not _reads_as_entry(ctx, texts[i])]
    if len(stamped) < ctx.cfg("headline_run_min"):
        return  # no run can hold enough stamped lines
    numbered = _numbered_list(texts, stamped)
    stamped = [i for i in stamped if i not in numbered]
    if len(stamped) < ctx.cfg("headline_run_min"):
        return
    # members: the stamped lines, and plain headlines beside a stamp-only line of a 'headline /
    # stamp' list (only stamped lines can be stamp-only lines, so only their neighbours need a look)
    members = set(stamped)
    stamp_only = {i for i in stamped if ctx.p.stamp_only.match(texts[i])}
    for i in stamp_only:
        if i - 2 not in stamp_only and i + 2 not in stamp_only:
            continue  # a lone stamp line is no 'headline / stamp' list: the article's date under its title
        members.update(j for j in (i - 1, i + 1) if 0 <= j < len(texts) and _plain_headline(ctx, texts[j]))
    is_stamped = set(stamped)
    for first, last in _consecutive(sorted(members)):
        if sum(i in is_stamped for i in range(first, last + 1)) >= ctx.cfg("headline_run_min"):
            yield ctx.span(first, _last_paired(ctx, first, last, stamp_only), "related_headlines", "timestamp_run")
            if _heads_list(ctx, first):
                yield ctx.span(first - 1, first - 1, "related_headlines", "timestamp_run_heading")


def _heads_list(ctx: _Ctx, first: int) -> bool:
    """Is the line above a stamped run, a calendar or a widget table its heading ('So‘nggi
    yangiliklar', 'Архив номеров', 'Валюта бағамы (ҰБ)'): in the run's block, a few words without
    digits or a closing stop?"""
    if first == 0 or ctx.lines[first - 1].block != ctx.lines[first].block:
        return False
    text = ctx.texts[first - 1]
    return (len(text.split()) <= ctx.cfg("list_heading_max_words") and not text.endswith((".", "!", "?", ";", ","))
            and not any(c.isdigit() for c in text) and any(c.isalpha() for c in text))


def _last_paired(ctx: _Ctx, first: int, last: int, stamp_only: set[int]) -> int:
    """The run's last line, less a plain line after its closing stamp line when the headlines
    carry their stamps below them (the run opens 'headline / stamp') and a blank line parts
    that plain line from the stamp: it is the line after the list (the article's headline),
    not a headline of it."""
    lines = ctx.lines
    if (last - first >= 3 and first not in stamp_only and first + 1 in stamp_only
            and last not in stamp_only and last - 1 in stamp_only
            and lines[first].block == lines[first + 1].block and lines[last].block != lines[last - 1].block):
        return last - 1
    return last


def _in_chains(indexes: list[int], gap: int, need: int) -> list[int]:
    """The sorted `indexes` that lie in a chain of at least `need` of them, each at most `gap` after the one before.

    Speed (timestamp_run): only a stamped line can make a plain line beside it a member, so
    two stamped lines of one run are at most `_RUN_GAP` apart ('stamp / plain / plain /
    stamp').  A run of `headline_run_min` stamped lines is therefore inside such a chain of
    possibly stamped lines, and the lines outside every chain can skip the costly stamp test:
    taking them for unstamped changes no run that counts (tests/test_boilerplate_speed.py).
    """
    kept: list[int] = []
    chain: list[int] = []
    for i in indexes:
        if chain and i - chain[-1] > gap:
            if len(chain) >= need:
                kept += chain
            chain = []
        chain.append(i)
    if len(chain) >= need:
        kept += chain
    return kept


def _consecutive(indexes: list[int]) -> Iterator[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in sorted, distinct `indexes`."""
    for at, i in enumerate(indexes):
        if at == 0 or indexes[at - 1] != i - 1:
            first = i
        if at + 1 == len(indexes) or indexes[at + 1] != i + 1:
            yield first, i


@detector
def read_also_cue(ctx: _Ctx) -> Iterator[Span]:
    """'Read also: ...' inserts; a bare cue line takes the headline lines under it."""
    for i in ctx.starting(ctx.p.read_also):
        line = ctx.lines[i]
        m = ctx.p.read_also.match(line.text)
        if not m or len(line.text) > ctx.cfg("cue_line_max_chars"):
            continue
        bare = not line.text[m.end() :].strip()
        limit = ctx.cfg("cue_follow_max_lines") if bare else 0
        last = _extend(ctx, i, limit, lambda t: _plain_headline(ctx, t))
        yield ctx.span(i, _within_insert(ctx, i, last), "related_headlines", "read_also_cue")


def _within_insert(ctx: _Ctx, cue: int, last: int) -> int:
    """`last`, or the end of the cue's block when the cue shares its block with the headlines under it:
    a blank line closes the insert ('İlgili Haberler' / a headline, then after a blank line the
    article's own subheading).  A cue alone in its block takes the next block's headlines."""
    lines = ctx.lines
    if cue + 1 < len(lines) and lines[cue + 1].block == lines[cue].block:
        while last > cue and lines[last].block != lines[cue].block:
            last -= 1
    return last


# --- small interface lines -------------------------------------------------------


@detector
def separator_line(ctx: _Ctx) -> Iterator[Span]:
    """Lines of only symbols ('***', '———', a lone '⁂' or an icon: '💡') or one repeated letter ('x x x')."""
    minimum, ornaments = int(ctx.cfg("separator_min_symbols")), ctx.p.ornaments

    def test(text: str) -> bool:
        squeezed = "".join(text.split())
        if _UNDERSCORE_RULE.match(squeezed):
            return True
        if _SYMBOLS.match(squeezed):
            return len(squeezed) >= minimum or squeezed in ornaments or _icons_only(squeezed)
        tokens = text.split()
        return len(tokens) >= minimum and len(set(tokens)) == 1 and len(tokens[0]) == 1

    candidates = None
    if ctx.prefilter:  # 'x x x': a space second; symbols only: no word character first or second (a caller's line may be unstripped)
        candidates = [i for i, t in enumerate(ctx.texts) if t[:1].isspace() or t[1:2].isspace() or t[:1] == "_"
                      or not (is_word_char(t[:1]) or is_word_char(t[1:2]))]
    return _line_rule(ctx, "separator", "separator_line", test, candidates=candidates)


def _icons_only(text: str) -> bool:
    """Is `text` only pictographs ('💡', '📌📌'), with their joiners and variation selectors?"""
    icons = text.replace("\ufe0f", "").replace("\u200d", "")
    return bool(icons) and all(is_pictograph(c) for c in icons)


@detector
def counter_line(ctx: _Ctx) -> Iterator[Span]:
    """'Views: 317', '317 views', 'Просмотров: 12'."""
    return _line_rule(ctx, "counter", "counter_line", ctx.p.counter.match, ctx.cfg("counter_max_chars"),
                      ctx.starting(ctx.p.counter))


_COUNT_ONLY = re.compile(r"^\d{1,6}$")


def _line_at(ctx: _Ctx, start: int) -> int:
    """The index of the line that starts at offset `start`."""
    return bisect_right(ctx.starts, start) - 1


@detector
def comments_line(ctx: _Ctx) -> Iterator[Span]:
    """'11 Comments', 'No comments', 'Комментарии (3)'; '4 thoughts on “Title”', as long as a cue line."""
    limit = ctx.cfg("counter_max_chars")
    for span in _line_rule(ctx, "comments", "comments_line", ctx.p.comments.match, limit, ctx.starting(ctx.p.comments)):
        yield span
        i = _line_at(ctx, span.start)
        if i > 0 and _COUNT_ONLY.match(ctx.texts[i - 1]) and not _DIGIT_GROUP.search(ctx.texts[i]):
            yield ctx.span(i - 1, i - 1, "comments", "comments_line")  # its count on the line above: '142' / 'View comments'
    texts = ctx.texts  # the heading ends with the post's title in quotes (and maybe a colon): a cheap test first
    titled = [i for i in ctx.starting(ctx.p.comments_title) if texts[i].rstrip().rstrip(":").rstrip()[-1:] in _CLOSING_QUOTES]
    yield from _line_rule(ctx, "comments", "comments_title", ctx.p.comments_title.match, ctx.cfg("cue_line_max_chars"),
                          titled if ctx.prefilter else None)


@detector
def stamp_counter_row(ctx: _Ctx) -> Iterator[Span]:
    """A row of a date stamp and counters between separators ('14.03.2024, 11:20 | Просмотров: 1 874 |
    Комментариев: 3'): the stamp is metadata (the publication date is read from it), the counters are junk."""
    limit = ctx.cfg("counter_max_chars") * 2
    p = ctx.p
    for i in ctx.holding(("|", "·", "•"), limit):
        line = ctx.lines[i]
        if len(line.text) > limit or not _DIGIT_GROUP.search(line.text):
            continue  # a stamp and a count both hold a digit (most rows with separators are menus)
        kinds: list[tuple[str, int, int]] = []  # (kind, start, end) of each segment, in the line
        for m in _ROW_SEGMENT.finditer(line.text):
            seg = m.group().strip()
            if not seg:
                continue
            if p.metadata_full.match(seg) or p.stamp_only.match(seg):
                kind = "metadata_line"
            elif p.counter.match(seg) or p.comments.match(seg):
                kind = "counter"
            else:
                break  # a segment of anything else: not such a row
            kinds.append((kind, m.start(), m.end()))
        else:
            if len({k for k, _, _ in kinds}) == 2:
                yield from _row_spans(line, kinds)


@detector
def trailing_counter(ctx: _Ctx) -> Iterator[Span]:
    """A counter closing a line that opens with a date stamp, without a separator before it ('19.11.2025 17:42
    Автор: Динара Омарова Просмотров: 3 871', inline elements run together): the counter alone."""
    limit, p, texts = ctx.cfg("counter_max_chars") * 2, ctx.p, ctx.texts
    for i in ctx.short(limit):
        text = texts[i]
        if not text[-1:].isdigit() or len(text) > limit or not _PRECISE_STAMP.search(text, 0, 24):
            continue  # a precise stamp opening the line holds '12:30', '12.03' or a year in its first characters
        starts = [m.start() for m in _WORD_START.finditer(text)][-4:]  # a counter is a few words: 'Views: 1 204'
        at = next((k for k in starts if k > 0 and p.counter.match(text[k:])), None)
        if at is None or p.counter.match(text):
            continue  # (a row of counters alone is counter_line's)
        m = p.stamp_at_start.match(text)
        if m and m.end() <= at and _PRECISE_STAMP.search(m.group("stamp")):
            line = ctx.lines[i]
            yield Span(line.start + at, line.end, "counter", "trailing_counter")


_WORD_START = re.compile(r"(?<!\S)\S")


def _row_spans(line: Line, segments: list[tuple[str, int, int]]) -> Iterator[Span]:
    """One span per run of segments of one kind; a separator goes with the run after it."""
    start = 0
    for k, (kind, _, end) in enumerate(segments):
        if k + 1 == len(segments) or segments[k + 1][0] != kind:
            yield Span(line.start + start, line.start + end, kind, "stamp_counter_row")
            start = end


@detector
def prev_next_links(ctx: _Ctx) -> Iterator[Span]:
    """'Previous Post Next Post', '« Next article', with the headline of the post it links to
    when that stands on the next line ('← Previous article' / 'Ferry line reopens')."""
    for i in ctx.starting(ctx.p.nav_phrases):
        text = ctx.texts[i]
        if len(text) > 80 or not ctx.p.nav_phrases.match(text):
            continue
        # below the article only: above it, the line after 'Previous article' is the page's own headline
        below = i > ctx.first_prose
        last = _extend(ctx, i, 1, lambda t: _linked_headline(ctx, t)) if below else i
        yield ctx.span(i, last, "navigation", "prev_next_links")


def _linked_headline(ctx: _Ctx, text: str) -> bool:
    """The headline a prev/next link names on the line after it: a plain headline of a few words
    (not a two-word box heading such as 'Latest news', nor another link)."""
    return (_plain_headline(ctx, text) and len(text.split()) >= ctx.cfg("linked_headline_min_words")
            and not ctx.p.nav_phrases.match(text) and not _copyright_year(text))


def _is_breadcrumb(ctx: _Ctx, text: str) -> bool:
    if len(text) > 300 or text.endswith("."):
        return False
    if "«" in text:  # «quoted names» close with '»', which is no separator there
        text = _GUILLEMET_QUOTE.sub("Q", text)
    segments = [s.strip() for s in _BREADCRUMB_SEP.split(text)]
    # 'Home > News' points down the path, and a path from the home page is one; '|' and '/' only list
    pointed = any(sep in text for sep in _POINTING_SEPS) or segments[0].casefold() in ctx.p.home_words
    if len(segments) < (2 if pointed else 3) or not all(segments):
        return False
    if sum(any(c.isdigit() for c in s) for s in segments) * 2 >= len(segments):
        return False  # a row of figures ('2024 - 70 | 2025 - 85'): section paths are words
    head, last = segments[:-1], segments[-1]
    short = all(len(s) <= ctx.cfg("nav_segment_max_chars") and len(s.split()) <= 5 for s in head)
    return short and len(last) <= ctx.cfg("nav_last_segment_max_chars")


@detector
def breadcrumb(ctx: _Ctx) -> Iterator[Span]:
    """'SITE.AZ » News » Headline', 'Home | News | Sport'."""
    # no separator character, no second segment
    candidates = ctx.holding(("»", "›", ">", "|", "/", "→", "::", "＞", "｜"), 300)
    texts = ctx.texts
    for i in candidates:
        text = texts[i]
        if len(text) > 300 or not _is_breadcrumb(ctx, text):
            continue
        bars = text.count("|")
        if bars >= 2 and any(0 <= j < len(texts) and texts[j].count("|") == bars for j in (i - 1, i + 1)):
            continue  # a table's header or row ('Год | Экспорт | Импорт'): the next row has as many columns
        yield ctx.span(i, i, "navigation", "breadcrumb")


def _is_pagination(ctx: _Ctx, text: str) -> bool:
    m = _PAGINATION.match(text) if len(text) <= 120 else None
    if not m:
        return False
    nums = [int(t) for t in m.group(1).split()]
    tail = m.group(2).split()
    consecutive = all(b == a + 1 for a, b in zip(nums, nums[1:]))
    caps = all(w.isupper() or not any(c.isalnum() for c in w) for w in tail)
    return (
        consecutive
        and len(nums) >= ctx.cfg("pagination_min_numbers")
        and len(tail) <= ctx.cfg("pagination_max_tail_words")
        and caps
    )


@detector
def pagination(ctx: _Ctx) -> Iterator[Span]:
    """'1 2 3 4 5', optionally followed by a few ALL-CAPS menu words."""
    return _line_rule(ctx, "navigation", "pagination", lambda t: _is_pagination(ctx, t),
                      candidates=ctx.starting(_PAGINATION))


def _is_menu(ctx: _Ctx, i: int, need: float) -> bool:
    text = ctx.lines[i].text
    if len(text) > 120:  # before splitting: most lines are long prose
        return False
    if ctx.prefilter and _second_word_unlike_menu(text) and not _opens_with_phrase(ctx, text):
        return False  # a headline: its second word opens in lower case (no split needed to see it)
    tokens = _menu_tokens(ctx, i)
    if len(tokens) < ctx.cfg("menu_min_tokens"):
        return False
    longest = ctx.cfg("menu_max_token_chars")
    if not all(_opens_menu_item(t[0]) and t.replace("_", "").isalpha() and len(t) <= longest for t in tokens):
        return False  # not shaped like a menu (items open in upper case, or in a script without case)
    known = sum(_menu_key(t.replace("_", " ")) in ctx.p.menu_words for t in tokens)
    if not any(t[0].isupper() for t in tokens):
        need = 1.0  # no capitals to tell a menu from a phrase ('პოლიტიკა და ეკონომიკა'): every item a section name
    return known / len(tokens) >= need


def _menu_key(text: str) -> str:
    """A menu item as the word lists hold it: casefolded, 'İ' as 'i' (its fold is 'i' + a combining dot)."""
    return text.casefold().replace("\u0307", "")


def _opens_menu_item(char: str) -> bool:
    """A letter a menu item may open with: upper case, or a letter of a script written without
    capitals (Chinese, Arabic; Georgian, whose Mkhedruli letters Unicode files as lower case)."""
    return char.isalpha() and not opens_in_lower_case(char)


def _menu_tokens(ctx: _Ctx, i: int) -> list[str]:
    """Line i's tokens, two that make a known menu item ('Ana səhifə', 'Басты бет') joined into one."""
    tokens, phrases = ctx.tokens(i), ctx.p.menu_phrases
    if len(tokens) < 2 or not phrases:
        return tokens
    keys = [_menu_key(t) for t in tokens]  # a pair's key is its tokens' keys joined (casefold goes char by char)
    firsts = _first_words(phrases)
    if firsts.isdisjoint(keys[:-1]):
        return tokens  # no token opens a known pair: most lines
    out: list[str] = []
    k = 0
    while k < len(tokens):
        if k + 1 < len(tokens) and keys[k] in firsts and f"{keys[k]} {keys[k + 1]}" in phrases:
            out.append(f"{tokens[k]}_{tokens[k + 1]}")  # one token, shaped like a word for the test below
            k += 2
        else:
            out.append(tokens[k])
            k += 1
    return out


@lru_cache(maxsize=4)
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """The first words of two-word menu items (built once per list)."""
    return frozenset(p.split(" ", 1)[0] for p in phrases)


def _opens_with_phrase(ctx: _Ctx, text: str) -> bool:
    """Do the line's first two words make a known two-word menu item ('Əsas səhifə Siyasət ...')?"""
    words = text.split(None, 2)
    return len(words) > 1 and _menu_key(f"{words[0]} {words[1]}") in ctx.p.menu_phrases


def _second_word_unlike_menu(text: str) -> bool:
    """Does the second whitespace-separated word open a token no menu item opens with?

    Its first character opens a token unless it is a separator, and every token of a menu opens
    with an `_opens_menu_item` letter: such a line fails `_is_menu`'s shape test, found without a split.
    """
    words = text.split(None, 2)
    return len(words) > 1 and not _opens_menu_item(words[1][0]) and words[1][0] not in _TOKEN_SPLIT_CHARS


@detector
def menu_line(ctx: _Ctx) -> Iterator[Span]:
    """A line of capitalised section names ('Home News Politics Sport'; in a script without case,
    'მთავარი პოლიტიკა ეკონომიკა').

    The first line may be the headline, so there every word must be a section name.
    """
    # every token opens in upper case (or has no case) and is alphabetic: so are the first and the
    # last character, or they split tokens
    for i in ctx.first_token(120, _opens_menu_item):
        text = ctx.lines[i].text
        if ctx.prefilter and not (_is_token_split(text[-1]) or text[-1].isalpha()):
            continue
        if _is_menu(ctx, i, 1.0 if i == 0 else float(ctx.cfg("menu_vocab_share"))):
            yield ctx.span(i, i, "navigation", "menu_line")


@detector
def language_switcher(ctx: _Ctx) -> Iterator[Span]:
    """'EN RU AZ', 'Русский | English'."""

    firsts, _ = _edge_chars(ctx.p.languages)
    for i in ctx.first_token(80, firsts.__contains__):  # every token, so the first, is a language name
        tokens = ctx.tokens(i)
        if len(ctx.lines[i].text) <= 80 and len(tokens) >= 2 and all(t in ctx.p.languages for t in tokens):
            yield ctx.span(i, i, "navigation", "language_switcher")


@detector
def share_prompt(ctx: _Ctx) -> Iterator[Span]:
    """'Share on Facebook', 'Follow us on Telegram', a bar of network names."""

    limit = ctx.cfg("cue_line_max_chars")
    networks = ctx.p.networks
    # a share phrase opens the line, or it is a bar whose first and last tokens are network names
    firsts, lasts = _edge_chars(networks)
    bars = set(ctx.first_token(limit, _folds_into(firsts)))
    phrases = set(ctx.starting(ctx.p.share_start, ctx.p.share_whole))
    for i in sorted(bars | phrases):
        text = ctx.lines[i].text
        if len(text) > limit:
            continue
        networks_only = False
        last = text[-1:]
        if i in bars and (not ctx.prefilter or not last or _is_token_split(last) or last.casefold()[-1:] in lasts):
            tokens = [t.casefold() for t in ctx.tokens(i)]
            networks_only = len(tokens) >= 2 and all(t in networks for t in tokens)
        if networks_only or (i in phrases and (
            ctx.p.share_whole.match(text) or (ctx.p.share_start.match(text) and not text.endswith((".", "?")))
            or _label_then_buttons(ctx, i, networks)
        )):
            yield ctx.span(i, i, "share", "share_prompt")


def _label_then_buttons(ctx: _Ctx, i: int, networks: frozenset[str]) -> bool:
    """'Share:  in  f  𝕏  ✉  🔗': a share label and its colon, then only network names and buttons
    drawn as marks (a letter or two, pictographs), no words and no figures."""
    text = ctx.texts[i]
    colon = text.find(":", 0, _BUTTON_LABEL_MAX_CHARS)
    if colon < 0 or len(text) > _BUTTON_BAR_MAX_CHARS:
        return False  # a short line with a label's colon near its start: most candidates are headlines and prose
    rest = text[colon + 1 :].translate(_TOKEN_SPLIT_SPACES).split()
    return (len(rest) >= 2 and all(_button_token(t, networks) for t in rest)
            and ctx.p.share_whole.match(text[: colon + 1]) is not None)


_BUTTON_LABEL_MAX_CHARS = 30


_BUTTON_BAR_MAX_CHARS = 80


def _button_token(token: str, networks: frozenset[str]) -> bool:
    """A network's name, or a button drawn as a mark: a letter or two, or symbols; never a figure."""
    if len(token) > 2 and any(c.isalnum() for c in token):
        return token.casefold() in networks
    return not any(c.isdigit() for c in token)


# --- footers, credits --------------------------------------------------------------


@detector
def copyright_footer(ctx: _Ctx) -> Iterator[Span]:
    """'© 2024 Site. All rights reserved', 'Все права защищены', '(c) 2023'."""
    def test(text: str) -> bool:
        rights = ctx.p.rights.search(text)
        if len(text) > ctx.cfg("footer_max_chars"):
            # a longer line is a notice only when it opens with the mark and reserves the rights
            # ('© 2024 Site. All rights reserved. <the site's terms>'); '© 1998 Kazakhfilm - this
            # credit line, printed on pirated copies ...' is an article's sentence
            return len(text) <= ctx.cfg("footer_opening_max_chars") and bool(_OPENS_COPYRIGHT.match(text) and rights)
        # the mark and a year without a rights phrase: a short notice ('© 2024 Caspian Wire'), not a
        # sentence that quotes one ('© 1998 Kazakhfilm - this credit line, printed on pirated copies ...')
        return bool(rights or (len(text) <= ctx.cfg("footer_bare_max_chars") and _copyright_year(text)))

    limit, opening = ctx.cfg("footer_max_chars"), ctx.cfg("footer_opening_max_chars")
    candidates = ctx.every()
    if ctx.prefilter:  # a '©' / '(c' mark, or a rights phrase's key; longer lines only when they open with the mark
        marked = [*ctx.holding(("©", "(c", "(C"), limit),  # only 'c' and 'C' match 'c' case-insensitively
                  *ctx.holding_lower(("copyright",), limit)]
        texts = ctx.texts
        longer = [i for i, n in enumerate(ctx.lens) if limit < n <= opening and _OPENS_COPYRIGHT.match(texts[i])]
        candidates = sorted(set(marked).union(ctx.containing("rights", limit), longer))
    lines = ctx.lines
    for i in candidates:
        if len(lines[i].text) <= opening and test(lines[i].text):
            yield ctx.span(i, i, "footer", "copyright_footer")
            # the footer's own links beside its notice ('About us · Advertising · Contacts · Privacy')
            yield from (ctx.span(j, j, "footer", "footer_links") for j in (i - 1, i + 1)
                        if 0 <= j < len(lines) and _link_row(ctx, lines[j].text))


_LINK_ROW_SEP = re.compile(r"\s+[·•|/]\s+|\s*｜\s*")  # the full-width bar of CJK pages needs no spaces


def _link_row(ctx: _Ctx, text: str) -> bool:
    """A row of at least three short link texts between separators: a few words each, no figures,
    no sentence closed ('Sayt haqida · Reklama · Tahririyat · Maxfiylik siyosati')."""
    items = _LINK_ROW_SEP.split(text)
    return (len(items) >= ctx.cfg("footer_links_min_items")
            and all(0 < len(item) <= ctx.cfg("footer_link_max_chars") and len(item.split()) <= 4 for item in items)
            and not any(c.isdigit() for c in text) and not _SENTENCE_END.search(text))


@detector
def interface_word(ctx: _Ctx) -> Iterator[Span]:
    """'Advertisement', 'Loading...', 'Реклама' on a line of their own."""
    return _line_rule(ctx, "footer", "interface_word", ctx.p.footer_whole.match, 80, ctx.starting(ctx.p.footer_whole))


@detector
def cookie_banner(ctx: _Ctx) -> Iterator[Span]:
    """A short cookie/consent notice plus the button lines right after it."""
    for i in ctx.containing("cookie", ctx.cfg("cookie_max_chars")):
        text = ctx.lines[i].text
        buttons_after = i + 1 < len(ctx.lines) and ctx.p.cookie_button.match(ctx.lines[i + 1].text)
        cjk = _CJK.search(text) is not None
        if cjk:  # no spaces, so no word boundaries: the words anywhere in the line
            low = text.lower()
            banner = (any(w in low for w in ctx.p.cjk_cookie) and any(w in text for w in ctx.p.cjk_consent)
                      and any(w in text for w in ctx.p.cjk_addressing))  # for the site, to the reader
        else:
            banner = ctx.p.cookie.search(text) and (ctx.p.consent.search(text) or buttons_after)
        if banner and not buttons_after and not cjk and (
                text.endswith((";", ",")) or len(text) >= _PROSE_MIN_CHARS and not ctx.p.addressing.search(text)):
            continue  # a paragraph of news about cookies (a banner speaks for the site to the reader), or
            # an item of the article's list ('... must obtain consent before setting cookies;')
        if banner and len(text) <= ctx.cfg("cookie_max_chars"):
            last = _extend(ctx, i, ctx.cfg("cookie_button_lines"), ctx.p.cookie_button.match)
            yield ctx.span(i, last, "footer", "cookie_banner")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")  # kana and the common ideographs


def _credit_caption(text: str) -> str:
    """The caption part of a credit line: what follows its first '|' (if any)."""
    return text.split("|", 1)[1] if "|" in text else ""


@detector
def photo_credit(ctx: _Ctx) -> Iterator[Span]:
    """Credit lines ('© APA | ...', 'Photo: ...') and captions repeated inside a credit."""
    lines = ctx.lines
    candidates = ctx.starting(ctx.p.credit_start)
    if ctx.prefilter:  # '©', '(c)', or a credit word followed by one of ':', '：', '՝' (Armenian), '|', '/'
        marked = set(ctx.holding(("©", "(c", "(C", ":", "：", "՝", "|", "/"), ctx.cfg("short_line_chars") * 2))
        candidates = [i for i in candidates if i in marked]
    for i in candidates:
        line = lines[i]
        if len(line.text) > ctx.cfg("short_line_chars") * 2 or not ctx.p.credit_start.match(line.text):
            continue
        if len(line.text) > ctx.cfg("credit_prose_min_chars") and "|" not in line.text and _sentence_ends(line.text):
            continue  # a paragraph of prose that opens with a credit ('© 1998 Kazakhfilm - this credit line, ...')
        yield ctx.span(i, i, "photo_credit", "credit_line")
        if _figure_caption_above(ctx, i):
            yield ctx.span(i - 1, i - 1, "photo_credit", "caption_above_credit")
        caption = norm_key(_credit_caption(line.text))
        for j in range(max(0, i - 2), min(len(lines), i + 3)):
            if j != i and len(caption) >= 10 and ctx.keys[j] == caption:
                yield ctx.span(j, j, "photo_credit", "caption_repeated_in_credit")


def _figure_caption_above(ctx: _Ctx, i: int) -> bool:
    """Is the line above credit line `i` its caption: the two lines make a block of their own
    (blank lines around them, none between), and the one above is short?  A flattened figure
    ('Aruzhan Tleubayeva on her way to bronze' / 'Photo: Judo Federation'); on a page without
    blank lines every line shares one block, and nothing is taken."""
    lines = ctx.lines
    if i == 0 or lines[i - 1].block != lines[i].block or _copyright_year(lines[i].text):
        return False  # '© 2024 Site' under the last paragraph is the page's notice, not a figure's credit
    alone = (i < 2 or lines[i - 2].block != lines[i].block) and (i + 1 == len(lines) or lines[i + 1].block != lines[i].block)
    return alone and len(lines[i - 1].text) <= ctx.cfg("caption_above_credit_max_chars")


# --- repetition -------------------------------------------------------------------


@detector
def repeated_title(ctx: _Ctx) -> Iterator[Span]:
    """Later copies of a short headline-like line from the top of the page.

    A line repeated more often than a title ever is (a table header, a shop link) is content.
    """
    positions: dict[str, list[int]] | None = None  # key -> lines holding it, built when first needed
    for i, line in enumerate(ctx.lines[: int(ctx.cfg("title_zone_lines"))]):
        text = line.text
        headline = (
            len(text) <= ctx.cfg("title_max_chars")
            and len(text.split()) >= ctx.cfg("title_min_words")
            and not text.endswith(".")
        )
        if not headline:
            continue
        if positions is None:
            positions = {}
            for j, key in enumerate(ctx.keys):
                positions.setdefault(key, []).append(j)
        same = positions[ctx.keys[i]]
        copies = [j for j in same if j > i]
        if same[0] == i and len(copies) <= ctx.cfg("title_max_copies"):  # not a copy of an earlier line
            yield from (ctx.span(j, j, "repeated_title", "repeated_title") for j in copies)


@detector
def repeated_lede(ctx: _Ctx) -> Iterator[Span]:
    """A paragraph repeating an earlier one: among the last lines or as the last paragraph of prose
    (the lede repeated at the end), or the one repeat on the page of a paragraph from its top (a
    standfirst repeated as the first body paragraph).  Only substantial paragraphs; a page that
    repeats several (a meal plan, a table of recurring entries) repeats them as content."""
    keys, least = ctx.keys, ctx.cfg("lede_min_key_chars")
    tail_from = max(1, len(keys) - int(ctx.cfg("lede_tail_lines")))
    first_at: dict[str, int] = {}
    repeats: list[int] = []
    for j, key in enumerate(keys):
        if len(key) < least:
            continue
        if key in first_at:
            repeats.append(j)
        else:
            first_at[key] = j
    head = ctx.cfg("lede_head_lines")
    for j in repeats:
        if j >= tail_from or (len(repeats) == 1 and first_at[keys[j]] < head) or j in ctx.last_two_prose[:1]:
            yield ctx.span(j, j, "repeated_lede", "repeated_lede")


# Registered after the detectors above (lower priority): tags, bios, widgets, promos, paging.
from newsmill import boilerplate_text_extra  # noqa: E402,F401  (import registers its detectors)
from newsmill import boilerplate_text_shape  # noqa: E402,F401  (layout-only detectors, registered last)
