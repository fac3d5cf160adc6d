"""Cleaning evaluation: newsmill's pure core over the annotated development set.

    .venv/bin/python bench/eval_cleaning.py [--docs tests/docs/cleaning] [--verbose]

Each document is a `.txt` or `.html` file beside a `.yaml` annotation:

    about: what the page is
    title: the headline (neither body nor junk)
    meta: [byline and date-stamp lines]           # optional: neither body nor junk
    body: [gold article paragraphs, in order]     # what articles.body must hold
    junk: [{kind, text, why, at?}]                # boilerplate spans, by the issue's kinds

Snippets are found in `page_text` with whitespace collapsed (for HTML, `page_text` is the
visible text, one block per line).  A body paragraph is found at its first occurrence, a
junk span at its first too, except `repeated_title`/`repeated_lede` (the later copy) or
when it says `at: last`.  In an HTML page a snippet may be missing from `page_text`: the
element was dropped whole before it (hidden, a form, a template); such junk counts as removed
('dropped with its markup'), such a body paragraph as lost.

Figures, as in bench/aeb.py but on single tokens: tokens are `\\w+` matches (case kept);
a body is the bag (multiset) of its tokens; per document precision = tp/(tp+fp) and
recall = tp/(tp+fn); P and R are means over documents and F1 = 2PR/(P+R).  newsmill's
body is its paragraphs plus the dateline it cut from the lede ("ALMATY, March 4 (Reuters) -"
is article text filed as metadata).  The leak rate of a kind is the share of its annotated
junk spans of which any character ends up inside a paragraph.  The accounting invariant
(every non-space character of `page_text` is a paragraph or a span with a known kind and a
rule, and nothing overlaps) is checked on every document.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = ROOT / "tests" / "docs" / "cleaning"
_TOKEN = re.compile(r"\w+")
_LAST_BY_DEFAULT = frozenset({"repeated_title", "repeated_lede"})

# The issue's kinds of junk and the contract kinds (`boilerplate.kind`) that name each one
# correctly; a junk span removed under another kind is removed but mislabelled.  Page
# template outside the HTML article container ('page_chrome') is a right answer for any kind.
KIND_MAP: dict[str, frozenset[str]] = {
    "headline_list": frozenset({"related_headlines"}),
    "read_also": frozenset({"related_headlines"}),
    "calendar": frozenset({"calendar"}),
    "counter": frozenset({"counter", "comments"}),
    "breadcrumb": frozenset({"navigation"}),
    "menu": frozenset({"navigation"}),
    "pagination": frozenset({"navigation"}),
    "language_switcher": frozenset({"navigation"}),
    "share": frozenset({"share", "promo"}),  # a subscribe box is both
    "cookie": frozenset({"footer"}),
    "photo_caption": frozenset({"photo_credit"}),
    "tags": frozenset({"tags"}),
    "author_bio": frozenset({"author_bio"}),
    "footer": frozenset({"footer", "navigation"}),  # footer link rows are navigation too
    "widget": frozenset({"widget"}),
    "interface": frozenset({"footer", "promo"}),
    "promo": frozenset({"promo", "share"}),
    "repeated_title": frozenset({"repeated_title"}),
    "repeated_lede": frozenset({"repeated_lede"}),
    "separator": frozenset({"separator"}),
}


@dataclass
class DocScore:
    name: str
    precision: float
    recall: float
    leaked: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) of junk in the body
    mislabelled: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, got kinds, text)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) of HTML junk not in page_text
    lost: list[str] = field(default_factory=list)  # gold paragraphs not wholly kept
    accounting: list[str] = field(default_factory=list)  # violations of the invariant
    junk_kinds: list[str] = field(default_factory=list)


def find(page_text: str, snippet: str, last: bool = False) -> tuple[int, int]:
    """(start, end) of `snippet` in page_text, whitespace-insensitive; ValueError if absent."""
    words = snippet.split()
    if not words:
        raise ValueError("empty snippet")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = list(pattern.finditer(page_text))
    if not found:
        raise ValueError(f"not in page_text: {snippet[:80]!r}")
    m = found[-1] if last else found[0]
    return m.start(), m.end()


def scores(truth: str, pred: str) -> tuple[float, float]:
    t, p = Counter(_TOKEN.findall(truth)), Counter(_TOKEN.findall(pred))
    tp = sum((t & p).values())
    fp, fn = sum((p - t).values()), sum((t - p).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def load_devset(folder: Path) -> list[tuple[str, str, str, dict]]:
    """(name, content_type, text, annotation) for every annotated document, sorted by name."""
    import yaml

    docs = []
    for note_path in sorted(folder.glob("*.yaml")):
        (doc_path,) = [p for p in folder.glob(note_path.stem + ".*") if p.suffix in (".txt", ".html")]
        ctype = "text/html" if doc_path.suffix == ".html" else "text/plain"
        note = yaml.safe_load(note_path.read_text(encoding="utf-8"))
        docs.append((note_path.stem, ctype, doc_path.read_text(encoding="utf-8"), note))
    return docs


def clean(text: str, content_type: str):
    """newsmill's pure core on one input, as the pipeline runs it: decode, then label and extract."""
    from newsmill.core import decode_text, process_text

    decoded = decode_text(text, content_type, "utf-8")
    return process_text(decoded.page_text, meta=decoded.meta, blocks=decoded.blocks or None)


def _locate(page_text: str, snippet: str, last: bool = False, html: bool = False) -> tuple[int, int] | None:
    """`find`, except that in an HTML page a snippet may be missing from page_text (None): newsmill drops
    some elements whole before it (hidden ones such as `<amp-consent layout="nodisplay">`, forms, templates).
    In plain text every annotated snippet must be there (ValueError)."""
    try:
        return find(page_text, snippet, last=last)
    except ValueError:
        if html:
            return None
        raise


def _covers(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)


def score_document(name: str, content_type: str, text: str, note: dict) -> DocScore:
    from newsmill.layout import overlaps, unaccounted
    from schemas.boilerplate import KINDS

    result = clean(text, content_type)
    page = result.page_text
    paragraphs = result.article.paragraphs if result.article else []
    spans = result.spans
    body_ranges = [(p.start, p.end) for p in paragraphs]
    kept = [p.text for p in paragraphs] + [page[s.start : s.end] for s in spans if s.kind == "dateline"]
    precision, recall = scores(" ".join(note["body"]), " ".join(kept))
    out = DocScore(name, precision, recall)

    for gap in unaccounted(page, paragraphs, spans):
        out.accounting.append(f"unaccounted {gap}: {page[gap[0]:gap[1]][:60]!r}")
    for pair in overlaps([*paragraphs, *spans]):
        out.accounting.append(f"overlap {pair}")
    for s in spans:
        if s.kind not in KINDS or not s.rule:
            out.accounting.append(f"span without a known kind and a rule: {s}")

    removed = [(s.start, s.end) for s in spans if s.kind != "dateline"]
    html = content_type == "text/html"
    for para in note["body"]:
        found = _locate(page, para, html=html)
        if found is None or _covers(removed, *found):
            out.lost.append(para)  # (an HTML element dropped before page_text loses its text too)
    for junk in note.get("junk", []):
        kind = junk["kind"]
        out.junk_kinds.append(kind)
        last = junk.get("at", "last" if kind in _LAST_BY_DEFAULT else "first") == "last"
        found = _locate(page, junk["text"], last=last, html=html)
        if found is None:
            out.dropped.append((kind, junk["text"]))  # removed with its markup: not in page_text at all
            continue
        start, end = found
        if _covers(body_ranges, start, end):
            out.leaked.append((kind, junk["text"]))
            continue
        got = {s.kind for s in spans if s.start < end and start < s.end}
        if not got & (KIND_MAP[kind] | {"page_chrome"}):
            out.mislabelled.append((kind, ",".join(sorted(got)) or "-", junk["text"]))
    return out


@dataclass
class Report:
    docs: list[DocScore]
    precision: float
    recall: float
    f1: float
    leak: dict[str, tuple[int, int]]  # kind -> (leaked, total)
    mislabelled: dict[str, int]


def evaluate(folder: Path = DEFAULT_DOCS) -> Report:
    docs = [score_document(*doc) for doc in load_devset(folder)]
    precision = sum(d.precision for d in docs) / len(docs)
    recall = sum(d.recall for d in docs) / len(docs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    totals, leaked, wrong = Counter(), Counter(), Counter()
    for d in docs:
        totals.update(d.junk_kinds)
        leaked.update(k for k, _ in d.leaked)
        wrong.update(k for k, _, _ in d.mislabelled)
    leak = {k: (leaked[k], totals[k]) for k in sorted(totals)}
    return Report(docs, precision, recall, f1, leak, dict(wrong))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--verbose", action="store_true", help="list every leak, loss and mislabel")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    report = evaluate(args.docs)
    types = Counter(ctype for _, ctype, _, _ in load_devset(args.docs))  # by file type, not by name
    print(f"{len(report.docs)} documents from {args.docs} ({types['text/plain']} text, {types['text/html']} HTML)")
    print(f"body tokens: precision {report.precision:.4f}  recall {report.recall:.4f}  F1 {report.f1:.4f}")
    print(f"{'kind':<18} {'spans':>5} {'leaked':>6} {'rate':>6} {'mislabelled':>11}")
    for kind, (n_leaked, total) in report.leak.items():
        print(f"{kind:<18} {total:5d} {n_leaked:6d} {n_leaked / total:6.2f} {report.mislabelled.get(kind, 0):11d}")
    all_leaked = sum(n for n, _ in report.leak.values())
    all_spans = sum(t for _, t in report.leak.values())
    print(f"{'all':<18} {all_spans:5d} {all_leaked:6d} {all_leaked / max(all_spans, 1):6.2f} "
          f"{sum(report.mislabelled.values()):11d}")
    bad = [d for d in report.docs if d.accounting]
    print(f"accounting invariant: {'holds on every document' if not bad else f'FAILS on {len(bad)}'}")
    if args.verbose:
        for d in report.docs:
            issues = [f"  leaked {k}: {t[:90]!r}" for k, t in d.leaked]
            issues += [f"  lost: {t[:90]!r}" for t in d.lost]
            issues += [f"  mislabelled {k} as {g}: {t[:70]!r}" for k, g, t in d.mislabelled]
            issues += [f"  dropped with its markup {k}: {t[:70]!r}" for k, t in d.dropped]
            issues += [f"  {a}" for a in d.accounting]
            if issues or d.precision < 1 or d.recall < 1:
                print(f"{d.name}: P={d.precision:.3f} R={d.recall:.3f}")
                print("\n".join(issues))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
