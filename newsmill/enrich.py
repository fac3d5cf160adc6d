"""Enrichment of one extracted article: entity mentions, person references and quotations."""

from __future__ import annotations

from dataclasses import dataclass

from newsmill.entities import DocEntities, EntityExtractor
from newsmill.model import DocResult
from newsmill.quotes import Quote, extract_quotes

# Spans read for referents only (a quotation's "the head of state said" may point to the
# person the headline names); they never yield mentions.
CONTEXT_KINDS = ("title",)


@dataclass
class Enrichment:
    entities: DocEntities
    quotes: list[Quote]


def enrich(extractor: EntityExtractor, result: DocResult) -> Enrichment:
    """Mentions and quotations of an article (`result.article` must be set)."""
    paragraphs = result.article.paragraphs
    context = [(s.start, s.end) for s in result.spans if s.kind in CONTEXT_KINDS]
    entities = extractor.extract(result.page_text, paragraphs, context)
    return Enrichment(entities, extract_quotes(result.page_text, paragraphs, entities))
