"""Per-document cost of entity and quotation extraction (not run by the test suite).

    .venv/bin/python bench/bench_enrichment.py [--repeat N] [--corpus DOCS]

Documents: the seeds and the gold set, and with --corpus the articles of that many pages of
the synthetic benchmark corpus (bench/generate_corpus.py, seed 0; ≈5 KB bodies, the
"average-size document" of issue 5's throughput target). Each is first run through process_text (not timed);
then enrich() (entities + quotes) is timed over all documents, N times, best of N reported,
with one warm-up pass. Times are this process's CPU time (time.process_time), so other work
on a busy machine does not inflate them. The one-off gazetteer build (pycountry, GeoNames,
automaton) is timed separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmill.core import process_text  # noqa: E402
from newsmill.enrich import enrich  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=int, default=0, help="also time the articles of this many corpus pages")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from newsmill.entities import EntityExtractor
    from newsmill.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    extractor = EntityExtractor()
    setup = time.perf_counter() - t0

    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "gold" / "enrichment").glob("*.txt"))
    results = [r for r in (process_text(p.read_text("utf-8")) for p in paths) if r.article]
    chars = [sum(len(p.text) for p in r.article.paragraphs) for r in results]
    for r in results:  # warm-up: compiled regexes, first-use caches
        enrich(extractor, r)
    clock = time.process_time
    runs, per_doc = [], {}
    for _ in range(args.repeat):
        start = clock()
        for i, r in enumerate(results):
            t = clock()
            enrich(extractor, r)
            per_doc.setdefault(i, []).append(clock() - t)
        runs.append(clock() - start)
    best = min(runs)
    n_seeds = len(list((ROOT / "seeds").glob("*.txt")))
    seeds_ms = sum(min(per_doc[i]) for i in range(n_seeds)) / n_seeds * 1000
    doc_ms = [min(v) * 1000 for v in per_doc.values()]
    print(f"gazetteer + extractor setup (once per process): {setup * 1000:.0f} ms, {len(gaz.entities)} entities")
    print(f"documents: {len(results)}, body characters: mean {statistics.mean(chars):.0f}, max {max(chars)}")
    print(f"enrich (entities + quotes): {best / len(results) * 1000:.3f} ms per document on average "
          f"(best of {args.repeat} passes), {best / sum(chars) * 1e6:.3f} ms per 1,000 body characters")
    print(f"seeds only: {seeds_ms:.3f} ms per document (mean body {statistics.mean(chars[:n_seeds]):.0f} characters)")
    print(f"per document: median {statistics.median(doc_ms):.3f} ms, max {max(doc_ms):.3f} ms "
          f"(the longest body, {max(chars)} characters)")
    if args.corpus:
        corpus_timing(args.corpus, max(3, args.repeat // 4))
    return 0


def corpus_timing(docs: int, repeat: int) -> None:
    """Per-document enrich() time on synthetic corpus articles: one extractor per pass, as a batch has."""
    sys.path.insert(0, str(ROOT / "bench"))
    from enrichment_equivalence import corpus_results

    from newsmill.entities import EntityExtractor

    results = corpus_results(docs, 0)
    chars = [sum(len(p.text) for p in r.article.paragraphs) for r in results]
    runs = []
    for _ in range(repeat + 1):  # the first pass is a warm-up
        extractor = EntityExtractor()
        start = time.process_time()
        for r in results:
            enrich(extractor, r)
        runs.append((time.process_time() - start) / len(results) * 1000)
    runs = runs[1:]
    print(f"corpus articles: {len(results)} (mean body {statistics.mean(chars):.0f} characters), a fresh extractor "
          f"per pass: {statistics.median(runs):.3f} ms per document (median of {repeat} passes; best {min(runs):.3f})")


if __name__ == "__main__":
    raise SystemExit(main())
