"""Text-path speed: `detect_boilerplate`, the whole `process_text` and the extraction checks on ~5 KB documents.

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
    from newsmill.checks import extraction_findings, residue

    results = {d: process_text(d, registry=registry) for d in docs}
    kept = [d for d in docs if results[d].article is not None]
    body = per_doc_ms(lambda d: residue(results[d].article.paragraphs, d), kept, args.repeat)
    audit = per_doc_ms(lambda d: residue(results[d].article.paragraphs, d, scope="all"), kept, args.repeat)
    checks = per_doc_ms(lambda d: extraction_findings(results[d], registry=registry), kept, args.repeat)
    print(f"extraction checks (warnings, added):  {checks:.3f} ms/doc ({checks / whole:.0%} of process_text; "
          f"boilerplate residue alone {body:.3f}, {audit:.3f} with residue scope 'all')")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
