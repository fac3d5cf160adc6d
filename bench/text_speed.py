"""Text-path cleaning speed: `detect_boilerplate` and the whole `process_text` on ~5 KB documents.

    .venv/bin/python bench/text_speed.py [--repeat 200]

The documents are the seeds and the annotated test documents, each repeated (blocks
joined) until it is about 5 KB, so the figure is per average 5 KB scraped page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(target: int = 5000) -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "docs").rglob("*.txt"))
    docs = []
    for path in paths:
        text = path.read_text("utf-8")
        grown = text
        while len(grown) < target:
            grown += "\n\n" + text
        docs.append(grown[: max(target, len(text))])
    return docs


def per_doc_ms(fn, docs: list[str], repeat: int) -> float:
    for doc in docs:
        fn(doc)  # warm-up: compiled rules are a per-process cost
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            for doc in docs:
                fn(doc)
        runs.append((time.perf_counter() - started) / (repeat * len(docs)) * 1000)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from newsmill.boilerplate import detect_boilerplate
    from newsmill.core import process_text
    from newsmill.outlets import load_outlets

    docs = documents()
    registry = load_outlets()
    size = statistics.mean(len(d.encode("utf-8")) for d in docs)
    print(f"{len(docs)} documents, mean {size / 1000:.1f} KB")
    print(f"detect_boilerplate (cleaning only):   {per_doc_ms(detect_boilerplate, docs, args.repeat):.3f} ms/doc")
    whole = per_doc_ms(lambda d: process_text(d, registry=registry), docs, max(1, args.repeat // 5))
    print(f"process_text (clean + all metadata):  {whole:.3f} ms/doc")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
