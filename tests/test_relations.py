"""schemas/_relations: the vectorised overlap test gives the pairwise answer; lookup and isin give pandas' answer."""

import random

import numpy as np
import pandas as pd
import pytest

from schemas._relations import isin, lookup, overlaps_any


def pairwise(rows: pd.DataFrame, spans: pd.DataFrame) -> list[bool]:
    """The plain definition: [start, end) overlaps [s, e) of the same document when s < end and start < e."""
    out = []
    for doc, start, end in zip(rows["doc_id"], rows["start"], rows["end"]):
        out.append(any(d == doc and s < end and start < e
                       for d, s, e in zip(spans["doc_id"], spans["start"], spans["end"])
                       if not (pd.isna(d) or pd.isna(s) or pd.isna(e) or pd.isna(doc) or pd.isna(start) or pd.isna(end))))
    return out


def frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "start", "end"])


CASES = [
    # (rows, spans, expected, reason)
    ([("a", 5, 10)], [("a", 0, 5)], [False], "touching at the left edge is not overlapping"),
    ([("a", 5, 10)], [("a", 10, 20)], [False], "touching at the right edge is not overlapping"),
    ([("a", 5, 10)], [("a", 9, 20)], [True], "one character shared"),
    ([("a", 5, 10)], [("b", 0, 100)], [False], "another document's span"),
    ([("a", 5, 10)], [("a", 0, 100), ("a", 6, 7)], [True], "spans overlapping each other (bad data) still count"),
    ([("a", 50, 60)], [("a", 0, 100), ("a", 70, 80)], [True], "an early long span reaches past a later short one"),
    ([("b", 5, 10)], [("a", 0, 100)], [False], "the previous span in key order belongs to another document"),
    ([("a", 5, 5)], [("a", 0, 10)], [True], "an empty row inside a span (s < end and start < e)"),
    ([("a", 5, 10)], [("a", 7, 7)], [True], "an empty span inside the row"),
    ([("a", -3, 2)], [("a", -10, -2)], [True], "negative offsets (bad data) are compared as numbers"),
    ([(None, 5, 10), ("a", None, 10)], [("a", 0, 100)], [False, False], "NULLs never overlap"),
    ([("a", 5, 10)], [("a", None, 100), (None, 0, 100)], [False], "NULL spans never overlap"),
    ([], [("a", 0, 1)], [], "no rows"),
    ([("a", 0, 1)], [], [False], "no spans"),
]


@pytest.mark.parametrize("rows, spans, expected, reason", CASES, ids=[c[3] for c in CASES])
def test_overlaps_any_cases(rows, spans, expected, reason):
    rows, spans = frame(rows), frame(spans)
    assert overlaps_any(rows, spans).tolist() == expected == pairwise(rows, spans), reason


@pytest.mark.parametrize("seed", range(30))
def test_overlaps_any_equals_the_pairwise_test_on_random_documents(seed):
    rng = random.Random(seed)
    docs = [f"d{i}" for i in range(rng.randint(1, 6))]

    def interval():
        start = rng.randint(0, 300)
        return start, start + rng.randint(0, 40)

    spans = frame([(rng.choice(docs), *interval()) for _ in range(rng.randint(0, 40))])
    rows = frame([(rng.choice(docs + ["other"]), *interval()) for _ in range(rng.randint(0, 60))])
    got = overlaps_any(rows, spans)
    assert isinstance(got, np.ndarray) and got.tolist() == pairwise(rows, spans)


KEYS = [
    pd.Series(["a", "b", "a"], name="doc_id"),
    pd.Series(["a", None, "z"], name="doc_id", index=[5, 7, 9]),
    pd.Series([], dtype="str", name="doc_id"),
    pd.Series([None, None], dtype="str"),
    pd.Series(["a", "b"], dtype=object, name="x"),
    pd.Series(["a", "b"], dtype="string[pyarrow]"),
]


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("mapping", [{"a": 3, "b": 5}, {}, {"z": 1}, {"a": 1, "b": 2, "z": 9}, {"a": 1, float("nan"): 4}])
def test_lookup_is_series_map(keys, mapping):
    """The faster lookup gives what Series.map(dict) gives: values, dtype, index and name."""
    pd.testing.assert_series_equal(lookup(keys, mapping), keys.map(mapping), check_exact=True)


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("members", [{"a"}, {"a", "q"}, set(), {"zz"}, {"a", None}, {"a", float("nan")}, {"a", 1}])
def test_isin_is_series_isin(keys, members):
    pd.testing.assert_series_equal(isin(keys, members), keys.isin(members), check_exact=True)
