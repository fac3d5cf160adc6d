create table if not exists boilerplate (
    doc_id   varchar not null,
    "start"  bigint not null,
    "end"    bigint not null,
    kind     varchar not null,
    rule     varchar not null,
    text     varchar not null,
    pipeline_version varchar
);
