-- Stat cache for JSONL files (many documents per file): one row per record of a file the
-- last run read whole, so an unchanged file (same size and mtime) is not read again and
-- its records become sightings (see flows/file_index.py). Not part of the analytical
-- model; safe to delete (the next run re-reads the JSONL files once).
create table if not exists file_records (
    path      varchar not null,  -- absolute path of the JSONL file
    size      bigint not null,
    mtime_ns  bigint not null,
    line      integer not null,  -- the record's line number
    url       varchar,           -- the record's url (its source_uri when present)
    doc_id    varchar not null,
    run_id    varchar not null
);
