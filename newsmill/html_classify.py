"""Label the blocks of an HTML page as article or boilerplate, from their DOM features.

The DOM walk (newsmill/htmlblocks.py) gives every block features; this module decides:

1. **Article container.**  Every block is *good* (article-like prose: long enough, few
   links, under no boilerplate hint or region) or *other*.  The container is the element
   whose subtree maximises good characters minus `bad_weight` × other characters: the
   smallest element that holds the article and as little else as possible.  Blocks
   outside it are page template (rule `outside_article`), except the page's headline.
2. **Inside the container**, a block under an element whose tag, role or class/id names
   a boilerplate region (share bar, related links, comments, tags, author bio, ads ...)
   is labelled with that kind (rule `dom_<hint>`), and so is a short link list
   (rule `link_list`), including a linked h2-h6 that no prose follows (a teaser card's
   headline).  A hinted element there counts as the article's wrapper (its hint ignored) only if it
   holds at least `hint_min_share` of the container's prose paragraphs.
3. **Text detectors** (newsmill/boilerplate.py) then run on the blocks the DOM kept and
   label what the DOM cannot see ("Read also: ..." lines, counters, credits, stamps).

Every span names its kind and rule; nothing is deleted.
"""

from __future__ import annotations

from bisect import bisect_right

from newsmill.boilerplate import detect_boilerplate
from newsmill.htmlblocks import HtmlBlock, rules
from newsmill.model import Line, Span
from newsmill.spans import clip_all

# (feature, kind) in priority order: the first feature a block has names its kind.
_KIND_OF = (
    ("comments", "comments"),
    ("cookie", "footer"),
    ("share", "share"),
    ("subscribe", "promo"),
    ("advert", "promo"),
    ("tags", "tags"),
    ("author", "author_bio"),
    ("widget", "widget"),
    ("related", "related_headlines"),
    ("caption", "photo_credit"),
    ("gallery", "photo_credit"),
    ("menu", "navigation"),
    ("navigation", "navigation"),
    ("footer", "footer"),
    ("header", "navigation"),
    ("sidebar", "promo"),
)
_NEGATIVE = frozenset(name for name, _ in _KIND_OF)
# Hints that are too loose to condemn a block inside the article on their own ('menu' may
# be an in-article table of contents, 'widget' an embedded tweet or chart, 'header' the
# article's own header).  A caption is not among them: the article benchmark (AEB) showed
# captions inside the article container to be the largest source of kept junk.
_SOFT_INSIDE = frozenset({"header", "widget", "menu"})


class _Page:
    """Per-page feature tables: prose per element and the features that count."""

    def __init__(self, blocks: list[HtmlBlock]):
        cfg = rules()["thresholds"]
        self.cfg = cfg
        self.blocks = blocks
        shaped = [_is_prose(b, cfg) for b in blocks]
        # A lone snippet right after a linked headline is a teaser card ('<h5><a>Headline</a></h5>
        # date, snippet'), not a paragraph; prose among prose, or long, stands on its own.
        def teaser(i: int) -> bool:
            if blocks[i].text_chars >= cfg["lone_prose_min_chars"]:
                return False
            if (i > 0 and shaped[i - 1]) or (i + 1 < len(blocks) and shaped[i + 1]):
                return False
            return any(_linked_headline(blocks[j], cfg) for j in range(max(0, i - 3), i))

        self.prose_block = [ok and not teaser(i) for i, ok in enumerate(shaped)]
        self.paragraphs: dict[int, int] = {}  # element uid -> prose blocks under it
        paragraphs = self.paragraphs
        for block, is_prose in zip(blocks, self.prose_block):
            if is_prose:
                for element in block.ancestors:
                    paragraphs[element.uid] = paragraphs.get(element.uid, 0) + 1
        # Where the markup says "this is the article body" (itemprop=articleBody), the page's own
        # statement wins over the regions and hints of the elements around it: a short agency
        # item inside an <aside> is still the article.  Ancestors above it are not read.
        self.body_from = [max((d for d, e in enumerate(b.ancestors) if e.region == "article_body"), default=0)
                          for b in blocks]
        self.effective: dict[int, frozenset[str]] = {}
        self.wrapper_names: dict[int, frozenset[str]] = {}  # names ignored on elements holding prose
        for block in blocks:
            for element in block.ancestors:
                if element.uid in self.effective:
                    continue
                names = set(element.hints)
                if element.region:
                    names.add(element.region)
                # Share bars, ads, menus, tag lists and captions never hold several
                # paragraphs of prose; an element that does is the article's wrapper.
                holds_article = paragraphs.get(element.uid, 0) >= cfg["hint_min_paragraphs"]
                if holds_article:
                    self.wrapper_names[element.uid] = frozenset(names)
                    names &= {"comments"}
                self.effective[element.uid] = frozenset(names)

    def inside(self, block: HtmlBlock, depth: int, container: int) -> set[str]:
        """Features of the block's ancestors below the container (at `depth`).

        Inside the container, an element only counts as the article's wrapper (and its
        hints are ignored) if it holds a large share of the container's prose: a
        'support us' box of three paragraphs under a long article is still a promo.
        """
        found: set[str] = set()
        share = self.cfg["hint_min_share"] * self.paragraphs.get(container, 0)
        for element in block.ancestors[max(depth + 1, self.body_from[block.index]) :]:
            found |= self.effective[element.uid]
            if element.uid in self.wrapper_names and self.paragraphs[element.uid] < share:
                found |= self.wrapper_names[element.uid]
        return found

    def _best(self, good) -> int | None:
        """uid maximising good chars minus weighted other chars in its subtree.

        Link text and hinted blocks weigh `bad_weight`; short plain text (a subheading,
        a one-line paragraph) only `plain_weight`: articles have those too.
        """
        weight, plain = self.cfg["bad_weight"], self.cfg["plain_weight"]
        score: dict[int, float] = {}
        good_total: dict[int, int] = {}
        depth: dict[int, int] = {}
        for block in self.blocks:
            is_good = good(block)
            if is_good:
                value = float(block.text_chars)
            elif self.features(block) & _NEGATIVE:
                value = -weight * block.text_chars
            else:
                value = -weight * block.link_chars - plain * (block.text_chars - block.link_chars)
            for d, element in enumerate(block.ancestors):
                score[element.uid] = score.get(element.uid, 0.0) + value
                depth[element.uid] = d
                if is_good:
                    good_total[element.uid] = good_total.get(element.uid, 0) + block.text_chars
        if not score:
            return None
        best = max(score, key=lambda uid: (score[uid], depth[uid]))
        return best if good_total.get(best, 0) >= self.cfg["min_container_chars"] else None

    def features(self, block: HtmlBlock, depth_from: int = 1) -> set[str]:
        """Effective hint and region names of the block's ancestors below `depth_from`.

        <body> (depth 0) is skipped: CMSs put page-type classes on it ('has-sidebar').
        """
        found: set[str] = set()
        for element in block.ancestors[max(1, depth_from, self.body_from[block.index]):]:
            found |= self.effective[element.uid]
        return found


def _kind(features: set[str]) -> str | None:
    for name, kind in _KIND_OF:
        if name in features:
            return kind
    return None


def _linked_headline(block: HtmlBlock, cfg: dict) -> bool:
    return block.text_chars >= cfg["teaser_lead_link_chars"] and block.link_density >= cfg["link_dense"]


def _is_prose(block: HtmlBlock, cfg: dict) -> bool:
    """Article-like text: long enough, and not mostly links (long prose may link more)."""
    if block.text_chars < cfg["good_block_min_chars"]:
        return False
    if block.lead_link_chars >= cfg["teaser_lead_link_chars"]:
        return False  # opens with a headline-long link: a teaser ('Headline WASHINGTON: ...')
    if block.text_chars >= cfg["long_block_chars"]:
        return block.link_density <= cfg["long_max_link_density"]
    return block.link_density <= cfg["good_max_link_density"]


def find_container(blocks: list[HtmlBlock], page: _Page | None = None) -> int | None:
    """uid of the element holding the article, or None when no element stands out."""
    page = page or _Page(blocks)
    return page._best(lambda b: page.prose_block[b.index] and not (page.features(b) & _NEGATIVE))


def classify_blocks(blocks: list[HtmlBlock]) -> list[Span]:
    """Boilerplate spans for the blocks of one page (DOM evidence only)."""
    page = _Page(blocks)
    cfg = page.cfg
    container = find_container(blocks, page)
    spans: list[Span] = []
    first_inside = next(
        (b.index for b in blocks if container is not None and any(e.uid == container for e in b.ancestors)),
        None,
    )
    headline = _headline(blocks, first_inside)
    for block in blocks:
        depth = next((d for d, e in enumerate(block.ancestors) if e.uid == container), None)
        if container is not None and depth is None:
            if block.index == headline:
                continue
            kind = _kind(page.features(block)) or "page_chrome"
            spans.append(Span(block.start, block.end, kind, "outside_article"))
            continue
        inner = page.features(block) if depth is None else page.inside(block, depth, container)
        hard = inner - _SOFT_INSIDE
        kind = _kind(hard)
        if kind:
            rule = "dom_" + next(name for name, k in _KIND_OF if name in hard)
            spans.append(Span(block.start, block.end, kind, rule))
        elif (
            block.link_density >= cfg["link_dense"]
            and block.text_chars <= cfg["link_dense_max_chars"]
            and not _introduces_prose(page, block)
        ):
            spans.append(Span(block.start, block.end, _kind(inner) or "navigation", "link_list"))
    return spans


def _introduces_prose(page: _Page, block: HtmlBlock) -> bool:
    """A linked heading the article's prose follows is a subheading (a product name in a
    buying guide, a section title); the page's h1 is its headline.  A linked heading
    followed by a snippet, a date or another headline is a teaser card."""
    if block.heading == 1:
        return True
    if not block.heading:
        return False
    cfg = page.cfg
    # a byline or a date may stand between a story's heading and its text ('By Nathan Willis'):
    # up to `heading_skip_blocks` short plain blocks are read past, never a link or a heading
    last = min(len(page.blocks), block.index + 2 + cfg["heading_skip_blocks"])
    for following in range(block.index + 1, last):
        if page.prose_block[following]:
            return True
        between = page.blocks[following]
        if (between.heading or between.link_chars or between.text_chars > cfg["heading_skip_max_chars"]):
            return False
    return False


def _headline(blocks: list[HtmlBlock], first_inside: int | None) -> int | None:
    """Index of the page's h1 above the article container: it is the title, not template."""
    if first_inside is None:
        return None
    for block in blocks[:first_inside]:
        if block.heading == 1:
            return block.index
    return None


def label_html(page_text: str, lines: list[Line], blocks: list[HtmlBlock]) -> list[Span]:
    """DOM verdicts plus the text detectors on the blocks the DOM kept: sorted, non-overlapping.

    The text detectors only read the kept lines (template text is already explained, and
    skipping it keeps the HTML path fast); `lines` are page_text's lines, one per block.
    """
    dom = classify_blocks(blocks)
    labelled = {s.start for s in dom}
    kept = [line for line in lines if line.start not in labelled]
    found = detect_boilerplate(page_text, kept)
    if found:
        # A text span may run over several kept lines ('Related news' and the headlines
        # under it) and so across a line the DOM labelled in between: that line is
        # inside the text span's explanation, and a character is explained once.
        dom = [s for s in dom if not _inside_any(s, found)]
    # A text span that still reaches into a DOM-labelled block keeps only its own characters.
    return sorted([*dom, *clip_all(page_text, found, dom)], key=lambda s: s.start)


def _inside_any(span: Span, spans: list[Span]) -> bool:
    """True when `span` lies within one of `spans` (sorted by start, non-overlapping)."""
    i = bisect_right(spans, span.start, key=lambda s: s.start) - 1
    return i >= 0 and spans[i].end >= span.end
