-- Warehouses whose story_signatures predate minhash_scheme (2026-12-03): every stored
-- signature was computed under datasketch's default scheme ("affine32", SHA-1 of each
-- shingle). A run signs those it compares with again (flows/stories.py).
alter table story_signatures add column if not exists minhash_scheme varchar default 'affine32';
