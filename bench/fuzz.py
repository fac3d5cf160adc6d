"""Fuzz the per-batch pipeline with mutated inputs: crashes and lost inputs must both be 0.

    .venv/bin/python bench/fuzz.py [--inputs 10000] [--seed 7] [--batch-size 500]

Writes N hostile files (mutated seeds, random bytes, JSONL with broken lines,
truncated gzip, oversized files, broken symlinks, symlink loops, odd names) into
a temporary folder, then runs exactly what a flow run does per batch, without
Prefect: discover → read_inputs → build_rows → validate_batch, and checks the
accounting invariant (flows/accounting.py) on every batch. Prints crashes, lost
inputs and the histogram of reject checks. Exit status 1 when either count is not 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows import quality  # noqa: E402
from flows.accounting import lost_inputs  # noqa: E402
from flows.batch import build_rows  # noqa: E402
from flows.sources import discover, read_inputs  # noqa: E402

RUN = "20260101T000000Z-fuzz00"
MAX_FILE_BYTES = 64 * 1024  # small, so oversized files are cheap to make
SEEDS = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
NAME_BITS = ["a", "it's", '"q"', "space d", "новости", "ü", "line\nbreak", "tab\t", "$x", "%20", "..", "¿"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to four scraper-like accidents applied to `data`."""
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(["cut", "cut", "insert", "flip", "delete", "encode", "mojibake", "nul", "controls",
                         "entities", "html", "duplicate_lines", "bom"])
        at = rng.randrange(len(data) + 1)
        if op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
        elif op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ rng.randint(1, 255)]) + data[at + 1:]
        elif op == "delete":
            data = data[:at] + data[at + rng.randint(1, 800):]
        elif op == "encode":
            enc = rng.choice(["utf-16", "utf-32", "cp1251", "cp1252", "latin-1", "utf-16-le"])
            data = data.decode("utf-8", "replace").encode(enc, "replace")
        elif op == "mojibake":
            data = data.decode("utf-8", "replace").encode("utf-8").decode("cp1252", "replace").encode("utf-8")
        elif op == "nul":
            data = data[:at] + b"\x00" * rng.randint(1, 8) + data[at:]
        elif op == "controls":
            data = data[:at] + bytes(rng.choice(range(1, 32)) for _ in range(rng.randint(1, 30))) + data[at:]
        elif op == "entities":
            data = data.replace(b"a", b"&amp;", rng.randint(1, 20)).replace(b"e", b"&#233;", rng.randint(0, 5))
        elif op == "html":
            data = (b"<html><head><style>p{}</style><script>alert('x')</script></head><body onload='evil()'>"
                    + b"<p>" + data.replace(b"\n\n", b"</p><p>") + b"</p>" + rng.choice([b"</body></html>", b"<script>", b""]))
        elif op == "duplicate_lines":
            lines = data.split(b"\n")
            data = b"\n".join(lines + rng.sample(lines, min(len(lines), 5)))
        elif op == "bom":
            data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]) + data
    return data


def jsonl(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(0, 5)):
        kind = rng.random()
        if kind < 0.4:
            text = mutate(rng, rng.choice(SEEDS)).decode("utf-8", "replace")
            lines.append(json.dumps({rng.choice(["text", "html"]): text, "url": f"https://example.org/{rng.random()}"}))
        elif kind < 0.6:
            lines.append(json.dumps({"title": "no body", "text": rng.choice([None, 3, [], {}])}))
        elif kind < 0.8:
            lines.append(rng.randbytes(rng.randint(0, 80)).replace(b"\n", b" ").decode("latin-1"))
        else:
            lines.append(json.dumps(rng.choice([[1, 2], "str", 5, None, {"text": "\ud800 lone surrogate"}])))
    return "\n".join(lines).encode("utf-8", "surrogatepass") + rng.choice([b"\n", b""])


def make_inputs(folder: Path, n: int, rng: random.Random) -> int:
    """Write `n` input locations (files or links) into `folder`; returns how many were written."""
    for i in range(n):
        stem = f"{i:05d} {rng.choice(NAME_BITS)}"
        roll = rng.random()
        if roll < 0.55:
            name, data = f"{stem}.{rng.choice(['txt', 'html', 'htm'])}", mutate(rng, rng.choice(SEEDS))
        elif roll < 0.65:
            name, data = f"{stem}.txt", rng.randbytes(rng.randint(0, 4096))
        elif roll < 0.80:
            name, data = f"{stem}.jsonl", jsonl(rng)
        elif roll < 0.88:
            packed = gzip.compress(mutate(rng, rng.choice(SEEDS)))
            cut = rng.random() < 0.5
            name, data = f"{stem}.{rng.choice(['txt', 'jsonl'])}.gz", packed[: rng.randrange(len(packed))] if cut else packed
        elif roll < 0.91:
            name, data = f"{stem}.txt", rng.choice([b"", b" \n\t\r\n", b"\xef\xbb\xbf", b"\x00"])
        elif roll < 0.93:
            name, data = f"{stem}.txt", b"log line\n" * (MAX_FILE_BYTES // 9 + rng.randint(1, 100))
        elif roll < 0.95:
            os.symlink(f"missing-{i}.txt", folder / f"{stem}.txt")
            continue
        elif roll < 0.96:
            os.symlink(f"{stem}.txt", folder / f"{stem}.txt")  # a link to itself
            continue
        else:
            name = f"{stem}.html"
            data = rng.choice([b"<div>" * 3000 + b"deep", b"<script>" + b"x" * 500, b"<p>unclosed <b>tags<i>",
                               b"<html><body><a href=/x>Home</a> <a href=/y>News</a></body></html>",
                               b"<!-- only a comment -->", b"<html><body><p>" + rng.choice(SEEDS)[:400] + b"</p>"])
        (folder / name).write_bytes(data)
    return n


def fuzz(n: int, seed: int, batch_size: int) -> int:
    rng = random.Random(seed)
    crashes: list[str] = []
    lost: list[str] = []
    histogram: Counter = Counter()
    loaded = items_seen = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        folder = Path("fuzz")
        folder.mkdir()
        started = time.perf_counter()
        make_inputs(folder, n, rng)
        files = discover([str(folder)])
        locations = len(files)
        known: set[str] = set()
        stream = read_inputs(files, MAX_FILE_BYTES)
        while True:
            try:
                batch = [item for _, item in zip(range(batch_size), stream)]
            except Exception as exc:  # reading itself must never raise
                crashes.append(f"read: {type(exc).__name__}: {exc}")
                break
            if not batch:
                break
            items_seen += len(batch)
            earlier = set(known)
            try:
                frames, _ = quality.validate_batch(build_rows(batch, known, RUN), RUN)
            except Exception:
                crashes.extend(_bisect(batch, known))
                continue
            lost += lost_inputs(batch, frames, earlier)
            histogram.update(frames["rejects"]["check"])
            loaded += len(frames["articles"])
        elapsed = time.perf_counter() - started
    uris = locations
    print(f"fuzz: {n} inputs written ({uris} locations discovered), {items_seen} items read "
          f"(JSONL lines count one each), seed {seed}, {elapsed:.0f} s")
    print(f"crashes: {len(crashes)}")
    for line in crashes[:10]:
        print("  ", line)
    print(f"lost inputs: {len(lost)}")
    for line in lost[:10]:
        print("  ", line)
    print(f"loaded as articles: {loaded}")
    print("reject checks:")
    for check, count in histogram.most_common():
        print(f"  {check:<40} {count}")
    return 1 if crashes or lost or uris != n else 0


def _bisect(batch, known) -> list[str]:
    """Which items of a crashing batch crash on their own (with the first traceback line)."""
    out = []
    for item in batch:
        try:
            quality.validate_batch(build_rows([item], set(known), RUN), RUN)
        except Exception as exc:
            out.append(f"{item.source_uri!r}: {type(exc).__name__}: {exc} @ {traceback.extract_tb(exc.__traceback__)[-1]}")
    return out or ["a batch crashed but no single item does"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    return fuzz(args.inputs, args.seed, args.batch_size)


if __name__ == "__main__":
    raise SystemExit(main())
