-- Per outlet and run (the run that first loaded each article): fill rates, median body
-- length and boilerplate share, next to the outlet's own history from earlier runs.
-- drift_warning flags a sharp move from that history (a site template change): a fill
-- rate or the boilerplate share moving by more than 0.3, or the median body halving or
-- doubling, once the outlet has at least two earlier runs.
create or replace view v_outlet_drift as
with removed as (
    select * from stg_removed_chars
),

-- page lengths only: joined with the text itself, the hash join carried every page_text
-- (a 100k-document warehouse: 782 MiB peak for this view, 235 MiB with the lengths)
pages as (
    select doc_id, first_seen_run, length(page_text) as page_chars from documents
),

per_run as (
    select
        coalesce(a.outlet, '(unknown)') as outlet,
        d.first_seen_run as run_id,
        count(*) as articles,
        avg(case when a.title_source = 'headline' then 1.0 else 0.0 end) as headline_fill,
        avg(case when a.published_date is not null then 1.0 else 0.0 end) as date_fill,
        avg(case when len(a.authors) > 0 then 1.0 else 0.0 end) as authors_fill,
        avg(case when a.dateline is not null then 1.0 else 0.0 end) as dateline_fill,
        median(a.word_count) as median_words,
        sum(coalesce(r.removed_chars, 0)) / nullif(sum(d.page_chars), 0) as boilerplate_share
    from articles as a
    inner join pages as d on a.doc_id = d.doc_id
    left join removed as r on a.doc_id = r.doc_id
    group by 1, 2
),

with_history as (
    select
        *,
        count(*) over history as history_runs,
        avg(headline_fill) over history as hist_headline_fill,
        avg(date_fill) over history as hist_date_fill,
        avg(authors_fill) over history as hist_authors_fill,
        avg(dateline_fill) over history as hist_dateline_fill,
        avg(median_words) over history as hist_median_words,
        avg(boilerplate_share) over history as hist_boilerplate_share
    from per_run
    window history as (partition by outlet order by run_id rows between unbounded preceding and 1 preceding)
),

final as (
    select
        *,
        coalesce(
            history_runs >= 2 and (
                abs(headline_fill - hist_headline_fill) > 0.3
                or abs(date_fill - hist_date_fill) > 0.3
                or abs(authors_fill - hist_authors_fill) > 0.3
                or abs(dateline_fill - hist_dateline_fill) > 0.3
                or abs(boilerplate_share - hist_boilerplate_share) > 0.3
                or median_words < 0.5 * hist_median_words
                or median_words > 2 * hist_median_words
            ),
            false
        ) as drift_warning
    from with_history
)

select * from final
order by outlet, run_id
