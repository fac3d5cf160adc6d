-- Articles with outlet, story and counts of quotes and mentions.
create or replace view v_articles as
with quote_counts as (
    select doc_id, count(*) as quote_count from quotes group by doc_id
),

mention_counts as (
    select doc_id, count(*) as mention_count from mentions group by doc_id
),

final as (
    select
        a.doc_id,
        a.title,
        a.title_source,
        a.outlet,
        a.authors,
        a.dateline,
        a.published_date,
        a.published_at,
        a.published_local,
        a.date_source,
        a.language,
        a.word_count,
        a.story_id,
        s.title as story_title,
        coalesce(q.quote_count, 0) as quote_count,
        coalesce(m.mention_count, 0) as mention_count,
        a.body
    from articles as a
    left join stories as s on a.story_id = s.story_id
    left join quote_counts as q on a.doc_id = q.doc_id
    left join mention_counts as m on a.doc_id = m.doc_id
)

select * from final
