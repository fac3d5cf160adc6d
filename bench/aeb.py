"""Article-extraction benchmark: newsmill's HTML path vs trafilatura on the same pages.

    .venv/bin/pip install -c constraints.txt -e ".[bench]"
    .venv/bin/python bench/aeb.py [--data ../shared/benchmarks/aeb] [--only newsmill] [--worst 10] [--half A]

Metric as defined by the benchmark's README: tokens are `\\w+` matches (case kept), each
body is the multiset of its 4-token shingles; per page precision = tp/(tp+fp) and
recall = tp/(tp+fn) (1.0 when nothing is missing or extra, 0.0 when tp = 0); P and R are
means over pages, F1 = 2PR/(P+R).  newsmill's body is the paragraphs it keeps, exactly
as they are loaded into `articles.body`.  Pages are read and gunzipped before timing
starts; the timer covers HTML → body text only.  Each system is timed over all pages
`--repeat` times, the systems taking turns, and the fastest pass is reported (on a shared
machine the slowest passes measure the other jobs); every pass is printed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (as CI lays it out), or two levels up from a git worktree
DEFAULT_DATA = next((p for p in (ROOT.parent / "shared" / "benchmarks" / "aeb",
                                 ROOT.parent.parent / "shared" / "benchmarks" / "aeb") if p.exists()),
                    ROOT.parent / "shared" / "benchmarks" / "aeb")
_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(truth: str, pred: str) -> tuple[float, float]:
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    precision = 1.0 if fp == 0 and tp == 0 and fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
    recall = 1.0 if fn == 0 and tp == 0 and fp == 0 else (tp / (tp + fn) if tp + fn else 0.0)
    if tp == 0 and (fp or fn):
        precision = recall = 0.0
    if fp == 0 and fn == 0:
        precision = recall = 1.0
    return precision, recall


def newsmill_extract(html: str) -> str:
    from newsmill.core import process_text
    from newsmill.decode import html_to_page

    page = html_to_page(html)
    result = process_text(page.page_text, meta=page.meta, blocks=page.blocks, registry=_registry())
    return result.article.body if result.article else ""


_REG = []


def _registry():
    if not _REG:
        from newsmill.outlets import load_outlets

        _REG.append(load_outlets())
    return _REG[0]


def trafilatura_extract(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


SYSTEMS: dict[str, Callable[[str], str]] = {"newsmill": newsmill_extract, "trafilatura": trafilatura_extract}


def load(data: Path) -> list[tuple[str, str, str]]:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key in sorted(truth):
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((key, html, truth[key]["articleBody"]))
    return pages


def half_of(key: str) -> str:
    """'A' or 'B' by a hash of the page's file name: a fixed split for tuning on one half
    (A) and checking on the other (B), so a change that only fits the pages it was tuned
    on shows up as a gap between the halves."""
    return "AB"[hashlib.sha256(key.encode("utf-8")).digest()[0] & 1]


def scores(per_page: list[tuple[str, float, float]]) -> tuple[float, float, float]:
    if not per_page:
        return 0.0, 0.0, 0.0
    precision = sum(p for _, p, _ in per_page) / len(per_page)
    recall = sum(r for _, _, r in per_page) / len(per_page)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run(name: str, fn: Callable[[str], str], pages: list[tuple[str, str, str]]) -> dict:
    fn(pages[0][1])  # warm-up: imports and compiled rules are not per-page costs
    per_page = []
    started = time.perf_counter()
    outputs = [fn(html) for _, html, _ in pages]
    seconds = time.perf_counter() - started
    for (key, _, truth), pred in zip(pages, outputs):
        per_page.append((key, *page_scores(truth, pred)))
    precision, recall, f1 = scores(per_page)
    return {"system": name, "precision": precision, "recall": recall, "f1": f1,
            "s_per_page": seconds / len(pages), "passes": [seconds / len(pages)], "pages": per_page}


def timed_pass(fn: Callable[[str], str], pages: list[tuple[str, str, str]]) -> float:
    started = time.perf_counter()
    for _, html, _ in pages:
        fn(html)
    return (time.perf_counter() - started) / len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=sorted(SYSTEMS))
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per system")
    parser.add_argument("--half", choices=("A", "B"), help="only the pages of one half of the fixed split")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed passes per system, alternating between systems; s/page is the "
                             "fastest pass (the least disturbed by other load), all passes are listed")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    pages = load(args.data)
    if args.half:
        pages = [page for page in pages if half_of(page[0]) == args.half]
    systems = {name: fn for name, fn in SYSTEMS.items() if not args.only or name == args.only}
    results = {name: run(name, fn, pages) for name, fn in systems.items()}
    for _ in range(args.repeat - 1):
        for name, fn in systems.items():
            results[name]["passes"].append(timed_pass(fn, pages))
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'s/page':>8}  passes")
    for name, res in results.items():
        passes = " ".join(f"{s:.4f}" for s in res["passes"])
        print(f"{name:<12} {res['precision']:9.3f} {res['recall']:7.3f} {res['f1']:6.3f} "
              f"{min(res['passes']):8.4f}  {passes}")
        for half in "AB":
            part = [row for row in res["pages"] if half_of(row[0]) == half]
            if part and len(part) < len(res["pages"]):
                p, r, f = scores(part)
                print(f"  half {half} ({len(part):>3}) {p:9.3f} {r:7.3f} {f:6.3f}")
        if args.worst:
            worst = sorted(res["pages"], key=lambda x: min(x[1], x[2]))[: args.worst]
            for key, p, r in worst:
                print(f"    {key[:12]} P={p:.3f} R={r:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
