"""Corpus-level learning of site-template lines, two passes per batch (newsmill/recurring.py).

Pass 1 cleans and extracts every document of the batch as usual and profiles the lines
that survived as paragraph text. The batch's counts (per outlet, per distinct article) are
added to what was seen before: in a run, the warehouse's internal tables `outlet_docs` and
`outlet_lines` plus the counts the run's earlier batches staged; in a rebuild, the counts
kept in memory. Pass 2 re-runs only the documents holding a line that is now a template
of their outlet, with those lines labelled (kind `site_template`), so the headline, byline
and paragraphs are found as if the template line were never there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsmill import recurring
from newsmill.model import DocResult
from newsmill.recurring import Counts, Profile

# (item, decoded, learned spans or None) -> DocResult: flows/batch.py's extraction call
Extract = Callable[[object, object, list | None], DocResult]
# outlet groups -> what earlier batches and runs counted for them
BaseCounts = Callable[[set[str]], Counts]


@dataclass
class _Pass:
    item: object
    decoded: object
    result: DocResult | None
    profile: Profile | None


class Learner:
    """Counts a batch, merges it with earlier counts and labels each document's template lines.

    `base`: earlier counts, a Counts (kept in memory: batches add to it, as in a rebuild
    from Parquet) or a function of the batch's outlet groups (read from the warehouse in a
    run). `learn=False` only applies what `base` knows (reprocess: those documents were
    counted when they were loaded).
    """

    def __init__(self, base: Counts | BaseCounts | None = None, learn: bool = True,
                 rules: recurring.Rules | None = None):
        self.base = base if base is not None else Counts()
        self.learn = learn
        self.rules = rules or recurring.load_rules()
        self.batch = Counts()  # the last batch's own counts (what a run stages)
        self.batch_base = Counts()

    def _active(self) -> bool:
        return self.learn or callable(self.base) or bool(self.base.docs)

    def process(self, docs: Iterable[tuple[object, object]], extract: Extract) -> list[tuple[object, object, DocResult | None]]:
        """(item, decoded) pairs → (item, decoded, result); result None when pass 1 failed (the caller retries and rejects)."""
        passes = [self._first(item, decoded, extract) for item, decoded in docs]
        if not self._active():
            return [(p.item, p.decoded, p.result) for p in passes]
        profiles = [p.profile for p in passes if p.profile is not None]
        groups = {p.group for p in profiles}
        base = self.base(groups) if callable(self.base) else self.base
        self.batch_base = base
        self.batch = recurring.count(profiles, base, self.rules) if self.learn else Counts()
        total = base.merge(self.batch)
        if isinstance(self.base, Counts) and self.learn:
            total.prune(self.rules.error)
            self.base = total
        return [(p.item, p.decoded, self._second(p, total, extract)) for p in passes]

    def _first(self, item, decoded, extract: Extract) -> _Pass:
        if decoded.error is not None:
            return _Pass(item, decoded, None, None)
        try:
            result = extract(item, decoded, None)
        except Exception:  # the caller runs it again and records the reason
            return _Pass(item, decoded, None, None)
        # a JSONL record's URL is its source_uri too: so reprocess, which keeps no URL, groups it the same way
        url = getattr(item, "url", None) or getattr(item, "source_uri", None)
        group = recurring.group_of(result.article.outlet, url) if result.article else None
        prof = recurring.profile(result.page_text, result.spans, group, self.rules) if group and self._active() else None
        return _Pass(item, decoded, result, prof)

    def _second(self, p: _Pass, total: Counts, extract: Extract) -> DocResult | None:
        if p.profile is None:
            return p.result
        learned = recurring.template_spans(p.profile, total, self.rules)
        if not learned:
            return p.result
        try:
            again = extract(p.item, p.decoded, learned)
        except Exception:
            return p.result
        first = p.result.article
        if again.article is not None and again.article.outlet is None and first is not None:
            again.article.outlet = first.outlet  # the outlet the template line named is still the outlet
        return again

    def staged_rows(self) -> dict[str, list[dict]]:
        """The last batch's counts as rows of the internal tables (added up at load)."""
        if not self.learn:
            return {}
        return count_rows(self.batch, self.batch_base, self.rules.error)


def count_rows(counts: Counts, base: Counts | None = None, error: float = 0.0) -> dict[str, list[dict]]:
    """Rows for `outlet_docs` and `outlet_lines`; lines that lossy counting would forget at once are left out."""
    base = base or Counts()
    docs = [{"outlet": g, "doc_count": n} for g, n in sorted(counts.docs.items())]
    lines = []
    for (g, key), n in sorted(counts.lines.items()):
        delta = base.delta.get((g, key), counts.delta.get((g, key), 0))
        if n + base.lines.get((g, key), 0) + delta <= int(error * (base.docs[g] + counts.docs[g])):
            continue
        lines.append({"outlet": g, "line_key": key, "doc_count": n, "delta": delta,
                      "text": counts.text.get((g, key), key)})
    return {"outlet_docs": docs, "outlet_lines": lines} if docs else {}


def counts_from_rows(docs: Iterable[tuple[str, int]], lines: Iterable[tuple[str, str, int, int, str]]) -> Counts:
    """A Counts from the warehouse's (outlet, doc_count) and (outlet, line_key, doc_count, delta, text) rows."""
    out = Counts()
    for group, n in docs:
        out.docs[group] += int(n)
    for group, key, n, delta, text in lines:
        out.lines[(group, key)] += int(n)
        out.delta[(group, key)] = int(delta)
        out.text[(group, key)] = text
    return out
