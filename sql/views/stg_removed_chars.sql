-- Staging: characters of each document removed as boilerplate proper (the headline and the
-- dateline are metadata, not junk). Shared by v_source_stats and v_outlet_drift.
create or replace view stg_removed_chars as
select doc_id, sum("end" - "start") as removed_chars
from boilerplate
where kind not in ('title', 'dateline')
group by doc_id
