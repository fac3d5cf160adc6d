-- Per publication day: articles, stories, quotations and the most mentioned entities
-- (by number of that day's articles naming them; up to five).
create or replace view v_timeline as
with days as (
    select
        published_date,
        count(*) as articles,
        count(distinct story_id) as stories,
        count(distinct outlet) as outlets
    from articles
    where published_date is not null
    group by published_date
),

day_quotes as (
    select a.published_date, count(*) as quotes
    from quotes as q
    inner join articles as a on q.doc_id = a.doc_id
    group by a.published_date
),

entity_days as (
    select a.published_date, e.name, count(distinct m.doc_id) as articles
    from mentions as m
    inner join articles as a on m.doc_id = a.doc_id
    inner join entities as e on m.entity_id = e.entity_id
    group by a.published_date, e.name
),

top_entities as (
    select
        published_date,
        list(name order by articles desc, name)[1:5] as top_entities
    from entity_days
    group by published_date
),

final as (
    select
        d.published_date,
        d.articles,
        d.stories,
        d.outlets,
        coalesce(q.quotes, 0) as quotes,
        coalesce(t.top_entities, []::varchar[]) as top_entities
    from days as d
    left join day_quotes as q on d.published_date = q.published_date
    left join top_entities as t on d.published_date = t.published_date
)

select * from final
order by published_date
