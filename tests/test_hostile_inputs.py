"""Each kind of hostile input is rejected with its own check and a reason, and the batch goes on.

The per-batch path without Prefect: discover → read_inputs → build_rows → validate_batch.
"""

from __future__ import annotations

import errno
import gzip
import os
from collections import Counter

import pytest

from flows import quality
from flows.batch import build_rows
from flows.sources import RawInput, ReadFailure, discover, max_file_bytes, parse_size, read_inputs
from tests import hostile

RUN = "20260101T000000Z-hostil"


def run_batch(sources, max_bytes=None):
    items = list(read_inputs(discover(sources), max_bytes))
    rows = build_rows(items, set(), RUN)
    frames, _ = quality.validate_batch(rows, RUN)
    return items, frames


@pytest.fixture
def hostile_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = hostile.make_tree(tmp_path / "in")
    return tmp_path, expected


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    """One batch over the whole hostile folder, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("hostile")
    expected = hostile.make_tree(root / "in")
    here = os.getcwd()
    os.chdir(root)
    try:
        items, frames = run_batch(["in"], max_bytes=hostile.BIG[1])
    finally:
        os.chdir(here)
    checks = {r["source_uri"].removeprefix("in/"): r["check"] for r in frames["rejects"].to_dict("records")}
    return expected, items, frames, checks


@pytest.mark.parametrize("name, check", [
    pytest.param("empty.txt", "empty_input", id="zero bytes"),
    pytest.param("whitespace.txt", "empty_input", id="only whitespace and line ends"),
    pytest.param("empty.jsonl", "empty_input", id="a JSONL file with no records is still accounted for"),
    pytest.param("image.txt", "binary_input", id="binary with NUL bytes named .txt"),
    pytest.param("controls only.txt", "binary_input", id="nothing but control characters"),
    pytest.param("big.txt", "too_large", id="over the configured size limit"),
    pytest.param("cut.txt.gz", "bad_gzip", id="truncated .txt.gz"),
    pytest.param("cut.jsonl.gz", "bad_gzip", id="truncated .jsonl.gz: good lines before the cut still load"),
    pytest.param("not gzip.jsonl.gz", "bad_gzip", id="a .jsonl.gz that is not gzip"),
    pytest.param("feed.jsonl#L2", "bad_json", id="a JSONL line that is not JSON, with its line number"),
    pytest.param("feed.jsonl#L3", "missing_field", id="a JSONL object without text or html"),
    pytest.param("feed.jsonl#L6", "bad_json", id="a JSONL line that is JSON but not an object"),
    pytest.param("broken.txt", "broken_symlink", id="symlink to nothing"),
    pytest.param("loop-a.txt", "symlink_loop", id="two symlinks pointing at each other"),
    pytest.param("sub/back-up", "symlink_loop", id="folder symlink to its own ancestor"),
    pytest.param("pipe.txt", "not_regular_file", id="a FIFO named .txt is never opened (it would block)"),
    pytest.param("menu.txt", "empty_body", id="a menu: labelled as one, no text is left"),
    pytest.param("labels.txt", "not_article", id="short labels: no paragraph reads as prose"),
    pytest.param("error page.html", "not_article", id="a 404 page"),
    pytest.param("listing.html", "not_article", id="an index page: every paragraph is a link"),
])
def test_each_hostile_input_has_its_check_and_reason(outcome, name, check):
    _, _, frames, checks = outcome
    assert checks.get(name) == check
    row = next(r for r in frames["rejects"].to_dict("records") if r["source_uri"] == f"in/{name}")
    assert row["reason"] and row["scope"] == "document"


def test_every_location_is_a_source_and_each_document_is_in_exactly_one_place(outcome):
    expected, items, frames, checks = outcome
    sources = set(frames["sources"]["source_uri"])
    for name in expected:
        assert f"in/{name}" in sources or name.startswith("feed.jsonl"), name
    assert "https://example.org/a/1" in sources  # a JSONL record's own url is its location
    assert {k for k, v in expected.items() if v} == set(checks)  # nothing else was rejected
    articles = set(frames["articles"]["doc_id"])
    doc_rejects = set(frames["rejects"].query("scope == 'document'")["doc_id"].dropna())
    assert not articles & doc_rejects
    assert set(frames["documents"]["doc_id"]) == articles | doc_rejects
    assert len(items) == len(frames["sources"])


def test_loads_legacy_encodings_utf16_gzip_and_good_jsonl_lines(outcome):
    _, items, frames, _ = outcome
    docs = frames["documents"].set_index("doc_id")
    uri_of = {i.doc_id: i.source_uri for i in items if isinstance(i, RawInput)}
    loaded = {uri_of[d].removeprefix("in/"): docs.at[d, "encoding"] for d in frames["articles"]["doc_id"]
              if "cut.jsonl.gz#" not in uri_of[d]}  # the lines before the cut (tested below)
    assert loaded == {
        "plain article.txt": "utf-8", "it's \"quoted\".txt": "utf-8", "новости файл.txt": "cp1251",
        "new\nline.txt": "cp1252", "latin1.txt": "cp1252", "utf16.txt": "utf-16", "article.txt.gz": "utf-8",
        "scripted.html": "utf-8", "https://example.org/a/1": "utf-8", "feed.jsonl#L5": "utf-8",
    }
    texts = "\n".join(docs["page_text"].dropna())
    assert "Паром на Каспии" in texts and "L’autorité portuaire" in texts and "Die Größe der Flotte" in texts


def test_scripts_styles_and_event_handlers_never_reach_text(outcome):
    _, _, frames, _ = outcome
    text = "\n".join([*frames["documents"]["page_text"].dropna(), *frames["paragraphs"]["text"],
                      *frames["articles"]["title"]])
    assert "first freight train" in text
    assert "MARKER" not in text and "color:red" not in text


def test_truncated_jsonl_gz_keeps_the_lines_before_the_cut(outcome):
    _, items, _, _ = outcome
    from_cut = [i for i in items if i.source_uri.startswith("in/cut.jsonl.gz")]
    assert isinstance(from_cut[-1], ReadFailure) and "after line" in from_cut[-1].reason
    assert any(isinstance(i, RawInput) for i in from_cut[:-1])


def test_unreadable_file_is_a_reject(hostile_dir, monkeypatch):
    """chmod 000 when not root; as root (who reads anything) the open is made to fail the same way."""
    tmp, _ = hostile_dir
    target = tmp / "in" / "plain article.txt"
    target.chmod(0)
    if os.geteuid() == 0:
        real_open = open

        def denied(path, *args, **kwargs):
            if os.fspath(path) == os.fspath(target):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr("builtins.open", denied)
    try:
        (item,) = read_inputs(discover([str(target)]))
    finally:
        target.chmod(0o644)
    assert isinstance(item, ReadFailure) and item.check == "unreadable" and item.doc_id is None
    assert "Permission denied" in item.reason


def test_unlistable_folder_is_a_reject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "ok.txt").write_text(hostile.ARTICLE)
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr("flows.sources.os.scandir", scandir)
    files = discover(["in"])
    assert [(f.source_uri, f.problem and f.problem[0]) for f in files] == [("in/locked", "unreadable"), ("in/ok.txt", None)]


def test_size_limit_is_checked_from_the_size_without_reading(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    (item,) = read_inputs(discover(["big.txt"]), max_bytes=1024)
    assert item.check == "too_large" and "3,221,225,472 bytes" in item.reason
    monkeypatch.setenv("NEWSMILL_MAX_FILE_BYTES", "4G")
    assert max_file_bytes() == 4 * 1024**3
    assert max_file_bytes(10) == 10  # the flag wins over the environment


@pytest.mark.parametrize("text, size", [("1048576", 1048576), ("50M", 50 * 1024**2), ("200kb", 200 * 1024),
                                         (" 2 G ", 2 * 1024**3)])
def test_parse_size(text, size):
    assert parse_size(text) == size


def test_bad_size_in_environment_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("NEWSMILL_MAX_FILE_BYTES", "lots")
    with pytest.raises(ValueError, match="NEWSMILL_MAX_FILE_BYTES"):
        max_file_bytes()


def test_non_utf8_file_name_and_lone_surrogates_are_stored_safely(tmp_path, monkeypatch):
    """A file name with bytes that are not UTF-8, and a JSON "\\ud800", must not break Parquet writes."""
    monkeypatch.chdir(tmp_path)
    os.mkdir(b"in")
    with open(b"in/caf\xe9.txt", "wb") as handle:
        handle.write(hostile.ARTICLE.encode())
    with open(b"in/s.jsonl", "wb") as handle:
        handle.write(b'{"text": "' + hostile.ARTICLE.replace("\n", "\\n").encode() + b' \\ud800", "url": "x\\udfff"}\n')
    items, frames = run_batch(["in"])
    assert sorted(frames["sources"]["source_uri"]) == ["in/caf\\xe9.txt", "x\ufffd"]
    assert len(frames["articles"]) == 2
    for df in frames.values():
        df.to_parquet(tmp_path / "probe.parquet")  # raises on unencodable text


def test_gzip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (70 * 1024 * 1024)))
    _, frames = run_batch(["bomb.txt.gz"])
    assert list(frames["rejects"]["check"]) == ["too_large"]


def test_summary_histogram_counts_each_check():
    from flows.pipeline import RunSummary

    summary = RunSummary("r", "wh", reject_checks=Counter({"bad_json": 2, "empty_input": 5, "too_large": 2}))
    assert summary.histogram() == ["  empty_input  5", "  bad_json     2", "  too_large    2"]
