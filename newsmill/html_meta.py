"""Article metadata an HTML page declares in its markup (not in its visible text).

Sources, strongest first for each field:
- JSON-LD (`<script type="application/ld+json">`): `datePublished`, `dateModified`,
  `author`, `publisher.name`, `headline`; objects found anywhere, also inside `@graph`
  and lists; malformed JSON is repaired where cheap (trailing commas, comments, raw
  control characters) and otherwise skipped.
- Open Graph / article meta tags: `og:site_name`, `og:title`, `article:published_time`,
  `article:modified_time`, `author`, `article:author`.
- `<time datetime>`: only when it is marked as the publication time (itemprop
  `datePublished`, `pubdate`) or is the single `<time>` of the article (inside
  `<article>` when there is one); a page of many `<time>` tags is a headline list.
- `<title>` (kept apart as `html_title`; its site-name suffix is dropped later).

`extract_meta(root)` reads the lxml tree newsmill/htmlblocks.py parsed for the block
walk (the page is parsed once) and returns a flat `dict[str, str]`; `authors` holds
names joined by newlines. Update stamps go to `modified_time` and are never the publication time.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

__all__ = ["extract_meta", "split_authors"]

_META_KEYS = {
    "og:site_name": "site_name",
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "published_time",
    "og:published_time": "published_time",
    "datepublished": "published_time",
    "pubdate": "published_time",
    "article:modified_time": "modified_time",
    "og:updated_time": "modified_time",
    "author": "author",
    "article:author": "author",
    "og:url": "url",
}
# schema.org types that describe the article itself (others, e.g. WebSite or
# BreadcrumbList, only contribute a publisher when no article object names one).
_ARTICLE_TYPES = frozenset(
    "article newsarticle reportagenewsarticle analysisnewsarticle opinionnewsarticle "
    "backgroundnewsarticle blogposting liveblogposting webpage report scholarlyarticle".split()
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_JS_COMMENT = re.compile(r"^\s*//[^\n]*$|/\*.*?\*/", re.MULTILINE | re.DOTALL)
_LD_JSON = re.compile(r"ld\+json", re.IGNORECASE)
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)


def split_authors(value: str | None) -> list[str]:
    """The `authors` meta value back as a list."""
    return [a for a in (value or "").split("\n") if a]


def extract_meta(root) -> dict[str, str]:
    """Metadata declared in the markup of a parsed page (an lxml tree), as flat strings."""
    meta: dict[str, str] = {}
    _from_json_ld(root, meta)
    authors: list[str] = split_authors(meta.pop("authors", None))
    for tag in root.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = " ".join((tag.get("content") or "").split())
        target = _META_KEYS.get(key)
        if not target or not value:
            continue
        if target == "author":
            if not _URL.match(value):  # article:author is often a profile URL
                authors.append(value)
        elif target not in meta:
            meta[target] = value
    time_value = _publication_time_tag(root)
    if time_value and "published_time" not in meta:
        meta["published_time"] = time_value
    title = next(root.iter("title"), None)
    title_text = " ".join("".join(title.itertext()).split()) if title is not None else ""
    if title_text:
        meta["html_title"] = title_text
    if authors:
        meta["authors"] = "\n".join(dict.fromkeys(authors))
    return meta


# --- <time> ----------------------------------------------------------------------


def _time_tags(scope) -> list:
    return [t for t in scope.iter("time") if t.get("datetime") is not None]


def _publication_time_tag(root) -> str | None:
    """`datetime` of the <time> tag that marks the article's publication, else None."""
    tags = _time_tags(root)
    for tag in tags:
        if (tag.get("itemprop") or "").lower() == "datepublished" or tag.get("pubdate") is not None:
            return tag.get("datetime").strip() or None
    scope = next(root.iter("article"), None)
    if scope is not None:
        tags = _time_tags(scope)
    tags = [t for t in tags if not _marks_update(t)]
    if len(tags) == 1:
        return tags[0].get("datetime").strip() or None
    return None  # none, or several: a list of other stories' times, not this one's


def _marks_update(tag) -> bool:
    markers = " ".join([tag.get("itemprop") or "", tag.get("class") or ""]).lower()
    return any(word in markers for word in ("modified", "updated", "update"))


# --- JSON-LD -----------------------------------------------------------------------


def _load_json(text: str) -> Any:
    """json.loads with cheap repairs for what CMSs commonly emit; None when hopeless."""
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", _JS_COMMENT.sub("", text))):
        try:
            return json.loads(attempt, strict=False)  # strict=False: raw newlines inside strings
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def _objects(node: Any, depth: int = 0) -> Iterator[dict]:
    """Every JSON object in a JSON-LD tree (lists and @graph included), outermost first."""
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _objects(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _objects(graph, depth + 1)


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item)
        if name and not _URL.match(name):
            names.append(name)
    return names


def _from_json_ld(root, meta: dict[str, str]) -> None:
    articles: list[dict] = []
    others: list[dict] = []
    for script in root.iter("script"):
        if not _LD_JSON.search(script.get("type") or ""):
            continue
        data = _load_json(script.text or "")
        for obj in _objects(data):
            (articles if _types(obj) & _ARTICLE_TYPES else others).append(obj)
    # An article object with a date beats a bare WebPage wrapper.
    articles.sort(key=lambda o: ("datepublished" not in {k.lower() for k in o}, "webpage" in _types(o)))
    for obj in articles:
        fields = {k.lower(): v for k, v in obj.items()}
        for key, target in (("datepublished", "published_time"), ("datemodified", "modified_time"),
                            ("headline", "title")):
            value = _text(fields.get(key))
            if value and target not in meta:
                meta[target] = value
        publisher = _text(fields.get("publisher"))
        if publisher and "site_name" not in meta and "publisher" not in meta:
            meta["publisher"] = publisher
        authors = _names(fields.get("author"))
        if authors and "authors" not in meta:
            meta["authors"] = "\n".join(authors)
    if "publisher" not in meta:
        for obj in others:
            if _types(obj) & {"newsmediaorganization", "organization"} and _text(obj.get("name")):
                meta["publisher"] = _text(obj.get("name"))
                break
