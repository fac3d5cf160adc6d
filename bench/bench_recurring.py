"""What site-template learning costs and what it removes, on a bench corpus (no Prefect, no warehouse).

    .venv/bin/python bench/generate_corpus.py --docs 2000 --out /tmp/corpus --seed 3
    .venv/bin/python bench/bench_recurring.py --corpus /tmp/corpus --repeat 3

Reads the corpus as a run does (flows.sources), then times flows.batch.build_rows over the
same inputs with learning off (Learner(learn=False), nothing known: pass 1 only) and on
(two passes), alternating A/B `--repeat` times in one process, and prints the best time
of each. Then lists, per outlet, the lines learned as templates and how many documents
lost them: read them to check that no article sentence is among them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=2000, help="inputs per batch (one batch)")
    args = parser.parse_args()

    from flows.batch import build_rows
    from flows.learning import Learner
    from flows.sources import RawInput, discover, read_inputs

    items = [i for i in read_inputs(discover([args.corpus])) if isinstance(i, RawInput)][: args.sample]
    best = {"off": float("inf"), "on": float("inf")}
    rows = None
    for _ in range(args.repeat):
        for mode in ("off", "on"):
            learner = Learner(learn=False) if mode == "off" else Learner()
            t0 = time.perf_counter()
            out = build_rows(items, set(), "bench", learner=learner)
            best[mode] = min(best[mode], time.perf_counter() - t0)
            if mode == "on":
                rows = out
    n = len(items)
    print(f"{n} inputs, best of {args.repeat}: learning off {best['off']:.2f} s ({1000 * best['off'] / n:.2f} ms/doc), "
          f"on {best['on']:.2f} s ({1000 * best['on'] / n:.2f} ms/doc), +{100 * (best['on'] / best['off'] - 1):.1f} %")
    spans = [b for b in rows.tables["boilerplate"] if b["kind"] == "site_template"]
    articles = {a["doc_id"]: a["outlet"] for a in rows.tables["articles"]}
    print(f"site_template spans: {len(spans)} in {len({b['doc_id'] for b in spans})} of {len(articles)} articles, "
          f"{sum(b['end'] - b['start'] for b in spans):,} characters")
    learned = Counter((articles.get(b["doc_id"]), b["text"][:90]) for b in spans)
    for (outlet, text), docs in sorted(learned.items(), key=lambda x: (str(x[0][0]), -x[1])):
        print(f"  {str(outlet)[:28]:28} {docs:5}  {text}")


if __name__ == "__main__":
    main()
