-- Per outlet: documents, rejects, and the share of page text removed as boilerplate.
-- Rejected documents have no outlet (nothing was extracted), so they appear under NULL.
create or replace view v_source_stats as
with removed as (
    select * from stg_removed_chars
),

per_doc as (
    select
        d.doc_id,
        d.status,
        a.outlet,
        length(d.page_text) as page_chars,
        coalesce(r.removed_chars, 0) as removed_chars
    from documents as d
    left join articles as a on d.doc_id = a.doc_id
    left join removed as r on d.doc_id = r.doc_id
),

final as (
    select
        outlet,
        count(*) as documents,
        count(*) filter (where status = 'loaded') as articles,
        count(*) filter (where status = 'rejected') as rejects,
        sum(removed_chars) as boilerplate_chars,
        sum(page_chars) filter (where status = 'loaded') as page_chars,
        round(
            sum(removed_chars) filter (where status = 'loaded')
            / nullif(sum(page_chars) filter (where status = 'loaded'), 0),
            4
        ) as boilerplate_share
    from per_doc
    group by outlet
)

select * from final
order by documents desc, outlet
