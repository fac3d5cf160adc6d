"""Old vs new enrichment (entities, mentions, quotes): identical output, and the speed of each.

    .venv/bin/python bench/enrichment_equivalence.py [--ref 8eb2daf] [--docs 600] [--rounds 7]

The reference is `newsmill/gazetteer.py`, `entities.py`, `quotes.py` and `enrich.py` as they
were at git commit `--ref` (loaded from `git show` into private modules that read the same
rules/ files; a reference up to aeca509 builds its automaton with pyahocorasick, installed
by the `bench` extra), so a speed-up can be checked against the code it replaced.
Documents: the seeds, every annotated test page (tests/gold, tests/docs), and the articles of `--docs`
pages of the synthetic benchmark corpus (bench/generate_corpus.py, rendered in memory and
run through process_text once, untimed). Each side runs its own EntityExtractor over all
documents in the same order (an extractor is stateful: it learns persons across a batch,
as in a pipeline batch), and every document's mentions, person references and quotations
must be equal, as must the `entities` rows at the end. Any difference is printed and
makes the exit status 1. Then both are timed on the corpus articles (mean body ≈5 KB),
interleaved A, B, A, B ... in process CPU time, each round with a fresh extractor, and
the median and the minimum over the rounds are printed (the minimum is the least disturbed
by other work on a shared machine).
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
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_REF = "8eb2daf"  # the last commit before the enrichment speed work
MODULES = ("gazetteer", "entities", "quotes", "enrich")  # in import order


def load_reference(ref: str) -> types.ModuleType:
    """newsmill.enrich as of `ref`, with its entities and quotes modules, as a private module tree."""
    pkg = types.ModuleType("_ref_enrich")
    pkg.__path__ = []
    sys.modules["_ref_enrich"] = pkg
    for name in MODULES:
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:newsmill/{name}.py"],
                                check=True, capture_output=True, text=True).stdout
        for other in MODULES:
            source = source.replace(f"from newsmill.{other} ", f"from _ref_enrich.{other} ")
        spec = importlib.util.spec_from_loader(f"_ref_enrich.{name}", loader=None)
        module = importlib.util.module_from_spec(spec)
        module.__file__ = str(ROOT / "newsmill" / f"{name}.py")  # resources: the same rules/ folder
        sys.modules[spec.name] = module
        exec(compile(source, f"{ref}:newsmill/{name}.py", "exec"), module.__dict__)
    return sys.modules["_ref_enrich.enrich"]


def fixture_results(everything: bool = False) -> list:
    """Articles of the seeds and the enrichment gold set (seeds first); with `everything`, also
    of every other annotated test page (tests/gold/*, tests/docs/*; plain text and HTML)."""
    from newsmill.core import decode_document, process_text

    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "gold" / "enrichment").glob("*.txt"))
    if everything:
        more = sorted(set((ROOT / "tests" / "gold").rglob("*.txt")) | set((ROOT / "tests" / "docs").rglob("*.txt"))
                      | set((ROOT / "tests" / "gold").rglob("*.html")) | set((ROOT / "tests" / "docs").rglob("*.html")))
        paths += [p for p in more if p not in paths]
    texts = [decode_document(p.read_bytes(), "text/html" if p.suffix == ".html" else "text/plain").page_text
             for p in paths]
    return [r for r in (process_text(t) for t in texts if t) if r.article]


def corpus_results(docs: int, seed: int) -> list:
    from boilerplate_equivalence import corpus_texts

    from newsmill.core import process_text

    return [r for r in (process_text(t) for t in corpus_texts(docs, seed)) if r.article]


def comparable(found) -> tuple:
    """One document's enrichment as plain values (entities compared by id and content)."""
    persons = [(r.start, r.end, r.entity.entity_id, r.entity.name, tuple(sorted(r.roles)))
               for r in found.entities.persons]
    mentions = [tuple(m) for m in found.entities.mentions]
    quotes = [(q.quote_no, q.speaker, q.speaker_entity_id, q.text, q.start, q.end, q.cue) for q in found.quotes]
    return mentions, persons, quotes


def compare(old, new, results: list, label: str) -> int:
    old_ex = old.EntityExtractor()
    new_ex = new.EntityExtractor()
    bad = 0
    ids: set[str] = set()
    counts = [0, 0, 0]
    for n, result in enumerate(results):
        a = comparable(old.enrich(old_ex, result))
        b = comparable(new.enrich(new_ex, result))
        ids.update(m[0] for m in b[0])
        for k in range(3):
            counts[k] += len(b[k])
        if a != b:
            bad += 1
            if bad <= 5:
                print(f"DIFFERENT enrichment in {label} #{n}:")
                for what, x, y in zip(("mentions", "persons", "quotes"), a, b):
                    for item in sorted(set(x) ^ set(y), key=repr)[:10]:
                        print(f"  {what} {'old' if item in x else 'new'}: {item}")
    if old_ex.entity_rows(ids) != new_ex.entity_rows(ids):
        bad += 1
        print(f"DIFFERENT entity rows after {label}")
    print(f"{label}: {len(results)} documents ({counts[0]} mentions, {counts[1]} person references, "
          f"{counts[2]} quotes), {bad} different")
    return bad


def interleaved(sides: dict[str, types.ModuleType], results: list, rounds: int) -> dict[str, list[float]]:
    """CPU ms per document of each side in each round, a fresh extractor per round."""
    runs: dict[str, list[float]] = {name: [] for name in sides}
    for module in sides.values():  # warm-up: compiled regexes, first-use caches
        extractor = module.EntityExtractor()
        for result in results:
            module.enrich(extractor, result)
    for _ in range(rounds):
        for name, module in sides.items():
            extractor = module.EntityExtractor()
            started = time.process_time()  # CPU time: less noise than wall time on a shared machine
            for result in results:
                module.enrich(extractor, result)
            runs[name].append((time.process_time() - started) / len(results) * 1000)
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=DEFAULT_REF, help="git commit of the reference implementation")
    parser.add_argument("--docs", type=int, default=600, help="synthetic corpus pages to compare and time on")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-compare", action="store_true", help="timing only")
    args = parser.parse_args(argv)
    from newsmill import enrich as new

    old = load_reference(args.ref)
    fixtures = fixture_results()
    corpus = corpus_results(args.docs, args.seed)
    bad = 0
    if not args.no_compare:
        bad += compare(old, new, fixture_results(everything=True), "seeds + every annotated test page")
        bad += compare(old, new, corpus, f"synthetic corpus articles (seed {args.seed})")
    sides = {"old": old, "new": new}
    for label, results in (("seeds", fixtures[:5]), ("corpus articles", corpus)):
        size = statistics.mean(sum(len(p.text) for p in r.article.paragraphs) for r in results)
        runs = interleaved(sides, results, args.rounds)
        med = {name: statistics.median(v) for name, v in runs.items()}
        low = {name: min(v) for name, v in runs.items()}
        print(f"enrich on {len(results)} {label} (mean body {size:.0f} characters), {args.rounds} interleaved "
              f"rounds, median (min): old ({args.ref}) {med['old']:.3f} ({low['old']:.3f}) ms/doc, "
              f"new {med['new']:.3f} ({low['new']:.3f}) ms/doc, × {med['old'] / med['new']:.2f} "
              f"(× {low['old'] / low['new']:.2f})")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
