"""Per-field accuracy of newsmill's metadata extraction on the annotated development set.

    .venv/bin/python bench/eval_metadata.py [GOLD_DIR] [--verbose]

GOLD_DIR (default tests/gold/metadata) holds documents (.txt, .html, .jsonl with one
record) and expected.yaml. Each document goes through the same pure core a run uses
(decode_document → process_text). Exact match for title, outlet, dateline, date,
instant (compared as instants), date source and language; set match for authors.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from dateutil import parser as dateparser

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsmill.core import decode_document, process_text  # noqa: E402
from newsmill.outlets import load_outlets  # noqa: E402

FIELDS = ("title", "outlet", "authors", "dateline", "date", "instant", "source", "language")
DEFAULT_GOLD = ROOT / "tests" / "gold" / "metadata"


@dataclass
class Report:
    docs: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    mismatches: list[tuple[str, str, object, object]] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def accuracy(self) -> dict[str, float]:
        return {f: (self.correct[f] / self.docs if self.docs else 0.0) for f in FIELDS}


def _input(path: Path) -> tuple[bytes, str, str | None, datetime | None]:
    """(bytes, content type, url, fetched_at) as a run would see the document."""
    if path.suffix == ".jsonl":
        record = json.loads(path.read_text("utf-8").strip().splitlines()[0])
        html = record.get("html")
        body, ctype = (html, "text/html") if html else (record["text"], "text/plain")
        fetched = dateparser.isoparse(record["fetched_at"]) if record.get("fetched_at") else None
        return body.encode("utf-8"), ctype, record.get("url"), fetched
    ctype = "text/html" if path.suffix in (".html", ".htm") else "text/plain"
    return path.read_bytes(), ctype, None, None


def extract(path: Path) -> tuple[dict[str, object], list[str]]:
    """The metadata fields newsmill extracts from one gold document, and its warnings."""
    data, ctype, url, fetched = _input(path)
    decoded = decode_document(data, ctype)
    if decoded.error is not None:
        raise ValueError(f"{path.name}: {decoded.error.reason}")
    result = process_text(decoded.page_text, meta=decoded.meta, url=url, fetched_at=fetched, registry=load_outlets())
    art = result.article
    if art is None:
        return {f: None for f in FIELDS}, result.warnings
    pub = art.published
    return {
        "title": art.title, "outlet": art.outlet, "authors": sorted(art.authors), "dateline": art.dateline,
        "date": pub.date, "instant": pub.instant, "source": pub.source, "language": art.language,
    }, result.warnings


def _same(name: str, got: object, want: object) -> bool:
    if name == "authors":
        return set(got or []) == set(want or [])
    if name == "instant":
        if want is None or got is None:
            return want is None and got is None
        want = want if isinstance(want, datetime) else dateparser.isoparse(str(want))
        return got == want  # the same moment; the printed wall time is published_local
    if name == "date" and isinstance(want, str):
        want = date.fromisoformat(want)
    if name in ("title", "outlet", "dateline", "source", "language") and want is not None:
        want = str(want)
    return got == want


def evaluate(gold_dir: Path = DEFAULT_GOLD) -> Report:
    expected = yaml.safe_load((gold_dir / "expected.yaml").read_text("utf-8"))
    docs = sorted(p for p in gold_dir.iterdir() if p.name != "expected.yaml" and not p.name.startswith("."))
    missing = {p.name for p in docs} ^ set(expected)
    if missing:
        raise ValueError(f"documents and expected.yaml disagree on: {sorted(missing)}")
    report = Report()
    for path in docs:
        want = expected[path.name]
        got, warnings = extract(path)
        report.docs += 1
        for kind in warnings:
            report.warnings.setdefault(kind, []).append(path.name)
        for name in FIELDS:
            if _same(name, got[name], want.get(name)):
                report.correct[name] += 1
            else:
                report.mismatches.append((path.name, name, got[name], want.get(name)))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", default=str(DEFAULT_GOLD))
    parser.add_argument("--verbose", "-v", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)
    report = evaluate(Path(args.gold_dir))
    print(f"documents: {report.docs}")
    for name, acc in report.accuracy().items():
        print(f"{name:10s} {acc:6.1%}  ({report.correct[name]}/{report.docs})")
    for kind, names in sorted(report.warnings.items()):
        print(f"warning {kind}: {len(names)} ({', '.join(names)})")
    if args.verbose:
        for doc, name, got, want in report.mismatches:
            print(f"  {doc}: {name}: got {got!r}, want {want!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
