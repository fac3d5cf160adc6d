"""Acceptance (issue 6): a batch with one bad row per check lands each in rejects or dq_results.

The batch runs through the real per-batch path without Prefect (build_rows →
validate_batch → stage → Warehouse.load). Rows a scraper cannot produce (a wrong
type, a duplicate key, a dangling id, overlapping spans) are planted into the
built rows by hand; the rest come from crafted input text.
"""

import hashlib

import pytest

from flows import quality
from flows.accounting import lost_inputs
from flows.batch import build_rows
from flows.sources import RawInput
from flows.warehouse import Warehouse
from tests.conftest import raw_input

RUN = "20240101T000000Z-accept"
FILLER = ("Officials said the plan would be reviewed again in the spring, after the regional budget "
          "is approved by parliament and the first reports from the ministries have arrived.")


def raw(name: str, text: str) -> RawInput:
    return raw_input(text, f"{name}.txt")


def article(title: str, lede: str, *, extra: str = "") -> str:
    return f"{title}\n\n{extra}{lede}\n\n{FILLER}\n"


INPUTS = {
    "good_a": article("Caspian ferry line adds a second ship", "The ferry line between Baku and Aktau adds a second ship in May."),
    "good_b": article("Wheat prices fall after a record harvest", "Wheat prices fell for a third week as the harvest came in."),
    "future": article("Leaders agree a plan in Baku", "The leaders met and agreed a plan on energy.", extra="date 2031-05-01\n\n"),
    "residue": ("Farmers expect record wheat harvest this year\n\n"
                "The ministry of agriculture said on Monday that farmers expect a record wheat harvest.\n\n"
                f"{FILLER}\n\n"
                "More from the region: Parliament passes budget amid street protests 15.03.2024 Government\n"
                "announces new tax relief for small farmers 14.03.2024 Central bank holds rates steady as\n"
                "inflation slows 13.03.2024 Railway link to the port opens after two years 12.03.2024\n"),
    "menu_author": article("Metro line opens two new stations", "Two new metro stations opened on Friday morning.",
                           extra="By Politics Economy\n\n"),
    "twelve_words": "Farmers expect record harvest\n\nFarmers expect a record wheat harvest this year, the agriculture ministry said.\n",
    # documents that are fine as text; a bad row is planted into their rows below
    "wrong_type": article("Bank opens branches in the regions", "The bank opens ten branches in the regions."),
    "duplicate_key": article("Airport terminal gets a new roof", "The airport terminal gets a new roof this summer."),
    "overlap": article("New bridge links the two river banks", "A new bridge links the two river banks from today."),
}
GOOD = {"good_a", "good_b", "residue", "menu_author"}
DANGLING = hashlib.sha256(b"no such document").hexdigest()

# where each bad row must land: (table, scope or None for dq_results only, check)
EXPECTED = {
    "wrong_type": ("rejects", "document", "articles:word_count:dtype"),
    "duplicate_key": ("rejects", "document", "paragraphs:multiple_fields_uniqueness"),
    "future": ("rejects", "document", "articles:published_date:not_after_run_date"),
    "overlap": ("rejects", "document", "paragraphs+boilerplate:spans_not_overlapping"),
    "twelve_words": ("rejects", "document", "not_article"),
    "residue": ("dq_results", None, "warning:boilerplate_residue"),
    "menu_author": ("dq_results", None, "warning:author_not_name"),
}


@pytest.fixture(scope="module")
def batch():
    items = [raw(name, text) for name, text in INPUTS.items()]
    ids = {name: item.doc_id for name, item in zip(INPUTS, items)}
    rows = build_rows(items, set(), RUN)
    built = {t: len(r) for t, r in rows.tables.items()}
    # wrong type: a word count that is not a number
    art = next(a for a in rows.tables["articles"] if a["doc_id"] == ids["wrong_type"])
    art["word_count"] = "many"
    # duplicate key: the same (doc_id, para_no) twice
    para = next(p for p in rows.tables["paragraphs"] if p["doc_id"] == ids["duplicate_key"])
    rows.add("paragraphs", dict(para))
    # overlapping spans: a boilerplate span reaching into the first paragraph
    para = next(p for p in rows.tables["paragraphs"] if p["doc_id"] == ids["overlap"])
    rows.add("boilerplate", {"doc_id": ids["overlap"], "start": para["start"] + 3, "end": para["start"] + 9,
                             "kind": "promo", "rule": "planted", "text": para["text"][3:9],
                             "pipeline_version": para["pipeline_version"]})
    # dangling foreign key: a paragraph of a document that does not exist
    rows.add("paragraphs", {"doc_id": DANGLING, "para_no": 0, "text": "orphan", "start": 0, "end": 6,
                            "pipeline_version": para["pipeline_version"]})
    frames, tallies = quality.validate_batch(rows, RUN)
    return items, ids, rows, built, frames, tallies


def test_each_bad_row_lands_under_its_check(batch):
    _, ids, _, _, frames, tallies = batch
    rejects = frames["rejects"]
    for name, (table, scope, check) in EXPECTED.items():
        if table == "rejects":
            got = rejects[rejects["doc_id"] == ids[name]]
            assert list(zip(got["scope"], got["check"])) == [(scope, check)], name
            assert tallies[(check.split(":")[0], check.split(":", 1)[1])].failures >= 1 if ":" in check else True
        else:
            tally = tallies[("articles", check)]
            assert tally.failures == 1 and tally.sample[0]["doc_id"] == ids[name], name
    dangling = rejects[rejects["check"] == "paragraphs:doc_in_articles"]
    assert list(zip(dangling["scope"], dangling["doc_id"])) == [("row", DANGLING)]
    assert tallies[("paragraphs", "doc_in_articles")].failures == 1


def test_samples_show_the_problem(batch):
    _, _, _, _, _, tallies = batch
    residue = tallies[("articles", "warning:boilerplate_residue")].sample[0]
    assert "Parliament passes budget" in residue["text"] and residue["kind"] == "related_headlines"
    author = tallies[("articles", "warning:author_not_name")].sample[0]
    assert author["text"] == "Politics Economy"
    assert tallies[("paragraphs+boilerplate", "spans_not_overlapping")].sample


def test_every_good_row_is_loaded(batch):
    _, ids, rows, _, frames, _ = batch
    good = {ids[n] for n in GOOD}
    assert set(frames["articles"]["doc_id"]) == good
    for table in ("paragraphs", "boilerplate"):
        built = sum(1 for r in rows.tables[table] if r["doc_id"] in good)
        assert len(frames[table]) == built and set(frames[table]["doc_id"]) <= good, table
    status = dict(zip(frames["documents"]["doc_id"], frames["documents"]["status"]))
    assert {d for d, s in status.items() if s == "loaded"} == good


def test_counts_add_up(batch):
    items, ids, rows, built, frames, _ = batch
    assert lost_inputs(items, frames) == []
    docs = frames["documents"]
    doc_rejects = frames["rejects"][frames["rejects"]["scope"] == "document"]
    assert len(docs) == len(INPUTS) == len(frames["articles"]) + len(doc_rejects)
    # every built child row is loaded, belongs to a rejected document, or is a row reject
    rejected = set(doc_rejects["doc_id"])
    for table in ("paragraphs", "boilerplate"):
        held = sum(1 for r in rows.tables[table] if r["doc_id"] in rejected)
        row_rejects = int(((frames["rejects"]["scope"] == "row")
                           & frames["rejects"]["check"].str.startswith(table + ":")).sum())
        assert len(frames[table]) + held + row_rejects == len(rows.tables[table]), table


def test_the_batch_loads_and_dq_results_keep_every_check(batch, tmp_path):
    _, ids, _, _, frames, tallies = batch
    store = Warehouse(tmp_path / "wh")
    store.ensure_schema()
    for table, df in frames.items():
        if len(df):
            df.to_parquet(store.stage_path(RUN, table, 0), index=False)
    store.stage_rows(RUN, "dq_results", quality.dq_rows(RUN, tallies))
    store.load(RUN)
    _, failed = store.query('select table_name, "check", failures from dq_results where not passed order by 1, 2')
    checks = {f"{t}:{c}" for t, c, _ in failed}
    assert {"articles:word_count:dtype", "paragraphs:multiple_fields_uniqueness",
            "articles:published_date:not_after_run_date", "paragraphs+boilerplate:spans_not_overlapping",
            "paragraphs:doc_in_articles", "articles:warning:boilerplate_residue",
            "articles:warning:author_not_name"} <= checks
    _, passing = store.query('select count(*) from dq_results where passed')
    assert passing[0][0] > 20  # passing checks are recorded too
    _, places = store.query(
        "select count(*) filter (where a.doc_id is not null), count(*) filter (where r.doc_id is not null) "
        "from documents d left join articles a using (doc_id) "
        "left join (select distinct doc_id from rejects where scope = 'document') r using (doc_id)")
    assert places == [(len(GOOD), len(INPUTS) - len(GOOD))]
