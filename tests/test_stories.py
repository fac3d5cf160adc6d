"""Story clustering: the rule (pure) and incremental assignment across runs (flow step, no Prefect)."""

import random
from datetime import date, timedelta

import duckdb
import pytest

from flows.stories import assign_stories
from flows.tasks import process_batch
from flows.warehouse import Warehouse
from newsmill.stories import day_number, signature, story_id_for
from tests.conftest import raw_input, seed_text
from tests.story_oracle import StoryDoc, assign_in_order, oracle

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
    a, b = assign_in_order([first, second])
    assert a == story_id_for(first.doc_id)
    assert (a == b) is same, reason
    assert [a, b] == oracle([first, second]), "the sequential reference index agrees"


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
    actors = ["person-1", "person-2", "org-1", "country-1"]
    docs = [doc(f"{i:064x}", OTHER + str(i), date(2023, 1, 1 + i % 28), [f"person-x{i}", "org-9"]) for i in range(300)]
    first = doc("a" * 64, BODY, date(2024, 5, 1), actors)
    twin = doc("b" * 64, BODY.upper(), date(2024, 5, 1), actors)
    late = doc("c" * 64, OTHER + " late", date(2024, 5, 2), actors)
    stories = assign_in_order(docs + [first, twin, late])
    assert stories[-1] == stories[-2] == stories[-3] == story_id_for(first.doc_id)


WORDS = ("minister railway port border talks cotton harvest prices market treaty delegation summit "
         "pipeline energy corridor investment visit agreement bank loan election parliament court").split()


def generated_corpus(seed: int, n: int) -> list[StoryDoc]:
    """Families of re-posts (small edits) and unrelated articles over a few weeks, some undated,
    with entities from a small pool so that rewrites and ties happen."""
    rng = random.Random(seed)
    bases = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 80))) for _ in range(n // 4)]
    pool = [f"person-{i}" for i in range(6)] + [f"org-{i}" for i in range(3)] + [f"country-{i}" for i in range(5)]
    docs = []
    for i in range(n):
        words = rng.choice(bases).split()
        for _ in range(rng.choice((0, 0, 1, 3, 12))):  # a few edits: still a near-duplicate, or not
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        when = None if rng.random() < 0.2 else date(2024, 5, 1) + timedelta(days=rng.randint(0, 20))
        entities = rng.sample(pool, rng.randint(0, 7))
        docs.append(doc(f"{rng.getrandbits(64):016x}{i:048x}", " ".join(words), when, entities))
    return docs


@pytest.mark.parametrize("seed, known", [(1, 0), (2, 0), (3, 40), (4, 120)])
def test_column_wise_clustering_assigns_exactly_what_the_sequential_index_did(seed, known):
    """Earlier articles (with their stories) first, then new ones in publication order: same stories."""
    docs = generated_corpus(seed, 240)
    clustered = sorted(docs[:known], key=lambda d: (day_number(d.published), d.doc_id))
    for d, story in zip(clustered, oracle(clustered)):
        d.story_id = story
    new = sorted(docs[known:], key=lambda d: (day_number(d.published), d.doc_id))
    expected = oracle(clustered + new, known)
    got = assign_in_order(clustered + new, known)
    assert got == expected
    assert len(set(got)) < len(got) - 20, "the corpus exercises joins (near-duplicates and rewrites)"


def test_a_large_group_of_identical_texts_is_compared_in_bounded_chunks(monkeypatch):
    """Thousands of copies of one short text form one LSH group; pairs are built chunk by chunk."""
    import newsmill.stories as stories

    monkeypatch.setattr(stories, "PAIR_CHUNK", 7)
    docs = [doc(f"{i:064x}", "Subscribe to read the full story" if i % 3 else BODY + str(i % 5),
                date(2024, 5, 1 + i % 9) if i % 4 else None) for i in range(150)]
    docs.sort(key=lambda d: (day_number(d.published), d.doc_id))
    assert assign_in_order(docs) == oracle(docs)


@pytest.mark.parametrize("body, reason", [
    (BODY, "an ordinary body: hundreds of shingles"),
    ("Short text", "fewer words than a shingle: one shingle of all the words"),
    ("", "no words at all: the signature of the empty set"),
    ("Қазақстан мен Әзербайжан теміржол желісін салу туралы келісімге қол қойды. " * 4, "non-ASCII words"),
    (" ".join(random.Random(7).choice(["alpha", "beta", "gamma", "delta"]) for _ in range(400)),
     "many repeated shingles"),
])
def test_signature_is_datasketchs_minhash(body, reason):
    """The NumPy signature equals datasketch's MinHash fed the documented shingle hash, computed
    here independently in plain Python (integers, one shingle at a time)."""
    import re
    import zlib

    from datasketch import MinHash

    from newsmill.stories import PERMUTATIONS, load_settings

    mask = (1 << 64) - 1

    def fmix64(h: int) -> int:
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & mask
        h ^= h >> 33
        h = (h * 0xC4CEB9FE1A85EC53) & mask
        return h ^ (h >> 33)

    def shingle_hash(words: tuple[str, ...]) -> int:
        acc = 0
        for word in words:
            acc = (acc * 0x9E3779B97F4A7C15 + fmix64(zlib.crc32(word.encode("utf-8")))) & mask
        return fmix64(acc) >> 32

    settings = load_settings()
    words = re.findall(r"\w+", body.lower())
    k = min(settings.shingle_words, len(words))
    windows = {tuple(words[i:i + k]) for i in range(len(words) - k + 1)} if words else set()
    reference = MinHash(num_perm=settings.num_perm, scheme=PERMUTATIONS, hashfunc=shingle_hash)
    reference.update_batch(list(windows))
    assert signature(body).dtype == "uint32", reason
    assert signature(body).tolist() == reference.hashvalues.astype("uint32").tolist(), reason


def test_signature_estimates_jaccard_without_bias():
    """Agreement of two signatures estimates the Jaccard similarity of the shingle sets: over
    pairs of bodies with a share of words replaced, the mean error is near zero."""
    from newsmill.stories import load_settings

    k = load_settings().shingle_words
    rnd = random.Random(3)
    vocabulary = [f"w{i}" for i in range(3000)]
    errors = []
    for _ in range(120):
        words = [rnd.choice(vocabulary) for _ in range(rnd.randint(150, 900))]
        edited = [rnd.choice(vocabulary) if rnd.random() < 0.06 else w for w in words]
        sa = {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}
        sb = {tuple(edited[i:i + k]) for i in range(len(edited) - k + 1)}
        exact = len(sa & sb) / len(sa | sb)
        errors.append(float((signature(" ".join(words)) == signature(" ".join(edited))).mean()) - exact)
    assert abs(sum(errors) / len(errors)) < 0.02  # 128 permutations: one estimate errs by ~0.04


def test_stories_from_staged_inputs_equal_stories_signed_in_the_story_step(tmp_path):
    """Batches stage signatures and entity ids; reprocess and replay stage none and the story
    step signs the bodies itself. Both ways must give the same stories and signatures."""
    import shutil

    import pandas as pd

    run_id = "20260101T000000Z-cccccc"
    repost = seed_text("000").replace("Azernews reports", "Trend reports")
    items = [raw_input(seed_text(p), f"{p}.txt") for p in ("000", "001", "002", "004")] + [raw_input(repost, "r.txt")]
    Warehouse(tmp_path / "a").ensure_schema()
    process_batch.fn(items, 0, run_id, str(tmp_path / "a"), set())
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    inputs = tmp_path / "b" / ".staging" / run_id / "story_inputs"
    assert len(list(inputs.glob("*.parquet"))) == 1
    shutil.rmtree(inputs)
    staged = {}
    for name in ("a", "b"):
        store = Warehouse(tmp_path / name)
        assert assign_stories(store, run_id) == 5
        run = tmp_path / name / ".staging" / run_id
        staged[name] = [pd.read_parquet(run / table).sort_values(key).reset_index(drop=True)
                        for table, key in (("articles", "doc_id"), ("story_signatures", "doc_id"), ("stories", "story_id"))]
    for a, b in zip(staged["a"], staged["b"]):
        pd.testing.assert_frame_equal(a, b)
    assert staged["a"][1]["entity_ids"].map(len).sum() > 0  # entity ids travelled with the signatures
    assert staged["a"][0]["story_id"].nunique() == 3  # the repost and 004 joined earlier stories


def test_signatures_of_an_older_scheme_are_signed_again_when_a_run_needs_them(tmp_path):
    """A warehouse from before minhash_scheme: its table lacks the column and its signatures
    were SHA-1 ones. The migration tags them 'affine32'; the next run compares a re-post with
    those in its date window only after signing them again from their bodies, and stores them
    re-signed; the others wait for a run that needs them."""
    from newsmill.stories import LEGACY_SCHEME, SCHEME

    run_once(tmp_path, "20260101T000000Z-aaaaaa", [raw_input(seed_text(p), f"{p}.txt") for p in ("000", "001")])
    db = str(tmp_path / "newsmill.duckdb")
    with duckdb.connect(db) as con:  # back to the old layout, with signatures no current run would compute
        con.execute("create table old as select doc_id, story_id, published_date, minhash, entity_ids from story_signatures")
        con.execute("drop table story_signatures")
        con.execute("create table story_signatures (doc_id varchar primary key, story_id varchar not null, "
                    "published_date date, minhash blob not null, entity_ids varchar[] not null)")
        con.execute("insert into story_signatures select doc_id, story_id, published_date, "
                    "repeat('\\x00'::blob, 1024), entity_ids from old")  # all-zero values: nothing would match
        con.execute("drop table old")
    Warehouse(tmp_path).ensure_schema()
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select distinct minhash_scheme from story_signatures").fetchall() == [(LEGACY_SCHEME,)]

    repost = seed_text("000").replace("Azernews reports", "Trend reports")  # near-duplicate of 000
    run_once(tmp_path, "20260102T000000Z-bbbbbb", [raw_input(repost, "repost.txt")])
    with duckdb.connect(db, read_only=True) as con:
        stories = con.execute("select count(distinct story_id), count(*) from articles").fetchone()
        stored = con.execute("select s.minhash_scheme, a.body, s.minhash, s.published_date "
                             "from story_signatures s join articles a using (doc_id)").fetchall()
    assert stories == (2, 3)  # the re-post joined 000's story: it was compared with a valid signature
    current = [(body, bytes(m)) for scheme, body, m, _ in stored if scheme == SCHEME]
    assert len(current) == 2 and all(m == signature(body).astype("<u8").tobytes() for body, m in current)
    older = [(bytes(m), day) for scheme, _, m, day in stored if scheme != SCHEME]
    assert older and all(m == bytes(1024) for m, _ in older)  # outside the window: left as they were
    signed_days = [day for scheme, _, _, day in stored if scheme == SCHEME]
    assert all(abs((day - d).days) > 7 for _, day in older for d in signed_days)


def test_an_older_signature_whose_body_is_gone_is_left_out_not_guessed(tmp_path):
    """A stale row that cannot be signed again (its article row is missing) is not compared:
    the re-post founds its own story instead of matching unusable values, and the row is kept."""
    from newsmill.stories import LEGACY_SCHEME

    run_once(tmp_path, "20260101T000000Z-aaaaaa", [raw_input(seed_text("000"), "000.txt")])
    db = str(tmp_path / "newsmill.duckdb")
    with duckdb.connect(db) as con:
        con.execute("update story_signatures set minhash_scheme = ?", [LEGACY_SCHEME])
        con.execute("delete from articles")
    repost = seed_text("000").replace("Azernews reports", "Trend reports")
    run_once(tmp_path, "20260102T000000Z-bbbbbb", [raw_input(repost, "repost.txt")])
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("select story_id, minhash_scheme from story_signatures order by minhash_scheme").fetchall()
    assert len(rows) == 2 and rows[0][0] != rows[1][0]  # two stories: nothing matched the unsigned row
    assert rows[0][1] == LEGACY_SCHEME                      # the stale row stays as it was
