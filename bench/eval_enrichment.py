"""Precision, recall and F1 of quotation and entity extraction on tests/gold/enrichment/.

    .venv/bin/python bench/eval_enrichment.py [--errors] [--gold DIR]

Each gold document is run through the whole pure core (process_text: boilerplate, title,
paragraphs), then through enrichment, as the pipeline does. Scoring rules are in
tests/gold/enrichment/README.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmill.core import process_text  # noqa: E402
from newsmill.enrich import enrich  # noqa: E402
from newsmill.entities import EntityExtractor  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "enrichment"
QUOTE_SIMILARITY = 90


def norm_name(name: str | None) -> str | None:
    if name is None:
        return None
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.replace("’", "'").casefold().strip()


def norm_text(text: str) -> str:
    text = re.sub(r"[“”«»\"]", "", text.replace("’", "'"))
    return re.sub(r"\s+", " ", text).strip().rstrip(".,;:!? ").casefold()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_documents(gold: Path = GOLD) -> list[tuple[str, str, dict]]:
    return [(path.stem, path.read_text("utf-8"), yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8")))
            for path in sorted(gold.glob("*.txt"))]


def evaluate(gold: Path = GOLD) -> tuple[Score, Score, int]:
    """(quote score, entity score, documents) over a whole gold set."""
    extractor = EntityExtractor()
    quotes, entities = Score(), Score()
    docs = gold_documents(gold)
    for name, text, gold in docs:
        result = process_text(text)
        if result.article is None:
            quotes.fn += len(gold.get("quotes") or [])
            entities.fn += len(gold.get("entities") or [])
            quotes.errors.append(f"{name}: no article")
            continue
        found = enrich(extractor, result)
        predicted = {(norm_name(extractor.entities[m.entity_id].name), extractor.entities[m.entity_id].type)
                     for m in found.entities.mentions}
        expected = {(norm_name(n), t) for n, t in gold.get("entities") or []}
        entities.tp += len(predicted & expected)
        entities.fp += len(predicted - expected)
        entities.fn += len(expected - predicted)
        entities.errors += [f"{name}: extra {e}" for e in sorted(predicted - expected)]
        entities.errors += [f"{name}: missed {e}" for e in sorted(expected - predicted)]
        _score_quotes(name, gold.get("quotes") or [], found.quotes, quotes)
    return quotes, entities, len(docs)


def _score_quotes(name: str, gold: list[dict], predicted, score: Score) -> None:
    left = list(predicted)
    for g in gold:
        match = next((p for p in left if norm_name(p.speaker) == norm_name(g["speaker"])
                      and fuzz.ratio(norm_text(p.text), norm_text(g["text"])) >= QUOTE_SIMILARITY), None)
        if match is None:
            score.fn += 1
            score.errors.append(f"{name}: missed quote {g['speaker']!r}: {g['text'][:60]!r}")
        else:
            score.tp += 1
            left.remove(match)
    score.fp += len(left)
    score.errors += [f"{name}: extra quote {p.speaker!r} ({p.cue}): {p.text[:60]!r}" for p in left]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every missed and extra item")
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of NNN_slug.txt + .yaml pairs")
    args = parser.parse_args()
    quotes, entities, n = evaluate(args.gold)
    print(f"gold documents: {n}")
    for label, s in (("quotes", quotes), ("entities", entities)):
        print(f"{label:9s} precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
              f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")
        if args.errors:
            for e in s.errors:
                print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
