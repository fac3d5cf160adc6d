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

__all__ = ["rank", "labels", "label_scores", "automaton_depth", "first_occurrence_counts",
           "negative_half_bits_to_single"]


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


def first_occurrence_counts(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, their counts) of a non-negative int array, in order of first occurrence.

    What np.unique(return_index, return_counts) and an argsort of the first indexes give,
    in a third of the time: one sort of the keys value * n + position (so each value's
    positions are sorted with it, the first one leading its run), then each run's first
    position marked in an array of the input's length, whose marks read left to right are
    the values in order of first occurrence.
    """
    n = len(features)
    if n == 0:
        return features[:0], np.zeros(0, dtype=np.intp)
    keys = np.sort(features * n + np.arange(n))
    values = keys // n
    run_start = np.empty(n, dtype=bool)
    run_start[0] = True
    np.not_equal(values[1:], values[:-1], out=run_start[1:])
    starts = run_start.nonzero()[0]
    first = keys[starts] - values[starts] * n      # each value's first position
    counts = np.empty(len(starts), dtype=np.intp)  # run lengths (np.diff's append= costs more than all this)
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1] = n - starts[-1]
    count_at = np.zeros(n, dtype=np.intp)
    count_at[first] = counts                       # every count is at least 1: a mark
    in_order = count_at.nonzero()[0]
    return features[in_order], count_at[in_order]


def negative_half_bits_to_single(bits: np.ndarray) -> np.ndarray:
    """float32 values of float16 bit patterns (uint16) that are all negative normal numbers.

    NumPy's float16 -> float32 cast converts element by element (~1.4 ns each here, ~85 us
    for a document's rows); for a negative normal number the conversion is one shift and
    one add on the bit pattern: sign 1, exponent e + (127 - 15), the 10 mantissa bits
    moved up by 13. (bits << 13) holds the sign bit at 1 << 28 and the exponent and mantissa
    in place, so adding 0xA8000000 (= 0x80000000 + 112 << 23 - 1 << 28, modulo 2**32)
    completes it. Exact; the caller checks that the table holds no other values.
    """
    single = bits.astype(np.uint32)
    single <<= 13
    single += np.uint32(0xA8000000)
    return single.view(np.float32)


def _all_negative_normal(bits: np.ndarray) -> bool:
    """Whether every float16 bit pattern is a negative normal number: sign bit set, exponent
    neither 0 (zero, subnormal) nor 31 (infinity, NaN), i.e. from 0x8400 to 0xFBFF."""
    return bool(len(bits) == 0 or (bits.min() >= 0x8400 and bits.max() <= 0xFBFF))


class _WindowedIdentifier(LanguageIdentifier):
    """A py3langid identifier whose feature count walks all byte windows at once."""

    __slots__ = ("_nextmove", "_rowbase_np", "_output", "_depth", "_ptc_bits", "labels", "_label_columns")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # a view of py3langid's table, not a copy (it is ~40 MB)
        self._nextmove = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))
        self._rowbase_np = np.asarray(self._rowbase, dtype=np.intp)
        self._output = np.asarray(self.tk_output, dtype=np.intp)
        self._depth = automaton_depth(self._nextmove, self._rowbase_np)
        # The model's float16 table read as its bit patterns, when every value is a negative
        # normal number (log probabilities: true of the bundled model): its rows then convert
        # to float32 by negative_half_bits_to_single, exactly and without NumPy's slow
        # per-element float16 cast (which a mixed float32 @ float16 product does first).
        # Any other table is cast by NumPy.
        bits = self.nb_ptc.view(np.uint16) if self.nb_ptc.dtype == np.float16 else None
        self._ptc_bits = bits if bits is not None and _all_negative_normal(bits) else None
        # rank()'s labels: each once, its first column (which _decide gives an alias's merged score)
        first_column = {}
        for column, label in enumerate(self.nb_classes):
            first_column.setdefault(label, column)
        self.labels = tuple(first_column)
        self._label_columns = np.fromiter(first_column.values(), dtype=np.intp, count=len(first_column))

    def label_scores(self, text: str) -> np.ndarray:
        """The log score of each of `labels` for `text` (float64): rank()'s scores, unsorted."""
        return self._decide(text)[self._label_columns].astype(np.float64)

    def feature_counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(features, counts) of the n-grams in `data`, in order of first occurrence (as py3langid's walk)."""
        text = np.frombuffer(data, dtype=np.uint8)
        n = len(text)
        states = np.zeros(n, dtype=np.intp)
        # round k feeds position i its byte i-k; positions i < k have no such byte yet
        for k in range(min(self._depth, n) - 1, -1, -1):
            states[k:] = self._nextmove[self._rowbase_np[states[k:]] + text[: n - k]]
        features = self._output[states]
        return first_occurrence_counts(features[features >= 0])

    def _raw_score(self, text: bytes) -> np.ndarray:
        features, counts = self.feature_counts(text)
        if len(features):
            # py3langid's _sparse_score on the same numbers in the same order
            rows = (self.nb_ptc[features].astype(np.float32) if self._ptc_bits is None
                    else negative_half_bits_to_single(self._ptc_bits[features]))
            return np.log1p(counts.astype(np.float32)) @ rows + self.nb_pc
        # as py3langid: no features scores every language at the floor
        return np.full(len(self.nb_classes), 0.0 if self._norm_probs else RAW_FLOOR, dtype=np.float32)


@lru_cache(maxsize=1)
def _identifier() -> _WindowedIdentifier:
    return _WindowedIdentifier.from_model_file(MODEL_FILE)


def labels() -> tuple[str, ...]:
    """The model's language labels, each once, in the order of label_scores."""
    return _identifier().labels


def label_scores(text: str) -> np.ndarray:
    """The log score (float64) of each of labels() for `text`: dict(rank(text)) as an array,
    for a caller that adjusts and compares all scores without building and sorting a list."""
    return _identifier().label_scores(text)


def rank(text: str) -> list[tuple[str, float]]:
    """Every language of py3langid's model with its log score, best first (= `py3langid.rank`)."""
    return _identifier().rank(text)
