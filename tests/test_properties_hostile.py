"""Properties: whatever bytes arrive, the batch path never raises and loses nothing.

Entry point: flows.batch.build_rows + flows.quality.validate_batch (the per-batch
work of the flow without Prefect), fed directly and through real files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flows import quality
from flows.accounting import lost_inputs
from flows.batch import build_rows
from flows.sources import discover, read_inputs
from tests.conftest import SEEDS, raw_input

RUN = "20260101T000000Z-proper"
SEED_BYTES = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
CONTENT_TYPES = st.sampled_from(["text/plain", "text/html"])
WRAPPER = b"<html><body><script>x='SCRIPT'</script><p onclick='HANDLER'>"
PROFILE = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(items):
    rows = build_rows(items, set(), RUN)
    frames, _ = quality.validate_batch(rows, RUN)
    assert lost_inputs(items, frames) == []
    return frames


@st.composite
def mutated_seed(draw) -> bytes:
    """A seed after a few scraper-like accidents: cuts, junk bytes, re-encoding, gzip, markup."""
    data = draw(st.sampled_from(SEED_BYTES))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "insert", "flip", "delete", "encode", "gzip", "html", "entities"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
        elif op == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 500)):]
        elif op == "encode":
            enc = draw(st.sampled_from(["utf-16", "utf-32", "cp1251", "cp1252", "latin-1"]))
            data = data.decode("utf-8", "replace").encode(enc, "replace")
        elif op == "gzip":
            packed = gzip.compress(data)
            data = packed[: draw(st.integers(0, len(packed)))]
        elif op == "html":
            data = WRAPPER + data + b"</p>"
        elif op == "entities":
            data = data.replace(b"a", b"&amp;", draw(st.integers(0, 5)))
    return data


@PROFILE
@given(st.lists(st.tuples(st.binary(max_size=600), CONTENT_TYPES), min_size=1, max_size=4))
def test_arbitrary_bytes_never_raise_and_are_accounted_for(docs):
    run([raw_input(data, f"in/{i}.bin", ct) for i, (data, ct) in enumerate(docs)])


@settings(PROFILE, max_examples=15)  # whole seeds are slower to process than short byte strings
@example([(WRAPPER + SEED_BYTES[0] + b"</p>", "text/html")])  # the check below always runs at least once
@example([(WRAPPER.replace(b"<body>", b"<body?") + SEED_BYTES[0] + b"</p>", "text/html")])  # a flipped '>': visible text
@given(st.lists(st.tuples(mutated_seed(), CONTENT_TYPES), min_size=1, max_size=2))
def test_mutated_seeds_never_raise_and_are_accounted_for(docs):
    frames = run([raw_input(data, f"in/{i}.txt", ct) for i, (data, ct) in enumerate(docs)])
    intact = {hashlib.sha256(data).hexdigest() for data, _ct in docs if _markup_intact(data)}
    for row in frames["documents"].itertuples():
        if row.doc_id in intact and row.content_type == "text/html" and isinstance(row.page_text, str):
            assert "HANDLER" not in row.page_text and "x='SCRIPT'" not in row.page_text, row.page_text[:200]


def _markup_intact(data: bytes) -> bool:
    """Does the document still hold the script and the handler as markup?

    A later byte flip can turn '<body><script>' into '<body?<script>': a tag named
    'body?<script' (so says the HTML tokenizer, and browsers too), after which the script's
    text is visible text. Only an intact wrapper (plain, gzipped whole, or re-encoded)
    promises that they stay hidden.
    """
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError, ValueError, zlib.error):  # not gzip, or a damaged stream: look at the bytes as they are
        pass
    return any(WRAPPER.decode("ascii").encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


@PROFILE
@given(st.lists(st.one_of(
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b"")),
    st.dictionaries(st.sampled_from(["text", "html", "url", "fetched_at", "x"]),
                    st.one_of(st.text(max_size=200), st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
                    max_size=4).map(lambda d: json.dumps(d).encode()),
    st.sampled_from(SEED_BYTES).map(lambda b: json.dumps({"text": b.decode()}).encode()),
), max_size=6), st.booleans(), st.sampled_from(["feed.jsonl", "feed.jsonl.gz", "page.txt", "page.html"]))
def test_arbitrary_files_through_discovery_never_raise(lines, cut, name):
    """Whole files on disk, as the flow reads them: JSONL (maybe gzipped and cut) and single pages."""
    data = b"\n".join(lines) + b"\n"
    if name.endswith(".gz"):
        data = gzip.compress(data)
        data = data[: len(data) * 2 // 3] if cut else data
    with tempfile.TemporaryDirectory() as tmp:
        here = os.getcwd()
        os.chdir(tmp)
        try:
            Path("in").mkdir()
            Path("in", name).write_bytes(data)
            items = list(read_inputs(discover(["in"])))
            assert items, "every file yields at least one item"
            run(items)
        finally:
            os.chdir(here)
