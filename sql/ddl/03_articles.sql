create table if not exists articles (
    doc_id           varchar primary key,
    title            varchar not null,
    title_source     varchar not null,  -- 'headline' | 'lede'
    outlet           varchar,
    authors          varchar[] not null,
    dateline         varchar,
    published_date   date,
    published_at     timestamptz,       -- only when a time and its zone are known
    published_local  varchar,           -- wall time as printed, ISO form
    date_source      varchar,           -- 'explicit' | 'outlet_zone' | 'date_only' | 'dateline'
    language         varchar,           -- ISO 639-1
    body             varchar not null,
    word_count       integer not null,
    story_id         varchar,
    pipeline_version varchar           -- newsmill version + code/rules fingerprint that derived the row
);
