"""Validation speed on a large synthetic batch: `quality.validate_batch` over N articles and their child tables.

    .venv/bin/python bench/bench_validation.py [--docs 100000] [--profile]

Rows are built directly (no extraction): N documents of ~1.5 KB page text, each
with an article, 8 paragraphs and 6 boilerplate spans, every row valid, so the
figure is the cost of checking (Pandera models, cross-table checks, warning
tallies), reported per 1,000 rows of all tables and per 1,000 articles.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAS, SPANS = 8, 6
PARA = "The ministry said on Monday that the new rules would take effect next year, officials said. " * 2
SPAN = "Read also: Parliament passes the budget 12.03.2024"


def synthetic_rows(n: int, run_id: str):
    from flows.batch import BatchRows

    rows = BatchRows()
    now = datetime.now(timezone.utc)
    pieces, pos = [], 0
    layout = []  # (kind, start, end) shared by every document: the same page shape
    for i in range(PARAS + SPANS):
        text = SPAN if i % 2 and len([x for x in layout if x[0] == "span"]) < SPANS else PARA.strip()
        kind = "span" if text == SPAN else "para"
        layout.append((kind, pos, pos + len(text)))
        pieces.append(text)
        pos += len(text) + 2
    page = "\n\n".join(pieces)
    body = "\n\n".join(p for p in pieces if p != SPAN)
    for d in range(n):
        doc_id = hashlib.sha256(str(d).encode()).hexdigest()
        rows.seen += 1
        rows.add("sources", {"source_uri": f"in/{d}.txt", "doc_id": doc_id, "run_id": run_id, "seen_at": now})
        rows.add("documents", {"doc_id": doc_id, "content_type": "text/plain", "encoding": "utf-8",
                               "byte_size": len(page), "raw_text": page, "page_text": page, "status": "loaded",
                               "first_seen_run": run_id})
        rows.add("articles", {"doc_id": doc_id, "title": f"Headline number {d}", "title_source": "headline",
                              "outlet": "Trend", "authors": ["Anna Smith"], "dateline": "BAKU",
                              "published_date": datetime(2024, 3, 1 + d % 28), "published_at": None,
                              "published_local": None, "date_source": "date_only", "language": "en",
                              "body": body, "word_count": len(body.split()), "story_id": None})
        p_no = 0
        for kind, start, end in layout:
            if kind == "para":
                rows.add("paragraphs", {"doc_id": doc_id, "para_no": p_no, "text": page[start:end],
                                        "start": start, "end": end})
                p_no += 1
            else:
                rows.add("boilerplate", {"doc_id": doc_id, "start": start, "end": end, "kind": "related_headlines",
                                         "rule": "read_also_cue", "text": SPAN})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--profile", action="store_true", help="print the 15 most expensive functions")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from flows import quality

    run_id = "bench"
    quality.validate_batch(synthetic_rows(50, run_id), run_id)  # warm-up: imports and compiled models
    started = time.perf_counter()
    rows = synthetic_rows(args.docs, run_id)
    built = time.perf_counter() - started
    total = sum(len(r) for r in rows.tables.values())
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    frames, tallies = quality.validate_batch(rows, run_id)
    if profiler:
        profiler.disable()
    took = time.perf_counter() - started
    failed = {k: t.failures for k, t in tallies.items() if t.failures}
    assert not failed and len(frames["articles"]) == args.docs, failed
    counts = ", ".join(f"{t}={len(r)}" for t, r in rows.tables.items() if r)
    print(f"{args.docs} articles, {total} rows ({counts}); rows built in {built:.1f} s")
    print(f"validate_batch: {took:.2f} s = {took / total * 1e6:.1f} ms per 1k rows, "
          f"{took / args.docs * 1e6:.1f} ms per 1k articles ({len(tallies)} checks)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
