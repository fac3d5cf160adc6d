-- Internal state of site-template learning (newsmill/recurring.py, flows/learning.py): per
-- outlet (or `host:<domain>` for pages without one), how many distinct articles were counted.
-- Not part of the Parquet mirror; added up in each run's load transaction.
create table if not exists outlet_docs (
    outlet     varchar primary key,
    doc_count  bigint not null
);
