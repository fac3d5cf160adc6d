"""The articles Parquet mirror is written a few months at a time; every row lands in its year=/month= folder."""

import duckdb
import pytest

from flows import warehouse as wh
from flows.warehouse import Warehouse


@pytest.mark.parametrize("group_bytes, reason", [
    (1, "every month its own COPY"),
    (10_000, "several months per COPY"),
    (2**40, "one COPY for every dated month"),
])
def test_every_article_lands_in_its_partition(tmp_path, monkeypatch, group_bytes, reason):
    monkeypatch.setattr(wh, "PARTITION_GROUP_BYTES", group_bytes)
    store = Warehouse(tmp_path / "wh")
    store.ensure_schema()
    with store.connect() as con:  # 40 months across a year boundary, 3 articles each, plus undated ones
        con.execute("""
            insert into articles by name
            select 'doc' || i as doc_id, 't' as title, 'headline' as title_source, [] as authors,
                   case when i % 7 = 0 then null else date '2023-11-15' + to_months(i % 40) end as published_date,
                   repeat('word ', 100) as body, 100 as word_count
            from range(120) t(i)""")
    store.export_parquet(["articles"])
    got = duckdb.sql(f"""
        select count(*), count(distinct doc_id),
               count(*) filter (where year is null) as undated,
               count(*) filter (where year is not null and (year <> year(published_date) or month <> month(published_date)))
        from read_parquet('{store.parquet_dir}/articles/**/*.parquet', hive_partitioning = true)""").fetchall()[0]
    assert got == (120, 120, 18, 0), reason
