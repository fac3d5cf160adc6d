"""HTML → visible text blocks with DOM features (tag path, regions, class/id hints, links).

`parse_blocks` walks the DOM once (lxml, iteratively: deeply nested junk HTML must not
hit the recursion limit).  Block elements end a block; inline elements stay inside the
sentence they belong to.  Each block becomes one line of `page_text`, blocks are
separated by a blank line, and every block keeps what the DOM said about it:

- `ancestors`: the element chain from <body> down to the block's element, each element
  with its tag, the *region* its tag or role names (navigation, sidebar, footer, header,
  caption, content) and the *hints* its class/id words give (menu, share, related,
  comments, cookie, subscribe, advert, tags, author, widget, ...);
- `link_chars` / `text_chars`: how much of the block is link text;
- `index` (its position) and its offsets into `page_text`.

These are features, not verdicts: newsmill/html_classify.py decides.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from newsmill.rule_files import read_rules


# Never visible, or interface controls; their text is not page text.
_DROP_TAGS = frozenset(
    "script style noscript template svg iframe head button select option textarea input object "
    "embed canvas video audio map math link meta title datalist".split()
)
# A <form> wrapping the whole page (ASP.NET) holds the article; a small one is a search box.
_FORM_MAX_CHARS = 600
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot "
    "td th tr ul form center caption legend menu".split()
)
_NO_HINTS: frozenset[str] = frozenset()
# Format characters str.split() keeps: a block of only these shows nothing (WordPress
# pads empty paragraphs with U+200B).
_INVISIBLE_OR_SPACE = " \u200b\u200c\u200d\u2060\ufeff"
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class Element(NamedTuple):
    """One element on the path to a block: what its tag, role and class/id say.

    (A NamedTuple: one is built per element of the page, and tuples build fastest.)
    """

    uid: int  # document order; unique within a page
    tag: str
    region: str | None  # 'navigation', 'sidebar', 'footer', 'header', 'caption', 'content', ...
    hints: frozenset[str]  # hint names from rules/html.yaml found in class/id/itemprop


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """One visible text block of an HTML page and its DOM features."""

    index: int  # block number == line number in page_text
    start: int  # offsets into page_text
    end: int
    tag: str  # tag of the block's own element ('p', 'li', 'h2', 'div', ...)
    ancestors: tuple[Element, ...]  # from <body> (exclusive) down to the block's element
    text_chars: int
    link_chars: int
    lead_link_chars: int = 0  # link text before the block's first non-link word (teaser headlines)

    @property
    def path(self) -> str:
        return "/".join(e.tag for e in self.ancestors)

    @property
    def link_density(self) -> float:
        return self.link_chars / self.text_chars if self.text_chars else 0.0

    @property
    def regions(self) -> frozenset[str]:
        return frozenset(e.region for e in self.ancestors if e.region)

    @property
    def hints(self) -> frozenset[str]:
        return frozenset(h for e in self.ancestors for h in e.hints)

    @property
    def heading(self) -> int:
        """1-6 for h1-h6 blocks, 0 otherwise."""
        return _HEADINGS.get(self.tag, 0)


@dataclass
class DomText:
    page_text: str
    blocks: list[HtmlBlock] = field(default_factory=list)


@lru_cache(maxsize=1)
def rules() -> dict:
    return read_rules("html.yaml")


@lru_cache(maxsize=1)
def _hint_tables() -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    exact: dict[str, set[str]] = {}
    prefixes: list[tuple[str, str]] = []
    for name, words in rules()["hints"].items():
        for word in words:
            word = _NON_ALNUM.sub("", str(word).lower().rstrip("*")) + ("*" if str(word).endswith("*") else "")
            if word.endswith("*"):
                prefixes.append((word[:-1], name))
            else:
                exact.setdefault(word, set()).add(name)
    return {k: frozenset(v) for k, v in exact.items()}, tuple(prefixes)


@lru_cache(maxsize=8192)
def hints_of(attributes: str) -> frozenset[str]:
    """Hint names for a class/id/itemprop string ('social-share relatedPosts' → share, related)."""
    exact, prefixes = _hint_tables()
    starts = tuple(prefix for prefix, _ in prefixes)
    found: set[str] = set()
    tokens = [t for word in attributes.split() for t in _tokens(word)]
    # compounds written without separators ('sharebar') are listed in the YAML as words;
    # joined neighbours catch 'read-more' vs 'readmore' spelled either way
    candidates = tokens + [a + b for a, b in zip(tokens, tokens[1:])]
    for token in candidates:
        names = exact.get(token)
        if names:
            found |= names
        if token.startswith(starts):
            found.update(name for prefix, name in prefixes if token.startswith(prefix))
    return frozenset(found)


@lru_cache(maxsize=16384)
def _tokens(word: str) -> tuple[str, ...]:
    """Lower-cased tokens of one class/id word, split at non-alphanumerics and camelCase."""
    return tuple(t for t in _NON_ALNUM.split(_CAMEL.sub(" ", word).lower()) if t)


_PARSERS = threading.local()  # an lxml parser is reusable, but by one thread at a time


def parse_html(html: str):
    """The page's lxml tree (parsed once: the block walk and html_meta both read it), or None.

    A plain `lxml.etree` tree, not `lxml.html`'s: the walk only reads tags, attributes,
    text and tails, and lxml.html's per-element class lookup costs a Python call for
    every element the walk touches.
    """
    from lxml import etree  # lazy: plain-text runs never import it

    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        # huge_tree: libxml2 otherwise gives up on deeply nested junk HTML (> 256 levels)
        parser = _PARSERS.parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
        )
    data = html.encode("utf-8", errors="surrogatepass")
    try:
        return etree.fromstring(data, parser=parser)
    except Exception:  # libxml2 refuses documents it finds empty; an empty page has no blocks
        return None


def parse_blocks(html: str, root=None) -> DomText:
    """Visible text of `html`, one block per line, and each block's DOM features.

    `root`: the tree `parse_html(html)` already built, so the page is not parsed twice.
    """
    if root is None:
        root = parse_html(html)
    if root is None:
        return _flat_text(html)
    body = root.find("body")
    start_node = body if body is not None else root
    regions, roles = rules()["regions"], rules()["roles"]

    pieces: list[str] = []
    blocks: list[HtmlBlock] = []
    current: list[str] = []
    link_parts: list[int] = [0, 0, 0]  # link chars, lead-link chars, 1 once non-link text is seen
    pos = 0
    chain: list[Element] = []  # open elements on the path to the current node
    link_depth = 0
    uid = 0
    # Inline elements with a hint or region that closed inside the current block, as
    # (first piece of `current`, end piece, element): <p><span class="caption">...</span></p>
    inline: list[tuple[int, int, Element]] = []
    flushes = 0  # an inline element's piece indices only hold within one block
    cover = rules()["thresholds"]["inline_hint_cover"]
    item_parents: dict[int, bool] = {}  # the parent's uid -> does it hold only elements (see _glued_item)

    def flush() -> None:
        nonlocal pos, flushes
        raw = "".join(current)
        text = " ".join(raw.split())
        ancestors = tuple(chain)
        if inline and text:
            ancestors += _covering(current, inline, len(text) - text.count(" "), cover)
        flushes += 1
        inline.clear()
        current.clear()
        links, lead = link_parts[0], link_parts[1]
        link_parts[:] = [0, 0, 0]
        if not text or not text.strip(_INVISIBLE_OR_SPACE):  # nothing a reader sees
            return
        if pieces:
            pieces.append("\n\n")
            pos += 2
        pieces.append(text)
        owner = _block_owner(chain)
        blocks.append(HtmlBlock(len(blocks), pos, pos + len(text), owner, ancestors,
                                len(text), min(links, len(text)), min(lead, len(text))))
        pos += len(text)

    def add_text(text: str | None) -> None:
        if text:
            current.append(text)
            if link_depth:
                size = len(" ".join(text.split()))
                link_parts[0] += size
                if not link_parts[2]:
                    link_parts[1] += size
            elif not link_parts[2] and not text.isspace():
                link_parts[2] = 1

    # The stack holds elements still to open and, once an element is open, its closing
    # marker (a tuple: the element, its info, is_block, is_link, where its text started),
    # which is followed by the element's tail text.
    stack: list = [start_node]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if type(node) is tuple:
            node, info, is_block, is_link, opened = node
            if is_block:
                if current:  # an empty block leaves nothing to flush (and pieces stay valid)
                    flush()
            elif opened is not None and opened[1] == flushes:
                inline.append((opened[0], len(current), info))
            if is_link:
                link_depth -= 1
            chain.pop()
            add_text(node.tail)
            continue
        tag = node.tag
        if type(tag) is not str or tag in _DROP_TAGS:  # comments, PIs, entities; invisible tags
            add_text(node.tail)
            continue
        tag = tag.lower()
        items = node.items()
        if items:
            attributes = dict(items)
            if _hidden(attributes) or (tag == "form" and _small_form(node)):
                add_text(node.tail)
                continue
            itemprop = attributes.get("itemprop")
            names = " ".join(filter(None, (attributes.get("class"), attributes.get("id"), itemprop)))
            role = (attributes.get("role") or itemprop or "").strip().lower()
            region = regions.get(tag) or roles.get(role)
            hints = hints_of(names) if names else _NO_HINTS
        else:
            if tag == "form" and _small_form(node):
                add_text(node.tail)
                continue
            region = regions.get(tag)
            hints = _NO_HINTS
        if tag == "article" or tag == "main":
            region = region or "content"
        uid += 1
        info = Element(uid, tag, region, hints)
        is_block = tag in _BLOCK_TAGS
        is_link = tag == "a"
        if is_block and current:
            flush()
        elif current and chain and not current[-1][-1:].isspace() and _glued_item(node, chain[-1].uid, item_parents):
            current.append(" ")  # <a>Coal exports</a><a>Naadam 2025</a>: items a layout spaces apart
        if is_link:
            link_depth += 1
        chain.append(info)
        push((node, info, is_block, is_link,
              (len(current), flushes) if not is_block and (hints or region) else None))
        add_text(node.text)
        stack.extend(reversed(node))
    flush()
    if not blocks:
        return _flat_text(html)
    text = "".join(pieces)
    return DomText(text + "\n" if text else "", blocks)


def _glued_item(node, parent_uid: int, item_parents: dict[int, bool]) -> bool:
    """Does inline `node` follow an element sibling with nothing between them, in a parent
    that holds only elements (no text of its own)?  Such siblings are items a stylesheet
    lays out apart (a flex row of tags, a byline's name, time and reading time in minified
    markup): their texts need a space, or 'Temuulen Batbold' and 'June 3' read 'BatboldJune'.
    In a sentence ('He said <b>no</b><i>way</i>') the parent has text, and nothing is added."""
    previous = node.getprevious()
    if previous is None or previous.tail:
        return False
    found = item_parents.get(parent_uid)
    if found is None:
        parent = node.getparent()
        found = item_parents[parent_uid] = not (parent.text or "").strip() and all(
            not (child.tail or "").strip() for child in parent)
    return found


def _flat_text(html: str) -> DomText:
    """Fallback for HTML libxml2 cannot build a tree of (nesting beyond its depth limit):
    BeautifulSoup's text, one block per text run, with no DOM features."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    texts: list[str] = []
    current: list[str] = []
    stack: list = [soup.body or soup]  # iterative: the point of this path is deep nesting
    while stack:
        node = stack.pop()
        if node is None or (getattr(node, "name", None) in _BLOCK_TAGS):
            texts.append(" ".join("".join(current).split()))
            current.clear()
            if node is None:
                continue
            stack.append(None)
        elif getattr(node, "name", None) is None:
            if type(node).__name__ in ("NavigableString", "CData"):
                current.append(str(node))
            continue
        stack.extend(reversed(list(node.children)))
    texts.append(" ".join("".join(current).split()))
    pieces, blocks, pos = [], [], 0
    for text in filter(None, texts):
        if pieces:
            pos += 2
        pieces.append(text)
        blocks.append(HtmlBlock(len(blocks), pos, pos + len(text), "body", (), len(text), 0))
        pos += len(text)
    joined = "\n\n".join(pieces)
    return DomText(joined + "\n" if joined else "", blocks)


def _covering(current: list[str], inline: list[tuple[int, int, Element]], total: int,
              cover: float) -> tuple[Element, ...]:
    """Inline elements whose text is (nearly) the whole block: their hints describe the
    block as much as its block ancestors' do (<p><span class="credit">Photo: ...</span></p>)."""
    found = []
    for first, end, element in inline:
        covered = sum(len(piece) - piece.count(" ") - piece.count("\n") - piece.count("\t")
                      for piece in current[first:end])
        if covered >= cover * total:
            found.append(element)
    return tuple(found)


def _block_owner(chain: list[Element]) -> str:
    for element in reversed(chain):
        if element.tag in _BLOCK_TAGS and element.tag not in ("br", "hr"):
            return element.tag
    return chain[-1].tag if chain else "body"


def _small_form(node) -> bool:
    return sum(len(text) for text in node.itertext()) <= _FORM_MAX_CHARS


def _hidden(attributes: dict) -> bool:
    """Elements the browser never shows: hidden attribute, display:none."""
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    if style and "display" in style:
        squeezed = style.replace(" ", "").lower()
        if "display:none" in squeezed:
            return True
    return False
