create table if not exists dq_results (
    run_id      varchar not null,
    table_name  varchar not null,
    "check"     varchar not null,
    passed      boolean not null,
    failures    bigint not null,
    sample      varchar  -- JSON text: a few failing values
);
