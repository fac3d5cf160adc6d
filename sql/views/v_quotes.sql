-- Who said what, when, in which outlet: one row per quotation.
create or replace view v_quotes as
with final as (
    select
        q.doc_id,
        q.quote_no,
        q.speaker,
        q.speaker_entity_id,
        e.type as speaker_type,
        q.text,
        q.cue,
        a.published_date,
        a.published_at,
        a.outlet,
        a.title,
        a.story_id,
        q."start",
        q."end"
    from quotes as q
    inner join articles as a on q.doc_id = a.doc_id
    left join entities as e on q.speaker_entity_id = e.entity_id
)

select * from final
