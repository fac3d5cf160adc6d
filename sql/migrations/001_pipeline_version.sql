-- Warehouses created before derived rows carried their pipeline version (issue #8).
alter table articles add column if not exists pipeline_version varchar;
alter table paragraphs add column if not exists pipeline_version varchar;
alter table boilerplate add column if not exists pipeline_version varchar;
alter table quotes add column if not exists pipeline_version varchar;
alter table mentions add column if not exists pipeline_version varchar;
