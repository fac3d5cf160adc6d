-- Filled by the enrichment stage (its own issue); created now so views can count it.
create table if not exists quotes (
    doc_id             varchar not null,
    quote_no           integer not null,
    speaker            varchar,
    speaker_entity_id  varchar,
    text               varchar not null,
    "start"            bigint not null,
    "end"              bigint not null,
    cue                varchar,
    pipeline_version   varchar
);
