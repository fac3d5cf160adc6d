"""Story assignment for a run: one coarse step after all batches, before the load.

Reads the run's staged articles and mentions plus the story state already in the warehouse
(`story_signatures`, only the dates that matter), assigns every new article to a story, then
rewrites the staged articles with their story_id and stages `stories` rows (new stories and
grown ones, recomputed whole) and `story_signatures` rows. Only this step and the load write
stories, one after the other: a single writer.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pandas as pd

from flows.warehouse import Warehouse
from newsmill.stories import StoryDoc, StoryIndex, load_settings, signature


def _staged(warehouse: Warehouse, run_id: str, table: str) -> list:
    return sorted((warehouse.staging_dir / run_id / table).glob("*.parquet"))


def _as_date(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def assign_stories(warehouse: Warehouse, run_id: str) -> int:
    """Assign the run's staged articles to stories; returns how many articles were assigned."""
    files = _staged(warehouse, run_id, "articles")
    if not files:
        return 0
    entities = _entities_by_doc(_staged(warehouse, run_id, "mentions"))
    settings = load_settings()

    new_docs, parts = [], []
    for f in files:  # one staged batch at a time: bodies are read, signed and let go
        batch = pd.read_parquet(f, columns=["doc_id", "title", "body", "published_date"])
        new_docs += [StoryDoc(r.doc_id, _as_date(r.published_date), signature(r.body, settings),
                              entities.get(r.doc_id, frozenset())) for r in batch.itertuples()]
        parts.append(batch.drop(columns="body"))
    articles = pd.concat(parts, ignore_index=True)
    index = StoryIndex(settings)
    for doc in _existing(warehouse, new_docs, settings):
        index.add(doc)
    for doc in sorted(new_docs, key=lambda d: (d.published or date.max, d.doc_id)):
        index.assign(doc)
    story_of = {d.doc_id: d.story_id for d in new_docs}

    for f in files:  # the staged articles get their story_id (write aside, then swap)
        df = pd.read_parquet(f)
        df["story_id"] = df["doc_id"].map(story_of)
        tmp = f.with_suffix(".tmp")
        df.to_parquet(tmp, index=False)
        os.replace(tmp, f)
    pd.DataFrame([{
        "doc_id": d.doc_id, "story_id": d.story_id,
        "published_date": pd.Timestamp(d.published) if d.published else None,
        "minhash": d.hashvalues.astype("<u8").tobytes(), "entity_ids": sorted(d.entity_ids),
    } for d in new_docs]).to_parquet(warehouse.stage_path(run_id, "story_signatures", 0), index=False)
    _stories_frame(warehouse, articles, story_of).to_parquet(warehouse.stage_path(run_id, "stories", 0), index=False)
    return len(new_docs)


def _entities_by_doc(files: list) -> dict[str, frozenset[str]]:
    """doc_id → the entity ids it mentions, one staged batch at a time (one string per entity id)."""
    one: dict[str, str] = {}
    out: dict[str, frozenset[str]] = {}
    for f in files:
        df = pd.read_parquet(f, columns=["doc_id", "entity_id"])
        for doc_id, ids in df.groupby("doc_id", sort=False)["entity_id"]:
            out[doc_id] = frozenset(one.setdefault(e, e) for e in ids)
    return out


def _existing(warehouse: Warehouse, new_docs: list[StoryDoc], settings) -> list[StoryDoc]:
    """Clustered articles whose dates can matter for the new ones (undated ones always can)."""
    if not warehouse.exists():
        return []
    dates = [d.published for d in new_docs if d.published] or [datetime.now(timezone.utc).date()]
    window = timedelta(days=max(settings.near_duplicate_days, settings.rewrite_days))
    with warehouse.connect(read_only=True) as con:
        rows = con.execute(
            "select doc_id, story_id, published_date, minhash, entity_ids from story_signatures "
            "where published_date is null or published_date between ? and ?",
            [min(dates) - window, max(dates) + window],
        ).fetchall()
    return [StoryDoc(doc_id, published, np.frombuffer(blob, dtype="<u8").astype(np.uint64), frozenset(ents), story)
            for doc_id, story, published, blob, ents in rows]


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
