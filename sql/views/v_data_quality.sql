-- The latest run's data-quality results: every check that ran, failing ones first,
-- plus the run's quarantine counts per check (from rejects).
create or replace view v_data_quality as
with latest as (
    select run_id from runs order by started_at desc limit 1
),

checks as (
    select
        r.run_id,
        r.table_name,
        r."check",
        r.passed,
        r.failures,
        r.sample
    from dq_results as r
    inner join latest using (run_id)
),

quarantined as (
    select
        j.run_id,
        'rejects' as table_name,
        j.stage || ':' || j."check" as "check",
        false as passed,
        count(*) as failures,
        to_json(list(j.source_uri order by j.source_uri)[1:3])::varchar as sample
    from rejects as j
    inner join latest using (run_id)
    group by j.run_id, j.stage, j."check"
),

final as (
    select * from checks
    union all
    select * from quarantined
)

select * from final
order by passed, table_name, "check"
