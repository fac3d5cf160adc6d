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
            self._automaton = ahocorasick_rs.AhoCorasick(list(self._ids), matchkind=ahocorasick_rs.MatchKind.Standard)
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


def lines_holding(hits: dict[int, list[int]], ids: frozenset[int]) -> list[int]:
    """The lines that hold one of the needles `ids`, ascending (from `NeedleIndex.hits`)."""
    held = [lines for needle, lines in hits.items() if needle in ids]
    if len(held) == 1:
        return list(held[0])
    return sorted(set().union(*held))
