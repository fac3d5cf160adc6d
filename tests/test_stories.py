"""Story clustering: the rule (pure) and incremental assignment across runs (flow step, no Prefect)."""

from datetime import date

import duckdb
import pytest

from flows.stories import assign_stories
from flows.tasks import process_batch
from flows.warehouse import Warehouse
from newsmill.stories import StoryDoc, StoryIndex, signature, story_id_for
from tests.conftest import raw_input, seed_text

BODY = ("The two ministers met in the capital on Monday to discuss the construction of a new railway line "
        "linking the port with the border, the ministry said in a statement after the talks ended. ") * 3
OTHER = ("Farmers in the south reported a record harvest of cotton this autumn, while prices on the world "
         "market fell for the third month in a row, according to the agriculture department. ") * 3


def doc(doc_id, body, when, entities=()):
    return StoryDoc(doc_id, when, signature(body), frozenset(entities))


@pytest.mark.parametrize("first, second, same, reason", [
    (doc("a" * 64, BODY, date(2024, 5, 1)), doc("b" * 64, BODY + " Reporting by a news agency.", date(2024, 5, 2)),
     True, "a re-post with a credit line added is a near-duplicate"),
    (doc("a" * 64, BODY, date(2024, 5, 1)), doc("b" * 64, BODY, None),
     True, "an undated copy still joins by its text"),
    (doc("a" * 64, BODY, date(2024, 5, 1)), doc("b" * 64, BODY, date(2024, 7, 1)),
     False, "the same text two months later is another story (a re-run, not the event)"),
    (doc("a" * 64, BODY, date(2024, 5, 1)), doc("b" * 64, OTHER, date(2024, 5, 1)),
     False, "different text and no entities: different stories"),
    (doc("a" * 64, BODY, date(2024, 5, 1), ["person-1", "person-2", "org-1", "country-1", "city-1"]),
     doc("b" * 64, OTHER, date(2024, 5, 2), ["person-1", "person-2", "org-1", "country-1"]),
     True, "a rewrite: within a day, the same people and organisation"),
    (doc("a" * 64, BODY, date(2024, 5, 1), ["country-1", "country-2", "country-3", "city-1", "region-1"]),
     doc("b" * 64, OTHER, date(2024, 5, 1), ["country-1", "country-2", "country-3", "city-1"]),
     False, "the same countries alone are not an event (no shared person or organisation)"),
    (doc("a" * 64, BODY, date(2024, 5, 1), ["person-1", "person-2", "org-1", "country-1"]),
     doc("b" * 64, OTHER, None, ["person-1", "person-2", "org-1", "country-1"]),
     False, "without a date, entity overlap alone does not join"),
    (doc("a" * 64, BODY, date(2024, 5, 1), ["person-1", "person-2", "org-1", "country-1"]),
     doc("b" * 64, OTHER, date(2024, 5, 3), ["person-1", "person-2", "org-1", "country-1"]),
     False, "the same actors two days later: outside the rewrite window (a later event)"),
])
def test_story_rule(first, second, same, reason):
    index = StoryIndex()
    a = index.assign(first)
    b = index.assign(second)
    assert a == story_id_for(first.doc_id)
    assert (a == b) is same, reason


def run_once(root, run_id, items):
    store = Warehouse(root)
    store.ensure_schema()
    process_batch.fn(items, 0, run_id, str(root), set())
    assign_stories(store, run_id)
    store.load(run_id)


def test_a_later_article_joins_an_existing_story_across_runs(tmp_path):
    run_once(tmp_path, "20260101T000000Z-aaaaaa", [raw_input(seed_text(p), f"{p}.txt") for p in ("000", "001", "002")])
    repost = seed_text("000").replace("Azernews reports", "Trend reports")  # another outlet's copy
    run_once(tmp_path, "20260102T000000Z-bbbbbb", [raw_input(seed_text("004"), "004.txt"), raw_input(repost, "repost.txt")])
    with duckdb.connect(str(tmp_path / "newsmill.duckdb"), read_only=True) as con:
        stories = dict(con.execute("select left(body, 40), story_id from articles").fetchall())
        rows = con.execute("select story_id, doc_count, first_published from stories order by story_id").fetchall()
        signatures = con.execute("select count(*) from story_signatures").fetchone()[0]
    by_start = {k[:20]: v for k, v in stories.items()}
    assert by_start["President of the Rep"] == by_start["President Kassym-Jom"]  # 004 joined 001's story
    assert len(set(stories.values())) == 3 and signatures == 5
    assert sorted(r[1] for r in rows) == [1, 2, 2]                               # grown stories recomputed
    assert {r[0] for r in rows} == set(stories.values())


def test_rewrite_candidates_are_the_dated_window_and_ties_go_to_the_earlier_article():
    """The index compares a new article only with articles of nearby dates (not the whole corpus)."""
    index = StoryIndex()
    actors = ["person-1", "person-2", "org-1", "country-1"]
    for i in range(300):  # unrelated articles on other dates and with other actors
        index.assign(doc(f"{i:064x}", OTHER + str(i), date(2023, 1, 1 + i % 28), [f"person-x{i}", "org-9"]))
    first = doc("a" * 64, BODY, date(2024, 5, 1), actors)
    twin = doc("b" * 64, BODY.upper(), date(2024, 5, 1), actors)
    index.assign(first)
    index.assign(twin)
    late = doc("c" * 64, OTHER + " late", date(2024, 5, 2), actors)
    assert index.assign(late) == first.story_id == twin.story_id
