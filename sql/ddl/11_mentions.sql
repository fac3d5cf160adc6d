-- Filled by the enrichment stage (its own issue).
create table if not exists mentions (
    doc_id     varchar not null,
    entity_id  varchar not null,
    surface    varchar not null,
    "start"    bigint not null,
    "end"      bigint not null,
    para_no    integer,
    pipeline_version varchar
);
