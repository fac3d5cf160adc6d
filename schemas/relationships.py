"""Checks across a batch's tables: relationships and the offset invariants (columnar, no row loops).

The per-table Pandera models check each table alone; these checks join them:

| table | check | what it means |
|---|---|---|
| articles | doc_in_documents | an article's doc_id is a loaded `documents` row |
| documents | loaded_has_article | a loaded document has its `articles` row |
| paragraphs, boilerplate | doc_in_articles | a child row belongs to an article (or to a rejected document, then it is not loaded) |
| paragraphs, boilerplate | offsets_in_page_text | `end` ≤ len(page_text) of its document |
| paragraphs+boilerplate | spans_not_overlapping | no two ranges of one document overlap |

All are errors. `check_relationships` returns the failing rows per check; flows/quality.py
holds their documents back (or, for a row that belongs to no document at all, the row).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CHECKS = (
    ("articles", "doc_in_documents"),
    ("documents", "loaded_has_article"),
    ("paragraphs", "doc_in_articles"),
    ("boilerplate", "doc_in_articles"),
    ("paragraphs", "offsets_in_page_text"),
    ("boilerplate", "offsets_in_page_text"),
    ("paragraphs+boilerplate", "spans_not_overlapping"),
)
CHILD_TABLES = ("paragraphs", "boilerplate")


@dataclass
class Violation:
    """Rows failing one check: `rows` has the table's index, `doc_id`, `detail` and `orphan`.

    `orphan` rows name a doc_id that is no document of the batch: only the row can be held back.
    """

    table: str
    check: str
    rows: pd.DataFrame


def check_relationships(frames: dict[str, pd.DataFrame]) -> list[Violation]:
    """Every failing check with its rows (empty list when the batch is consistent).

    doc_ids are factorized once into integer codes shared by all tables, so every
    membership test, lookup and sort below is a NumPy operation, not a Python loop.
    """
    docs, arts = frames["documents"], frames["articles"]
    tables = {"documents": docs, "articles": arts, **{t: frames[t] for t in CHILD_TABLES}}
    # empty tables are left out: they may still be object-typed, and mixing types would
    # turn the Arrow strings into Python objects (slow)
    ids = [df["doc_id"] for df in tables.values() if len(df)]
    codes, uniques = pd.factorize(pd.concat(ids, ignore_index=True)) if ids else (np.array([], np.intp), pd.Index([]))
    code, offset = {}, 0
    for name, df in tables.items():
        code[name] = codes[offset: offset + len(df)]
        offset += len(df)
    n = len(uniques) + 1  # the last slot stands for a missing doc_id (code -1)
    known = np.zeros(n, bool)
    known[code["documents"]] = True
    known[-1] = False
    is_loaded = (docs["status"] == "loaded").to_numpy(bool, na_value=False)
    loaded = np.zeros(n, bool)
    loaded[code["documents"][is_loaded]] = True
    loaded[-1] = False
    has_article = np.zeros(n, bool)
    has_article[code["articles"]] = True
    has_article[-1] = False
    rejected = known & ~loaded
    page_len = np.full(n, np.nan)
    page_len[code["documents"]] = _num(docs["page_text"].str.len()).to_numpy()
    page_len[-1] = np.nan
    out: list[Violation] = []

    bad = ~loaded[code["articles"]]
    _add(out, "articles", "doc_in_documents", arts, bad, known[code["articles"]], "no loaded documents row")
    bad = is_loaded & ~has_article[code["documents"]]
    _add(out, "documents", "loaded_has_article", docs, bad, known[code["documents"]], "loaded, but no articles row")

    for table in CHILD_TABLES:
        df, c = frames[table], code[table]
        bad = ~has_article[c] & ~rejected[c]
        _add(out, table, "doc_in_articles", df, bad, known[c], "no articles row")
        limit, end = page_len[c], _num(df["end"]).to_numpy()
        with np.errstate(invalid="ignore"):
            bad = ~np.isnan(limit) & (end > limit)
        _add(out, table, "offsets_in_page_text", df, bad, known[c],
             lambda rows, end=end, limit=limit, bad=bad: [f"end {e:.0f} > len(page_text) {m:.0f}"
                                                         for e, m in zip(end[bad], limit[bad])])

    # one range per paragraph and span, sorted by document then start: an overlap is a range
    # starting before the one just before it ends (any overlap in a document shows up so)
    c = np.concatenate([code[t] for t in CHILD_TABLES])
    starts = np.concatenate([_num(frames[t]["start"]).to_numpy() for t in CHILD_TABLES])
    ends = np.concatenate([_num(frames[t]["end"]).to_numpy() for t in CHILD_TABLES])
    order = np.lexsort((ends, starts, c))
    c, starts, ends = c[order], starts[order], ends[order]
    hit = np.zeros(len(c), bool)
    hit[1:] = (c[1:] == c[:-1]) & (starts[1:] < ends[:-1])
    if hit.any():
        where = np.flatnonzero(hit)
        source = np.array([t for t in CHILD_TABLES for _ in range(len(frames[t]))], dtype=object)[order]
        ranges = pd.DataFrame({"doc_id": uniques.take(c[where]) if len(uniques) else [],
                               "detail": [f"{source[i]} [{starts[i]:.0f}, {ends[i]:.0f}) starts before the previous "
                                          f"range ends at {ends[i - 1]:.0f}" for i in where]})
        _add(out, "paragraphs+boilerplate", "spans_not_overlapping", ranges, np.ones(len(ranges), bool),
             known[c[where]], ranges["detail"])
    return out


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype("float64")


def _add(out: list[Violation], table: str, check: str, df: pd.DataFrame, bad: np.ndarray, known: np.ndarray,
         detail) -> None:
    """Record the rows of `df` flagged in `bad`; `detail` is a string, a Series, or a function of the rows."""
    if not bad.any():
        return
    failing = df[bad]
    if callable(detail):
        text = detail(failing)
    elif isinstance(detail, pd.Series):
        text = detail[bad]
    else:
        text = detail
    rows = pd.DataFrame({"doc_id": failing["doc_id"].to_numpy(), "detail": text}, index=failing.index)
    rows["orphan"] = ~known[bad]
    out.append(Violation(table, check, rows))
