-- Stat cache for incremental runs: a one-document file whose size and mtime are
-- unchanged is not read again (see flows/file_index.py). Not part of the analytical
-- model; safe to delete (the next run re-reads and re-hashes everything once).
create table if not exists file_index (
    path      varchar primary key,  -- absolute path
    size      bigint not null,
    mtime_ns  bigint not null,
    doc_id    varchar not null,
    run_id    varchar not null
);
