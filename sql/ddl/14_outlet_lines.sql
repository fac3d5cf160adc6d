-- Internal state of site-template learning: per outlet and line (`line_key`: the line
-- case-folded, letters and digits only), in how many distinct articles it occurred.
-- Lossy counting keeps it small: `delta` bounds what the count may miss, and lines that
-- cannot reach a share of the outlet's articles are forgotten (sql/load/prune_outlet_lines.sql).
-- A line is a template of the outlet once it passes rules/recurring.yaml's thresholds.
create table if not exists outlet_lines (
    outlet     varchar not null,
    line_key   varchar not null,
    doc_count  bigint not null,
    delta      bigint not null,
    text       varchar not null,  -- one example of the line as printed
    primary key (outlet, line_key)
);
