"""Is what survived cleaning an article? Menus, listings and error pages are not.

Rules (thresholds and phrases) live in rules/article.yaml. The verdict is a
reason string for a rejects row with check 'not_article', or None.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from newsmill.model import Article
from newsmill.rule_files import read_rules

CHECK = "not_article"
MIN_WORDS_ENV = "NEWSMILL_MIN_BODY_WORDS"


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = read_rules("article.yaml")
    phrases = "|".join(re.escape(p) for p in rules["error_pages"]["phrases"])
    rules["_error_re"] = re.compile(rf"(?<!\w)(?:{phrases})(?!\w)", re.I)
    ends = re.escape(rules["prose"]["sentence_end"])
    rules["_sentence_end"] = re.compile(rf"[{ends}][\"'”’»)\]]*(?:\s|$)")
    return rules


def min_body_words(override: int | None = None) -> int:
    """The body-length floor: `override`, else $NEWSMILL_MIN_BODY_WORDS, else rules/article.yaml."""
    if override is not None:
        return override
    env = os.environ.get(MIN_WORDS_ENV, "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            raise ValueError(f"${MIN_WORDS_ENV} must be a whole number of words, not {env!r}") from None
    return int(_rules()["length"]["min_body_words"])


def not_an_article(article: Article, html: str | None = None, min_words: int | None = None) -> str | None:
    """Why `article` is not an article (a reason for a rejects row), or None when it is one.

    `min_words` overrides the body-length floor (see `min_body_words`).
    """
    rules = _rules()
    paragraphs = [p.text for p in article.paragraphs]
    if not any(_is_prose(p, rules["prose"], rules["_sentence_end"]) for p in paragraphs):
        return "no paragraph reads as prose (no sentence of a few words): a menu, a list of labels or a form"
    words = sum(len(p.split()) for p in paragraphs)
    floor = min_body_words(min_words)
    if words < floor:
        return f"only {words} words of body (fewer than {floor}): a teaser, a section page or a headline list"
    errors = rules["error_pages"]
    if words <= errors["max_body_words"]:
        hit = rules["_error_re"].search(" ".join([article.title, *paragraphs]))
        if hit:
            return f"a short page saying {hit.group(0)!r}: an error, login or bot-check page, not the article"
    if html is not None:
        share = _link_share(paragraphs, html, rules["links"])
        if share is not None and share > rules["links"]["max_share"]:
            return f"{share:.0%} of the body is link text: an index, listing or sitemap page"
    return None


def _is_prose(text: str, rules: dict, sentence_end: re.Pattern) -> bool:
    n = len(text.split())
    return n >= rules["min_words_any"] or (n >= rules["min_words_with_stop"] and bool(sentence_end.search(text)))


def _link_share(paragraphs: list[str], html: str, rules: dict) -> float | None:
    total = sum(len(p) for p in paragraphs)
    if total < rules["min_body_chars"]:
        return None
    anchors = _anchor_texts(html)
    if not anchors:
        return 0.0
    linked = sum(len(p) for p in paragraphs if " ".join(p.split()) in anchors)
    return linked / total


def _anchor_texts(html: str) -> set[str]:
    """Whitespace-collapsed text of every link in the page (lxml: fast, tolerant)."""
    import lxml.html  # lazy: plain-text runs never import it

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):  # empty or unparsable: no links to count
        return set()
    texts = set()
    for anchor in root.iter("a"):
        text = " ".join(anchor.text_content().split())
        if text:
            texts.add(text)
    return texts
