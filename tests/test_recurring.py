"""Corpus-level learning of site-template lines (newsmill/recurring.py, flows/learning.py).

The pages are written for these tests: eight unrelated articles, each dressed in an
outlet's template (a footer, a menu line above the headline, a mid-article line), with
outlets told apart by their URL host as pages without a known outlet are.
"""

import hashlib

import pytest

from flows import quality
from flows.batch import build_rows
from flows.learning import count_rows, counts_from_rows
from flows.rederive import reprocess_in_place
from flows.reprocess import reprocess_from_parquet
from flows.runners import LEARNING_LAG
from flows.sources import RawInput
from flows.tasks import process_batch
from flows.warehouse import Warehouse
from newsmill import recurring
from newsmill.layout import overlaps, unaccounted
from newsmill.recurring import Candidate, Counts, Profile

RUN1, RUN2 = "20260101T000000Z-first0", "20260102T000000Z-later0"

ARTICLES = [
    ("Harbour council approves new ferry timetable",
     "The harbour council voted on Tuesday to add three evening ferry crossings from May, after commuters "
     "complained about crowded boats. The change will cost the city about 1.2 million a year, officials said.\n\n"
     "Residents of the island districts welcomed the decision but asked for weekend services as well."),
    ("Drought cuts wheat harvest in the north",
     "Farmers in the northern provinces expect a wheat harvest a third smaller than last year after a dry "
     "spring. The agriculture ministry said it would release seed reserves and delay loan repayments.\n\n"
     "Prices at the grain exchange rose for the fourth week in a row."),
    ("City library reopens after two-year renovation",
     "The central library reopened its doors on Saturday after a renovation that took two years and doubled "
     "its reading rooms. Visitors queued from early morning to see the restored glass roof.\n\n"
     "The library will stay open until ten in the evening on weekdays."),
    ("Rail workers agree wage deal, ending strike threat",
     "Rail unions signed a two-year wage agreement late on Monday, ending the threat of a national strike. "
     "Wages will rise by six percent this year and four percent next year.\n\n"
     "The transport minister called the deal fair to workers and passengers."),
    ("Storm damages roofs across the coast",
     "A storm with gusts of up to 120 kilometres an hour tore roofs off dozens of houses along the coast "
     "overnight. Emergency services received more than four hundred calls and no one was seriously hurt.\n\n"
     "Power was restored to most homes by the afternoon."),
    ("University opens new school of engineering",
     "The state university opened a school of engineering on Friday with places for eight hundred students. "
     "The building was paid for by a regional fund and two private donors.\n\n"
     "Teaching starts in September with courses in civil, electrical and software engineering."),
    ("Museum returns looted statues to their temple",
     "The national museum handed back four bronze statues to the temple they were taken from a century ago. "
     "The statues had been bought at an auction in 1931.\n\n"
     "Monks held a ceremony to welcome them home on Sunday morning."),
    ("Hospital opens night clinic for children",
     "The regional hospital opened a night clinic for children on Wednesday, so that parents no longer have "
     "to wait in the adult emergency room. Six paediatricians will share the night shifts.\n\n"
     "The clinic is open from eight in the evening until seven in the morning."),
    ("Fishing fleet returns early as prices fall",
     "Most of the port's fishing boats came back three weeks before the end of the season because the price "
     "of cod at auction fell below what it costs to catch it. Skippers blamed cheap imports.\n\n"
     "The fishermen's association will ask the ministry for a minimum price."),
    ("Old lighthouse to become a sailing school",
     "The disused lighthouse on the northern cape will house a sailing school for young people from next "
     "summer, the regional trust announced. Volunteers have already repaired the keeper's cottage.\n\n"
     "The first courses for beginners will last two weeks."),
]
FOOTER = "The Harbour Ledger is an independent newspaper serving the coast since 1998"
MENU = "Startseite Lokales Wirtschaft Kultur Sport Wetter"  # a menu line in German above the headline
QUOTED = ("\"We will review the decision in the autumn after a public consultation with residents,\" "
          "the mayor told reporters.")


def page(n: int, *, footer: str | None = FOOTER, top: str | None = None, extra: str | None = None,
         host: str = "harbourledger.example", tail: str = "") -> RawInput:
    title, body = ARTICLES[n]
    parts = [top, title, body + tail, extra, footer]
    data = "\n\n".join(p for p in parts if p).encode()
    url = f"https://www.{host}/news/{n}-{hashlib.md5(data).hexdigest()[:6]}"
    return RawInput(url, hashlib.sha256(data).hexdigest(), data, "text/plain", url=url)  # as a JSONL record


def removed(rows, kind="site_template") -> list[tuple[str, str]]:
    return [(b["doc_id"], b["text"]) for b in rows.tables["boilerplate"] if b["kind"] == kind]


def bodies(rows) -> dict[str, str]:
    return {a["doc_id"]: a["body"] for a in rows.tables["articles"]}


def assert_accounted(rows):
    """The contract invariant, per document: every character is body or span, nothing overlaps."""
    texts = {d["doc_id"]: d["page_text"] for d in rows.tables["documents"]}
    for doc_id, text in texts.items():
        paras = [r for r in rows.tables["paragraphs"] if r["doc_id"] == doc_id]
        spans = [r for r in rows.tables["boilerplate"] if r["doc_id"] == doc_id]
        as_ranges = [type("R", (), {"start": r["start"], "end": r["end"]}) for r in paras + spans]
        assert not overlaps(as_ranges), doc_id
        assert not unaccounted(text, as_ranges, []), doc_id
        for r in spans:
            assert text[r["start"]:r["end"]] == r["text"]


# --- thresholds (pure) ---------------------------------------------------------------

def _counts(line_docs: int, outlet_docs: int, group="X", key="k") -> Counts:
    c = Counts()
    c.docs[group] = outlet_docs
    c.lines[(group, key)] = line_docs
    return c


SHORT = "Follow the Harbour Ledger"
PROSE = "Subscribe to our channel on the messenger of your choice to get the news first every morning."


@pytest.mark.parametrize("line_docs, outlet_docs, text, expected, reason", [
    (6, 6, SHORT, True, "on every page of the outlet"),
    (6, 6, "headline:" + SHORT, True, "a template line read as the headline, on every page"),
    (5, 10, "headline:Morning briefing", False, "a column's recurring headline on half the pages is a title"),
    (5, 10, SHORT, True, "exactly min_docs and half the pages"),
    (4, 4, SHORT, False, "every page, but fewer than min_docs articles: too little evidence"),
    (2, 2, SHORT, False, "two articles of one outlet quoting the same line"),
    (20, 100, SHORT, False, "20 articles but only a fifth of a large outlet's: below min_share"),
    (30, 100, SHORT, True, "at min_share"),
    (5, 10, PROSE, False, "a prose sentence needs a larger share (min_share_prose)"),
    (7, 10, PROSE, True, "a prose sentence on most pages is a template sentence"),
    (6, 0, SHORT, False, "no articles counted for the outlet: nothing to compare with"),
])
def test_template_thresholds(line_docs, outlet_docs, text, expected, reason):
    headline = text.startswith("headline:")
    text = text.removeprefix("headline:")
    candidate = Candidate("k", 0, len(text), text, headline)
    assert recurring.is_template(_counts(line_docs, outlet_docs), "X", candidate) is expected, reason
    assert recurring.is_template(_counts(line_docs, outlet_docs), "Y", candidate) is False, "counts are per outlet"


def _profile(group: str, content: str, *keys: str) -> Profile:
    return Profile(group, content, tuple(Candidate(k, 0, len(k), k) for k in keys))


@pytest.mark.parametrize("profiles, expected_docs, expected_lines, reason", [
    ([_profile("X", "a", "foot"), _profile("X", "b", "foot"), _profile("Y", "c", "foot")],
     {"X": 2, "Y": 1}, {("X", "foot"): 2, ("Y", "foot"): 1}, "each outlet counts its own articles only"),
    ([_profile("X", "a", "foot", "foot", "menu")], {"X": 1}, {("X", "foot"): 1, ("X", "menu"): 1},
     "a line twice on one page counts once"),
    ([_profile("X", "a", "foot"), _profile("X", "a", "foot", "update")], {"X": 1}, {("X", "foot"): 1},
     "a second version of one article (same longest paragraph) is not another article"),
])
def test_counting(profiles, expected_docs, expected_lines, reason):
    counts = recurring.count(profiles)
    assert dict(counts.docs) == expected_docs, reason
    assert dict(counts.lines) == expected_lines, reason


def test_lossy_counting_forgets_rare_lines_and_keeps_frequent_ones():
    counts = Counts()
    for n in range(1000):  # a big outlet: one template line, and every article's own lines
        counts = counts.merge(recurring.count([_profile("X", f"art{n}", "template", f"own{n}", f"own{n}b")], counts))
        if n % 100 == 99:
            counts.prune(recurring.load_rules().error)
    assert counts.lines[("X", "template")] == 1000
    assert len(counts.lines) < 150, "the state stays small: rare lines are forgotten"
    rows = count_rows(counts)
    assert counts_from_rows([(r["outlet"], r["doc_count"]) for r in rows["outlet_docs"]],
                            [tuple(r.values()) for r in rows["outlet_lines"]]).lines == counts.lines


# --- one batch (no Prefect) ----------------------------------------------------------

def test_footer_on_six_pages_of_one_outlet_is_removed_from_all():
    rows = build_rows([page(n) for n in range(6)], set(), RUN1)
    assert sorted(t for _, t in removed(rows)) == [FOOTER] * 6
    assert all(FOOTER not in b for b in bodies(rows).values())
    assert {r["rule"] for r in rows.tables["boilerplate"] if r["kind"] == "site_template"} == {"recurring_line"}
    assert_accounted(rows)
    frames, _ = quality.validate_batch(rows, RUN1)
    assert len(frames["articles"]) == 6 and frames["rejects"].empty


def test_a_sentence_quoted_by_two_outlets_or_two_articles_is_kept():
    items = ([page(n, extra=QUOTED) for n in range(3)]  # outlet X: 3 of its 6 pages quote the mayor
             + [page(n) for n in range(3, 6)]
             + [page(n, extra=QUOTED, footer=None, host="coastpost.example") for n in range(3)])  # outlet Y: 3 too
    rows = build_rows(items, set(), RUN1)
    assert {t for _, t in removed(rows)} == {FOOTER}, "only the footer: the quote is article text"
    assert sum(QUOTED.replace('"', "") in b.replace('"', "") for b in bodies(rows).values()) == 6
    assert_accounted(rows)


def test_versions_of_one_article_do_not_make_its_sentences_a_template():
    # six updates of one story on one outlet: same paragraphs, a different last line each time
    items = [page(0, footer=None, tail=f" Updated at {h}:00.") for h in range(10, 16)]
    rows = build_rows(items, set(), RUN1)
    assert removed(rows) == []
    assert all("evening ferry crossings" in b for b in bodies(rows).values())


def test_a_template_line_above_the_headline_is_not_taken_for_the_title():
    rows = build_rows([page(n, top=MENU) for n in range(6)], set(), RUN1)
    assert sorted(a["title"] for a in rows.tables["articles"]) == sorted(t for t, _ in ARTICLES[:6])
    # the menu goes as the site's template or, read on its own page first, as the chrome above the headline
    gone = removed(rows) + removed(rows, "page_chrome")
    assert sorted(d for d, t in gone if t == MENU) == sorted(a["doc_id"] for a in rows.tables["articles"])
    assert {t for _, t in removed(rows)} <= {MENU, FOOTER} and FOOTER in {t for _, t in removed(rows)}
    assert all(MENU not in b for b in bodies(rows).values())
    assert_accounted(rows)


SERIES = "Your morning briefing from the harbour city"


def test_a_columns_recurring_headline_stays_the_title():
    # ten articles of one outlet, five of them in the "Morning briefing" column: half the pages.
    # The column's line is never the site's template; each page's title is the column's line or,
    # where the story's own headline under it shares the lede's words and the column's line does
    # not, that headline (newsmill/metadata.py, _headline_by_lede).
    items = [page(n, top=SERIES if n < 5 else None) for n in range(10)]
    rows = build_rows(items, set(), RUN1)
    assert {t for _, t in removed(rows)} == {FOOTER}
    for a in rows.tables["articles"]:
        n = next(k for k, (_, body) in enumerate(ARTICLES) if a["body"].startswith(body[:40]) or body[:40] in a["body"])
        assert a["title"] in ((SERIES, ARTICLES[n][0]) if n < 5 else (ARTICLES[n][0],)), (n, a["title"])
    assert len(rows.tables["articles"]) == 10
    assert_accounted(rows)


def test_a_template_line_in_the_middle_of_the_article_splits_it_cleanly():
    notice = "Harbour Ledger newsroom tips are welcome on weekdays"  # (a phone number would be contact_line's)
    items = [page(n, tail=f"\n\n{notice}\n\nThe story continues after the notice: {ARTICLES[n][0].lower()}.")
             for n in range(6)]
    rows = build_rows(items, set(), RUN1)
    assert {t for _, t in removed(rows)} == {notice, FOOTER}
    assert all(notice not in b and "continues after the notice" in b for b in bodies(rows).values())
    assert_accounted(rows)


def test_html_pages_count_under_their_declared_site_name():
    items = []
    for n, (title, body) in enumerate(ARTICLES[:6]):
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        html = (f"<!doctype html><html><head><meta property='og:site_name' content='Harbour Ledger'>"
                f"<title>{title}</title></head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
                f"{paras}<p>Harbour Ledger, Kiel edition, printed and online</p></article></body></html>").encode()
        items.append(RawInput(f"h{n}.html", hashlib.sha256(html).hexdigest(), html, "text/html"))  # no URL
    rows = build_rows(items, set(), RUN1)
    assert removed(rows) and {t for _, t in removed(rows)} == {"Harbour Ledger, Kiel edition, printed and online"}
    assert rows.counts["outlet_docs"] == [{"outlet": "Harbour Ledger", "doc_count": 6}]
    assert_accounted(rows)


# --- across batches and runs (process_batch + load, no Prefect) ------------------------

def _load(store: Warehouse, items, run_id: str, batch_no: int = 0):
    process_batch.fn(items, batch_no, run_id, str(store.root), set())


def test_a_later_run_learns_the_template_from_persisted_counts_and_reprocess_cleans_the_old_pages(tmp_path):
    store = Warehouse(tmp_path)
    store.ensure_schema()
    _load(store, [page(n) for n in range(4)], RUN1)  # 4 pages: below min_docs, nothing learned yet
    store.load(RUN1)
    q = lambda sql: store.query(sql)[1]  # noqa: E731
    assert q("select count(*) from boilerplate where kind = 'site_template'") == [(0,)]
    assert q("select doc_count from outlet_docs") == [(4,)]
    assert q(f"select doc_count from outlet_lines where text = '{FOOTER}'") == [(4,)]

    _load(store, [page(n) for n in range(4, 6)], RUN2)  # 2 more: 6 with what run 1 saw
    store.load(RUN2)
    assert q("select count(*), min(text) from boilerplate where kind = 'site_template'") == [(2, FOOTER)]
    assert q("select doc_count from outlet_docs") == [(6,)]

    summary = reprocess_in_place(str(store.root))  # the old pages get what was learned since
    assert (summary.documents, summary.loaded) == (6, 6)
    assert q("select count(*) from boilerplate where kind = 'site_template'") == [(6,)]
    assert q("select count(*) from articles where body like '%independent newspaper%'") == [(0,)]
    assert q("select doc_count from outlet_docs") == [(6,)], "reprocess does not count documents again"

    store.export_parquet()  # the counts are not in Parquet: a rebuild from it learns them again
    reprocess_from_parquet(str(store.root))
    assert q("select count(*) from boilerplate where kind = 'site_template'") == [(6,)]
    assert q("select doc_count from outlet_docs") == [(6,)]
    assert q(f"select doc_count from outlet_lines where text = '{FOOTER}'") == [(6,)]


def test_a_later_batch_of_the_same_run_learns_from_the_staged_counts(tmp_path):
    store = Warehouse(tmp_path)
    store.ensure_schema()
    _load(store, [page(n) for n in range(3)], RUN1, batch_no=0)
    _load(store, [page(n) for n in range(3, 6)], RUN1, batch_no=LEARNING_LAG)  # the first batch to see batch 0
    store.load(RUN1)
    assert store.query("select count(*) from boilerplate where kind = 'site_template'")[1] == [(3,)]
    assert store.query("select doc_count from outlet_docs")[1] == [(6,)]


@pytest.mark.parametrize("in_flight, learned", [
    # up to LEARNING_LAG (3) in flight, batch 4 sees batches 0 and 1 (2 and 3 may still be running):
    # 1 + 3 + its own 3 pages reach min_docs (5), and its 3 pages lose the footer
    (1, 3), (2, 3), (3, 3),
    (4, 0),  # batch 4 sees batch 0 only (batch 1 may still be running): 1 + 3 pages, too few to learn
    (5, 0),  # batch 4 sees no earlier batch
], ids=["serial", "two-in-flight", "three-in-flight", "four-in-flight", "five-in-flight"])
def test_a_batch_learns_only_from_batches_finished_whatever_the_timing(tmp_path, in_flight, learned):
    """With `in_flight` batches running at once, batch N learns from batches below
    N - max(LEARNING_LAG, in_flight) + 1, which are finished whichever finished first: the same
    inputs give the same tables every time, and the same serially as on a pool of 2 workers.
    Every batch is staged before batch 4 runs, as if batches 1-3 had finished early."""
    store = Warehouse(tmp_path)
    store.ensure_schema()
    _load(store, [page(0)], RUN1, batch_no=0)
    _load(store, [page(n) for n in range(1, 4)], RUN1, batch_no=1)
    _load(store, [page(7)], RUN1, batch_no=3)  # too late for batch 4 to see under any runner
    process_batch.fn([page(n) for n in range(4, 7)], 4, RUN1, str(store.root), set(), in_flight)
    store.load(RUN1)
    site = "select count(*) from boilerplate where kind = 'site_template'"
    assert store.query(site)[1] == [(learned,)]
    assert store.query("select doc_count from outlet_docs")[1] == [(8,)]


# --- end to end (one real flow run) ----------------------------------------------------

@pytest.mark.e2e
def test_flow_learns_a_template_and_a_rerun_changes_no_counts(tmp_path, prefect_harness):
    import json

    from flows.pipeline import newsmill_run

    records = [page(n) for n in range(10)] + [page(6, footer=None, host="coastpost.example")]
    inputs = tmp_path / "feed.jsonl"
    inputs.write_text("".join(json.dumps({"url": r.url, "text": r.data.decode()}) + "\n" for r in records))
    warehouse = tmp_path / "warehouse"
    summary = newsmill_run([str(inputs)], str(warehouse), batch_size=2)
    assert (summary.docs_loaded, summary.docs_rejected) == (11, 0)
    store = Warehouse(warehouse)
    q = lambda sql: store.query(sql)[1]  # noqa: E731
    # batches of 2 pages; batch 3 sees batch 0 only (2 + 2 pages, too few), batch 4 (pages 8, 9)
    # adds its 2 to batches 0 and 1's staged counts: 6 pages, so its 2 pages lose the footer
    assert q("select count(*), min(text), min(rule) from boilerplate where kind = 'site_template'") == [
        (2, FOOTER, "recurring_line")]
    assert q("select outlet, doc_count from outlet_docs order by outlet") == [
        ("host:coastpost.example", 1), ("host:harbourledger.example", 10)]
    assert not (warehouse / "parquet" / "outlet_lines").exists()  # internal state is not mirrored
    before = q("select * from outlet_lines order by all")
    newsmill_run([str(inputs)], str(warehouse))
    assert q("select * from outlet_lines order by all") == before
    assert q("select count(*) from boilerplate where kind = 'site_template'") == [(2,)]
    reprocess_in_place(str(warehouse))  # the earlier pages get the template learned after them
    assert q("select count(*) from boilerplate where kind = 'site_template'") == [(10,)]
    assert q("select * from outlet_lines order by all") == before
