"""More plain-text detectors: tag lists, author bios, widgets, promos, paging, list headings.

HTML pages get these kinds from their DOM (newsmill/html_classify.py); scraped plain text
has only the lines, so each detector here reads the *shape* of a line (a label and a list of
short items, a name and a journalism role, codes and numbers, a temperature, a heading over
short lines) with word lists from rules/boilerplate_extra.yaml.  They register with
newsmill/boilerplate.py's registry after its own detectors, so the older, precise rules win
overlaps; every span has a kind and a rule, nothing is deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsmill.boilerplate import _DIGIT_GROUP, _SENTENCE_END, _heads_list, _parted, _stamped, detector
from newsmill.boilerplate_patterns import alternation, flatten, line_start, whole_line
from newsmill.model import Line, Span
from newsmill.needles import PhraseIndex
from newsmill.rule_files import read_rules
from newsmill.text import LIST_MARKERS, is_pictograph, opens_in_lower_case

_FLAGS = re.IGNORECASE | re.UNICODE
_ITEM_SPLIT = re.compile(r"\s*[,;|·•]\s*")
_NAMED_TIME = re.compile(r"^[^\W\d_][\w\-]*(?:\s+[^\W\d_][\w\-]*)?\s+[0-2]?\d:[0-5]\d$")  # 'Пешин 12:48'
_ONE_UNIT_RATE = re.compile(r"^\d{1,3}\s*[A-Z]{3}\s*=\s*\d+(?:[.,]\d+)?(?:\s+[^\W\d_]+)?$")  # '1 USD = 10,95 сомонӣ'
_WIDGET_SPLIT = re.compile(r"\s[|·•]\s|\s*\|\s*|[^\S\n]{3,}|\t")  # a bar, a dot, or a wide gap between items
_CHANGE = re.compile(r"(?<![\w.,])[+\-−–]\s?\d+(?:[.,]\d+)?\s?%")  # a quote's change: '+0.8%', '−0,2 %'
_WORDS = re.compile(r"[^\W\d_][\w'’\-]*")
_TEMPERATURE = re.compile(r"(?<![\w°])[+\-−]?\d{1,2}\s*°\s*[CFС]?(?!\w)")
# A clock time that opens a headline ('18:45 В Алматы'), the headline's first character its group.
# Written `(?<![\d:.])[0-2]?\d:...` before; opening with the digit it consumes first lets a search
# skip to the digits, and the lookbehinds say the same in the same order of trial: the same matches
# (tests/test_boilerplate_extra_speed.py keeps the old form and compares).
_CLOCK = re.compile(r"\d(?<![\d:.]\d)(?:(?<=[0-2])\d)?:[0-5]\d(?![\d:])\s+[\"«“„(]?(?P<word>\w)")
_STOPS = (".", "!", "?", "…", "։")  # a sentence's end ('։': the Armenian full stop)
_END_PUNCT = (*_STOPS, ":", ";")
# a name's words open with a capital: Latin, Turkish, Azerbaijani, Cyrillic with the Kazakh and Ukrainian
# letters, Armenian; or with any Georgian letter (the script has no capitals in running text)
_NAME_CAPITAL = "A-ZÀ-ÖØ-ÞА-ЯЁÇĞİÖŞÜƏӘҒҚҢӨҰҮҺІЄЇҐԱ-Ֆა-ჰ"
_NAME = re.compile(rf"^[\"“«]?((?:[{_NAME_CAPITAL}][\w'’\-]+\s+){{1,2}}[{_NAME_CAPITAL}][\w'’\-]+)")
_AGE_BADGE = re.compile(r"^\d{1,2}\+$")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”«»„]")
# the account a follow prompt points to, after a pointer or a colon: '... Telegram’da kuzatib boring 👉 @soglomhayot_uz'
_HANDLE_AT_END = re.compile(r"(?:[:：👉➡→►▶]\ufe0f?|\s[-–—])\s*(?:@\w{3,}|(?:https?://)?t\.me/\w+)\s*$")
# a quoted name: «Манас Ордо», „რუსთავი“ (Georgian, German: '„' opens, '“' closes)
_SHORT_QUOTE = re.compile(r"[\"“«„][^\"“”«»„\s]+(?:\s[^\"“”«»„\s]+){0,2}[\"”»“]")
_SHORT_DATE = re.compile(r"(?<![\d.])[0-3]?\d[./][01]?\d(?:[./](?:19|20)?\d\d)?(?![\d.])")  # '12.06', '12/06/25'
_READ_APOSTROPHE = re.compile(r"(?<=\w)[‘'’ʻ](?=\w)")  # inside an Uzbek word ('o‘qildi')
_AD_ARROWS = ("→", "›", "»", "▸", "►", "➜", "➔", ">>")


@dataclass(frozen=True)
class ExtraRules:
    """rules/boilerplate_extra.yaml, compiled."""

    cfg: dict[str, Any]
    tag_initials: frozenset[str]
    tag_labelled: re.Pattern[str]
    tag_heading: re.Pattern[str]
    bio_initials: frozenset[str]
    bio_labelled: re.Pattern[str]
    bio_heading: re.Pattern[str]
    bio_about: re.Pattern[str]
    bio_role: re.Pattern[str]
    bio_beat: re.Pattern[str]
    bio_copula: re.Pattern[str]  # ... 'Name is a senior fellow at X': a contributor's one-sentence bio
    currency_strip: re.Pattern[str]
    currency_code: re.Pattern[str]
    weather_label: re.Pattern[str]
    promo_initials: frozenset[str]
    promo_start: re.Pattern[str]
    app_verb: re.Pattern[str]
    app_word: re.Pattern[str]
    follow_verbs: frozenset[str]
    networks: frozenset[str]
    network_any: re.Pattern[str]
    page_position: re.Pattern[str]
    page_link: re.Pattern[str]
    list_heading: re.Pattern[str]
    list_heading_lead: re.Pattern[str]  # ... the heading opening a line, its list after it on the same line
    caption_any: re.Pattern[str]
    caption_credit: re.Pattern[str]
    wire_credit: re.Pattern[str]  # caption_credit: '... October 21, 2025. AGENCY/Name/File Photo'
    badge: re.Pattern[str]
    poll_label: re.Pattern[str]
    poll_button: re.Pattern[str]
    paywall_badge: re.Pattern[str]  # promo_line: a paywall's badge over its offer ('RM+ Exklusiv für Abonnenten')
    # support_ask and paywall_offer: a reader-funding ask's phrases ('reader-supported', 'consider becoming'),
    # and every promo's call ('Get unlimited access'), found anywhere in a line (lists 'support', 'calls')
    offer_phrases: PhraseIndex
    ad_label: re.Pattern[str]     # advertorial: the label line ('Anzeige', 'Реклама'), maybe with the copy after a colon
    ad_call: re.Pattern[str]      # ... a call to action in the copy ('Jetzt buchen', 'Оформите')
    ad_price: re.Pattern[str]     # ... a price ('1.290 €', '$99', '18%', "189 mln so'mdan": group 'glued' the suffix)
    ad_from: re.Pattern[str]      # ... 'from' before it ('ab', 'от', 'desde')
    ad_licence: re.Pattern[str]   # ... the advertiser's licence ('Лицензия ЦБ РФ № 2875')
    legal_form: re.Pattern[str]   # ... or legal form ('GmbH', 'ООО')
    read_times: re.Pattern[str]   # read_count: a number and 'times' ('2,310 times', '1 204 раза')
    read_verb: re.Pattern[str]    # ... a verb of reading ('read', 'leída', 'прочитали')
    read_subject: frozenset[str]  # ... the words that may go with them ('this article', 'has been')
    read_keys: tuple[str, ...]    # ... ' time', ' раз': a line `read_times` matches holds one, lower-cased
    ad_label_keys: tuple[str, ...]  # advertorial: a label's line holds one of these, lower-cased


def _words_anywhere(words: Any) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + alternation(words) + r"(?!\w)", _FLAGS)


def _initials(words: list[str]) -> frozenset[str]:
    """First characters of `words` in both cases: a line opening with none of them cannot match (a cheap test)."""
    return frozenset(c for w in words if w for c in (w[0].lower(), w[0].upper()))


def _currency_strip(widgets: dict[str, Any]) -> re.Pattern[str]:
    """A whole line of currency tokens: 'USD 470,25 ▲ EUR/KZT 512,10', after an optional label.

    Token kinds start with different characters (letter, digit or sign, symbol) and need a
    separator between them, so a line splits one way only: no backtracking blow-up.
    """
    cur = alternation(widgets["currencies"])
    token = r"(?:" + cur + r"(?:/" + cur + r")*(?!\w)|[+\-−]?\d+(?:[.,]\d+)*%?|[^\w\s|]+)"
    label = r"(?:" + alternation(widgets["currency_labels"]) + r"\s*[:：՝]?\s*|(?P<other>[^:：՝\d]{1,30}[:：՝]\s*))?"
    return re.compile(r"^" + label + r"(?P<body>" + token + r"(?:[\s|]+" + token + r")*)[\s|]*$", _FLAGS)


@lru_cache(maxsize=1)
def extra_rules() -> ExtraRules:
    """The packaged rules, compiled once per process."""
    r = read_rules("boilerplate_extra.yaml")
    base = read_rules("boilerplate.yaml")
    tags, bio, widgets, pages = r["tags"], r["author_bio"], r["widgets"], r["pagination"]
    label_colon = r"\s*[:：՝]\s*"
    return ExtraRules(
        cfg=r["thresholds"],
        tag_initials=_initials(["#", *flatten(tags["labels"])]),
        tag_labelled=re.compile(r"^" + alternation(tags["labels"]) + label_colon + r"(?P<items>\S.*)$", _FLAGS),
        tag_heading=whole_line(tags["labels"], tail=r"\s*[:：՝]?\s*"),
        bio_initials=_initials(flatten(bio["labels"]) + flatten(bio["about_words"])),
        bio_labelled=re.compile(r"^" + alternation(bio["labels"]) + label_colon + r"\S", _FLAGS),
        bio_heading=whole_line(bio["labels"], tail=r"\s*[:：՝]?\s*"),
        bio_about=re.compile(r"^" + alternation(bio["about_words"]) + r"\s+(?P<name>\w[\w'’\-]*(?:\s+\w[\w'’\-]*){1,2})\s*$", _FLAGS),
        bio_role=_words_anywhere(bio["roles"]),
        bio_beat=re.compile(alternation(bio["beat_cues"]) + r"(?!\w)", _FLAGS),
        bio_copula=re.compile(r"\s+" + alternation(bio["copula_verbs"]) + r"\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,4}?"
                              + alternation(bio["copula_roles"]) + r"\s+" + alternation(bio["copula_places"]) + r"\s",
                              _FLAGS),
        currency_strip=_currency_strip(widgets),
        currency_code=re.compile(r"(?<!\w)" + alternation(widgets["currencies"]) + r"(?!\w)", _FLAGS),
        weather_label=re.compile(r"^" + alternation(widgets["weather_labels"]) + r"\s*[:：՝]?\s*", _FLAGS),
        promo_initials=_initials(flatten(r["promo"]["line_starts"]) + flatten(r["promo"]["app_verbs"])),
        promo_start=line_start(r["promo"]["line_starts"]),
        offer_phrases=PhraseIndex({"support": flatten(r["promo"]["support_asks"]),
                                   "calls": flatten(r["promo"]["line_starts"])}),
        app_verb=line_start(r["promo"]["app_verbs"]),
        app_word=_words_anywhere(r["promo"]["app_words"]),
        follow_verbs=frozenset(w.casefold() for w in flatten(r["follow"]["verbs"])),
        networks=frozenset(w.casefold() for w in flatten(base["share"]["networks"])),
        network_any=_words_anywhere(base["share"]["networks"]),
        page_position=re.compile(
            r"^[«‹<←\s]*" + alternation(pages["units"]) + r"\.?\s*\d{1,4}\s*" + alternation(pages["of_words"])
            + r"\s*\d{1,4}[\s»›>→]*$", _FLAGS),
        page_link=re.compile(r"^[«‹<←\s]*" + alternation(pages["phrases"]) + r"[\s»›>→]*$", _FLAGS),
        list_heading=re.compile(r"^" + alternation(r["list_headings"]) + r"(?P<rest>(?:\s+[\w&'’\-]+){0,2})\s*[:：՝]?\s*$", _FLAGS),
        list_heading_lead=re.compile(r"^" + alternation(r["list_headings"]) + r"\s*[:：՝—–|]\s", _FLAGS),
        caption_any=re.compile(r"©|" + _words_anywhere(r["photo_caption"]["credit_words"]).pattern, _FLAGS),
        caption_credit=re.compile(
            r"(?:^|[.!?։]\s+|\s+[/|—–\-]\s+|\s*[(\[]\s*)(?:"
            + alternation(r["photo_caption"]["credit_words"])
            + r")\s*(?:by\s+|[:：՝/©]\s*|(?<=\.)\s+)(?P<credit>(?:[^()\[\].!?:]|\.(?=\w)){1,60}?)\s*[)\]]?\s*$|\.\s+©\s*(?P<copy>[^©\d.!?]{2,40})$"
            # or the credit word and its owner alone in brackets: '... (foto Akimat Kostanay)'
            + r"|\(\s*(?:" + alternation(r["photo_caption"]["credit_words"]) + r")\s+(?P<bracketed>[^()\[\].!?:]{1,60}?)\s*\)\s*$",
            _FLAGS),  # a dot inside the credit only in a domain ('Фото: Kazinform.kz / ...')
        # a wire photo's credit after the caption: 'AGENCY/Photographer', maybe '/File Photo' (capitals: IGNORECASE off)
        wire_credit=re.compile(r"[.!?]\s+(?-i:[A-Z][A-Z&\-]{2,}(?:\s[A-Z]{2,})?)/[^/.!?\d]{2,40}(?:/[^/.!?\d]{2,30})?$", _FLAGS),
        badge=whole_line(r["badges"]["whole_line"]),
        poll_label=line_start(r["polls"]["labels"]),
        poll_button=re.compile(r"^(?:" + alternation(r["polls"]["buttons"]) + r"[\s|/·•]*)+$", _FLAGS),
        **_ad_patterns(r["advertorial"], r["legal_forms"]),
        paywall_badge=re.compile(r"^(?:[^\s.!?]{1,12}\s+){0,2}(?:🔒\s*)?" + alternation(base["footer"]["whole_line"]["paywall"])
                                 + r"[\s.!:]*$", _FLAGS),  # after a brand's mark ('Z+', 'FAZ+', 'SZ Plus')
        read_times=re.compile(r"(?<![\w.,])\d{1,3}(?:[\u00a0 .,]\d{3})*(?:\s?(?:k|тыс\.?|mln|млн))?\s+"
                              + alternation(r["read_count"]["times"]) + r"(?!\w)", _FLAGS),
        read_verb=re.compile(r"(?<!\w)" + alternation(r["read_count"]["verbs"]), _FLAGS),
        read_subject=frozenset(w.casefold() for w in flatten(r["read_count"]["subject"])),
        read_keys=tuple(r["read_count"]["keys"]),
        ad_label_keys=tuple(r["advertorial"]["label_keys"]),
    )


def _ad_patterns(ad: dict[str, Any], legal_forms: list[str]) -> dict[str, re.Pattern[str]]:
    number = r"\d[\d\u00a0 .,]*"
    signs = "".join(re.escape(c) for c in ad["currency_signs"])
    word = alternation(ad["currency_words"])
    suffix = r"(?:['’\-]?(?P<glued>" + alternation(ad["from_suffixes"]) + r"))?"  # "so'mdan", '₮-өөс'
    scale = alternation(ad["multipliers"])  # '189 mln', '3.2 сая'
    price = (r"(?:[" + signs + r"]\s?\d|" + number + r"\s?(?:" + scale + r"\.?\s?)?(?:[" + signs + r"]|"
             + word + r")" + suffix + r"(?!\w))")
    return {
        "ad_label": re.compile(r"^[\-–—=*·•\s]*" + alternation(ad["labels"]) + r"[\s\-–—=*·•▾▼⌄]*(?:[:|·•—–]\s*(?P<rest>\S.*))?$",
                               _FLAGS),
        "ad_call": re.compile(r"(?<!\w)" + alternation(ad["calls"]), _FLAGS),
        "ad_price": re.compile(price, _FLAGS),
        "ad_from": re.compile(r"(?<!\w)" + alternation(ad["from_words"]) + r"(?!\w)", _FLAGS),
        "ad_licence": re.compile(r"(?<!\w)" + alternation(ad["licence_words"]), _FLAGS),
        "legal_form": re.compile(r"(?<!\w)" + alternation([f for f in legal_forms if len(f) > 2]) + r"(?!\w)", _FLAGS),
    }


def _span(lines: list[Line], first: int, last: int, kind: str, rule: str) -> Span:
    return Span(lines[first].start, lines[last].end, kind, rule)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_END_PUNCT)


def _is_tag_item(item: str, cfg: dict[str, Any]) -> bool:
    item = item.strip().lstrip("#")
    return (
        0 < len(item) <= cfg["tag_item_max_chars"]
        and len(item.split()) <= cfg["tag_item_max_words"]
        and not item.endswith(_END_PUNCT)
        and any(c.isalpha() for c in item)
    )


# --- tags ------------------------------------------------------------------------


@detector
def tag_list(ctx) -> Iterator[Span]:
    """'Tags: a, b, c', '#a #b #c', or a bare 'Tags' heading over one tag per line."""
    r = extra_rules()
    cfg, lines = r.cfg, ctx.lines
    taken_to = -1
    # a tag line opens with a label or a '#' (a cheap first-character test first)
    for i in ctx.opening(r.tag_initials, cfg["tag_line_max_chars"]):
        text = lines[i].text
        if text[:1] in r.tag_initials and i > taken_to and len(text) <= cfg["tag_line_max_chars"] and not _ends_sentence(text):
            # the label is followed by a colon (tested as a substring before the regex)
            m = r.tag_labelled.match(text) if ":" in text or "：" in text or "՝" in text else None
            items = _ITEM_SPLIT.split(m.group("items")) if m else []
            if m and len(items) == 1 and len(items[0].split()) <= cfg["tag_spaced_max_words"]:
                items = items[0].split()  # 'Tags: Kazakhstan Azerbaijan oil pipeline': tag links flattened with spaces
            if m and len(items) >= cfg["tag_min_items"] and all(_is_tag_item(t, cfg) for t in items):
                yield _span(lines, i, i, "tags", "tag_list")
            elif text[0] == "#" and _is_hashtag_line(text, cfg):  # the first token is a hashtag too
                yield _span(lines, i, i, "tags", "hashtag_list")
            elif r.tag_heading.match(text):
                last = i
                while (last + 1 < len(lines) and last - i < cfg["tag_bare_max_items"]
                       and _is_tag_item(lines[last + 1].text, cfg)):
                    last += 1
                if last - i >= cfg["tag_bare_min_items"]:
                    yield _span(lines, i, last, "tags", "tag_heading")
                    taken_to = last


def _is_hashtag_line(text: str, cfg: dict[str, Any]) -> bool:
    tokens = text.split()
    return len(tokens) >= cfg["hashtag_min"] and all(t.startswith("#") and len(t) > 1 for t in tokens)


# --- author bios -------------------------------------------------------------------


@detector
def author_bio(ctx) -> Iterator[Span]:
    """'About the author: ...', a bio under an author heading, or 'Name is a correspondent covering ...' at the end."""
    r = extra_rules()
    cfg, lines, texts = r.cfg, ctx.lines, ctx.texts
    limit = cfg["bio_max_chars"]
    n = len(lines)
    tail_from = max(1, n - int(cfg["bio_tail_lines"]))
    closing = ctx.last_two_prose  # or among the last two paragraphs of prose, before the page's footer
    # lines under a bare name, below the first paragraph of prose (a name is a few words: short lines
    # only); the names first, so that the first paragraph of prose is looked for only when there is one
    named = [i for i in ctx.short(60) if len(texts[i]) <= 60 and _bare_name(texts[i])]
    under_name = {i + 1 for i in named if i >= ctx.first_prose} if named else set()
    initials = r.bio_initials
    for i, text in enumerate(texts):
        if len(text) > limit or (i < tail_from and i not in closing and text[:1] not in initials
                                 and i not in under_name):
            continue  # a labelled bio or a bio heading opens with a label word; an unlabelled one is in the
            # tail, among the last paragraphs of prose, or under a line that is only a name
        if r.bio_labelled.match(text):
            yield _span(lines, i, i, "author_bio", "bio_labelled")
        elif i + 1 < n and len(texts[i + 1]) <= limit and _bio_heading(r, text, texts[i + 1]):
            yield _span(lines, i, i + 1, "author_bio", "bio_heading")
        elif (i >= tail_from or i in closing) and _unlabelled_bio(r, text):
            yield _span(lines, i, i, "author_bio", "bio_role_beat")
        elif i in under_name and _names_a_beat(r, text):
            yield _span(lines, i - 1, i, "author_bio", "bio_under_name")  # 'Elif Karaca' / '... haber yapıyor.'


def _bio_heading(r: ExtraRules, text: str, following: str) -> bool:
    if r.bio_heading.match(text):
        return True
    about = r.bio_about.match(text)  # "About Mark Evans" over "Mark Evans has covered ..."
    return bool(about) and following.startswith(about.group("name")) and not _ends_sentence(text)


def _bare_name(text: str) -> bool:
    """A line that is only a person's name: two or three capitalised words ('Claire Dumontel')."""
    m = _NAME.match(text)
    return bool(m) and m.end() == len(text.rstrip())


def _names_a_beat(r: ExtraRules, text: str) -> bool:
    """A short paragraph giving a journalism role or a beat ('Correspondante ... depuis 2019')."""
    return (len(_SENTENCE_END.findall(text)) <= r.cfg["bio_max_sentences"]
            and bool(r.bio_role.search(text) or r.bio_beat.search(text)))


def _unlabelled_bio(r: ExtraRules, text: str) -> bool:
    """A short paragraph opening with a name that gives a journalism role and a beat or contact."""
    # cheapest test first: the anchored name, then the sentence count over the whole line
    if text.startswith(("\"", "“", "«", "'")) or not _NAME.match(text):
        return False
    if len(_SENTENCE_END.findall(text)) > r.cfg["bio_max_sentences"]:
        return False
    role = r.bio_role.search(text) is not None
    if role or _FOR_OUTLET.search(text):  # (cheap tests before the beat cues' search)
        beat = r.bio_beat.search(text)
        if beat and (role or _FOR_OUTLET.search(text, beat.end())):
            return True  # a role and a beat, or a beat for a named outlet ('covers mining for The Steppe Ledger')
    name = _NAME.match(text)  # or 'Name is a senior fellow at X' right after the name
    return r.bio_copula.match(text, name.end(1)) is not None


_FOR_OUTLET = re.compile(r"\bfor\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*")  # 'for The Steppe Ledger'


# --- widgets -----------------------------------------------------------------------


@detector
def currency_widget(ctx) -> Iterator[Span]:
    """'USD 470,25 ▲ EUR 512,10 ▼', 'Курс ЦБ: USD 91,78': only codes, numbers and arrows."""
    r = extra_rules()
    limit = r.cfg["widget_max_chars"]
    found = []
    for i, line in enumerate(ctx.lines):
        text = line.text
        if len(text) <= limit and _DIGIT.search(text) and _is_currency_strip(r, text):
            found.append(i)
            yield _span(ctx.lines, i, i, "widget", "currency_widget")
    yield from _widget_headings(ctx, found)


def _widget_headings(ctx, found: list[int]) -> Iterator[Span]:
    """The heading over a table of widget rows, one row per line ('Валюта бағамы (ҰБ)' over 'USD
    512,40' / 'EUR 581,15', 'Weather: Astana' over a forecast), as a list's (boilerplate._heads_list)."""
    rows = set(found)
    for i in found:
        if i - 1 not in rows and i + 1 in rows and (_heads_list(ctx, i) or _dated_heading(ctx, i)):  # the first of two rows or more
            yield _span(ctx.lines, i - 1, i - 1, "widget", "widget_heading")


def _dated_heading(ctx, first: int) -> bool:
    """A widget table's heading that carries its date ('MB kursi (12.06.2025):', 'Курсы валют ЦБ на 12.06'): the
    heading test of a list (boilerplate._heads_list) once the date is taken out of it."""
    if first == 0 or ctx.lines[first - 1].block != ctx.lines[first].block:
        return False
    text = ctx.texts[first - 1]
    if len(text) > 80 or not _DIGIT.search(text):
        return False
    undated = _SHORT_DATE.sub(" ", ctx.p.date.sub(" ", text)).replace("()", " ").strip(" ,:-–—")
    return (bool(undated) and not _DIGIT.search(undated) and len(undated.split()) <= extra_rules().cfg["widget_heading_max_words"]
            and not undated.endswith((".", "!", "?", ";", ",")) and _LETTER.search(undated) is not None)


def _is_currency_strip(r: ExtraRules, text: str) -> bool:
    """Only currency names, numbers and symbols (after an optional label), with a currency and a number."""
    m = r.currency_strip.match(text)
    if not m or _LETTER.search(m.group("body")) is None:
        return False
    # after a label the rules do not list ('Курсы НБ РК:'), a strip of rates: two currencies at least
    return not m.group("other") or len(r.currency_code.findall(m.group("body"))) >= 2


@detector
def weather_widget(ctx) -> Iterator[Span]:
    """'Astana −12°C', 'Almaty +5°C  Astana -8°C', 'İstanbul 18°C Parçalı bulutlu'."""
    r = extra_rules()
    found: list[int] = []
    for i in ctx.holding(("°",), r.cfg["widget_max_chars"]):
        text = ctx.lines[i].text
        if (len(text) > r.cfg["widget_max_chars"] or "°" not in text or text.endswith((".", "!", "?", ";"))
                or text[:1] in LIST_MARKERS):
            continue  # a sentence, or an item of the article's own list ('— Shymkent: +40…+42 °C;')
        temps = _TEMPERATURE.findall(text)
        rest = _TEMPERATURE.sub(" ", text[r.weather_label.match(text).end():] if r.weather_label.match(text) else text)
        if temps and len(_WORDS.findall(rest)) <= r.cfg["weather_max_words"] * len(temps):
            found.append(i)
            yield _span(ctx.lines, i, i, "widget", "weather_widget")
    yield from _widget_headings(ctx, found)


@detector
def widget_row(ctx) -> Iterator[Span]:
    """A header strip of widget items side by side (between bars, dots or wide gaps): 'Ср, 12 марта 2025 |
    Алматы +3°C, облачно | USD 496,80',
    'Brent $74.12 +0.8% · WTI $70.55 +0.6% · KASE 5,612.40 −0.2%': three items at least, each a date,
    a temperature, a rate or a market quote, and no sentence."""
    r = extra_rules()
    limit = r.cfg["widget_row_max_chars"]
    for i in ctx.holding(("|", "·", "•", "   ", "\t"), limit):
        text = ctx.texts[i]
        if len(text) > limit or text.endswith((".", "!", "?", ";")):
            continue
        items = [p for p in _WIDGET_SPLIT.split(text) if p.strip()]
        kinds = [_widget_item(ctx, r, item) for item in items]
        # a ticker of quotes, or a strip of two kinds at least (a row of dates only is a schedule)
        if len(items) >= 3 and None not in kinds and (len(set(kinds)) >= 2 or kinds[0] == "quote"):
            yield _span(ctx.lines, i, i, "widget", "widget_row")
        elif len(items) >= 4 and all(_NAMED_TIME.match(item.strip()) for item in [_unlabelled(items[0]), *items[1:]]):
            yield _span(ctx.lines, i, i, "widget", "widget_row")  # a timetable: 'Вақти намоз: Бомдод 04:18 • Пешин 12:48 • ...'


def _unlabelled(item: str) -> str:
    """An item without the strip's label before it ('Вақти намоз: Бомдод 04:18' -> 'Бомдод 04:18')."""
    _label, colon, rest = item.partition(": ")
    return rest if colon else item


def _widget_item(ctx, r: ExtraRules, item: str) -> str | None:
    """What one item of a widget strip is: a market quote, a temperature, a rate, a date (with its
    weekday), or None."""
    words = len(_WORDS.findall(item))
    if _CHANGE.search(item) and words <= 3 and len(_DIGIT_GROUP.findall(item)) >= 3:
        return "quote"  # 'WTI $70.55 +0.6%': a price and its change ('Exports +12%' is a figure)
    if _TEMPERATURE.search(item) and words <= 4:
        return "weather"  # 'Алматы +3°C, облачно'
    if _DIGIT.search(item) and (_is_currency_strip(r, item.strip()) or _ONE_UNIT_RATE.match(item.strip())):
        return "rate"  # 'USD 496,80', '1 USD = 10,9512 сомонӣ'
    if words <= 4 and ctx.p.date.search(item):
        return "date"  # '3 iyun 2025, Çərşənbə axşamı'
    return None


@detector
def poll_widget(ctx) -> Iterator[Span]:
    """A reader poll: 'Опрос' over its question (a line ending in '?') and short option lines, up to
    its 'Голосовать | Результаты' buttons; or all of it flattened onto one line after the label."""
    r = extra_rules()
    cfg, lines, texts = r.cfg, ctx.lines, ctx.texts
    for i in ctx.starting(r.poll_label):
        m = r.poll_label.match(texts[i])
        if not m:
            continue
        rest = texts[i][m.end():].strip(" :：")
        if rest:  # flattened: the label, the question, the options
            if len(texts[i]) <= cfg["poll_line_max_chars"] and "?" in rest:
                yield _span(lines, i, i, "widget", "poll_widget")
            continue
        if i + 1 >= len(lines) or not texts[i + 1].endswith(("?", "？")) or len(texts[i + 1]) > 200:
            continue  # a bare 'Poll' line is a poll only over its question
        last = i + 1
        while (last + 1 < len(lines) and last - i < cfg["poll_max_lines"] and lines[last + 1].block == lines[i].block
               and len(texts[last + 1]) <= 60 and not texts[last + 1].endswith(".")):
            last += 1
            if r.poll_button.match(texts[last]):
                while last + 1 < len(lines) and lines[last + 1].block == lines[i].block and r.poll_button.match(texts[last + 1]):
                    last += 1  # 'Дауыс беру' / 'Нәтижелер': the buttons, one per line
                break  # the buttons close it
        if last > i + 1:
            yield _span(lines, i, last, "widget", "poll_widget")


# --- promos, follow prompts, badges --------------------------------------------------------


@detector
def promo_line(ctx) -> Iterator[Span]:
    """'Sign up for our newsletter', 'Download the X app on iOS', 'Скачайте приложение'; a paywall's offer
    ('Sie möchten weiterlesen? ...') with its badge on the line above ('Z+ Nur für Abonnenten')."""
    r = extra_rules()
    for i in ctx.opening(r.promo_initials, r.cfg["promo_max_chars"]):
        text = ctx.lines[i].text
        if text[:1] in r.promo_initials and len(text) <= r.cfg["promo_max_chars"] and (
            r.promo_start.match(text) or (r.app_verb.match(text) and r.app_word.search(text))
        ):
            yield _span(ctx.lines, i, i, "promo", "promo_line")
            if i > 0 and len(ctx.texts[i - 1]) <= 60 and r.paywall_badge.match(ctx.texts[i - 1]):
                yield _span(ctx.lines, i - 1, i - 1, "promo", "paywall_badge")  # 'Z+ Nur für Abonnenten' over the offer


@detector
def support_ask(ctx) -> Iterator[Span]:
    """A reader-funding ask ('This reporting is funded by our members. If you find it useful, consider becoming
    one.'; 'X is a reader-supported publication. To receive new posts and support my work, consider becoming a
    free or paid subscriber.'): a short paragraph holding two different asking phrases or more (one is a sentence
    reporting on a campaign)."""
    r = extra_rules()
    limit = r.cfg["support_max_chars"]
    for i, phrases in ctx.phrases(r.offer_phrases, limit).items():
        if len(ctx.texts[i]) <= limit and len(r.offer_phrases.of_list("support", phrases)) >= 2:
            yield _span(ctx.lines, i, i, "promo", "support_ask")


@detector
def paywall_offer(ctx) -> Iterator[Span]:
    """A paywall's or a membership's offer with its price, after a badge or a sentence of its own ('★ PREMIUM ★
    This analysis continues for subscribers. Get unlimited access for $9/month', '💚 ... Бизди колдоңуз — ай
    сайын 100 сомдон баштап'): a promo's call anywhere in a short line, and a price in it.  (promo_line knows
    the offers that open with their call.)"""
    r = extra_rules()
    limit = r.cfg["promo_max_chars"]
    for i, phrases in ctx.phrases(r.offer_phrases, r.cfg["support_max_chars"]).items():  # (shared with support_ask)
        text = ctx.texts[i]
        if len(text) <= limit and r.offer_phrases.of_list("calls", phrases) and r.ad_price.search(text):
            yield _span(ctx.lines, i, i, "promo", "paywall_offer")


@detector
def advertorial(ctx) -> Iterator[Span]:
    """An advertorial under its label ('Anzeige', 'Реклама', 'Reklam', 'Sponsored'): the label and up to
    ad_max_lines lines of ad copy right under it (or after it on its line): short lines with an arrow, a call
    to action, an offer's price, or the advertiser's licence or legal form.  An article paragraph under an
    ad slot's label stays: it is longer, or reads as a sentence with no offer in it."""
    r = extra_rules()
    cfg, lines, texts = r.cfg, ctx.lines, ctx.texts
    for i in ctx.holding_lower(r.ad_label_keys, cfg["ad_line_max_chars"]):  # lines holding a label's stem
        m = r.ad_label.match(texts[i]) if len(texts[i]) <= cfg["ad_line_max_chars"] else None
        if not m:
            continue
        if m.group("rest"):  # 'Anzeige: Georgien entdecken ...': label and copy on one line
            if _ad_copy(r, m.group("rest"), cfg, False):
                yield _span(lines, i, i, "promo", "advertorial")
            continue
        last = i
        while last + 1 < len(lines) and last - i < cfg["ad_max_lines"] and _ad_copy(r, texts[last + 1], cfg, last > i):
            last += 1
        # line by line: the label is interface_word's already, and a line of the copy may be another rule's
        yield from (_span(lines, k, k, "promo", "advertorial") for k in range(i, last + 1) if last > i)


def _ad_copy(r: ExtraRules, text: str, cfg: dict[str, Any], after_copy: bool) -> bool:
    """A line of ad copy: short, and an arrow, a call to action, a licence, an offer's price (after 'from', or
    in a line of a few words), or after other copy the advertiser's name with its legal form."""
    if len(text) > cfg["ad_line_max_chars"] or len(_SENTENCE_END.findall(text)) > 2:
        return False
    if text.endswith(_AD_ARROWS) or text.startswith(_AD_ARROWS) or r.ad_call.search(text) or r.ad_licence.search(text):
        return True
    words = len(text.split())
    price = r.ad_price.search(text)
    if price:
        offer = price.group("glued") or r.ad_from.search(text)
        return words <= cfg["ad_plain_max_words"] or bool(offer and not text.endswith("."))
    return after_copy and words <= cfg["ad_plain_max_words"] and bool(r.legal_form.search(text))


@detector
def follow_prompt(ctx) -> Iterator[Span]:
    """A short line naming a network and a follow verb in any order: 'Bizi Telegram-da izləyin'."""
    r = extra_rules()
    lines = ctx.lines
    for i, line in enumerate(lines):
        text = line.text
        if text.endswith((":", "：")) and len(text) <= 40 and i + 1 < len(lines) and _opens_with_network(r, lines[i + 1].text):
            if {w.casefold() for w in re.findall(r"\w+", text)} & r.follow_verbs:  # 'Поделиться новостью:' over the buttons
                yield _span(lines, i, i, "share", "follow_prompt")
            continue
        if len(text) > r.cfg["follow_max_chars"] or text.endswith((".", "?")) or not r.network_any.search(text):
            continue
        words = {w.casefold() for w in re.findall(r"\w+", text)}
        if words & r.networks and (words & r.follow_verbs or _HANDLE_AT_END.search(text)):
            yield _span(lines, i, i, "share", "follow_prompt")  # a verb, or the account it points to


def _opens_with_network(r: ExtraRules, text: str) -> bool:
    """Does the line open with a network's name ('Telegram', 'Facebook X WhatsApp')?"""
    first = text.split(None, 1)[:1]
    return bool(first) and first[0].casefold().strip(",|·•") in r.networks


@detector
def interface_badge(ctx) -> Iterator[Span]:
    """'Skip to content', an age rating ('18+') or a line of only numbers and pictographs ('👁 8 212 💬 14')."""
    r = extra_rules()
    quick = ctx.prefilter
    for i in ctx.short(60):
        text = ctx.texts[i]
        if len(text) > 60:
            continue
        if r.badge.match(text) or _AGE_BADGE.match(text):
            yield _span(ctx.lines, i, i, "footer", "interface_badge")
        elif quick and (text.isascii() or not _DIGIT.search(text)):
            continue  # a counter row holds a number and a pictograph (Unicode 'So': none is ASCII)
        elif _symbol_counter(text):
            yield _span(ctx.lines, i, i, "counter", "symbol_counter")
            if _labels_row(ctx.lines, i):
                yield _span(ctx.lines, i - 1, i - 1, "counter", "symbol_counter_label")


def _labels_row(lines: list[Line], i: int) -> bool:
    """Is the line above row `i` its label: same block, a few words ending in '?' or ':'
    ('Как вам эта новость?' over '👍 34 😮 12')."""
    if i == 0 or lines[i - 1].block != lines[i].block:
        return False
    above = lines[i - 1].text
    return above.endswith(("?", ":", "？", "：")) and len(above.split()) <= 5


def _symbol_counter(text: str) -> bool:
    """Numbers and pictographs only ('👁 8 212 💬 14'), or after a short label that asks or ends in
    a colon ('Ваша реакція: 👍 21 ❤️ 4 😂 0', 'How do you feel? 👍 34 😮 12'): a reactions row.
    (A colon between digits is a clock's: '15 апреля 2024, 09:45 👁 3210' is a date line.)"""
    label, mark, rest = text.rpartition("?") if "?" in text else text.rpartition(":")
    if mark and len(label.split()) <= 5 and not label[-1:].isdigit() and _counts_with_pictographs(rest, 2):
        return True
    return _counts_with_pictographs(text, 1)


def _counts_with_pictographs(text: str, least: int) -> bool:
    """No letter, `least` numbers at least, and a pictograph (Unicode 'So')."""
    if _LETTER.search(text) or len(_DIGIT_GROUP.findall(text)) < least:
        return False
    return any(map(is_pictograph, text))


@detector
def read_count(ctx) -> Iterator[Span]:
    """A read counter written as a phrase: 'This article has been read 2,310 times', 'Esta noticia ha sido
    leída 1.204 veces', 'Материал прочитали 1 204 раза', 'Bu haber 4.210 kez okundu': a short line with a
    number and 'times', a verb of reading, and little else ('this article', 'has been').  A sentence about
    a book read a million times has more words."""
    r = extra_rules()
    limit = r.cfg["read_count_max_chars"]
    for i in ctx.holding_lower(r.read_keys, limit):  # ' times', ' раз', ' veces': the word after the number
        text = ctx.texts[i]
        if len(text) > limit:
            continue
        times = r.read_times.search(text)
        verb = r.read_verb.search(text) if times else None
        if not verb:
            continue
        rest = text[: times.start()] + " " + text[times.end():]
        other = [w for w in _WORDS.findall(_READ_APOSTROPHE.sub("", rest)) if w.casefold() not in r.read_subject
                 and not r.read_verb.match(w)]  # the verb's word ('leída', 'прочитали', 'o‘qildi')
        if len(other) <= r.cfg["read_count_max_other_words"]:
            yield _span(ctx.lines, i, i, "counter", "read_count")


# --- readers' comments ---------------------------------------------------------------------


@detector
def comment_thread(ctx) -> Iterator[Span]:
    """Readers' comments under a 'Comments (3)' heading: a 'name · 17 May 2025, 21:35' line, then the
    comment (a few lines), again and again, in the heading's block (the heading is comments_line's).
    Below a sentence of the article only (`below_a_sentence`)."""
    lines = ctx.lines
    most = int(extra_rules().cfg["comment_max_lines"])
    for i in ctx.short(60):  # (fewer than the lines whose first character passes the heading's gate)
        if len(lines[i].text) > 60 or not ctx.p.comments.match(lines[i].text):
            continue
        if not below_a_sentence(ctx, i):
            continue  # a counter over the headline: the date stamp under it opens no comment, the lede is no comment
        last, head = i, i + 1
        while _comment_head(ctx, lines, head, lines[i].block):
            end = head + 1  # the comment: the lines up to the next head, at most `most` of them
            while (end < len(lines) and end - head <= most and lines[end].block == lines[i].block
                   and not _comment_head(ctx, lines, end, lines[i].block)):
                end += 1
            if end == head + 1:
                break  # a stamped line with no comment under it
            if end - head > most and not _comment_head(ctx, lines, end, lines[i].block):
                last = head + 1  # the last comment, and the block runs on: its end is unknown, take one line
                break
            last, head = end - 1, end
        if last > i:
            yield _span(lines, i + 1, last, "comments", "comment_thread")


def below_a_sentence(ctx, i: int) -> bool:
    """Is there a sentence of the article above line i (a line of a few words closing with a stop)?  A
    comment heading over the headline is a counter among the stamps there ('Comments: 3' / '12.06.2025
    10:32' / the lede), not a thread's heading.  (Asked for headings only: a short scan up.)"""
    least = extra_rules().cfg["thread_sentence_min_words"]
    return any(t.endswith(_STOPS) and len(t.split()) >= least for t in ctx.texts[:i])


def _comment_head(ctx, lines: list[Line], j: int, block: int) -> bool:
    """A commenter's line: short, in the thread's block, opening or closing with a precise stamp."""
    return j < len(lines) and lines[j].block == block and len(lines[j].text) <= 80 and _stamped(ctx, lines[j].text)


# --- paging ----------------------------------------------------------------------------


@detector
def page_position(ctx) -> Iterator[Span]:
    """'Page 1 of 3', 'Страница 1 из 2', 'Sayfa 1 / 12', 'Next page »'."""
    r = extra_rules()
    for i in ctx.starting(r.page_position, r.page_link):
        line = ctx.lines[i]
        if len(line.text) <= 60 and (r.page_position.match(line.text) or r.page_link.match(line.text)):
            yield _span(ctx.lines, i, i, "navigation", "page_position")


# --- headline lists --------------------------------------------------------------------


@detector
def list_heading(ctx) -> Iterator[Span]:
    """A headline-box heading ('Latest news', 'Son Dakika') with the short lines under it."""
    r = extra_rules()
    cfg, lines = r.cfg, ctx.lines
    for i in ctx.short(60):  # (fewer than the lines whose first character passes the heading's gate)
        line = lines[i]
        if len(line.text) > 60 or not r.list_heading.match(line.text):
            continue
        last = i
        while (last + 1 < len(lines) and last - i < cfg["list_heading_max_items"]
               and len(lines[last + 1].text) <= cfg["list_item_max_chars"]
               and (not lines[last + 1].text.endswith((".", "!", "?", ";", "…"))
                    or _ranked_headline(lines[last + 1].text, last + 1 - i))):
            last += 1
        if last - i < 2:  # fewer than two headlines under it: unless they run together on the one line
            # under it ('Главное за сутки' over '10:52 Акимат закрыл ... 10:31 В Астане открыли ...')
            if not (i + 1 < len(lines) and _runon_headlines(r, lines[i + 1].text)):
                continue
            last = i + 1
        # the heading and its items apart: a rule that took the items must not veto the heading
        yield _span(lines, i, i, "related_headlines", "list_heading")
        yield _span(lines, i + 1, last, "related_headlines", "list_heading")


_ROW_SEP = re.compile(r"\s+[|·•]\s+")  # the items of a flattened headline box


@detector
def headed_list_row(ctx) -> Iterator[Span]:
    """A headline box flattened onto one line after its heading: 'Ko‘p o‘qilganlar: Grippga qarshi emlash
    boshlandi  |  Qandli diabet: 5 ta belgi  |  ...', 'Most read: A · B · C'.  Three items or more, each
    of a headline's length."""
    r = extra_rules()
    cfg = r.cfg
    for i in ctx.holding(("|", "·", "•")):  # the items' separators first: few lines hold them
        text = ctx.texts[i]
        m = r.list_heading_lead.match(text)
        if not m:
            continue
        items = _ROW_SEP.split(text[m.end():].strip())
        if len(items) >= cfg["list_row_min_items"] and all(0 < len(t) <= cfg["list_item_max_chars"] for t in items):
            yield _span(ctx.lines, i, i, "related_headlines", "headed_list_row")


def _ranked_headline(text: str, rank: int) -> bool:
    """Item `rank` of a 'most read' box numbered 1, 2, 3 ... ('2 Altın fiyatlarında son durum?'): its
    number says it is a headline of the list, so it may end as a question or an exclamation does."""
    number = str(rank)
    return (text.startswith(number) and text[len(number):len(number) + 1] in (" ", ".", ")")
            and text.endswith(("?", "!")))


@detector
def runon_times(ctx) -> Iterator[Span]:
    """One line of headlines each opened by a clock time ('18:45 В Алматы ... 17:30 Цены ...')."""
    r = extra_rules()
    for i, text in enumerate(ctx.texts):
        if _runon_headlines(r, text):
            yield _span(ctx.lines, i, i, "related_headlines", "runon_times")


def _runon_headlines(r: ExtraRules, text: str) -> bool:
    """Is this one line several headlines, each opened by a clock time, with few sentence ends among them?
    Fewer times will do after a box's heading on the line ('ბოლო ამბები: 10:41 ... 10:20 ...')."""
    need, fewer, colons = r.cfg["runon_time_min"], r.cfg["runon_time_min_after_heading"], text.count(":")
    if colons < fewer or (colons < need and not r.list_heading_lead.match(text)):
        return False  # every clock time holds a colon: a cheap pre-filter first
    text = _parted(text)  # '...in Baku03.03 18:40Tour of Almaty...': times glued to headlines
    # a headline opens with a capital, a digit, or a letter of a script without capitals (Georgian)
    opened = [w for w in _CLOCK.findall(text) if not opens_in_lower_case(w)]
    if len(opened) < need and not (len(opened) >= fewer and r.list_heading_lead.match(text)):
        return False
    return len(_SENTENCE_END.findall(text)) / len(opened) <= r.cfg["runon_time_max_sentence_ratio"]


# --- photo captions ------------------------------------------------------------------------


@detector
def caption_credit(ctx) -> Iterator[Span]:
    """A caption that ends in its credit: '... (Photo: Getty Images)', '... / Photo by X', '... © Agency'."""
    r = extra_rules()
    limit = r.cfg["caption_max_chars"]
    quick = ctx.prefilter
    for i, text in enumerate(ctx.texts):
        if len(text) > limit or (quick and text.endswith((".", "!", "?"))):
            # the credit closes the line: its last non-space character is one of the credit's own
            # ('[^()\[\].!?:]'), a closing bracket, or one of the '©' owner's ('[^©\d.!?]'), never '.!?'
            # (most prose lines end so)
            continue
        if not ("©" in text or ":" in text or "/" in text or "by " in text or "By " in text or "՝" in text
                or text.endswith(")")):
            continue  # every credit form has one of these marks ('՝': Armenian's after a label; a bracketed
            # credit closes the line; cheap tests first)
        if _QUOTE.search(text) and _QUOTE.search(_SHORT_QUOTE.sub("Q", text)):
            continue  # a quotation is speech, not a caption (a quoted name of three words or fewer is a name)
        if "/" in text and r.wire_credit.search(text):
            yield _span(ctx.lines, i, i, "photo_credit", "caption_credit")
            continue
        if not r.caption_any.search(text):
            continue  # a credit names itself ('Photo', '©')
        m = r.caption_credit.search(text, max(0, len(text) - 100))  # the credit closes the line
        credit = m and (m.group("credit") or m.group("copy") or m.group("bracketed") or "")
        if m and credit.strip() and len(credit.split()) <= r.cfg["caption_credit_max_words"]:
            yield _span(ctx.lines, i, i, "photo_credit", "caption_credit")


# --- section labels -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _section_label() -> tuple[re.Pattern[str], int, int]:
    r = read_rules("boilerplate_extra.yaml")["section_labels"]
    base = read_rules("boilerplate.yaml")["navigation"]["menu_words"]
    word = alternation(flatten(base) + flatten(r["words"]))
    # IGNORECASE folds 'İ' to 'i' as the menu lists spell it ('İDMAN', 'İqtisadiyyat')
    pattern = re.compile(r"^" + word + r"(?:\s*[|/›»·•]?\s*" + word + r"){0,%d}$" % (r["max_words"] - 1), _FLAGS)
    return pattern, int(r["top_lines"]), int(r["max_words"])


@detector
def section_label(ctx) -> Iterator[Span]:
    """'WORLD NEWS', 'Opinion | Energy' above the headline: section names only, no headline words."""
    pattern, top, _ = _section_label()
    labels = []
    for i, line in enumerate(ctx.lines[:top]):
        if len(line.text) <= 60 and pattern.match(line.text):
            labels.append(i)
        elif len(line.text.split()) >= 3:  # the headline: the labels above it are labels
            yield from (_span(ctx.lines, j, j, "navigation", "section_label") for j in labels)
            return
        # other short lines (a language switcher, a logo) neither label nor head the page
