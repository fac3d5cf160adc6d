"""Story assignment for a run: one coarse step after all batches, before the load.

Reads the run's staged articles and mentions plus the story state already in the warehouse
(`story_signatures`, only the dates that matter), assigns every new article to a story, then
rewrites the staged articles with their story_id and stages `stories` rows (new stories and
grown ones, recomputed whole) and `story_signatures` rows. Only this step and the load write
stories, one after the other: a single writer.

Memory: bodies are read one staged batch at a time and reduced to their signature; what is
kept per article is its signature (num_perm × 4 bytes), a tuple of entity codes and a few
scalars (newsmill/stories.py holds them column-wise).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

from flows.warehouse import Warehouse
from newsmill.stories import (UNDATED, EntityCodes, StoryDocs, cluster, day_number, load_settings, new_order,
                              signature)

SIGNATURE_ROWS_PER_FILE = 20_000  # staged story_signatures rows per Parquet file


def _staged(warehouse: Warehouse, run_id: str, table: str) -> list:
    return sorted((warehouse.staging_dir / run_id / table).glob("*.parquet"))


def assign_stories(warehouse: Warehouse, run_id: str) -> int:
    """Assign the run's staged articles to stories; returns how many articles were assigned."""
    files = _staged(warehouse, run_id, "articles")
    if not files:
        return 0
    settings = load_settings()
    codes = EntityCodes()
    entities = _entities_by_doc(_staged(warehouse, run_id, "mentions"), codes)

    doc_ids, days, signatures, parts = [], [], [], []
    for f in files:  # one staged batch at a time: bodies are read, signed and let go
        batch = pd.read_parquet(f, columns=["doc_id", "title", "body", "published_date"])
        doc_ids += batch["doc_id"].tolist()
        days += [day_number(None if pd.isna(v) else pd.Timestamp(v).date()) for v in batch["published_date"]]
        signatures.append(_matrix([signature(body, settings) for body in batch["body"]], settings.num_perm))
        parts.append(batch.drop(columns="body"))
    articles = pd.concat(parts, ignore_index=True)
    order = new_order(doc_ids, days)
    new = StoryDocs([doc_ids[i] for i in order], np.array([days[i] for i in order], dtype=np.int32),
                    np.concatenate(signatures)[order],
                    [entities.pop(doc_ids[i], ()) for i in order], [None] * len(order))
    del signatures, entities
    known = _existing(warehouse, new, codes, settings)
    docs = _concat(known, new)
    story_of = dict(zip(new.doc_ids, cluster(docs, len(known), codes, settings)[len(known):]))

    for f in files:  # the staged articles get their story_id (write aside, then swap)
        df = pd.read_parquet(f)
        df["story_id"] = df["doc_id"].map(story_of)
        tmp = f.with_suffix(".tmp")
        df.to_parquet(tmp, index=False)
        os.replace(tmp, f)
    _stage_signatures(warehouse, run_id, new, story_of, codes)
    _stories_frame(warehouse, articles, story_of).to_parquet(warehouse.stage_path(run_id, "stories", 0), index=False)
    return len(new)


def _matrix(rows: list[np.ndarray], width: int) -> np.ndarray:
    return np.vstack(rows).astype(np.uint32) if rows else np.zeros((0, width), dtype=np.uint32)


def _concat(a: StoryDocs, b: StoryDocs) -> StoryDocs:
    return StoryDocs(a.doc_ids + b.doc_ids, np.concatenate([a.days, b.days]),
                     np.vstack([a.signatures, b.signatures]), a.entities + b.entities, a.story_ids + b.story_ids)


def _entities_by_doc(files: list, codes: EntityCodes) -> dict[str, tuple[int, ...]]:
    """doc_id → the codes of the entities it mentions, one staged batch at a time."""
    out: dict[str, tuple[int, ...]] = {}
    for f in files:
        df = pd.read_parquet(f, columns=["doc_id", "entity_id"])
        for doc_id, ids in df.groupby("doc_id", sort=False)["entity_id"]:
            out[doc_id] = codes.encode(ids)
    return out


def _existing(warehouse: Warehouse, new: StoryDocs, codes: EntityCodes, settings) -> StoryDocs:
    """Clustered articles whose dates can matter for the new ones (undated ones always can),
    in a stable order: by date (undated last), then doc_id."""
    empty = StoryDocs([], np.zeros(0, dtype=np.int32), np.zeros((0, settings.num_perm), dtype=np.uint32), [], [])
    if not warehouse.exists():
        return empty
    dated = new.days[new.days != UNDATED]
    first, last = ((int(dated.min()), int(dated.max())) if len(dated)
                   else (datetime.now(timezone.utc).date().toordinal(),) * 2)
    window = max(settings.near_duplicate_days, settings.rewrite_days)
    low, high = date.fromordinal(first - window), date.fromordinal(last + window)
    with warehouse.connect(read_only=True) as con:
        rows = con.execute(
            "select doc_id, story_id, published_date, minhash, entity_ids from story_signatures "
            "where published_date is null or published_date between ? and ? "
            "order by published_date nulls last, doc_id", [low, high]).fetchall()
    if not rows:
        return empty
    return StoryDocs([r[0] for r in rows], np.array([day_number(r[2]) for r in rows], dtype=np.int32),
                     _matrix([np.frombuffer(r[3], dtype="<u8") for r in rows], settings.num_perm),
                     [codes.encode(r[4]) for r in rows], [r[1] for r in rows])


def _stage_signatures(warehouse: Warehouse, run_id: str, new: StoryDocs, story_of: dict[str, str],
                      codes: EntityCodes) -> None:
    """The new articles' clustering state, kept for later runs (minhash as little-endian uint64)."""
    names = codes.names()
    for part, start in enumerate(range(0, len(new), SIGNATURE_ROWS_PER_FILE)):
        stop = min(start + SIGNATURE_ROWS_PER_FILE, len(new))
        pd.DataFrame({
            "doc_id": new.doc_ids[start:stop],
            "story_id": [story_of[d] for d in new.doc_ids[start:stop]],
            "published_date": [None if d == UNDATED else pd.Timestamp(date.fromordinal(int(d)))
                               for d in new.days[start:stop]],
            "minhash": [row.astype("<u8").tobytes() for row in new.signatures[start:stop]],
            "entity_ids": [sorted(names[c] for c in ents) for ents in new.entities[start:stop]],
        }).to_parquet(warehouse.stage_path(run_id, "story_signatures", part), index=False)


def _stories_frame(warehouse: Warehouse, articles: pd.DataFrame, story_of: dict[str, str]) -> pd.DataFrame:
    """One row per story touched by this run, from all its members (earlier runs' included)."""
    members = articles.assign(story_id=articles["doc_id"].map(story_of))[["story_id", "doc_id", "title", "published_date"]]
    touched = sorted(set(story_of.values()))
    if warehouse.exists():
        with warehouse.connect(read_only=True) as con:
            old = con.execute(
                "select story_id, doc_id, title, published_date from articles "
                "where story_id in (select unnest(?::varchar[]))", [touched]).df()
        if len(old):
            old["published_date"] = pd.to_datetime(old["published_date"])
            members = pd.concat([old, members], ignore_index=True).drop_duplicates("doc_id")
    members["published_date"] = pd.to_datetime(members["published_date"])
    members = members.sort_values(["story_id", "published_date", "doc_id"], na_position="last")
    return members.groupby("story_id", as_index=False).agg(
        title=("title", "first"), first_published=("published_date", "min"), doc_count=("doc_id", "count"))
