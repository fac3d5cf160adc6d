create table if not exists rejects (
    run_id      varchar not null,
    scope       varchar not null,  -- 'document' | 'row'
    doc_id      varchar,           -- NULL when no bytes could be read
    source_uri  varchar,
    stage       varchar not null,  -- 'read' | 'decode' | 'extract' | 'validate'
    "check"     varchar not null,
    reason      varchar not null,
    payload     varchar            -- JSON text
);
