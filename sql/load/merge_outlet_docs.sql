-- Add the staged article counts (table _stage: outlet, doc_count) to outlet_docs.
insert into outlet_docs (outlet, doc_count)
select outlet, sum(doc_count) as doc_count
from _stage
group by outlet
on conflict (outlet) do update set doc_count = outlet_docs.doc_count + excluded.doc_count;
