create table if not exists documents (
    doc_id          varchar primary key,  -- sha256 hex of the raw bytes
    content_type    varchar not null,     -- 'text/plain' | 'text/html'
    encoding        varchar,
    byte_size       bigint not null,
    raw_text        varchar,              -- decoded input (HTML source for HTML); NULL when undecodable
    page_text       varchar,              -- visible text; offsets point here
    status          varchar not null,     -- 'loaded' | 'rejected'
    first_seen_run  varchar not null
);
