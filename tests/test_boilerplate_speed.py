"""The text path's speed-ups change nothing: same spans, same keys, same lines, same matches.

detect_boilerplate skips lines a detector cannot accept (first-character gates, literal
keys, separator characters, digit scans).  These tests compare the fast path with the
exhaustive one (`prefilter=False`: every test on every line) and with the implementation
before the speed work (git ref, when available), and check each shortcut's premise directly.
No timing here: bench/boilerplate_equivalence.py and bench/text_speed.py measure speed.
"""

from __future__ import annotations

import math
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from newsmill import boilerplate
from newsmill.boilerplate import DETECTORS, _detect, detect_boilerplate
from newsmill.boilerplate_patterns import (
    KeyedSearch,
    Patterns,
    _unsafe_key_chars,
    alternation,
    flatten,
    flat_alternation,
    literal_keys,
    load_patterns,
)
from newsmill.model import Line
from newsmill.regex_gates import first_class, gate, gated
from newsmill.spans import extension_pieces
from newsmill.text import norm_key, norm_keys, split_lines

ROOT = Path(__file__).resolve().parents[1]
RULES = yaml.safe_load((ROOT / "newsmill" / "rules" / "boilerplate.yaml").read_text("utf-8"))
FIXTURES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "docs").rglob("*.txt"))
REF = "6bf9e24"  # detect_boilerplate before the speed work (with the new detectors merged); move on when detectors change on purpose
# Detectors whose rules changed on purpose since REF, compared neither way: repeated_lede takes any
# later copy of a paragraph (was: only in the last lines); breadcrumb refuses rows of figures and
# takes two-segment paths with a pointing separator ('Spor > Güreş'); currency_widget takes rates after
# any short label when they name two currencies.
# timestamp_run leaves stamped lines that close a sentence (live-blog entries); prev_next_links
# takes the headline on the line after a link; copyright_footer takes longer lines opening with
# the mark; cookie_banner takes a notice followed by its buttons; and these read longer word
# lists (comments, counters, interface words, read-also cues, networks); tag_list takes labelled
# tags separated by spaces only; separator_line takes underscore rules; photo_credit leaves a long
# paragraph of prose that opens with a credit mark; weather_widget leaves items of an article's list;
# runon_headlines reads lines with their glued stamps parted ('...мест05.03.2024 08:40Жанаозенские...');
# author_bio looks for an unlabelled bio among the last two paragraphs of prose too; interface_badge
# takes the label over a row of reactions; and these read longer word lists (cues, credits, rights,
# navigation phrases, ad slots between dashes, home-page paths); menu_line reads two-word items ('Басты бет'); calendar_block takes a heading above it.
# list_heading takes the ranked items of a 'most read' box that end in '?' or '!' ('2 Altın fiyatları ne olacak?').
# promo_line reads paywall offers and takes a paywall's badge above one ('Z+ Nur für Abonnenten'); currency_widget and
# weather_widget take a table's heading that carries its date ('Курсы валют ЦБ на 12.06'); prev_next_links reads
# gallery arrows in more languages.
CHANGED_SINCE_REF = frozenset({"promo_line","runon_headlines", "author_bio", "interface_badge", "caption_credit", "interface_word", "menu_line", "calendar_block",
                               "runon_times", "follow_prompt",
    "repeated_lede", "breadcrumb", "currency_widget", "timestamp_run", "prev_next_links", "copyright_footer",
    "cookie_banner", "comments_line", "counter_line", "interface_word", "read_also_cue", "share_prompt",
    "follow_prompt", "tag_list", "separator_line", "photo_credit", "weather_widget", "list_heading"})

# Lines built to sit on the edges of the shortcuts (reason in each comment).
EDGE_LINES = [
    "4 thoughts on “Ferry line reopens” \u00a0:",  # comments_title: a colon after spaces after the closing quote
    "One thought on «Ferry line reopens»",  # ... guillemets, and a word for the number
    "14.03.2024 | Просмотров: 1 874 | Комментариев: 3",  # stamp_counter_row: digits in every segment
    "İLGİLİ HABERLER: İstanbul'da yeni proje",  # 'İ' lower-cases to two characters
    "ILGILI HABERLER",  # dotless/dotted i equivalences under IGNORECASE
    "© 2024 Kelvin \u212a Ltd. ALL RIGHTS RESERVED",  # Kelvin sign matches 'k' case-insensitively
    "Вcе пpaва защищены",  # Latin look-alikes inside a Cyrillic phrase
    "ВСЕ ПРАВА ЗАЩИЩЕНЫ",
    "  indented: Share on Facebook",  # leading whitespace (a caller's unstripped line)
    "| Home | News | Politics |",  # starts with a token separator
    "Facebook · Twitter · Telegram",
    "FACEBOOK TWITTER",
    "·Telegram·",
    "EN | RU | AZ",
    "Mo Tu We Th Fr Sa Su",
    "Пн Вт Ср Чт Пт Сб Вс",
    "1 2 3 4 5 6 7",
    "12345678910",
    "Февраль 2026",
    "« March 2024 »",
    "10:15 Headline one 11:20 Headline two 12:30 Headline three 13:40 Headline four",
    "10 March 2024 Something happened 11 March 2024 Another thing 12 March 2024 More",
    "Headline about the budget — 12.03.2024",
    "2024-03-10 Headline",
    "Tampa, FL — June 9",
    "***",
    "x x x",
    "— — —",
    "_ _ _",
    "Advertisement",
    "ADVERTISEMENT...",
    "Loading...",
    "Read also: The next headline",
    "ЧИТАЙТЕ ТАКЖЕ",
    "Views: 1 204",
    "👁️ 317",
    "11 Comments",
    "Комментарии (3)",
    "Previous Post Next Post",
    "« Next article",
    "Photo: Reuters | The minister in Baku",
    "The minister in Baku",
    "(c) 2023 Example",
    "(C) 2023 Example",
    "We use cookies to improve your experience. Accept",
    "Мы используем файлы cookie. Принять",
    "Accept all",
    "Home » News » Politics » A long headline about a meeting",
    "Home / News / World",
    "A :: B :: C",
    "1 2 3 4 5 İDMAN XƏBƏR",
    "Calendar",
    "Архив новостей",
    "ſhare on Facebook",  # long s: equals 's' under IGNORECASE
    "ꙋ ᲂ ᲃ odd Cyrillic forms",
    "ﬁnancial ﬁgures ﬂat",  # ligatures: NFKC changes lengths
    "Straße STRASSE",  # casefold changes lengths
    "under_score and_more",
    "\u0301combining accent at the start",
    "Σ ΣΑΣ ΟΔΟΣ",
]


def edge_documents(seed: int) -> list[str]:
    """Edge lines shuffled among fixture lines, in blocks, some repeated (titles, ledes)."""
    rng = random.Random(seed)
    pool = [line.text for path in FIXTURES[:6] for line in split_lines(path.read_text("utf-8"))]
    docs = []
    for _ in range(12):
        picked = rng.sample(EDGE_LINES, 12) + rng.sample(pool, 12)
        rng.shuffle(picked)
        picked += picked[:2]  # copies of the first lines: repeated title / lede material
        docs.append("".join(line + rng.choice(["\n", "\n\n", "\r\n", "\n  \n"]) for line in picked))
    return docs


def all_texts() -> list[str]:
    return [p.read_text("utf-8") for p in FIXTURES] + edge_documents(0) + edge_documents(1)


@pytest.mark.parametrize("text", all_texts(), ids=lambda t: t[:24])
def test_fast_path_equals_exhaustive_path(text):
    """Candidates are supersets of what each detector accepts: the spans cannot differ."""
    assert _detect(text, None, frozenset()) == _detect(text, None, frozenset(), prefilter=False)


def test_fast_path_equals_exhaustive_path_for_callers_lines():
    """Callers (html_classify, checks) pass their own lines: subsets, unstripped or multi-line texts."""
    for text in all_texts()[:20]:
        lines = split_lines(text)
        cases = {
            "every other line (a DOM-kept subset)": lines[::2],
            "unstripped texts": [Line(ln.start, ln.end, " " + ln.text + " ", ln.block) for ln in lines],
            "texts holding newlines": [
                Line(a.start, b.end, a.text + "\n" + b.text, a.block) for a, b in zip(lines[::2], lines[1::2])
            ],
        }
        for reason, given in cases.items():
            assert _detect(text, given, frozenset()) == _detect(text, given, frozenset(), prefilter=False), reason


def _reference_module():
    """boilerplate as of REF (git), or None when this checkout cannot provide it."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from boilerplate_equivalence import load_reference

        return load_reference(REF)
    except (subprocess.CalledProcessError, FileNotFoundError, OSError):
        return None
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_same_spans_as_before_the_speed_work(monkeypatch):
    """Old (REF) and new detect_boilerplate agree on every test document, seed and edge document.

    Detectors added since REF are skipped, so new rules do not count as differences.  The rule
    merging a later detector's span with earlier ones changed on purpose (it keeps the lines beside
    an earlier verdict of another kind, newsmill/spans.py), so the reference merges with today's.
    """
    ref = _reference_module()
    if ref is None:
        pytest.skip(f"git ref {REF} is not available in this checkout")
    monkeypatch.setattr(ref, "extension_pieces", extension_pieces)
    added = frozenset(d.__name__ for d in DETECTORS) - {d.__name__ for d in ref.DETECTORS}
    for text in all_texts():
        assert (detect_boilerplate(text, skip=added | CHANGED_SINCE_REF)
                == ref.detect_boilerplate(text, skip=CHANGED_SINCE_REF)), text[:60]


@pytest.mark.parametrize("texts, reason", [
    (["Hello, World!", "hello world", "HELLO_WORLD"], "punctuation, case, underscores"),
    (["ﬁnancial", "Straße", "STRASSE", "İstanbul", "ΟΔΟΣ"], "NFKC ligatures, casefold expansions, final sigma"),
    (["\u0301accent first", "e\u0301", "é"], "a combining mark opening a text must not join the previous one"),
    (["a\u00a0b", "a\u3000b", "x\u2028y"], "exotic spaces"),
    (["", "  ", "…", "12:30"], "empty and symbol-only texts"),
    (["two\nlines", "plain"], "a text holding a newline is keyed on its own"),
    ([], "no texts: no keys (an empty join must not give one empty key)"),
    (["Plain ASCII, line!", "Ünïcode line", "tab\tand\x7fDEL\x00", "under_score 42"],
     "ASCII lines take the bytes shortcut, the others the Unicode path, keys back in their places"),
    (["ASCII only", "MORE ascii_text 123"], "all ASCII: one bytes pass"),
    (["€ 5 — «quote» ＿x", "Ünïcode—dash_"], "non-ASCII characters to drop: the regex pass after the bytes pass"),
    (["Ünïcode only letters", "Straße"], "nothing but letters left after the bytes pass: no regex pass"),
    (["lone \ud800 surrogate", "é"], "a lone surrogate survives the UTF-8 round trip"),
])
def test_norm_keys_equals_norm_key(texts, reason):
    assert norm_keys(texts) == [norm_key(t) for t in texts], reason


def _split_lines_reference(page_text):
    """split_lines as written before (rstrip the break, then strip)."""
    lines, block, pos, previous_blank = [], 0, 0, False
    for raw in page_text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            previous_blank = True
        else:
            if previous_blank and lines:
                block += 1
            previous_blank = False
            start = pos + len(body) - len(body.lstrip())
            lines.append(Line(start, start + len(stripped), stripped, block))
        pos += len(raw)
    return lines


@pytest.mark.parametrize("text", [
    "a\r\nb\n\n c \n", "x\x0by\x0cz\x1c\x1d\x1e\x85\u2028\u2029w", "  lead\ttab  \n\n\n trail ",
    "\u00a0nbsp\u00a0\n\u3000ideo", "", "\n\n", "one",
])
def test_split_lines_unchanged(text):
    assert split_lines(text) == _split_lines_reference(text)


def _patterns() -> dict[str, re.Pattern[str]]:
    p = load_patterns()
    return {name: value for name, value in vars(p).items() if isinstance(value, re.Pattern)} | {
        "_DIGITS_ONLY": boilerplate._DIGITS_ONLY, "_PAGINATION": boilerplate._PAGINATION,
    }


def _probe_strings() -> list[str]:
    lines = [ln.text for text in all_texts() for ln in split_lines(text)] + EDGE_LINES
    return lines + [t.upper() for t in lines] + [t.lower() for t in lines]


def test_first_character_gates_admit_every_match():
    """A line some anchored pattern matches always starts with a character of its gate."""
    probes = _probe_strings()
    checked = 0
    for name, pattern in _patterns().items():
        test = gate(pattern)
        if test is None:
            continue
        for s in probes:
            if pattern.match(s):
                checked += 1
                assert test.match(s[0]), (name, s)
    assert checked > 50  # the probes do exercise the patterns


@pytest.mark.parametrize("name", ["stamp", "stamp_at_end", "rights", "cookie", "consent", "date", "metadata_full"])
def test_gated_patterns_find_the_same_matches(name):
    """gated(p) is p behind a lookahead: identical matches, spans and groups."""
    pattern = getattr(load_patterns(), name)
    pattern = getattr(pattern, "full", pattern)  # a KeyedSearch: its whole alternation
    raw = re.compile(pattern.pattern[pattern.pattern.index(")(?:") + 4 : -1], pattern.flags) \
        if pattern.pattern.startswith("(?=[") else pattern
    fast = gated(raw)
    for s in _probe_strings():
        a = [(m.span(), m.groupdict()) for m in raw.finditer(s)]
        b = [(m.span(), m.groupdict()) for m in fast.finditer(s)]
        assert a == b, (name, s)


@pytest.mark.parametrize("pattern, reason", [
    (re.compile(r"a*"), "can match the empty string"),
    (re.compile(r".x"), "any character first"),
    (re.compile(r"[^a]x"), "negated class"),
    (re.compile(r"(?i:a)b"), "local flags"),
    (re.compile(r"(a)\1"), "back-reference after a literal is fine"),
])
def test_first_class_gives_up_when_unsure(pattern, reason):
    cls = first_class(pattern)
    if reason.endswith("is fine"):
        assert cls == "[a]", reason
    else:
        assert cls is None, reason


def _word_lists(node, path=()):
    """Every list of strings in a rules mapping, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _word_lists(value, path + (str(key),))
    elif isinstance(node, list) and node and all(isinstance(w, str) for w in node):
        yield path, node


def _all_word_lists():
    found = []
    for name in ("boilerplate.yaml", "boilerplate_extra.yaml", "dates.yaml"):
        rules = yaml.safe_load((ROOT / "newsmill" / "rules" / name).read_text("utf-8"))
        found += [(name, "/".join(path), words) for path, words in _word_lists(rules)]
    return found


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0], ids=["ignorecase", "exact-case"])
def test_grouped_alternation_matches_like_the_flat_one(flags):
    """Grouping a word list's phrases by first letter changes no match: every list of the rules,
    searched in each phrase's casings and in test lines, case-insensitive or not (including
    ı/İ/i and ſ/s, which fold across letters)."""
    lists = _all_word_lists() + [("tricky", "letters", ["May", "mart", "March", "İyun", "iyul", "ıx", "ſa", "sa", "K", "k", "K"])]
    assert len(lists) > 50
    lines = _probe_strings()[::13]
    for source, path, words in lists:
        flat = re.compile(r"(?:" + flat_alternation(words) + r")(?:\.|\s+\d+)?", flags)
        grouped = re.compile(r"(?:" + alternation(words, flags) + r")(?:\.|\s+\d+)?", flags)
        probes = [v + tail for w in flatten(words) for v in (w, w.upper(), w.lower(), w.title())
                  for tail in ("", ".", " 12", "x")] + lines
        for text in probes:
            a = [m.span() for m in flat.finditer(text)]
            assert a == [m.span() for m in grouped.finditer(text)], (source, path, text)


def test_literal_keys_survive_lower_casing():
    """Each key letter is matched case-insensitively only by characters whose lower case is that letter,
    so a line a word list matches holds the key in its lower case (the premise of ctx.containing)."""
    unsafe = _unsafe_key_chars()
    if unsafe is None:
        pytest.skip("this Python does not expose re's case table")
    letters = {c for name in ("rights", "cookie") for key in (load_patterns().keys[name] or ()) for c in key}
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in sorted(letters):
        matched = set(re.findall(re.escape(letter), everything, re.IGNORECASE))
        assert {c.replace("İ", "I").lower() for c in matched} == {letter}, letter


@pytest.mark.parametrize("list_path", [("footer", "rights"), ("footer", "cookie_words"), ("footer", "consent_words")])
def test_keyed_search_finds_what_the_whole_alternation_finds(list_path):
    """KeyedSearch tries only the phrases whose key the line holds: the same match (span) as
    the whole word list on every test line, the probes, and every phrase in three casings."""
    words = RULES[list_path[0]][list_path[1]]
    keyed = KeyedSearch(words)
    # rights and cookie words have literal keys, so the keyed path is the one tested; the consent
    # stems of scripts with case-folding traps (Georgian) have none: the whole pattern answers
    assert bool(keyed._by_key) == (literal_keys(words) is not None)
    assert keyed._by_key or list_path[1] == "consent_words"
    phrases = [w for w in flatten(words) if w.strip()]
    texts = _line_texts() + list(_probe_strings()) + [
        f(f"x {w} y") for w in phrases for f in (str, str.upper, str.title)]
    found = 0
    for text in texts:
        a, b = keyed.full.search(text), keyed.search(text)
        assert (a and a.span()) == (b and b.span()), text
        found += a is not None
    assert found >= len(phrases) * 3


def test_literal_keys_cover_each_phrase():
    for name, words in (("rights", RULES["footer"]["rights"]), ("cookie", RULES["footer"]["cookie_words"])):
        keys = literal_keys(words)
        assert keys, name
        for phrase in flatten(words):
            assert any(k in phrase.lower() for k in keys), (name, phrase)


def test_patterns_dataclass_keeps_its_word_list_keys():
    assert isinstance(load_patterns(), Patterns) and set(load_patterns().keys) == {"rights", "cookie"}


def test_norm_key_of_nfkc_changes():
    """A sanity anchor for the keys above: the key really is NFKC + casefold without non-word characters."""
    assert norm_key("ﬁ-Straße_1") == unicodedata.normalize("NFKC", "fistrasse1").casefold()


# --- the bounds and shortcuts of the third round (each premise checked directly) -----------

# Dates in every form the rules know, glued by what may sit between stamps in a run-on line.
_DATES = ["10 March 2024", "March 10, 2024", "Nov. 24", "2024-03-10T13:20:00+04:00", "2024-3-1",
          "25.08.2022", "6-02-26", "5/8/2024", "10 марта 2024 г.", "Февраль 2026", "5 Mart 2024",
          "12 наурыз 2024 ж.", "1st", "March 1st, 2024", "3 iyul 2024 il", "10. März", "9 May",
          "May 9", "12:30", "8:55 PM", "13:20 (UTC+04:00)", "10 March 2024, 10:15 MSK", "٣ March"]
_GLUE = [" ", "", "-", "/", ".", ":", " | ", "x", "12", " — ", ". ", "\u00a0", "\t"]


def _stamp_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_DATES) + rng.choice(_GLUE) + rng.choice(["", "Headline ", "1 "])
                    for _ in range(rng.randint(1, 6))) for _ in range(count)]


def _line_texts() -> list[str]:
    return [ln.text for text in all_texts() for ln in split_lines(text)] + _stamp_lines(0, 3000)


def test_date_anchors_bound_dated_stamps():
    """runon_headlines skips a line with fewer `_DATE_ANCHOR` matches than it needs dated stamps:
    every dated stamp must hold a match of its own."""
    p = load_patterns()
    for text in _line_texts():
        dated = [m for m in p.stamp.finditer(text) if p.date.match(m.group())]
        assert len(boilerplate._DATE_ANCHOR.findall(text)) >= len(dated), text


@pytest.mark.parametrize("text, reason", [
    ("Home | News / World · Sport • Video, More", "every separator character"),
    ("  lead and trail  ", "edge whitespace: no empty tokens"),
    ("a\u00a0b\u2003c\x1cd\x85e", "exotic whitespace that `\\s` and str.split agree on"),
    ("||//", "only separators"),
    ("", "empty"),
])
def test_tokens_equal_the_regex_split(text, reason):
    ctx = boilerplate._Ctx(text, [Line(0, len(text), text, 0)], load_patterns())
    assert ctx.tokens(0) == [t for t in boilerplate._TOKEN_SPLIT.split(text) if t], reason


def test_regex_whitespace_is_str_whitespace():
    """tokens() relies on str.split splitting on exactly the characters `\\s` matches."""
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(r"\s", every) == [c for c in every if c.isspace()]


def test_month_year_lines_end_as_the_shortcut_expects():
    """calendar_block tests the last character before month_year_line: the rule must still end
    with a year (its digits) and the closers `_MONTH_YEAR_CLOSERS` lists, and every line the
    regex accepts passes the shortcut."""
    fragments = RULES["dates"]["fragments"]
    assert fragments["month_year"].endswith("<<year>>") and fragments["year"].endswith(r"\d{2}")
    assert load_patterns().month_year_line.pattern.endswith("[" + "".join(sorted(boilerplate._MONTH_YEAR_CLOSERS,
                                                                                   key="»›>→".index)) + r"\s]*$")
    lines = _line_texts() + ["« March 2024 »", "Февраль 2026 → ", "Mart 2024\u00a0", "May ٢٠٢٤"]
    for text in lines:
        if load_patterns().month_year_line.match(text):
            assert boilerplate._may_end_month_year(text), text


def test_second_word_shortcut_only_rejects_lines_with_an_uncapitalised_token():
    """menu_line skips a line whose second word opens in lower case without splitting it: such a
    line always holds a token that opens with no menu item's letter (menus are capitalised, or in a
    script written without capitals)."""
    menus = ["Home News Politics", "Home | News | Sport", "Home |news", "ГЛАВНАЯ НОВОСТИ", "Home ·News",
             "Home 2 News", "Home ,news, Sport", "İDMAN İQTİSADİYYAT", "Home\u00a0news", "Ǆungla Ǆ"]
    for text in _line_texts() + menus:
        if boilerplate._second_word_unlike_menu(text):
            tokens = text.translate(boilerplate._TOKEN_SPLIT_SPACES).split()
            assert not all(boilerplate._opens_menu_item(t[0]) for t in tokens), text
    assert boilerplate._second_word_unlike_menu("Bakan Şimşek enflasyon hedefini açıkladı") is False
    assert boilerplate._second_word_unlike_menu("Minister said on Monday") is True


# --- the fourth round: timestamp_run tests stamps only in chains of possibly stamped lines --------

_RUN_LINES = {  # one layout letter per kind of line timestamp_run tells apart
    "S": "10:15 Minister opens the new terminal",  # stamped headline (stamp first)
    "E": "Budget talks resume in Baku 12.03.2024",  # stamped headline (stamp last)
    "O": "10:15",  # stamp-only line: its plain neighbours join the run
    "P": "A plain headline without a stamp",  # joins only beside a stamp-only line
    "N": "In 2024 the fund grew by 5.5 percent, officials said on Monday in Astana.",  # precise stamp inside only
    "X": "The minister said the talks went well and would go on.",  # prose
}


def _run_layouts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice("SEOPNX") for _ in range(rng.randint(1, 14))) for _ in range(count)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_timestamp_run_chains_give_the_plain_answer(seed):
    """Skipping the stamp test outside chains of possibly stamped lines finds the same runs
    as testing every line (layouts: gaps of 1 to 4 lines, stamp-only lines with plain
    headlines beside them, lines with a precise stamp inside but none at an edge)."""
    layouts = _run_layouts(seed, 1500) + ["SPPS" * 2, "OPPOPPO", "SXXXSXXXS", "SXXSXXS", "OPXPO" * 2, "NNNSSS", "SNSNS"]
    found = 0
    for layout in layouts:
        text = "\n".join(_RUN_LINES[c] for c in layout)
        lines = split_lines(text)
        fast = list(boilerplate.timestamp_run(boilerplate._Ctx(text, lines, load_patterns())))
        plain = list(boilerplate.timestamp_run(boilerplate._Ctx(text, lines, load_patterns(), prefilter=False)))
        assert fast == plain, layout
        found += bool(fast)
    assert found > 100  # the layouts do hold runs


@pytest.mark.parametrize("indexes, gap, need, kept", [
    ([], 3, 3, []),
    ([1, 2], 3, 3, []),
    ([1, 4, 7], 3, 3, [1, 4, 7]),  # gaps of exactly `gap` chain
    ([1, 5, 9], 3, 3, []),  # one more breaks the chain
    ([0, 1, 2, 10, 20, 21, 22, 23], 3, 3, [0, 1, 2, 20, 21, 22, 23]),
    ([0, 3, 6, 10, 11], 3, 3, [0, 3, 6]),
    ([5], 3, 1, [5]),
])
def test_in_chains(indexes, gap, need, kept):
    assert boilerplate._in_chains(indexes, gap, need) == kept


@pytest.mark.parametrize("texts, reason", [
    (["Home", "home", "10:15 x", "« Next", "Читайте также", "İlgili"], "cases, digits, symbols, other scripts"),
    (["", "Read also", ""], "empty texts (a caller's lines): no first character rules them out"),
    ([" Read also", "\tViews: 3"], "unstripped texts: whitespace passes every gate"),
    (["Read also: x"] * 3, "one distinct first character"),
    ([], "no lines"),
])
def test_starting_gives_the_per_line_gate_answer(texts, reason):
    """ctx.starting scans the distinct first characters once: the same lines as testing each line's own."""
    lines = [Line(0, len(t), t, 0) for t in texts]
    ctx = boilerplate._Ctx("\n".join(texts), lines, load_patterns())
    for name, pattern in _patterns().items():
        test = gate(pattern)
        if test is None:
            continue
        assert list(ctx.starting(pattern)) == [i for i, t in enumerate(texts) if not t or test.match(t[0])], (name, reason)


def test_ascii_date_anchor_finds_what_the_unicode_one_finds_in_ascii_text():
    """runon_headlines counts anchors in an ASCII line with `[0-9]` in place of `\\d`: the same matches there."""
    ascii_lines = [t for t in _line_texts() if t.isascii()] + ["5 March", "x5 March", "2024-03-10", " 9 May 12"]
    assert len(ascii_lines) > 1000
    for text in ascii_lines:
        assert boilerplate._DATE_ANCHOR_ASCII.findall(text) == boilerplate._DATE_ANCHOR.findall(text), text
    assert boilerplate._DATE_ANCHOR.findall("٣ March") and not boilerplate._DATE_ANCHOR_ASCII.findall("٣ March")


def test_anchor_bound_is_never_below_the_regex_count():
    """runon_headlines skips a line whose byte-counted `_anchor_bound` is below what it needs: the
    bound must never undercount `_DATE_ANCHOR`'s matches (lines of every test document, stamp
    lines, and random strings of digits, separators and look-alike digits of other scripts)."""
    rng = random.Random(3)
    alphabet = list("0123456789 -./:_aZ\n\t,;()") + ["\u00a0", "я", "é", "«", "—", "🔴", "١", "۵", "०", "５", "𝟎"]
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(20_000)]
    tight = 0
    for text in _line_texts() + noise:
        bound, found = boilerplate._anchor_bound(text), len(boilerplate._DATE_ANCHOR.findall(text))
        assert bound is None or bound >= found, text
        tight += bound == found
    assert tight > 8_000  # and mostly exact (8,871 of 26,878 at writing): a loose bound would skip nothing
    assert boilerplate._anchor_bound("١٢ مارس") is None  # Arabic-Indic digits: the regex decides


def test_digit_leads_are_the_first_bytes_of_every_non_ascii_digit():
    """`_anchor_bound` hands a line to the regex when it holds a byte that may open a non-ASCII
    `\\d`: the list must name the first UTF-8 byte of every such character."""
    digit = re.compile(r"\d")
    leads = {chr(c).encode()[0] for c in range(0x80, sys.maxunicode + 1)
             if not 0xD800 <= c <= 0xDFFF and digit.match(chr(c))}
    assert leads == set(boilerplate._DIGIT_LEADS)


@pytest.mark.parametrize("name", ["stamp", "stamp_at_end"])
def test_word_boundary_before_the_gate_changes_no_match(name):
    """`stamp` and `stamp_at_end` open with (?<!\\w) before their gate (a word-interior position then
    fails at once); both branches, date and time, already require it, so every match is the same."""
    pattern = getattr(load_patterns(), name)
    assert pattern.pattern.startswith(r"(?<!\w)(?=[")
    without = re.compile(pattern.pattern[len(r"(?<!\w)"):], pattern.flags)
    texts = _line_texts() + _probe_strings() + ["x12:30", "a2024-03-10", "_5 May", "é10 March 2024", "٣12:30"]
    matched = 0
    for s in texts:
        a = [(m.span(), m.groupdict()) for m in without.finditer(s)]
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(s)] == a, (name, s)
        matched += bool(a)
    assert matched > 100


def _is_day_run_before(text: str) -> bool:
    """_is_day_run before it skipped first days the text cannot open with (the reference)."""
    if not boilerplate._DIGITS_ONLY.match(text) or len(text) > 100:
        return False
    tokens = text.split()
    if len(tokens) > 1:
        nums = [int(t) for t in tokens]
        return all(1 <= n <= 31 for n in nums) and all(b == a + 1 for a, b in zip(nums, nums[1:]))
    for first in range(1, 32):
        joined, day = "", first
        while len(joined) < len(text) and day <= 31:
            joined, day = joined + str(day), day + 1
        if joined == text:
            return True
    return False


def test_day_run_answers_as_before():
    runs = ["".join(str(d) for d in range(a, b + 1)) for a in range(1, 32) for b in range(a, 32)]
    rng = random.Random(3)
    noise = ["".join(rng.choice("0123456789") for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    edge = ["0", "01", "00123", "   ", " 123", "123 ", "9 10 11", "٣", "٣٤", "3233", "313233", "1" * 101]
    texts = runs + [r[1:] for r in runs] + [r[:-1] for r in runs] + noise + edge
    assert sum(boilerplate._is_day_run(t) for t in texts) > 400
    for text in texts:
        assert boilerplate._is_day_run(text) == _is_day_run_before(text), text


_MANY = ("cookie", "çerez", "куки", "ookie", "rights", "права", "kuk", "©", "(c", "|")  # past the automaton's threshold


@pytest.mark.parametrize("texts, reason", [
    (["We use cookies | OK", "All rights reserved ©", "plain prose line", "Все права защищены"], "one hit per needle kind"),
    (["cookie cookie ookie", "x" * 300 + " cookie", "kukkuk"], "overlapping needles, a line past the short tier"),
    (["y" * 300 + " çerez", "z" * 300, "w" * 450 + " куки", "v" * 600 + " cookie", "cookie"], "longer lines read one by one"),
    (["Cookie\nrights", "", "  ©  "], "a caller's texts: newlines inside, empty, unstripped"),
    (["İSTANBUL ÇEREZ politikası", "çerez"], "'İ' lower-cases to two characters: the lower view keeps every line"),
    ([], "no lines"),
])
def test_holding_gives_the_per_line_answer(texts, reason):
    """holding / holding_lower (a search per needle, or one automaton pass for many needles over the
    short lines) find exactly the lines a per-line test finds, within the view's length tier."""
    lines = [Line(0, len(t), t, 0) for t in texts]
    ctx = boilerplate._Ctx("\n".join(texts), lines, load_patterns())
    for needles in (_MANY, _MANY[:3], ("rights", "nothing-here"), _MANY + ("politika",)):  # the last adds needles
        for limit in (100, 250, 400, math.inf):
            tier = ctx._tier(limit)
            fits = [i for i, t in enumerate(texts) if len(t) <= tier]
            assert list(ctx.holding(needles, limit)) == [i for i in fits if any(n in texts[i] for n in needles)], reason
            low = [t.replace("İ", "I").lower() for t in texts]
            moved = any(len(low[i]) != len(texts[i]) for i in fits)
            found = list(ctx.holding_lower(needles, limit))
            if moved:
                assert found == list(range(len(texts))), reason
                continue
            # every line within the limit that holds a needle, and no other line but such ones up to the tier
            assert [i for i in found if len(texts[i]) <= limit] == [
                i for i, t in enumerate(texts) if len(t) <= limit and any(n in low[i] for n in needles)], (reason, needles, limit)
            assert all(i in fits and any(n in low[i] for n in needles) for i in found), (reason, needles, limit)


def test_needle_index_refuses_needles_it_cannot_place():
    """An empty needle would match everywhere and one with a newline spans lines: both are a caller's bug."""
    from newsmill.needles import NeedleIndex

    for bad in ("", "a\nb"):
        with pytest.raises(ValueError):
            NeedleIndex().ids(("ok", bad))
