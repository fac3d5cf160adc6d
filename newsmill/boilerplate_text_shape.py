"""Plain-text detectors that read a line's layout more than its words, in any language.

Scraped pages from sites newsmill has no word lists for still show their template in the
shape of its lines: link lists flattened with wide gaps between the items ('Home   News
Sport') or one item per line, prev/next links with arrows at their edges, a month calendar run
together on one line, contact lines (a phone number or an e-mail address and little else) and
the labelled lines of their box, lines made only of interface words, log-in-to-comment prompts,
newsletter boxes around their sign-up button, bracketed tool rows, a player's clock, search
placeholders, keyboard-shortcut hints, counters side by side, network bars after any label,
app-store lines, and the site's name at the top (the owner its copyright line names).  Thresholds
and the few word lists (interface words, phone labels, app stores, legal forms, comment/login
and newsletter words) live in rules/boilerplate_extra.yaml.  Registered after every other detector, so the older,
named rules win overlaps.  The page zones that need the other spans first (header, footer,
link runs) are in newsmill/page_zones.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsmill.boilerplate import _SENTENCE_END as _SENTENCES, _consecutive, _heads_list, _holds_lower, _stamped, detector
from newsmill import boilerplate_text_extra as _extra  # its attributes read at call time: it may import this module
from newsmill.boilerplate_patterns import alternation, flatten
from newsmill.dates import month_number
from newsmill.model import Span
from newsmill.rule_files import read_rules
from newsmill.text import is_pictograph, norm_key

# two or more spaces, a tab or an ideographic space (a full-width gap: CJK menus) between items of a flattened link list
_GAP = re.compile(r"[^\S\n]{2,}|\t|\u3000")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = (".", "!", "?", "…", ";")
_ARROW_START = re.compile(r"^[←‹«]\s")
_ARROW_END = re.compile(r"\s[→›»]$")
_DAY_RUN = re.compile(r"(?<!\d)(?:\d{1,2}\s+){13,}\d{1,2}(?!\d)")
# every run of 14 consecutive days that opens in the first week holds '10 11 12': found by a
# literal-led scan, so the costly run pattern only reads lines that may hold one
_DAY_RUN_CORE = re.compile(r"10\s+11\s+12")
# 'Working hours: Monday - Friday' - a label of one to four words, a colon, a value
_FIELD = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[ \-][^\W\d_][^\W\d_'’.\-]*){0,3}\.?\s?[:：]\s+\S")  # 'Тел.: ...'
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# digits with spaces, dashes and brackets between them ('+7 (7172) 74-96-03'); no dots or colons,
# so a date and a time ('21.04.2024 19:42') are never one
_PHONE = re.compile(r"(?<![\w+.:])\(?\+?\d[\d\s()\-]{7,}\d(?![\w.:])")
_ITEM_SPLIT = re.compile(r"\s*[|·•/,｜]\s*|[^\S\n]{2,}|\u3000")
_PHONE_CORE = re.compile(r"\d[\d\s()\-]{7,}\d")  # _PHONE without its edges: found by a skip to the next digit
_DIGIT = re.compile(r"\d")
_TOOL_SPLIT = re.compile(r"\s[|·•]\s|[^\S\n]{2,}|\t|\u3000")


@dataclass(frozen=True)
class ShapeRules:
    cfg: dict[str, Any]
    interface_words: frozenset[str]
    interface_firsts: frozenset[str]  # the first word of each (a line must open with one)
    counter_firsts: frozenset[str]  # ... or the first word of a counter noun ('Lesezeit: 4 Min.   Artikel anhören')
    phone_label: re.Pattern[str]  # 'tel:', 'факс', 'faks:' just before a number, in lower-cased text
    phone_label_keys: tuple[str, ...]  # a lower-cased line holding one of these may hold a label
    app_store: re.Pattern[str]    # 'app store', 'google play': store names a promo points to (lower-cased text)
    app_store_keys: tuple[str, ...]
    legal_forms: frozenset[str]  # 'LLC', 'ТОО': around a copyright owner's name, not part of the site's name
    comment_word: re.Pattern[str]  # comment_login: a comment word's stem at a word start ...
    login_word: re.Pattern[str]    # ... and a login word's
    comment_keys: tuple[str, ...]  # the comment stems, lower-cased (candidate lines hold one)
    newsletter_buttons: frozenset[str]  # newsletter_box: a sign-up button line, casefolded ...
    newsletter_word: re.Pattern[str]    # ... and a newsletter word in its box (stems)
    newsletter_end: re.Pattern[str]     # ... or the button closing a line after a sentence ('... every Monday. Sign up')
    newsletter_end_stop: re.Pattern[str]  # ... (after a sentence only: the scan's pattern)
    subscribe_word: re.Pattern[str]     # form_row: a subscription word in the pitch above a form ('abone', 'подпис')
    comment_heading: re.Pattern[str]    # comment_section: a bare heading ('Комментарии', 'Yorumlar:')
    sort_start: re.Pattern[str]         # ... a thread's sort switch ('Sort by: Newest')
    relative_time: re.Pattern[str]      # ... a commenter's time ('2 hours ago', 'vor 3 Stunden', 'dün')
    comment_about_max_words: int        # ... a line this short naming the comments is the thread's own
    comment_heading_keys: tuple[str, ...]  # ... a heading holds one of these stems, lower-cased (comment_keys and a few)
    thread_word: re.Pattern[str]        # ... a comment word or a word for the discussion ('Join the conversation')


@lru_cache(maxsize=1)
def shape_rules() -> ShapeRules:
    """The packaged thresholds and interface words, read once per process."""
    r = read_rules("boilerplate_extra.yaml")
    base = read_rules("boilerplate.yaml")
    words = flatten(r["interface_words"]) + flatten(base["share"]["networks"]) + flatten(base["footer"]["whole_line"])
    folded = frozenset(w.casefold() for w in words)
    # a sign-up button closing its line (no newline matched, none needed at the end: ctx.scanning searches
    # lines joined by newlines)
    closing_button = alternation(r["newsletter"]["buttons"]) + r"(?:[^\S\n]|[!.→›»>])*(?=\n|\Z)"
    return ShapeRules(cfg=r["shape"], interface_words=folded,
                      interface_firsts=frozenset(w.split()[0] for w in folded if w.split()),
                      counter_firsts=frozenset(w.split()[0].casefold() + tail for w in flatten(base["counter"]["nouns"])
                                               if w.split() for tail in ("", ":")),
                      phone_label=re.compile(r"(?<!\w)(?:" + alternation(_lowered(r["contact_labels"]), flags=0)
                                             + r")\.?[^\S\n]*[:：]?[^\S\n]*\(?\+?\d"),
                      phone_label_keys=_first_words(r["contact_labels"]),
                      app_store=re.compile(r"(?<!\w)(?:" + alternation(_lowered(r["app_stores"]), flags=0) + r")(?!\w)"),
                      app_store_keys=_first_words(r["app_stores"]),
                      legal_forms=frozenset(w.casefold().strip(".") for w in r["legal_forms"]),
                      comment_word=re.compile(r"(?<!\w)" + alternation(r["comment_login"]["comment_words"]), re.IGNORECASE),
                      login_word=re.compile(r"(?<!\w)" + alternation(r["comment_login"]["login_words"]), re.IGNORECASE),
                      comment_keys=tuple(w.lower() for w in r["comment_login"]["comment_words"]),
                      newsletter_buttons=frozenset(w.casefold() for w in r["newsletter"]["buttons"]),
                      newsletter_word=re.compile(r"(?<!\w)" + alternation(r["newsletter"]["words"]), re.IGNORECASE),
                      # after a sentence, or after a wide gap ('... Enter your email   Sign up')
                      newsletter_end=re.compile(r"(?:[.!?][^\S\n]+| {2,}|\t)" + closing_button, re.IGNORECASE),
                      # ... the sentence's form alone: a pattern opening with a stop scans a page fast
                      newsletter_end_stop=re.compile(r"[.!?][^\S\n]+" + closing_button, re.IGNORECASE),
                      subscribe_word=re.compile(r"(?<!\w)" + alternation(r["newsletter"]["subscribe_words"]), re.IGNORECASE),
                      comment_heading=re.compile(r"^[💬🗨️\s]*" + alternation(base["comments"]["nouns"]) + r"[\s:：.]*$",
                                                 re.IGNORECASE),
                      sort_start=re.compile(r"^" + alternation(r["comment_section"]["sort_starts"]) + r"(?!\w)",
                                            re.IGNORECASE),
                      relative_time=_relative_time(r["comment_section"]),
                      comment_about_max_words=int(r["comment_section"]["about_max_words"]),
                      comment_heading_keys=tuple(w.lower() for w in r["comment_login"]["comment_words"]
                                                 + r["comment_section"]["heading_keys"]),
                      thread_word=re.compile(r"(?<!\w)" + alternation(r["comment_login"]["comment_words"]
                                                                     + r["comment_section"]["thread_words"]), re.IGNORECASE))


def _relative_time(rules: dict[str, Any]) -> re.Pattern[str]:
    """A relative time alone ('2 hours ago', '2 saat önce', 'vor 3 Stunden', 'hace 5 min', 'il y a une heure',
    'вчера в 18:40', '3h'), after a commenter's handle and a separator ('ahmet_k • 2 saat önce')."""
    count = r"(?:\d{1,3}|" + alternation(rules["one"]) + r")"
    unit = alternation(rules["units"]) + r"\.?"
    amount = count + r"\s*" + unit + r"(?!\w)"
    when = (r"(?:" + amount + r"\s+" + alternation(rules["ago_after"]) + r"|" + alternation(rules["ago_before"])
            + r"\s+" + amount + r"|" + alternation(rules["days"]) + r"(?:,?\s*(?:at|в|saat|um|à|a\s+las)?\s*\d{1,2}:\d\d)?)")
    handle = r"(?:[^\s·•|]{1,30}(?:\s[^\s·•|]{1,30}){0,2}\s*[·•|,—–\-]\s*)?"
    return re.compile(r"^" + handle + when + r"(?!\w)[\s.]*$", re.IGNORECASE)


def _lowered(words: Any) -> list[str]:
    return [w.lower() for w in flatten(words)]


def _first_words(words: Any) -> tuple[str, ...]:
    """The lower-cased first word of every phrase: a line holding the phrase holds one of them."""
    return tuple(sorted({w.lower().split()[0] for w in flatten(words) if w.split()}))


# --- flattened link lists -------------------------------------------------------------------


def _gap_items(text: str) -> list[str]:
    return [item for item in _GAP.split(text.strip()) if item]


def _is_link_item(item: str, cfg: dict[str, Any]) -> bool:
    """A menu or tag link: a few words with a letter, not a sentence."""
    return (len(item) <= cfg["list_item_max_chars"] and len(item.split()) <= cfg["list_item_max_words"]
            and _LETTER.search(item) is not None and not item.endswith(_SENTENCE_END))


@detector
def spaced_list(ctx) -> Iterator[Span]:
    """'Markets   Energy   Transport   Politics': short items with wide gaps between them.

    A flattened row of links keeps the gaps the page laid out between them; prose never has
    them.  A table row (a neighbour line with as many gap-separated items) is content.
    """
    cfg = shape_rules().cfg
    texts = ctx.texts
    for i in ctx.holding(("  ", "\t", "\u00a0\u00a0", "\u3000"), cfg["list_max_chars"]):  # (an ideographic space: a full-width gap)
        text = texts[i]
        if len(text) > cfg["list_max_chars"]:
            continue
        items = _gap_items(text)
        if len(items) < cfg["list_min_items"] or not all(_is_link_item(item, cfg) for item in items):
            continue
        if any(0 <= j < len(texts) and len(_gap_items(texts[j])) == len(items) for j in (i - 1, i + 1)):
            continue  # a row of a table
        yield ctx.span(i, i, "navigation", "spaced_list")


# --- arrows, calendars, contacts, interface lines ----------------------------------------------


@detector
def arrow_link(ctx) -> Iterator[Span]:
    """'← Previous: headline', 'Next post: headline →': a link to another page, arrow at its edge."""
    cfg = shape_rules().cfg
    for i in ctx.holding(("←", "‹", "«", "→", "›", "»"), cfg["arrow_max_chars"]):
        text = ctx.texts[i]
        if len(text) > cfg["arrow_max_chars"]:
            continue
        if _ARROW_START.match(text) or _ARROW_END.search(text):
            inner = text.strip("←‹«→›» \t")
            if inner and ". " not in inner and not inner.endswith(_SENTENCE_END):
                yield ctx.span(i, i, "navigation", "arrow_link")


@detector
def calendar_line(ctx) -> Iterator[Span]:
    """A month calendar run together on one line: 'March 2024 Mo Tu We ... 1 2 3 ... 31'."""
    cfg = shape_rules().cfg
    for i in ctx.scanning(_DAY_RUN_CORE, cfg["calendar_line_max_chars"]):
        text = ctx.texts[i]
        m = _DAY_RUN.search(text)
        if not m or len(text) > cfg["calendar_line_max_chars"]:
            continue
        days = [int(d) for d in m.group().split()]
        consecutive = all(b == a + 1 for a, b in zip(days, days[1:])) and days[0] <= 7 and days[-1] <= 31
        rest = text[: m.start()] + text[m.end():]
        if consecutive and len(rest) <= cfg["calendar_line_max_rest"] and ". " not in rest:
            yield ctx.span(i, i, "calendar", "calendar_line")
            top = _calendar_top(ctx, i)
            if top < i:  # apart: a line above that a rule of another kind took must not cost the day numbers
                yield ctx.span(top, i - 1, "calendar", "calendar_line")


def _calendar_top(ctx, i: int) -> int:
    """The first line of the calendar whose day numbers are on line i: above it, in its block, a month
    line ('März 2024', '« Февраль   Март 2025   Апрель »'), and over those a heading ('Архив новостей':
    a few words, no digit, no closing stop)."""
    lines, top = ctx.lines, i
    while top > 0 and lines[top - 1].block == lines[i].block and _month_line(ctx, lines[top - 1].text):
        top -= 1
    if top < i and _heads_list(ctx, top):  # the heading test of stamped lists and calendar blocks
        top -= 1
    return top


def _month_line(ctx, text: str) -> bool:
    """A calendar's month line: a month and a year, or a month navigation ('« Feb   March 2024   Apr »'):
    month names, at most one year, and arrows."""
    if len(text) > 60:
        return False
    if ctx.p.month_year_line.match(text):
        return True
    words = text.strip("«‹<←»›>→ \t").split()
    years = [w for w in words if w.isdigit()]
    return (len(words) >= 2 and len(years) <= 1 and all(len(y) == 4 for y in years)
            and all(w.isdigit() or month_number(w) for w in words))


@detector
def contact_line(ctx) -> Iterator[Span]:
    """'Tel: +7 (7172) 74-96-03', 'Advertising: ads@site.kz': a phone number or an e-mail address
    with little else (labels, an address) in a line that is not a sentence."""
    r = shape_rules()
    cfg = r.cfg
    limit = cfg["contact_max_chars"]
    quick = ctx.prefilter
    for i, text in enumerate(ctx.texts):
        if len(text) > limit or text.endswith(_SENTENCE_END):
            continue
        if quick and "@" not in text and not _PHONE_CORE.search(text):
            continue  # an address holds '@'; a phone number is a _PHONE match, which holds a _PHONE_CORE one
        if not (("@" in text and _EMAIL.search(text)) or _has_phone(text, cfg["phone_min_digits"], r.phone_label)):
            continue  # (an address holds '@': the costly search only where one is)
        if len(_PHONE.sub("", _EMAIL.sub("", text))) <= cfg["contact_max_rest"] or _labelled_fields(text):
            yield ctx.span(i, i, "footer", "contact_line")
            yield from _contact_fields(ctx, i, cfg["contact_max_chars"])


# 'Short link: ckhabar.ir/x4Kp', 'Salgy: https://...': a label of a few words, then only an address
_LINK_LINE = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[ \-][^\W\d_][^\W\d_'’.\-]*){0,2}\s?[:：]\s*"
                        r"(?:(?:https?://)?www\.[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?:/\S*)?"
                        r"|(?:https?://)?[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}/\S*)$")


@detector
def link_line(ctx) -> Iterator[Span]:
    """A labelled link alone on its line: the page's short link or address ('لینک کوتاه: ckhabar.ir/x4Kp',
    'Salgy: https://hazarhabarlary.tm/...', 'Source URL: https://...'), as print views and share boxes show it."""
    for i in ctx.holding(("/", "www."), 200):  # an address with a path or a 'www.' (a bare domain is a name)
        text = ctx.texts[i]
        if len(text) <= 200 and _LINK_LINE.match(text):
            yield ctx.span(i, i, "footer", "link_line")


def _labelled_fields(text: str) -> bool:
    """A row of labelled fields apart by '|' ('Суроға: 734042, ш. Душанбе ... | Тел.: (+992 37) 221-17-13 |
    E-mail: ...'): an office's contact row, however long its address."""
    fields = _FIELD_SEP.split(text)
    return len(fields) >= 2 and all(_FIELD.match(f) for f in fields)


_FIELD_SEP = re.compile(r"\s+\|\s+")


def _contact_fields(ctx, i: int, max_chars: int) -> Iterator[Span]:
    """The labelled lines ('Address: ...', 'Working hours: ...', 'Мекенжайы: ...') in the block of
    contact line `i`, up and down from it: an office's contact box, whatever its labels say."""
    lines, texts = ctx.lines, ctx.texts
    for step in (-1, 1):
        j = i + step
        while (0 <= j < len(lines) and lines[j].block == lines[i].block and len(texts[j]) <= max_chars
               and _FIELD.match(texts[j])):
            yield ctx.span(j, j, "footer", "contact_field")
            j += step


def _has_phone(text: str, min_digits: int, labelled: re.Pattern[str]) -> bool:
    """A phone number with its country or area code marked ('+7 ...', '(7172) ...') or after a
    phone label ('Tel: 0212 000 00 00'): a row of figures in an article has neither."""
    # (the label pattern runs up to the number's first digit: search up to just past it)
    low = text.lower()
    shift = len(low) - len(text)  # 0 but for a few letters whose lower case is longer ('İ')
    return any(("+" in m.group() or "(" in m.group() or labelled.search(low, 0, m.start() + 3 + shift))
               and len(_DIGIT.findall(m.group())) >= min_digits for m in _PHONE.finditer(text))


@detector
def interface_line(ctx) -> Iterator[Span]:
    """'Subscribe | Sign in', 'Akzeptieren', 'Like Comment Share': only interface words and network names."""
    r = shape_rules()
    limit = r.cfg["interface_max_chars"]
    for i in ctx.short(limit):
        text = ctx.texts[i]
        if len(text) > limit or not _LETTER.search(text):
            continue
        first = text.split(None, 1)[0].strip("|·•/,:").casefold()
        if first not in r.interface_firsts:
            if first in r.counter_firsts and _tool_row(ctx, r, text):
                yield ctx.span(i, i, "footer", "interface_line")
            continue  # the line opens with a word no interface phrase opens with
        items = [item.casefold() for item in _ITEM_SPLIT.split(text.strip(" \t:")) if item]
        if items and (all(item in r.interface_words for item in items)
                      or all(word in r.interface_words for item in items for word in item.split())
                      or all(_phrases_only(item.split(), r.interface_words) for item in items)):
            yield ctx.span(i, i, "footer", "interface_line")
        elif _tool_row(ctx, r, text):
            yield ctx.span(i, i, "footer", "interface_line")


def _phrases_only(words: list[str], phrases: frozenset[str], longest: int = 4) -> bool:
    """Can `words` be cut, left to right, into interface phrases of up to `longest` words (a toolbar whose
    buttons a scraper ran together: 'Partager Offrir l'article Ajouter à vos sélections')?  (Which word
    boundaries a cut can reach, left to right: linear in the words, whatever the phrases.)"""
    reached = [True] + [False] * len(words)
    for at in range(len(words)):
        if reached[at]:
            for n in range(1, min(longest, len(words) - at) + 1):
                if " ".join(words[at:at + n]) in phrases:
                    reached[at + n] = True
    return reached[-1]


def _tool_row(ctx, r: ShapeRules, text: str) -> bool:
    """An article's tool row: a reading time or a counter among interface phrases ('Lesezeit: 4 Min.   Artikel
    anhören   Artikel merken', 'Okuma süresi: 3 dk · Haberi dinle').  Items apart by wide gaps, bars or dots
    (not commas or slashes: '4 Min.' keeps its stop, and a counter may hold a comma)."""
    items = [item.strip() for item in _TOOL_SPLIT.split(text.strip()) if item.strip()]
    if len(items) < 2:
        return False
    counters = sum(bool(ctx.p.counter.match(item)) for item in items)
    return 0 < counters < len(items) and all(ctx.p.counter.match(item) or item.casefold() in r.interface_words
                                             for item in items)


@detector
def comment_login(ctx) -> Iterator[Span]:
    """'Чтобы оставить комментарий, войдите или зарегистрируйтесь', 'Log in to comment': a short line
    asking the reader to log in before commenting (a comment word and a login word)."""
    r = shape_rules()
    comment, login = r.comment_word, r.login_word
    for i in ctx.holding_lower(r.comment_keys, 100):  # lines holding a comment word's stem, lower-cased
        text = ctx.texts[i]
        if (len(text) <= 100 and comment.search(text) and login.search(text)
                and sum(bool(_LETTER.search(w)) for w in text.split()) <= 8):  # words, not '(12)' or '—'
            yield ctx.span(i, i, "comments", "comment_login")  # a longer line is a sentence reporting on comments


_AFTER_STAMP = re.compile(r"^\s*(?:[•·|∙—–\-]\s*(?:[^\W\d_][\w.'’\-]*\s*){1,4})?$")  # '' or ' • Anna Lindqvist'


@detector
def dated_pairs(ctx) -> Iterator[Span]:
    """A list of posts, each a title over its date line ('Kazakhstan's uranium pivot' / 'Feb 22 • Anna
    Lindqvist'): three pairs or more in a row, the date line a date (a year is not needed) with at most an
    author's name after a separator, the title a short line that closes no sentence."""
    cfg, texts = shape_rules().cfg, ctx.texts
    most, least = cfg["post_date_max_chars"], cfg["post_pairs_min"]
    # a date line is short, holds a digit and has a title over it; only such lines two apart, three or more
    # in a row, are read
    short = [i for i in ctx.short(most) if i and _DIGIT.search(texts[i]) and _post_title(texts[i - 1], cfg)]
    dated = set()
    for first, last in _runs_of_two(short):
        if (last - first) // 2 + 1 < least:
            continue
        for i in range(first, last + 1, 2):
            m = ctx.p.stamp_at_start.match(texts[i])
            if m and _AFTER_STAMP.match(texts[i][m.end():]):
                dated.add(i)
    pairs = sorted(i - 1 for i in dated if i - 1 not in dated)  # (each has a title over it: see `short`)
    for first, last in _runs_of_two(pairs):
        if (last - first) // 2 + 1 >= least:
            yield ctx.span(first, last + 1, "related_headlines", "dated_pairs")


def _post_title(text: str, cfg: dict[str, Any]) -> bool:
    """A post's title: of a headline's length, closing no sentence, with words in it (not a calendar's row)."""
    return (0 < len(text) <= cfg["post_title_max_chars"] and not text.endswith(_SENTENCE_END)
            and _LETTER.search(text) is not None)


def _runs_of_two(members: list[int]) -> Iterator[tuple[int, int]]:
    """Runs of `members` two apart (i, i + 2, i + 4 ...; odd and even lines apart): (first, last) of each,
    by first."""
    held = set(members)
    for i in sorted(held):
        if i - 2 in held:
            continue  # inside a run
        last = i
        while last + 2 in held:
            last += 2
        yield i, last


@detector
def newsletter_box(ctx) -> Iterator[Span]:
    """'The Caspian Briefing' / 'Our editors' pick ..., every Friday in your inbox.' / 'Your email address' /
    'Sign up': a sign-up button line, the box's heading naming the newsletter at most newsletter_max_lines_above
    lines up, the copy and field between (each a sentence or two), and the lines under the button that speak
    of the newsletter ('No spam. Unsubscribe at any time.').  Short lines right over the heading in its block
    are the newsletter's name and promise ('Steppe Weekly' / 'Every weekday at 8:00.' / 'Your email' / 'Sign up')."""
    r = shape_rules()
    lines, texts = ctx.lines, ctx.texts
    most = int(r.cfg["newsletter_max_lines_above"])
    for i in ctx.short(30):
        if texts[i].casefold().strip(" .!→›»") not in r.newsletter_buttons:
            continue
        first = _box_heading(ctx, r, i, most)
        if first == i:
            continue
        while (first > 0 and i - first < most and lines[first - 1].block == lines[first].block
               and len(texts[first - 1]) <= r.cfg["newsletter_heading_max_chars"]
               and len(_SENTENCES.findall(texts[first - 1])) <= 2):
            first -= 1  # the newsletter's name and its promise over the field ('TCNA Business Daily' / ...)
        last = i
        while last + 1 < len(lines) and lines[last + 1].block == lines[i].block and len(texts[last + 1]) <= 80 \
                and r.newsletter_word.search(texts[last + 1]):
            last += 1
        # line by line: the heading or the button may be an interface line already
        yield from (ctx.span(k, k, "promo", "newsletter_box") for k in range(first, last + 1))


def _box_heading(ctx, r: ShapeRules, i: int, most: int) -> int:
    """The heading of a sign-up box over button `i`: the topmost of the `most` lines above it that names the
    newsletter in a few words ('Get the Courier in your inbox', 'Newsletter « Steppes »', 'Your email
    address'), with only copy between (a sentence or two a line: 'Our morning briefing: five stories, every
    weekday at 8:00. Free.'); `i` when there is none.  A paragraph of the article ends the search."""
    texts, top = ctx.texts, i
    for first in range(i - 1, max(-1, i - 1 - most), -1):
        text = texts[first]
        if len(text) > r.cfg["newsletter_copy_max_chars"] or len(_SENTENCES.findall(text)) > 2:
            break
        if len(text) <= r.cfg["newsletter_heading_max_chars"] and r.newsletter_word.search(text):
            top = first  # (the copy may name the newsletter too: on up)
    return top


@detector
def newsletter_line(ctx) -> Iterator[Span]:
    """A line naming a newsletter that closes with its button after a sentence ('Get the Eurasia Business
    Review logistics briefing in your inbox every Monday. Sign up')."""
    r = shape_rules()
    limit = r.cfg["newsletter_copy_max_chars"]
    # the lines where a stop or a wide gap comes before the button (a scan, and a literal search for gaps)
    candidates = sorted({*ctx.scanning(r.newsletter_end_stop, limit), *ctx.holding(("  ", "\t"), limit)})
    for i in candidates:
        if len(ctx.texts[i]) <= limit and r.newsletter_end.search(ctx.texts[i]) and r.newsletter_word.search(ctx.texts[i]):
            yield ctx.span(i, i, "promo", "newsletter_line")


_FORM_ROW = re.compile(r"^(?:\[[^\[\]\n]{1,40}\]\s*){1,4}$")  # '[ E-mail address ]  [ Subscribe ]'


def _form_row(ctx, i: int) -> Iterator[Span]:
    """A form flattened to text: its fields and buttons each in square brackets ('[ E-posta adresiniz ]  [ Abone
    ol ]'), and the box's pitch on the line above when it speaks of a newsletter or a subscription ('Subscribe to
    our newsletter ...'): a sign-up box whose button is not on a line of its own (see newsletter_box)."""
    r = shape_rules()
    lines, texts = ctx.lines, ctx.texts
    if not _FORM_ROW.match(texts[i]):
        return
    yield ctx.span(i, i, "promo", "form_row")
    above = texts[i - 1] if i else ""
    if (i > 0 and len(above) <= r.cfg["form_pitch_max_chars"] and lines[i - 1].block == lines[i].block
            and (r.newsletter_word.search(above) or r.subscribe_word.search(above))):
        yield ctx.span(i - 1, i - 1, "promo", "form_row")


_BRACKETED_TOOLS = re.compile(r"^(?:【[^】\n]{1,30}】\s*)+$")  # '【字体：大 中 小】【打印】【关闭】'


_MARKS = frozenset("【[▶►⏵⏯")  # what the lines marked_lines reads open with


@detector
def marked_lines(ctx) -> Iterator[Span]:
    """Lines opening with a mark, found in one pass over the lines' first characters (each rule's own
    search would cost a page more than its test): a row of tool links each in lenticular brackets, as
    Chinese news pages print them ('【字体：大 中 小】【打印】【关闭】', '【纠错】'); a form's bracketed fields
    (`_form_row`); a player under a play mark (`_player`)."""
    texts = ctx.texts
    for i in ctx.opening(_MARKS, 160):
        first = texts[i][:1]
        if first == "【":
            if len(texts[i]) <= 120 and _BRACKETED_TOOLS.match(texts[i]):
                yield ctx.span(i, i, "footer", "bracketed_tools")
        elif first == "[":
            yield from _form_row(ctx, i)
        else:
            yield from _player(ctx, i)


_PLAYER_TIME = re.compile(r"^\d{1,2}:\d\d(?::\d\d)?\s*/\s*\d{1,2}:\d\d(?::\d\d)?$")


@detector
def player_time(ctx) -> Iterator[Span]:
    """A video or audio player's clock ('00:00 / 02:41'), with its 'Watch video' label on the line
    above in its block and its speed button ('1x') under it; or a gallery's position ('3 / 12',
    `_gallery_position`)."""
    for i in ctx.holding(("/",), 20):
        if not _PLAYER_TIME.match(ctx.texts[i]):
            if _gallery_position(ctx, i):  # (found by the same search: '3 / 12')
                yield ctx.span(i, i, "navigation", "gallery_position")
            continue
        above = ctx.texts[i - 1] if i else ""
        label = (i > 0 and ctx.lines[i - 1].block == ctx.lines[i].block and len(above.split()) <= 4
                 and not above.endswith((".", "!", "?", ";")) and _LETTER.search(above) is not None)
        speed = i + 1 < len(ctx.texts) and _SPEED.match(ctx.texts[i + 1]) is not None  # '1x' under the clock
        # line by line: a label another rule named ('Listen to this article') must not cost the clock
        yield from (ctx.span(k, k, "widget", "player_time") for k in range(i - 1 if label else i, i + 2 if speed else i + 1))


_POSITION = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")  # a gallery's position: '3 / 12'


def _gallery_position(ctx, i: int) -> bool:
    """'1 / 8' on a line of its own beside what makes it a gallery: a caption with its credit, or the gallery's
    arrows ('‹ Previous   Next ›'), within two lines."""
    m = _POSITION.match(ctx.texts[i])
    if not m or not 0 < int(m.group(1)) <= int(m.group(2)) or int(m.group(2)) < 2:
        return False
    texts, most = ctx.texts, shape_rules().cfg["gallery_caption_max_chars"]
    credit, nav = _extra.extra_rules().caption_any, ctx.p.nav_phrases
    near = [texts[j] for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(texts) and len(texts[j]) <= most]
    return any(credit.search(t) or nav.match(t) or _ARROW_START.match(t) or _ARROW_END.search(t) for t in near)


_PLAY_MARKS = frozenset("▶►⏵⏯")
_CLOCK_ONLY = re.compile(r"^[▶►⏵⏯\s]*\d{1,2}:\d\d(?::\d\d)?(?:\s*/\s*\d{1,2}:\d\d(?::\d\d)?)?$")
_CLOCK_IN = re.compile(r"(?<![\d:])\d{1,2}:[0-5]\d(?![\d:])")
_SPEED = re.compile(r"^[▶►⏵⏯\s]*\d(?:[.,]\d{1,2})?\s?[x×]$")  # a player's speed button: '1x', '1.5x', '1,25×'


def _player(ctx, i: int) -> Iterator[Span]:
    """A player under a play mark: '▶ 0:05 sonra reklamı geç', '▶ Video: the trailer' over its length ('02:14'),
    '▶ 0:00 / 5:12' with its speed button ('1x') under it.  A line opening with a play mark, of a few words,
    with a clock in it or on a line of its own beside it; the clock and speed lines around it go with it."""
    cfg, texts = shape_rules().cfg, ctx.texts
    text = texts[i]
    if (text[:1] not in _PLAY_MARKS or len(text) > cfg["player_max_chars"] or len(text.split()) > cfg["player_max_words"]
            or text.endswith(("!", "?", ";"))):
        return
    first, last = i, i
    if not _CLOCK_IN.search(text):
        if i + 1 < len(texts) and _CLOCK_ONLY.match(texts[i + 1]):
            last = i + 1  # '▶ Video: ...' over '02:14'
        elif i > 0 and _CLOCK_ONLY.match(texts[i - 1]):
            first = i - 1
        else:
            return  # a bullet of the article's list: no clock
    while last + 1 < len(texts) and last - i < 2 and (_SPEED.match(texts[last + 1]) or _CLOCK_ONLY.match(texts[last + 1])
                                                        or _player_button(texts[last + 1], cfg)):
        last += 1
    yield from (ctx.span(k, k, "widget", "player_controls") for k in range(first, last + 1))


def _player_button(text: str, cfg: dict[str, Any]) -> bool:
    """A player's control under it, its countdown aside: 'Skip ad in 5 s', 'Жарнаманы өткөрүп жиберүү 5 сек'."""
    if len(text) > cfg["player_max_chars"]:
        return False
    words, after_number = [], False
    for token in text.split():
        if any(c.isdigit() for c in token):
            after_number = True  # a count ...
        elif after_number and len(token) <= 4:
            after_number = False  # ... and its unit ('s', 'сек', 'sn')
        else:
            words.append(token)
            after_number = False
    return bool(words) and " ".join(words).casefold() in shape_rules().interface_words


@detector
def placeholder_line(ctx) -> Iterator[Span]:
    """'Qidirish...', 'Loading comments…', 'Поиск…': one or two words trailing off in an ellipsis, a
    search box's placeholder or a widget still loading, in any language."""
    for i in ctx.holding(("...", "…"), 40):
        text = ctx.texts[i]
        if (len(text) <= 40 and text.endswith(("...", "…")) and len(text.split()) <= 2
                and _LETTER.search(text) and not text.startswith(("...", "…"))):
            yield ctx.span(i, i, "footer", "placeholder_line")


# --- the site's name above the article ----------------------------------------------------------

_COPYRIGHT = re.compile(r"©|\(c\)", re.IGNORECASE)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s*[–—\-]\s*(?:19|20)\d\d)?(?!\d)")
_NAME_END = re.compile(r"[.|·•,;:]\s|[|·•]|\s[—–\-]\s")
_MASTHEAD_SEP = re.compile(r"\s[—–\-|·:]\s|\s[|·]\s?")


def _owner_keys(texts: list[str], cfg: dict[str, Any]) -> set[str]:
    """The owners named by the page's copyright lines ('© 2024 Steppenblick · ...'), as norm keys."""
    keys = set()
    for text in texts:
        if len(text) > cfg["site_copyright_max_chars"] or not _COPYRIGHT.search(text):
            continue
        rest = _YEARS.sub(" ", _COPYRIGHT.split(text, 1)[1])
        name = _NAME_END.split(rest + " ", 1)[0].strip(" \t«»\"“”'")
        words = name.split()
        legal = shape_rules().legal_forms  # 'Caspian Monitor LLC', 'ТОО «Дала Медиа»': the name is the site's
        while words and words[-1].casefold().strip(".,«»\"") in legal:
            words.pop()
        while words and words[0].casefold().strip(".,«»\"") in legal:
            words.pop(0)
        for key in (norm_key(name), norm_key(" ".join(words))):
            if len(key) >= cfg["site_name_min_chars"]:
                keys.add(key)
    return keys


@detector
def site_name(ctx) -> Iterator[Span]:
    """The site's name (or 'Name — tagline') on one of the first lines, the name its copyright line gives."""
    cfg = shape_rules().cfg
    top = [i for i in range(min(len(ctx.lines), cfg["site_name_top_lines"])) if len(ctx.texts[i]) <= cfg["site_name_max_chars"]]
    if not top:
        return
    owners = _owner_keys([ctx.texts[i] for i in ctx.holding(("©", "(c", "(C"), cfg["site_copyright_max_chars"])], cfg)
    if not owners:
        return
    for i in top:
        parts = _MASTHEAD_SEP.split(ctx.texts[i], 1)  # 'Name — tagline': the name alone
        if (ctx.keys[i] if len(parts) == 1 else norm_key(parts[0])) in owners or (
                any(ctx.keys[i].startswith(owner) for owner in owners) and _name_then_tagline(ctx.texts[i], owners)):
            yield ctx.span(i, i, "navigation", "site_name")


def _name_then_tagline(text: str, owners: set[str]) -> bool:
    """'CASPIAN MONITOR News and analysis since 2019': the site's name, then a tagline that opens with
    a capital and closes no sentence (a headline that opens with the name goes on in lower case)."""
    if text.endswith((".", "!", "?")):
        return False
    words = text.split()
    for k in range(1, min(len(words), 6)):
        if norm_key(" ".join(words[:k])) in owners:
            return words[k][:1].isupper()
    return False


# --- menus one item per line, network bars after a label, shortcut hints, counter rows -----------

_SHORTCUT = re.compile(r"(?<!\w)(?:Ctrl|Cmd|Alt|Shift)\s*\+\s*(?:Enter|[A-Z])(?!\w)", re.IGNORECASE)
_PICTOGRAPH_COUNT = re.compile(r"^([^\w\s]{1,3})\s*\d+(?:[ .,\u00a0]\d+)*$")


def _pictograph_count(part: str) -> bool:
    """'👁 2 147': a pictograph (Unicode 'So', with its variation selector) and a number, no currency sign."""
    m = _PICTOGRAPH_COUNT.match(part)
    return bool(m) and any(map(is_pictograph, m.group(1)))


_COUNTER_ROW_SPLIT = re.compile(r"\s*[|·•｜]\s*|\s{2,}|\u3000")  # a separator, or a wide gap ('Просмотров: 2 874   Комментариев: 5')


@detector
def vertical_menu(ctx) -> Iterator[Span]:
    """'Politics' / 'Economy' / 'Energy' / 'Sport', one per line: a run of one-to-three-word lines,
    most of them section names (a list of names or places is content)."""
    cfg, texts, words = shape_rules().cfg, ctx.texts, ctx.p.menu_words
    most = cfg["menu_item_max_chars"]
    items = [i for i in ctx.short(most) if len(texts[i]) <= most and 0 < len(texts[i].split()) <= 3
             and not texts[i].endswith(_SENTENCE_END) and _LETTER.search(texts[i]) is not None]
    for first, last in _consecutive(items):  # boilerplate._runs over the items' flags, without a flag per line
        run = range(first, last + 1)
        known = sum(texts[k].casefold() in words for k in run)
        if len(run) >= cfg["menu_min_lines"] and known >= cfg["menu_known_share"] * len(run):
            # line by line: an item another rule took already ('Search') must not cost the rest
            yield from (ctx.span(k, k, "navigation", "vertical_menu") for k in run)


@detector
def language_column(ctx) -> Iterator[Span]:
    """A language switcher one language per line ('Türkmençe' / 'Русский' / 'English' / '中文'): two or
    more lines in a row of one block, each only a language's name."""
    texts, lines, languages = ctx.texts, ctx.lines, ctx.p.languages
    names = [i for i in ctx.short(20) if len(texts[i]) <= 20 and texts[i].strip(" |/·•") in languages]
    for first, last in _consecutive(names):
        if last > first and lines[first].block == lines[last].block:
            yield Span(lines[first].start, lines[last].end, "navigation", "language_column")


@detector
def network_bar(ctx) -> Iterator[Span]:
    """'Share: Facebook Telegram WhatsApp X', 'Поделиться: ВКонтакте Одноклассники Telegram':
    a short label, a colon, then only network names (and interface words), two networks at least."""
    r = shape_rules()
    for i in ctx.holding((":", "："), r.cfg["network_bar_max_chars"]):
        text = ctx.texts[i]
        label, _, rest = text.replace("：", ":").partition(":")
        if len(text) > r.cfg["network_bar_max_chars"] or len(label.split()) > 4:
            continue
        first = rest.split(None, 1)[:1]
        if not first or first[0].strip("|·•/,").casefold() not in r.interface_words:
            continue  # what follows the colon opens with no network or interface word
        items = [t.casefold() for t in _ITEM_SPLIT.split(rest.strip()) if t]
        tokens = [t for item in items for t in item.split()]
        networks = sum(t in ctx.p.networks for t in tokens)
        # every word an interface word or network, or every item a known phrase ('Copy link')
        if networks >= 2 and (all(t in r.interface_words for t in tokens) or all(t in r.interface_words for t in items)):
            yield ctx.span(i, i, "share", "network_bar")


@detector
def shortcut_hint(ctx) -> Iterator[Span]:
    """'Found a typo? Select it and press Ctrl+Enter': a short line naming a keyboard shortcut."""
    limit = shape_rules().cfg["shortcut_max_chars"]
    for i in ctx.holding(("+",), limit):
        if len(ctx.texts[i]) <= limit and _SHORTCUT.search(ctx.texts[i]):
            yield ctx.span(i, i, "footer", "shortcut_hint")


@detector
def counter_row(ctx) -> Iterator[Span]:
    """'Views: 1,245 | Comments: 3', 'Okunma: 12.458 | Yorum: 14', 'Просмотров: 2 874   Комментариев: 5':
    counters side by side, between separators or wide gaps."""
    limit = shape_rules().cfg["counter_row_max_chars"]
    counter, comments = ctx.p.counter.match, ctx.p.comments.match
    for i in ctx.holding(("|", "·", "•", "  ", "｜", "\u3000"), limit):
        text = ctx.texts[i]
        parts = [p for p in _COUNTER_ROW_SPLIT.split(text) if p] if len(text) <= limit else []
        if len(parts) >= 2 and all(counter(p) or comments(p) or _pictograph_count(p) for p in parts):
            yield ctx.span(i, i, "counter", "counter_row")  # '👁 2 147 | ⏱ 3 мин'


@detector
def app_store_line(ctx) -> Iterator[Span]:
    """'Download our app: App Store | Google Play': a short line naming an app store, not a sentence."""
    r = shape_rules()
    limit = r.cfg["app_line_max_chars"]
    for i in ctx.holding_lower(r.app_store_keys, limit):
        text = ctx.texts[i]
        if len(text) <= limit and not text.endswith(".") and r.app_store.search(text.lower()):
            yield ctx.span(i, i, "promo", "app_store_line")
            above = ctx.texts[i - 1] if i else ""
            if (above.endswith((":", "：")) and len(above.split()) <= 8
                    and ctx.lines[i - 1].block == ctx.lines[i].block):
                yield ctx.span(i - 1, i - 1, "promo", "app_store_label")  # 'Download our app:' over the badges


# --- readers' comment sections (registered last: the lines other rules name inside keep their names) ---


@detector
def comment_section(ctx) -> Iterator[Span]:
    """Readers' comments under their heading ('27 comments', 'Yorumlar (3)', 'Комментарии'): when the lines
    right under it are a thread's (a sort switch, a log-in prompt, a commenter's line: a handle and '2 hours
    ago' or a date stamp), everything from the heading to the last comment.  A comment is one to
    comment_max_lines lines under a commenter's line; a line that is neither ends the thread.  Below a
    sentence of the article only: above it, a comment counter sits among the stamps over the headline."""
    r = shape_rules()
    limit = _extra.extra_rules().cfg["comment_head_max_chars"]
    texts = ctx.texts
    heads = ctx.holding_lower(r.comment_heading_keys, limit)  # lines holding a comment noun's stem
    taken_to = -1
    for i in heads:
        text = texts[i]
        if i <= taken_to or len(text) > limit or not (ctx.p.comments.match(text) or r.comment_heading.match(text)):
            continue
        if not _holds_lower(text, r.comment_heading_keys):
            continue  # only headings holding a key, as the fast path finds them (the patterns know more languages)
        if not _extra.below_a_sentence(ctx, i):
            continue  # a counter among the stamps over the headline ('Comments: 3' / '12.06.2025 10:32' / lede)
        last = _thread_end(ctx, r, i)
        cfg = _extra.extra_rules().cfg
        first = i - 1 if i > 0 and _thread_meta(ctx, r, i - 1, cfg) else i  # 'Discussion about this post' over it
        # line by line: a line another rule named ('Loading comments…', an app badge) keeps its verdict
        yield from (ctx.span(k, k, "comments", "comment_section") for k in range(first, last + 1))
        taken_to = last


def _thread_end(ctx, r: ShapeRules, i: int) -> int:
    """The last line of the thread under heading `i` (`i` when no thread's line follows it)."""
    cfg = _extra.extra_rules().cfg
    texts, n = ctx.texts, len(ctx.texts)
    last, j, since, in_comment = i, i + 1, 0, False
    while j < n:
        head = _commenter(ctx, r, j, cfg)
        if head:
            last = j = j + head - 1
            j, since, in_comment = j + 1, 0, True
        elif _thread_meta(ctx, r, j, cfg):
            last, j, since, in_comment = j, j + 1, 0, False  # a comment's buttons close it, a prompt opens none
        elif in_comment and since < cfg["comment_max_lines"] and len(texts[j]) <= cfg["comment_max_chars"]:
            last, j, since = j, j + 1, since + 1  # the comment's text
        else:
            break
    if in_comment and since > 1:
        last -= since - 1  # the last comment, with no head or button after it: its end is unknown, take one line
    return last


def _commenter(ctx, r: ShapeRules, j: int, cfg: dict[str, Any]) -> int:
    """How many lines a commenter's line at `j` takes: 1 for 'ahmet_k • 2 saat önce' or 'Irina, 14.05.2025
    10:32', 2 for a handle alone over its time ('Askar_T' / '2 hours ago'), 0 if it is none."""
    texts = ctx.texts
    if _commenter_time(ctx, r, texts[j], cfg):
        return 1
    handle = texts[j]
    if (len(handle) <= 40 and 0 < len(handle.split()) <= 3
            and (not handle.endswith(_SENTENCE_END) or len(handle.split()[-1]) <= 2)  # 'Aigerim K.': an initial
            and j + 1 < len(texts) and _commenter_time(ctx, r, texts[j + 1], cfg)):
        return 2
    return 0


def _commenter_time(ctx, r: ShapeRules, text: str, cfg: dict[str, Any]) -> bool:
    """A commenter's time: '2 hours ago', a precise stamp, or a date alone on its line ('Mar 8', '8 марта')."""
    if len(text) > cfg["comment_head_max_chars"]:
        return False
    if r.relative_time.match(text) or _stamped(ctx, text):
        return True
    m = ctx.p.stamp_at_start.match(text) if len(text) <= 20 else None
    return m is not None and m.end() == len(text)


def _thread_meta(ctx, r: ShapeRules, j: int, cfg: dict[str, Any]) -> bool:
    """A thread's own line: its sort switch, a log-in prompt, a short line about the comments ('Load more
    comments', 'Facebook Comments Plugin'), or buttons ('Reply', 'Like 3', 'Antworten')."""
    text = ctx.texts[j]
    if len(text) > cfg["comment_prompt_max_chars"]:
        return False
    if r.thread_word.search(text) and (r.login_word.search(text) or len(text.split()) <= r.comment_about_max_words):
        return True
    if len(text) > cfg["comment_head_max_chars"]:
        return False
    if r.sort_start.match(text) or ctx.p.comments.match(text):
        return True
    # the buttons' words, less their counts and icons ('Reply | ❤ 17', '👍 44 · Antworten')
    words = [w for w in (w.strip("()[]👍👎❤️♥+-0123456789 ") for w in _ITEM_SPLIT.split(text.casefold())) if w]
    return bool(words) and all(w in r.interface_words for w in words)
