"""Which lines hold which literal needles: every needle the detectors ask for, found in one pass.

Detectors pick their candidate lines by literal needles ('©', '|', a word list's stems in
fourteen languages): about twenty requests per page, a hundred needles in all, and a
`str.find` per needle and request over the page's short lines cost more than most
detectors' own tests.  `NeedleIndex` keeps every needle it has been asked about in one
Aho-Corasick automaton (ahocorasick-rs), so a text is scanned once for all of them and a
request is a union of lines already found.  New needles (the first pages of a process)
rebuild the automaton and bump `version`, which tells callers that their hits are stale.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import ahocorasick_rs


class NeedleIndex:
    """A growing set of literal needles (non-empty, without a newline) and their automaton."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._requests: dict[tuple[str, ...], frozenset[int]] = {}  # a request's needle ids
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self.version = 0

    def ids(self, needles: tuple[str, ...]) -> frozenset[int]:
        """The ids of `needles`, adding the unknown ones (then `version` changes)."""
        found = self._requests.get(needles)
        if found is None:
            new = [n for n in dict.fromkeys(needles) if n not in self._ids]
            if any(not n or "\n" in n for n in new):
                raise ValueError(f"needles must be non-empty and hold no newline: {new!r}")
            for needle in new:
                self._ids[needle] = len(self._ids)
            if new:
                self._automaton = None
                self.version += 1
            found = self._requests[needles] = frozenset(self._ids[n] for n in needles)
        return found

    def hits(self, joined: str, starts: Sequence[int], index: Sequence[int]) -> dict[int, list[int]]:
        """For the lines starting at `starts[k]` in the newline-joined `joined`: needle id → the
        indexes (`index[k]`) of the lines holding that needle, ascending, each once."""
        if not self._ids:
            return {}
        if self._automaton is None:
            self._automaton = _automaton(list(self._ids))
        found: dict[int, list[int]] = {}
        # overlapping matches come in the order of their ends: for one needle, in the order of their starts
        for needle, start, _end in self._automaton.find_matches_as_indexes(joined, overlapping=True):
            line = index[bisect_right(starts, start) - 1]
            lines = found.get(needle)
            if lines is None:
                found[needle] = [line]
            elif lines[-1] != line:
                lines.append(line)
        return found


def _automaton(needles: list[str]) -> ahocorasick_rs.AhoCorasick:
    """An automaton finding every occurrence of `needles`, always a DFA: left to choose, ahocorasick-rs
    takes a contiguous NFA past a hundred needles, whose pass over a page costs 2.3 times as much
    (measured: 101 needles over 200 corpus pages, 17.7 against 42-45 µs a page); the DFA costs a few
    milliseconds more to build, once per needle set in a process."""
    return ahocorasick_rs.AhoCorasick(needles, matchkind=ahocorasick_rs.MatchKind.Standard,
                                      implementation=ahocorasick_rs.Implementation.DFA)


def lines_holding(hits: dict[int, list[int]], ids: frozenset[int]) -> list[int]:
    """The lines that hold one of the needles `ids`, ascending (from `NeedleIndex.hits`)."""
    held = [lines for needle, lines in hits.items() if needle in ids]
    if len(held) == 1:
        return list(held[0])
    return sorted(set().union(*held))


class PhraseIndex:
    """Whole-word phrases of several named word lists, found on the lower case of lines in one pass.

    A rule using it defines a phrase's presence in a line as: the line's `str.lower()` holds the phrase's
    lower case with no letter or digit right before or after it.  One Aho-Corasick pass over the
    newline-joined lower-cased lines then finds exactly what a test of each line would (a newline is
    neither a letter nor a digit), and a line of prose costs nothing beyond its share of the pass.
    """

    def __init__(self, lists: dict[str, Sequence[str]]) -> None:
        self._lists = {name: frozenset(w.strip().lower() for w in words if w.strip()) for name, words in lists.items()}
        self._phrases = sorted(set().union(*self._lists.values()))
        if any("\n" in p for p in self._phrases):
            raise ValueError("phrases must hold no newline")
        self._automaton = _automaton(self._phrases)

    def found(self, low: str, starts: Sequence[int], index: Sequence[int]) -> dict[int, set[str]]:
        """For the lower-cased lines starting at `starts[k]` in the newline-joined `low`: line (`index[k]`)
        -> the phrases it holds as whole words."""
        out: dict[int, set[str]] = {}
        end_of_text = len(low)
        for pid, start, end in self._automaton.find_matches_as_indexes(low, overlapping=True):
            if (start and low[start - 1].isalnum()) or (end < end_of_text and low[end].isalnum()):
                continue  # inside a longer word
            out.setdefault(index[bisect_right(starts, start) - 1], set()).add(self._phrases[pid])
        return out

    def of_list(self, name: str, phrases: set[str]) -> set[str]:
        """The `phrases` that belong to list `name`."""
        return phrases & self._lists[name]
