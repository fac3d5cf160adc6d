"""Text-path speed: `detect_boilerplate`, the whole `process_text` and the extraction checks on ~5 KB documents.

    .venv/bin/python bench/text_speed.py [--repeat 200] [--corpus 400]

The documents are the seeds and the annotated test documents, each repeated (blocks
joined) until it is about 5 KB, so the figure is per average 5 KB scraped page.  They are
junk-dense (≈ 100 short lines each).  `--corpus N` adds the plain-text pages of the
synthetic benchmark corpus (bench/generate_corpus.py, seed 0, N documents rendered in
memory; mostly prose with the usual boilerplate) as a second, more typical set, reported per
document and per 5 KB.  Times are process CPU time (less noisy than wall time when other
jobs share the machine); the median of 5 rounds.
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


def per_doc_ms(fn, docs: list, repeat: int) -> float:
    for doc in docs:
        fn(doc)  # warm-up: compiled rules are a per-process cost
    runs = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(repeat):
            for doc in docs:
                fn(doc)
        runs.append((time.process_time() - started) / (repeat * len(docs)) * 1000)
    return statistics.median(runs)


def corpus_pages(count: int, seed: int = 0) -> list[bytes]:
    """The plain-text pages (bytes, as read from disk) among the first `count` corpus documents."""
    sys.path.insert(0, str(ROOT / "bench"))
    import json

    import generate_corpus as gen

    pages = []
    for index, plan in enumerate(gen.plan_corpus(count, seed)):
        if plan.role == "duplicate" or plan.html:
            continue
        _page, _rel, data, _enc = gen.render_doc(seed, index, plan)
        pages.append(json.loads(data)["text"].encode("utf-8") if plan.role == "jsonl" else data)
    return pages


def text_path(registry, language: bool):
    """bytes → decode → process_text (clean, title, byline, dateline, paragraphs, outlet, date[, language])."""
    from newsmill import metadata
    from newsmill.core import decode_document, process_text

    def run(data: bytes):
        decoded = decode_document(data, "text/plain")
        if language:
            return process_text(decoded.page_text, registry=registry)
        keep, metadata.detect_language = metadata.detect_language, lambda text: None
        try:
            return process_text(decoded.page_text, registry=registry)
        finally:
            metadata.detect_language = keep

    return run


def report_set(name: str, texts: list[str], pages: list[bytes], registry, repeat: int) -> None:
    from newsmill.boilerplate import detect_boilerplate

    size = statistics.mean(len(d.encode("utf-8")) for d in texts) / 1000
    clean = per_doc_ms(detect_boilerplate, texts, repeat)
    no_lang = per_doc_ms(text_path(registry, False), pages, max(1, repeat // 5))
    whole = per_doc_ms(text_path(registry, True), pages, max(1, repeat // 5))
    print(f"{name}: {len(texts)} documents, mean {size:.1f} KB (ms per document; per 5 KB in brackets)")
    for label, ms in (("detect_boilerplate (cleaning only)", clean),
                      ("decode + process_text without language", no_lang),
                      ("decode + process_text (all, with language)", whole)):
        print(f"  {label:44s} {ms:.3f} ({ms * 5 / size:.3f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--corpus", type=int, default=400, help="synthetic corpus documents (0: skip that set)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from newsmill.core import process_text
    from newsmill.outlets import load_outlets

    docs = documents()
    registry = load_outlets()
    report_set("seeds + test documents grown to 5 KB", docs, [d.encode("utf-8") for d in docs], registry, args.repeat)
    if args.corpus:
        from newsmill.core import decode_document

        pages = corpus_pages(args.corpus)
        texts = [decode_document(p, "text/plain").page_text for p in pages]
        report_set(f"synthetic corpus, plain-text pages of {args.corpus} documents", texts, pages, registry,
                   max(1, args.repeat // 10))
    whole = per_doc_ms(lambda d: process_text(d, registry=registry), docs, max(1, args.repeat // 5))
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
