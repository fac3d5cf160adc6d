-- Internal state of story clustering (not part of the Parquet mirror): one row per article
-- with its MinHash signature and entity ids, so that a later run can put a new article in
-- an existing story without re-reading old bodies. Written in the load transaction.
create table if not exists story_signatures (
    doc_id          varchar primary key,
    story_id        varchar not null,
    published_date  date,
    minhash         blob not null,      -- MinHash values, uint64 little-endian
    entity_ids      varchar[] not null,
    minhash_scheme  varchar not null    -- how minhash was computed (newsmill.stories.SCHEME)
);
