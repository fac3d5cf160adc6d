-- Filled by the story-clustering stage (its own issue).
create table if not exists stories (
    story_id         varchar primary key,
    title            varchar,
    first_published  date,
    doc_count        integer
);
