-- Per entity and article: how often the entity is mentioned, and how it was written.
create or replace view v_entity_mentions as
with per_article as (
    select
        entity_id,
        doc_id,
        count(*) as mention_count,
        min("start") as first_start,
        list_sort(list_distinct(list(surface))) as surfaces
    from mentions
    group by entity_id, doc_id
),

final as (
    select
        e.entity_id,
        e.name,
        e.type,
        e.external_id,
        p.doc_id,
        a.outlet,
        a.published_date,
        a.story_id,
        p.mention_count,
        p.first_start,
        p.surfaces
    from per_article as p
    inner join entities as e on p.entity_id = e.entity_id
    inner join articles as a on p.doc_id = a.doc_id
)

select * from final
