"""The "nothing is lost" invariant, checked on one validated batch (used by tests and bench/fuzz.py).

Every input item is a `sources` row; every doc_id in `sources` is a `documents`
row; every document is in exactly one of `articles` or document-scope
`rejects`; every location that yielded no bytes has a document-scope reject
with doc_id NULL.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from flows.sources import RawInput, ReadFailure


def lost_inputs(items: list[RawInput | ReadFailure], frames: dict[str, pd.DataFrame],
                earlier: set[str] | frozenset = frozenset()) -> list[str]:
    """Problems with the batch's accounting, one readable line each; empty when nothing is lost.

    `earlier`: doc_ids stored by earlier batches (their repeats here are duplicates, not losses).
    """
    problems: list[str] = []
    seen = Counter(frames["sources"]["source_uri"])
    for uri, n in (Counter(i.source_uri for i in items) - seen).items():
        problems.append(f"{uri!r}: {n} input(s) without a sources row")
    documents = set(frames["documents"]["doc_id"])
    for doc_id in set(frames["sources"]["doc_id"].dropna()) - documents - earlier:
        problems.append(f"{doc_id}: in sources but not in documents")
    articles = Counter(frames["articles"]["doc_id"])
    doc_rejects = frames["rejects"][frames["rejects"]["scope"] == "document"]
    rejected = Counter(doc_rejects["doc_id"].dropna())
    for doc_id in documents:
        places = articles[doc_id] + rejected[doc_id]
        if places != 1:
            problems.append(f"{doc_id}: in {articles[doc_id]} articles and {rejected[doc_id]} document rejects")
    unread = Counter(doc_rejects[doc_rejects["doc_id"].isna()]["source_uri"])
    for item in items:
        if isinstance(item, ReadFailure) and item.doc_id is None and not unread[item.source_uri]:
            problems.append(f"{item.source_uri!r}: unreadable location without a reject")
    return problems
