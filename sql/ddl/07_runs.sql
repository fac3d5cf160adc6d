create table if not exists runs (
    run_id          varchar primary key,
    flow_run_id     varchar,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    status          varchar not null,
    docs_seen       bigint not null,
    docs_new        bigint not null,
    docs_loaded     bigint not null,
    docs_duplicate  bigint not null,
    docs_rejected   bigint not null
);
