"""Story clustering: articles reporting the same event share a story_id.

An article joins the story of an earlier article when it is a near-duplicate of it
(MinHash signatures over word shingles, from datasketch, bucketed by LSH bands) within a
date window, or a rewrite of it: published within a day, with strongly overlapping entities
that include a person or an organisation. Otherwise it founds a new story. Thresholds:
rules/stories.yaml.

Assignment is incremental: the articles already clustered (kept by the warehouse between
runs) come first, then the new articles in publication order, each compared with everything
before it. The articles are held column-wise (one uint32 matrix of signatures, tuples of
integer entity codes) and near-duplicate candidates are found band by band with NumPy, so a
run of 100k articles costs tens of MB rather than the ~1 GB of an object-per-bucket LSH index.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterator, Sequence

import numpy as np

from newsmill.rule_files import read_rules

_WORD = re.compile(r"\w+")
ACTOR_TYPES = ("person-", "org-")  # entity_id prefixes of PERSON and ORG
# How a signature is computed (stored in story_signatures.minhash_scheme): signatures are
# only comparable under the same scheme. "affine32" was datasketch's default (SHA-1 of each
# shingle); rows stored under it are signed again from their bodies when a run needs them.
SCHEME = "wordcrc-affine32"
LEGACY_SCHEME = "affine32"
PERMUTATIONS = "affine32"  # datasketch's permutation scheme, the same under both
UNDATED = np.iinfo(np.int32).max   # day number of an article without a date: sorts last
PAIR_CHUNK = 50_000                # candidate pairs compared at once (bounds the temporaries)


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
    data = read_rules("stories.yaml")
    return StorySettings(**data)


@lru_cache(maxsize=8)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band): datasketch's optimum for the threshold, so candidates match its LSH."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def story_id_for(doc_id: str) -> str:
    """A story is named after the article that founded it (stable across runs)."""
    return f"story-{doc_id[:16]}"


def day_number(value: date | None) -> int:
    return UNDATED if value is None else value.toordinal()


def signature(body: str, settings: StorySettings | None = None) -> np.ndarray:
    """MinHash signature of the body's word shingles: uint32[num_perm].

    Equal to datasketch's `MinHash(scheme="affine32", hashfunc=shingle_hash)` over the
    body's shingles (its k-word windows of lower-cased `\\w+` words; a shorter body is one
    shingle), where a shingle's 32-bit hash is the top half of fmix64(sum of its word
    hashes times powers of a 64-bit odd constant, mod 2^64) and a word's hash is
    fmix64(CRC-32 of its UTF-8). Hashing words once and combining them with NumPy costs
    0.44 ms per 5 KB page where SHA-1 of every shingle cost 1.1 ms (tests/test_stories.py
    checks the equality with datasketch and an independent pure-Python hash).
    """
    settings = settings or load_settings()
    a, b = _permutations(settings.num_perm)
    words = _WORD.findall(body.lower())
    if not words:
        return np.full(settings.num_perm, _MAX_HASH32, dtype=np.uint32)
    word_hash = _fmix64(np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words)))
    k = min(settings.shingle_words, len(words))
    n = len(words) - k + 1
    shingle = word_hash[:n].copy()
    for j in range(1, k):  # Horner's rule over each window, all windows at once (uint64 wraps)
        shingle = shingle * _SHINGLE_BASE + word_hash[j:j + n]
    hv = _fmix32((_fmix64(shingle) >> np.uint64(32)).astype(np.uint32))
    # a repeated shingle only repeats a value the minimum already sees: the set's signature
    return (hv[:, None] * a + b).min(axis=0)  # uint32 arithmetic wraps: modulo 2^32, as datasketch


_SHINGLE_BASE = np.uint64(0x9E3779B97F4A7C15)
_FMIX64 = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))  # MurmurHash3's fmix64


def _fmix64(hv: np.ndarray) -> np.ndarray:
    shift, m1, m2 = _FMIX64
    hv = hv ^ (hv >> shift)
    hv = hv * m1
    hv = hv ^ (hv >> shift)
    hv = hv * m2
    return hv ^ (hv >> shift)


_MAX_HASH32 = 0xFFFFFFFF
_FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)  # MurmurHash3's fmix32 constants


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) for its affine32 scheme and default seed, as uint32 rows."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, scheme=PERMUTATIONS).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


@dataclass
class EntityCodes:
    """Entity ids as small integers (shared by all articles of one clustering), and which are actors."""

    codes: dict[str, int] = field(default_factory=dict)
    actor: list[bool] = field(default_factory=list)

    def encode(self, entity_ids) -> tuple[int, ...]:
        out = set()
        for entity_id in entity_ids:
            code = self.codes.get(entity_id)
            if code is None:
                code = self.codes[entity_id] = len(self.actor)
                self.actor.append(entity_id.startswith(ACTOR_TYPES))
            out.add(code)
        return tuple(sorted(out))

    def names(self) -> list[str]:
        """Entity ids by code (build once, then index with each article's codes)."""
        names = [""] * len(self.actor)
        for entity_id, code in self.codes.items():
            names[code] = entity_id
        return names


@dataclass
class StoryDocs:
    """Articles column-wise, in assignment order: the clustered ones first, then the new ones."""

    doc_ids: list[str]
    days: np.ndarray                 # int32 day numbers (date.toordinal()); UNDATED when unknown
    signatures: np.ndarray           # uint32[n, num_perm]
    entities: list[tuple[int, ...]]  # sorted entity codes (EntityCodes) per article
    story_ids: list[str | None]      # known for the clustered articles, None for the new ones

    def __len__(self) -> int:
        return len(self.doc_ids)


def new_order(doc_ids: Sequence[str], days: np.ndarray) -> list[int]:
    """Order in which new articles are assigned: by publication date (undated last), then doc_id."""
    return sorted(range(len(doc_ids)), key=lambda i: (int(days[i]), doc_ids[i]))


def cluster(docs: StoryDocs, known: int, codes: EntityCodes, settings: StorySettings | None = None) -> list[str]:
    """Story ids of all `docs`: the first `known` keep theirs, each later one is assigned in order."""
    settings = settings or load_settings()
    best = _near_duplicates(docs, known, settings)
    rewrites = _Rewrites(docs, codes, settings)
    stories = list(docs.story_ids)
    for i in range(known, len(docs)):
        j = best[i]
        if j < 0:
            j = rewrites.best(i)
        stories[i] = stories[j] if j >= 0 else story_id_for(docs.doc_ids[i])
    return stories


def _near_duplicates(docs: StoryDocs, known: int, settings: StorySettings) -> np.ndarray:
    """Per article, the earlier article it is a near-duplicate of (-1: none).

    Candidates share at least one LSH band exactly (as in datasketch's MinHashLSH); the best
    is the most similar within the date window (undated ones always qualify), ties to the
    larger doc_id.
    """
    n = len(docs)
    best = np.full(n, -1, dtype=np.int64)
    if n - known < 1 or n < 2:
        return best
    rank = np.empty(n, dtype=np.int64)  # doc_id order, for the tie-break
    rank[sorted(range(n), key=docs.doc_ids.__getitem__)] = np.arange(n)
    by_rank = np.argsort(rank)
    score = np.full(n, -1, dtype=np.int64)
    sig, days, perms = docs.signatures, docs.days.astype(np.int64), settings.num_perm
    bands, rows = lsh_bands(settings.near_duplicate, perms)
    for band in range(bands):
        cols = slice(band * rows, (band + 1) * rows)
        for later, earlier in _band_pairs(sig[:, cols], known):
            same_band = (sig[later, cols] == sig[earlier, cols]).all(axis=1)  # no hash collisions
            dated = (days[later] != UNDATED) & (days[earlier] != UNDATED)
            near = ~dated | (np.abs(days[later] - days[earlier]) <= settings.near_duplicate_days)
            later, earlier = later[same_band & near], earlier[same_band & near]
            equal = (sig[later] == sig[earlier]).sum(axis=1)
            keep = equal / perms >= settings.near_duplicate
            np.maximum.at(score, later[keep], equal[keep] * n + rank[earlier[keep]])
    found = score >= 0
    best[found] = by_rank[score[found] % n]
    return best


def _band_pairs(band: np.ndarray, known: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(later, earlier) index pairs of articles whose band hashes are equal; `later` is a new article.

    Chunks hold at most about PAIR_CHUNK pairs, so a large group of identical bands
    (thousands of copies of one short text) never builds a quadratic array at once.
    """
    key = np.zeros(len(band), dtype=np.uint64)
    for column in band.T:  # a polynomial hash of the band's values (wraps mod 2^64)
        key = key * np.uint64(0x9E3779B97F4A7C15) + column.astype(np.uint64)
    order = np.argsort(key, kind="stable")  # equal keys stay in article order
    ordered = key[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    before = np.arange(len(order)) - group_start   # earlier members of the same group
    members = np.flatnonzero((before > 0) & (order >= known))
    if not len(members):
        return
    cumulative = np.cumsum(before[members])
    begin = 0
    while begin < len(members):
        end = int(np.searchsorted(cumulative, cumulative[begin] - before[members[begin]] + PAIR_CHUNK, "right"))
        chunk = members[begin:max(end, begin + 1)]
        counts = before[chunk]
        later = np.repeat(order[chunk], counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        earlier = order[np.repeat(group_start[chunk], counts) + offsets]
        yield later, earlier
        begin = max(end, begin + 1)


class _Rewrites:
    """Rewrite candidates: earlier dated articles with entities within a few days, by day."""

    def __init__(self, docs: StoryDocs, codes: EntityCodes, settings: StorySettings):
        self.docs, self.actor, self.s = docs, codes.actor, settings
        self.by_day: dict[int, list[int]] = {}
        for i, (day, ents) in enumerate(zip(docs.days.tolist(), docs.entities)):
            if day != UNDATED and ents:
                self.by_day.setdefault(day, []).append(i)
        self._sets: dict[int, frozenset[int]] = {}  # entity sets of the articles near the current day
        self._day = None

    def best(self, i: int) -> int:
        """The earliest article with the highest entity overlap that makes `i` a rewrite (-1: none)."""
        s, docs = self.s, self.docs
        day, ents = int(docs.days[i]), docs.entities[i]
        if day == UNDATED or not ents:
            return -1
        self._forget_before(day - s.rewrite_days)
        mine = self._set(i)
        candidates = sorted(j for d in range(day - s.rewrite_days, day + s.rewrite_days + 1)
                            for j in self.by_day.get(d, ()) if j < i)
        best, best_score = -1, 0.0
        for j in candidates:
            other = self._set(j)
            shared = mine & other
            if len(shared) < s.min_shared_entities or sum(self.actor[e] for e in shared) < s.min_shared_actors:
                continue
            score = len(shared) / min(len(mine), len(other))
            if score >= s.entity_overlap and score > best_score:
                best, best_score = j, score
        return best

    def _set(self, i: int) -> frozenset[int]:
        found = self._sets.get(i)
        if found is None:
            found = self._sets[i] = frozenset(self.docs.entities[i])
        return found

    def _forget_before(self, day: int) -> None:
        """New articles come in date order: sets of articles older than the window are not needed again."""
        if self._day is not None and day <= self._day:
            return
        self._day = day
        days = self.docs.days
        for j in [j for j in self._sets if days[j] < day]:
            del self._sets[j]
