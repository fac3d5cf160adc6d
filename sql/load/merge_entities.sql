-- Merge the staged entities (table _stage, one or more rows per entity_id from several
-- batches) into `entities`: new entities are inserted once, known ones gain new aliases.
create or replace temp table _merged as
with staged as (
    select
        entity_id,
        any_value(name) as name,
        any_value(type) as type,
        list_distinct(flatten(list(coalesce(aliases, []::varchar[])))) as aliases,
        any_value(external_id) as external_id
    from _stage
    group by entity_id
)

select * from staged;

update entities
set aliases = list_sort(list_distinct(list_concat(coalesce(entities.aliases, []::varchar[]), m.aliases)))
from _merged as m
where entities.entity_id = m.entity_id;

insert into entities by name
select entity_id, name, type, list_sort(aliases) as aliases, external_id
from _merged
where entity_id not in (select entity_id from entities);

drop table _merged;
