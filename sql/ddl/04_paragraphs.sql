create table if not exists paragraphs (
    doc_id   varchar not null,
    para_no  integer not null,
    text     varchar not null,
    "start"  bigint not null,
    "end"    bigint not null,
    pipeline_version varchar,
    primary key (doc_id, para_no)
);
