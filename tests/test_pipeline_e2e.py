"""Real Prefect flow runs (embedded API via the session harness) against a temp warehouse."""

import shutil

import duckdb
import pytest

from flows.pipeline import newsmill_run
from tests.conftest import SEEDS

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

CONTENT_TABLES = ("documents", "articles", "paragraphs", "boilerplate", "rejects", "dq_results",
                  "quotes", "entities", "mentions", "stories", "story_signatures")


def q(warehouse, sql):
    with duckdb.connect(str(warehouse / "newsmill.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def snapshot(warehouse):
    """Every table but runs/sources/dq_results, as sorted rows (dq_results grows per run by design)."""
    return {t: sorted(map(str, q(warehouse, f"select * from {t}"))) for t in CONTENT_TABLES if t != "dq_results"}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, prefect_harness):
    """Seeds plus a copy, an empty and a binary file, loaded by one real flow run."""
    root = tmp_path_factory.mktemp("e2e")
    inputs = root / "inputs"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(next(SEEDS.glob("000_*")), inputs / "copy of 000.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "blob.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    summary = newsmill_run([str(inputs)], str(root / "warehouse"))
    return root, summary


def test_summary_counts(loaded):
    _, summary = loaded
    assert (summary.docs_seen, summary.docs_new, summary.docs_loaded, summary.docs_duplicate,
            summary.docs_rejected) == (8, 7, 5, 1, 2)
    assert summary.status == "completed"


def test_seed_rows_in_duckdb(loaded):
    root, _ = loaded
    wh = root / "warehouse"
    rows = dict(q(wh, "select outlet, title_source from articles where outlet is not null"))
    assert rows == {"Azernews": "lede", "FACT-INFO.AZ": "headline", "APA": "headline"}
    (when,) = q(wh, "select strftime(published_at at time zone 'Asia/Baku', '%Y-%m-%d %H:%M') "
                    "from articles where outlet = 'FACT-INFO.AZ'")
    assert when == ("2022-08-25 08:55",)
    assert q(wh, "select count(*) from articles where dateline = 'ASTANA' and published_date = '2023-11-24'") == [(1,)]


def test_empty_and_binary_files_are_rejected_with_reasons(loaded):
    root, _ = loaded
    rejects = q(root / "warehouse", "select source_uri, scope, stage, \"check\", reason from rejects order by 1")
    assert [(r[0].rsplit("/", 1)[-1], r[1], r[2], r[3]) for r in rejects] == [
        ("blob.txt", "document", "decode", "binary_input"), ("empty.txt", "document", "decode", "empty_input")]
    assert all(r[4] for r in rejects)


def test_contract_invariants(loaded):
    wh = loaded[0] / "warehouse"
    # every doc_id in sources is in documents
    assert q(wh, "select count(*) from sources s where doc_id is not null and doc_id not in (select doc_id from documents)") == [(0,)]
    # every document is in exactly one of articles or document-scope rejects
    assert q(wh, """
        select count(*) from documents d
        where (d.doc_id in (select doc_id from articles))
            = (d.doc_id in (select doc_id from rejects where scope = 'document' and doc_id is not null))
    """) == [(0,)]
    assert q(wh, "select count(*) from documents where status = 'loaded' and doc_id not in (select doc_id from articles)") == [(0,)]
    # paragraphs and spans are inside page_text and quote it exactly
    assert q(wh, """
        select count(*) from paragraphs p join documents d using (doc_id)
        where p."end" > length(d.page_text)
           or regexp_replace(substr(d.page_text, p."start" + 1, p."end" - p."start"), '\\s+', ' ', 'g') != p.text
    """) == [(0,)]
    assert q(wh, """
        select count(*) from boilerplate b join documents d using (doc_id)
        where substr(d.page_text, b."start" + 1, b."end" - b."start") != b.text
    """) == [(0,)]
    # spans and paragraphs never overlap
    assert q(wh, """
        with r as (
            select doc_id, "start", "end" from paragraphs union all select doc_id, "start", "end" from boilerplate
        ), o as (
            select "start", lag("end") over (partition by doc_id order by "start") as prev_end from r
        )
        select count(*) from o where "start" < prev_end
    """) == [(0,)]
    # every non-whitespace character is accounted for
    assert q(wh, """
        with r as (
            select doc_id, "start", "end" from paragraphs union all select doc_id, "start", "end" from boilerplate
        ), covered as (
            select doc_id, sum("end" - "start") as n from r group by doc_id
        ), ranges as (
            select doc_id, string_agg(substr(d.page_text, r."start" + 1, r."end" - r."start"), '' order by r."start") as t
            from r join documents d using (doc_id) group by doc_id
        )
        select count(*) from documents d join ranges using (doc_id)
        where d.status = 'loaded'
          and length(regexp_replace(d.page_text, '\\s', '', 'g')) != length(regexp_replace(ranges.t, '\\s', '', 'g'))
    """) == [(0,)]


def test_parquet_mirror_is_partitioned_zstd(loaded):
    wh = loaded[0] / "warehouse"
    parts = sorted(p.relative_to(wh / "parquet" / "articles").parts[:2] for p in (wh / "parquet" / "articles").rglob("*.parquet"))
    assert ("year=2022", "month=8") in parts and ("year=__HIVE_DEFAULT_PARTITION__", "month=__HIVE_DEFAULT_PARTITION__") in parts
    with duckdb.connect() as con:
        n = con.execute(f"select count(*) from read_parquet('{wh}/parquet/articles/**/*.parquet', hive_partitioning=true)").fetchone()
        codecs = con.execute(f"select distinct compression from parquet_metadata('{wh}/parquet/documents/*.parquet')").fetchall()
    assert n == (5,) and codecs == [("ZSTD",)]
    for table in ("documents", "sources", "paragraphs", "boilerplate", "rejects", "runs", "dq_results"):
        assert list((wh / "parquet" / table).glob("*.parquet")), table


def test_views_answer(loaded):
    wh = loaded[0] / "warehouse"
    assert q(wh, "select count(*), sum(quote_count) from v_articles") == [(5, 13)]
    stats = {r[0]: r[1:] for r in q(wh, "select outlet, documents, rejects, boilerplate_share from v_source_stats")}
    assert stats["FACT-INFO.AZ"][0] == 1 and stats["FACT-INFO.AZ"][2] > 0.3  # the sidebar is most of that page
    assert stats[None][1] == 2


def test_enrichment_views_and_stories(loaded):
    wh = loaded[0] / "warehouse"
    pair = q(wh, "select article_count from v_cooccurrence where entity_a = 'Azerbaijan' and entity_b = 'Kazakhstan'")
    assert pair == [(5,)]
    stories = dict(q(wh, "select left(title, 30), story_id from articles"))
    shared = stories["President Kassym-Jomart Tokaye"], stories["President of Azerbaijan Ilham "]
    assert shared[0] == shared[1]  # seeds 001 and 004 report the same meeting
    assert len(set(stories.values())) == 4
    assert q(wh, f"select doc_count from stories where story_id = '{shared[0]}'") == [(2,)]
    speakers = q(wh, "select distinct speaker from v_quotes where outlet = 'APA' order by 1")
    assert speakers == [("Ilham Aliyev",), ("Kassym-Jomart Tokayev",)]
    assert q(wh, "select count(*) from quotes where speaker_entity_id not in (select entity_id from entities)") == [(0,)]
    # every mention quotes page_text exactly, and lies in a paragraph
    assert q(wh, """
        select count(*) from mentions m join documents d using (doc_id)
        where substr(d.page_text, m."start" + 1, m."end" - m."start") != m.surface
           or not exists (select 1 from paragraphs p where p.doc_id = m.doc_id
                          and p."start" <= m."start" and m."end" <= p."end")
    """) == [(0,)]
    (top,) = q(wh, "select top_entities from v_timeline where published_date = '2023-11-24'")
    assert "Azerbaijan" in top[0] and len(top[0]) <= 5
    assert list((wh / "parquet" / "mentions").glob("*.parquet"))
    assert not (wh / "parquet" / "story_signatures").exists()  # internal state is not mirrored


def test_second_run_is_idempotent_and_loads_only_new_files(loaded):
    root, _ = loaded
    wh = root / "warehouse"
    before = snapshot(wh)
    again = newsmill_run([str(root / "inputs")], str(wh))
    assert (again.docs_seen, again.docs_new, again.docs_loaded, again.docs_duplicate) == (8, 0, 0, 8)
    assert snapshot(wh) == before
    assert q(wh, "select count(*), count(distinct run_id) from runs") == [(2, 2)]
    assert q(wh, "select count(*) from sources") == [(16,)]

    (root / "inputs" / "new.txt").write_text(
        "Caspian cable project moves ahead\n\nBAKU — Engineers began laying the cable on Monday, Trend reports.\n\n"
        "The work is due to finish before the end of the year.\n")
    third = newsmill_run([str(root / "inputs")], str(wh))
    assert (third.docs_new, third.docs_loaded) == (1, 1)
    after = snapshot(wh)
    assert len(after["articles"]) == len(before["articles"]) + 1
    assert q(wh, "select outlet, dateline from articles where title = 'Caspian cable project moves ahead'") == [("Trend", "BAKU")]
