-- Add the staged line counts (table _stage) to outlet_lines; a line already known keeps
-- its delta (it was first kept when its outlet had fewer articles).
insert into outlet_lines (outlet, line_key, doc_count, delta, text)
select outlet, line_key, sum(doc_count) as doc_count, min(delta) as delta, any_value(text) as text
from _stage
group by outlet, line_key
on conflict (outlet, line_key) do update set doc_count = outlet_lines.doc_count + excluded.doc_count;
