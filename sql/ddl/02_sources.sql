create table if not exists sources (
    source_uri  varchar not null,  -- relative path, path#Lnn for a JSONL line, or the record URL
    doc_id      varchar,           -- NULL when no bytes could be read
    run_id      varchar not null,
    seen_at     timestamptz not null
);
