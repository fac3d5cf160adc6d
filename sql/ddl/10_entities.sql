-- Filled by the enrichment stage (its own issue).
create table if not exists entities (
    entity_id    varchar primary key,
    name         varchar not null,
    type         varchar not null,
    aliases      varchar[],
    external_id  varchar
);
