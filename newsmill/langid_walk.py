"""py3langid's language ranking, with its byte n-gram walk done by NumPy.

py3langid scores a text by counting the model's byte n-grams in it, walking an
Aho-Corasick automaton over the UTF-8 bytes one byte at a time in a Python loop: about
half of newsmill's language step. A state of that automaton is the longest suffix of
the bytes read so far that is a prefix of a model n-gram, and no such prefix is longer
than the automaton's depth (the most bytes needed to reach any state from the start;
6 for the bundled model). So the state after byte i depends only on bytes i-depth+1..i:
walking every position's window at once, `depth` rounds of array lookups, gives every
state of the byte-by-byte walk. The features are then counted in the order the loop
first meets them, so py3langid's own scoring sums the same numbers in the same order
and `rank` returns exactly what `py3langid.rank` does (tests/test_language.py checks).

Only `_raw_score` is replaced; decoding, normalisation, scoring and ranking are
py3langid's. It reads the identifier's automaton tables, which is why pyproject.toml
pins py3langid to the 0.4 series.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier

__all__ = ["rank", "automaton_depth"]


def automaton_depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """The most bytes needed to reach any state from the start (breadth-first, a level a round)."""
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    frontier, depth = np.zeros(1, dtype=np.intp), 0
    byte = np.arange(256, dtype=np.intp)
    while len(frontier):
        level = []
        for start in range(0, len(frontier), 4096):  # 1M lookups at a time: a few MB, not hundreds
            reached = nextmove[(rowbase[frontier[start:start + 4096]][:, None] + byte).ravel()]
            reached = np.unique(reached[~seen[reached]])
            seen[reached] = True
            level.append(reached)
        frontier = np.concatenate(level)
        depth += 1
    return depth - 1


class _WindowedIdentifier(LanguageIdentifier):
    """A py3langid identifier whose feature count walks all byte windows at once."""

    __slots__ = ("_nextmove", "_rowbase_np", "_output", "_depth", "_ptc_bits", "_half_to_single")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # a view of py3langid's table, not a copy (it is ~40 MB)
        self._nextmove = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))
        self._rowbase_np = np.asarray(self._rowbase, dtype=np.intp)
        self._output = np.asarray(self.tk_output, dtype=np.intp)
        self._depth = automaton_depth(self._nextmove, self._rowbase_np)
        # The model's float16 table, read as its bit patterns, and every pattern's float32
        # value: looking rows up in it is NumPy's own conversion (exact), without the slow
        # per-element float16 cast that a mixed float32 @ float16 product does first.
        self._ptc_bits = self.nb_ptc.view(np.uint16) if self.nb_ptc.dtype == np.float16 else None
        self._half_to_single = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)

    def feature_counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(features, counts) of the n-grams in `data`, in order of first occurrence (as py3langid's walk)."""
        text = np.frombuffer(data, dtype=np.uint8)
        n = len(text)
        states = np.zeros(n, dtype=np.intp)
        # round k feeds position i its byte i-k; positions i < k have no such byte yet
        for k in range(min(self._depth, n) - 1, -1, -1):
            states[k:] = self._nextmove[self._rowbase_np[states[k:]] + text[: n - k]]
        features = self._output[states]
        features = features[features >= 0]
        found, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return found[order], counts[order]

    def _raw_score(self, text: bytes) -> np.ndarray:
        features, counts = self.feature_counts(text)
        if len(features):
            # py3langid's _sparse_score on the same numbers in the same order
            rows = self.nb_ptc[features] if self._ptc_bits is None else self._half_to_single[self._ptc_bits[features]]
            return np.log1p(counts.astype(np.float32)) @ rows + self.nb_pc
        # as py3langid: no features scores every language at the floor
        return np.full(len(self.nb_classes), 0.0 if self._norm_probs else RAW_FLOOR, dtype=np.float32)


@lru_cache(maxsize=1)
def _identifier() -> _WindowedIdentifier:
    return _WindowedIdentifier.from_model_file(MODEL_FILE)


def rank(text: str) -> list[tuple[str, float]]:
    """Every language of py3langid's model with its log score, best first (= `py3langid.rank`)."""
    return _identifier().rank(text)
