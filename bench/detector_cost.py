"""What each boilerplate detector costs on typical pages: µs per page, warm, most costly first.

    .venv/bin/python bench/detector_cost.py [--corpus 400] [--rounds 3] [--top 25]

The pages are the plain-text pages among the first `--corpus` documents of the synthetic benchmark
corpus (bench/generate_corpus.py, seed 0; rendered in memory).  Each page is cleaned once whole
(`detect_boilerplate`, the 'full' figure: every per-page view and automaton built on first use), then
every detector runs again on a context whose views are built, and is timed alone: the 'warm' figures
say what a rule's own scan and tests cost.  Measure a new rule here before it lands: a scan whose
pattern opens with a common character, or a word list whose literal key is a common substring, shows
up as tens of µs a page.  Wall time: compare runs made minutes apart on the same machine only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=400, help="corpus documents to take the plain-text pages from")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=25, help="how many detectors to list")
    args = parser.parse_args(argv)

    import text_speed

    from newsmill import boilerplate as bp
    from newsmill.core import decode_document
    from newsmill.text import split_lines

    texts = [decode_document(page, "text/plain").page_text for page in text_speed.corpus_pages(args.corpus)]
    patterns = bp.load_patterns()
    for text in texts[:20]:
        bp.detect_boilerplate(text)  # compile the rules: a per-process cost
    spent: dict[str, float] = {}
    full = 0.0
    for _ in range(args.rounds):
        for text in texts:
            started = time.perf_counter()
            bp.detect_boilerplate(text)
            full += time.perf_counter() - started
            ctx = bp._Ctx(text, split_lines(text), patterns, True)
            for detect in bp.DETECTORS:
                list(detect(ctx))  # build the views and automata this detector asks for
            for detect in bp.DETECTORS:
                started = time.perf_counter()
                list(detect(ctx))
                spent[detect.__name__] = spent.get(detect.__name__, 0.0) + time.perf_counter() - started
    runs = args.rounds * len(texts)
    print(f"{len(texts)} plain-text pages, {args.rounds} rounds: detect_boilerplate {full / runs * 1e6:.1f} µs a page "
          f"(full); detectors alone, warm, {sum(spent.values()) / runs * 1e6:.1f} µs in all")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {name:28s} {seconds / runs * 1e6:7.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
