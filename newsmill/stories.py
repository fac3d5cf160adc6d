"""Story clustering: articles reporting the same event share a story_id.

An article joins the story of an earlier article when it is a near-duplicate of it
(MinHash/LSH over word shingles, from datasketch) within a date window, or a rewrite of it:
published within a day, with strongly overlapping entities that include a person or an
organisation. Otherwise it founds a new story. Thresholds: rules/stories.yaml.

The index is incremental: it is seeded with the signatures of articles already clustered
(kept by the warehouse between runs), then new articles are assigned in publication order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

_WORD = re.compile(r"\w+")
ACTOR_TYPES = ("person-", "org-")  # entity_id prefixes of PERSON and ORG
# datasketch's hashing scheme: stored signatures are only comparable under the same one
SCHEME = "affine32"


@dataclass(frozen=True)
class StorySettings:
    shingle_words: int
    num_perm: int
    near_duplicate: float
    near_duplicate_days: int
    rewrite_days: int
    entity_overlap: float
    min_shared_entities: int
    min_shared_actors: int


@lru_cache(maxsize=1)
def load_settings() -> StorySettings:
    data = yaml.safe_load((resources.files("newsmill") / "rules" / "stories.yaml").read_text(encoding="utf-8"))
    return StorySettings(**data)


@dataclass
class StoryDoc:
    doc_id: str
    published: date | None
    hashvalues: np.ndarray          # MinHash signature (uint64[num_perm])
    entity_ids: frozenset[str]
    story_id: str | None = None


def story_id_for(doc_id: str) -> str:
    """A story is named after the article that founded it (stable across runs)."""
    return f"story-{doc_id[:16]}"


def shingles(body: str, k: int) -> set[bytes]:
    words = _WORD.findall(body.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def signature(body: str, settings: StorySettings | None = None) -> np.ndarray:
    from datasketch import MinHash

    settings = settings or load_settings()
    mh = MinHash(num_perm=settings.num_perm, scheme=SCHEME)
    mh.update_batch(list(shingles(body, settings.shingle_words)))
    return mh.hashvalues.astype(np.uint64)


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

        return MinHash(num_perm=self.settings.num_perm, hashvalues=doc.hashvalues, scheme=SCHEME)

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
