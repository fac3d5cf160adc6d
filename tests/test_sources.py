"""Discovering inputs and streaming them as raw documents or read failures."""

import gzip
import hashlib
import json

import pytest

from flows.sources import RawInput, ReadFailure, SourceError, discover, ensure_writable, read_inputs


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Article A.\n")
    (tmp_path / "in" / "sub" / "b page.HTML").write_text("<p>Article B.</p>")
    (tmp_path / "in" / "c.txt.gz").write_bytes(gzip.compress(b"Article C.\n"))
    (tmp_path / "in" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "in" / ".hidden.txt").write_text("editor swap file")
    return tmp_path


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_unknown(tree):
    files = discover(["in"])
    assert [f.source_uri for f in files] == ["in/a.txt", "in/c.txt.gz", "in/sub/b page.HTML"]
    assert [f.kind for f in files] == ["text/plain", "text/plain", "text/html"]


def test_glob_and_explicit_unknown_file(tree):
    assert [f.source_uri for f in discover(["in/*.txt"])] == ["in/a.txt"]
    (item,) = read_inputs(discover(["in/notes.docx"]))
    assert isinstance(item, ReadFailure) and item.check == "unsupported_type" and item.doc_id is None


def test_discovered_files_are_compact(tree):
    """A run holds one InputFile per input until it reads it (100k files): no per-object dict,
    and the location, URI and real path share one string when they are the same text."""
    for f in discover([str(tree / "in")]):
        assert not hasattr(f, "__dict__")
        assert f.real == f.location and f.real is f.location  # an absolute, link-free location is its real path
        assert f.path.name == f.location.rsplit("/", 1)[1]
    (relative,) = discover(["in/a.txt"])
    assert relative.source_uri == relative.location == "in/a.txt" and relative.source_uri is relative.location


@pytest.mark.parametrize("root, cwd", [(".", "in"), ("in", "."), ("in/", "."), ("./in", "."), ("ABS", "in/sub")])
def test_walked_locations_are_spelled_as_paths_would_be(tree, monkeypatch, root, cwd):
    """The walk builds paths as strings (speed); they read as pathlib spells them: no './' prefix,
    no doubled separator, whatever the root's spelling or the working directory."""
    from pathlib import Path

    from flows.sources import kind_of, kind_of_name

    root = str(tree / "in") if root == "ABS" else root
    monkeypatch.chdir(tree / cwd)
    files = discover([root])
    assert len(files) == 3
    for f in files:
        assert f.location == str(Path(f.location))
        assert f.real == str((Path.cwd() / f.location).resolve())
        assert f.kind == kind_of(Path(f.location))
    for name in ["a.txt", "A.TXT.GZ", "x.tar.gz", "name.", "..txt", ".txt", "a..html", "noext", "j.JSONL.gz", "gz", ".gz"]:
        assert kind_of_name(name) == kind_of(Path(name)) == kind_of(Path("some/folder") / name), name


def test_missing_source_is_a_clear_error(tree):
    with pytest.raises(SourceError, match="source not found: nope/"):
        discover(["nope/"])


def test_same_file_named_twice_is_read_once(tree):
    assert len(discover(["in/a.txt", "in", "./in/a.txt"])) == 3  # a.txt, c.txt.gz, b page.HTML


def test_doc_id_is_sha256_of_raw_bytes(tree):
    items = list(read_inputs(discover(["in"])))
    raw = (tree / "in" / "c.txt.gz").read_bytes()
    gz = next(i for i in items if i.source_uri.endswith(".gz"))
    assert isinstance(gz, RawInput) and gz.doc_id == hashlib.sha256(raw).hexdigest()


def test_jsonl_records_bad_lines_and_truncated_gzip(tree):
    lines = [
        json.dumps({"text": "Plain record.", "url": "https://azernews.az/a/1", "fetched_at": "2024-03-10T10:00:00Z"}),
        "{not json",
        json.dumps({"html": "<p>HTML record.</p>"}),
        json.dumps({"title": "no body"}),
        json.dumps([1, 2]),
    ]
    (tree / "in" / "feed.jsonl").write_text("\n".join(lines) + "\n\n")
    items = list(read_inputs(discover(["in/feed.jsonl"])))
    assert [type(i).__name__ for i in items] == ["RawInput", "ReadFailure", "RawInput", "ReadFailure", "ReadFailure"]
    assert items[0].source_uri == "https://azernews.az/a/1" and items[0].fetched_at == "2024-03-10T10:00:00Z"
    assert items[1].check == "bad_json" and items[1].source_uri == "in/feed.jsonl#L2" and items[1].doc_id
    assert items[2].content_type == "text/html"
    assert items[3].check == "missing_field"

    packed = gzip.compress(("\n".join(lines[:1] * 200) + "\n").encode())
    (tree / "in" / "cut.jsonl.gz").write_bytes(packed[: len(packed) - 20])
    items = list(read_inputs(discover(["in/cut.jsonl.gz"])))
    assert isinstance(items[-1], ReadFailure) and items[-1].check == "bad_gzip"


def test_unwritable_warehouse(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SourceError, match="not writable"):
        ensure_writable(blocker / "warehouse")
