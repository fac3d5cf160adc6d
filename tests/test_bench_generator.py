"""bench/generate_corpus.py: same seed, same bytes; the requested count and mix."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import pytest

from flows.sources import discover, read_inputs

ROOT = Path(__file__).resolve().parent.parent
DOCS = 120


# bench/ is a folder of scripts, not a package; on sys.path so that worker processes
# (spawned by generate(jobs=2)) can import the module too.
sys.path.insert(0, str(ROOT / "bench"))
import generate_corpus as gen  # noqa: E402


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("bench") / "corpus"
    return root, gen.generate(DOCS, root, seed=11)


def test_same_seed_same_bytes_whatever_the_job_count(corpus, tmp_path):
    root, _ = corpus
    again = tmp_path / "again"
    gen.generate(DOCS, again, seed=11, jobs=2)  # reason: parallel rendering must not change the output
    assert tree_digest(again) == tree_digest(root)


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    root, _ = corpus
    other = tmp_path / "other"
    gen.generate(DOCS, other, seed=12)  # reason: the seed must actually drive the content
    assert tree_digest(other) != tree_digest(root)


def test_newsmill_reads_exactly_the_requested_number_of_documents(corpus):
    root, manifest = corpus
    items = list(read_inputs(discover([str(root)])))
    assert len(items) == DOCS == manifest["counts"]["documents"]
    assert all(getattr(i, "check", None) is None for i in items)  # reason: no read failures: every input is a document
    distinct = {i.doc_id for i in items}
    assert len(items) - len(distinct) == manifest["counts"]["duplicates"] > 0  # reason: ~3 % exact copies


def test_the_mix_has_every_container_and_kind(corpus):
    root, manifest = corpus
    c = manifest["counts"]
    # reason per entry: each container type newsmill reads must be exercised by the benchmark
    assert c["plain_files"] > 0 and c["html_files"] > 0 and c["jsonl_records"] > 0
    files = c["plain_files"] + c["html_files"] + c["gz_text_files"] + c["duplicates"]
    assert c["jsonl_records"] + files == DOCS
    assert 0.05 <= c["html_files"] / DOCS <= 0.30  # reason: ~15 % HTML pages
    assert set(manifest["languages"]) == {"en", "ru"}
    assert any(p.name.endswith(".jsonl.gz") for p in root.rglob("*")) or c["jsonl_gz_files"] == 0
    assert len({p.parent for p in root.rglob("*.txt")}) > 5  # reason: spread over subfolders


def test_pages_carry_boilerplate_and_realistic_sizes(corpus):
    root, _ = corpus
    texts = [p.read_text("utf-8") for p in root.rglob("*.txt") if "mirror" not in p.parts]
    sizes = sorted(len(t.encode()) for t in texts)
    assert 2_000 <= sizes[len(sizes) // 2] <= 10_000  # reason: a median page is a few KB
    assert sizes[-1] < 60_000
    joined = "\n".join(texts)
    # reason: the junk newsmill must label is present in its several shapes
    for marker in ("»", "Views:", "©", "Calendar", "Share"):
        assert marker in joined, marker


def test_jsonl_records_are_valid_with_text_or_html(corpus):
    root, _ = corpus
    for path in root.rglob("*.jsonl*"):
        raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
        for line in raw.splitlines():
            record = json.loads(line)
            assert record["url"].startswith("https://") and ("text" in record or "html" in record)
