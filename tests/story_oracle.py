"""The sequential story index newsmill used before the column-wise one: a test oracle.

It keeps datasketch's MinHashLSH and compares each new article with everything indexed
before it, one object per article. `newsmill.stories.cluster` must assign exactly the same
stories (tests/test_stories.py checks it on generated corpora).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from newsmill.stories import (ACTOR_TYPES, PERMUTATIONS, EntityCodes, StoryDocs, StorySettings, cluster, day_number,
                              load_settings, story_id_for)


@dataclass
class StoryDoc:
    doc_id: str
    published: date | None
    hashvalues: np.ndarray          # MinHash signature (uint64[num_perm])
    entity_ids: frozenset[str]
    story_id: str | None = None


class StoryIndex:
    """Known articles (with their stories) and the rule that assigns a new one."""

    def __init__(self, settings: StorySettings | None = None):
        from datasketch import MinHashLSH

        self.settings = settings or load_settings()
        self.lsh = MinHashLSH(threshold=self.settings.near_duplicate, num_perm=self.settings.num_perm)
        self.docs: dict[str, StoryDoc] = {}
        self._order: dict[str, int] = {}  # insertion order: ties go to the earlier article
        # Rewrite candidates by publication date: a new article is compared with the few
        # days around its own date only, never with the whole corpus (that was quadratic).
        self._by_date: dict[date, list[StoryDoc]] = defaultdict(list)

    def add(self, doc: StoryDoc) -> None:
        if doc.doc_id in self.docs:
            return
        self._order[doc.doc_id] = len(self.docs)
        self.docs[doc.doc_id] = doc
        if doc.published is not None and doc.entity_ids:
            self._by_date[doc.published].append(doc)
        self.lsh.insert(doc.doc_id, self._minhash(doc))

    def assign(self, doc: StoryDoc) -> str:
        """The story `doc` belongs to (an existing one or its own); `doc` is then indexed."""
        best = self._near_duplicate(doc) or self._rewrite(doc)
        doc.story_id = best.story_id if best else story_id_for(doc.doc_id)
        self.add(doc)
        return doc.story_id

    def _minhash(self, doc: StoryDoc):
        from datasketch import MinHash

        return MinHash(num_perm=self.settings.num_perm, hashvalues=doc.hashvalues, scheme=PERMUTATIONS)

    def _near_duplicate(self, doc: StoryDoc) -> StoryDoc | None:
        mh = self._minhash(doc)
        best, best_sim = None, 0.0
        for other_id in self.lsh.query(mh):
            other = self.docs[other_id]
            if not _within(doc.published, other.published, self.settings.near_duplicate_days, unknown_ok=True):
                continue
            sim = float(np.mean(doc.hashvalues == other.hashvalues))
            if sim >= self.settings.near_duplicate and (sim, other.doc_id) > (best_sim, best.doc_id if best else ""):
                best, best_sim = other, sim
        return best

    def _rewrite(self, doc: StoryDoc) -> StoryDoc | None:
        s = self.settings
        best, best_score = None, 0.0
        if doc.published is None or not doc.entity_ids:
            return None
        window = (doc.published + timedelta(days=d) for d in range(-s.rewrite_days, s.rewrite_days + 1))
        candidates = sorted((o for day in window for o in self._by_date.get(day, ())), key=lambda o: self._order[o.doc_id])
        for other in candidates:
            shared = doc.entity_ids & other.entity_ids
            actors = sum(1 for e in shared if e.startswith(ACTOR_TYPES))
            if len(shared) < s.min_shared_entities or actors < s.min_shared_actors:
                continue
            score = len(shared) / min(len(doc.entity_ids), len(other.entity_ids))
            if score >= s.entity_overlap and score > best_score:
                best, best_score = other, score
        return best


def _within(a: date | None, b: date | None, days: int, unknown_ok: bool) -> bool:
    if a is None or b is None:
        return unknown_ok
    return abs((a - b).days) <= days


def assign_in_order(docs: list[StoryDoc], known: int = 0) -> list[str]:
    """newsmill.stories.cluster over `docs` taken in the given order (the first `known` keep story_id)."""
    codes = EntityCodes()
    table = StoryDocs([d.doc_id for d in docs], np.array([day_number(d.published) for d in docs], dtype=np.int32),
                      np.array([d.hashvalues for d in docs], dtype=np.uint32).reshape(len(docs), -1),
                      [codes.encode(d.entity_ids) for d in docs], [d.story_id for d in docs[:known]] + [None] * (len(docs) - known))
    return cluster(table, known, codes)


def oracle(docs: list[StoryDoc], known: int = 0) -> list[str]:
    index = StoryIndex()
    for d in docs[:known]:
        index.add(d)
    return [d.story_id for d in docs[:known]] + [index.assign(StoryDoc(d.doc_id, d.published, d.hashvalues, d.entity_ids))
                                                 for d in docs[known:]]
