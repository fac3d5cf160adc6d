"""`newsmill replay`: quarantined documents move into the warehouse once the rule that held them back changes."""

from datetime import datetime, timezone

import duckdb
import pytest

from flows import cli, quality
from flows.batch import build_rows
from flows.replay import replay
from flows.sources import RawInput
from flows.stories import assign_stories
from flows.warehouse import Warehouse
from newsmill.article_check import MIN_WORDS_ENV
from tests.conftest import raw_input

RUN = "20240101T000000Z-first"
BRIEF = ("Wheat prices fall after a record harvest\n\nWheat prices fell for a third week as the record harvest came in, "
         "traders in the capital said on Friday after the weekly auction.\n")  # 23 words of body
LONG = ("Caspian ferry line adds a second ship\n\nThe ferry line between Baku and Aktau adds a second ship in May, "
        "officials said on Monday. The new ship carries up to forty trucks and two hundred passengers, and it "
        "will sail three times a week from the new port at Alat, where a second berth opened last year.\n")
FUTURE = ("Leaders agree a plan in Baku\n\ndate 2031-05-01\n\nThe leaders met and agreed a plan on energy, and they will "
          "meet again next month to sign the final text of the agreement. The plan covers gas, power lines and a new "
          "pipeline across the sea, officials said after the talks.\n")  # over 40 words
BINARY = b"\x00\x01\x02 binary \x00\x00" * 10


def raw(name: str, data: bytes) -> RawInput:
    return raw_input(data, name)


INPUTS = [raw("brief.txt", BRIEF.encode()), raw("long.txt", LONG.encode()), raw("future.txt", FUTURE.encode()),
          raw("binary.txt", BINARY)]
IDS = {i.source_uri: i.doc_id for i in INPUTS}


def load_batch(root, items, run_id):
    """A run through the per-batch path and the real load, without Prefect."""
    store = Warehouse(root)
    store.ensure_schema()
    frames, tallies = quality.validate_batch(build_rows(items, set(), run_id), run_id)
    for table, df in frames.items():
        if len(df):
            df.to_parquet(store.stage_path(run_id, table, 0), index=False)
    store.stage_rows(run_id, "dq_results", quality.dq_rows(run_id, tallies))
    assign_stories(store, run_id)
    store.load(run_id)
    now = datetime.now(timezone.utc)
    store.record_run({"run_id": run_id, "flow_run_id": None, "started_at": now, "finished_at": now,
                      "status": "completed", "docs_seen": len(items), "docs_new": len(items), "docs_loaded": 0,
                      "docs_duplicate": 0, "docs_rejected": 0})
    store.export_parquet()
    return store


def q(store, sql, params=None):
    return store.query(sql, params)[1]


def places(store):
    """doc_id → (in articles, document-scope reject rows, status)."""
    return {d: (a, r, s) for d, a, r, s in q(store, """
        select d.doc_id, count(distinct a.doc_id), count(r.doc_id), any_value(d.status) from documents d
        left join articles a using (doc_id) left join rejects r on r.doc_id = d.doc_id and r.scope = 'document'
        group by d.doc_id""")}


@pytest.fixture
def strict_warehouse(tmp_path, monkeypatch):
    """A warehouse loaded while bodies needed 40 words: the 23-word brief is quarantined as not_article."""
    monkeypatch.setenv(MIN_WORDS_ENV, "40")
    store = load_batch(tmp_path / "wh", INPUTS, RUN)
    assert places(store)[IDS["brief.txt"]] == (0, 1, "rejected")
    assert q(store, "select \"check\" from rejects where doc_id = ?", [IDS["brief.txt"]]) == [("not_article",)]
    monkeypatch.delenv(MIN_WORDS_ENV)
    return store


def test_replay_moves_a_document_once_its_rule_is_relaxed(strict_warehouse, monkeypatch):
    store = strict_warehouse
    monkeypatch.setenv(MIN_WORDS_ENV, "15")  # the rule fix
    summary = replay(str(store.root))
    assert (summary.quarantined, summary.moved, summary.not_replayable) == (3, 1, 1)
    assert summary.still == {"articles:published_date:not_after_run_date": 1}
    where = places(store)
    assert where[IDS["brief.txt"]] == (1, 0, "loaded")  # moved: article, no reject
    assert where[IDS["future.txt"]] == (0, 1, "rejected")  # still fails: left as it was
    assert where[IDS["binary.txt"]] == (0, 1, "rejected")  # never decoded: nothing to re-run
    assert all((a == 1) != (r >= 1) for a, r, _ in where.values())  # exactly one of articles / rejects
    assert q(store, "select count(*) from paragraphs where doc_id = ?", [IDS["brief.txt"]]) == [(1,)]
    assert q(store, "select count(*) from boilerplate where doc_id = ? and kind = 'title'", [IDS["brief.txt"]]) == [(1,)]
    assert q(store, "select docs_seen, docs_loaded, docs_rejected from runs where run_id = ?",
             [summary.run_id]) == [(3, 1, 2)]
    assert q(store, "select count(*) from dq_results where run_id = ?", [summary.run_id])[0][0] > 10
    with duckdb.connect() as con:
        moved = con.execute("select count(*) from read_parquet(?) where doc_id = ?",
                            [f"{store.parquet_dir}/articles/**/*.parquet", IDS["brief.txt"]]).fetchone()
    assert moved == (1,)  # the Parquet mirror follows


def test_replay_of_one_check_leaves_the_others_alone(strict_warehouse, monkeypatch):
    store = strict_warehouse
    monkeypatch.setenv(MIN_WORDS_ENV, "15")
    summary = replay(str(store.root), check="articles:published_date:not_after_run_date")
    assert (summary.quarantined, summary.moved) == (1, 0)
    assert places(store)[IDS["brief.txt"]] == (0, 1, "rejected")  # not selected: untouched


def test_replay_with_unchanged_rules_changes_nothing_but_the_run_history(strict_warehouse, monkeypatch):
    store = strict_warehouse
    monkeypatch.setenv(MIN_WORDS_ENV, "40")  # the rule as it was
    before = {t: q(store, f'select count(*) from "{t}"') for t in ("documents", "articles", "paragraphs", "rejects")}
    summary = replay(str(store.root), check="not_article")
    assert (summary.quarantined, summary.moved) == (1, 0) and summary.still == {"not_article": 1}
    assert {t: q(store, f'select count(*) from "{t}"') for t in before} == before


def test_replay_command_prints_counts(strict_warehouse, monkeypatch, capsys):
    monkeypatch.setenv(MIN_WORDS_ENV, "15")
    assert cli.main(["replay", "--warehouse", str(strict_warehouse.root), "--check", "not_article"]) == 0
    out = capsys.readouterr().out
    assert "1 quarantined documents, 1 now pass and were loaded, 0 still rejected" in out
    assert cli.main(["replay", "--warehouse", str(strict_warehouse.root / "nowhere")]) == 2


def test_replay_with_nothing_selected_records_nothing(strict_warehouse):
    store = strict_warehouse
    summary = replay(str(store.root), check="no_such_check")
    assert (summary.quarantined, summary.moved) == (0, 0)
    assert q(store, "select count(*) from runs") == [(1,)]


def test_replayed_article_gets_a_story(strict_warehouse, monkeypatch):
    store = strict_warehouse
    monkeypatch.setenv(MIN_WORDS_ENV, "15")
    replay(str(store.root))
    story = q(store, "select story_id from articles where doc_id = ?", [IDS["brief.txt"]])[0][0]
    assert story is not None
    assert q(store, "select doc_count from stories where story_id = ?", [story]) == [(1,)]
    assert q(store, "select count(*) from story_signatures where doc_id = ?", [IDS["brief.txt"]]) == [(1,)]
    assert q(store, "select count(*) from articles where story_id is null") == [(0,)]


def test_replayed_repost_joins_the_story_of_the_original(tmp_path, monkeypatch):
    """A re-post quarantined in a later run joins the original's story once replayed."""
    repost = LONG.replace("Caspian ferry line adds a second ship", "Second ship for the Caspian ferry line")
    monkeypatch.setenv(MIN_WORDS_ENV, "15")
    store = load_batch(tmp_path / "wh", [raw("long.txt", LONG.encode())], RUN)
    monkeypatch.setenv(MIN_WORDS_ENV, "200")  # the later run quarantines the re-post
    load_batch(tmp_path / "wh", [raw("repost.txt", repost.encode())], "20240102T000000Z-second")
    repost_id = raw("repost.txt", repost.encode()).doc_id
    assert places(store)[repost_id] == (0, 1, "rejected")
    monkeypatch.setenv(MIN_WORDS_ENV, "15")
    assert replay(str(store.root)).moved == 1
    stories = dict(q(store, "select doc_id, story_id from articles"))
    assert stories[repost_id] == stories[IDS["long.txt"]]
    assert q(store, "select doc_count from stories where story_id = ?", [stories[repost_id]]) == [(2,)]
