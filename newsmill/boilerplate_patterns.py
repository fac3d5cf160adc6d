"""Load rules/boilerplate.yaml once and compile its word lists and date fragments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsmill.regex_gates import gated
from newsmill.rule_files import read_rules

_FLAGS = re.IGNORECASE | re.UNICODE
_PLACEHOLDER = re.compile(r"<<(\w+)>>")


def flatten(words: Any) -> list[str]:
    """Words of a list or of a {language: list} mapping, in one list."""
    if isinstance(words, dict):
        return [w for group in words.values() for w in flatten(group)]
    return [str(w) for w in words]


# Uzbek (and Turkish names) write the o‘ / gʻ apostrophe four ways, as fonts and keyboards allow:
# in a word list's phrase any of them matches any other.
_APOSTROPHES = "ʻ‘’'`"
_ANY_APOSTROPHE = str.maketrans(dict.fromkeys(_APOSTROPHES, "[" + _APOSTROPHES + "]"))  # (re.escape leaves them)


def _escape(text: str) -> str:
    """`re.escape(text)`, each apostrophe of `_APOSTROPHES` matching any of them."""
    return re.escape(text).translate(_ANY_APOSTROPHE)


def flat_alternation(words: Any) -> str:
    """Non-capturing alternation of escaped phrases, longest first; spaces match any whitespace.
    (The reference `alternation` must match like: every phrase its own branch.)"""
    phrases = _phrases(words)
    parts = [r"\s+".join(_escape(p) for p in phrase.split()) for phrase in phrases]
    if not parts:
        return "(?:)"
    # The lookahead only repeats what the branches need (one of their first characters), but
    # it lets a search skip most positions with one test instead of trying every branch.
    firsts = "".join(sorted({re.escape(phrase[0]) for phrase in phrases}))
    return "(?=[" + firsts + "])(?:" + "|".join(parts) + ")"


def alternation(words: Any, flags: int = _FLAGS) -> str:
    """`flat_alternation(words)` with the branches grouped by first letter, for a pattern
    compiled with `flags`.

    Same matches: phrases whose first letters match the same characters under `flags` share
    a group headed by that letter, in their longest-first order; no character can start
    phrases of two groups, so the order between groups does not matter.  A search or match
    then tests one head per group instead of entering every phrase (month names: ~110; a
    word list in a dozen languages: hundreds).
    """
    phrases = _phrases(words)
    if not phrases:
        return "(?:)"
    heads: list[str] = []  # one first letter per group, in order of first appearance
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        head = next((h for h in heads if re.fullmatch(re.escape(h), phrase[0], flags)), None)
        if head is None:
            heads.append(head := phrase[0])
        rest = r"\s+".join(_escape(p) for p in phrase.split())[len(_escape(phrase[0])):]
        groups.setdefault(head, []).append(rest)
    firsts = "".join(sorted({re.escape(phrase[0]) for phrase in phrases}))
    body = "|".join(re.escape(h) + "(?:" + "|".join(groups[h]) + ")" for h in heads)
    return "(?=[" + firsts + "])(?:" + body + ")"


def _phrases(words: Any) -> list[str]:
    """The distinct stripped phrases of a word list, longest first."""
    return sorted({w.strip() for w in flatten(words) if w.strip()}, key=len, reverse=True)


def whole_line(words: Any, tail: str = r"[\s:.!…]*", head: str = "") -> re.Pattern[str]:
    """A line that is exactly one of the phrases (plus trailing punctuation, and what `head` allows before it)."""
    return re.compile(r"^" + head + alternation(words) + tail + r"$", _FLAGS)


def line_start(words: Any) -> re.Pattern[str]:
    """A line beginning with one of the phrases as whole words."""
    return re.compile(r"^" + alternation(words) + r"(?!\w)", _FLAGS)


def _unsafe_key_chars() -> frozenset[str] | None:
    """Lowercase letters that case-insensitive matching equates with a different letter.

    Python's re also matches e.g. 'ı' for 'i' and 'ᲂ' for Cyrillic 'о' under IGNORECASE,
    which `str.lower()` does not reproduce; 'İ' lower-cases to two characters.  A literal key
    made of other letters is found in `text.lower()` wherever the case-insensitive pattern
    matches.  None when this Python does not expose the table (then keys are not used).
    """
    try:
        from re._casefix import _EXTRA_CASES  # the table the re compiler itself uses (3.11+)
    except ImportError:  # pragma: no cover - other Python versions
        return None
    return frozenset(chr(c) for c in _EXTRA_CASES) | frozenset(chr(c) for v in _EXTRA_CASES.values() for c in v) | {"i"}


def literal_keys(words: Any) -> tuple[str, ...] | None:
    """Per phrase, its longest run of 'safe' lowercase letters: a line matching the phrase
    case-insensitively contains that run in `line.lower()` (see `_unsafe_key_chars`).

    None when some phrase has no run of two safe characters: the list cannot be pre-filtered.
    """
    unsafe = _unsafe_key_chars()
    if unsafe is None:
        return None
    keys = set()
    for phrase in flatten(words):
        runs = re.split("[" + re.escape("".join(sorted(unsafe)) + _APOSTROPHES) + r"\W_]+", phrase.strip().lower())
        best = max(runs, key=len, default="")
        if len(best) < 2 or len(best) != len(best.upper().lower()):
            return None
        keys.add(best)
    # a line holding a longer key that contains a shorter one holds the shorter one too
    return tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))


class KeyedSearch:
    """`search` of `gated(re.compile(alternation(words), flags))` trying only the phrases whose
    literal key the text's lower case holds.

    The engine tries every phrase of a word list at each position it reaches: the rights
    notices of a dozen languages cost ~35 µs per line that way.  A phrase matches only a text
    whose lower case holds its key (`literal_keys`), so the phrases with absent keys cannot
    take part, and the alternation of the others, in the same order, finds the same match.
    One pattern is compiled per set of keys met (few: a line holds one or two).
    """

    def __init__(self, words: Any, flags: int = _FLAGS) -> None:
        self.full = gated(re.compile(alternation(words), flags))
        self._flags = flags
        self._subsets: dict[tuple[str, ...], re.Pattern[str]] = {}
        keys = literal_keys(words)
        self._by_key: dict[str, list[str]] | None = None
        if keys is not None:
            self._by_key = {}
            for phrase in sorted({w.strip() for w in flatten(words) if w.strip()}):
                (own,) = literal_keys([phrase]) or ("",)
                key = next(k for k in keys if k in own)  # the kept key inside the phrase's own
                self._by_key.setdefault(key, []).append(phrase)

    def search(self, text: str) -> re.Match[str] | None:
        if self._by_key is None:
            return self.full.search(text)
        low = text.lower()
        held = tuple(k for k in self._by_key if k in low)
        if not held:
            return None
        pattern = self._subsets.get(held)
        if pattern is None:
            if len(self._subsets) >= 512:
                self._subsets.clear()
            phrases = [p for k in held for p in self._by_key[k]]
            pattern = self._subsets[held] = gated(re.compile(alternation(phrases), self._flags))
        return pattern.search(text)


def expand_fragments(fragments: dict[str, str], lists: dict[str, str]) -> dict[str, str]:
    """Resolve <<name>> references: earlier fragments and word-list alternations."""
    done: dict[str, str] = dict(lists)

    def sub(match: re.Match[str]) -> str:
        return "(?:" + done[match.group(1)] + ")"

    for name, body in fragments.items():
        done[name] = _PLACEHOLDER.sub(sub, body)
    return done


@dataclass(frozen=True)
class Patterns:
    """Everything the detectors need from the YAML, compiled."""

    cfg: dict[str, int | float]
    date: re.Pattern[str]
    stamp: re.Pattern[str]
    stamp_at_start: re.Pattern[str]
    stamp_at_end: re.Pattern[str]
    stamp_only: re.Pattern[str]
    metadata_full: re.Pattern[str]
    metadata_prefix: re.Pattern[str]
    month_year_line: re.Pattern[str]
    read_also: re.Pattern[str]
    counter: re.Pattern[str]
    comments: re.Pattern[str]
    comments_title: re.Pattern[str]  # '4 thoughts on “Title”': a thread's heading naming the post
    ornaments: frozenset[str]  # single-character section breaks ('⁂')
    nav_phrases: re.Pattern[str]
    menu_words: frozenset[str]
    home_words: frozenset[str]
    menu_phrases: frozenset[str]  # the two-word menu items ('ana səhifə'), casefolded
    languages: frozenset[str]
    share_start: re.Pattern[str]
    share_whole: re.Pattern[str]
    networks: frozenset[str]
    credit_start: re.Pattern[str]
    rights: KeyedSearch
    footer_whole: re.Pattern[str]
    cookie: re.Pattern[str]
    consent: re.Pattern[str]
    cookie_button: re.Pattern[str]
    addressing: re.Pattern[str]  # 'we', 'your', 'siz', 'наш сайт': a banner speaks for the site to the reader
    cjk_cookie: tuple[str, ...]   # cookie words, lower case, for lines without spaces (Chinese, Japanese)
    cjk_consent: tuple[str, ...]  # ... and the consent phrases found anywhere in them
    cjk_addressing: tuple[str, ...]  # ... and the words by which a banner speaks for the site to the reader
    calendar_heading: re.Pattern[str]
    weekday_line: re.Pattern[str]
    # Literal keys of searched word lists (boilerplate.py uses them only to skip lines that cannot match).
    keys: dict[str, tuple[str, ...] | None] = field(default_factory=dict)


def _searched_at_word_start(source: str) -> re.Pattern[str]:
    r"""A searched pattern whose matches all start a word: gated on its first character, with
    (?<!\w) tested before the gate, so a position inside a word fails at once. Only for
    patterns that already require (?<!\w) where they start: it then changes no match."""
    return re.compile(r"(?<!\w)" + gated(re.compile(source, _FLAGS)).pattern, _FLAGS)


def _stamp_patterns(frag: dict[str, str]) -> dict[str, re.Pattern[str]]:
    stamp, sep = "(?P<stamp>" + frag["stamp"] + ")", r"[\s|·•,:\-–—()\[\]]*"
    return {
        "date": re.compile(frag["date"], _FLAGS),
        "stamp": _searched_at_word_start(stamp),  # its branches, date and time, both require (?<!\w)
        "stamp_at_start": re.compile(r"^" + sep + stamp + r"(?!\w)", _FLAGS),
        "stamp_at_end": _searched_at_word_start(r"(?<!\w)" + stamp + sep + r"$"),
        "stamp_only": re.compile(r"^" + sep + stamp + sep + r"$", _FLAGS),
        "month_year_line": re.compile(r"^[«‹<←\s]*" + frag["month_year"] + r"[»›>→\s]*$", _FLAGS),
    }


def _metadata_patterns(frag: dict[str, str], labels: Any) -> dict[str, re.Pattern[str]]:
    head = r"^(?:(?P<label>" + alternation(labels) + r")\s*[:：՝]?\s*)?(?P<hash>#\s*)?"
    # "(?:\s*,)?\s*" rather than "\s*,?\s*": two adjacent whitespace runs backtrack quadratically
    dates = r"(?:" + frag["date"] + r")(?:(?:\s*,)?\s*(?:" + frag["date"] + r"))*"
    clock = r"(?:(?:\s*[,|·•])?\s*(?:at\s+|в\s+|saat\s+)?(?:" + frag["time"] + r"))?"
    zone = r"(?:\s*(?:" + frag["zone"] + r"))?"
    tail = r"(?:\s*[|·•/]\s*(?:(?:" + frag["time"] + r")|(?:" + frag["section"] + r")))*"
    core = head + r"(?P<stamp>" + dates + clock + zone + r")"
    return {
        "metadata_full": re.compile(core + tail + r"\s*$", _FLAGS),
        "metadata_prefix": re.compile(core + r"(?=\s)", _FLAGS),
    }


def _counter_pattern(nouns: Any, units: Any = (), buttons: Any = ()) -> re.Pattern[str]:
    num = r"\d+(?:[ .,\u00a0٬]\d+)*[kKкКmMмМ万千]?"  # 317, 1 204, 1.250, 1.2K, 3.2万, ۲٬۴۱۸; one separator char each
    if units:  # 'Okuma süresi: 4 dk': a reading time's unit after its number ('6 302-ჯერ': joined by a hyphen)
        num += r"(?:(?:-|\s*)" + alternation(units) + r"\.?)?"
    noun = alternation(nouns)
    icons = r"[👁️💬⏱🕒🕑❤️👍♡♥↻🔁]"
    # a count after its noun, before it, or after an icon that stands for the noun ('👁 3,418', '♡ 312   ↻ 28')
    one = (r"(?:" + icons + r"*\s*(?:" + noun + r"\s*[:：՝]?\s*" + num + r"|" + num + r"\s*" + noun + r")|"
           + icons + r"+\s*" + num + r")")
    # the row may close with its share button ('♡ 312   💬 47   ↻ 28   Share')
    share = r"(?:\s*[|·•,/∙]?\s*" + alternation(buttons) + r")?" if buttons else ""
    return re.compile(r"^" + one + r"(?:\s*[|·•,/∙]?\s*" + one + r")*" + share + r"\s*$", _FLAGS)


def _comments_pattern(nouns: Any, phrases: Any) -> re.Pattern[str]:
    noun = alternation(nouns)
    count = r"\d{1,6}\s*" + noun + r"|" + noun + r"\s*(?:[:：՝]?\s*\d{1,6}|\(\s*\d{1,6}\s*\))"  # 'Comments 142' too
    prompt = alternation(phrases)
    # the count alone, the count after its prompt ('Réagir · 23 contributions'), or the prompt alone
    return re.compile(
        r"^(?:(?:" + prompt + r")\s*[·•|:–—-]\s*)?(?:[💬🗨️]*\s*(?:" + count + r")|" + prompt + r")[\s:.!…]*$", _FLAGS
    )


def _nav_pattern(phrases: Any) -> re.Pattern[str]:
    # Separators belong to the phrase before them only, so a line splits one way (no backtracking).
    arrows = r"[«‹<←»›>→↑▲⬆\s|/·•:]*"  # '↑' after 'Back to top'
    return re.compile(r"^[«‹<←↑▲⬆\s]*(?:" + alternation(phrases) + arrows + r")+$", _FLAGS)  # or before it: '▲ Վերև'


def _weekday_pattern(weekdays: Any, minimum: int) -> re.Pattern[str]:
    day = alternation(weekdays)
    return re.compile(r"^(?:" + day + r"[\s.,|/]*){" + str(minimum) + r",8}$", _FLAGS)


def _lower_set(words: Any) -> frozenset[str]:
    return frozenset(w.casefold() for w in flatten(words))


def compile_rules(rules: dict[str, Any]) -> Patterns:
    """Compile a parsed rules mapping (the YAML's shape) into `Patterns`."""
    cfg = rules["thresholds"]
    d = rules["dates"]
    lists = {"months": alternation(d["months"]), "zones": alternation(d["zones"])}
    frag = expand_fragments(d["fragments"], lists)
    nav, share, foot = rules["navigation"], rules["share"], rules["footer"]
    return Patterns(
        cfg=cfg,
        **_stamp_patterns(frag),
        **_metadata_patterns(frag, rules["metadata"]["labels"]),
        read_also=re.compile(
            r"^(?:[➜➔→►▶▸»>•📌👉➡🔗⚡🔥]\ufe0f?\s*)?" + alternation(rules["cues"]["read_also"])
            + r"\s*(?:[:：՝»>→➜➔►▶▸—–\-|]|\.\.\.|…|$)",
            _FLAGS  # an arrow, bullet or pin may open the insert ('➜ Shuningdek o'qing: ...', '📌 Also read: ...'),
            # and a pointer may part the cue from the headline ('OKUNUZ ► ...')
        ),
        counter=_counter_pattern(rules["counter"]["nouns"], rules["counter"].get("units", ()),
                                 rules["counter"].get("row_buttons", ())),
        comments=_comments_pattern(rules["comments"]["nouns"], rules["comments"]["phrases"]),
        comments_title=re.compile(
            r"^(?:\d{1,6}|one|ein|eine|un|une|uno|una)\s+" + alternation(rules["comments"]["title_phrases"])
            + r"\s*[“\"„«‹'‘‚].*[”\"“»›'’]\s*:?$", _FLAGS),  # ... and the line ends with the quote
        ornaments=frozenset(flatten(rules["separators"]["ornaments"])),
        nav_phrases=_nav_pattern(nav["phrases"]),
        menu_words=_lower_set(nav["menu_words"]),
        home_words=_lower_set(nav["home_words"]),
        menu_phrases=frozenset(w for w in _lower_set(nav["menu_words"]) | _lower_set(nav["home_words"]) if len(w.split()) == 2),
        languages=frozenset(flatten(nav["languages"])),
        share_start=line_start(share["line_starts"]),
        share_whole=whole_line(share["whole_line"]),
        networks=_lower_set(share["networks"]),
        credit_start=re.compile(
            r"^(?:©|\(c\)|" + alternation(rules["photo_credit"]["line_starts"]) + r"\s*[:：՝|/])", _FLAGS
        ),
        rights=KeyedSearch(foot["rights"]),
        footer_whole=whole_line(foot["whole_line"], tail=r"[\s:：՝.!…\-–—=*·•▾▼⌄↑▲⬆]*", head=r"[\-–—=*·•▶►🔴▲↑⬆\s]*"),  # '— Advertisement —', 'Реклама ▾'
        cookie=gated(re.compile(r"(?<!\w)" + alternation(foot["cookie_words"]), _FLAGS)),  # stems
        cjk_cookie=tuple(w.lower() for w in foot["cookie_words"]),
        cjk_consent=tuple(foot["cjk_consent"]),
        cjk_addressing=tuple(foot["cjk_addressing"]),
        consent=gated(re.compile(r"(?<!\w)" + alternation(foot["consent_words"]), _FLAGS)),
        cookie_button=whole_line(foot["buttons"], tail=r"[\s!.✓×x]*"),
        addressing=re.compile(r"(?<!\w)(?:" + alternation([w.rstrip("*") for w in foot["addressing_words"] if w.endswith("*")])
                              + r"|" + alternation([w for w in foot["addressing_words"] if not w.endswith("*")]) + r"(?!\w))", _FLAGS),
        calendar_heading=whole_line(rules["calendar"]["headings"]),
        weekday_line=_weekday_pattern(rules["calendar"]["weekdays"], cfg["calendar_min_weekdays"]),
        keys={
            "rights": literal_keys(foot["rights"]),
            "cookie": literal_keys(foot["cookie_words"]),
        },
    )


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """The packaged rules, compiled once per process."""
    return compile_rules(read_rules("boilerplate.yaml"))
