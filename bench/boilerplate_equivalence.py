"""Old vs new `detect_boilerplate`: identical spans, and the speed of each, in one process.

    .venv/bin/python bench/boilerplate_equivalence.py [--ref 7f84b15] [--docs 3000] [--repeat 5]

The reference is newsmill's cleaning modules (`boilerplate*.py`, `text.py`, `regex_gates.py`,
`spans.py`, those that exist there) as they were at git commit `--ref` (loaded from `git show`
into private modules, with the same rules/ files), so a speed-up can be checked against the
code it replaced.  Documents: the seeds, the annotated test documents, and `--docs` pages of the synthetic benchmark corpus
(bench/generate_corpus.py, rendered in memory: plain-text pages as they are, HTML pages as
their visible `page_text`).  Any difference in the span lists (start, end, kind, rule) is
printed and makes the exit status 1.  Then both are timed on the ≈5 KB documents of
bench/text_speed.py, on the first 300 corpus page texts and on the plain-text pages of the
first 400 corpus documents (bench/text_speed.py's typical set), interleaved (A, B, A, B ...)
in process CPU time, and the medians are printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REF = "7f84b15"  # the last commit before the text-path speed work


# The cleaning modules loaded from the reference commit (those that exist there), in import order.
REF_MODULES = ("regex_gates", "text", "spans", "boilerplate_patterns", "boilerplate", "boilerplate_text_extra",
               "boilerplate_text_shape")


def load_reference(ref: str) -> types.ModuleType:
    """newsmill.boilerplate as of `ref`, as a private module tree.

    Every cleaning module that exists at `ref` is loaded from there (text helpers, gates and
    the detectors registered by boilerplate_text_extra included), with its imports among them
    rewritten, so the reference runs exactly the detectors it had.
    """
    pkg = types.ModuleType("_ref_newsmill")
    pkg.__path__ = []  # a namespace-like package: submodules are registered by hand below
    sys.modules["_ref_newsmill"] = pkg
    sources = {}
    for name in REF_MODULES:
        shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:newsmill/{name}.py"],
                               capture_output=True, text=True)
        if shown.returncode == 0:
            sources[name] = shown.stdout
    for name in sources:  # create all first: boilerplate imports boilerplate_text_extra at its end
        spec = importlib.util.spec_from_loader(f"_ref_newsmill.{name}", loader=None)
        module = importlib.util.module_from_spec(spec)
        module.__file__ = str(ROOT / "newsmill" / f"{name}.py")  # resources: the same rules/ folder
        sys.modules[spec.name] = module
        setattr(pkg, name, module)
    for name, source in sources.items():
        for other in sources:
            source = source.replace(f"from newsmill.{other} import", f"from _ref_newsmill.{other} import")
            source = source.replace(f"from newsmill import {other}", f"from _ref_newsmill import {other}")
        exec(compile(source, f"{ref}:newsmill/{name}.py", "exec"), sys.modules[f"_ref_newsmill.{name}"].__dict__)
    return sys.modules["_ref_newsmill.boilerplate"]


def corpus_texts(docs: int, seed: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    import generate_corpus as gen

    from newsmill.core import decode_document

    texts = []
    for index, plan in enumerate(gen.plan_corpus(docs, seed)):
        if plan.role == "duplicate":
            continue
        page, rel, data, _ = gen.render_doc(seed, index, plan)
        if plan.role == "jsonl":
            import json

            record = json.loads(data)
            text = record.get("text") or record.get("html")
            data = text.encode("utf-8")
        decoded = decode_document(data, "text/html" if plan.html else "text/plain")
        if decoded.page_text:
            texts.append(decoded.page_text)
    return texts


def fixture_texts() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "docs").rglob("*.txt"))
    return [p.read_text("utf-8") for p in paths]


def compare(old, new, texts: list[str]) -> int:
    bad = 0
    for n, text in enumerate(texts):
        a, b = old(text), new(text)
        if a != b:
            bad += 1
            if bad <= 5:
                print(f"DIFFERENT spans in text #{n}:")
                for s in sorted(set(a) ^ set(b), key=lambda s: s.start):
                    side = "old" if s in a else "new"
                    print(f"  {side}: {s} {text[s.start:s.end][:80]!r}")
    return bad


def interleaved(fns: dict[str, object], docs: list[str], repeat: int, rounds: int) -> dict[str, float]:
    for fn in fns.values():
        for doc in docs:
            fn(doc)
    runs: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            started = time.process_time()  # CPU time: less noise than wall time on a shared machine
            for _ in range(repeat):
                for doc in docs:
                    fn(doc)
            runs[name].append((time.process_time() - started) / (repeat * len(docs)) * 1000)
    return {name: statistics.median(values) for name, values in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=DEFAULT_REF, help="git commit of the reference implementation")
    parser.add_argument("--docs", type=int, default=3000, help="synthetic corpus documents to compare on")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the 5 KB documents per timing round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--text-path", action="store_true", help="also A/B the whole decode + process_text path")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from newsmill.boilerplate import detect_boilerplate as new

    old = load_reference(args.ref).detect_boilerplate
    texts = fixture_texts()
    bad = compare(old, new, texts)
    print(f"fixtures: {len(texts)} texts, {bad} different")
    corpus = corpus_texts(args.docs, args.seed)
    bad_corpus = compare(old, new, corpus)
    print(f"generated corpus (seed {args.seed}): {len(corpus)} texts, {bad_corpus} different")
    sys.path.insert(0, str(ROOT / "bench"))
    from text_speed import corpus_pages, documents

    docs = documents()
    medians = interleaved({"old": old, "new": new}, docs, args.repeat, args.rounds)
    size = statistics.mean(len(d.encode("utf-8")) for d in docs)
    print(f"detect_boilerplate on {len(docs)} documents of mean {size / 1000:.1f} KB, median of {args.rounds} "
          f"interleaved rounds: old ({args.ref}) {medians['old']:.3f} ms/doc, new {medians['new']:.3f} ms/doc, "
          f"× {medians['old'] / medians['new']:.1f}")
    time_set(f"{len(corpus[:300])} generated pages", corpus[:300], old, new, args)
    from newsmill.core import decode_document

    plain = [decode_document(page, "text/plain").page_text for page in corpus_pages(min(400, args.docs), args.seed)]
    time_set(f"the {len(plain)} plain-text pages of the first {min(400, args.docs)} corpus documents", plain, old, new, args)
    if args.text_path:
        text_path_ab(old, args)
    return 1 if bad or bad_corpus else 0


def text_path_ab(old_detect, args) -> None:
    """decode + process_text (language detection stubbed out) with the old and the new cleaning, interleaved."""
    import text_speed

    from newsmill import core, metadata
    from newsmill.outlets import load_outlets

    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{args.ref}:newsmill/text.py"],
                            check=True, capture_output=True, text=True).stdout
    old_text: dict = {}
    exec(compile(source, f"{args.ref}:newsmill/text.py", "exec"), old_text)
    new_detect, new_split = core.detect_boilerplate, core.split_lines
    registry = load_outlets()
    metadata.detect_language = lambda text: None  # the lead's part; the same stub for both

    def path(detect, split):
        def run(data: bytes):
            core.detect_boilerplate, core.split_lines = detect, split
            return core.process_text(core.decode_document(data, "text/plain").page_text, registry=registry)
        return run

    for name, pages in (("seeds + test documents (5 KB)", [d.encode() for d in text_speed.documents()]),
                        ("synthetic corpus plain-text pages", text_speed.corpus_pages(args.docs // 10))):
        medians = interleaved({"old": path(old_detect, old_text["split_lines"]), "new": path(new_detect, new_split)},
                              pages, max(1, args.repeat // 5), args.rounds)
        print(f"decode + process_text without language, {name} ({len(pages)}): old {medians['old']:.3f} ms/doc, "
              f"new {medians['new']:.3f} ms/doc")
    core.detect_boilerplate, core.split_lines = new_detect, new_split


def time_set(label: str, docs: list[str], old, new, args) -> None:
    """Old and new detect_boilerplate, interleaved, on one document set: per document and per 5 KB."""
    medians = interleaved({"old": old, "new": new}, docs, max(1, args.repeat // 10), args.rounds)
    size = statistics.mean(len(d.encode("utf-8")) for d in docs)
    print(f"detect_boilerplate on {label} (mean {size / 1000:.1f} KB): "
          f"old {medians['old']:.3f} ms/doc ({medians['old'] * 5000 / size:.3f} per 5 KB), "
          f"new {medians['new']:.3f} ms/doc ({medians['new'] * 5000 / size:.3f} per 5 KB), "
          f"× {medians['old'] / medians['new']:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
