"""Story assignment for a run: one coarse step after all batches, before the load.

Reads the run's staged articles and mentions plus the story state already in the warehouse
(`story_signatures`, only the dates that matter), assigns every new article to a story, then
rewrites the staged articles with their story_id and stages `stories` rows (new stories and
grown ones, recomputed whole) and `story_signatures` rows. Only this step and the load write
stories, one after the other: a single writer.

Memory: each batch stages its articles' signatures and entity ids (`story_inputs`), so this
step reads no bodies or mentions; what it keeps per article is its signature (num_perm × 4
bytes), a tuple of entity codes and a few scalars (newsmill/stories.py holds them column-wise).

Stored signatures carry the scheme that computed them (`minhash_scheme`). Those of an older
scheme that this run compares with are signed again from their bodies (a few thousand at a
time) and staged, so each is re-signed once.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

from flows.progress import report
from flows.warehouse import Warehouse
from newsmill.stories import (SCHEME, UNDATED, EntityCodes, StoryDocs, cluster, day_number, load_settings, new_order,
                              signature)

SIGNATURE_ROWS_PER_FILE = 20_000  # staged story_signatures rows per Parquet file
RESIGN_CHUNK = 2_000  # stored bodies read at once to sign them again under the current scheme
STORY_INPUTS = "story_inputs"     # staged per batch beside the articles; never loaded


def _staged(warehouse: Warehouse, run_id: str, table: str) -> list:
    return sorted((warehouse.staging_dir / run_id / table).glob("*.parquet"))


def story_inputs(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """What the story step needs of each article: doc_id, MinHash signature, entity ids.

    Computed in the article's batch (so on the batch workers, in parallel), and staged
    beside the articles: the story step then reads about 0.5 KB per article instead of its
    body and its mentions.
    """
    settings = load_settings()
    entities = mentions.groupby("doc_id", sort=False)["entity_id"].agg(list).to_dict() if len(mentions) else {}
    return pd.DataFrame({
        "doc_id": articles["doc_id"].tolist(),
        "minhash": [signature(body, settings).astype("<u4").tobytes() for body in articles["body"]],
        "entity_ids": [sorted(set(entities.get(doc_id, ()))) for doc_id in articles["doc_id"]],
    })


def stage_story_inputs(warehouse: Warehouse, run_id: str, batch_no: int, frames: dict[str, pd.DataFrame]) -> None:
    """Stage a batch's story inputs (staging only: the load never reads STORY_INPUTS)."""
    if len(frames["articles"]):
        story_inputs(frames["articles"], frames["mentions"]).to_parquet(
            warehouse.stage_path(run_id, STORY_INPUTS, batch_no), index=False)


def assign_stories(warehouse: Warehouse, run_id: str) -> int:
    """Assign the run's staged articles to stories; returns how many articles were assigned."""
    files = _staged(warehouse, run_id, "articles")
    if not files:
        return 0
    settings = load_settings()
    codes = EntityCodes()
    doc_ids, days, signatures, entities, parts = [], [], [], [], []
    for f in files:  # one staged batch at a time
        batch = pd.read_parquet(f, columns=["doc_id", "title", "published_date"])
        inputs = _inputs_for(warehouse, run_id, f).set_index("doc_id").loc[batch["doc_id"]]
        doc_ids += batch["doc_id"].tolist()
        days += [day_number(None if pd.isna(v) else pd.Timestamp(v).date()) for v in batch["published_date"]]
        signatures.append(_matrix(inputs["minhash"].tolist(), settings.num_perm))
        entities += [codes.encode(ids) for ids in inputs["entity_ids"]]
        parts.append(batch)
    articles = pd.concat(parts, ignore_index=True)
    order = new_order(doc_ids, days)
    new = StoryDocs([doc_ids[i] for i in order], np.array([days[i] for i in order], dtype=np.int32),
                    np.concatenate(signatures)[order], [entities[i] for i in order], [None] * len(order))
    del signatures, entities
    known, resigned = _existing(warehouse, new, codes, settings)
    docs = _concat(known, new)
    story_of = dict(zip(new.doc_ids, cluster(docs, len(known), codes, settings)[len(known):]))

    for f in files:  # the staged articles get their story_id (write aside, then swap)
        df = pd.read_parquet(f)
        df["story_id"] = df["doc_id"].map(story_of)
        tmp = f.with_suffix(".tmp")
        df.to_parquet(tmp, index=False)
        os.replace(tmp, f)
    parts = _stage_signatures(warehouse, run_id, new, [story_of[d] for d in new.doc_ids], codes)
    if len(resigned):  # stored rows of an older scheme, now stored under the current one
        _stage_signatures(warehouse, run_id, _subset(known, resigned), [known.story_ids[i] for i in resigned],
                          codes, first_part=parts)
    _stories_frame(warehouse, articles, story_of).to_parquet(warehouse.stage_path(run_id, "stories", 0), index=False)
    return len(new)


def _inputs_for(warehouse: Warehouse, run_id: str, articles_file) -> pd.DataFrame:
    """The staged story inputs of one articles file; computed here when its batch staged none
    (reprocess and replay stage articles without them)."""
    path = warehouse.staging_dir / run_id / STORY_INPUTS / articles_file.name
    if path.exists():
        return pd.read_parquet(path)
    mentions = warehouse.staging_dir / run_id / "mentions" / articles_file.name
    return story_inputs(pd.read_parquet(articles_file, columns=["doc_id", "body"]),
                        pd.read_parquet(mentions, columns=["doc_id", "entity_id"]) if mentions.exists()
                        else pd.DataFrame({"doc_id": [], "entity_id": []}))


def _matrix(rows: list, width: int) -> np.ndarray:
    """Signatures (uint32 arrays or their little-endian bytes) as one uint32[n, width] matrix."""
    if not rows:
        return np.zeros((0, width), dtype=np.uint32)
    if isinstance(rows[0], bytes):
        return np.frombuffer(b"".join(rows), dtype="<u4").reshape(len(rows), width).astype(np.uint32)
    return np.vstack(rows).astype(np.uint32)


def _concat(a: StoryDocs, b: StoryDocs) -> StoryDocs:
    return StoryDocs(a.doc_ids + b.doc_ids, np.concatenate([a.days, b.days]),
                     np.vstack([a.signatures, b.signatures]), a.entities + b.entities, a.story_ids + b.story_ids)


def _existing(warehouse: Warehouse, new: StoryDocs, codes: EntityCodes, settings) -> tuple[StoryDocs, np.ndarray]:
    """Clustered articles whose dates can matter for the new ones (undated ones always can),
    in a stable order: by date (undated last), then doc_id; and the indexes of those whose
    stored signature was of an older scheme and was signed again (to be stored anew)."""
    empty = StoryDocs([], np.zeros(0, dtype=np.int32), np.zeros((0, settings.num_perm), dtype=np.uint32), [], [])
    none = np.zeros(0, dtype=np.int64)
    if not warehouse.exists():
        return empty, none
    dated = new.days[new.days != UNDATED]
    first, last = ((int(dated.min()), int(dated.max())) if len(dated)
                   else (datetime.now(timezone.utc).date().toordinal(),) * 2)
    window = max(settings.near_duplicate_days, settings.rewrite_days)
    low, high = date.fromordinal(first - window), date.fromordinal(last + window)
    with warehouse.connect(read_only=True) as con:
        rows = con.execute(
            "select doc_id, story_id, published_date, minhash, entity_ids, minhash_scheme from story_signatures "
            "where published_date is null or published_date between ? and ? "
            "order by published_date nulls last, doc_id", [low, high]).fetchall()
        if not rows:
            return empty, none
        signatures = _matrix([np.frombuffer(r[3], dtype="<u8") for r in rows], settings.num_perm)
        stale = {r[0]: i for i, r in enumerate(rows) if r[5] != SCHEME}
        signed = _sign_again(con, stale, signatures, settings)
    usable = np.ones(len(rows), dtype=bool)  # a stale row whose body is gone cannot be compared
    usable[list(stale.values())] = False
    usable[signed] = True
    keep = np.flatnonzero(usable)
    if stale:
        missing = len(stale) - len(signed)
        report("stories: %d stored signatures of an older scheme signed again from their bodies%s", len(signed),
               f" ({missing} without a body left out)" if missing else "")
    docs = StoryDocs([rows[i][0] for i in keep], np.array([day_number(rows[i][2]) for i in keep], dtype=np.int32),
                     signatures[keep], [codes.encode(rows[i][4]) for i in keep], [rows[i][1] for i in keep])
    return docs, np.flatnonzero(np.isin(keep, signed))


def _sign_again(con, row_of: dict[str, int], signatures: np.ndarray, settings) -> list[int]:
    """Sign the articles of `row_of` (doc_id -> row of `signatures`) again from their stored
    bodies, RESIGN_CHUNK at a time; returns the rows signed (an article without a body is not)."""
    doc_ids, signed = list(row_of), []
    for start in range(0, len(doc_ids), RESIGN_CHUNK):
        for doc_id, body in con.execute("select doc_id, body from articles where doc_id in (select unnest(?::varchar[]))",
                                        [doc_ids[start:start + RESIGN_CHUNK]]).fetchall():
            if body is not None:
                signatures[row_of[doc_id]] = signature(body, settings)
                signed.append(row_of[doc_id])
    return signed


def _subset(docs: StoryDocs, rows: np.ndarray) -> StoryDocs:
    return StoryDocs([docs.doc_ids[i] for i in rows], docs.days[rows], docs.signatures[rows],
                     [docs.entities[i] for i in rows], [docs.story_ids[i] for i in rows])


def _stage_signatures(warehouse: Warehouse, run_id: str, docs: StoryDocs, story_ids: list[str],
                      codes: EntityCodes, first_part: int = 0) -> int:
    """Stage the clustering state of `docs`, kept for later runs (minhash as little-endian uint64);
    returns the next free part number."""
    names = codes.names()
    part = first_part
    for start in range(0, len(docs), SIGNATURE_ROWS_PER_FILE):
        stop = min(start + SIGNATURE_ROWS_PER_FILE, len(docs))
        pd.DataFrame({
            "doc_id": docs.doc_ids[start:stop],
            "story_id": story_ids[start:stop],
            "published_date": [None if d == UNDATED else pd.Timestamp(date.fromordinal(int(d)))
                               for d in docs.days[start:stop]],
            "minhash": [row.astype("<u8").tobytes() for row in docs.signatures[start:stop]],
            "entity_ids": [sorted(names[c] for c in ents) for ents in docs.entities[start:stop]],
            "minhash_scheme": SCHEME,
        }).to_parquet(warehouse.stage_path(run_id, "story_signatures", part), index=False)
        part += 1
    return part


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
