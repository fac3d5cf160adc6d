-- Pairs of entities named in the same article, with the number of articles naming both.
-- Each pair appears once, ordered by name (entity_a < entity_b).
create or replace view v_cooccurrence as
with doc_entities as (
    select distinct m.doc_id, m.entity_id, e.name, e.type
    from mentions as m
    inner join entities as e on m.entity_id = e.entity_id
),

pairs as (
    select
        a.name as entity_a,
        b.name as entity_b,
        a.type as type_a,
        b.type as type_b,
        a.entity_id as entity_a_id,
        b.entity_id as entity_b_id,
        a.doc_id
    from doc_entities as a
    inner join doc_entities as b
        on a.doc_id = b.doc_id
        and (a.name < b.name or (a.name = b.name and a.entity_id < b.entity_id))
),

final as (
    select
        entity_a,
        entity_b,
        type_a,
        type_b,
        entity_a_id,
        entity_b_id,
        count(*) as article_count
    from pairs
    group by all
)

select * from final
order by article_count desc, entity_a, entity_b
