"""Turn one batch of raw inputs into warehouse rows (plain functions; the task wraps them).

Every input yields a `sources` row; every new document yields a `documents` row
and then either article rows or a document-scope `rejects` row. Nothing is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, time, timezone

from dateutil import parser as dateparser

from flows.learning import Learner
from flows.sources import RawInput, ReadFailure
from newsmill.version import pipeline_version
from newsmill.article_check import CHECK as NOT_ARTICLE, not_an_article
from newsmill.checks import extraction_findings
from newsmill.core import Decoded, decode_document, process_text
from newsmill.enrich import enrich
from newsmill.entities import EntityExtractor
from newsmill.gazetteer import Entity
from newsmill.layout import overlaps, unaccounted
from newsmill.model import DocResult
from newsmill.outlets import load_outlets

PAYLOAD_PREVIEW = 2000  # characters of offending input kept in rejects.payload
WARNING_SAMPLES = 5  # examples kept per warning kind and batch (dq_results.sample)


@dataclass
class BatchRows:
    """Rows per table for one batch, plus run counters."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {
        t: [] for t in ("documents", "sources", "articles", "paragraphs", "boilerplate", "rejects",
                        "quotes", "mentions", "entities")
    })
    seen: int = 0
    new: int = 0
    duplicate: int = 0
    new_doc_ids: list[str] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)  # kind -> doc_ids (extraction warnings)
    warning_samples: dict[str, list[dict]] = field(default_factory=dict)  # kind -> a few {"doc_id", ...} examples
    counts: dict[str, list[dict]] = field(default_factory=dict)  # internal table -> rows (template-line counts)

    def add(self, table: str, row: dict) -> None:
        self.tables[table].append(row)

    def warn(self, kind: str, doc_id: str, sample: dict | None = None) -> None:
        """Count a warning once per document; keep the first few samples (newsmill/checks.py)."""
        docs = self.warnings.setdefault(kind, [])
        if not docs or docs[-1] != doc_id:
            docs.append(doc_id)
        samples = self.warning_samples.setdefault(kind, [])
        if sample is not None and len(samples) < WARNING_SAMPLES:
            samples.append({"doc_id": doc_id, **sample})


def reject_row(run_id: str, *, doc_id: str | None, source_uri: str | None, stage: str, check: str,
               reason: str, payload: dict | None = None, scope: str = "document") -> dict:
    return {
        "run_id": run_id, "scope": scope, "doc_id": doc_id, "source_uri": source_uri, "stage": stage,
        "check": check, "reason": reason,
        "payload": json.dumps({"pipeline_version": pipeline_version(), **(payload or {})}, ensure_ascii=False, default=str),
    }


def build_rows(items: list[RawInput | ReadFailure], known: set[str], run_id: str,
               known_persons: list[Entity] | None = None, learner: Learner | None = None) -> BatchRows:
    """Rows for a batch; `known` holds doc_ids already in the warehouse or earlier in the run.

    `known_persons` (PERSON entities already in the warehouse) let a new spelling of a
    person seen in an earlier run resolve to that person. `learner` adds what earlier
    batches and runs counted to the batch's own site-template counts (flows/learning.py).
    """
    rows = BatchRows()
    now = datetime.now(timezone.utc)
    fresh: list[RawInput | ReadFailure] = []
    for item in items:
        rows.seen += 1
        rows.add("sources", {"source_uri": item.source_uri, "doc_id": item.doc_id, "run_id": run_id, "seen_at": now})
        if item.doc_id is not None and item.doc_id in known:
            rows.duplicate += 1
            continue
        if item.doc_id is not None:
            known.add(item.doc_id)
            rows.new += 1
            rows.new_doc_ids.append(item.doc_id)
        fresh.append(item)
    if not fresh:  # all known (a re-read multi-document file): no models to load, nothing to extract
        return rows
    registry = load_outlets()
    extractor = EntityExtractor(known_persons)
    learner = learner or Learner()
    # two passes: count the batch's recurring lines, then clean each page with them
    decoded = [(item, decode_document(item.data, item.content_type)) for item in fresh if isinstance(item, RawInput)]
    done = iter(learner.process(decoded, lambda i, d, learned: extract(i, d, registry, learned)))
    for item in fresh:  # in input order
        if isinstance(item, ReadFailure):
            _add_read_failure(rows, item, run_id)
        else:
            _, dec, result = next(done)
            _add_document(rows, item, run_id, registry, extractor, decoded=dec, result=result)
    rows.counts = learner.staged_rows()
    add_entity_rows(rows, extractor)
    return rows


def extract(item: RawInput, decoded: Decoded, registry, learned: list | None = None) -> DocResult:
    """Clean and extract one decoded input (`learned`: its site-template spans, flows/learning.py)."""
    return process_text(decoded.page_text, meta=decoded.meta, url=item.url,
                        fetched_at=_parse_fetched(item.fetched_at), registry=registry,
                        blocks=decoded.blocks, learned=learned)


def add_entity_rows(rows: BatchRows, extractor: EntityExtractor) -> None:
    """One `entities` row per entity the batch's mentions and quotes refer to."""
    referenced = {r["entity_id"] for r in rows.tables["mentions"]}
    referenced |= {r["speaker_entity_id"] for r in rows.tables["quotes"] if r["speaker_entity_id"]}
    rows.tables["entities"] = extractor.entity_rows(referenced)


def _add_read_failure(rows: BatchRows, item: ReadFailure, run_id: str) -> None:
    preview = item.data[:PAYLOAD_PREVIEW].decode("utf-8", "replace") if item.data else None
    if item.doc_id is not None:
        rows.add("documents", {
            "doc_id": item.doc_id, "content_type": "text/plain", "encoding": None,
            "byte_size": len(item.data or b""), "raw_text": preview, "page_text": None,
            "status": "rejected", "first_seen_run": run_id,
        })
    rows.add("rejects", reject_row(run_id, doc_id=item.doc_id, source_uri=item.source_uri, stage="read",
                                   check=item.check, reason=item.reason, payload={"preview": preview}))


def _add_document(rows: BatchRows, item: RawInput, run_id: str, registry, extractor: EntityExtractor,
                  decoded: Decoded | None = None, result: DocResult | None = None) -> None:
    """`decoded` is given when rebuilding from stored text (flows/reprocess.py); `result` when already extracted."""
    decoded = decoded or decode_document(item.data, item.content_type)
    doc = {
        "doc_id": item.doc_id, "content_type": decoded.content_type or item.content_type, "encoding": decoded.encoding,
        "byte_size": len(item.data), "raw_text": decoded.raw_text, "page_text": decoded.page_text,
        "status": "loaded", "first_seen_run": run_id,
    }
    rows.add("documents", doc)

    def reject(stage: str, check: str, reason: str, payload: dict) -> None:
        doc["status"] = "rejected"
        rows.add("rejects", reject_row(run_id, doc_id=item.doc_id, source_uri=item.source_uri,
                                       stage=stage, check=check, reason=reason, payload=payload))

    if decoded.error is not None:
        head = item.data[:64]
        reject("decode", decoded.error.check, decoded.error.reason,
               {"byte_size": len(item.data), "head_hex": head.hex()})
        return
    try:
        result = result or extract(item, decoded, registry)
    except Exception as exc:  # one bad page must not stop the run; the reason is kept
        reject("extract", "extract_error", f"{type(exc).__name__}: {exc}",
               {"preview": decoded.page_text[:PAYLOAD_PREVIEW]})
        return
    if result.article is None:
        reject("extract", result.reject_check or "no_article", result.reject_reason or "no article found",
               {"preview": decoded.page_text[:PAYLOAD_PREVIEW]})
        return
    why_not = not_an_article(result.article, decoded.raw_text if doc["content_type"] == "text/html" else None)
    if why_not:
        reject("extract", NOT_ARTICLE, why_not, {"preview": decoded.page_text[:PAYLOAD_PREVIEW]})
        return
    problem = _accounting_problem(result)
    if problem:
        reject("validate", problem[0], problem[1], {"ranges": problem[2]})
        return
    for kind in result.warnings:
        rows.warnings.setdefault(kind, []).append(item.doc_id)
    for finding in extraction_findings(result, url=item.url, registry=registry):  # warnings: still loaded
        rows.warn(finding.kind, item.doc_id, finding.sample)
    _add_article(rows, item.doc_id, result)
    _add_enrichment(rows, item, run_id, result, extractor)


def _add_enrichment(rows: BatchRows, item: RawInput, run_id: str, result: DocResult,
                    extractor: EntityExtractor) -> None:
    """Quotes and mentions; a failure here holds back only these rows, never the article."""
    try:
        found = enrich(extractor, result)
    except Exception as exc:
        rows.add("rejects", reject_row(run_id, doc_id=item.doc_id, source_uri=item.source_uri, stage="enrich",
                                       check="enrich_error", reason=f"{type(exc).__name__}: {exc}", scope="row"))
        return
    version, doc_id = pipeline_version(), item.doc_id
    # dozens of mentions a document: one comprehension, the Mention tuples unpacked
    rows.tables["mentions"] += [{"doc_id": doc_id, "entity_id": entity_id, "surface": surface, "start": start,
                                 "end": end, "para_no": para_no, "pipeline_version": version}
                                for entity_id, surface, start, end, para_no in found.entities.mentions]
    for q in found.quotes:
        rows.add("quotes", {"doc_id": item.doc_id, "quote_no": q.quote_no, "speaker": q.speaker,
                            "speaker_entity_id": q.speaker_entity_id, "text": q.text, "start": q.start,
                            "end": q.end, "cue": q.cue, "pipeline_version": version})


def _accounting_problem(result: DocResult) -> tuple[str, str, list] | None:
    """The contract invariant: every character is a paragraph or a span, none overlapping."""
    paragraphs = result.article.paragraphs
    bad = overlaps([*paragraphs, *result.spans])
    if bad:
        return "spans_overlap", f"{len(bad)} overlapping paragraph/boilerplate ranges", bad[:20]
    gaps = unaccounted(result.page_text, paragraphs, result.spans)
    if gaps:
        return "chars_accounted", f"{len(gaps)} ranges of page_text are neither body nor boilerplate", gaps[:20]
    return None


def _add_article(rows: BatchRows, doc_id: str, result: DocResult) -> None:
    art = result.article
    pub = art.published
    version = pipeline_version()
    rows.add("articles", {
        "doc_id": doc_id, "title": art.title, "title_source": art.title_source, "outlet": art.outlet,
        "authors": list(art.authors), "dateline": art.dateline,
        # midnight datetime and UTC instant: the types pandas/Arrow hold without loss
        "published_date": datetime.combine(pub.date, time()) if pub.date else None,
        "published_at": pub.instant.astimezone(timezone.utc) if pub.instant else None,
        "published_local": pub.local,
        "date_source": pub.source, "language": art.language, "body": art.body,
        "word_count": art.word_count, "story_id": None, "pipeline_version": version,
    })
    rows.tables["paragraphs"] += [{"doc_id": doc_id, "para_no": p.para_no, "text": p.text, "start": p.start,
                                   "end": p.end, "pipeline_version": version} for p in art.paragraphs]
    page_text = result.page_text
    rows.tables["boilerplate"] += [{"doc_id": doc_id, "start": s.start, "end": s.end, "kind": s.kind, "rule": s.rule,
                                    "text": page_text[s.start:s.end], "pipeline_version": version}
                                   for s in result.spans]


def _parse_fetched(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return dateparser.isoparse(value)
    except (ValueError, OverflowError):
        return None
